/**
 * The audit log as the rest of Lodestar uses it: `record` an event for a principal (inside the caller's
 * transaction when there is one, so a change and its audit entry commit together), search it, verify its chain and
 * apply the retention period.
 */
import type { Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import {
  findChainBreak,
  findCheckpointBreak,
  findLostHead,
  genesisHash,
  recordedHeadOf,
  type AuditEntry,
  type AuditEvent,
  type ChainBreak,
  type Outcome,
  type RecordedHead,
} from './audit.js';
import {
  appendAuditEntries,
  entryHashes,
  firstAuditSeq,
  purgeAuditEntries,
  readAuditChain,
  readCheckpoints,
  readRecordedHeads,
  recordAuditHead,
  searchAuditEntries,
  type AuditSearch,
  type PurgeResult,
} from './audit.repository.js';
import { canSeeAuditEntry, type Principal } from './policy.js';
import { AuditWriter, type Alongside, type BatchWork } from './audit-writer.js';

/** Where a request came from, for the log. */
export interface RequestContext {
  readonly ip: string | null;
  readonly requestId: string | null;
}

export const noRequest: RequestContext = { ip: null, requestId: null };

/** What is being audited: the action and what it was about. */
export interface AuditFacts {
  readonly action: string;
  readonly subject?:
    { readonly type: string; readonly id: string; readonly country?: string | null | undefined } | undefined;
  readonly outcome?: Outcome;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A head of the chain: the seq and hash of its newest entry (or of the checkpoint when every entry was purged). */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

export interface VerifyResult {
  readonly ok: boolean;
  /** Entries checked (up to the break). */
  readonly entries: number;
  /** The newest entry that verified: the whole chain's head when ok. */
  readonly head: ChainHead;
  readonly firstBroken: ChainBreak | undefined;
}

/** Builds the event for `facts` done by `principal` (or by nobody yet, when `principal` is undefined). */
export function auditEvent(principal: Principal | undefined, facts: AuditFacts, context: RequestContext): AuditEvent {
  return {
    actorKind: principal?.kind ?? 'anonymous',
    actorId: principal?.id ?? null,
    actorName: principal?.name ?? null,
    actorCountry: principal?.country ?? null,
    action: facts.action,
    subjectType: facts.subject?.type ?? null,
    subjectId: facts.subject?.id ?? null,
    subjectCountry: facts.subject?.country ?? null,
    outcome: facts.outcome ?? 'ok',
    details: facts.details ?? {},
    ip: context.ip,
    requestId: context.requestId,
  };
}

function eventsOf(
  principal: Principal | undefined,
  facts: AuditFacts | readonly AuditFacts[],
  context: RequestContext,
): AuditEvent[] {
  const list = Array.isArray(facts) ? (facts as readonly AuditFacts[]) : [facts as AuditFacts];
  return list.map((f) => auditEvent(principal, f, context));
}

/**
 * Items one transaction of the heavy writer takes at most (see recordBatched): enough for every sender of a busy server
 * at once, few enough that a burst of large messages is not one huge transaction.
 */
const HEAVY_BATCH = 64;

/**
 * Work done for several callers' items in one transaction (see recordBatched): one result per item, in order, and the
 * facts of the entry to append for it.
 */
export interface AuditedBatch<I, R> {
  run(
    trx: Kysely<Database>,
    items: readonly I[],
  ): Promise<readonly { value: R; facts: AuditFacts | readonly AuditFacts[] }[]>;
}

/** A caller's item of batched work, with who asked and from where (its entry names them). */
interface BatchItem {
  readonly item: unknown;
  readonly principal: Principal | undefined;
  readonly context: RequestContext;
}

export class AuditService {
  private readonly writer: AuditWriter;
  private readonly heavy: AuditWriter;
  /** The writer's form of each batched work (the writer runs together the items of one work). */
  private readonly batches = new WeakMap<AuditedBatch<unknown, unknown>, BatchWork<BatchItem, unknown>>();

  /** `clock` stamps entries; tests of the retention period pass one that runs in the past. */
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.writer = new AuditWriter(db, clock);
    this.heavy = new AuditWriter(db, clock, HEAVY_BATCH);
  }

  /**
   * Appends entries: inside `trx` when given (the caller's transaction), else through the process's group commit
   * (audit-writer.ts). Either way they are committed when the promise resolves.
   */
  async record(
    principal: Principal | undefined,
    facts: AuditFacts | readonly AuditFacts[],
    context: RequestContext,
    trx?: Kysely<Database>,
  ): Promise<void> {
    const events = eventsOf(principal, facts, context);
    if (trx !== undefined && trx.isTransaction) {
      await appendAuditEntries(trx, events, this.clock);
      return;
    }
    await this.writer.append(events);
  }

  /** Appends entries through the group commit, with `alongside` run in the same transaction (both or neither). */
  recordWith(
    principal: Principal | undefined,
    facts: AuditFacts | readonly AuditFacts[],
    context: RequestContext,
    alongside: Alongside,
  ): Promise<void> {
    return this.writer.append(eventsOf(principal, facts, context), alongside);
  }

  /**
   * Runs `batch` for `item` together with the items other callers give it meanwhile (one statement for all of them),
   * and appends the entries it gives in the same transaction (both or neither), through a group commit of its own:
   * for work that writes much (received messages' raw bytes), which would hold up light entries if it shared their
   * transactions. Settles with the item's result once committed. A shared transaction that fails is rolled back and
   * retried item by item, so only the failing item fails.
   */
  recordBatched<I, R>(
    principal: Principal | undefined,
    context: RequestContext,
    batch: AuditedBatch<I, R>,
    item: I,
  ): Promise<R> {
    return this.heavy.appendBatched(this.workOf(batch), { item, principal, context }) as Promise<R>;
  }

  /**
   * Runs `batch` for `item` and appends its entries through the group commit of light entries, deferred: with the next
   * entries appended (the entry of what the caller goes on to do), or on their own within a few milliseconds, or at
   * flushDeferred. Settles with the item's result once committed: a caller must await it before it answers.
   */
  recordDeferred<I, R>(
    principal: Principal | undefined,
    context: RequestContext,
    batch: AuditedBatch<I, R>,
    item: I,
  ): Promise<R> {
    return this.writer.appendDeferred(this.workOf(batch), { item, principal, context }) as Promise<R>;
  }

  /** Appends the deferred entries (recordDeferred) now. */
  flushDeferred(): void {
    this.writer.flushDeferred();
  }

  /** The writer's form of a batched work (one per work, so the writer runs its items together). */
  private workOf<I, R>(batch: AuditedBatch<I, R>): BatchWork<BatchItem, unknown> {
    let work = this.batches.get(batch);
    if (work === undefined) {
      const run = async (trx: Kysely<Database>, items: readonly BatchItem[]) => {
        const done = await batch.run(
          trx,
          items.map((x) => x.item as I),
        );
        return {
          results: done.map((d) => d.value),
          events: done.map((d, k) => eventsOf(items[k]!.principal, d.facts, items[k]!.context)),
        };
      };
      work = { run };
      this.batches.set(batch, work);
    }
    return work;
  }

  /** Entries the principal may see, newest first. */
  async search(principal: Principal, search: AuditSearch): Promise<AuditEntry[]> {
    const visibleCountry = principal.kind === 'operator' ? undefined : principal.country;
    const entries = await searchAuditEntries(this.db, search, visibleCountry);
    return entries.filter((e) =>
      canSeeAuditEntry(principal, { actorCountry: e.actorCountry, subjectCountry: e.subjectCountry }),
    );
  }

  /**
   * Walks the whole chain in batches, in one snapshot (a purge or appends committing meanwhile do not show halfway),
   * and names the first entry that breaks it: the retention checkpoints' own chain, no entry left behind the newest
   * checkpoint, every entry's link and hash, and every head seen before (by a verification, a purge, or the caller:
   * `expectedHeads`, noted outside the database) still there with its hash. Then records the head it saw.
   */
  async verify(batchSize = 5000, expectedHeads: readonly ChainHead[] = []): Promise<VerifyResult> {
    const result = await this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute((trx) => verifyChain(trx, batchSize, expectedHeads));
    // Kept outside the log: removing or rewriting the newest entries afterwards loses or changes it (audit.ts).
    if (result.ok) await recordAuditHead(this.db, result.head, 'audit.verify');
    return result;
  }

  /**
   * Removes entries older than `retentionDays` behind a chained checkpoint (the database refuses anything younger than
   * 180 days), and records the head it saw.
   */
  async purge(retentionDays: number, now = new Date()): Promise<PurgeResult> {
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
    return this.db.transaction().execute((trx) => purgeAuditEntries(trx, cutoff));
  }
}

/** verify's walk, inside its read-only snapshot `trx` (PGlite has one connection: every read goes through `trx`). */
async function verifyChain(
  trx: Kysely<Database>,
  batchSize: number,
  expectedHeads: readonly ChainHead[],
): Promise<VerifyResult> {
  const checkpoints = await readCheckpoints(trx);
  const checkpointBreak = findCheckpointBreak(checkpoints);
  const genesis = { seq: 0, hash: genesisHash };
  if (checkpointBreak !== undefined) return { ok: false, entries: 0, head: genesis, firstBroken: checkpointBreak };
  const newest = checkpoints[checkpoints.length - 1];
  const purgedUpTo = newest?.seq ?? 0;
  // An entry at or before the newest checkpoint is one the walk below would never look at.
  const first = await firstAuditSeq(trx);
  if (first !== undefined && first <= purgedUpTo) {
    const reason = `it lies behind the retention checkpoint at entry ${purgedUpTo}, where verification starts (entries before it were hidden, not purged)`;
    return { ok: false, entries: 0, head: genesis, firstBroken: { seq: first, reason } };
  }

  const heads: RecordedHead[] = [
    ...(await readRecordedHeads(trx, purgedUpTo)),
    ...expectedHeads.map((h) => ({ ...h, recordedBy: 'the auditor' })),
  ];
  let previous: ChainHead = newest === undefined ? genesis : { seq: newest.seq, hash: newest.hash };
  let entries = 0;
  for (;;) {
    const batch = await readAuditChain(trx, previous.seq, batchSize);
    if (batch.length === 0) break;
    const broken = findChainBreak(batch, previous);
    if (broken !== undefined) {
      const at = entries + batch.findIndex((e) => e.seq === broken.seq);
      return { ok: false, entries: at, head: previous, firstBroken: broken };
    }
    for (const entry of batch) {
      const head = recordedHeadOf(entry);
      if (head !== undefined) heads.push(head);
    }
    entries += batch.length;
    const last = batch[batch.length - 1]!;
    previous = { seq: last.seq, hash: last.hash };
  }

  const hashes = await entryHashes(
    trx,
    heads.map((h) => h.seq).filter((seq) => seq > purgedUpTo && seq <= previous.seq),
  );
  const checkpointHashes = new Map(checkpoints.map((c) => [c.seq, c.hash]));
  const lost = findLostHead(heads, purgedUpTo, (seq) => hashes.get(seq) ?? checkpointHashes.get(seq));
  if (lost !== undefined) return { ok: false, entries, head: previous, firstBroken: lost };
  return { ok: true, entries, head: previous, firstBroken: undefined };
}
