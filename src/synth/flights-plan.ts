/**
 * One synthetic flight as a pure function of (seed, index): carrier, number, route from or to the carrier's hub,
 * schedule in local times, its bookings and its crew. The index decides carrier, day and number so that no two
 * flights of a run share a flight key (carrier, number, date) — the store would merge them otherwise.
 */
import { bookingsOf, type SynthBooking } from './flights-bookings.js';
import { addDays, ageAt, birthDateForAge, passengerAt, withBirthDate, type PeopleOptions } from './flights-people.js';
import type { SynthPassenger } from './flights-people.js';
import { airportDistanceKm, synthAirportInfo, synthAirports, synthCarriers } from './flights-tables.js';
import type { SynthAirport, SynthCarrier } from './flights-tables.js';
import { deriveSeed, Rng, streams } from './prng.js';

/** First day of the synthetic operation week (after the synth reference date, so ages are stable). */
export const FIRST_FLIGHT_DATE = '2025-07-01';
/** Days the flights are spread over (a run bigger than `FLIGHTS_PER_WEEK` goes on into the following weeks). */
export const FLIGHT_DAYS = 7;
/** Highest flight number (IATA flight numbers have at most four digits). */
const MAX_FLIGHT_NUMBER = 9999;
/** Flights with distinct keys in one week: every carrier, every day, every flight number (419,958). */
export const FLIGHTS_PER_WEEK = synthCarriers.length * FLIGHT_DAYS * MAX_FLIGHT_NUMBER;
/** `travellerAt` indices reserved per flight: passengers, crew (from +1000), payers (from +1016). */
export const INDICES_PER_FLIGHT = 1024;

/** A crew member: a passenger-shaped person with a crew function (EMP). */
export interface SynthCrewMember extends SynthPassenger {
  /** CR1 cockpit, CR2 cabin. */
  readonly crewFunction: 'CR1' | 'CR2';
}

/** A flight with everything the messages about it say. */
export interface SynthFlight {
  readonly index: number;
  readonly carrier: SynthCarrier;
  /** Flight number without carrier or leading zeros (`417`). */
  readonly number: string;
  readonly origin: SynthAirport;
  readonly destination: SynthAirport;
  /** Scheduled local times `YYYY-MM-DDTHH:MM`. */
  readonly departure: string;
  readonly arrival: string;
  readonly distanceKm: number;
  readonly longHaul: boolean;
  readonly bookings: readonly SynthBooking[];
  readonly crew: readonly SynthCrewMember[];
  readonly passengerCount: number;
}

/** Options of a flight generation run. */
export interface FlightOptions extends PeopleOptions {
  /** Passengers per flight, inclusive range; default 150–400. */
  readonly minPassengers?: number;
  readonly maxPassengers?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

function localPlusMinutes(local: string, minutes: number): string {
  const d = new Date(Date.parse(`${local}Z`) + minutes * 60_000);
  return d.toISOString().slice(0, 16);
}

/**
 * The flight key of flight `index`: carrier, number and day (0 = FIRST_FLIGHT_DATE). Unique per (carrier, day) up
 * to 9,999 flights of a carrier a day; past that, the next week's days, so no two indices share a flight key (or a
 * file name) however many flights a run has.
 */
export function flightKeyAt(index: number): {
  readonly carrier: SynthCarrier;
  readonly number: string;
  readonly day: number;
} {
  const carrier = synthCarriers[index % synthCarriers.length]!;
  const week = Math.floor(index / FLIGHTS_PER_WEEK);
  const day = week * FLIGHT_DAYS + (Math.floor(index / synthCarriers.length) % FLIGHT_DAYS);
  const number = String(1 + (Math.floor(index / (synthCarriers.length * FLIGHT_DAYS)) % MAX_FLIGHT_NUMBER));
  return { carrier, number, day };
}

/** Flight `index` of a run: deterministic, independent of every other index. */
export function flightAt(options: FlightOptions, index: number): SynthFlight {
  const rng = new Rng(deriveSeed(options.seed, streams.flight, index));
  const { carrier, number, day } = flightKeyAt(index);
  const hub = synthAirportInfo.get(carrier.hub)!;
  let other = rng.pick(synthAirports);
  while (other.code === hub.code) other = rng.pick(synthAirports);
  const [origin, destination] = rng.chance(0.5) ? [hub, other] : [other, hub];
  const distanceKm = airportDistanceKm(origin, destination);
  const block = Math.round((35 + (distanceKm / 830) * 60) / 5) * 5;
  const departure = `${addDays(FIRST_FLIGHT_DATE, day)}T${pad(rng.range(5, 23))}:${pad(rng.int(12) * 5)}`;
  const arrival = localPlusMinutes(departure, block + destination.utcOffsetMinutes - origin.utcOffsetMinutes);
  const longHaul = distanceKm >= 4000;
  const min = options.minPassengers ?? 150;
  const max = options.maxPassengers ?? 400;
  // Traveller seeds are 32-bit: indices stay distinct up to 4,194,303 flights (the CLI allows 1,000,000).
  const base = index * INDICES_PER_FLIGHT;
  const bookings = bookingsOf({
    rng,
    people: options,
    base,
    departure,
    passengers: rng.range(min, max),
    seatLetters: longHaul ? 'ABCDEFGHK' : 'ABCDEF',
  });
  const date = departure.slice(0, 10);
  const crewSize = longHaul ? rng.range(10, 16) : rng.range(4, 7);
  const crew = Array.from({ length: crewSize }, (_v, i): SynthCrewMember => {
    let p = passengerAt(options, base + 1000 + i, departure.slice(0, 10));
    if (ageAt(p.birthDate, date) < 21) p = withBirthDate(p, birthDateForAge(rng, date, 22, 60), date);
    return { ...p, bags: 1, crewFunction: i < (longHaul ? 3 : 2) ? 'CR1' : 'CR2' };
  });
  return {
    index,
    carrier,
    number,
    origin,
    destination,
    departure,
    arrival,
    distanceKm,
    longHaul,
    bookings,
    crew,
    passengerCount: bookings.reduce((n, b) => n + b.passengers.length, 0),
  };
}
