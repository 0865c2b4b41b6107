/** SQL of the audit log. Appends run under a transaction-scoped advisory lock so the chain has one order. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { AuditLogTable, Database } from '../db/schema.js';
import { genesisHash, hashEntry, type AuditEntry, type AuditEvent } from './audit.js';

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorKind: row.actor_kind as AuditEntry['actorKind'],
    actorId: row.actor_id,
    actorName: row.actor_name,
    actorCountry: row.actor_country,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    subjectCountry: row.subject_country,
    outcome: row.outcome as AuditEntry['outcome'],
    details: row.details,
    ip: row.ip,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Takes the chain's lock (held to the end of the transaction) and returns the hash and seq the next entry links to:
 * the newest entry, else the newest checkpoint, else genesis. One round trip (migration 0010_audit_head); appends and
 * purges both take the lock through it, so its key is written in one place.
 */
async function lockChainHead(trx: Kysely<Database>): Promise<{ seq: number; hash: string }> {
  const { rows } = await sql<{ seq: string | number | null; hash: string | null }>`
    select seq, hash from lodestar_audit_lock_head()`.execute(trx);
  const head = rows[0];
  if (head?.seq === null || head?.seq === undefined || head.hash === null) return { seq: 0, hash: genesisHash };
  return { seq: Number(head.seq), hash: head.hash };
}

/** Appends events to the chain, in order, inside `trx` (which must be a transaction). */
export async function appendAuditEntries(
  trx: Kysely<Database>,
  events: readonly AuditEvent[],
  now: () => Date = () => new Date(),
): Promise<AuditEntry[]> {
  let prev = await lockChainHead(trx);
  const entries: AuditEntry[] = [];
  for (const event of events) {
    // Under the lock, the chain's order is the sequence: the next entry is the head's seq plus one.
    const unhashed = { ...event, seq: prev.seq + 1, at: now(), prevHash: prev.hash };
    const entry: AuditEntry = { ...unhashed, hash: hashEntry(unhashed) };
    entries.push(entry);
    prev = entry;
  }
  if (entries.length > 0) {
    await trx
      .insertInto('audit_log')
      .values(
        entries.map((e) => ({
          seq: e.seq,
          at: e.at,
          actor_kind: e.actorKind,
          actor_id: e.actorId,
          actor_name: e.actorName,
          actor_country: e.actorCountry,
          action: e.action,
          subject_type: e.subjectType,
          subject_id: e.subjectId,
          subject_country: e.subjectCountry,
          outcome: e.outcome,
          details: JSON.stringify(e.details),
          ip: e.ip,
          request_id: e.requestId,
          prev_hash: e.prevHash,
          hash: e.hash,
        })),
      )
      .execute();
  }
  return entries;
}

/** Entries with seq greater than `afterSeq`, oldest first, at most `limit`. */
export async function readAuditChain(db: Db, afterSeq: number, limit: number): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toEntry);
}

/** The newest retention checkpoint, if entries were ever purged. */
export async function latestCheckpoint(db: Kysely<Database>): Promise<{ seq: number; hash: string } | undefined> {
  return db.selectFrom('audit_checkpoints').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export interface AuditSearch {
  readonly actorId?: string | undefined;
  readonly country?: string | undefined;
  readonly action?: string | undefined;
  readonly subjectType?: string | undefined;
  readonly subjectId?: string | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  /** Entries older than this seq (for paging backwards). */
  readonly beforeSeq?: number | undefined;
  readonly limit: number;
}

/**
 * Audit entries matching `search`, newest first. `visibleCountry` restricts the result to entries whose actor or
 * subject belongs to that country (undefined: all).
 */
export async function searchAuditEntries(
  db: Db,
  search: AuditSearch,
  visibleCountry: string | undefined,
): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (visibleCountry !== undefined) {
    query = query.where((eb) =>
      eb.or([eb('actor_country', '=', visibleCountry), eb('subject_country', '=', visibleCountry)]),
    );
  }
  if (search.actorId !== undefined) query = query.where('actor_id', '=', search.actorId);
  if (search.country !== undefined) {
    const country = search.country;
    query = query.where((eb) => eb.or([eb('actor_country', '=', country), eb('subject_country', '=', country)]));
  }
  if (search.action !== undefined) query = query.where('action', '=', search.action);
  if (search.subjectType !== undefined) query = query.where('subject_type', '=', search.subjectType);
  if (search.subjectId !== undefined) query = query.where('subject_id', '=', search.subjectId);
  if (search.from !== undefined) query = query.where('at', '>=', search.from);
  if (search.to !== undefined) query = query.where('at', '<', search.to);
  if (search.beforeSeq !== undefined) query = query.where('seq', '<', search.beforeSeq);
  const rows = await query.orderBy('seq', 'desc').limit(search.limit).execute();
  return rows.map(toEntry);
}

/**
 * Removes entries older than `cutoff` from the start of the chain and records a checkpoint so the remaining chain
 * still verifies. The database itself refuses to delete entries younger than its floor (180 days).
 */
export async function purgeAuditEntries(trx: Kysely<Database>, cutoff: Date): Promise<number> {
  await lockChainHead(trx);
  // Only a prefix of the chain may go: up to the first entry that is still within the retention period.
  const firstKept = await trx
    .selectFrom('audit_log')
    .select('seq')
    .where('at', '>=', cutoff)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .where('at', '<', cutoff)
    .$if(firstKept !== undefined, (q) => q.where('seq', '<', firstKept!.seq))
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last === undefined) return 0;
  const deleted = await trx.deleteFrom('audit_log').where('seq', '<=', last.seq).executeTakeFirst();
  const count = Number(deleted.numDeletedRows);
  await trx.insertInto('audit_checkpoints').values({ seq: last.seq, hash: last.hash, purged_count: count }).execute();
  return count;
}
