/**
 * Imports a file into a watchlist, streaming: rows are read one at a time, validated, and written in batches of a
 * thousand, each batch in its own transaction, so a 1 GB file never sits in memory and a bad row costs only
 * itself. Every entry is written whole or not at all; a truncated last record is rejected, not half-loaded.
 * `replace` removes the list's entries the file did not contain — only once the whole file was read, never those
 * whose rows were in the file but rejected, and nothing at all when no row loaded. The import's audit entry commits
 * in the transaction of its last change (the last batch, and the removal), so that change is never unaudited.
 */
import { randomUUID } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import type { ControlledTransaction } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { AuditService, RequestContext } from '../access/audit.service.js';
import { canAdminister, type Principal } from '../access/policy.js';
import { CsvHeaderError, readCsvObjects } from './csv.js';
import { notUtf8, readLines } from './utf8.js';
import { RowError, type DocumentInput, type PersonInput } from './entries.js';
import {
  documentCsvRequired,
  parseDocumentCsvRow,
  parseFtmLine,
  parsePersonCsvRow,
  personCsvRequired,
  rejectedDocumentCsvEntityId,
  rejectedFtmEntityId,
  rejectedPersonCsvEntityId,
  type ImportFormat,
  type ParsedRow,
} from './formats.js';
import {
  deleteEntriesNotIn,
  findWatchlist,
  upsertDocuments,
  upsertPersons,
  type Watchlist,
} from './watchlists.repository.js';

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
  readonly removed: number;
  readonly rejected: number;
  readonly warnings: number;
  /** Entities of other FollowTheMoney schemata, counted by schema and skipped. */
  readonly skipped: Readonly<Record<string, number>>;
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
}

interface RawRow {
  readonly line: number;
  parse(warnings: string[]): ParsedRow;
  /** The entity id of a row `parse` rejected, where it can still be read. */
  rejectedId(): string | undefined;
}

type Pending<T> = T & { readonly ownerCountry: string; readonly line: number };

/**
 * Errors the database raises over the data of a row (SQLSTATE classes 22, data exception; 23, integrity constraint;
 * 54, program limit exceeded), as opposed to a lost connection or a bug, which no retry of other rows would mend.
 */
function isRowDataError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && /^(22|23|54)[0-9A-Z]{3}$/.test(code);
}

const personFormats: ReadonlySet<ImportFormat> = new Set(['ftm', 'csv']);

/** Distinct skipped schemata the summary (and its audit entry) names; the rest are counted under `otherSchemata`. */
const maxSkippedSchemata = 100;
const otherSchemata = '(other schemata)';

/**
 * A skipped schema's name as the summary and the audit log can hold it: the name is the file's text (cut at 50
 * characters by parseFtmLine, which may split a surrogate pair), and PostgreSQL's JSON refuses a NUL and an unpaired
 * surrogate, so both become U+FFFD.
 */
function schemaLabel(schema: string): string {
  return (schema.replaceAll('\0', '\uFFFD') as string & { toWellFormed(): string }).toWellFormed();
}

/** Runs `work` in a transaction that commits when it returns and rolls back when it throws. */
async function inTransaction<T>(db: Db, work: (trx: ControlledTransaction<Database>) => Promise<T>): Promise<T> {
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

async function* rowsOf(input: Readable, format: ImportFormat): AsyncGenerator<RawRow> {
  if (format === 'ftm') {
    // Not readline: it decodes bytes that are not UTF-8 as U+FFFD, which would be stored, and holds a line of any
    // length (a file without line breaks, whole).
    for await (const { line, text, error } of readLines(input)) {
      if (error !== undefined) {
        yield {
          line,
          parse: () => {
            throw new RowError(error === notUtf8 ? 'encoding' : 'line', error);
          },
          // The id of a line with a mis-encoded name is often still readable: `replace` must keep that entry.
          rejectedId: () => rejectedFtmEntityId(text),
        };
        continue;
      }
      if (text.trim().length === 0) continue;
      yield { line, parse: (warnings) => parseFtmLine(text, warnings), rejectedId: () => rejectedFtmEntityId(text) };
    }
    return;
  }
  const required = format === 'csv' ? personCsvRequired : documentCsvRequired;
  try {
    for await (const record of readCsvObjects(input, required)) {
      const { line, row, error } = record;
      yield {
        line,
        parse: (warnings) => {
          if (error !== undefined) throw new RowError('csv', error);
          return format === 'csv' ? parsePersonCsvRow(row, warnings) : parseDocumentCsvRow(row);
        },
        rejectedId: () => (format === 'csv' ? rejectedPersonCsvEntityId(row) : rejectedDocumentCsvEntityId(row)),
      };
    }
  } catch (error) {
    if (error instanceof CsvHeaderError)
      throw new AppError('request.invalid', error.message, { location: { line: 1 } });
    throw error;
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
    const started = performance.now();
    const importId = randomUUID();
    const batchSize = options.batchSize ?? 1000;
    let bytes = 0;
    const counter = new PassThrough();
    counter.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    input.on('error', (error) => counter.destroy(error));
    input.pipe(counter);

    const counts = { read: 0, inserted: 0, updated: 0, removed: 0, rejected: 0, warnings: 0 };
    // A map, not an object: a schema named "__proto__" is counted like any other.
    const skipped = new Map<string, number>();
    // Entries written by this run, from the database's count (not the summary's, which counts a repeated id twice).
    let written = 0;
    // Ids of rows that were in the file but rejected: `replace` keeps their entries (a typo must not delete a
    // wanted person).
    const rejectedIds = new Set<string>();
    // The line each entity id of the file was first read on: the file's ids only, not its rows (tens of bytes an id).
    const firstLines = new Map<string, number>();
    // Keyed by entity id: the same entity twice in one batch would make the upsert touch a row twice.
    const persons = new Map<string, Pending<PersonInput>>();
    const documents = new Map<string, Pending<DocumentInput>>();
    const problem = (p: ImportProblem) => {
      if (p.severity === 'rejected') {
        counts.rejected += 1;
        if (p.entityId !== undefined) rejectedIds.add(p.entityId);
      } else counts.warnings += 1;
      options.onProblem?.(p);
    };
    const tally = (c: { inserted: number; updated: number }) => {
      counts.inserted += c.inserted;
      counts.updated += c.updated;
      written += c.inserted + c.updated;
    };
    /**
     * Writes the entries read since the last call in `trx`: in one statement each for persons and documents, or,
     * when the database refuses a row the validation let through, row by row, each in a savepoint, so that only that
     * row is rejected, with the database's reason.
     */
    const write = async (trx: ControlledTransaction<Database>) => {
      if (persons.size === 0 && documents.size === 0) return;
      const batch = { persons: [...persons.values()], documents: [...documents.values()] };
      persons.clear();
      documents.clear();
      const whole = await trx.savepoint('batch').execute();
      try {
        const p = await upsertPersons(whole, list.id, batch.persons, importId);
        const d = await upsertDocuments(whole, list.id, batch.documents, importId);
        await whole.releaseSavepoint('batch').execute();
        tally(p);
        tally(d);
        return;
      } catch (error) {
        if (!isRowDataError(error)) throw error;
        await (await whole.rollbackToSavepoint('batch').execute()).releaseSavepoint('batch').execute();
      }
      for (const entry of [...batch.persons, ...batch.documents]) {
        const one = await trx.savepoint('row').execute();
        try {
          const c =
            entry.kind === 'person'
              ? await upsertPersons(one, list.id, [entry], importId)
              : await upsertDocuments(one, list.id, [entry], importId);
          await one.releaseSavepoint('row').execute();
          tally(c);
        } catch (rowError) {
          if (!isRowDataError(rowError)) throw rowError;
          await (await one.rollbackToSavepoint('row').execute()).releaseSavepoint('row').execute();
          const reason = `database: ${rowError.message.slice(0, 300)}`;
          problem({ line: entry.line, entityId: entry.entityId, severity: 'rejected', reason });
        }
      }
    };

    for await (const raw of rowsOf(counter, format)) {
      counts.read += 1;
      const warnings: string[] = [];
      let parsed: ParsedRow;
      try {
        parsed = raw.parse(warnings);
      } catch (error) {
        if (!(error instanceof RowError)) throw error;
        // The report keeps naming no entity for a row that did not parse; only `replace` needs its id.
        const id = options.replace === true ? raw.rejectedId() : undefined;
        if (id !== undefined) rejectedIds.add(id);
        problem({ line: raw.line, entityId: undefined, severity: 'rejected', reason: error.message });
        continue;
      }
      if (parsed.kind === 'skipped') {
        const label = schemaLabel(parsed.schema);
        const key = skipped.has(label) || skipped.size < maxSkippedSchemata ? label : otherSchemata;
        skipped.set(key, (skipped.get(key) ?? 0) + 1);
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
      if (persons.size + documents.size >= batchSize) {
        await inTransaction(this.db, write);
        options.onProgress?.(bytes);
      }
      const batch: Map<string, unknown> = parsed.kind === 'person' ? persons : documents;
      // The later row wins, whether the earlier is still in this batch (then it is dropped before it is written) or
      // already written (the upsert replaces it); either way the file says one entity twice, and the report says so.
      if (batch.delete(parsed.entityId)) counts.updated += 1;
      const earlier = firstLines.get(parsed.entityId);
      if (earlier !== undefined) {
        problem({
          line: raw.line,
          entityId: parsed.entityId,
          severity: 'warning',
          reason: `the same id appeared earlier in the file (line ${earlier}): this row replaces it`,
        });
      } else firstLines.set(parsed.entityId, raw.line);
      if (parsed.kind === 'person') persons.set(parsed.entityId, { ...parsed, ownerCountry: owner, line: raw.line });
      else documents.set(parsed.entityId, { ...parsed, ownerCountry: owner, line: raw.line });
    }
    // The last batch, the removal and the audit entry commit together: the import's last change is on the record, or
    // is not made.
    const summary = await inTransaction(this.db, async (trx) => {
      await write(trx);
      if (options.replace === true && written === 0) {
        // A file that loaded nothing (the wrong format, an empty or unreadable file) says nothing about what the list
        // should hold: replacing the list with it would empty it.
        problem({
          line: 0,
          entityId: undefined,
          severity: 'warning',
          reason: 'replace: no row of the file loaded, so no entry was removed',
        });
      } else if (options.replace === true) {
        counts.removed = await deleteEntriesNotIn(trx, list.id, importId, [...rejectedIds]);
      }
      const done: ImportSummary = {
        listId: list.id,
        format,
        ...counts,
        skipped: Object.fromEntries(skipped),
        seconds: (performance.now() - started) / 1000,
      };
      await this.audit.record(
        principal,
        {
          action: 'watchlist.import',
          subject: { type: 'watchlist', id: list.id, country: list.ownerCountry },
          details: { ...done, replace: options.replace === true },
        },
        context,
        trx,
      );
      return done;
    });
    options.onProgress?.(bytes);
    return summary;
  }
}
