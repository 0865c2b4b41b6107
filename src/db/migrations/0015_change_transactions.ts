import { sql, type Kysely } from 'kysely';

// Each change remembers the transaction that wrote it, so a server follows the log by what has become visible since
// it last looked (a snapshot), not by sequence numbers alone: a number is taken when a statement runs, and its
// transaction may commit long after later numbers did (an import's last batch waits for the audit chain's lock).
// Counting past such a hole after a delay lost the change for good; a server loading while it was in flight never
// looked below the newest number. Changes already stored were written by transactions long finished: they take this
// one's id, which every later snapshot sees committed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('watchlist_changes')
    .addColumn('xid', sql`xid8`, (c) => c.notNull().defaultTo(sql`pg_current_xact_id()`))
    .execute();
  await db.schema.createIndex('watchlist_changes_xid').on('watchlist_changes').column('xid').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('watchlist_changes_xid').execute();
  await db.schema.alterTable('watchlist_changes').dropColumn('xid').execute();
}
