/**
 * Group commit for the audit log. Entries that are not part of a caller's transaction (a screening, a token's use,
 * a view, a received message) are appended by a writer of the process (AuditService has two: one for entries alone or
 * with light work, one for work that writes much): while one transaction appends and commits, the entries that
 * arrive meanwhile wait, and the next transaction appends all of them at once. A caller's promise settles only
 * when its entries are committed, so what it answers after awaiting is on the record, as with a transaction of its
 * own; but concurrent requests share the chain's lock, its head read and the commit instead of taking turns for
 * each (every append serialises on the chain's lock, so one transaction per entry caps the whole server at one
 * commit's round trips per entry).
 */
import type { Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { AuditEvent } from './audit.js';
import { appendAuditEntries } from './audit.repository.js';

/** Work that must commit with an entry (for example the use count of a token whose use the entry records). */
export type Alongside = (trx: Kysely<Database>) => Promise<void>;

/**
 * Work done for the items of several callers at once (one statement for all of them), giving each item its result and
 * the entries to append with it, when what they say depends on what the work found (a received message's id, and
 * whether it was a duplicate). `run` gets the items of one transaction in the order they came, and gives one result
 * and the entries of each item, in that order. It may run again for some of them: a shared transaction that fails is
 * retried item by item.
 */
export interface BatchWork<I, R> {
  run(
    trx: Kysely<Database>,
    items: readonly I[],
  ): Promise<{ results: readonly R[]; events: readonly (readonly AuditEvent[])[] }>;
}

interface Pending {
  /** Waits for other entries to go with (appendDeferred), or for flushDeferred. */
  readonly deferred: boolean;
  readonly events: readonly AuditEvent[];
  readonly alongside: Alongside | undefined;
  readonly batched: { readonly work: BatchWork<unknown, unknown>; readonly item: unknown } | undefined;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** Resolves once the work already queued in the process (I/O callbacks, promise continuations) has run. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Entries appended by one transaction at most: a burst is split into transactions of this many. */
const MAX_BATCH = 500;

/**
 * How long deferred items (appendDeferred) wait, at most, for entries to go with before they go on their own. A
 * fallback: a request's own entry takes its token's use with it within a millisecond or two, and one that appends
 * nothing releases it as it answers (flushDeferred); this bounds the wait of one that does neither (a reply hijacked).
 */
const DEFER_MS = 20;

export class AuditWriter {
  private pending: Pending[] = [];
  private flushing = false;
  /** Sends deferred items on their own when no other entry has come for them within DEFER_MS. */
  private deferTimer: NodeJS.Timeout | undefined;
  /** Set by flushDeferred: the deferred items go even if nothing else does. */
  private released = false;

  /** `maxBatch`: items appended by one transaction at most (counting an item's entries, and at least one for each). */
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
    private readonly maxBatch = MAX_BATCH,
  ) {}

  /** Appends `events` (and runs `alongside` in the same transaction); settles when they are committed. */
  append(events: readonly AuditEvent[], alongside?: Alongside): Promise<void> {
    return this.enqueue(events, alongside, undefined).then(() => undefined);
  }

  /**
   * Runs `work` for `item`, with the items other callers give the same work meanwhile, and appends the entries it
   * gives in the same transaction; settles with the item's result when they are committed.
   */
  appendBatched<I, R>(work: BatchWork<I, R>, item: I): Promise<R> {
    return this.enqueue([], undefined, { work, item }) as Promise<R>;
  }

  /**
   * As appendBatched, but starts no transaction: the item goes with the next entries appended, by this caller or
   * another, or on its own after DEFER_MS or when flushDeferred is called. For work that must be on the record before
   * its caller answers but need not be before it goes on (a token's use, recorded with the entry of what the token
   * did): one commit for both instead of one each, in turn.
   */
  appendDeferred<I, R>(work: BatchWork<I, R>, item: I): Promise<R> {
    const settled = new Promise<unknown>((resolve, reject) => {
      this.pending.push({ deferred: true, events: [], alongside: undefined, batched: { work, item }, resolve, reject });
    });
    this.deferTimer ??= setTimeout(() => {
      this.deferTimer = undefined;
      this.flushDeferred();
    }, DEFER_MS);
    return settled as Promise<R>;
  }

  /** Appends the deferred items (appendDeferred) now, or with the transaction after the one under way. */
  flushDeferred(): void {
    if (this.pending.length === 0) return;
    this.released = true;
    if (!this.flushing) void this.flush();
  }

  /** Whether anything waiting should go now: an entry not deferred, or deferred ones released. */
  private due(): boolean {
    return this.released ? this.pending.length > 0 : this.pending.some((p) => !p.deferred);
  }

  private enqueue(
    events: readonly AuditEvent[],
    alongside: Alongside | undefined,
    batched: Pending['batched'],
  ): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      this.pending.push({ deferred: false, events, alongside, batched, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** Appends what is waiting, batch after batch, until nothing is. */
  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      // Each turn waits for the work already queued in this process to run first: the callers a commit has just
      // answered send their next entries then (eight senders receiving messages one after another all do), and they
      // join this transaction instead of waiting for the next. Taken at once, a transaction took one entry and the
      // next the rest, in turn.
      while ((await nextTurn(), this.due())) {
        const batch = this.take();
        if (!this.pending.some((p) => p.deferred)) {
          // Every deferred item goes with this transaction: none is left for the timer or a release.
          clearTimeout(this.deferTimer);
          this.deferTimer = undefined;
          this.released = false;
        }
        try {
          const results = await this.commit(batch);
          batch.forEach((p, i) => p.resolve(results[i]));
        } catch (error) {
          if (batch.length === 1) batch[0]!.reject(error);
          // One failing item (its alongside work, say) must not fail the others: each is tried on its own.
          else for (const p of batch) await this.commit([p]).then((results) => p.resolve(results[0]), p.reject);
        }
      }
    } finally {
      this.flushing = false;
      this.released = false;
    }
  }

  /** The oldest waiting items, up to maxBatch entries (always at least one item). */
  private take(): Pending[] {
    let entries = 0;
    let n = 0;
    while (n < this.pending.length) {
      const weight = Math.max(1, this.pending[n]!.events.length);
      if (n > 0 && entries + weight > this.maxBatch) break;
      entries += weight;
      n++;
    }
    return this.pending.splice(0, n);
  }

  /**
   * Appends a batch in one transaction, the entries in the order of their items (a batched work's in its items'
   * places); returns each item's result (undefined but for batched work).
   */
  private commit(batch: readonly Pending[]): Promise<unknown[]> {
    return this.db.transaction().execute(async (trx) => {
      const results = new Array<unknown>(batch.length);
      const itemEvents: (readonly AuditEvent[])[] = batch.map((p) => p.events);
      // The positions of the items of each batched work, run once for all of them after the others.
      const works = new Map<BatchWork<unknown, unknown>, number[]>();
      batch.forEach((p, i) => {
        if (p.batched === undefined) return;
        const at = works.get(p.batched.work);
        if (at === undefined) works.set(p.batched.work, [i]);
        else at.push(i);
      });
      for (const p of batch) if (p.alongside !== undefined) await p.alongside(trx);
      for (const [work, at] of works) {
        const done = await work.run(
          trx,
          at.map((i) => batch[i]!.batched!.item),
        );
        at.forEach((i, k) => {
          results[i] = done.results[k];
          itemEvents[i] = done.events[k]!;
        });
      }
      const events = itemEvents.flat();
      await appendAuditEntries(trx, events, this.clock);
      return results;
    });
  }
}
