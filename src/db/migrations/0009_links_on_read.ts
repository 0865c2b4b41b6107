import { sql, type Kysely } from 'kysely';

// A PNR traveller's link to the same person on the passenger list is derived from the flight's travellers (same name
// key, birth dates not disagreeing) whenever the flight is read, not stored: storing it meant rewriting every PNR row
// of a flight (a new row version and an entry in each index) when its passenger list arrived, about a quarter of the
// database's work per traveller. Nothing queries travellers by name key across a flight any more, so its index goes too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists travellers_name_key_idx`.execute(db);
  await db.schema.alterTable('travellers').dropColumn('linked_to').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('travellers')
    .addColumn('linked_to', 'uuid', (c) => c.references('travellers.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('travellers_name_key_idx').on('travellers').columns(['flight_id', 'name_key']).execute();
}
