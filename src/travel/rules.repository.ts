/** SQL of targeting rules: every version kept, the latest one in force; per-country switches. */
import { sql, type Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';

export interface StoredRule {
  readonly id: string;
  readonly version: number;
  readonly definition: Readonly<Record<string, unknown>>;
  readonly builtin: boolean;
  /** The country whose rule it is; null for a built-in (or one the operator wrote for the whole operation). */
  readonly ownerCountry: string | null;
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
    ownerCountry: r.owner_country,
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

/** The latest version of rule `id` with who may change it, or undefined when there is no such rule. */
export async function findLatestRuleHead(
  db: Kysely<Database>,
  id: string,
): Promise<{ version: number; builtin: boolean; ownerCountry: string | null } | undefined> {
  const row = await db
    .selectFrom('rules')
    .select(['version', 'builtin', 'owner_country'])
    .where('id', '=', id)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { version: row.version, builtin: row.builtin, ownerCountry: row.owner_country };
}

/**
 * Holds, until the transaction ends, the lock that serialises writers of rule `id`: the second of two concurrent
 * saves reads the version the first stored and writes the next one. The two-key form with a class of its own keeps
 * rule ids out of the audit log's lock (a one-key lock).
 */
export async function lockRuleForWrite(trx: Kysely<Database>, id: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(727002, hashtext(${id}))`.execute(trx);
}

/** Stores one version of a rule; false when that version exists already (nothing is written then). */
export async function insertRule(
  db: Kysely<Database>,
  rule: {
    id: string;
    version: number;
    definition: Record<string, unknown>;
    builtin: boolean;
    ownerCountry: string | null;
    createdBy: string;
  },
): Promise<boolean> {
  const result = await db
    .insertInto('rules')
    .values({
      id: rule.id,
      version: rule.version,
      definition: JSON.stringify(rule.definition),
      builtin: rule.builtin,
      owner_country: rule.ownerCountry,
      created_by: rule.createdBy,
    })
    .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
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
