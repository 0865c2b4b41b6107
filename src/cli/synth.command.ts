import path from 'node:path';
import { Command } from 'commander';
import { AppError } from '../errors.js';
import { generateWatchlist } from '../synth/watchlist.js';

/** A whole number flag within bounds, or a one-line `request.invalid` error naming the flag. */
function count(flag: string, max: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) > max) {
      throw new AppError('request.invalid', `${flag}: expected a whole number from 0 to ${max}, got "${value}"`, {
        location: { field: flag },
      });
    }
    return Number(value);
  };
}

function format(value: string): 'ftm' | 'csv' {
  if (value !== 'ftm' && value !== 'csv') {
    throw new AppError('request.invalid', `--format: expected ftm or csv, got "${value}"`, {
      location: { field: '--format' },
    });
  }
  return value;
}

interface WatchlistFlags {
  persons: number;
  documents: number;
  queries?: number;
  seed: number;
  out: string;
  format: 'ftm' | 'csv';
}

/** `lodestar synth …`: synthetic data for tests, benchmarks and demonstrations — never real people. */
export function synthCommand(): Command {
  const synth = new Command('synth').description(
    'generate synthetic watchlists and travellers (deterministic from a seed; no real people)',
  );
  synth
    .command('watchlist')
    .description(
      'write persons (FollowTheMoney JSON lines or CSV), stolen/lost documents (CSV) and queries with the expected ' +
        'matches (CSV) into a directory',
    )
    .requiredOption('--persons <n>', 'number of listed persons', count('--persons', 100_000_000))
    .requiredOption('--documents <n>', 'number of stolen/lost/revoked documents', count('--documents', 1_000_000_000))
    .option(
      '--queries <n>',
      'number of travellers to screen, half planted from listed persons (default 1000)',
      count('--queries', 100_000_000),
    )
    .option('--seed <n>', 'seed: the same seed writes the same files', count('--seed', 0xffffffff), 1)
    .option('--out <dir>', 'output directory', './synth')
    .option('--format <ftm|csv>', 'persons file format: ftm (persons.ftm.jsonl) or csv (persons.csv)', format, 'ftm')
    .addHelpText(
      'after',
      '\nFiles: persons.ftm.jsonl or persons.csv, documents.csv, queries.csv.\n' +
        'Example: lodestar synth watchlist --persons 1000000 --documents 10000000 --seed 7 --out ./synth',
    )
    .action(async (flags: WatchlistFlags) => {
      const tty = process.stderr.isTTY;
      let last = 0;
      const summary = await generateWatchlist({
        dir: flags.out,
        persons: flags.persons,
        documents: flags.documents,
        queries: flags.queries ?? 1000,
        seed: flags.seed,
        format: flags.format,
        onProgress: (file, written, total) => {
          const now = Date.now();
          if (!tty || (now - last < 200 && written < total)) return;
          last = now;
          const pct = total === 0 ? 100 : Math.floor((written / total) * 100);
          process.stderr.write(
            `\r${file}: ${written.toLocaleString('en')} / ${total.toLocaleString('en')} (${pct}%)\x1b[K`,
          );
        },
      });
      if (tty) process.stderr.write('\r\x1b[K');
      for (const f of summary.files) {
        const shown = path.relative('.', f.path);
        console.log(`${shown.startsWith('..') ? f.path : shown}: ${f.rows} rows in ${(f.millis / 1000).toFixed(1)} s`);
      }
      console.log(`done in ${(summary.millis / 1000).toFixed(1)} s (seed ${flags.seed})`);
    });
  return synth;
}
