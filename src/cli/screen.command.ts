import { createReadStream, createWriteStream, openSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Command, Option } from 'commander';
import { AppError } from '../errors.js';
import type { BatchQuery } from '../screening/screening.service.js';
import { CsvHeaderError, readCsvObjects } from '../watchlists/csv.js';
import { withCli } from './context.js';
import { checkOutputFile, inputFileSize } from './files.js';
import { progressBar } from './progress.js';

const columns = ['id', 'name', 'birthDate', 'nationality', 'gender', 'documentNumber', 'documentCountry'] as const;

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
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

/** The queries of a CSV (with a header) or JSON-lines file; a line that cannot be read carries its error. */
async function* readQueries(file: string): AsyncGenerator<BatchQuery> {
  if (/\.jsonl?$/i.test(file) || /\.ndjson$/i.test(file)) {
    let line = 0;
    for await (let text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      line += 1;
      if (line === 1) text = text.replace(/^\uFEFF/, '');
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
    for await (const { line, row, error } of readCsvObjects(createReadStream(file), ['name']))
      yield toQuery(line, row, error);
  } catch (error) {
    if (error instanceof CsvHeaderError) throw new AppError('request.invalid', `${file}: ${error.message}`);
    throw error;
  }
}

export function screenCommand(): Command {
  return new Command('screen')
    .description(
      'screen a file of persons and/or documents against a watchlist on the local database; one JSON line per query, best hits first',
    )
    .requiredOption('--list <id>', 'the watchlist')
    .requiredOption('--input <file>', `CSV with a header (${columns.join(', ')}) or JSON lines with the same fields`)
    .requiredOption('--output <file>', 'where to write the results, one JSON line per query')
    .option('--limit <n>', 'results per query', (v) => Number(v), 10)
    .option('--threshold <score>', "match threshold (default: the list's)", (v) => Number(v))
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
        if (!Number.isInteger(options.limit) || options.limit < 1 || options.limit > 100)
          throw new AppError('request.invalid', '--limit: a whole number from 1 to 100');
        if (options.threshold !== undefined && !(options.threshold > 0 && options.threshold <= 1))
          throw new AppError('request.invalid', '--threshold: a number in (0, 1]');
        const size = inputFileSize(options.input);
        checkOutputFile(options.output, options.input);
        await withCli(options, async ({ services, operator, request }) => {
          // Before the index loads (slow on a large list) and before the output is touched: a mistyped list name
          // must not cost the results of an earlier run.
          await services.watchlists.get(options.list);
          const loaded = await services.index.load();
          console.error(
            `index: ${loaded.persons} persons, ${loaded.documents} documents loaded in ${loaded.seconds.toFixed(1)} s`,
          );
          // Opened at the first result (or at the end of a run with none), so a run that fails before it screens
          // anything (a CSV without the name column, say) leaves an existing file as it was.
          let out: WriteStream | undefined;
          let failure: Error | undefined;
          const output = (): WriteStream => {
            if (out === undefined) {
              let fd: number;
              try {
                fd = openSync(options.output, 'w');
              } catch (error) {
                throw new AppError(
                  'request.invalid',
                  `cannot write ${options.output}: ${error instanceof Error ? error.message : String(error)}`,
                );
              }
              out = createWriteStream('', { fd });
              out.on('error', (error) => (failure ??= error));
            }
            return out;
          };
          const bar = progressBar('screening', undefined, 'items');
          let done = 0;
          try {
            const summary = await services.screening.screenStream(
              operator,
              options.list,
              readQueries(options.input),
              { limit: options.limit, threshold: options.threshold },
              async (result) => {
                const stream = output();
                if (failure !== undefined) throw failure;
                if (!stream.write(`${JSON.stringify(result)}\n`)) await once(stream, 'drain');
                bar.update(++done);
              },
              request,
            );
            const stream = output();
            await new Promise<void>((resolve, reject) => {
              stream.once('error', reject);
              stream.end(resolve);
            });
            if (failure !== undefined) throw failure;
            bar.finish();
            console.log(
              `screened ${summary.screened} queries (${size} bytes) in ${summary.seconds.toFixed(2)} s: ${Math.round(summary.screened / Math.max(summary.seconds, 1e-6))} queries/s; ` +
                `${summary.matches} with a match, ${summary.errors} rejected → ${options.output}`,
            );
            if (summary.errors > 0) process.exitCode = 1;
          } finally {
            // A run that failed midway keeps the results it wrote.
            if (out !== undefined && !out.writableEnded) out.end();
          }
        });
      },
    );
}
