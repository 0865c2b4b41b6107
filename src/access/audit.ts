/**
 * The audit log's hash chain, pure. Each entry's hash covers its sequence number, its contents and the previous
 * entry's hash, so changing, inserting or deleting an entry breaks the chain at that entry. The serialisation is
 * canonical (fixed field order, object keys sorted) so that an entry read back from the database hashes the same.
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

/** A short, non-reversible fingerprint of a query, so the log shows that two searches were the same without holding names. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url').slice(0, 22);
}
