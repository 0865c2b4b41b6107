/**
 * Flight facts: identity and schedule from the API list (else the PNRGOV push's flight), and whether the flight is
 * long-haul — from a given distance, else the great circle between the airports when the caller knows their
 * coordinates, else the scheduled duration. Lodestar holds no airport table; the caller passes what it has.
 */
import { nationalityKey } from '../../countries/countries.js';
import type { LocalDateTime } from '../dates.js';
import type { PaxlstList } from '../paxlst.types.js';
import type { PnrgovItineraryLeg } from '../pnrgov.types.js';
import type { AirportInfo, FlightFacts } from './facts.types.js';
import { instant } from './normalise.js';

/** Long-haul thresholds; the defaults are the usual industry cut-offs (≈ 4,000 km or 6 hours). */
export interface LongHaulOptions {
  readonly airports?: ReadonlyMap<string, AirportInfo>;
  /** The flight's distance when the caller knows it; wins over coordinates. */
  readonly distanceKm?: number;
  readonly longHaulKm?: number;
  readonly longHaulMinutes?: number;
}

const earthRadiusKm = 6371.0088;

/** Great-circle (haversine) distance in km between two points given in degrees. */
export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

interface Schedule {
  readonly carrier: string;
  readonly number: string;
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly departure: LocalDateTime | undefined;
  readonly arrival: LocalDateTime | undefined;
}

function scheduleOf(lists: readonly PaxlstList[], pnrFlight: PnrgovItineraryLeg | undefined): Schedule {
  const api = lists[0]?.flight;
  // The pushed flight (level-0 TVL) is named by its marketing carrier and number, as the PNRs name it.
  const leg = pnrFlight?.marketing;
  return {
    carrier: api?.carrier ?? leg?.carrier ?? '',
    number: api?.flightNumber ?? leg?.flightNumber ?? '',
    from: api?.origin ?? pnrFlight?.departureAirport,
    to: api?.destination ?? pnrFlight?.arrivalAirport,
    departure: api?.scheduledDeparture ?? pnrFlight?.departure,
    arrival: api?.scheduledArrival ?? pnrFlight?.arrival,
  };
}

function distanceOf(from: AirportInfo | undefined, to: AirportInfo | undefined, given: number | undefined) {
  if (given !== undefined) return given;
  if (from?.latitude === undefined || from.longitude === undefined) return undefined;
  if (to?.latitude === undefined || to.longitude === undefined) return undefined;
  return Math.round(greatCircleKm(from.latitude, from.longitude, to.latitude, to.longitude));
}

function durationOf(s: Schedule, from: AirportInfo | undefined, to: AirportInfo | undefined): number | undefined {
  // Local times on both ends: without UTC offsets the error is the time-zone difference, which is why distance,
  // when known, decides long-haul first.
  if (s.departure === undefined || s.arrival === undefined || s.departure.length < 16 || s.arrival.length < 16) {
    return undefined;
  }
  const dep = instant(s.departure, from?.utcOffsetMinutes);
  const arr = instant(s.arrival, to?.utcOffsetMinutes);
  if (dep === undefined || arr === undefined || arr <= dep) return undefined;
  return Math.round((arr - dep) / 60_000);
}

/** The flight facts of one flight; counts are filled in by `buildFlightFacts`. */
export function flightFactsOf(
  lists: readonly PaxlstList[],
  pnrFlight: PnrgovItineraryLeg | undefined,
  options: LongHaulOptions,
  counts: { readonly travellerCount: number; readonly passengerCount: number; readonly bookingCount: number },
): FlightFacts {
  const s = scheduleOf(lists, pnrFlight);
  const from = s.from === undefined ? undefined : options.airports?.get(s.from);
  const to = s.to === undefined ? undefined : options.airports?.get(s.to);
  const distanceKm = distanceOf(from, to, options.distanceKm);
  const durationMinutes = durationOf(s, from, to);
  const longHaul =
    distanceKm !== undefined
      ? distanceKm >= (options.longHaulKm ?? 4000)
      : durationMinutes !== undefined
        ? durationMinutes >= (options.longHaulMinutes ?? 360)
        : undefined;
  return Object.freeze({
    kind: 'flight-facts',
    carrier: s.carrier,
    number: s.number,
    departureAirport: s.from,
    arrivalAirport: s.to,
    departureCountry: from?.country === undefined ? undefined : nationalityKey(from.country),
    arrivalCountry: to?.country === undefined ? undefined : nationalityKey(to.country),
    scheduledDeparture: s.departure,
    scheduledArrival: s.arrival,
    distanceKm,
    durationMinutes,
    longHaul,
    ...counts,
  });
}
