/**
 * Group commit for the audit log. Entries that are not part of a caller's transaction (a screening, a token's use,
 * a view) are appended by one writer per process: while one transaction appends and commits, the entries that
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

interface Pending {
  readonly events: readonly AuditEvent[];
  readonly alongside: Alongside | undefined;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** Entries appended by one transaction at most: a burst is split into transactions of this many. */
const MAX_BATCH = 500;

export class AuditWriter {
  private pending: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
  ) {}

  /** Appends `events` (and runs `alongside` in the same transaction); settles when they are committed. */
  append(events: readonly AuditEvent[], alongside?: Alongside): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ events, alongside, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** Appends what is waiting, batch after batch, until nothing is. */
  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
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

  /** The oldest waiting items, up to MAX_BATCH entries (always at least one item). */
  private take(): Pending[] {
    let entries = 0;
    let n = 0;
    while (n < this.pending.length && (n === 0 || entries + this.pending[n]!.events.length <= MAX_BATCH)) {
      entries += this.pending[n]!.events.length;
      n++;
    }
    return this.pending.splice(0, n);
  }

  private commit(batch: readonly Pending[]): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      for (const p of batch) if (p.alongside !== undefined) await p.alongside(trx);
      await appendAuditEntries(
        trx,
        batch.flatMap((p) => p.events),
        this.clock,
      );
    });
  }
}
