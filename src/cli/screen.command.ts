import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, openSync, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { constants } from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { AppError } from '../errors.js';
import type { BatchOutput, BatchQuery, BatchResult, BatchSource } from '../screening/screening.service.js';
import { CsvHeaderError, readCsvObjects } from '../watchlists/csv.js';
import { readLines } from '../watchlists/utf8.js';
import { withCli } from './context.js';
import { checkOutputFile, inputFileSize } from './files.js';
import { countedProgress } from './progress.js';

const columns = ['id', 'name', 'birthDate', 'nationality', 'gender', 'documentNumber', 'documentCountry'] as const;

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/** `--limit`: a plain decimal whole number from 1 to 100 (not 0x5, 1e1 or 1.5, which Number() would take). */
function parseLimit(value: string): number {
  const n = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= 100)) throw new InvalidArgumentError('a whole number from 1 to 100');
  return n;
}

/** `--threshold`: a plain decimal number in (0, 1], such as 0.7 (not 0x1 or 1e-1). */
function parseThreshold(value: string): number {
  const n = /^(?:\d+(?:\.\d+)?|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
  if (!(n > 0 && n <= 1)) throw new InvalidArgumentError('a decimal number in (0, 1], such as 0.7');
  return n;
}

/**
 * A row of the file as a query. A field of the wrong type (a JSON line's birthDate given as a number, a name as an
 * array) makes the line an error rather than being left out: screened without it, the query would answer another
 * question than the one asked. A numeric id is kept as written; null counts as absent, as an empty CSV cell does.
 */
function toQuery(line: number, row: Readonly<Record<string, unknown>>, readError?: string): BatchQuery {
  const problems: string[] = [];
  const text = (key: string) => {
    const value = row[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      problems.push(`${key}: must be a string, found ${describe(value)}`);
      return undefined;
    }
    return value.trim() === '' ? undefined : value.trim();
  };
  const rawId = row.id;
  let id: string | undefined;
  if (typeof rawId === 'number' && Number.isFinite(rawId)) id = String(rawId);
  else if (rawId !== undefined && rawId !== null && typeof rawId !== 'string')
    problems.push(`id: must be a string or a number, found ${describe(rawId)}`);
  else id = text('id');
  const number = text('documentNumber');
  const query: BatchQuery = {
    line,
    id: id ?? `line-${line}`,
    input: {
      names: (text('name') ?? '').split('|').filter((n) => n.trim() !== ''),
      birthDate: text('birthDate'),
      nationality: text('nationality'),
      gender: text('gender'),
      documents: number === undefined ? [] : [{ number, country: text('documentCountry') }],
    },
  };
  // A record the reader could not split into the header's fields is reported as such: its fields are not where
  // the header says, so whatever a field check would say about them is beside the point.
  const error = readError ?? (problems.length > 0 ? problems.join('; ') : undefined);
  return error === undefined ? query : { ...query, error };
}

/**
 * The input file as it is read: its bytes counted (for the progress bar) and hashed (for the audit entry, which
 * names the bytes the run read). Reading stops when `signal` aborts, even in the middle of a slow pipe's read.
 */
class InputFile {
  read = 0;
  private readonly hash = createHash('sha256');

  constructor(
    readonly file: string,
    readonly size: number,
    private readonly signal: AbortSignal,
  ) {}

  async *chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of createReadStream(this.file, { signal: this.signal })) {
      const bytes = chunk as Buffer;
      this.read += bytes.length;
      this.hash.update(bytes);
      yield bytes;
    }
  }

  source(): BatchSource {
    return { file: path.resolve(this.file), size: this.size, read: this.read, sha256: this.hash.copy().digest('hex') };
  }
}

/**
 * The queries of a CSV (with a header) or JSON-lines file; a line that cannot be read carries its error. Both are
 * decoded strictly: a line (or CSV record) holding bytes that are not UTF-8 is reported, not screened with U+FFFD in
 * their place.
 */
async function* readQueries(input: InputFile): AsyncGenerator<BatchQuery> {
  if (/\.jsonl?$/i.test(input.file) || /\.ndjson$/i.test(input.file)) {
    for await (const { line, text, error } of readLines(input.chunks())) {
      if (error !== undefined) {
        // The line's id, when what could be read of it says one, names the rejected line.
        let row: unknown;
        try {
          row = JSON.parse(text);
        } catch {
          row = undefined;
        }
        const record = typeof row === 'object' && row !== null && !Array.isArray(row) ? row : {};
        yield toQuery(line, record as Record<string, unknown>, error);
        continue;
      }
      if (text.trim() === '') continue;
      let row: unknown;
      try {
        row = JSON.parse(text);
      } catch (error) {
        yield toQuery(line, {}, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
        continue;
      }
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        yield toQuery(line, {}, `not a JSON object (found ${describe(row)})`);
        continue;
      }
      yield toQuery(line, row as Record<string, unknown>);
    }
    return;
  }
  try {
    for await (const { line, row, error } of readCsvObjects(input.chunks(), ['name'])) yield toQuery(line, row, error);
  } catch (error) {
    if (error instanceof CsvHeaderError) throw new AppError('request.invalid', `${input.file}: ${error.message}`);
    throw error;
  }
}

/**
 * The results file. Opened at the first line (or at the end of a run with none, unless it was stopped), so a run that
 * fails or is stopped before it screens anything (a CSV without the name column, say) leaves an existing file as it
 * was. A write that fails (the disk full) fails the run at the next line or at its end, as `cannot write <file>`.
 */
class ResultsFile implements BatchOutput {
  lines = 0;
  private out: WriteStream | undefined;
  private failure: AppError | undefined;

  constructor(
    private readonly file: string,
    private readonly stopped: AbortSignal,
    private readonly onLine: (lines: number) => void,
  ) {}

  get opened(): boolean {
    return this.out !== undefined;
  }

  async write(result: BatchResult): Promise<void> {
    const stream = this.stream();
    this.check();
    if (!stream.write(`${JSON.stringify(result)}\n`)) await once(stream, 'drain').catch((e: unknown) => this.fail(e));
    this.onLine(++this.lines);
  }

  async end(): Promise<void> {
    if (this.out === undefined && this.stopped.aborted) return;
    const stream = this.stream();
    this.check();
    stream.end();
    await finished(stream).catch((e: unknown) => this.fail(e));
  }

  /** Ends what a failed run wrote, keeping it. */
  close(): void {
    if (this.out !== undefined && !this.out.writableEnded) this.out.end();
  }

  private stream(): WriteStream {
    if (this.out === undefined) {
      let fd: number;
      try {
        fd = openSync(this.file, 'w');
      } catch (error) {
        throw this.cannotWrite(error);
      }
      this.out = createWriteStream('', { fd });
      this.out.on('error', (error) => (this.failure ??= this.cannotWrite(error)));
    }
    return this.out;
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  /** A wait on the stream rejects with its bare error: the run fails in the handler's words. */
  private fail(error: unknown): never {
    throw this.failure ?? error;
  }

  private cannotWrite(error: unknown): AppError {
    return new AppError(
      'request.invalid',
      `cannot write ${this.file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * SIGINT and SIGTERM stop the run: the first aborts `signal` (the run finishes the query at hand, records its audit
 * entry and closes the database), a second exits at once. `dispose` puts the default handling back.
 */
function stopOnSignals(): { signal: AbortSignal; received: () => NodeJS.Signals | undefined; dispose: () => void } {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received !== undefined) process.exit(exitCodeOf(signal));
    received = signal;
    process.stderr.write(`\nlodestar: ${signal}: stopping after the current query (again to stop at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    received: () => received,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** The conventional exit code of a process ended by `signal`: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
function exitCodeOf(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}

export function screenCommand(): Command {
  return new Command('screen')
    .description(
      'screen a file of persons and/or documents against a watchlist on the local database; one JSON line per query, best hits first',
    )
    .requiredOption('--list <id>', 'the watchlist')
    .requiredOption('--input <file>', `CSV with a header (${columns.join(', ')}) or JSON lines with the same fields`)
    .requiredOption('--output <file>', 'where to write the results, one JSON line per query')
    .option('--limit <n>', 'results per query, 1 to 100', parseLimit, 10)
    .option('--threshold <score>', "match threshold in (0, 1] (default: the list's)", parseThreshold)
    .addOption(new Option('--data-dir <dir>', 'embedded database directory (LODESTAR_DATA_DIR, default ./data)'))
    .action(
      async (options: {
        list: string;
        input: string;
        output: string;
        limit: number;
        threshold?: number;
        dataDir?: string;
      }) => {
        const size = inputFileSize(options.input);
        checkOutputFile(options.output, options.input);
        // A pipe or a device has no size to go by: its progress is a count without a bar.
        const regular = statSync(options.input).isFile();
        const stop = stopOnSignals();
        try {
          await withCli(options, async ({ services, operator, request }) => {
            // Before the index loads (slow on a large list) and before the output is touched: a mistyped list name
            // must not cost the results of an earlier run.
            await services.watchlists.get(options.list);
            const loaded = await services.index.load();
            console.error(
              `index: ${loaded.persons} persons, ${loaded.documents} documents loaded in ${loaded.seconds.toFixed(1)} s`,
            );
            const input = new InputFile(options.input, size, stop.signal);
            const bar = countedProgress('screening', regular && size > 0 ? size : undefined);
            const results = new ResultsFile(options.output, stop.signal, (lines) => bar.update(lines, input.read));
            try {
              const summary = await services.screening.screenStream(
                operator,
                options.list,
                readQueries(input),
                {
                  limit: options.limit,
                  threshold: options.threshold,
                  signal: stop.signal,
                  source: () => input.source(),
                },
                results,
                request,
              );
              bar.finish();
              console.log(
                `screened ${summary.screened} queries (${size} bytes) in ${summary.seconds.toFixed(2)} s: ${Math.round(summary.screened / Math.max(summary.seconds, 1e-6))} queries/s; ` +
                  `${summary.matches} with a match, ${summary.errors} rejected → ${options.output}`,
              );
              if (summary.outcome === 'interrupted')
                console.error(
                  `lodestar: stopped by ${stop.received() ?? 'a signal'} ` +
                    (results.opened
                      ? `after line ${summary.lastLine} of ${options.input}; the results so far are in ${options.output}`
                      : 'before the first query; nothing written'),
                );
              if (summary.errors > 0) process.exitCode = 1;
            } catch (error) {
              bar.finish();
              // A run that failed midway keeps the results it wrote.
              results.close();
              throw error;
            }
          });
        } finally {
          stop.dispose();
        }
        const signal = stop.received();
        if (signal !== undefined) process.exitCode = exitCodeOf(signal);
      },
    );
}
