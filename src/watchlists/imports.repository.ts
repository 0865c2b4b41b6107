/**
 * SQL of imports beyond the entries they write (watchlists.repository.ts): the ids a replacing import has read, the
 * removal of the entries it did not read, and the lock that keeps imports into one list one at a time.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * The entity ids a replacing import has read (written, unchanged or rejected), in a temporary table of the session
 * that runs the import: as long as the file, but never in memory, and without touching the entries themselves
 * (stamping an unchanged entry would log a change for it). `name` is unique to the import.
 */
export async function createSeenIds(db: Kysely<Database>, name: string): Promise<void> {
  await sql`create temporary table ${sql.id(name)} (entity_id text primary key)`.execute(db);
}

export async function addSeenIds(db: Kysely<Database>, name: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  // One array parameter, however many ids: a list of parameters would hit the protocol's limit of 65,535.
  await sql`insert into ${sql.id(name)} (entity_id) select unnest(${[...ids]}::text[]) on conflict do nothing`.execute(
    db,
  );
}

export async function dropSeenIds(db: Kysely<Database>, name: string): Promise<void> {
  await sql`drop table if exists ${sql.id(name)}`.execute(db);
}

/**
 * Removes the list's `entries` (persons, or documents: those the import's format fills, so a mixed list keeps the
 * other kind) whose entity ids are not in the seen table `seen` (`--replace`).
 */
export async function deleteEntriesNotSeen(
  db: Kysely<Database>,
  listId: string,
  entries: 'persons' | 'documents',
  seen: string,
): Promise<number> {
  const table = entries === 'persons' ? 'watchlist_persons' : 'watchlist_documents';
  const result = await db
    .deleteFrom(table)
    .where('list_id', '=', listId)
    .where(
      sql<boolean>`not exists (select from ${sql.table(seen)} as seen where seen.entity_id = ${sql.ref(`${table}.entity_id`)})`,
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The first key of the advisory locks of imports (the second is the list's hash); see the other 7270xx keys. */
const importLockClass = 727003;

/** The database is the embedded one (PGlite), one session for the whole process, whose advisory locks are all its own. */
export async function isEmbeddedDatabase(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ embedded: boolean }>`select version() like '%PGlite%' as embedded`.execute(db);
  return rows[0]?.embedded === true;
}

/**
 * Takes the session-level lock of imports into `listId` on this connection, if no other session holds it: it lasts
 * until released (or the session ends), across the transactions of an import's batches.
 */
export async function tryLockListImports(db: Kysely<Database>, listId: string): Promise<boolean> {
  const { rows } = await sql<{
    locked: boolean;
  }>`select pg_try_advisory_lock(${importLockClass}, hashtext(${listId})) as locked`.execute(db);
  return rows[0]?.locked === true;
}

export async function unlockListImports(db: Kysely<Database>, listId: string): Promise<void> {
  await sql`select pg_advisory_unlock(${importLockClass}, hashtext(${listId}))`.execute(db);
}
