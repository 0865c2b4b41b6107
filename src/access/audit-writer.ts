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
 * Work that gives the entries to append with it, when what they say depends on what it found (a received message's
 * id, and whether it was a duplicate).
 */
export type EntriesWork = (trx: Kysely<Database>) => Promise<readonly AuditEvent[]>;

interface Pending {
  readonly events: readonly AuditEvent[];
  readonly alongside: Alongside | undefined;
  readonly work: EntriesWork | undefined;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** Resolves once the work already queued in the process (I/O callbacks, promise continuations) has run. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Entries appended by one transaction at most: a burst is split into transactions of this many. */
const MAX_BATCH = 500;

export class AuditWriter {
  private pending: Pending[] = [];
  private flushing = false;

  /** `maxBatch`: items appended by one transaction at most (counting an item's entries, and at least one for each). */
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
    private readonly maxBatch = MAX_BATCH,
  ) {}

  /** Appends `events` (and runs `alongside` in the same transaction); settles when they are committed. */
  append(events: readonly AuditEvent[], alongside?: Alongside): Promise<void> {
    return this.enqueue(events, alongside, undefined);
  }

  /** Runs `work` and appends the entries it gives, in the same transaction; settles when they are committed. */
  appendAfter(work: EntriesWork): Promise<void> {
    return this.enqueue([], undefined, work);
  }

  private enqueue(
    events: readonly AuditEvent[],
    alongside: Alongside | undefined,
    work: EntriesWork | undefined,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ events, alongside, work, resolve, reject });
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
      while ((await nextTurn(), this.pending.length > 0)) {
        const batch = this.take();
        try {
          await this.commit(batch);
          for (const p of batch) p.resolve();
        } catch (error) {
          if (batch.length === 1) batch[0]!.reject(error);
          // One failing item (its alongside work, say) must not fail the others: each is tried on its own.
          else for (const p of batch) await this.commit([p]).then(p.resolve, p.reject);
        }
      }
    } finally {
      this.flushing = false;
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

  private commit(batch: readonly Pending[]): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      const events: AuditEvent[] = [];
      for (const p of batch) {
        events.push(...p.events);
        if (p.alongside !== undefined) await p.alongside(trx);
        if (p.work !== undefined) events.push(...(await p.work(trx)));
      }
      await appendAuditEntries(trx, events, this.clock);
    });
  }
}
