/** SQL of flights, their travellers and bookings. */
import { pnrLinks, type MessageSource } from './travellers.repository.js';
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

/** A flight a message names, to find or create: for its receiving country, with the status the message carries. */
export interface FlightWrite {
  readonly ownerCountry: string;
  readonly key: FlightKey;
  readonly status: FlightStatus | undefined;
  readonly source: MessageSource;
}

/** How a flight is found again: its receiving country, carrier, number and local departure date. */
export function flightKeyOf(ownerCountry: string, key: Pick<FlightKey, 'carrier' | 'flightNumber' | 'departureDate'>) {
  return `${ownerCountry}|${key.carrier}|${key.flightNumber}|${key.departureDate}`;
}

/** A flight row as upsertFlights sends it. */
interface FlightRow {
  ownerCountry: string;
  carrier: string;
  flightNumber: string;
  departureDate: string;
  origin?: string;
  destination?: string;
  scheduledDeparture?: string;
  scheduledArrival?: string;
  status?: FlightStatus;
  statusReceivedAt?: Date;
  /** When the message that gave each schedule field was received (see upsertFlights). */
  originAt?: Date;
  destinationAt?: Date;
  scheduledDepartureAt?: Date;
  scheduledArrivalAt?: Date;
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The schedule fields of a flight row, each with the field remembering when its message was received. */
const scheduleFields = [
  ['origin', 'originAt'],
  ['destination', 'destinationAt'],
  ['scheduledDeparture', 'scheduledDepartureAt'],
  ['scheduledArrival', 'scheduledArrivalAt'],
] as const;

/**
 * The order flight rows are locked in, by upsertFlights and lockFlights alike: owner country, carrier, number, date,
 * each compared by code unit (`collate "C"` in SQL).
 */
function byLockOrder(a: FlightRow, b: FlightRow): number {
  for (const f of ['ownerCountry', 'carrier', 'flightNumber', 'departureDate'] as const) {
    if (a[f] !== b[f]) return a[f] < b[f] ? -1 : 1;
  }
  return 0;
}

/**
 * Finds or creates the flights of several messages in one statement; returns their ids by `flightKeyOf`. Messages
 * naming one flight are merged first, oldest first, as if applied one after another: a schedule field a message
 * gives replaces what an older one gave, and the newest status wins. The stored flight keeps, for its status and for
 * each schedule field, when the message that set it was received: a value from an older message than that is stale
 * and left, so messages of a flight may be processed in any order. Rows go in key order: each takes the flight's row
 * lock, so two batches naming the same flights wait for each other instead of deadlocking.
 */
export async function upsertFlights(
  db: Kysely<Database>,
  writes: readonly FlightWrite[],
): Promise<Map<string, string>> {
  if (writes.length === 0) return new Map();
  const merged = new Map<string, { row: FlightRow; statusAt: number }>();
  const ordered = [...writes].sort((a, b) => a.source.receivedAt.getTime() - b.source.receivedAt.getTime());
  for (const w of ordered) {
    const key = flightKeyOf(w.ownerCountry, w.key);
    const at = w.source.receivedAt.getTime();
    let m = merged.get(key);
    if (m === undefined) {
      const { carrier, flightNumber, departureDate } = w.key;
      m = { statusAt: -1, row: { ownerCountry: w.ownerCountry, carrier, flightNumber, departureDate } };
      merged.set(key, m);
    }
    for (const [field, receivedAt] of scheduleFields) {
      const value = w.key[field];
      if (value === null) continue;
      m.row[field] = value;
      m.row[receivedAt] = w.source.receivedAt;
    }
    if (w.status !== undefined && at >= m.statusAt) {
      m.row.status = w.status;
      m.row.statusReceivedAt = w.source.receivedAt;
      m.statusAt = at;
    }
  }
  const rows = [...merged.values()].map((m) => m.row).sort(byLockOrder);
  const result = await sql<{
    id: string;
    owner_country: string;
    carrier: string;
    flight_number: string;
    departure_date: string;
  }>`
    insert into flights (owner_country, carrier, flight_number, departure_date, origin, destination,
      scheduled_departure, scheduled_arrival, status, status_received_at, origin_received_at, destination_received_at,
      scheduled_departure_received_at, scheduled_arrival_received_at)
    select "ownerCountry", carrier, "flightNumber", "departureDate", origin, destination, "scheduledDeparture",
      "scheduledArrival", coalesce(status, 'open'), "statusReceivedAt", "originAt", "destinationAt",
      "scheduledDepartureAt", "scheduledArrivalAt"
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as ("ownerCountry" text, carrier text, "flightNumber" text,
      "departureDate" date, origin text, destination text, "scheduledDeparture" text, "scheduledArrival" text,
      status text, "statusReceivedAt" timestamptz, "originAt" timestamptz, "destinationAt" timestamptz,
      "scheduledDepartureAt" timestamptz, "scheduledArrivalAt" timestamptz)
    on conflict on constraint flights_key do update set
      ${sql.join(
        scheduleFields.map(([field]) => {
          const column = sql.ref(snake(field));
          const at = sql.ref(`${snake(field)}_received_at`);
          const newer = sql`excluded.${column} is not null and (flights.${at} is null or flights.${at} <= excluded.${at})`;
          return sql`${column} = case when ${newer} then excluded.${column} else flights.${column} end,
            ${at} = case when ${newer} then excluded.${at} else flights.${at} end`;
        }),
      )},
      status = case when excluded.status_received_at is not null and (flights.status_received_at is null
          or flights.status_received_at <= excluded.status_received_at) then excluded.status else flights.status end,
      status_received_at = case when excluded.status_received_at is null then flights.status_received_at
        else greatest(flights.status_received_at, excluded.status_received_at) end,
      updated_at = now()
    returning id, owner_country, carrier, flight_number, departure_date`.execute(db);
  return new Map(
    result.rows.map((r) => [
      flightKeyOf(r.owner_country, {
        carrier: r.carrier,
        flightNumber: r.flight_number,
        departureDate: r.departure_date,
      }),
      r.id,
    ]),
  );
}

/** A booking to write for a flight, from a message. */
export interface BookingWrite {
  readonly flightId: string;
  readonly source: MessageSource;
  readonly row: BookingRow;
}

/** How a stored booking is found again: its flight and record locator. */
export function bookingRowKey(flightId: string, recordLocator: string): string {
  return `${flightId}|${recordLocator}`;
}

/**
 * Inserts or updates bookings by flight and record locator, for a whole batch in one statement; returns each one's id
 * by `bookingRowKey`. The newest message's copy wins, as for travellers.
 */
export async function upsertBookings(
  db: Kysely<Database>,
  writes: readonly BookingWrite[],
): Promise<Map<string, string>> {
  if (writes.length === 0) return new Map();
  // The same PNR twice (in one push, or in two pushes of the batch): the newest copy wins (a row cannot be updated
  // twice by one statement). The rows go as one JSON document, as upsertTravellers sends them.
  const chosen = new Map<string, BookingWrite>();
  for (const w of writes) {
    const key = bookingRowKey(w.flightId, w.row.recordLocator);
    const known = chosen.get(key);
    if (known === undefined || known.source.receivedAt.getTime() <= w.source.receivedAt.getTime()) chosen.set(key, w);
  }
  const unique = [...chosen.values()];
  const rows = unique.map((w) => ({
    flightId: w.flightId,
    messageId: w.source.id,
    receivedAt: w.source.receivedAt,
    ...w.row,
  }));
  const result = await sql<{ id: string; flight_id: string; record_locator: string }>`
    insert into bookings (flight_id, message_id, received_at, record_locator, booked_at, data)
    select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as ("flightId" uuid, "messageId" uuid,
      "receivedAt" timestamptz, "recordLocator" text, "bookedAt" text, "data" jsonb)
    on conflict on constraint bookings_key do update set
      booked_at = excluded.booked_at, data = excluded.data, message_id = excluded.message_id,
      received_at = excluded.received_at, updated_at = now()
    where bookings.received_at is null or bookings.received_at <= excluded.received_at
    returning id, flight_id, record_locator`.execute(db);
  const ids = new Map(result.rows.map((r) => [bookingRowKey(r.flight_id, r.record_locator), r.id]));
  if (ids.size < unique.length) {
    // Bookings a newer message already wrote were left as they are, and not returned: read their ids.
    const kept = await bookingIdsOfFlights(
      db,
      unique.map((w) => w.flightId),
    );
    for (const b of kept) {
      const key = bookingRowKey(b.flightId, b.recordLocator);
      if (!ids.has(key)) ids.set(key, b.id);
    }
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

/** A flight's travellers, each PNR traveller linked to the same person on the passenger list (`pnrLinks`). */
export async function travellersOfFlight(db: Db, flightId: string): Promise<StoredTraveller[]> {
  const rows = await db
    .selectFrom('travellers')
    .selectAll()
    .where('flight_id', '=', flightId)
    .orderBy('source')
    .orderBy('surname')
    .orderBy('given_names')
    .execute();
  const links = pnrLinks(
    rows.map((r) => ({
      id: r.id,
      source: r.source as 'api' | 'pnr',
      nameKey: r.name_key,
      birthDate: r.birth_date,
      removed: r.removed,
    })),
  );
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
    linkedTo: links.get(r.id) ?? null,
  }));
}

/**
 * Takes the row locks of these flights until the end of the transaction (what the upsert of their messages also
 * takes), in the upsert's order (flight key), so that two transactions locking some of the same flights cannot
 * deadlock.
 */
export async function lockFlights(db: Db, flightIds: readonly string[]): Promise<void> {
  if (flightIds.length === 0) return;
  await sql`select id from flights where id = any(${[...flightIds]}::uuid[])
    order by owner_country collate "C", carrier collate "C", flight_number collate "C", departure_date for update`.execute(
    db,
  );
}

/** The ids of the bookings of these flights, with their flight and record locator. */
export async function bookingIdsOfFlights(
  db: Db,
  flightIds: readonly string[],
): Promise<{ id: string; flightId: string; recordLocator: string }[]> {
  if (flightIds.length === 0) return [];
  return db
    .selectFrom('bookings')
    .select(['id', 'flight_id as flightId', 'record_locator as recordLocator'])
    .where('flight_id', 'in', [...new Set(flightIds)])
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

/**
 * A traveller's appearances on the country's other flights: the same surname and birth date, or the same document.
 * The flight asked about is left out (the traveller themself, and their copy from the other source, are on it). A
 * traveller cancelled from a flight still appears, with `removed` (as on the flight's traveller) saying so.
 */
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
      't.removed',
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
    .where('t.flight_id', '<>', traveller.flightId)
    .$if(country !== undefined, (q) => q.where('f.owner_country', '=', country!))
    .orderBy('f.departure_date', 'desc')
    .limit(200)
    .execute();
}
