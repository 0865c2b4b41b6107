/**
 * Booking facts from one PNR: timing, itinerary shape, payment and payer, contacts, group and agency
 * (docs/domain.md §2.2 and §6). The cross-booking facts (shared contacts, payer on the flight) need the whole flight
 * and are passed in by `buildFlightFacts`.
 */
import type { LocalDateTime } from '../dates.js';
import { lapInfants } from '../ingest-mapping.js';
import type { PnrgovBooking } from '../pnrgov.types.js';
import type { BookingFacts, PaymentKind, SharedContactFacts, TravellerFacts } from './facts.types.js';
import { emailKey, instant, payerNames, phoneKey, pushUnique } from './normalise.js';
import type { ContactCard } from './shared-contacts.js';

/** IATA treats ten or more passengers on one booking as a group. */
export const groupThreshold = 10;

/** The payer a booking names: the first IFT 4:43 sponsor of a payment, else one named at booking level. */
export function payerOf(b: PnrgovBooking): string | undefined {
  const name = b.payments.find((p) => p.sponsor !== undefined)?.sponsor?.name ?? b.sponsors[0]?.name;
  return name === undefined || name.trim() === '' ? undefined : name.trim();
}

// Round-trip test on airports: a return into another airport of the same city reads as one-way, which a human
// reviewer sees at once; the opposite error (a one-way ticket passing as a return) would hide the indicator.
function oneWayOf(b: PnrgovBooking): boolean | undefined {
  const first = b.itinerary[0];
  if (first === undefined) return undefined;
  return !b.itinerary.some((leg) => leg.arrivalAirport === first.departureAirport);
}

function hoursBefore(created: LocalDateTime | undefined, departure: LocalDateTime | undefined): number | undefined {
  // RCI creation is UTC and the departure local time: the error is the departure airport's UTC offset, small
  // against the 48-hour scale these rules use.
  const c = instant(created);
  const d = instant(departure);
  return c === undefined || d === undefined ? undefined : Math.round((d - c) / 360_000) / 10;
}

function contactParties(b: PnrgovBooking): number {
  const own = new Set<string>();
  let travellers = 0;
  for (const t of b.travellers) {
    const keys = [...t.phones.map(phoneKey), ...t.emails.map(emailKey)].filter((k) => k !== undefined);
    if (keys.length > 0) travellers++;
    for (const k of keys) own.add(k);
  }
  const bookingLevel = [...b.phones.map(phoneKey), ...b.emails.map(emailKey)].some(
    (k) => k !== undefined && !own.has(k),
  );
  return travellers + (bookingLevel ? 1 : 0);
}

/** The facts of one booking given its travellers' facts, its contacts and the flight-wide aggregates. */
export function bookingFactsOf(
  b: PnrgovBooking,
  departure: LocalDateTime | undefined,
  travellers: readonly TravellerFacts[],
  card: ContactCard,
  shared: SharedContactFacts,
  payerOnFlight: boolean | undefined,
): BookingFacts {
  const kinds: PaymentKind[] = [];
  for (const p of b.payments) pushUnique(kinds, p.type);
  const payerName = payerOf(b);
  const named = b.travellers.filter((t) => t.type !== 'group');
  const groupNames = b.travellers.filter((t) => t.type === 'group');
  const groupSize = Math.max(
    named.length,
    ...groupNames.map((t) => t.groupSize ?? 0),
    ...b.itinerary.map((l) => l.partySize ?? 0),
  );
  const agency = b.agency;
  return Object.freeze({
    kind: 'booking-facts',
    locator: b.recordLocator,
    createdAt: b.createdAt,
    hoursBeforeDeparture: hoursBefore(b.createdAt, departure),
    segmentCount: b.itinerary.length,
    oneWay: oneWayOf(b),
    paymentKinds: Object.freeze(kinds),
    payerName,
    payerIsTraveller:
      payerName === undefined ? undefined : named.some((t) => payerNames(payerName, t.surname, t.givenNames)),
    payerOnFlight,
    phones: card.phones,
    emails: card.emails,
    cards: card.cards,
    contactParties: contactParties(b),
    // As the stored booking counts them: an infant on a lap with no TIF of its own is a traveller too.
    travellerCount: named.length + lapInfants(b).length,
    adultCount: travellers.filter((t) => t.adult === true).length,
    minorCount: travellers.filter((t) => t.minor === true).length,
    groupSize,
    group: groupNames.length > 0 || groupSize >= groupThreshold,
    agencyId: agency?.agencyId === '' ? undefined : agency?.agencyId,
    agencyType: agency?.originatorType === '' ? undefined : agency?.originatorType,
    agencyCountry: agency?.country === '' ? undefined : agency?.country,
    unaccompaniedMinor: b.travellers.some((t) => t.unaccompaniedMinor !== undefined),
    shared,
  });
}
