/**
 * Imports a file into a watchlist, streaming: rows are read one at a time, validated, and written in batches of a
 * thousand, each batch in its own transaction, so a 1 GB file never sits in memory and a bad row costs only
 * itself. Every entry is written whole or not at all; a truncated last record is rejected, not half-loaded.
 * `replace` removes the list's entries the file did not contain — only once the whole file was read.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { PassThrough, type Readable } from 'node:stream';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { AuditService, RequestContext } from '../access/audit.service.js';
import { canAdminister, type Principal } from '../access/policy.js';
import { CsvHeaderError, readCsvObjects } from './csv.js';
import { RowError, type DocumentInput, type PersonInput } from './entries.js';
import {
  documentCsvRequired,
  parseDocumentCsvRow,
  parseFtmLine,
  parsePersonCsvRow,
  personCsvRequired,
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

/** One line of the import report: a rejected row, or a warning about a row that loaded. */
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
}

const personFormats: ReadonlySet<ImportFormat> = new Set(['ftm', 'csv']);

async function* rowsOf(input: Readable, format: ImportFormat): AsyncGenerator<RawRow> {
  if (format === 'ftm') {
    let line = 0;
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      line += 1;
      if (text.trim().length === 0) continue;
      yield { line, parse: (warnings) => parseFtmLine(text, warnings) };
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
    const skipped: Record<string, number> = {};
    // Keyed by entity id: the same entity twice in one batch would make the upsert touch a row twice.
    const persons = new Map<string, PersonInput & { ownerCountry: string }>();
    const documents = new Map<string, DocumentInput & { ownerCountry: string }>();
    const problem = (p: ImportProblem) => {
      if (p.severity === 'rejected') counts.rejected += 1;
      else counts.warnings += 1;
      options.onProblem?.(p);
    };
    const flush = async () => {
      if (persons.size === 0 && documents.size === 0) return;
      const [p, d] = await this.db
        .transaction()
        .execute(async (trx) => [
          await upsertPersons(trx, list.id, [...persons.values()], importId),
          await upsertDocuments(trx, list.id, [...documents.values()], importId),
        ]);
      counts.inserted += p.inserted + d.inserted;
      counts.updated += p.updated + d.updated;
      persons.clear();
      documents.clear();
      options.onProgress?.(bytes);
    };

    for await (const raw of rowsOf(counter, format)) {
      counts.read += 1;
      const warnings: string[] = [];
      let parsed: ParsedRow;
      try {
        parsed = raw.parse(warnings);
      } catch (error) {
        if (!(error instanceof RowError)) throw error;
        problem({ line: raw.line, entityId: undefined, severity: 'rejected', reason: error.message });
        continue;
      }
      if (parsed.kind === 'skipped') {
        skipped[parsed.schema] = (skipped[parsed.schema] ?? 0) + 1;
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
      const batch: Map<string, unknown> = parsed.kind === 'person' ? persons : documents;
      if (batch.delete(parsed.entityId)) {
        // The later row wins, as it would across batches.
        counts.updated += 1;
        problem({
          line: raw.line,
          entityId: parsed.entityId,
          severity: 'warning',
          reason: 'the same id appeared earlier in the file: this row replaces it',
        });
      }
      if (parsed.kind === 'person') persons.set(parsed.entityId, { ...parsed, ownerCountry: owner });
      else documents.set(parsed.entityId, { ...parsed, ownerCountry: owner });
      if (persons.size + documents.size >= batchSize) await flush();
    }
    await flush();
    if (options.replace === true) {
      counts.removed = await this.db.transaction().execute((trx) => deleteEntriesNotIn(trx, list.id, importId));
    }
    options.onProgress?.(bytes);
    const summary: ImportSummary = {
      listId: list.id,
      format,
      ...counts,
      skipped,
      seconds: (performance.now() - started) / 1000,
    };
    await this.audit.record(
      principal,
      {
        action: 'watchlist.import',
        subject: { type: 'watchlist', id: list.id, country: list.ownerCountry },
        details: { ...summary, replace: options.replace === true },
      },
      context,
    );
    return summary;
  }
}
