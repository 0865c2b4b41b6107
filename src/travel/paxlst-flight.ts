/**
 * The flight of a PAXLST list from its TDT groups: each TDT names a carrier and flight, its LOC/DTM pairs name the
 * airports it touches (125 departure, 87 arrival, 92 routing, 130 final destination). Consecutive mentions of the
 * same airport are one stop (arrival then onward departure); legs join consecutive stops.
 */
import { component, type EdifactSegment } from './edifact.js';
import type { LocalDateTime } from './dates.js';
import type { PaxlstFlight, PaxlstLeg } from './paxlst.types.js';

/** A LOC of a transport group with the DTMs that follow it. */
export interface StopDraft {
  qualifier: string;
  airport: string;
  arrival: LocalDateTime | undefined;
  departure: LocalDateTime | undefined;
}

/** A TDT segment and the stops read after it. */
export interface TransportDraft {
  readonly segment: EdifactSegment;
  readonly stops: StopDraft[];
}

/** A flight number as journey ids write it after the carrier: up to five digits, perhaps an operational suffix letter. */
const FLIGHT_NUMBER = /^\d{1,5}[A-Z]?$/;
/** A journey id written carrier first: IATA designators are two characters (letters, or a digit and a letter), ICAO ones three letters. */
const CARRIER_AND_NUMBER = /^([A-Z]{3}|[A-Z][A-Z0-9]|[0-9][A-Z])(\d{1,5}[A-Z]?)$/;

/**
 * Splits a journey id (`BA0117`, `U21234`, `KLM1234`) into carrier and flight number without leading zeros. The
 * carrier of TDT element 5 (`carrierHint`) is the carrier where it is given (it is how PNRGOV names the same flight),
 * and is taken off the front of the id only where a flight number follows it: with `KL` given, `KLM1234` is the
 * ICAO-coded KL 1234, not KL M1234. An id that is a flight number alone (`417`, `0417`) is that number of the given
 * carrier. An id of no known shape is kept whole as the flight number.
 */
export function splitJourney(journeyId: string, carrierHint: string): { carrier: string; flightNumber: string } {
  const id = journeyId.replace(/\s+/g, '').toUpperCase();
  const hint = carrierHint.trim().toUpperCase();
  let carrier = hint;
  let rest = id;
  if (hint !== '' && id.startsWith(hint) && FLIGHT_NUMBER.test(id.slice(hint.length))) rest = id.slice(hint.length);
  else if (!FLIGHT_NUMBER.test(id)) {
    const match = CARRIER_AND_NUMBER.exec(id);
    if (match !== null) {
      carrier ||= match[1]!;
      rest = match[2]!;
    }
  }
  const trimmed = rest.replace(/^0+(?=\d)/, '');
  return { carrier, flightNumber: trimmed };
}

function legsOf(transport: TransportDraft): PaxlstLeg[] {
  const tdt = transport.segment;
  const { carrier, flightNumber } = splitJourney(component(tdt, 1), component(tdt, 4));
  let stops = transport.stops.filter((stop) => stop.airport !== '');
  // The usual single leg may list LOC+87 before LOC+125: order by role, not by position.
  if (stops.length === 2 && stops[0]!.qualifier === '87' && stops[1]!.qualifier === '125')
    stops = [stops[1]!, stops[0]!];
  const merged: StopDraft[] = [];
  for (const stop of stops) {
    const previous = merged.at(-1);
    if (previous !== undefined && previous.airport === stop.airport) {
      previous.arrival ??= stop.arrival;
      previous.departure ??= stop.departure;
    } else merged.push({ ...stop });
  }
  const point = (stop: StopDraft | undefined, time: LocalDateTime | undefined) =>
    stop === undefined ? undefined : { airport: stop.airport, time };
  if (merged.length === 1) {
    const only = merged[0]!;
    const isArrival = only.qualifier === '87' || only.qualifier === '130';
    return [
      {
        kind: 'leg',
        carrier,
        flightNumber,
        departure: isArrival ? undefined : point(only, only.departure),
        arrival: isArrival ? point(only, only.arrival) : undefined,
      },
    ];
  }
  const legs: PaxlstLeg[] = [];
  for (let k = 0; k + 1 < merged.length; k++) {
    const from = merged[k]!;
    const to = merged[k + 1]!;
    legs.push({
      kind: 'leg',
      carrier,
      flightNumber,
      departure: point(from, from.departure),
      arrival: point(to, to.arrival),
    });
  }
  return legs;
}

/** The flight summary and every leg, from the TDT groups in message order. */
export function buildFlight(transports: readonly TransportDraft[]): PaxlstFlight {
  const first = transports[0]!.segment;
  const { carrier, flightNumber } = splitJourney(component(first, 1), component(first, 4));
  const legs = transports.flatMap(legsOf);
  const firstLeg = legs[0];
  const lastLeg = legs.at(-1);
  return {
    kind: 'flight',
    transportStage: component(first, 0),
    journeyId: component(first, 1),
    carrier,
    flightNumber,
    origin: firstLeg?.departure?.airport,
    destination: lastLeg?.arrival?.airport,
    scheduledDeparture: firstLeg?.departure?.time,
    scheduledArrival: lastLeg?.arrival?.time,
    legs,
  };
}
