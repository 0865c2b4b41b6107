import path from 'node:path';
import { Command } from 'commander';
import { AppError } from '../errors.js';
import { DEFAULT_HIT_RATE, generateFlights } from '../synth/flights.js';
import { generateWatchlist } from '../synth/watchlist.js';
import { progressBar } from './progress.js';

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

interface FlightsFlags {
  flights: number;
  seed: number;
  persons: number;
  out: string;
  overwrite?: boolean;
}

/** `synth flights`: PAXLST and PNRGOV files for synthetic flights, planted from the watchlist of the same seed. */
function flightsSubcommand(): Command {
  return new Command('flights')
    .description(
      'write PAXLST (passenger lists, multi-part for big flights, crew lists) and PNRGOV files for synthetic ' +
        'flights of 150–400 travellers, with planted watchlist persons and trafficking-indicator patterns',
    )
    .requiredOption('--flights <n>', 'number of flights', count('--flights', 1_000_000))
    .option(
      '--seed <n>',
      'seed: use the one given to `synth watchlist` so planted persons hit',
      count('--seed', 0xffffffff),
      1,
    )
    .option(
      '--persons <n>',
      'size of the watchlist written with that seed (planted travellers are drawn from it)',
      count('--persons', 100_000_000),
      1000,
    )
    .option('--out <dir>', 'output directory (files go to <dir>/paxlst and <dir>/pnrgov)', './synth/flights')
    .option(
      '--overwrite',
      'delete the .edi files an earlier run left in <dir>/paxlst and <dir>/pnrgov first (without it, a run into ' +
        'directories that hold files stops with an error)',
    )
    .addHelpText(
      'after',
      '\nExample: lodestar synth watchlist --persons 1000 --documents 1000 --seed 7 --out ./synth\n' +
        '         lodestar synth flights --flights 50 --seed 7 --persons 1000 --out ./synth/flights\n' +
        '         lodestar ingest ./synth/flights --country NLD',
    )
    .action(async (flags: FlightsFlags) => {
      const bar = progressBar('flights', flags.flights, 'items');
      const summary = await generateFlights({
        dir: flags.out,
        flights: flags.flights,
        seed: flags.seed,
        personCount: flags.persons,
        hitRate: DEFAULT_HIT_RATE,
        overwrite: flags.overwrite === true,
        onProgress: (written) => bar.update(written),
      });
      if (flags.flights > 0) bar.finish();
      const p = summary.patterns;
      console.log(
        `${summary.flights} flights: ${summary.passengers} passengers, ${summary.crew} crew, ${summary.bookings} bookings; ` +
          `${summary.planted} travellers planted from the first ${flags.persons} listed persons of seed ${flags.seed}`,
      );
      console.log(
        `${summary.files.paxlst} PAXLST files (${summary.multipartLists} multi-part lists), ${summary.files.pnrgov} PNRGOV files, ` +
          `${(summary.bytes / 1e6).toFixed(1)} MB in ${path.relative('.', flags.out) || '.'}`,
      );
      console.log(
        `patterns: ${p.family} families, ${p['minor-with-other-adults']} minors with adults of another surname, ` +
          `${p['unaccompanied-minor']} unaccompanied minors, ${p.group} groups, ${p['shared-contact']} bookings sharing a contact, ` +
          `${p.refugee} refugee/stateless travellers`,
      );
      console.log(`done in ${(summary.millis / 1000).toFixed(1)} s (seed ${flags.seed})`);
    });
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
  synth.addCommand(flightsSubcommand());
  return synth;
}
