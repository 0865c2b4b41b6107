import { sql, type Kysely } from 'kysely';

// A targeting rule belongs to the country that wrote it: only that country (and the operator) may write its next
// version, and the audit entry of a change names it so that country's auditor sees it. Every version row carries the
// owner (copied forward), so the rule in force answers for itself. Built-in indicators belong to no country: only
// the operator changes them, and countries switch them for themselves instead.
//
// Rows already stored: a rule is its first version's — its writer's country (a person's name is their email), else
// the one country that version named. The first version, not the latest, so a version another country wrote over it
// before owners existed does not take the rule over; a built-in's later versions stay ownerless.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('rules').addColumn('owner_country', 'text').execute();
  await sql`
    update rules r set owner_country = o.country
    from (
      select f.id,
        coalesce(
          (select u.country from users u where u.email = f.created_by limit 1),
          case when jsonb_typeof(f.definition -> 'countries') = 'array'
                and jsonb_array_length(f.definition -> 'countries') = 1
               then f.definition -> 'countries' ->> 0 end
        ) as country
      from rules f
      where not f.builtin and f.version = (select min(v.version) from rules v where v.id = f.id)
    ) o
    where o.id = r.id and o.country is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('rules').dropColumn('owner_country').execute();
}
