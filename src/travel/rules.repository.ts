/** SQL of targeting rules: every version kept, the latest one in force; per-country switches. */
import { sql, type Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';

export interface StoredRule {
  readonly id: string;
  readonly version: number;
  readonly definition: Readonly<Record<string, unknown>>;
  readonly builtin: boolean;
  readonly createdBy: string;
  readonly createdAt: Date;
}

/** The latest version of every rule. */
export async function latestRules(db: Db): Promise<StoredRule[]> {
  const rows = await db
    .selectFrom('rules as r')
    .selectAll()
    .where('r.version', '=', (eb) =>
      eb
        .selectFrom('rules as v')
        .whereRef('v.id', '=', 'r.id')
        .select((x) => x.fn.max('v.version').as('max')),
    )
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    definition: r.definition,
    builtin: r.builtin,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

export async function latestVersion(db: Kysely<Database>, id: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('rules')
    .select((eb) => eb.fn.max('version').as('max'))
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.max ?? undefined;
}

export async function insertRule(
  db: Kysely<Database>,
  rule: { id: string; version: number; definition: Record<string, unknown>; builtin: boolean; createdBy: string },
): Promise<void> {
  await db
    .insertInto('rules')
    .values({
      id: rule.id,
      version: rule.version,
      definition: JSON.stringify(rule.definition),
      builtin: rule.builtin,
      created_by: rule.createdBy,
    })
    .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
    .execute();
}

/** Per-country switches, as rule id → country → enabled. */
export async function countrySettings(db: Db): Promise<Map<string, Map<string, boolean>>> {
  const rows = await db.selectFrom('rule_country_settings').select(['rule_id', 'country', 'enabled']).execute();
  const out = new Map<string, Map<string, boolean>>();
  for (const r of rows) {
    let byCountry = out.get(r.rule_id);
    if (byCountry === undefined) out.set(r.rule_id, (byCountry = new Map<string, boolean>()));
    byCountry.set(r.country, r.enabled);
  }
  return out;
}

export async function setCountrySetting(
  db: Kysely<Database>,
  ruleId: string,
  country: string,
  enabled: boolean,
  by: string,
): Promise<void> {
  await db
    .insertInto('rule_country_settings')
    .values({ rule_id: ruleId, country, enabled, updated_by: by })
    .onConflict((oc) =>
      oc.columns(['rule_id', 'country']).doUpdateSet({ enabled, updated_by: by, updated_at: sql`now()` }),
    )
    .execute();
}

/** A stamp that changes whenever a rule or a switch changes (to know when a cached rule set is stale). */
export async function rulesStamp(db: Db): Promise<string> {
  const result = await sql<{ stamp: string }>`
    select coalesce((select max(created_at)::text from rules), '') || '/' || (select count(*) from rules)::text || '/' ||
           coalesce((select max(updated_at)::text from rule_country_settings), '') as stamp`.execute(db);
  return result.rows[0]?.stamp ?? '';
}
