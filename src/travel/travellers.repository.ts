/**
 * SQL of a flight's travellers as ingestion writes them: one statement per message for the upsert, one read of what
 * processing needs afterwards (PNR ↔ passenger-list links, who is listed, whom a rule hit names), one statement
 * for the links.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TravellerRow } from './ingest-mapping.js';

/** Surname and first given name as PNR and API copies of a traveller are compared: letters only, upper case. */
export function travellerNameKey(surname: string, givenNames: string): string {
  const clean = (v: string) =>
    v
      .normalize('NFKD')
      .replace(/[^\p{L}]/gu, '')
      .toUpperCase();
  return `${clean(surname)}|${clean(givenNames.trim().split(/\s+/)[0] ?? '')}`;
}

/** The message stored rows come from: its id, and when it was received (newer messages win). */
export interface MessageSource {
  readonly id: string;
  readonly receivedAt: Date;
}

/**
 * Inserts or updates travellers by their stable key; returns their ids in input order. A traveller last written
 * from a message received later keeps those values: messages of a flight may be processed in any order.
 */
export async function upsertTravellers(
  db: Kysely<Database>,
  flightId: string,
  source: MessageSource,
  rows: readonly TravellerRow[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  // A list can name the same traveller twice (a resent part): the last one wins.
  const unique = [...new Map(rows.map((r) => [`${r.source}|${r.travellerKey}`, r])).values()];
  // The rows go as one JSON document, read back into columns by the server: one native JSON.stringify, where
  // an array parameter per column cost twice the client's time (each element escaped into an array literal, each
  // JSON column escaped once more inside it). The name keys, computed here, are zipped in beside them.
  const result = await sql<{ id: string; source: string; traveller_key: string }>`
    insert into travellers (flight_id, message_id, received_at, source, traveller_key, role, surname, given_names,
      birth_date, gender, nationality, documents, in_transit, embarkation, debarkation, seat, record_locator, details,
      removed, name_key)
    select ${flightId}::uuid, ${source.id}::uuid, ${source.receivedAt}::timestamptz, * from rows from (
      jsonb_to_recordset(${JSON.stringify(unique)}::jsonb) as ("source" text, "travellerKey" text, "role" text,
        "surname" text, "givenNames" text, "birthDate" text, "gender" text, "nationality" text, "documents" jsonb,
        "inTransit" boolean, "embarkation" text, "debarkation" text, "seat" text, "recordLocator" text,
        "details" jsonb, "removed" boolean),
      unnest(${unique.map((t) => travellerNameKey(t.surname, t.givenNames))}::text[]))
    on conflict on constraint travellers_key do update set
      role = excluded.role, surname = excluded.surname, given_names = excluded.given_names,
      birth_date = excluded.birth_date, gender = excluded.gender, nationality = excluded.nationality,
      documents = excluded.documents, in_transit = excluded.in_transit, embarkation = excluded.embarkation,
      debarkation = excluded.debarkation, seat = excluded.seat, record_locator = excluded.record_locator,
      details = excluded.details, message_id = excluded.message_id, removed = excluded.removed,
      name_key = excluded.name_key, received_at = excluded.received_at, updated_at = now()
    where travellers.received_at is null or travellers.received_at <= excluded.received_at
    returning id, source, traveller_key`.execute(db);
  const ids = new Map(result.rows.map((r) => [`${r.source}|${r.traveller_key}`, r.id]));
  if (ids.size < unique.length) {
    // Rows a newer message already wrote were left as they are, and not returned: read their ids.
    const kept = await db
      .selectFrom('travellers')
      .select(['id', 'source', 'traveller_key'])
      .where('flight_id', '=', flightId)
      .where(
        'traveller_key',
        'in',
        unique.map((t) => t.travellerKey),
      )
      .execute();
    for (const r of kept)
      if (!ids.has(`${r.source}|${r.traveller_key}`)) ids.set(`${r.source}|${r.traveller_key}`, r.id);
  }
  return rows.map((r) => ids.get(`${r.source}|${r.travellerKey}`)!);
}

/** A traveller of a flight as processing uses it after the upsert. */
export interface FlightTraveller {
  readonly id: string;
  readonly source: 'api' | 'pnr';
  readonly surname: string;
  readonly givenNames: string;
  /** `travellerNameKey` of the names, as stored. */
  readonly nameKey: string;
  readonly birthDate: string | null;
  /** For a PNR traveller: the same person on the passenger list. */
  readonly linkedTo: string | null;
}

/** The flight's travellers that no list removed: everything processing needs of them, in one read. */
export async function flightTravellers(db: Kysely<Database>, flightId: string): Promise<FlightTraveller[]> {
  const rows = await db
    .selectFrom('travellers')
    .select(['id', 'source', 'surname', 'given_names', 'name_key', 'birth_date', 'linked_to'])
    .where('flight_id', '=', flightId)
    .where('removed', '=', false)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    source: r.source as 'api' | 'pnr',
    surname: r.surname,
    givenNames: r.given_names,
    nameKey: r.name_key,
    birthDate: r.birth_date,
    linkedTo: r.linked_to,
  }));
}

/**
 * The links to make: each PNR traveller to the passenger-list traveller with the same surname and first given name
 * (letters only, any case) whose birth date does not disagree, where that is not the link it has already. Matched
 * here rather than in one UPDATE … FROM: a fresh flight has no statistics, and the planner's nested loop over two
 * lists of 400 cost tens of milliseconds per message; a map is linear.
 */
export function pnrLinks(travellers: readonly FlightTraveller[]): { ids: string[]; links: string[] } {
  const listed = new Map<string, FlightTraveller[]>();
  for (const t of travellers) {
    if (t.source !== 'api' || t.nameKey === '') continue;
    const same = listed.get(t.nameKey);
    if (same === undefined) listed.set(t.nameKey, [t]);
    else same.push(t);
  }
  const ids: string[] = [];
  const links: string[] = [];
  for (const t of travellers) {
    if (t.source !== 'pnr' || t.nameKey === '') continue;
    const match = listed
      .get(t.nameKey)
      ?.find((a) => t.birthDate === null || a.birthDate === null || a.birthDate === t.birthDate);
    if (match !== undefined && match.id !== t.linkedTo) {
      ids.push(t.id);
      links.push(match.id);
    }
  }
  return { ids, links };
}

/**
 * Links the flight's PNR travellers to the same people on its passenger list (see `pnrLinks`), given the flight's
 * travellers as `flightTravellers` read them. Run after every message, so the link is made whichever of the two
 * arrived first. Returns how many links were made or changed.
 */
export async function linkPnrTravellers(db: Kysely<Database>, travellers: readonly FlightTraveller[]): Promise<number> {
  const { ids, links } = pnrLinks(travellers);
  if (ids.length === 0) return 0;
  await sql`update travellers t set linked_to = l.linked from unnest(${ids}::uuid[], ${links}::uuid[]) as l(id, linked) where t.id = l.id`.execute(
    db,
  );
  return ids.length;
}
