import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Command, Option } from 'commander';
import { AppError } from '../errors.js';
import type { BatchQuery } from '../screening/screening.service.js';
import { readCsvObjects } from '../watchlists/csv.js';
import { withCli } from './context.js';
import { progressBar } from './progress.js';

const columns = ['id', 'name', 'birthDate', 'nationality', 'gender', 'documentNumber', 'documentCountry'] as const;

function toQuery(line: number, row: Readonly<Record<string, unknown>>): BatchQuery {
  const text = (key: string) => {
    const value = row[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const number = text('documentNumber');
  return {
    line,
    id: text('id') ?? `line-${line}`,
    input: {
      names: (text('name') ?? '').split('|').filter((n) => n.trim() !== ''),
      birthDate: text('birthDate'),
      nationality: text('nationality'),
      gender: text('gender'),
      documents: number === undefined ? [] : [{ number, country: text('documentCountry') }],
    },
  };
}

/** The queries of a CSV (with a header) or JSON-lines file. */
async function* readQueries(file: string): AsyncGenerator<BatchQuery> {
  if (/\.jsonl?$/i.test(file) || /\.ndjson$/i.test(file)) {
    let line = 0;
    for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      line += 1;
      if (text.trim() === '') continue;
      let row: unknown;
      try {
        row = JSON.parse(text);
      } catch {
        row = {};
      }
      yield toQuery(line, typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : {});
    }
    return;
  }
  for await (const { line, row } of readCsvObjects(createReadStream(file), ['name'])) yield toQuery(line, row);
}

export function screenCommand(): Command {
  return new Command('screen')
    .description(
      'screen a file of persons against a watchlist on the local database; one JSON line per query, best hits first',
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
        let size: number;
        try {
          size = statSync(options.input).size;
        } catch {
          throw new AppError('request.invalid', `cannot read ${options.input}: no such file`);
        }
        await withCli(options, async ({ services, operator, request }) => {
          const loaded = await services.index.load();
          console.error(
            `index: ${loaded.persons} persons, ${loaded.documents} documents loaded in ${loaded.seconds.toFixed(1)} s`,
          );
          const out = createWriteStream(options.output);
          const bar = progressBar('screening', undefined, 'items');
          let done = 0;
          const summary = await services.screening.screenStream(
            operator,
            options.list,
            readQueries(options.input),
            { limit: options.limit, threshold: options.threshold },
            async (result) => {
              if (!out.write(`${JSON.stringify(result)}\n`))
                await new Promise<void>((resolve) => out.once('drain', () => resolve()));
              bar.update(++done);
            },
            request,
          );
          await new Promise<void>((resolve) => out.end(resolve));
          bar.finish();
          console.log(
            `screened ${summary.screened} queries (${size} bytes) in ${summary.seconds.toFixed(2)} s: ${Math.round(summary.screened / Math.max(summary.seconds, 1e-6))} queries/s; ` +
              `${summary.matches} with a match, ${summary.errors} rejected → ${options.output}`,
          );
          if (summary.errors > 0) process.exitCode = 1;
        });
      },
    );
}
