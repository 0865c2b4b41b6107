/**
 * Test factories for hand-built facts: `buildTraveller({ age: 12 })` gives a complete, plausible traveller with
 * only the facts under test changed, so each indicator test states exactly what it depends on.
 */
import type {
  BookingFacts,
  CompanionFacts,
  DocumentFacts,
  FlightFactSet,
  FlightFacts,
  TravellerFacts,
} from './facts.types.js';

let serial = 0;

/** A medium-haul flight with no travellers counted. */
export function buildFlight(overrides: Partial<FlightFacts> = {}): FlightFacts {
  return {
    kind: 'flight-facts',
    carrier: 'LA',
    number: '417',
    departureAirport: 'CDG',
    arrivalAirport: 'AMS',
    departureCountry: 'FRA',
    arrivalCountry: 'NLD',
    scheduledDeparture: '2024-10-01T12:10',
    scheduledArrival: '2024-10-01T13:35',
    distanceKm: 400,
    durationMinutes: 85,
    longHaul: false,
    travellerCount: 0,
    passengerCount: 0,
    bookingCount: 0,
    ...overrides,
  };
}

/** A valid passport issued years ago by the holder's state. */
export function buildDocument(overrides: Partial<DocumentFacts> = {}): DocumentFacts {
  return {
    type: 'P',
    number: `P${String(++serial).padStart(7, '0')}`,
    issuer: 'IRL',
    issuedOn: '2020-02-12',
    expiresOn: '2030-02-11',
    daysIssuedBeforeDeparture: 1693,
    issuerDiffersFromNationality: false,
    ...overrides,
  };
}

/** Companions of a traveller on its booking. */
export function buildCompanions(overrides: Partial<CompanionFacts> = {}): CompanionFacts {
  return { count: 0, adultCount: 0, adultsSameSurname: 0, adultsOtherSurname: 0, otherSurnames: [], ...overrides };
}

/** An adult passenger with one checked bag, linked API + PNR, on booking ABC123. */
export function buildTraveller(overrides: Partial<TravellerFacts> = {}): TravellerFacts {
  const n = ++serial;
  return {
    kind: 'traveller-facts',
    key: `api:${n}`,
    source: 'api+pnr',
    surname: 'DOE',
    givenNames: `JANE${n}`,
    dateOfBirth: '1985-03-12',
    age: 39,
    minor: false,
    adult: true,
    gender: 'F',
    nationality: 'IRL',
    role: 'passenger',
    inTransit: false,
    bags: 1,
    seat: '14C',
    unaccompaniedMinor: false,
    bookingLocators: ['ABC123'],
    document: buildDocument(),
    companions: buildCompanions(),
    ...overrides,
  };
}

/** A return booking made a month ahead, paid by card by its own traveller. */
export function buildBooking(overrides: Partial<BookingFacts> = {}): BookingFacts {
  return {
    kind: 'booking-facts',
    locator: 'ABC123',
    createdAt: '2024-09-01T10:00',
    hoursBeforeDeparture: 722,
    segmentCount: 2,
    oneWay: false,
    paymentKinds: ['card'],
    payerName: undefined,
    payerIsTraveller: undefined,
    payerOnFlight: undefined,
    phones: ['35315550123'],
    emails: ['jane@mail.example'],
    cards: ['VI:XXXXXXXXXXXX1186:0227'],
    contactParties: 1,
    travellerCount: 1,
    adultCount: 1,
    minorCount: 0,
    groupSize: 1,
    group: false,
    agencyId: '12345675',
    agencyType: 'T',
    agencyCountry: 'FR',
    unaccompaniedMinor: false,
    shared: { phoneBookings: 1, emailBookings: 1, cardBookings: 1, values: [] },
    ...overrides,
  };
}

/** A fact set from parts; the flight's counts follow the parts. */
export function buildFactSet(parts: {
  readonly flight?: Partial<FlightFacts>;
  readonly travellers?: readonly TravellerFacts[];
  readonly bookings?: readonly BookingFacts[];
}): FlightFactSet {
  const travellers = parts.travellers ?? [];
  const bookings = parts.bookings ?? [];
  return {
    kind: 'flight-fact-set',
    flight: buildFlight({
      travellerCount: travellers.length,
      passengerCount: travellers.filter((t) => t.role !== 'crew').length,
      bookingCount: bookings.length,
      ...parts.flight,
    }),
    travellers,
    bookings,
  };
}
