/** SQL of flights, their travellers and bookings. */
import type { MessageSource } from './travellers.repository.js';
import { sql, type Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { BookingRow, FlightKey, FlightStatus, TravellerRow } from './ingest-mapping.js';

export interface Flight {
  readonly id: string;
  readonly ownerCountry: string;
  readonly carrier: string;
  readonly flightNumber: string;
  readonly departureDate: string;
  readonly origin: string | null;
  readonly destination: string | null;
  readonly scheduledDeparture: string | null;
  readonly scheduledArrival: string | null;
  readonly status: FlightStatus;
}

export interface FlightSummary extends Flight {
  readonly travellers: number;
  readonly bookings: number;
  readonly alerts: number;
}

export interface StoredTraveller extends Omit<TravellerRow, 'removed' | 'details'> {
  readonly id: string;
  readonly flightId: string;
  readonly removed: boolean;
  readonly details: Readonly<Record<string, unknown>>;
  readonly messageId: string;
  /** For a PNR traveller: the same person on the passenger list. */
  readonly linkedTo: string | null;
}

/** Finds or creates the flight of `key` for `ownerCountry`; applies a status change when the message carries one. */
export async function upsertFlight(
  db: Kysely<Database>,
  ownerCountry: string,
  key: FlightKey,
  status: FlightStatus | undefined,
  receivedAt: Date,
): Promise<string> {
  const row = await db
    .insertInto('flights')
    .values({
      owner_country: ownerCountry,
      carrier: key.carrier,
      flight_number: key.flightNumber,
      departure_date: key.departureDate,
      origin: key.origin,
      destination: key.destination,
      scheduled_departure: key.scheduledDeparture,
      scheduled_arrival: key.scheduledArrival,
      ...(status === undefined ? {} : { status, status_received_at: receivedAt }),
    })
    .onConflict((oc) =>
      oc.constraint('flights_key').doUpdateSet((eb) => ({
        origin: sql`coalesce(${eb.ref('excluded.origin')}, flights.origin)`,
        destination: sql`coalesce(${eb.ref('excluded.destination')}, flights.destination)`,
        scheduled_departure: sql`coalesce(${eb.ref('excluded.scheduled_departure')}, flights.scheduled_departure)`,
        scheduled_arrival: sql`coalesce(${eb.ref('excluded.scheduled_arrival')}, flights.scheduled_arrival)`,
        // A status (changed, cancelled, closed) from a message older than the one that set the current one is stale.
        ...(status === undefined
          ? {}
          : {
              status: sql`case when flights.status_received_at is null or flights.status_received_at <= ${receivedAt}
                then ${status} else flights.status end`,
              status_received_at: sql`greatest(flights.status_received_at, ${receivedAt}::timestamptz)`,
            }),
        updated_at: sql`now()`,
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts or updates bookings by record locator; returns the id of each locator. */
export async function upsertBookings(
  db: Kysely<Database>,
  flightId: string,
  source: MessageSource,
  rows: readonly BookingRow[],
): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  // The same PNR twice in one push: the last copy wins (a row cannot be updated twice by one statement). The rows
  // go as one JSON document, as upsertTravellers sends them.
  const unique = [...new Map(rows.map((r) => [r.recordLocator, r])).values()];
  const result = await sql<{ id: string; record_locator: string }>`
    insert into bookings (flight_id, message_id, received_at, record_locator, booked_at, data)
    select ${flightId}::uuid, ${source.id}::uuid, ${source.receivedAt}::timestamptz, * from jsonb_to_recordset(
      ${JSON.stringify(unique)}::jsonb) as ("recordLocator" text, "bookedAt" text, "data" jsonb)
    on conflict on constraint bookings_key do update set
      booked_at = excluded.booked_at, data = excluded.data, message_id = excluded.message_id,
      received_at = excluded.received_at, updated_at = now()
    where bookings.received_at is null or bookings.received_at <= excluded.received_at
    returning id, record_locator`.execute(db);
  const ids = new Map(result.rows.map((r) => [r.record_locator, r.id]));
  if (ids.size < unique.length) {
    // Bookings a newer message already wrote were left as they are, and not returned: read their ids.
    const kept = await db
      .selectFrom('bookings')
      .select(['id', 'record_locator'])
      .where('flight_id', '=', flightId)
      .where(
        'record_locator',
        'in',
        unique.map((b) => b.recordLocator),
      )
      .execute();
    for (const r of kept) if (!ids.has(r.record_locator)) ids.set(r.record_locator, r.id);
  }
  return ids;
}

const flightColumns = [
  'f.id',
  'f.owner_country',
  'f.carrier',
  'f.flight_number',
  'f.departure_date',
  'f.origin',
  'f.destination',
  'f.scheduled_departure',
  'f.scheduled_arrival',
  'f.status',
] as const;

export interface FlightFilter {
  readonly country?: string | undefined;
  readonly date?: string | undefined;
  readonly airport?: string | undefined;
  readonly status?: FlightStatus | undefined;
  readonly limit: number;
}

/** Flights with their counts of travellers, bookings and alerts, newest departure first. */
export async function listFlights(db: Db, filter: FlightFilter): Promise<FlightSummary[]> {
  const rows = await db
    .selectFrom('flights as f')
    .select(flightColumns)
    .select((eb) => [
      eb
        .selectFrom('travellers as t')
        .whereRef('t.flight_id', '=', 'f.id')
        .where('t.removed', '=', false)
        .where('t.source', '=', 'api')
        .select(eb.fn.countAll<number>().as('n'))
        .as('travellers'),
      eb
        .selectFrom('bookings as b')
        .whereRef('b.flight_id', '=', 'f.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('bookings'),
      eb
        .selectFrom('alerts as a')
        .whereRef('a.flight_id', '=', 'f.id')
        .where('a.status', '=', 'open')
        .select(eb.fn.countAll<number>().as('n'))
        .as('alerts'),
    ])
    .$if(filter.country !== undefined, (q) => q.where('f.owner_country', '=', filter.country!))
    .$if(filter.date !== undefined, (q) => q.where('f.departure_date', '=', filter.date!))
    .$if(filter.airport !== undefined, (q) =>
      q.where((eb) => eb.or([eb('f.origin', '=', filter.airport!), eb('f.destination', '=', filter.airport!)])),
    )
    .$if(filter.status !== undefined, (q) => q.where('f.status', '=', filter.status!))
    .orderBy('f.departure_date', 'desc')
    .orderBy('f.carrier')
    .orderBy('f.flight_number')
    .limit(filter.limit)
    .execute();
  return rows.map((r) => ({
    ...toFlight(r),
    travellers: r.travellers ?? 0,
    bookings: r.bookings ?? 0,
    alerts: r.alerts ?? 0,
  }));
}

function toFlight(r: {
  id: string;
  owner_country: string;
  carrier: string;
  flight_number: string;
  departure_date: string;
  origin: string | null;
  destination: string | null;
  scheduled_departure: string | null;
  scheduled_arrival: string | null;
  status: string;
}): Flight {
  return {
    id: r.id,
    ownerCountry: r.owner_country,
    carrier: r.carrier,
    flightNumber: r.flight_number,
    departureDate: r.departure_date,
    origin: r.origin,
    destination: r.destination,
    scheduledDeparture: r.scheduled_departure,
    scheduledArrival: r.scheduled_arrival,
    status: r.status as FlightStatus,
  };
}

export async function findFlight(db: Db, id: string): Promise<Flight | undefined> {
  const row = await db.selectFrom('flights as f').select(flightColumns).where('f.id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toFlight(row);
}

export async function travellersOfFlight(db: Db, flightId: string): Promise<StoredTraveller[]> {
  const rows = await db
    .selectFrom('travellers')
    .selectAll()
    .where('flight_id', '=', flightId)
    .orderBy('source')
    .orderBy('surname')
    .orderBy('given_names')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    flightId: r.flight_id,
    source: r.source as 'api' | 'pnr',
    travellerKey: r.traveller_key,
    role: r.role as TravellerRow['role'],
    surname: r.surname,
    givenNames: r.given_names,
    birthDate: r.birth_date,
    gender: r.gender,
    nationality: r.nationality,
    documents: r.documents,
    inTransit: r.in_transit,
    embarkation: r.embarkation,
    debarkation: r.debarkation,
    seat: r.seat,
    recordLocator: r.record_locator,
    details: r.details,
    messageId: r.message_id,
    removed: r.removed,
    linkedTo: r.linked_to,
  }));
}

/** Takes the flight's row lock until the end of the transaction (what the upsert of its messages also takes). */
export async function lockFlight(db: Db, flightId: string): Promise<void> {
  await db.selectFrom('flights').select('id').where('id', '=', flightId).forUpdate().execute();
}

export async function bookingIdsOfFlight(db: Db, flightId: string): Promise<{ id: string; recordLocator: string }[]> {
  return db
    .selectFrom('bookings')
    .select(['id', 'record_locator as recordLocator'])
    .where('flight_id', '=', flightId)
    .execute();
}

export async function bookingsOfFlight(db: Db, flightId: string) {
  return db
    .selectFrom('bookings')
    .select(['id', 'record_locator', 'booked_at', 'data'])
    .where('flight_id', '=', flightId)
    .orderBy('record_locator')
    .execute();
}

/** A traveller's other appearances: the same surname and birth date, or the same document, on any flight of the country. */
export async function travellerHistory(db: Db, traveller: StoredTraveller, country: string | undefined) {
  const numbers = traveller.documents.map((d) => d.number);
  return db
    .selectFrom('travellers as t')
    .innerJoin('flights as f', 'f.id', 't.flight_id')
    .select([
      't.id',
      't.surname',
      't.given_names',
      't.birth_date',
      't.source',
      'f.id as flight_id',
      'f.carrier',
      'f.flight_number',
      'f.departure_date',
      'f.origin',
      'f.destination',
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('t.surname', '=', traveller.surname), eb('t.birth_date', '=', traveller.birthDate)]),
        ...(numbers.length === 0
          ? []
          : [
              sql<boolean>`exists (select 1 from jsonb_array_elements(t.documents) d where d->>'number' in (${sql.join(numbers)}))`,
            ]),
      ]),
    )
    .$if(country !== undefined, (q) => q.where('f.owner_country', '=', country!))
    .orderBy('f.departure_date', 'desc')
    .limit(200)
    .execute();
}
