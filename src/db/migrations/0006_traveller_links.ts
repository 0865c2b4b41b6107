import type { Kysely } from 'kysely';

// A PNR traveller is linked to the same person on the flight's passenger list (API), whichever arrived first.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('travellers')
    .addColumn('linked_to', 'uuid', (c) => c.references('travellers.id').onDelete('set null'))
    // Surname and first given name, letters only, upper case: the key PNR and API copies are linked by.
    .addColumn('name_key', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('travellers_name_key_idx').on('travellers').columns(['flight_id', 'name_key']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('travellers').dropColumn('name_key').dropColumn('linked_to').execute();
}
