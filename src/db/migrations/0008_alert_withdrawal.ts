import { sql, type Kysely } from 'kysely';

// A targeting-rule alert holds while the flight, as its latest messages describe it, still meets the rule: a later
// list that adds the parent, cancels the traveller or changes the payment withdraws it, and it opens again if the
// facts come back. Alert status is therefore one of a known set, checked by the database.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table alerts add constraint alerts_status_check check (status in ('open', 'withdrawn'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table alerts drop constraint alerts_status_check`.execute(db);
}
