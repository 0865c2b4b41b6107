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
 * the newest entry, else the newest checkpoint, else genesis. One round trip (migration 0010_audit_head); appends
 * (inside lodestar_audit_append, migration 0011_audit_append) and purges both take the lock through it, so its key is
 * written in one place.
 */
async function lockChainHead(trx: Kysely<Database>): Promise<{ seq: number; hash: string }> {
  const { rows } = await sql<{ seq: string | number | null; hash: string | null }>`
    select seq, hash from lodestar_audit_lock_head()`.execute(trx);
  const head = rows[0];
  return linkOf({ seq: head?.seq == null ? null : Number(head.seq), hash: head?.hash ?? null });
}

/**
 * The chain's head as this process last appended to it, as lodestar_audit_lock_head answers it (null, null before the
 * first entry and checkpoint): what the next append expects. Only a guess, never trusted: another process, a rolled
 * back transaction or another database makes it wrong, and then the append hashes again against the real head.
 */
let expectedHead: { seq: number | null; hash: string | null } = { seq: -1, hash: null };

/** The head the next entry links to: genesis when the chain has neither entries nor checkpoints. */
function linkOf(head: { seq: number | null; hash: string | null }): { seq: number; hash: string } {
  return head.seq === null || head.hash === null ? { seq: 0, hash: genesisHash } : { seq: head.seq, hash: head.hash };
}

/** The events as entries linked to `head`, in order. */
function chainFrom(
  head: { seq: number; hash: string },
  events: readonly AuditEvent[],
  at: readonly Date[],
): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prev = head;
  events.forEach((event, i) => {
    // Under the lock, the chain's order is the sequence: the next entry is the head's seq plus one.
    const unhashed = { ...event, seq: prev.seq + 1, at: at[i]!, prevHash: prev.hash };
    const entry: AuditEntry = { ...unhashed, hash: hashEntry(unhashed) };
    entries.push(entry);
    prev = entry;
  });
  return entries;
}

/**
 * Appends events to the chain, in order, inside `trx` (which must be a transaction): hashed against the head this
 * process expects and sent with it in one call that takes the chain's lock (migration 0011_audit_append), or, when
 * the head under the lock is another, hashed again against that one and sent once more.
 */
export async function appendAuditEntries(
  trx: Kysely<Database>,
  events: readonly AuditEvent[],
  now: () => Date = () => new Date(),
): Promise<AuditEntry[]> {
  if (events.length === 0) {
    await lockChainHead(trx);
    return [];
  }
  const at = events.map(() => now());
  let expected = expectedHead;
  for (;;) {
    const entries = chainFrom(linkOf(expected), events, at);
    const rows = entries.map((e) => ({
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
      details: e.details,
      ip: e.ip,
      request_id: e.requestId,
      prev_hash: e.prevHash,
      hash: e.hash,
    }));
    const { rows: answer } = await sql<{ seq: string | number | null; hash: string | null; appended: boolean }>`
      select seq, hash, appended from lodestar_audit_append(${expected.seq}::bigint, ${expected.hash}::text,
        ${JSON.stringify(rows)}::jsonb)`.execute(trx);
    const head = answer[0]!;
    if (head.appended) {
      const last = entries[entries.length - 1]!;
      expectedHead = { seq: last.seq, hash: last.hash };
      return entries;
    }
    expected = { seq: head.seq === null ? null : Number(head.seq), hash: head.hash };
  }
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
