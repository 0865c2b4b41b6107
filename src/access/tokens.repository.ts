/** SQL of machine tokens. */
import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { ApiTokenTable, Database } from '../db/schema.js';
import type { Scope } from './policy.js';

export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly scopes: readonly Scope[];
  readonly prefix: string;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly useCount: number;
}

function toToken(row: Selectable<ApiTokenTable>): ApiToken {
  return {
    id: row.id,
    name: row.name,
    country: row.country,
    scopes: row.scopes as Scope[],
    prefix: row.prefix,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
    useCount: row.use_count,
  };
}

export async function insertToken(
  db: Kysely<Database>,
  token: {
    name: string;
    country: string;
    scopes: readonly Scope[];
    tokenHash: string;
    prefix: string;
    createdBy: string;
    expiresAt: Date | null;
  },
): Promise<ApiToken> {
  const row = await db
    .insertInto('api_tokens')
    .values({
      name: token.name,
      country: token.country,
      scopes: [...token.scopes],
      token_hash: token.tokenHash,
      prefix: token.prefix,
      created_by: token.createdBy,
      expires_at: token.expiresAt,
      revoked_at: null,
      last_used_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toToken(row);
}

/** The token with this digest, whatever its state (the caller decides whether it is usable). */
export async function findTokenByHash(db: Db, tokenHash: string): Promise<ApiToken | undefined> {
  const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row === undefined ? undefined : toToken(row);
}

export async function findTokenById(db: Kysely<Database>, id: string): Promise<ApiToken | undefined> {
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toToken(row);
}

export async function listTokensOfCountry(db: Db, country: string | undefined): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .$if(country !== undefined, (q) => q.where('country', '=', country!))
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toToken);
}

export async function revokeToken(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Whether a token is still valid at `now`: neither revoked nor expired (a read: a revocation on any server counts). */
export async function isTokenValid(db: Kysely<Database>, id: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('api_tokens')
    .select('id')
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Counts `uses` uses of each token, the last at `at`: one statement for all of them (the uses of one transaction of
 * the audit log's group commit, whose entries record each).
 */
export async function countTokenUses(
  db: Kysely<Database>,
  uses: ReadonlyMap<string, { readonly uses: number; readonly at: Date }>,
): Promise<void> {
  if (uses.size === 0) return;
  const ids = [...uses.keys()].sort();
  await sql`
    update api_tokens as t set use_count = t.use_count + u.uses,
      last_used_at = greatest(t.last_used_at, u.at)
    from unnest(${ids}::uuid[], ${ids.map((id) => uses.get(id)!.uses)}::int[],
      ${ids.map((id) => uses.get(id)!.at.toISOString())}::timestamptz[]) as u(id, uses, at)
    where t.id = u.id`.execute(db);
}
