import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('watchlists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('persons', 'documents', 'mixed')`))
    .addColumn('owner_country', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('match_threshold', 'real', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('watchlist_persons')
    .addColumn('key', 'bigserial', (c) => c.primaryKey())
    .addColumn('list_id', 'text', (c) => c.notNull().references('watchlists.id').onDelete('cascade'))
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('aliases', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('birth_dates', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('nationalities', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('gender', 'text')
    .addColumn('documents', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('notice_type', 'text')
    .addColumn('owner_country', 'text', (c) => c.notNull())
    .addColumn('restricted_to', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('reference', 'text')
    .addColumn('remarks', 'text')
    .addColumn('import_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('watchlist_persons_entity_key', ['list_id', 'entity_id'])
    .execute();

  await db.schema
    .createTable('watchlist_documents')
    .addColumn('key', 'bigserial', (c) => c.primaryKey())
    .addColumn('list_id', 'text', (c) => c.notNull().references('watchlists.id').onDelete('cascade'))
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text')
    .addColumn('issuing_state', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('stolen', 'lost', 'revoked', 'invalidated', 'stolen_blank')`),
    )
    .addColumn('reported_at', 'date')
    .addColumn('owner_country', 'text', (c) => c.notNull())
    .addColumn('restricted_to', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('reference', 'text')
    .addColumn('import_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('watchlist_documents_entity_key', ['list_id', 'entity_id'])
    .execute();

  // The change log the in-memory screening indexes follow: every write to an entry appends (seq, key, op), and
  // a NOTIFY wakes the servers. A server that missed notifications catches up from the last seq it applied.
  await db.schema
    .createTable('watchlist_changes')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('entry_kind', 'text', (c) => c.notNull())
    .addColumn('list_id', 'text', (c) => c.notNull())
    .addColumn('entry_key', 'bigint', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  for (const [table, kind] of [
    ['watchlist_persons', 'person'],
    ['watchlist_documents', 'document'],
  ] as const) {
    // Statement-level triggers with transition tables: one INSERT … SELECT per statement, not one per row, so a
    // batch of a thousand imported entries costs one extra statement.
    for (const [event, rows, op] of [
      ['insert', 'new', 'upsert'],
      ['update', 'new', 'upsert'],
      ['delete', 'old', 'delete'],
    ] as const) {
      await sql
        .raw(
          `create function ${table}_${event}_changes() returns trigger language plpgsql as $$
           begin
             insert into watchlist_changes (entry_kind, list_id, entry_key, op)
               select '${kind}', list_id, key, '${op}' from changed_rows;
             perform pg_notify('lodestar_watchlist', '${kind}');
             return null;
           end $$`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${table}_${event}_changes after ${event} on ${table}
           referencing ${rows} table as changed_rows for each statement execute function ${table}_${event}_changes()`,
        )
        .execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('watchlist_changes').execute();
  await db.schema.dropTable('watchlist_documents').execute();
  await db.schema.dropTable('watchlist_persons').execute();
  await db.schema.dropTable('watchlists').execute();
  for (const table of ['watchlist_persons', 'watchlist_documents']) {
    for (const event of ['insert', 'update', 'delete'])
      await sql.raw(`drop function if exists ${table}_${event}_changes()`).execute(db);
  }
}
