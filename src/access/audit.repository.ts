/** SQL of the audit log. Appends run under a transaction-scoped advisory lock so the chain has one order. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { AuditLogTable, Database } from '../db/schema.js';
import {
  genesisHash,
  hashCheckpoint,
  hashEntry,
  type AuditCheckpoint,
  type AuditEntry,
  type AuditEvent,
  type RecordedHead,
} from './audit.js';

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

/** The seq of the oldest entry, if there is one. */
export async function firstAuditSeq(db: Kysely<Database>): Promise<number | undefined> {
  const row = await db.selectFrom('audit_log').select('seq').orderBy('seq').limit(1).executeTakeFirst();
  return row?.seq;
}

/** Every retention checkpoint, oldest first (one per purge that removed something). */
export async function readCheckpoints(db: Kysely<Database>): Promise<AuditCheckpoint[]> {
  const rows = await db
    .selectFrom('audit_checkpoints')
    .select(['seq', 'hash', 'purged_count', 'prev_hash', 'checkpoint_hash'])
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    hash: r.hash,
    purgedCount: r.purged_count,
    prevHash: r.prev_hash,
    checkpointHash: r.checkpoint_hash,
  }));
}

/** The hashes of the entries at `seqs` that exist. */
export async function entryHashes(db: Kysely<Database>, seqs: readonly number[]): Promise<Map<number, string>> {
  const hashes = new Map<number, string>();
  const unique = [...new Set(seqs)];
  for (let i = 0; i < unique.length; i += 1000) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .where('seq', 'in', unique.slice(i, i + 1000))
      .execute();
    for (const r of rows) hashes.set(r.seq, r.hash);
  }
  return hashes;
}

/** The heads that verifications and purges saw (audit_heads), at or after `fromSeq`. */
export async function readRecordedHeads(db: Kysely<Database>, fromSeq: number): Promise<RecordedHead[]> {
  const rows = await db
    .selectFrom('audit_heads')
    .select(['seq', 'hash', 'recorded_by', 'recorded_at'])
    .where('seq', '>=', fromSeq)
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    hash: r.hash,
    recordedBy: `${r.recorded_by} at ${r.recorded_at.toISOString()}`,
  }));
}

/**
 * Keeps `head` as one that `recordedBy` saw, outside the log (the first sighting of a head is kept, later ones add
 * nothing). The database accepts only a head that is in the chain.
 */
export async function recordAuditHead(
  db: Kysely<Database>,
  head: { seq: number; hash: string },
  recordedBy: 'audit.verify' | 'audit.purge',
): Promise<void> {
  if (head.seq <= 0) return;
  await db
    .insertInto('audit_heads')
    .values({ seq: head.seq, hash: head.hash, recorded_by: recordedBy })
    .onConflict((oc) => oc.doNothing())
    .execute();
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

/** What a purge did: how many entries it removed, and the chain's head it saw. */
export interface PurgeResult {
  readonly removed: number;
  readonly head: { readonly seq: number; readonly hash: string };
}

/**
 * Removes entries older than `cutoff` from the start of the chain, behind a checkpoint chained to the previous one, so
 * the remaining chain still verifies; records the head it saw. The database refuses anything else (migration 0016): a
 * checkpoint must link to the newest, name the last purged entry and count the purged ones, all older than its floor
 * (180 days), and those entries must go in the same transaction; an entry may be deleted only behind a checkpoint.
 */
export async function purgeAuditEntries(trx: Kysely<Database>, cutoff: Date): Promise<PurgeResult> {
  const head = await lockChainHead(trx);
  await recordAuditHead(trx, head, 'audit.purge');
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
  if (last === undefined) return { removed: 0, head };
  const previous = await trx
    .selectFrom('audit_checkpoints')
    .select('checkpoint_hash')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const { count } = await trx
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('seq', '<=', last.seq)
    .executeTakeFirstOrThrow();
  const checkpoint = {
    seq: last.seq,
    hash: last.hash,
    purgedCount: count,
    prevHash: previous?.checkpoint_hash ?? genesisHash,
  };
  // The checkpoint first: the database lets an entry go only behind one.
  await trx
    .insertInto('audit_checkpoints')
    .values({
      seq: checkpoint.seq,
      hash: checkpoint.hash,
      purged_count: checkpoint.purgedCount,
      prev_hash: checkpoint.prevHash,
      checkpoint_hash: hashCheckpoint(checkpoint),
    })
    .execute();
  const deleted = await trx.deleteFrom('audit_log').where('seq', '<=', last.seq).executeTakeFirst();
  // Heads seen before the checkpoint can no longer be checked: the entries they name are gone.
  await trx.deleteFrom('audit_heads').where('seq', '<', last.seq).execute();
  return { removed: Number(deleted.numDeletedRows), head };
}
