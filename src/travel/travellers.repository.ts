/**
 * SQL of flights' travellers as ingestion writes them: one statement for the travellers of a whole batch of messages,
 * one read of what processing needs afterwards (who is listed, whom a rule hit names). Links between a PNR traveller
 * and the same person on the passenger list are derived when a flight is read (`pnrLinks`), not stored.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TravellerRow } from './ingest-mapping.js';

/** Surname and first given name as PNR and API copies of a traveller are compared: letters only, upper case. */
export function travellerNameKey(surname: string, givenNames: string): string {
  const given = givenNames.trim();
  const space = /\s/.exec(given);
  return `${nameKeyPart(surname)}|${nameKeyPart(space === null ? given : given.slice(0, space.index))}`;
}

/** A name's letters, upper case, without accents (NFKD drops them off their letters). */
function nameKeyPart(v: string): string {
  // Most names on passenger lists are already upper-case A–Z: nothing to change.
  let plain = true;
  let ascii = true;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 65 || c > 90) {
      plain = false;
      if (c > 127) {
        ascii = false;
        break;
      }
    }
  }
  if (plain) return v;
  // ASCII is its own NFKD form, and its only letters are A–Z and a–z.
  if (ascii) return v.replace(/[^A-Za-z]+/g, '').toUpperCase();
  return v
    .normalize('NFKD')
    .replace(/[^\p{L}]/gu, '')
    .toUpperCase();
}

/** The message stored rows come from: its id, and when it was received (newer messages win). */
export interface MessageSource {
  readonly id: string;
  readonly receivedAt: Date;
}

/** A traveller row to write for a flight, from a message. */
export interface TravellerWrite {
  readonly flightId: string;
  readonly source: MessageSource;
  readonly row: TravellerRow;
}

/** How a stored traveller is found again: its flight, source and stable key. */
export function travellerRowKey(flightId: string, source: string, travellerKey: string): string {
  return `${flightId}|${source}|${travellerKey}`;
}

/**
 * Keeps one write per traveller: the one from the newest message, and within a message the last (a list can name the
 * same traveller twice, a resent part). One statement cannot update a row twice.
 */
function newestPerKey<T extends { readonly source: MessageSource }>(
  writes: readonly T[],
  keyOf: (w: T) => string,
): T[] {
  const chosen = new Map<string, T>();
  for (const w of writes) {
    const key = keyOf(w);
    const known = chosen.get(key);
    if (known === undefined || known.source.receivedAt.getTime() <= w.source.receivedAt.getTime()) chosen.set(key, w);
  }
  return [...chosen.values()];
}

/**
 * Inserts or updates travellers by their stable key, for any number of flights and messages in one statement;
 * returns each traveller's id by `travellerRowKey`. A traveller last written from a message received later keeps
 * those values: messages of a flight may be processed in any order.
 */
export async function upsertTravellers(
  db: Kysely<Database>,
  writes: readonly TravellerWrite[],
): Promise<Map<string, string>> {
  if (writes.length === 0) return new Map();
  const unique = newestPerKey(writes, (w) => travellerRowKey(w.flightId, w.row.source, w.row.travellerKey));
  // The rows go as one JSON document, read back into columns by the server: one native JSON.stringify, where an
  // array parameter per column cost twice the client's time (each element escaped into an array literal, each JSON
  // column escaped once more inside it).
  const rows = unique.map((w) => ({
    ...w.row,
    flightId: w.flightId,
    messageId: w.source.id,
    receivedAt: w.source.receivedAt,
    nameKey: travellerNameKey(w.row.surname, w.row.givenNames),
  }));
  const result = await sql<{ id: string; flight_id: string; source: string; traveller_key: string }>`
    insert into travellers (flight_id, message_id, received_at, source, traveller_key, role, surname, given_names,
      birth_date, gender, nationality, documents, in_transit, embarkation, debarkation, seat, record_locator, details,
      removed, name_key)
    select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as ("flightId" uuid, "messageId" uuid,
      "receivedAt" timestamptz, "source" text, "travellerKey" text, "role" text, "surname" text, "givenNames" text,
      "birthDate" text, "gender" text, "nationality" text, "documents" jsonb, "inTransit" boolean, "embarkation" text,
      "debarkation" text, "seat" text, "recordLocator" text, "details" jsonb, "removed" boolean, "nameKey" text)
    on conflict on constraint travellers_key do update set
      role = excluded.role, surname = excluded.surname, given_names = excluded.given_names,
      birth_date = excluded.birth_date, gender = excluded.gender, nationality = excluded.nationality,
      documents = excluded.documents, in_transit = excluded.in_transit, embarkation = excluded.embarkation,
      debarkation = excluded.debarkation, seat = excluded.seat, record_locator = excluded.record_locator,
      details = excluded.details, message_id = excluded.message_id, removed = excluded.removed,
      name_key = excluded.name_key, received_at = excluded.received_at, updated_at = now()
    where travellers.received_at is null or travellers.received_at <= excluded.received_at
    returning id, flight_id, source, traveller_key`.execute(db);
  const ids = new Map(result.rows.map((r) => [travellerRowKey(r.flight_id, r.source, r.traveller_key), r.id]));
  if (ids.size < unique.length) {
    // Rows a newer message already wrote were left as they are, and not returned: read their ids.
    const missing = unique.filter((w) => !ids.has(travellerRowKey(w.flightId, w.row.source, w.row.travellerKey)));
    const kept = await sql<{ id: string; flight_id: string; source: string; traveller_key: string }>`
      select t.id, t.flight_id, t.source, t.traveller_key from travellers t
      join unnest(${missing.map((w) => w.flightId)}::uuid[], ${missing.map((w) => w.row.source)}::text[],
        ${missing.map((w) => w.row.travellerKey)}::text[]) as k(flight_id, source, traveller_key)
        on t.flight_id = k.flight_id and t.source = k.source and t.traveller_key = k.traveller_key`.execute(db);
    for (const r of kept.rows) ids.set(travellerRowKey(r.flight_id, r.source, r.traveller_key), r.id);
  }
  return ids;
}

/** A traveller of a flight as processing uses it after the upsert. */
export interface FlightTraveller {
  readonly id: string;
  readonly flightId: string;
  readonly source: 'api' | 'pnr';
  /** The traveller's stable key within the flight and source (`travellerRowKey`). */
  readonly travellerKey: string;
  readonly surname: string;
  readonly givenNames: string;
  /** `travellerNameKey` of the names, as stored. */
  readonly nameKey: string;
  readonly birthDate: string | null;
}

/** The travellers of these flights that no list removed: everything processing needs of them, in one read. */
export async function flightTravellers(db: Kysely<Database>, flightIds: readonly string[]): Promise<FlightTraveller[]> {
  if (flightIds.length === 0) return [];
  const rows = await db
    .selectFrom('travellers')
    .select(['id', 'flight_id', 'source', 'traveller_key', 'surname', 'given_names', 'name_key', 'birth_date'])
    .where('flight_id', 'in', flightIds)
    .where('removed', '=', false)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    flightId: r.flight_id,
    source: r.source as 'api' | 'pnr',
    travellerKey: r.traveller_key,
    surname: r.surname,
    givenNames: r.given_names,
    nameKey: r.name_key,
    birthDate: r.birth_date,
  }));
}

/** What `pnrLinks` reads of a traveller of one flight. */
export interface LinkableTraveller {
  readonly id: string;
  readonly source: 'api' | 'pnr';
  readonly nameKey: string;
  readonly birthDate: string | null;
  readonly removed?: boolean;
}

/**
 * The links of one flight's travellers: each PNR traveller to the passenger-list traveller with the same surname and
 * first given name (letters only, any case) whose birth date does not disagree. Linear (a map by name key); made
 * whenever the flight is read, so a link appears whichever of the two copies arrived first.
 */
export function pnrLinks(travellers: readonly LinkableTraveller[]): Map<string, string> {
  const listed = new Map<string, LinkableTraveller[]>();
  for (const t of travellers) {
    if (t.source !== 'api' || t.nameKey === '' || t.removed === true) continue;
    const same = listed.get(t.nameKey);
    if (same === undefined) listed.set(t.nameKey, [t]);
    else same.push(t);
  }
  const links = new Map<string, string>();
  for (const t of travellers) {
    if (t.source !== 'pnr' || t.nameKey === '') continue;
    const match = listed
      .get(t.nameKey)
      ?.find((a) => t.birthDate === null || a.birthDate === null || a.birthDate === t.birthDate);
    if (match !== undefined) links.set(t.id, match.id);
  }
  return links;
}
