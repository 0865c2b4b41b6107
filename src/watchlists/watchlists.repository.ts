/** SQL of watchlists, their person and document entries, and the change log the screening index follows. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database, WatchlistDocumentTable, WatchlistPersonTable, WatchlistTable } from '../db/schema.js';
import type {
  DocumentEntry,
  DocumentInput,
  NoticeType,
  PersonEntry,
  PersonInput,
  AliasKind,
  Gender,
  DocumentStatus,
} from './entries.js';

export type WatchlistKind = 'persons' | 'documents' | 'mixed';

export interface Watchlist {
  readonly id: string;
  readonly name: string;
  readonly kind: WatchlistKind;
  readonly ownerCountry: string;
  readonly description: string;
  readonly matchThreshold: number;
  readonly createdAt: Date;
}

export interface WatchlistWithCounts extends Watchlist {
  readonly persons: number;
  readonly documents: number;
}

function toWatchlist(row: Selectable<WatchlistTable>): Watchlist {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as WatchlistKind,
    ownerCountry: row.owner_country,
    description: row.description,
    matchThreshold: row.match_threshold,
    createdAt: row.created_at,
  };
}

export function toPersonEntry(row: Selectable<WatchlistPersonTable>): PersonEntry {
  return {
    kind: 'person',
    key: row.key,
    listId: row.list_id,
    entityId: row.entity_id,
    name: row.name,
    aliases: row.aliases as { name: string; kind: AliasKind }[],
    birthDates: row.birth_dates,
    nationalities: row.nationalities,
    gender: row.gender as Gender | null,
    documents: row.documents,
    noticeType: row.notice_type as NoticeType | null,
    ownerCountry: row.owner_country,
    restrictedTo: row.restricted_to,
    reference: row.reference,
    remarks: row.remarks,
    updatedAt: row.updated_at,
  };
}

export function toDocumentEntry(row: Selectable<WatchlistDocumentTable>): DocumentEntry {
  return {
    kind: 'document',
    key: row.key,
    listId: row.list_id,
    entityId: row.entity_id,
    number: row.number,
    type: row.document_type,
    issuingState: row.issuing_state,
    status: row.status as DocumentStatus,
    reportedAt: row.reported_at,
    ownerCountry: row.owner_country,
    restrictedTo: row.restricted_to,
    reference: row.reference,
    updatedAt: row.updated_at,
  };
}

export async function insertWatchlist(
  db: Kysely<Database>,
  list: {
    id: string;
    name: string;
    kind: WatchlistKind;
    ownerCountry: string;
    description: string;
    matchThreshold: number;
  },
): Promise<Watchlist> {
  const row = await db
    .insertInto('watchlists')
    .values({
      id: list.id,
      name: list.name,
      kind: list.kind,
      owner_country: list.ownerCountry,
      description: list.description,
      match_threshold: list.matchThreshold,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toWatchlist(row);
}

export async function findWatchlist(db: Kysely<Database>, id: string): Promise<Watchlist | undefined> {
  const row = await db.selectFrom('watchlists').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toWatchlist(row);
}

export async function listWatchlists(db: Db): Promise<WatchlistWithCounts[]> {
  const rows = await db
    .selectFrom('watchlists as w')
    .selectAll('w')
    .select((eb) => [
      eb
        .selectFrom('watchlist_persons as p')
        .whereRef('p.list_id', '=', 'w.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('persons'),
      eb
        .selectFrom('watchlist_documents as d')
        .whereRef('d.list_id', '=', 'w.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('documents'),
    ])
    .orderBy('w.id')
    .execute();
  return rows.map((r) => ({ ...toWatchlist(r), persons: r.persons ?? 0, documents: r.documents ?? 0 }));
}

export interface UpsertCounts {
  readonly inserted: number;
  readonly updated: number;
  /** Entries that were already as given: not written (no change logged, updated_at kept). */
  readonly unchanged: number;
}

/** The counts of an upsert of `entries` rows that returned `rows`: the rows it inserted or changed. */
function countUpserts(entries: number, rows: readonly { inserted: boolean }[]): UpsertCounts {
  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.length - inserted, unchanged: entries - rows.length };
}

/** `table`'s `columns` as stored differ from the row the upsert proposed (`excluded`), NULLs compared as values. */
function contentDiffers(table: string, columns: readonly string[]) {
  const stored = sql.join(columns.map((c) => sql.ref(`${table}.${c}`)));
  const proposed = sql.join(columns.map((c) => sql.ref(`excluded.${c}`)));
  return sql<boolean>`(${stored}) is distinct from (${proposed})`;
}

const personContent = [
  'name',
  'aliases',
  'birth_dates',
  'nationalities',
  'gender',
  'documents',
  'notice_type',
  'owner_country',
  'restricted_to',
  'reference',
  'remarks',
] as const;

const documentContent = [
  'number',
  'document_type',
  'issuing_state',
  'status',
  'reported_at',
  'owner_country',
  'restricted_to',
  'reference',
] as const;

/**
 * Inserts or replaces person entries by (list, entity id), stamping those it writes with `importId`. An entry already
 * as given is left alone: rewriting it would log a change for every server's index to reload.
 */
export async function upsertPersons(
  db: Kysely<Database>,
  listId: string,
  entries: readonly (PersonInput & { ownerCountry: string })[],
  importId: string | null,
): Promise<UpsertCounts> {
  if (entries.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const rows = await db
    .insertInto('watchlist_persons')
    .values(
      entries.map((e) => ({
        list_id: listId,
        entity_id: e.entityId,
        name: e.name,
        aliases: JSON.stringify(e.aliases),
        birth_dates: [...e.birthDates],
        nationalities: [...e.nationalities],
        gender: e.gender,
        documents: JSON.stringify(e.documents),
        notice_type: e.noticeType,
        owner_country: e.ownerCountry,
        restricted_to: [...e.restrictedTo],
        reference: e.reference,
        remarks: e.remarks,
        import_id: importId,
      })),
    )
    .onConflict((oc) =>
      oc
        .constraint('watchlist_persons_entity_key')
        .doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          aliases: eb.ref('excluded.aliases'),
          birth_dates: eb.ref('excluded.birth_dates'),
          nationalities: eb.ref('excluded.nationalities'),
          gender: eb.ref('excluded.gender'),
          documents: eb.ref('excluded.documents'),
          notice_type: eb.ref('excluded.notice_type'),
          owner_country: eb.ref('excluded.owner_country'),
          restricted_to: eb.ref('excluded.restricted_to'),
          reference: eb.ref('excluded.reference'),
          remarks: eb.ref('excluded.remarks'),
          import_id: eb.ref('excluded.import_id'),
          updated_at: sql`now()`,
        }))
        .where(contentDiffers('watchlist_persons', personContent)),
    )
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .execute();
  return countUpserts(entries.length, rows);
}

/** Inserts or replaces document entries by (list, entity id), leaving alone those already as given (as upsertPersons). */
export async function upsertDocuments(
  db: Kysely<Database>,
  listId: string,
  entries: readonly (DocumentInput & { ownerCountry: string })[],
  importId: string | null,
): Promise<UpsertCounts> {
  if (entries.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const rows = await db
    .insertInto('watchlist_documents')
    .values(
      entries.map((e) => ({
        list_id: listId,
        entity_id: e.entityId,
        number: e.number,
        document_type: e.type,
        issuing_state: e.issuingState,
        status: e.status,
        reported_at: e.reportedAt,
        owner_country: e.ownerCountry,
        restricted_to: [...e.restrictedTo],
        reference: e.reference,
        import_id: importId,
      })),
    )
    .onConflict((oc) =>
      oc
        .constraint('watchlist_documents_entity_key')
        .doUpdateSet((eb) => ({
          number: eb.ref('excluded.number'),
          document_type: eb.ref('excluded.document_type'),
          issuing_state: eb.ref('excluded.issuing_state'),
          status: eb.ref('excluded.status'),
          reported_at: eb.ref('excluded.reported_at'),
          owner_country: eb.ref('excluded.owner_country'),
          restricted_to: eb.ref('excluded.restricted_to'),
          reference: eb.ref('excluded.reference'),
          import_id: eb.ref('excluded.import_id'),
          updated_at: sql`now()`,
        }))
        .where(contentDiffers('watchlist_documents', documentContent)),
    )
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .execute();
  return countUpserts(entries.length, rows);
}

export async function findPerson(
  db: Kysely<Database>,
  listId: string,
  entityId: string,
): Promise<PersonEntry | undefined> {
  const row = await db
    .selectFrom('watchlist_persons')
    .selectAll()
    .where('list_id', '=', listId)
    .where('entity_id', '=', entityId)
    .executeTakeFirst();
  return row === undefined ? undefined : toPersonEntry(row);
}

export async function findDocument(
  db: Kysely<Database>,
  listId: string,
  entityId: string,
): Promise<DocumentEntry | undefined> {
  const row = await db
    .selectFrom('watchlist_documents')
    .selectAll()
    .where('list_id', '=', listId)
    .where('entity_id', '=', entityId)
    .executeTakeFirst();
  return row === undefined ? undefined : toDocumentEntry(row);
}

/** A page of a list's persons after `afterKey`, in key order (keyset paging: cheap at any depth). */
export async function pagePersons(
  db: Db,
  listId: string | undefined,
  afterKey: number,
  limit: number,
): Promise<PersonEntry[]> {
  const rows = await db
    .selectFrom('watchlist_persons')
    .selectAll()
    .$if(listId !== undefined, (q) => q.where('list_id', '=', listId!))
    .where('key', '>', afterKey)
    .orderBy('key')
    .limit(limit)
    .execute();
  return rows.map(toPersonEntry);
}

export async function pageDocuments(
  db: Db,
  listId: string | undefined,
  afterKey: number,
  limit: number,
): Promise<DocumentEntry[]> {
  const rows = await db
    .selectFrom('watchlist_documents')
    .selectAll()
    .$if(listId !== undefined, (q) => q.where('list_id', '=', listId!))
    .where('key', '>', afterKey)
    .orderBy('key')
    .limit(limit)
    .execute();
  return rows.map(toDocumentEntry);
}

export async function findPersonsByKeys(db: Db, keys: readonly number[]): Promise<PersonEntry[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('watchlist_persons')
    .selectAll()
    .where('key', 'in', [...keys])
    .execute();
  return rows.map(toPersonEntry);
}

export async function findDocumentsByKeys(db: Db, keys: readonly number[]): Promise<DocumentEntry[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('watchlist_documents')
    .selectAll()
    .where('key', 'in', [...keys])
    .execute();
  return rows.map(toDocumentEntry);
}

export interface WatchlistChange {
  readonly seq: number;
  readonly entryKind: 'person' | 'document';
  readonly listId: string;
  readonly entryKey: number;
  readonly op: 'upsert' | 'delete';
}

/** The newest change's seq (0 when there is none). */
/**
 * The database's snapshot now, as text: which transactions' writes a statement begun now sees. A server's index has
 * applied every change visible in the snapshot it last took (see changesBetween).
 */
export async function currentSnapshot(db: Db): Promise<string> {
  const { rows } = await sql<{ snapshot: string }>`select pg_current_snapshot()::text as snapshot`.execute(db);
  return rows[0]!.snapshot;
}

/**
 * The changes of the transactions that committed between two snapshots (not visible in `since`, visible in `now`),
 * by seq, a page of at most `limit` after `afterSeq`. Every transaction is so read once, in the round after it
 * commits, however long it ran and whatever numbers later ones took meanwhile; one that rolled back never is. A
 * transaction older than the oldest one `since` saw running had committed or rolled back before it: not read again.
 */
export async function changesBetween(
  db: Db,
  since: string,
  now: string,
  afterSeq: number,
  limit: number,
): Promise<WatchlistChange[]> {
  const { rows } = await sql<{ seq: number; entry_kind: string; list_id: string; entry_key: number; op: string }>`
    select seq, entry_kind, list_id, entry_key, op from watchlist_changes
    where xid >= pg_snapshot_xmin(${since}::pg_snapshot)
      and not pg_visible_in_snapshot(xid, ${since}::pg_snapshot)
      and pg_visible_in_snapshot(xid, ${now}::pg_snapshot)
      and seq > ${afterSeq}
    order by seq
    limit ${limit}`.execute(db);
  return rows.map((r) => ({
    seq: r.seq,
    entryKind: r.entry_kind as 'person' | 'document',
    listId: r.list_id,
    entryKey: r.entry_key,
    op: r.op as 'upsert' | 'delete',
  }));
}

/** Forgets changes older than `before`: every server has applied them long ago (a new server loads the tables). */
export async function pruneChanges(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('watchlist_changes').where('at', '<', before).execute();
}
