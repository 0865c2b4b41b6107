/**
 * The HTTP part: persons imported into a PostgreSQL database with the `lodestar` command (watchlist create,
 * watchlist import --format ftm, tokens create --scope screen), a real server started with `lodestar serve` in a
 * child process, and bounded load from this process over keep-alive connections to 127.0.0.1: single screenings
 * (POST /api/screenings) and batches of 50 (POST /match/{list}), at several concurrencies.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { persons } from '../../src/synth/persons.js';
import type { SynthQuery } from '../../src/synth/queries.js';
import { writePersonsFtm } from '../../src/synth/writers.js';
import { accuracy, latency, type Accuracy, type Answer, type Latency } from './metrics.js';

export interface HttpInput {
  /** The scratch database. */
  readonly databaseUrl: string;
  readonly seed: number;
  readonly persons: number;
  readonly queries: readonly SynthQuery[];
  readonly threshold: number;
  readonly seconds: number;
  /** Where the persons file and the server's log go. */
  readonly workDir: string;
  readonly root: string;
}

export interface Scenario {
  readonly name: string;
  readonly endpoint: string;
  readonly concurrency: number;
  readonly queriesPerRequest: number;
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly queriesPerSecond: number;
  readonly latency: Latency;
}

export interface HttpResult {
  readonly persons: number;
  readonly writeFileSeconds: number;
  readonly importSeconds: number;
  readonly importSummary: string;
  /** From `lodestar serve` to the URL on standard output: migrations, index loaded from PostgreSQL, listen. */
  readonly serverStartSeconds: number;
  readonly scenarios: readonly Scenario[];
  /** Accuracy of the answers of the single, concurrency-1 run (each query answered once, in order). */
  readonly accuracy: Accuracy;
  /** Rank of the expected id per answered query (-1 absent, -2 non-match, -3 not sent), in query order. */
  readonly ranks: readonly number[];
}

const log = (message: string) => process.stderr.write(`[http] ${message}\n`);
const listId = 'bench';

function cliEnv(input: HttpInput): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: input.databaseUrl,
    LODESTAR_LOG_LEVEL: 'warn',
    LODESTAR_SCREENING_RATE_PER_MINUTE: '10000000',
    LODESTAR_PORT: '0',
    LODESTAR_HOST: '127.0.0.1',
  };
}

/** Runs a `lodestar` command to its end; resolves to its standard output, or rejects with its standard error. */
function lodestar(input: HttpInput, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], {
      cwd: input.root,
      env: cliEnv(input),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(out);
      else {
        // One line: the error itself, not the stack under it.
        const lines = err.trim().split('\n');
        const reason = lines.find((l) => /Error|^lodestar:/.test(l)) ?? lines[lines.length - 1] ?? '';
        reject(new Error(`lodestar ${args.slice(0, 2).join(' ')} exited with ${code}: ${reason.trim().slice(0, 300)}`));
      }
    });
  });
}

interface Server {
  readonly url: string;
  stop(): Promise<void>;
}

async function startServer(input: HttpInput): Promise<Server> {
  const logFile = createWriteStream(path.join(input.workDir, 'server.log'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'serve'], {
    cwd: input.root,
    env: cliEnv(input),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.pipe(logFile);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const m = /listening on (http:\/\/[^\s]+)/.exec(line);
      if (m !== null) resolve(m[1]!);
    });
    child.once('exit', (code) =>
      reject(new Error(`lodestar serve exited with ${code}; see ${path.join(input.workDir, 'server.log')}`)),
    );
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
      logFile.end();
    },
  };
}

function personBody(q: SynthQuery) {
  return {
    names: [q.name],
    ...(q.birthDate === '' ? {} : { birthDate: q.birthDate }),
    ...(q.nationality === '' ? {} : { nationality: q.nationality }),
    ...(q.gender === '' ? {} : { gender: q.gender }),
    ...(q.documentNumber === ''
      ? {}
      : {
          documents: [
            { number: q.documentNumber, ...(q.documentCountry === '' ? {} : { country: q.documentCountry }) },
          ],
        }),
  };
}

function yenteQuery(q: SynthQuery) {
  const p: Record<string, string[]> = { name: [q.name] };
  if (q.birthDate !== '') p.birthDate = [q.birthDate];
  if (q.nationality !== '') p.nationality = [q.nationality];
  if (q.gender !== '') p.gender = [q.gender];
  if (q.documentNumber !== '') p.passportNumber = [q.documentNumber];
  return { schema: 'Person', properties: p };
}

interface ScreeningAnswer {
  persons: { restricted: boolean; match?: boolean; entry?: { entityId: string } }[];
}

interface Load {
  readonly name: string;
  readonly endpoint: string;
  readonly concurrency: number;
  readonly queriesPerRequest: number;
  /** Sends request number `n`; resolves to false on an error answer. */
  send(n: number): Promise<boolean>;
}

async function drive(load: Load, seconds: number): Promise<Scenario> {
  const samples: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const n = next++;
      const t0 = performance.now();
      // A failed request (refused connection, unparsable answer) counts as an error, like a non-2xx answer.
      const ok = await load.send(n).catch(() => false);
      samples.push(performance.now() - t0);
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: load.concurrency }, loop));
  const elapsed = (performance.now() - started) / 1000;
  const requests = samples.length;
  return {
    name: load.name,
    endpoint: load.endpoint,
    concurrency: load.concurrency,
    queriesPerRequest: load.queriesPerRequest,
    requests,
    errors,
    seconds: Math.round(elapsed * 100) / 100,
    requestsPerSecond: Math.round((requests / elapsed) * 10) / 10,
    queriesPerSecond: Math.round(((requests - errors) * load.queriesPerRequest) / elapsed),
    latency: latency(samples),
  };
}

export async function runHttp(input: HttpInput): Promise<HttpResult> {
  await mkdir(input.workDir, { recursive: true });
  const file = path.join(input.workDir, 'persons.ftm.jsonl');
  log(`writing ${input.persons} persons to ${file}`);
  const w0 = performance.now();
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  await writePersonsFtm(out, persons(input.seed, input.persons));
  out.end();
  await finished(out);
  const writeFileSeconds = (performance.now() - w0) / 1000;

  log('lodestar watchlist create / import / tokens create');
  await lodestar(input, [
    'watchlist',
    'create',
    '--id',
    listId,
    '--country',
    'FRA',
    '--threshold',
    String(input.threshold),
  ]);
  const i0 = performance.now();
  const importOut = await lodestar(input, [
    'watchlist',
    'import',
    file,
    '--list',
    listId,
    '--format',
    'ftm',
    '--report',
    path.join(input.workDir, 'import-report.jsonl'),
  ]);
  const importSeconds = (performance.now() - i0) / 1000;
  const importSummary = importOut.trim().split('\n')[0] ?? '';
  log(`imported: ${importSummary}`);
  const token = (
    await lodestar(input, ['tokens', 'create', '--name', 'bench', '--country', 'FRA', '--scope', 'screen'])
  ).trim();

  log('starting lodestar serve (loads the index from PostgreSQL)');
  const s0 = performance.now();
  const server = await startServer(input);
  const serverStartSeconds = (performance.now() - s0) / 1000;
  log(`server at ${server.url} after ${serverStartSeconds.toFixed(1)} s`);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const qs = input.queries;
  const answers: (Answer | undefined)[] = [];
  try {
    const single = (record: boolean) => async (n: number) => {
      const q = qs[n % qs.length]!;
      const res = await fetch(`${server.url}/api/screenings`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ person: personBody(q), lists: [listId], limit: 10 }),
      });
      const body = (await res.json()) as ScreeningAnswer;
      if (!res.ok) return false;
      if (record && n < qs.length && answers[n] === undefined) {
        const visible = body.persons.filter((h) => !h.restricted);
        answers[n] = {
          ids: visible.map((h) => h.entry?.entityId ?? ''),
          matches: visible.map((h) => h.match === true),
        };
      }
      return true;
    };
    const batch = async (n: number) => {
      const queries: Record<string, ReturnType<typeof yenteQuery>> = {};
      for (let i = 0; i < 50; i++) queries[`q${i}`] = yenteQuery(qs[(n * 50 + i) % qs.length]!);
      const res = await fetch(`${server.url}/match/${listId}?limit=10`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ queries }),
      });
      await res.arrayBuffer();
      return res.ok;
    };
    // Warm-up (JIT, connections), not counted.
    await drive({ name: 'warm-up', endpoint: '', concurrency: 2, queriesPerRequest: 1, send: single(false) }, 2);
    const scenarios: Scenario[] = [];
    const loads: Load[] = [
      {
        name: 'single, 1 client',
        endpoint: 'POST /api/screenings',
        concurrency: 1,
        queriesPerRequest: 1,
        send: single(true),
      },
      {
        name: 'single, 16 clients',
        endpoint: 'POST /api/screenings',
        concurrency: 16,
        queriesPerRequest: 1,
        send: single(false),
      },
      {
        name: 'batch of 50, 1 client',
        endpoint: `POST /match/${listId}`,
        concurrency: 1,
        queriesPerRequest: 50,
        send: batch,
      },
      {
        name: 'batch of 50, 4 clients',
        endpoint: `POST /match/${listId}`,
        concurrency: 4,
        queriesPerRequest: 50,
        send: batch,
      },
    ];
    for (const load of loads) {
      const s = await drive(load, input.seconds);
      log(
        `${s.name}: ${s.requestsPerSecond} requests/s, ${s.queriesPerSecond} queries/s, p50 ${s.latency.p50Ms} ms, p99 ${s.latency.p99Ms} ms${s.errors > 0 ? `, ${s.errors} errors` : ''}`,
      );
      scenarios.push(s);
    }
    return {
      persons: input.persons,
      writeFileSeconds: Math.round(writeFileSeconds * 10) / 10,
      importSeconds: Math.round(importSeconds * 10) / 10,
      importSummary,
      serverStartSeconds: Math.round(serverStartSeconds * 10) / 10,
      scenarios,
      accuracy: accuracy(qs, answers),
      ranks: qs.slice(0, answers.length).map((q, i) => {
        const a = answers[i];
        if (a === undefined) return -3;
        return q.expectedIds[0] === undefined ? -2 : a.ids.indexOf(q.expectedIds[0]);
      }),
    };
  } finally {
    log('stopping the server');
    await server.stop();
  }
}
