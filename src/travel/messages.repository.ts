/** SQL of received passenger-data messages. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database, MessageTable } from '../db/schema.js';

export type MessageStatus = 'received' | 'parsed' | 'screened' | 'failed';

export interface StoredMessage {
  readonly id: string;
  readonly receivedAt: Date;
  readonly receivedBy: string;
  readonly ownerCountry: string;
  readonly contentHash: string;
  readonly size: number;
  readonly kind: string | null;
  readonly status: MessageStatus;
  readonly error: Readonly<Record<string, unknown>> | null;
  readonly warnings: readonly unknown[];
  readonly flightId: string | null;
  readonly travellers: number;
  readonly bookings: number;
  readonly alerts: number;
  readonly processedAt: Date | null;
}

function toMessage(row: Omit<Selectable<MessageTable>, 'raw'>): StoredMessage {
  return {
    id: row.id,
    receivedAt: row.received_at,
    receivedBy: row.received_by,
    ownerCountry: row.owner_country,
    contentHash: row.content_hash,
    size: row.size,
    kind: row.kind,
    status: row.status as MessageStatus,
    error: row.error,
    warnings: row.warnings,
    flightId: row.flight_id,
    travellers: row.travellers,
    bookings: row.bookings,
    alerts: row.alerts,
    processedAt: row.processed_at,
  };
}

const columns = [
  'id',
  'received_at',
  'received_by',
  'owner_country',
  'content_hash',
  'size',
  'kind',
  'status',
  'error',
  'warnings',
  'flight_id',
  'travellers',
  'bookings',
  'alerts',
  'processed_at',
] as const;

/** A message as received, to store. */
export interface NewMessage {
  readonly receivedBy: string;
  readonly ownerCountry: string;
  readonly contentHash: string;
  readonly raw: Buffer;
}

const contentKey = (ownerCountry: string, contentHash: string) => `${ownerCountry}|${contentHash}`;

/**
 * Raw bytes one insert statement carries at most: a statement's parameters travel in one protocol message, which
 * PostgreSQL caps at 1 GB, and the client builds it in memory. A transaction of many large messages takes several.
 */
const MAX_INSERT_BYTES = 32 * 1024 * 1024;

/**
 * Stores raw messages, in one statement unless they are larger than `maxBytes` together, and gives each its stored
 * row, in order: a message whose content was stored already for its country (before, or earlier in `messages`) is a
 * duplicate, and gets that row.
 */
export async function insertMessages(
  db: Kysely<Database>,
  messages: readonly NewMessage[],
  maxBytes = MAX_INSERT_BYTES,
): Promise<{ message: StoredMessage; duplicate: boolean }[]> {
  if (messages.length === 0) return [];
  // Inserted in the order of their content key: two servers inserting the same contents wait for each other in one
  // order, instead of each holding one the other waits for (a deadlock).
  const ordered = [...messages].sort((a, b) => {
    const x = contentKey(a.ownerCountry, a.contentHash);
    const y = contentKey(b.ownerCountry, b.contentHash);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const inserted: Selectable<Pick<MessageTable, (typeof columns)[number]>>[] = [];
  for (let start = 0; start < ordered.length;) {
    let end = start + 1;
    let bytes = ordered[start]!.raw.length;
    while (end < ordered.length && bytes + ordered[end]!.raw.length <= maxBytes) bytes += ordered[end++]!.raw.length;
    const rows = await db
      .insertInto('messages')
      .values(
        ordered.slice(start, end).map((m) => ({
          received_by: m.receivedBy,
          owner_country: m.ownerCountry,
          content_hash: m.contentHash,
          raw: m.raw,
          size: m.raw.length,
          status: 'received',
          kind: null,
          error: null,
          warnings: '[]',
          flight_id: null,
          processed_at: null,
        })),
      )
      .onConflict((oc) => oc.constraint('messages_content_key').doNothing())
      .returning(columns)
      .execute();
    inserted.push(...rows);
    start = end;
  }
  // Rows come back in no set order: matched by content. The first message of each new content is the one inserted.
  const fresh = new Map(inserted.map((r) => [contentKey(r.owner_country, r.content_hash), toMessage(r)]));
  const stored = new Map<string, StoredMessage>();
  const others = messages.filter((m) => !fresh.has(contentKey(m.ownerCountry, m.contentHash)));
  if (others.length > 0) {
    const rows = await db
      .selectFrom('messages')
      .select(columns)
      .where((eb) =>
        eb.or(
          others.map((m) => eb.and([eb('owner_country', '=', m.ownerCountry), eb('content_hash', '=', m.contentHash)])),
        ),
      )
      .execute();
    for (const r of rows) stored.set(contentKey(r.owner_country, r.content_hash), toMessage(r));
  }
  return messages.map((m) => {
    const key = contentKey(m.ownerCountry, m.contentHash);
    const message = fresh.get(key);
    if (message !== undefined) {
      fresh.delete(key);
      stored.set(key, message);
      return { message, duplicate: false };
    }
    return { message: stored.get(key)!, duplicate: true };
  });
}

export async function findMessage(db: Kysely<Database>, id: string): Promise<StoredMessage | undefined> {
  const row = await db.selectFrom('messages').select(columns).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toMessage(row);
}

/** Messages with their raw bytes, in one read (what processing starts from), oldest first. */
export async function loadMessages(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<{ message: StoredMessage; raw: Buffer }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('messages')
    .select([...columns, 'raw'])
    .where('id', 'in', [...ids])
    .orderBy('received_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ message: toMessage(row), raw: row.raw }));
}

/** The raw bytes of several messages, by id, in one read. */
export async function readRawMessages(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, Buffer>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('messages').select(['id', 'raw']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.raw]));
}

/**
 * Lets the current transaction commit without waiting for its WAL to reach disk. Used for the processing
 * transaction of a message: the statement that then marks the message screened commits normally, and that flush
 * carries this transaction's WAL with it (WAL is written in order), so once a message is screened all its rows are
 * durable; a crash before that loses at most the processing, which the job queue runs again.
 */
export async function deferCommitFlush(trx: Kysely<Database>): Promise<void> {
  await sql`set local synchronous_commit = off`.execute(trx);
}

/**
 * The messages of these flights that did not fail, oldest first (to rebuild each flight's facts for the rules): one
 * row per message and flight, by every flight a message names (message_flights), not only its first.
 */
export async function messagesOfFlights(
  db: Kysely<Database>,
  flightIds: readonly string[],
): Promise<{ id: string; flightId: string; kind: string | null; receivedAt: Date }[]> {
  if (flightIds.length === 0) return [];
  return db
    .selectFrom('message_flights as mf')
    .innerJoin('messages as m', 'm.id', 'mf.message_id')
    .select(['m.id', 'mf.flight_id as flightId', 'm.kind', 'm.received_at as receivedAt'])
    .where('mf.flight_id', 'in', [...flightIds])
    .where('m.status', '!=', 'failed')
    .orderBy('m.received_at')
    .orderBy('m.id')
    .execute();
}

/** What parsing and storing a message found: its kind, its flights (the first shown as its flight), counts, warnings. */
export interface ParsedMessageState {
  readonly id: string;
  readonly kind: string;
  /** Every flight the message names, the first first: `messages.flight_id` is the first, message_flights holds all. */
  readonly flightIds: readonly string[];
  readonly travellers: number;
  readonly bookings: number;
  readonly warnings: readonly unknown[];
}

/**
 * Marks several messages parsed, each with what was found in it, and links each to its flights, in one statement. A
 * message screened meanwhile (by another run of its job) stays screened.
 */
export async function markMessagesParsed(db: Kysely<Database>, states: readonly ParsedMessageState[]): Promise<void> {
  if (states.length === 0) return;
  const links = states.flatMap((s) => s.flightIds.map((flightId) => [s.id, flightId] as const));
  await sql`with linked as (
      insert into message_flights (message_id, flight_id)
      select * from unnest(${links.map((l) => l[0])}::uuid[], ${links.map((l) => l[1])}::uuid[])
      on conflict do nothing)
    update messages m set status = 'parsed', kind = s.kind, flight_id = s."flightIds"[1],
      travellers = s.travellers, bookings = s.bookings, warnings = s.warnings, error = null, processed_at = now()
    from jsonb_to_recordset(${JSON.stringify(states)}::jsonb) as s(id uuid, kind text, "flightIds" uuid[],
      travellers integer, bookings integer, warnings jsonb)
    where m.id = s.id and m.status <> 'screened'`.execute(db);
}

/**
 * Adds warnings to messages already parsed (what only the flight's other messages show: a multi-part list's missing
 * parts or whole-list totals), after the warnings parsing gave them.
 */
export async function addMessageWarnings(
  db: Kysely<Database>,
  warnings: ReadonlyMap<string, readonly unknown[]>,
): Promise<void> {
  if (warnings.size === 0) return;
  const rows = [...warnings].map(([id, added]) => ({ id, added }));
  await sql`update messages m set warnings = m.warnings || s.added
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as s(id uuid, added jsonb)
    where m.id = s.id`.execute(db);
}

export async function updateMessage(
  db: Kysely<Database>,
  id: string,
  changes: {
    status: MessageStatus;
    kind?: string | null;
    error?: Record<string, unknown> | null;
    warnings?: readonly unknown[];
    flightId?: string | null;
    travellers?: number;
    bookings?: number;
    alerts?: number;
  },
): Promise<void> {
  await db
    .updateTable('messages')
    .set({
      status: changes.status,
      ...(changes.kind === undefined ? {} : { kind: changes.kind }),
      ...(changes.error === undefined ? {} : { error: changes.error === null ? null : JSON.stringify(changes.error) }),
      ...(changes.warnings === undefined ? {} : { warnings: JSON.stringify(changes.warnings) }),
      ...(changes.flightId === undefined ? {} : { flight_id: changes.flightId }),
      ...(changes.travellers === undefined ? {} : { travellers: changes.travellers }),
      ...(changes.bookings === undefined ? {} : { bookings: changes.bookings }),
      ...(changes.alerts === undefined ? {} : { alerts: changes.alerts }),
      processed_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

/** Messages of a country, newest first. */
export async function listMessages(
  db: Db,
  country: string | undefined,
  status: MessageStatus | undefined,
  limit: number,
): Promise<StoredMessage[]> {
  const rows = await db
    .selectFrom('messages')
    .select(columns)
    .$if(country !== undefined, (q) => q.where('owner_country', '=', country!))
    .$if(status !== undefined, (q) => q.where('status', '=', status!))
    .orderBy('received_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toMessage);
}

/** The error of a message whose processing failed on every attempt (not a parse error: it may succeed later). */
export const processingFailedCode = 'processing.failed';

/**
 * Marks a message whose processing gave up failed, with what went wrong, unless it got further meanwhile (a
 * message screened, or failed by its content, keeps that).
 */
export async function markProcessingFailed(
  db: Kysely<Database>,
  id: string,
  error: { readonly message: string; readonly attempts: number },
): Promise<void> {
  await db
    .updateTable('messages')
    .set({
      status: 'failed',
      error: JSON.stringify({ code: processingFailedCode, message: error.message, attempts: error.attempts }),
      processed_at: new Date(),
    })
    .where('id', '=', id)
    .where('status', 'in', ['received', 'parsed'])
    .execute();
}

/** Whether a message should be processed (again): waiting, or failed by processing rather than by its content. */
export function awaitsProcessing(message: Pick<StoredMessage, 'status' | 'error'>): boolean {
  return (
    message.status === 'received' ||
    message.status === 'parsed' ||
    (message.status === 'failed' && message.error?.code === processingFailedCode)
  );
}

/**
 * Puts a message whose processing failed back to `received`, to be processed again; false when it is no longer
 * failed (another receipt of it did so first).
 */
export async function markReceivedAgain(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db
    .updateTable('messages')
    .set({ status: 'received', error: null })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Messages still `received` or `parsed` that arrived before `before`, oldest first, at most `limit`: processing that
 * may have been lost (see IngestService.requeueStranded).
 */
export async function waitingMessages(db: Kysely<Database>, before: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('messages')
    .select('id')
    .where('status', 'in', ['received', 'parsed'])
    .where('received_at', '<', before)
    .orderBy('received_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
