/**
 * `npm run bench:screening`: the screening figures of the issue, measured in one run on one set of synthetic data
 * (src/synth, one seed): index build time and memory; in-process screening throughput on every core, latency,
 * recall and false alerts; document lookups; HTTP throughput and latency, single and batched, against a real
 * `lodestar serve` on PostgreSQL; and PostgreSQL trigram search (pg_trgm, GIN) on the same persons and queries.
 * Prints a table (quantity, value, target, met?) and writes JSON (default bench/results/screening.json).
 *
 * The in-process part runs in a child process (node --expose-gc) so its memory is its own; the HTTP and pg_trgm
 * parts use a scratch database lodestar_bench_<pid> on --pg-url, dropped at the end.
 *
 * Run: npm run bench:screening -- [--persons 1000000] [--documents 10000000] [--queries 10000] [--seed 1]
 *      [--http-persons N] [--pg-url URL] [--skip-http] [--skip-trgm] [--out FILE] (--help for all flags)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEFAULT_THRESHOLD } from '../src/screening/engine.js';
import { synthQueries } from './screening/data.js';
import type { EngineInput, EngineResult } from './screening/engine-phase.js';
import { runHttp, type HttpResult } from './screening/http.js';
import { parseOptions, usage, type BenchOptions } from './screening/options.js';
import { compare, formatTable, rows, type Comparison } from './screening/report.js';
import { runTrgm, type TrgmResult } from './screening/trgm.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function runEngine(options: BenchOptions, workDir: string): Promise<EngineResult> {
  const input: EngineInput = {
    seed: options.seed,
    persons: options.persons,
    documents: options.documents,
    queries: options.queries,
    workers: options.workers,
    seconds: options.seconds,
    nameOnlyQueries: options.skipTrgm ? 0 : options.trgmQueries,
  };
  const outFile = path.join(workDir, 'engine.json');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        '--max-old-space-size=16384',
        '--import',
        'tsx',
        'bench/screening/engine-phase.ts',
        JSON.stringify(input),
        outFile,
      ],
      { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the in-process part exited with ${code}`));
      else resolve(JSON.parse(readFileSync(outFile, 'utf8')) as EngineResult);
    });
  });
}

/** A database on the server of `url`, created empty, and how to drop it. */
async function scratchDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `lodestar_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  let dropped = false;
  return {
    url: scratch.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

const strip = <T extends object>(value: T, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`bench:screening: ${(error as Error).message}\n${usage}`);
    process.exitCode = 2;
    return;
  }
  const started = new Date();
  const loadBefore = os.loadavg();
  const workDir = path.join(os.tmpdir(), `lodestar-bench-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  log(
    `${options.persons} persons, ${options.documents} documents, ${options.queries} queries, seed ${options.seed}; ` +
      `${os.availableParallelism()} cores; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
  );
  const failures: Record<string, string> = {};
  let trgm: TrgmResult | undefined;
  let http: HttpResult | undefined;
  let comparison: Comparison | undefined;
  try {
    log('in-process part (child process)');
    const engine = await runEngine(options, workDir);
    const loadAfterEngine = os.loadavg();

    if (!options.skipHttp || !options.skipTrgm) {
      const db = await scratchDatabase(options.pgUrl);
      const onSignal = () => {
        db.drop()
          .catch(() => undefined)
          .finally(() => process.exit(130));
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      log(`scratch database ${new URL(db.url).pathname.slice(1)}`);
      try {
        const queries = synthQueries(options.seed, options.queries, options.persons);
        if (!options.skipTrgm) {
          try {
            trgm = await runTrgm({
              url: db.url,
              seed: options.seed,
              persons: options.persons,
              queries: queries.slice(0, options.trgmQueries),
              threshold: options.trgmThreshold,
              connections: 2,
              seconds: options.trgmSeconds,
            });
            comparison = compare(engine, trgm);
          } catch (error) {
            failures.trgm = (error as Error).message;
            log(`pg_trgm part failed: ${failures.trgm}`);
          }
        }
        if (!options.skipHttp) {
          try {
            // With fewer persons behind HTTP, queries are planted from those persons only.
            const httpQueries =
              options.httpPersons === options.persons
                ? queries
                : synthQueries(options.seed, options.queries, options.httpPersons);
            http = await runHttp({
              databaseUrl: db.url,
              seed: options.seed,
              persons: options.httpPersons,
              queries: httpQueries,
              threshold: DEFAULT_THRESHOLD,
              seconds: options.seconds,
              workDir,
              root,
            });
          } catch (error) {
            failures.http = (error as Error).message;
            log(`HTTP part failed: ${failures.http}`);
          }
        }
      } finally {
        await db.drop();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    }

    const table = rows(engine, trgm, comparison, http, failures);
    const defaults = options.persons === 1_000_000 && options.documents === 10_000_000;
    const result = {
      command: `node --import tsx bench/screening.ts ${process.argv.slice(2).join(' ')}`.trim(),
      started: started.toISOString(),
      seconds: Math.round((Date.now() - started.getTime()) / 1000),
      machine: {
        cpus: os.availableParallelism(),
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGb: Math.round(os.totalmem() / 1073741824),
        node: process.version,
        loadAverageAtStart: loadBefore,
        loadAverageAfterInProcessPart: loadAfterEngine,
        loadAverageAtEnd: os.loadavg(),
      },
      options,
      data: {
        source: 'src/synth (personAt, documents, queryAt), one seed for every part',
        persons: options.persons,
        documents: options.documents,
        queries: options.queries,
        httpPersons: http === undefined ? undefined : options.httpPersons,
        personPath: 'synth person → FtM line (writers.ftmEntity) → importer parser (parseFtmLine) → toPersonRecord',
      },
      targetsApplyAtTheseSizes: defaults,
      engine: strip(engine, ['ranks', 'nameOnlyRanks']),
      http: http === undefined ? undefined : strip(http, ['ranks']),
      trgm: trgm === undefined ? undefined : strip(trgm, ['ranks']),
      comparison,
      failures,
      table,
    };
    const out = path.resolve(root, options.out);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);

    console.log(
      `\nScreening benchmark — ${options.persons.toLocaleString('en-US')} persons, ${options.documents.toLocaleString('en-US')} documents, ` +
        `${options.queries.toLocaleString('en-US')} queries, seed ${options.seed}; matcher ${engine.matcher}, threshold ${engine.threshold}`,
    );
    console.log(
      `${os.availableParallelism()} cores (${result.machine.cpuModel}), node ${process.version}; ` +
        `load average at start ${loadBefore.map((l) => l.toFixed(1)).join(' ')}, at end ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );
    if (!defaults)
      console.log('The targets are stated for 1,000,000 persons and 10,000,000 documents; these sizes differ.');
    if (http !== undefined && options.httpPersons !== options.persons) {
      console.log(
        `HTTP ran on ${options.httpPersons.toLocaleString('en-US')} persons (--http-persons), not all of them.`,
      );
    }
    console.log(`\n${formatTable(table)}\n`);
    const shown = path.relative(process.cwd(), out);
    console.log(`JSON: ${shown.startsWith('..') ? out : shown}`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

await main();
