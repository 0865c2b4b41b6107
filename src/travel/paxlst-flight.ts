/**
 * The flight of a PAXLST list from its TDT groups (docs/domain.md §1.2). Each TDT names a carrier and flight; its
 * LOC/DTM pairs name the airports it touches: LOC+125 the last departure before the reporting country (DTM+189) and
 * LOC+87 the first arrival in it (DTM+232), LOC+92 routing airports in pairs (departure, then arrival), LOC+130 the
 * final destination. Legs are built from those pairs only: the arrival of one pair is never joined to the departure of
 * another, and the final destination ends no leg. The list's flight is the first TDT's; its origin and destination are
 * the ends of the route its legs make through shared airports (a stop where the aircraft lands and goes on).
 */
import { EdifactParseError, type EdifactWarningCode } from './edifact-errors.js';
import { component, type EdifactSegment } from './edifact.js';
import type { LocalDateTime } from './dates.js';
import type { LegPoint, PaxlstFlight, PaxlstLeg } from './paxlst.types.js';

/** A LOC+125, +87 or +92 of a transport group with the DTMs that follow it. */
export interface StopDraft {
  readonly qualifier: '125' | '87' | '92';
  readonly airport: string;
  arrival: LocalDateTime | undefined;
  departure: LocalDateTime | undefined;
}

/** A TDT segment, the stops read after it and the final destination it names (LOC+130). */
export interface TransportDraft {
  readonly segment: EdifactSegment;
  readonly stops: StopDraft[];
  finalDestination: string | undefined;
}

type Warn = (code: EdifactWarningCode, segment: EdifactSegment, text: string) => void;

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

/**
 * Gives `stop` the time of a DTM after its LOC when it is one the stop takes, and says whether it was: a departure
 * time (189) for a departure airport or a routing stop, an arrival time (232) for an arrival airport or a routing stop.
 */
export function timeStop(stop: StopDraft, qualifier: string, time: LocalDateTime | undefined): boolean {
  if (qualifier === '189' && stop.qualifier !== '87' && stop.departure === undefined) stop.departure = time;
  else if (qualifier === '232' && stop.qualifier !== '125' && stop.arrival === undefined) stop.arrival = time;
  else return false;
  return true;
}

/** A leg of one TDT and the position of its first stop in the TDT, to keep the legs in message order. */
interface Link {
  readonly at: number;
  readonly from: StopDraft | undefined;
  readonly to: StopDraft | undefined;
}

/**
 * The legs one TDT's stops make. LOC+125 and LOC+87 pair in order, whichever comes first (the usual single leg may
 * list LOC+87 before LOC+125). LOC+92 stops pair in order, departure then arrival; a stop whose times say it is only
 * an arrival (DTM+232 alone) begins no leg, one that is only a departure (DTM+189 alone) ends none, and one with both
 * ends a leg and begins the next. A stop left without its pair is a leg with one end. `main` is the first 125/87 leg.
 */
function linksOf(stops: readonly StopDraft[]): { links: Link[]; main: Link | undefined } {
  const links: Link[] = [];
  const departures = stops.filter((s) => s.qualifier === '125');
  const arrivals = stops.filter((s) => s.qualifier === '87');
  for (let k = 0; k < departures.length || k < arrivals.length; k++) {
    const from = departures[k];
    const to = arrivals[k];
    const at = Math.min(
      from === undefined ? Infinity : stops.indexOf(from),
      to === undefined ? Infinity : stops.indexOf(to),
    );
    links.push({ at, from, to });
  }
  const main = links[0];
  let open: StopDraft | undefined; // the departure waiting for its arrival
  let through = false; // `open` already ended the leg before it
  for (let i = 0; i < stops.length; i++) {
    const stop = stops[i]!;
    if (stop.qualifier !== '92') continue;
    const onlyDeparture = stop.departure !== undefined && stop.arrival === undefined;
    const onlyArrival = stop.arrival !== undefined && stop.departure === undefined;
    if (open !== undefined && !onlyDeparture) {
      links.push({ at: stops.indexOf(open), from: open, to: stop });
      through = stop.arrival !== undefined && stop.departure !== undefined;
      open = through ? stop : undefined;
      continue;
    }
    if (open !== undefined && !through) links.push({ at: stops.indexOf(open), from: open, to: undefined });
    through = false;
    if (onlyArrival) {
      links.push({ at: i, from: undefined, to: stop });
      open = undefined;
    } else open = stop;
  }
  if (open !== undefined && !through) links.push({ at: stops.indexOf(open), from: open, to: undefined });
  links.sort((a, b) => a.at - b.at);
  return { links, main };
}

const point = (airport: string | undefined, time: LocalDateTime | undefined): LegPoint | undefined =>
  airport === undefined ? undefined : { airport, time };

/**
 * The route through `start`: the legs before it that end where it begins, and after it that begin where it ends,
 * followed as far as they go (each leg once).
 */
function routeThrough(start: PaxlstLeg, legs: readonly PaxlstLeg[]): { first: PaxlstLeg; last: PaxlstLeg } {
  const used = new Set([start]);
  let first = start;
  for (;;) {
    const from = first.departure?.airport;
    const before = from === undefined ? undefined : legs.find((l) => !used.has(l) && l.arrival?.airport === from);
    if (before === undefined) break;
    used.add(before);
    first = before;
  }
  let last = start;
  for (;;) {
    const to = last.arrival?.airport;
    const after = to === undefined ? undefined : legs.find((l) => !used.has(l) && l.departure?.airport === to);
    if (after === undefined) break;
    used.add(after);
    last = after;
  }
  return { first, last };
}

/**
 * The flight summary and every leg, from the TDT groups in message order. A TDT naming another flight than the first
 * is warned about (`warn`, once per flight): its legs are listed but take no part in the list's flight.
 */
export function buildFlight(transports: readonly TransportDraft[], warn: Warn): PaxlstFlight {
  const firstTdt = transports[0]!.segment;
  const { carrier, flightNumber } = splitJourney(component(firstTdt, 1), component(firstTdt, 4));
  const legs: PaxlstLeg[] = [];
  const own: PaxlstLeg[] = []; // the legs of the TDTs naming the list's flight
  let main: PaxlstLeg | undefined;
  let finalDestination: string | undefined;
  const others: string[] = [];
  for (const transport of transports) {
    const tdt = transport.segment;
    const named = splitJourney(component(tdt, 1), component(tdt, 4));
    const same = named.carrier === carrier && named.flightNumber === flightNumber;
    const { links, main: mainLink } = linksOf(transport.stops);
    for (const link of links) {
      const leg: PaxlstLeg = {
        kind: 'leg',
        carrier: named.carrier,
        flightNumber: named.flightNumber,
        departure: point(link.from?.airport, link.from?.departure),
        arrival: point(link.to?.airport, link.to?.arrival),
      };
      legs.push(leg);
      if (!same) continue;
      own.push(leg);
      if (link === mainLink) main ??= leg;
    }
    if (same) finalDestination ??= transport.finalDestination;
    else if (!others.includes(`${named.carrier}${named.flightNumber}`)) {
      others.push(`${named.carrier}${named.flightNumber}`);
      warn(
        'paxlst.several_flights',
        tdt,
        `TDT names flight ${named.carrier}${named.flightNumber}, not ${carrier}${flightNumber} of the first TDT: its ` +
          `legs are kept, but it is not taken as this list's flight`,
      );
    }
  }
  const start = main ?? own[0];
  const route = start === undefined ? undefined : routeThrough(start, own);
  return {
    kind: 'flight',
    transportStage: component(firstTdt, 0),
    journeyId: component(firstTdt, 1),
    carrier,
    flightNumber,
    origin: route?.first.departure?.airport,
    destination: route?.last.arrival?.airport,
    scheduledDeparture: route?.first.departure?.time,
    scheduledArrival: route?.last.arrival?.time,
    finalDestination,
    legs,
  };
}

/**
 * Refuses a TDT that names no flight: without its journey id (element 2), or a carrier (that id's first characters,
 * or element 5), every such list of a day would be filed under one flight of no one's.
 */
export function checkJourney(tdt: EdifactSegment): void {
  const journeyId = component(tdt, 1);
  const fail = (expected: string, found: string) =>
    new EdifactParseError('paxlst.invalid_value', {
      segment: tdt.index,
      tag: tdt.tag,
      offset: tdt.offset,
      expected,
      found,
    });
  if (journeyId.trim() === '') throw fail('a journey id (carrier and flight number) in TDT element 2', 'none');
  const { carrier, flightNumber } = splitJourney(journeyId, component(tdt, 4));
  if (carrier === '' || flightNumber === '')
    throw fail(
      'a carrier code in TDT element 2 before the flight number, or in element 5',
      `journey id "${journeyId.slice(0, 20)}" and no carrier`,
    );
}
