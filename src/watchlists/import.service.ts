/**
 * Imports a file into a watchlist, streaming: rows are read one at a time, validated, and written in batches of a
 * thousand, each batch in its own transaction, so a 1 GB file never sits in memory and a bad row costs only
 * itself. Every entry is written whole or not at all; a truncated last record is rejected, not half-loaded; an entry
 * already as the file gives it is left alone (counted unchanged). Imports into one list run one at a time
 * (import-lock.ts). `replace` removes the list's entries of the kind the format fills that the file did not contain —
 * only once the whole file was read, never those whose rows were in the file but rejected, and nothing at all when no
 * row loaded or rows may be missing from what was read (a quote left open, a line past the limit). The import's audit
 * entry commits in the transaction of its last change (the last batch, and the removal), so that change is never
 * unaudited; an import that fails or is interrupted after a batch committed is audited as failed, with what it wrote
 * (that stays: nothing is rolled back).
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { ControlledTransaction, Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { AppError, isAppError } from '../errors.js';
import type { AuditService, RequestContext } from '../access/audit.service.js';
import { canAdminister, type Principal } from '../access/policy.js';
import { RowError } from './entries.js';
import type { ImportFormat, ParsedRow } from './formats.js';
import { ImportBatch } from './import-batches.js';
import { watchInput, type ImportInput } from './import-input.js';
import { withImportLock } from './import-lock.js';
import { rowsOf } from './import-rows.js';
import { addSeenIds, createSeenIds, deleteEntriesNotSeen, dropSeenIds } from './imports.repository.js';
import { findWatchlist, type Watchlist } from './watchlists.repository.js';

/** One line of the import report: a rejected row, or a warning about a row that loaded (or, line 0, the file). */
export interface ImportProblem {
  readonly line: number;
  readonly entityId: string | undefined;
  readonly severity: 'rejected' | 'warning';
  readonly reason: string;
}

export interface ImportSummary {
  readonly listId: string;
  readonly format: ImportFormat;
  readonly read: number;
  readonly inserted: number;
  readonly updated: number;
  /** Rows whose entry was already as the row gives it: not written again. */
  readonly unchanged: number;
  readonly removed: number;
  readonly rejected: number;
  readonly warnings: number;
  /** Entities of other FollowTheMoney schemata, counted by schema and skipped. */
  readonly skipped: Readonly<Record<string, number>>;
  /** Why `replace` removed nothing: no row loaded, or rows may be missing from what was read. Null otherwise. */
  readonly replaceSkipped: string | null;
  readonly seconds: number;
}

export interface ImportOptions {
  readonly format: ImportFormat;
  readonly replace?: boolean;
  /** Called with the number of bytes read so far (for a progress bar). */
  readonly onProgress?: (bytes: number) => void;
  /** Called for each rejected row and warning (for the report file). */
  readonly onProblem?: (problem: ImportProblem) => void;
  readonly batchSize?: number;
  /**
   * Stops the import when aborted, as an input that fails does (a command interrupted): the batches committed stay, and
   * the import is audited as failed. Unlike destroying the input, it takes effect while a read of it is pending.
   */
  readonly signal?: AbortSignal;
}

const personFormats: ReadonlySet<ImportFormat> = new Set(['ftm', 'csv']);

/** Runs `work` in a transaction that commits when it returns and rolls back when it throws. */
async function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: ControlledTransaction<Database>) => Promise<T>,
): Promise<T> {
  const trx = await db.startTransaction().execute();
  let result: T;
  try {
    result = await work(trx);
  } catch (error) {
    // The error that rolled it back is the one to report, not a rollback that failed too (a lost connection).
    await trx
      .rollback()
      .execute()
      .catch(() => undefined);
    throw error;
  }
  await trx.commit().execute();
  return result;
}

/** An import under way: what it has read, written and committed so far, for its summary or its failure. */
class ImportRun {
  readonly started = performance.now();
  readonly importId = randomUUID();
  readonly counts = { read: 0, inserted: 0, updated: 0, unchanged: 0, removed: 0, rejected: 0, warnings: 0 };
  // A map, not an object: a schema named "__proto__" is counted like any other.
  readonly skipped = new Map<string, number>();
  /** Entries written or found unchanged by this run, from the database's counts (a repeated id counts once a batch). */
  written = 0;
  /** Batches committed, the entries they wrote and the counts once they had: they stay whatever happens next. */
  committedBatches = 0;
  committedEntries = 0;
  committed = { inserted: 0, updated: 0, unchanged: 0 };
  /** The line of the last row read. */
  line = 0;

  constructor(
    readonly list: Watchlist,
    readonly options: ImportOptions,
    readonly source: ImportInput,
  ) {}

  summary(replaceSkipped: string | null): ImportSummary {
    return {
      listId: this.list.id,
      format: this.options.format,
      ...this.counts,
      skipped: Object.fromEntries(this.skipped),
      replaceSkipped,
      seconds: (performance.now() - this.started) / 1000,
    };
  }
}

export class ImportService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** The list `principal` may write to, or `resource.not_found` (absent, or another country's). */
  async writableList(principal: Principal, listId: string): Promise<Watchlist> {
    const list = await findWatchlist(this.db, listId);
    if (list === undefined || !canAdminister(principal, list.ownerCountry))
      throw new AppError('resource.not_found', `no watchlist ${listId}`);
    return list;
  }

  async importStream(
    principal: Principal,
    listId: string,
    input: Readable,
    options: ImportOptions,
    context: RequestContext,
  ): Promise<ImportSummary> {
    const source = watchInput(input, options.signal);
    try {
      return await this.importFrom(principal, listId, source, options, context);
    } finally {
      source.release();
    }
  }

  private async importFrom(
    principal: Principal,
    listId: string,
    source: ImportInput,
    options: ImportOptions,
    context: RequestContext,
  ): Promise<ImportSummary> {
    const list = await this.writableList(principal, listId);
    const format = options.format;
    if (list.kind === 'persons' && !personFormats.has(format)) {
      throw new AppError('request.invalid', `list ${list.id} holds persons: import ftm or csv, not ${format}`, {
        location: { field: 'format' },
      });
    }
    if (list.kind === 'documents' && personFormats.has(format)) {
      throw new AppError('request.invalid', `list ${list.id} holds documents: import sltd, not ${format}`, {
        location: { field: 'format' },
      });
    }
    const run = new ImportRun(list, options, source);
    let summary: ImportSummary;
    try {
      summary = await withImportLock(this.db, list.id, (db) => this.run(db, run, principal, context));
    } catch (error) {
      throw await this.failed(principal, run, error, context);
    }
    options.onProgress?.(source.bytes());
    return summary;
  }

  /** Reads the file and writes it, on `db` (the import's handle: see withImportLock). */
  private async run(
    db: Kysely<Database>,
    run: ImportRun,
    principal: Principal,
    context: RequestContext,
  ): Promise<ImportSummary> {
    const { list, options, counts } = run;
    const replace = options.replace === true;
    const batchSize = options.batchSize ?? 1000;
    // The ids the file holds, for `replace`: a temporary table of the import's session, not a set in memory.
    const seen = replace ? `lodestar_import_${run.importId.replaceAll('-', '')}` : undefined;
    if (seen !== undefined) await createSeenIds(db, seen);
    // Ids of rows that were in the file but rejected: `replace` keeps their entries (a typo must not delete a
    // wanted person).
    const rejectedIds = new Set<string>();
    // The line each entity id of the file was first read on: the file's ids only, not its rows (tens of bytes an id).
    const firstLines = new Map<string, number>();
    // Why rows may be missing from what was read: then `replace` removes nothing.
    let incomplete: string | undefined;
    const problem = (p: ImportProblem) => {
      if (p.severity === 'rejected') {
        counts.rejected += 1;
        if (p.entityId !== undefined) rejectedIds.add(p.entityId);
      } else counts.warnings += 1;
      options.onProblem?.(p);
    };
    const batch = new ImportBatch({
      listId: list.id,
      importId: run.importId,
      seen,
      tally: (c) => {
        counts.inserted += c.inserted;
        counts.updated += c.updated;
        counts.unchanged += c.unchanged;
      },
      refused: (entry, reason) => problem({ line: entry.line, entityId: entry.entityId, severity: 'rejected', reason }),
    });
    const write = (trx: ControlledTransaction<Database>) => batch.write(trx);

    try {
      for await (const raw of rowsOf(run.source.stream, options.format)) {
        if (raw.kind === 'notice') {
          problem({ line: raw.line, entityId: undefined, severity: 'warning', reason: raw.reason });
          continue;
        }
        counts.read += 1;
        run.line = raw.line;
        incomplete ??= raw.incomplete;
        const warnings: string[] = [];
        let parsed: ParsedRow;
        try {
          parsed = raw.parse(warnings);
        } catch (error) {
          if (!(error instanceof RowError)) throw error;
          // The report keeps naming no entity for a row that did not parse; only `replace` needs its id.
          const id = replace ? raw.rejectedId() : undefined;
          if (id !== undefined) rejectedIds.add(id);
          problem({ line: raw.line, entityId: undefined, severity: 'rejected', reason: error.message });
          continue;
        }
        if (parsed.kind === 'skipped') {
          run.skipped.set(parsed.schema, (run.skipped.get(parsed.schema) ?? 0) + 1);
          continue;
        }
        const owner = parsed.ownerCountry ?? list.ownerCountry;
        if (owner !== list.ownerCountry && principal.kind !== 'operator') {
          problem({
            line: raw.line,
            entityId: parsed.entityId,
            severity: 'rejected',
            reason: `ownerCountry: ${owner} may not be written into a list of ${list.ownerCountry}`,
          });
          continue;
        }
        for (const warning of warnings)
          problem({ line: raw.line, entityId: parsed.entityId, severity: 'warning', reason: warning });
        // A full batch is written only now that another row is known to follow: the last batch is written with the
        // audit entry (below).
        if (batch.size >= batchSize) {
          const n = await inTransaction(db, write);
          run.written += n;
          run.committedBatches += 1;
          run.committedEntries += n;
          run.committed = { inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged };
          options.onProgress?.(run.source.bytes());
        }
        // The later row wins, whether the earlier is still in this batch (then it is dropped before it is written) or
        // already written (the upsert replaces it); either way the file says one entity twice, and the report says so.
        if (batch.add({ ...parsed, ownerCountry: owner, line: raw.line })) counts.updated += 1;
        const earlier = firstLines.get(parsed.entityId);
        if (earlier !== undefined) {
          problem({
            line: raw.line,
            entityId: parsed.entityId,
            severity: 'warning',
            reason: `the same id appeared earlier in the file (line ${earlier}): this row replaces it`,
          });
        } else firstLines.set(parsed.entityId, raw.line);
      }
      // An input that failed may end the reading as if the file ended there: it did not.
      const failed = run.source.error();
      if (failed !== undefined) throw failed;
      // The last batch, the removal and the audit entry commit together: the import's last change is on the record,
      // or is not made.
      return await inTransaction(db, async (trx) => {
        run.written += await write(trx);
        let replaceSkipped: string | null = null;
        if (replace) {
          // A file that loaded nothing (the wrong format, an empty or unreadable file) says nothing about what the
          // list should hold: replacing the list with it would empty it. Nor does a file of which rows may be missing.
          replaceSkipped =
            incomplete !== undefined
              ? `rows may be missing from what was read (${incomplete.slice(0, 300)}), so no entry was removed: ` +
                'correct the file and import it again'
              : run.written === 0
                ? 'no row of the file loaded, so no entry was removed'
                : null;
          if (replaceSkipped !== null) {
            problem({ line: 0, entityId: undefined, severity: 'warning', reason: `replace: ${replaceSkipped}` });
          } else {
            await addSeenIds(trx, seen!, [...rejectedIds]);
            counts.removed = await deleteEntriesNotSeen(
              trx,
              list.id,
              personFormats.has(options.format) ? 'persons' : 'documents',
              seen!,
            );
          }
        }
        const done = run.summary(replaceSkipped);
        await this.audit.record(
          principal,
          {
            action: 'watchlist.import',
            subject: { type: 'watchlist', id: list.id, country: list.ownerCountry },
            details: { ...done, replace },
          },
          context,
          trx,
        );
        return done;
      });
    } finally {
      if (seen !== undefined) await dropSeenIds(db, seen).catch(() => undefined);
    }
  }

  /**
   * The error to throw for an import that failed. One that committed a batch, or whose input failed (an upload cut
   * off, a file that could not be read, the command interrupted), is audited as failed with its counts so far: the
   * batches it committed stay (nothing is rolled back), and its error says so. Any other is thrown as it came.
   */
  private async failed(
    principal: Principal,
    run: ImportRun,
    error: unknown,
    context: RequestContext,
  ): Promise<unknown> {
    const inputError = run.source.error();
    const interrupted = inputError !== undefined;
    if (!interrupted && run.committedBatches === 0) return error;
    const { list } = run;
    const kept =
      run.committedBatches === 0
        ? 'nothing was written'
        : `the ${run.committedEntries} entries of the ${run.committedBatches === 1 ? 'batch' : `${run.committedBatches} batches`} ` +
          `that committed before stay in the list (nothing is rolled back) and none was removed: import the file again ` +
          `to finish`;
    const cause = inputError ?? error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    await this.audit
      .record(
        principal,
        {
          action: 'watchlist.import',
          subject: { type: 'watchlist', id: list.id, country: list.ownerCountry },
          outcome: 'failed',
          details: {
            // What the committed batches wrote: the counts of a last batch that failed went with it.
            ...run.summary(null),
            ...run.committed,
            replace: run.options.replace === true,
            interrupted,
            stoppedAtLine: run.line,
            committedBatches: run.committedBatches,
            committedEntries: run.committedEntries,
            error: reason.slice(0, 300),
          },
        },
        context,
      )
      // The import's own error is the one to report; the failure of its entry cannot be reported to anyone else.
      .catch(() => undefined);
    if (interrupted) {
      return new AppError(
        'request.invalid',
        `the file could not be read to its end (${reason.slice(0, 200)}): the import into ${list.id} stopped after ` +
          `line ${run.line}; ${kept}`,
        { cause },
      );
    }
    if (isAppError(error)) {
      return new AppError(
        error.code,
        `${error.message} — the import into ${list.id} stopped after line ${run.line}; ${kept}`,
        {
          cause: error,
          ...(error.location === undefined ? {} : { location: error.location }),
        },
      );
    }
    // Not the cause's message: it may say more of the database than a client should read (the log has it).
    return new AppError('internal.error', `the import into ${list.id} failed after line ${run.line}; ${kept}`, {
      cause: error,
    });
  }
}
