/**
 * Schemas of the message and flight routes. A flight's answers are what `FlightsService` returns, field for field:
 * Fastify's serializer drops every field a response schema does not name, so each one is here with its type and
 * whether it may be null. The JSON columns (a traveller's details, a booking's data, an alert's explanation) name
 * the fields processing writes and keep any other (`additionalProperties`), so nothing stored is hidden.
 */
import { Type, type TSchema } from 'typebox';
import type { StoredMessage } from './messages.repository.js';
import { ConditionValue } from './rules.schema.js';
import { operators } from './rules/rule-format.js';

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** An object read from a JSON column: the fields named, and whatever else it holds. */
const stored = <P extends Parameters<typeof Type.Object>[0]>(properties: P, description?: string) =>
  Type.Object(properties, { additionalProperties: true, ...(description === undefined ? {} : { description }) });

const localDateTime = (description: string) =>
  Type.String({ description: `${description}, local time YYYY-MM-DDTHH:MM` });

export const MessageView = Type.Object(
  {
    id: Type.String(),
    receivedAt: Type.String({ format: 'date-time' }),
    status: Type.Enum(['received', 'parsed', 'screened', 'failed']),
    kind: nullable(Type.String()),
    size: Type.Integer(),
    duplicate: Type.Optional(Type.Boolean()),
    error: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], {
      description: 'for a failed message: code, message, segment, tag, offset, expected, found',
    }),
    warnings: Type.Integer({ description: 'how many warnings (count mismatches, unknown segments)' }),
    flightId: nullable(Type.String()),
    travellers: Type.Integer(),
    bookings: Type.Integer(),
    alerts: Type.Integer(),
  },
  { $id: 'Message' },
);

export function presentMessage(m: StoredMessage, duplicate?: boolean) {
  return {
    id: m.id,
    receivedAt: m.receivedAt.toISOString(),
    status: m.status,
    kind: m.kind,
    size: m.size,
    ...(duplicate === undefined ? {} : { duplicate }),
    error: m.error === null ? null : { ...m.error },
    warnings: m.warnings.length,
    flightId: m.flightId,
    travellers: m.travellers,
    bookings: m.bookings,
    alerts: m.alerts,
  };
}

const flightFields = {
  id: Type.String({ format: 'uuid' }),
  ownerCountry: Type.String({ description: 'the country that received its passenger data' }),
  carrier: Type.String(),
  flightNumber: Type.String({ description: 'without the carrier or leading zeros' }),
  departureDate: Type.String({ format: 'date', description: 'local date of the scheduled departure' }),
  origin: nullable(Type.String({ description: 'IATA airport code' })),
  destination: nullable(Type.String({ description: 'IATA airport code' })),
  scheduledDeparture: nullable(localDateTime('scheduled departure')),
  scheduledArrival: nullable(localDateTime('scheduled arrival')),
  status: Type.Enum(['open', 'closed', 'cancelled']),
};

export const FlightView = Type.Object(flightFields, { $id: 'Flight' });

export const FlightSummaryView = Type.Object(
  {
    ...flightFields,
    travellers: Type.Integer({ description: 'travellers of the passenger lists, those cancelled left out' }),
    bookings: Type.Integer(),
    alerts: Type.Integer({ description: 'open alerts' }),
  },
  { $id: 'FlightSummary' },
);

const TravellerDocument = stored({
  type: Type.String({ description: 'P passport, I/C/A identity card, V visa…' }),
  number: Type.String(),
  issuer: nullable(Type.String({ description: 'the issuing state as a nationality key, else as sent' })),
  expiry: nullable(Type.String({ description: 'YYYY-MM-DD' })),
  issued: nullable(Type.String({ description: 'YYYY-MM-DD' })),
});

const TravellerDetails = stored(
  {
    residence: Type.Optional(Type.String()),
    placeOfBirth: Type.Optional(Type.String()),
    ticketNumber: Type.Optional(Type.String()),
    bags: Type.Optional(stored({ count: Type.Optional(Type.Number()), weight: Type.Optional(Type.Number()) })),
    crewFunction: Type.Optional(Type.String()),
    segment: Type.Optional(Type.Integer({ description: 'where the traveller starts in the message' })),
    type: Type.Optional(Type.Enum(['adult', 'child', 'infant', 'group', 'other'])),
    unaccompaniedMinor: Type.Optional(stored({ age: Type.Optional(Type.Number()), text: Type.String() })),
    emails: Type.Optional(Type.Array(Type.String())),
    phones: Type.Optional(Type.Array(Type.String())),
    tickets: Type.Optional(
      Type.Array(stored({ number: Type.String(), payments: Type.Array(Type.String(), { description: 'kinds' }) })),
    ),
    holder: Type.Optional(
      Type.String({
        description: 'an infant its booking lists under no TIF of its own: the key of the adult it sits on',
      }),
    ),
  },
  'from a passenger list: residence, placeOfBirth, ticketNumber, bags, crewFunction, segment; from a PNR: type, unaccompaniedMinor, emails, phones, tickets, holder',
);

export const TravellerView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    flightId: Type.String({ format: 'uuid' }),
    source: Type.Enum(['api', 'pnr'], { description: 'api: a passenger list (PAXLST); pnr: a booking (PNRGOV)' }),
    travellerKey: Type.String({
      description: 'the stable key that finds the traveller again within flight and source',
    }),
    role: Type.Enum(['passenger', 'crew', 'infant']),
    surname: Type.String(),
    givenNames: Type.String(),
    birthDate: nullable(Type.String({ description: 'YYYY-MM-DD' })),
    gender: nullable(Type.String({ description: 'M, F, X (unspecified) or U (unknown)' })),
    nationality: nullable(Type.String({ description: 'a nationality key (ISO 3166 alpha-3), else the code as sent' })),
    documents: Type.Array(TravellerDocument),
    inTransit: Type.Boolean(),
    embarkation: nullable(Type.String()),
    debarkation: nullable(Type.String()),
    seat: nullable(Type.String()),
    recordLocator: nullable(Type.String()),
    details: TravellerDetails,
    messageId: Type.String({ format: 'uuid', description: 'the message that last wrote the traveller' }),
    removed: Type.Boolean({ description: 'cancelled by a later passenger list' }),
    linkedTo: nullable(Type.String({ format: 'uuid', description: 'for a PNR traveller: the same person listed' })),
  },
  { $id: 'Traveller' },
);

const FlightNumber = stored({ carrier: Type.String(), flightNumber: Type.String() });

const BookingData = stored({
  locators: Type.Array(stored({ carrier: Type.String(), locator: Type.String() })),
  agency: Type.Optional(
    stored({
      system: Type.String(),
      systemLocation: Type.String(),
      agencyId: Type.String(),
      agentId: Type.String(),
      location: Type.String(),
      company: Type.String(),
      originatorType: Type.String(),
      country: Type.String(),
      currency: Type.String(),
    }),
  ),
  itinerary: Type.Array(
    stored({
      from: Type.String(),
      to: Type.String(),
      departure: Type.Optional(localDateTime('departure')),
      marketing: FlightNumber,
      operating: Type.Optional(FlightNumber),
      codeshare: Type.Boolean(),
    }),
  ),
  payments: Type.Array(
    stored({
      type: Type.String({ description: 'card, cash, miscellaneous, government, cheque or other' }),
      amount: Type.Optional(Type.String()),
      card: Type.Optional(Type.String({ description: 'masked as sent' })),
      sponsor: Type.Optional(Type.String({ description: 'who paid, when not the traveller' })),
    }),
  ),
  phones: Type.Array(Type.String()),
  emails: Type.Array(Type.String()),
  travellers: Type.Integer(),
  groups: Type.Optional(
    Type.Array(stored({ name: Type.String(), size: nullable(Type.Number({ description: 'seats' })) }), {
      description: 'group names (TIF type G), which are no travellers',
    }),
  ),
  history: Type.Integer({ description: 'how many changes the PNR history lists' }),
});

export const BookingView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    record_locator: Type.String(),
    booked_at: nullable(localDateTime('when the booking was made')),
    data: BookingData,
  },
  { $id: 'Booking' },
);

const HitSubject = stored(
  {
    kind: Type.Enum(['traveller', 'booking', 'flight']),
    key: Type.Optional(Type.String()),
    surname: Type.Optional(Type.String()),
    givenNames: Type.Optional(Type.String()),
    bookingLocators: Type.Optional(Type.Array(Type.String())),
    locator: Type.Optional(Type.String()),
    carrier: Type.Optional(Type.String()),
    number: Type.Optional(Type.String()),
  },
  'a traveller (key, surname, givenNames, bookingLocators), a booking (locator) or the flight (carrier, number)',
);

const MatchedFact = stored({
  fact: Type.String(),
  op: Type.Enum(operators),
  expected: ConditionValue,
  actual: Type.Optional(ConditionValue),
  negated: Type.Boolean({ description: 'under a not' }),
});

const ExplanationItem = stored(
  {
    feature: Type.Optional(Type.String()),
    weight: Type.Optional(Type.Number()),
    contribution: Type.Optional(Type.Number()),
    query: Type.Optional(Type.String()),
    candidate: Type.Optional(Type.String()),
    how: Type.Optional(Type.String()),
    subject: Type.Optional(HitSubject),
    title: Type.Optional(Type.String()),
    matched: Type.Optional(Type.Array(MatchedFact)),
  },
  'a screening alert: one feature that moved the score, with the values compared (feature, weight, contribution, query, candidate, how; a document hit: feature, query, candidate, how); a rule alert: the hit (subject, title, matched)',
);

export const AlertView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.Enum(['person', 'document', 'rule']),
    status: Type.Enum(['open', 'withdrawn'], { description: 'withdrawn: a rule the flight no longer meets' }),
    severity: Type.Enum(['low', 'medium', 'high']),
    traveller_id: nullable(Type.String({ format: 'uuid' })),
    booking_id: nullable(Type.String({ format: 'uuid' })),
    message_id: nullable(Type.String({ format: 'uuid' })),
    list_id: nullable(Type.String()),
    entity_id: nullable(Type.String()),
    score: nullable(Type.Number()),
    matcher: nullable(Type.String({ description: 'name@version' })),
    rule_id: nullable(Type.String()),
    rule_version: nullable(Type.Integer()),
    explanation: Type.Array(ExplanationItem),
    created_at: Type.String({ format: 'date-time' }),
    restricted: Type.Boolean({
      description: 'a hit on an entry its owner has not shared with you: no entity id, score or explanation',
    }),
    contactCountry: Type.Optional(
      nullable(Type.String({ description: 'for a restricted alert: the country to contact (the entry’s owner)' })),
    ),
  },
  { $id: 'Alert' },
);

export const FlightDetailView = Type.Object(
  {
    flight: Type.Ref('Flight'),
    travellers: Type.Array(Type.Ref('Traveller'), { description: 'cancelled ones too (removed: true)' }),
    bookings: Type.Array(Type.Ref('Booking')),
    alerts: Type.Array(Type.Ref('Alert')),
  },
  { $id: 'FlightDetail' },
);

export const TravellerHistoryView = Type.Object(
  {
    traveller: Type.Ref('Traveller'),
    appearances: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid', description: 'the traveller on that flight' }),
        surname: Type.String(),
        given_names: Type.String(),
        birth_date: nullable(Type.String({ description: 'YYYY-MM-DD' })),
        source: Type.Enum(['api', 'pnr']),
        removed: Type.Boolean({ description: 'cancelled from that flight by a later passenger list' }),
        flight_id: Type.String({ format: 'uuid' }),
        carrier: Type.String(),
        flight_number: Type.String(),
        departure_date: Type.String({ format: 'date' }),
        origin: nullable(Type.String()),
        destination: nullable(Type.String()),
      }),
      { maxItems: 200, description: 'the newest 200 at most' },
    ),
  },
  { $id: 'TravellerHistory' },
);

/** The shared schemas of the message and flight routes, to add to the app once. */
export const travelSchemas: readonly TSchema[] = [
  MessageView,
  FlightView,
  FlightSummaryView,
  TravellerView,
  BookingView,
  AlertView,
  FlightDetailView,
  TravellerHistoryView,
];
