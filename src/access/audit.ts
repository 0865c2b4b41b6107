/**
 * The audit log's hash chain, pure. Each entry's hash covers its sequence number, its contents and the previous
 * entry's hash, so changing, inserting or deleting an entry breaks the chain at that entry. The serialisation is
 * canonical (fixed field order, object keys sorted) so that an entry read back from the database hashes the same.
 *
 * A chain alone cannot show that its newest entries were removed, or that it was rewritten from some entry on with
 * every later hash recomputed (there is no key). So each verification and purge records the head it saw (outside the
 * log, and in its own entry), and verify checks that every recorded head is still there with the same hash. That
 * catches truncation and rewriting up to the newest recorded head only: entries after it can still be removed unseen,
 * and someone who can rewrite every row and the recorded heads too (the tables' owner, switching the triggers off) can
 * still forge a chain that verifies. The defence against that is a head kept outside the database: `lodestar audit
 * verify` prints it for the auditor to note, and `--expect-head` checks a noted one.
 */
import { createHash } from 'node:crypto';

export const genesisHash = '0'.repeat(64);

export type ActorKind = 'user' | 'token' | 'operator' | 'anonymous' | 'system';
export type Outcome = 'ok' | 'denied' | 'failed';

/** What an audit entry says, before it is chained. */
export interface AuditEvent {
  readonly actorKind: ActorKind;
  readonly actorId: string | null;
  readonly actorName: string | null;
  readonly actorCountry: string | null;
  /** What happened, as `feature.verb`: `screening.person`, `user.create`, `session.sign_in`, `token.use`… */
  readonly action: string;
  readonly subjectType: string | null;
  readonly subjectId: string | null;
  readonly subjectCountry: string | null;
  readonly outcome: Outcome;
  readonly details: Readonly<Record<string, unknown>>;
  readonly ip: string | null;
  readonly requestId: string | null;
}

/** An entry as stored: the event, its place in the chain, and its hash. */
export interface AuditEntry extends AuditEvent {
  readonly seq: number;
  readonly at: Date;
  readonly prevHash: string;
  readonly hash: string;
}

/** JSON with object keys sorted at every level, so equal values always serialise equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

/** The hash of an entry: SHA-256 over its canonical serialisation, which includes the previous hash. */
export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const fields = [
    entry.seq,
    entry.at.toISOString(),
    entry.prevHash,
    entry.actorKind,
    entry.actorId,
    entry.actorName,
    entry.actorCountry,
    entry.action,
    entry.subjectType,
    entry.subjectId,
    entry.subjectCountry,
    entry.outcome,
    canonicalJson(entry.details),
    entry.ip,
    entry.requestId,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

export type ChainBreak = { readonly seq: number; readonly reason: string };

/**
 * Checks entries (in seq order) against the chain that precedes them; returns the first break, or undefined.
 * `previous` is the hash the first entry must link to: the genesis hash, or a retention checkpoint's.
 */
export function findChainBreak(
  entries: Iterable<AuditEntry>,
  previous: { seq: number; hash: string },
): ChainBreak | undefined {
  let prev = previous;
  for (const entry of entries) {
    if (entry.seq <= prev.seq) return { seq: entry.seq, reason: `sequence ${entry.seq} does not follow ${prev.seq}` };
    if (entry.prevHash !== prev.hash) {
      return {
        seq: entry.seq,
        reason: `its previous-hash does not match the hash of entry ${prev.seq} (an entry was changed, removed or inserted)`,
      };
    }
    if (hashEntry(entry) !== entry.hash)
      return { seq: entry.seq, reason: 'its contents do not match its hash (the entry was changed)' };
    prev = entry;
  }
  return undefined;
}

/**
 * A retention checkpoint: where a purge cut the chain (the last purged entry's seq and hash, which the next entry links
 * to), chained to the checkpoint before it so that one cannot be added, changed or removed unseen.
 */
export interface AuditCheckpoint {
  readonly seq: number;
  readonly hash: string;
  readonly purgedCount: number;
  /** The previous checkpoint's checkpointHash; the genesis hash for the first. */
  readonly prevHash: string;
  readonly checkpointHash: string;
}

/** A checkpoint's hash. The database computes the same (lodestar_audit_checkpoint_hash, migration 0016) to refuse forgeries. */
export function hashCheckpoint(checkpoint: Omit<AuditCheckpoint, 'checkpointHash'>): string {
  const fields = ['checkpoint', checkpoint.seq, checkpoint.hash, checkpoint.purgedCount, checkpoint.prevHash];
  return createHash('sha256').update(fields.join(':')).digest('hex');
}

/** Checks the retention checkpoints (in seq order) as a chain of their own; returns the first break, or undefined. */
export function findCheckpointBreak(checkpoints: Iterable<AuditCheckpoint>): ChainBreak | undefined {
  let prev = { seq: 0, checkpointHash: genesisHash };
  for (const checkpoint of checkpoints) {
    const at = `the retention checkpoint at entry ${checkpoint.seq}`;
    if (checkpoint.seq <= prev.seq || checkpoint.prevHash !== prev.checkpointHash) {
      return {
        seq: checkpoint.seq,
        reason: `${at} does not link to the one before it (a checkpoint was added, changed or removed)`,
      };
    }
    if (hashCheckpoint(checkpoint) !== checkpoint.checkpointHash) {
      return { seq: checkpoint.seq, reason: `${at} does not match its hash (the checkpoint was changed)` };
    }
    prev = checkpoint;
  }
  return undefined;
}

/** The chain's head (its newest entry) as someone saw it: a verification, a purge, an auditor who noted it. */
export interface RecordedHead {
  readonly seq: number;
  readonly hash: string;
  /** Who saw it, for the report: `audit.verify at 2026-…`, `entry 812 (audit.purge)`. */
  readonly recordedBy: string;
}

/** Actions whose entries record, in `details.head`, the head they saw. */
const headRecordingActions: ReadonlySet<string> = new Set(['audit.verify', 'audit.purge']);

/** The head an `audit.verify` or `audit.purge` entry recorded in its details, if it did. */
export function recordedHeadOf(entry: AuditEntry): RecordedHead | undefined {
  if (!headRecordingActions.has(entry.action)) return undefined;
  const head = entry.details.head as { seq?: unknown; hash?: unknown } | null | undefined;
  if (typeof head !== 'object' || head === null) return undefined;
  if (typeof head.seq !== 'number' || typeof head.hash !== 'string' || head.seq <= 0) return undefined;
  return { seq: head.seq, hash: head.hash, recordedBy: `entry ${entry.seq} (${entry.action})` };
}

/**
 * Checks heads seen earlier against the chain as it is now; returns the break at the lowest seq, or undefined. Each
 * must still be there with the hash it had: a head that is gone means the newest entries were removed, one with
 * another hash that the chain was rewritten up to it. `hashAt(seq)` is the hash of the entry, or of the checkpoint,
 * at `seq` now; a head at or before `purgedUpTo` (the newest checkpoint) that is neither was purged since.
 */
export function findLostHead(
  heads: Iterable<RecordedHead>,
  purgedUpTo: number,
  hashAt: (seq: number) => string | undefined,
): ChainBreak | undefined {
  let lost: ChainBreak | undefined;
  for (const head of heads) {
    if (lost !== undefined && lost.seq <= head.seq) continue;
    const now = hashAt(head.seq);
    if (now === undefined && head.seq > purgedUpTo) {
      lost = {
        seq: head.seq,
        reason: `it is gone, though ${head.recordedBy} saw it as the head of the chain (the newest entries were removed)`,
      };
    } else if (now !== undefined && now !== head.hash) {
      lost = {
        seq: head.seq,
        reason:
          `its hash is ${now.slice(0, 12)}…, not the ${head.hash.slice(0, 12)}… that ${head.recordedBy} saw when ` +
          'it was the head of the chain (the chain was rewritten up to it)',
      };
    }
  }
  return lost;
}

/** A short, non-reversible fingerprint of a query, so the log shows that two searches were the same without holding names. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url').slice(0, 22);
}
