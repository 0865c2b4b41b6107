/**
 * The fact catalogue: every fact a rule may name, with its subject, type, meaning and how it is read from the
 * facts. It is the one list the validator checks a rule against and the evaluator compiles getters from, so a
 * rule can never name a fact that does not exist or compare it with a value of the wrong kind.
 */
import type { BookingFacts, FlightFacts, TravellerFacts } from './facts.types.js';

/** What a rule runs over: each traveller, each booking, or the flight once. */
export type Subject = 'traveller' | 'booking' | 'flight';

/** Value kinds: `date` is `YYYY-MM-DD`, `datetime` `YYYY-MM-DDTHH:MM`, `country` a nationality key. */
export type FactType = 'string' | 'country' | 'number' | 'boolean' | 'date' | 'datetime' | 'string[]';

/** The records one evaluation sees; a booking rule has no traveller, a flight rule neither. */
export interface Scope {
  flight: FlightFacts;
  booking: BookingFacts | undefined;
  traveller: TravellerFacts | undefined;
}

/** The JavaScript value of a fact type. */
export type ValueOf<T extends FactType> = T extends 'number'
  ? number
  : T extends 'boolean'
    ? boolean
    : T extends 'string[]'
      ? readonly string[]
      : string;

/** Any fact's value; `undefined` when the data does not give it. */
export type FactValue = string | number | boolean | readonly string[] | undefined;

/** One catalogue entry. */
export interface FactDef<N extends string = string, T extends FactType = FactType> {
  readonly name: N;
  readonly subject: Subject;
  readonly type: T;
  readonly doc: string;
  /** The allowed values of an enumerated string fact (or of a list's elements). */
  readonly values: readonly string[] | undefined;
  readonly get: (s: Scope) => ValueOf<T> | undefined;
}

function fact<N extends string, T extends FactType>(
  name: N,
  type: T,
  doc: string,
  get: (s: Scope) => ValueOf<T> | undefined,
  values?: readonly string[],
): FactDef<N, T> {
  const subject = name.slice(0, name.indexOf('.')) as Subject;
  return Object.freeze({ name, subject, type, doc, values, get });
}

const paymentKinds = ['card', 'cash', 'miscellaneous', 'government', 'cheque', 'other'] as const;

const definitions = [
  fact('flight.carrier', 'string', 'Airline designator', (s) => s.flight.carrier),
  fact('flight.number', 'string', 'Flight number without carrier or leading zeros', (s) => s.flight.number),
  fact('flight.departureAirport', 'string', 'IATA code of the departure airport', (s) => s.flight.departureAirport),
  fact('flight.arrivalAirport', 'string', 'IATA code of the arrival airport', (s) => s.flight.arrivalAirport),
  fact('flight.departureCountry', 'country', 'Country of the departure airport', (s) => s.flight.departureCountry),
  fact('flight.arrivalCountry', 'country', 'Country of the arrival airport', (s) => s.flight.arrivalCountry),
  fact('flight.scheduledDeparture', 'datetime', 'Scheduled departure, local', (s) => s.flight.scheduledDeparture),
  fact('flight.distanceKm', 'number', 'Great-circle distance in km', (s) => s.flight.distanceKm),
  fact('flight.durationMinutes', 'number', 'Scheduled duration in minutes', (s) => s.flight.durationMinutes),
  fact('flight.longHaul', 'boolean', 'Long-haul by distance, else by duration', (s) => s.flight.longHaul),
  fact('flight.travellerCount', 'number', 'Travellers known on the flight', (s) => s.flight.travellerCount),
  fact('flight.passengerCount', 'number', 'Passengers known on the flight', (s) => s.flight.passengerCount),
  fact('flight.bookingCount', 'number', 'PNRs pushed for the flight', (s) => s.flight.bookingCount),

  fact('traveller.source', 'string', 'api, pnr or api+pnr', (s) => s.traveller?.source, ['api', 'pnr', 'api+pnr']),
  fact('traveller.surname', 'string', 'Surname as sent', (s) => s.traveller?.surname),
  fact('traveller.givenNames', 'string', 'Given names as sent', (s) => s.traveller?.givenNames),
  fact('traveller.dateOfBirth', 'date', 'Date of birth', (s) => s.traveller?.dateOfBirth),
  fact('traveller.age', 'number', 'Whole years at the departure date', (s) => s.traveller?.age),
  fact('traveller.minor', 'boolean', 'Under 18 (or PNR child/infant/UMNR)', (s) => s.traveller?.minor),
  fact('traveller.adult', 'boolean', '18 or over (or PNR adult)', (s) => s.traveller?.adult),
  fact('traveller.gender', 'string', 'M, F, X or U', (s) => s.traveller?.gender, ['M', 'F', 'X', 'U']),
  fact('traveller.nationality', 'country', 'Nationality (API NAT, else PNR)', (s) => s.traveller?.nationality),
  fact('traveller.role', 'string', 'passenger, crew or infant (PNR)', (s) => s.traveller?.role, [
    'passenger',
    'crew',
    'infant',
  ]),
  fact('traveller.inTransit', 'boolean', 'In transit (NAD DDU/DDT)', (s) => s.traveller?.inTransit),
  fact('traveller.bags', 'number', 'Checked bags', (s) => s.traveller?.bags),
  fact('traveller.seat', 'string', 'Seat', (s) => s.traveller?.seat),
  fact('traveller.unaccompaniedMinor', 'boolean', 'SSR UMNR', (s) => s.traveller?.unaccompaniedMinor),
  fact(
    'traveller.bookingLocators',
    'string[]',
    'Record locators naming the traveller',
    (s) => s.traveller?.bookingLocators,
  ),
  fact('traveller.document.type', 'string', 'Main document type (P, I…)', (s) => s.traveller?.document?.type),
  fact('traveller.document.number', 'string', 'Main document number', (s) => s.traveller?.document?.number),
  fact('traveller.document.issuer', 'country', 'Main document issuing state', (s) => s.traveller?.document?.issuer),
  fact('traveller.document.issuedOn', 'date', 'Main document issue date', (s) => s.traveller?.document?.issuedOn),
  fact('traveller.document.expiresOn', 'date', 'Main document expiry', (s) => s.traveller?.document?.expiresOn),
  fact(
    'traveller.document.daysIssuedBeforeDeparture',
    'number',
    'Days from document issue to departure',
    (s) => s.traveller?.document?.daysIssuedBeforeDeparture,
  ),
  fact(
    'traveller.document.issuerDiffersFromNationality',
    'boolean',
    'Issuing state and nationality both known and different',
    (s) => s.traveller?.document?.issuerDiffersFromNationality,
  ),
  fact(
    'traveller.companions.count',
    'number',
    'Other travellers of the same booking(s)',
    (s) => s.traveller?.companions?.count,
  ),
  fact('traveller.companions.adultCount', 'number', 'Adult companions', (s) => s.traveller?.companions?.adultCount),
  fact(
    'traveller.companions.adultsSameSurname',
    'number',
    'Adult companions with this surname',
    (s) => s.traveller?.companions?.adultsSameSurname,
  ),
  fact(
    'traveller.companions.adultsOtherSurname',
    'number',
    'Adult companions with another surname',
    (s) => s.traveller?.companions?.adultsOtherSurname,
  ),
  fact(
    'traveller.companions.otherSurnames',
    'string[]',
    'Surnames of adult companions unlike this one',
    (s) => s.traveller?.companions?.otherSurnames,
  ),

  fact('booking.locator', 'string', 'Record locator', (s) => s.booking?.locator),
  fact('booking.createdAt', 'datetime', 'PNR creation (UTC)', (s) => s.booking?.createdAt),
  fact(
    'booking.hoursBeforeDeparture',
    'number',
    'Hours from creation to departure',
    (s) => s.booking?.hoursBeforeDeparture,
  ),
  fact('booking.segmentCount', 'number', 'Flights in the itinerary', (s) => s.booking?.segmentCount),
  fact('booking.oneWay', 'boolean', 'Itinerary never returns to its origin', (s) => s.booking?.oneWay),
  fact('booking.payment.kinds', 'string[]', 'Forms of payment', (s) => s.booking?.paymentKinds, paymentKinds),
  fact('booking.payer.name', 'string', 'Named payer (sponsor)', (s) => s.booking?.payerName),
  fact('booking.payer.isTraveller', 'boolean', 'Payer travels on this booking', (s) => s.booking?.payerIsTraveller),
  fact('booking.payer.onFlight', 'boolean', 'Payer travels on this flight', (s) => s.booking?.payerOnFlight),
  fact('booking.contacts.phones', 'string[]', 'Phones, digits only', (s) => s.booking?.phones),
  fact('booking.contacts.emails', 'string[]', 'E-mails, lower case', (s) => s.booking?.emails),
  fact('booking.contacts.cards', 'string[]', 'Cards as vendor:masked:expiry', (s) => s.booking?.cards),
  fact('booking.contacts.parties', 'number', 'Parties giving contact details', (s) => s.booking?.contactParties),
  fact('booking.travellerCount', 'number', 'Named travellers', (s) => s.booking?.travellerCount),
  fact('booking.adultCount', 'number', 'Adults among them', (s) => s.booking?.adultCount),
  fact('booking.minorCount', 'number', 'Minors among them', (s) => s.booking?.minorCount),
  fact('booking.groupSize', 'number', 'Party size', (s) => s.booking?.groupSize),
  fact('booking.group', 'boolean', 'Group name or party of 10+', (s) => s.booking?.group),
  fact('booking.agency.id', 'string', 'Booking agency id', (s) => s.booking?.agencyId),
  fact('booking.agency.type', 'string', 'Originator type (A airline, T agent…)', (s) => s.booking?.agencyType),
  fact('booking.agency.country', 'string', 'Agency country as sent', (s) => s.booking?.agencyCountry),
  fact('booking.unaccompaniedMinor', 'boolean', 'Any traveller has SSR UMNR', (s) => s.booking?.unaccompaniedMinor),
  fact(
    'booking.shared.phoneBookings',
    'number',
    'Unrelated bookings behind its most shared phone',
    (s) => s.booking?.shared.phoneBookings,
  ),
  fact(
    'booking.shared.emailBookings',
    'number',
    'Unrelated bookings behind its most shared e-mail',
    (s) => s.booking?.shared.emailBookings,
  ),
  fact(
    'booking.shared.cardBookings',
    'number',
    'Unrelated bookings behind its most shared card',
    (s) => s.booking?.shared.cardBookings,
  ),
  fact('booking.shared.values', 'string[]', 'Contacts shared with unrelated bookings', (s) => s.booking?.shared.values),
] as const;

/** The name of a catalogued fact. */
export type FactName = (typeof definitions)[number]['name'];

/** Every fact by name. Look-ups go through the map, so `constructor` or `__proto__` is never a fact. */
export const factCatalogue: ReadonlyMap<string, FactDef> = new Map(definitions.map((d) => [d.name, d as FactDef]));

/** Which subjects' facts a rule about `subject` may read: its own and those of what contains it. */
export const visibleSubjects: Readonly<Record<Subject, readonly Subject[]>> = {
  traveller: ['traveller', 'booking', 'flight'],
  booking: ['booking', 'flight'],
  flight: ['flight'],
};
