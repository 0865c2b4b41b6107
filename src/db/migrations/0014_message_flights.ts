import { sql, type Kysely } from 'kysely';

// An interchange may carry messages for several flights (one UNH each): every flight it names must find it when its
// rules are run, not only the first, which messages.flight_id keeps (what the API shows as the message's flight).
// Keyed by flight first: the rules read a flight's messages by it (messages had no index on flight_id at all).
// Messages already stored name their first flight only; the others they carried were never linked to them, and stay so.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('message_flights')
    .addColumn('flight_id', 'uuid', (c) => c.notNull().references('flights.id').onDelete('cascade'))
    .addColumn('message_id', 'uuid', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('message_flights_pkey', ['flight_id', 'message_id'])
    .execute();
  await sql`insert into message_flights (flight_id, message_id)
    select m.flight_id, m.id from messages m join flights f on f.id = m.flight_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('message_flights').execute();
}
