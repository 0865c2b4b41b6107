import { sql, type Kysely } from 'kysely';

// Messages of one flight may be processed in any order (several at once, several servers): each stored flight
// status, traveller and booking remembers when the message it comes from was received, so an older message
// processed late never overwrites what a newer one said.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('flights').addColumn('status_received_at', 'timestamptz').execute();
  for (const table of ['travellers', 'bookings']) {
    await db.schema.alterTable(table).addColumn('received_at', 'timestamptz').execute();
    await sql`update ${sql.table(table)} as t set received_at = m.received_at from messages as m where m.id = t.message_id`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('bookings').dropColumn('received_at').execute();
  await db.schema.alterTable('travellers').dropColumn('received_at').execute();
  await db.schema.alterTable('flights').dropColumn('status_received_at').execute();
}
