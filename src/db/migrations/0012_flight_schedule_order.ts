import { sql, type Kysely } from 'kysely';

/** The flight's schedule fields, each with the column remembering when the message that set it was received. */
const fields = ['origin', 'destination', 'scheduled_departure', 'scheduled_arrival'] as const;

// Each schedule field of a flight remembers when the message that set it was received, as its status does (0007):
// an older message processed late (several workers, a retry) no longer puts back a time a newer one changed. A
// field's own time, not one for the whole schedule: messages give different fields (a PNR push may name no arrival).
// Rows already stored take their flight's newest message's time, the best known.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const field of fields) {
    await db.schema.alterTable('flights').addColumn(`${field}_received_at`, 'timestamptz').execute();
  }
  await sql`update flights f set
      origin_received_at = case when f.origin is null then null else m.at end,
      destination_received_at = case when f.destination is null then null else m.at end,
      scheduled_departure_received_at = case when f.scheduled_departure is null then null else m.at end,
      scheduled_arrival_received_at = case when f.scheduled_arrival is null then null else m.at end
    from (select flight_id, max(received_at) as at from messages where flight_id is not null group by flight_id) m
    where m.flight_id = f.id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const field of fields) {
    await db.schema.alterTable('flights').dropColumn(`${field}_received_at`).execute();
  }
}
