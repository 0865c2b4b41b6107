import type { Kysely } from 'kysely';

// A PNR traveller is linked to the same person on the flight's passenger list (API), whichever arrived first.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('travellers')
    .addColumn('linked_to', 'uuid', (c) => c.references('travellers.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('travellers').dropColumn('linked_to').execute();
}
