/** The flags of `npm run bench:screening`, parsed and checked. */
import os from 'node:os';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  readonly persons: number;
  readonly documents: number;
  readonly queries: number;
  readonly seed: number;
  /** Persons imported into PostgreSQL for the HTTP measurements. */
  readonly httpPersons: number;
  readonly pgUrl: string;
  readonly skipHttp: boolean;
  readonly skipTrgm: boolean;
  readonly out: string;
  /** Worker threads for the throughput on every core. */
  readonly workers: number;
  /** How long each timed loop runs (worker throughput, each HTTP scenario). */
  readonly seconds: number;
  /** Queries sent to pg_trgm, and the most time it may take. */
  readonly trgmQueries: number;
  readonly trgmSeconds: number;
  readonly trgmThreshold: number;
}

export const usage = `Usage: node --import tsx bench/screening.ts [options]
  --persons N          synthetic persons (default 1000000)
  --documents N        synthetic stolen/lost documents (default 10000000)
  --queries N          synthetic queries, planted variants and non-matches (default 10000)
  --seed N             seed of all synthetic data (default 1)
  --http-persons N     persons imported into PostgreSQL for the HTTP part (default: --persons)
  --pg-url URL         PostgreSQL server for the scratch database (default postgres://postgres@127.0.0.1:5432/postgres)
  --skip-http          no HTTP measurements
  --skip-trgm          no pg_trgm comparison
  --out FILE           JSON results (default bench/results/screening.json)
  --workers N          worker threads for the all-core throughput (default: one per core)
  --seconds N          duration of each timed loop: workers, each HTTP scenario (default 15)
  --trgm-queries N     queries sent to pg_trgm (default 1000)
  --trgm-seconds N     time limit of the pg_trgm queries (default 120)
  --trgm-threshold X   pg_trgm.similarity_threshold (default 0.3)`;

function whole(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const text = raw.replace(/_/g, '');
  if (!/^\d+$/.test(text) || Number(text) < min)
    throw new Error(`--${name}: expected a whole number >= ${min}, got "${raw}"`);
  return Number(text);
}

function fraction(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n >= 1) throw new Error(`--${name}: expected a number in (0, 1), got "${raw}"`);
  return n;
}

/** Parses the command line; throws with a one-line message on a bad flag. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      persons: { type: 'string' },
      documents: { type: 'string' },
      queries: { type: 'string' },
      seed: { type: 'string' },
      'http-persons': { type: 'string' },
      'pg-url': { type: 'string' },
      'skip-http': { type: 'boolean' },
      'skip-trgm': { type: 'boolean' },
      out: { type: 'string' },
      workers: { type: 'string' },
      seconds: { type: 'string' },
      'trgm-queries': { type: 'string' },
      'trgm-seconds': { type: 'string' },
      'trgm-threshold': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    console.log(usage);
    process.exit(0);
  }
  const persons = whole('persons', values.persons, 1_000_000, 1);
  const queries = whole('queries', values.queries, 10_000, 1);
  return {
    persons,
    documents: whole('documents', values.documents, 10_000_000, 0),
    queries,
    seed: whole('seed', values.seed, 1, 0),
    httpPersons: Math.min(persons, whole('http-persons', values['http-persons'], persons, 1)),
    pgUrl: values['pg-url'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    skipHttp: values['skip-http'] === true,
    skipTrgm: values['skip-trgm'] === true,
    out: values.out ?? 'bench/results/screening.json',
    workers: whole('workers', values.workers, os.availableParallelism(), 1),
    seconds: whole('seconds', values.seconds, 15, 1),
    trgmQueries: Math.min(queries, whole('trgm-queries', values['trgm-queries'], 1000, 1)),
    trgmSeconds: whole('trgm-seconds', values['trgm-seconds'], 120, 1),
    trgmThreshold: fraction('trgm-threshold', values['trgm-threshold'], 0.3),
  };
}
