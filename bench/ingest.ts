/**
 * Ingest benchmark: synthetic flights (`src/synth/flights.ts`, 150–400 travellers each, PNRGOV push + PAXLST parts +
 * crew list) — store raw, parse, upsert, screen every traveller against a synthetic watchlist, run the rules, raise
 * alerts — on embedded PGlite and on PostgreSQL. Throughput is measured as the server runs it: every message received
 * and queued, then processed by the server's own `messages.process` job on pg-boss, with its worker count and batch
 * size for that backend (LODESTAR_INGEST_CONCURRENCY and LODESTAR_INGEST_BATCH honoured, as by the server). More
 * flights then go through one message after the other (the `lodestar ingest` path) for per-message latency and a
 * per-stage profile. The person alerts of the queued run are told true or false by the generator's answer key (its
 * planted passengers), so the table shows how many travellers were falsely alerted. Plus parse-only speed, on one core
 * and on every core at once (bench/parse-flights.ts). Prints a table and writes JSON (bench/results/ingest.json).
 * On PostgreSQL the queued run is repeated with more server processes sharing the queue (`--servers 1,2`: this process
 * plus one more, bench/ingest/server-process.ts), as a deployment scales; each takes fresh flights. Messages are sent by
 * `--feeds` concurrent senders (8), each pushing whole flights in order.
 * Run: `npm run bench:ingest -- [--flights 200] [--seed 1] [--persons 100000] [--documents 100000] [--servers 1,2]
 *      [--feeds 8] [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--skip-pglite] [--skip-postgres] [--out FILE]`
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { progressBar } from '../src/cli/progress.js';
import { DEFAULT_HIT_RATE } from '../src/synth/flights.js';
import { StageClock } from './ingest/profile.js';
import { runQueued, type Queued } from './ingest/queued.js';
import { runEndToEnd, runParseOnly, runParseOnlyParallel, type EndToEnd } from './ingest/run.js';
import { loadWatchlist, openBackend, type Backend, type WatchlistLoad } from './ingest/setup.js';

const { values: flags } = parseArgs({
  options: {
    flights: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    persons: { type: 'string', default: '100000' },
    documents: { type: 'string', default: '100000' },
    'profile-flights': { type: 'string' },
    servers: { type: 'string', default: '1,2' },
    feeds: { type: 'string', default: '8' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    'skip-pglite': { type: 'boolean', default: false },
    'skip-postgres': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results/ingest.json' },
  },
});
const flights = Number(flags.flights);
const personCount = Number(flags.persons);
const options = { seed: Number(flags.seed), personCount, hitRate: DEFAULT_HIT_RATE };
const profileFlights = Number(flags['profile-flights'] ?? Math.max(5, Math.round(flights / 10)));
const serverCounts = flags.servers.split(',').map(Number);
if (serverCounts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--servers: ${flags.servers}`);
const feeds = Number(flags.feeds);
if (!Number.isInteger(feeds) || feeds < 1) throw new Error(`--feeds: ${flags.feeds}`);
const target = { flights: 24_000, travellers: 5_000_000, seconds: 300, travellersPerSecond: 17_000, parse: 200_000 };

interface BackendResult {
  readonly backend: string;
  readonly watchlist?: WatchlistLoad;
  /** Through the job queue, as `lodestar serve` processes messages: one run per server count. */
  readonly endToEnd?: readonly Queued[];
  /** One message after the other (`lodestar ingest`), each stage timed. */
  readonly sequential?: EndToEnd & { readonly stagesMs: Record<string, number> };
  readonly error?: string;
}

async function runBackend(name: Backend['name']): Promise<BackendResult> {
  let b: Backend | undefined;
  try {
    b = await openBackend(name, flags['pg-url']);
    console.error(`${name}: loading ${personCount} persons and ${flags.documents} documents…`);
    const watchlist = await loadWatchlist(b.services, options.seed, personCount, Number(flags.documents));
    const endToEnd: Queued[] = [];
    let first = 0;
    // The embedded database lives in this process: only a PostgreSQL server can be shared by several.
    for (const servers of name === 'pglite' ? [1] : serverCounts) {
      let bar: ReturnType<typeof progressBar> | undefined;
      const label = `${name} ingest (job queue, ${servers} server process${servers > 1 ? 'es' : ''})`;
      endToEnd.push(
        await runQueued(
          b,
          options,
          first,
          flights,
          (done, total) => (bar ??= progressBar(label, total, 'items')).update(done),
          servers,
          feeds,
        ),
      );
      bar?.finish();
      first += flights;
    }
    const clock = new StageClock();
    const sequential = await runEndToEnd(b, options, first, profileFlights, undefined, clock);
    const stagesMs = Object.fromEntries([...clock.ms].map(([k, v]) => [k, Math.round(v)]));
    return { backend: name, watchlist, endToEnd, sequential: { ...sequential, stagesMs } };
  } catch (error) {
    return { backend: name, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await b?.close();
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const parseOnly = runParseOnly(options, Math.min(flights, 200));
// The machine's parse-only speed: one thread per core, each parsing its share of the flights, as server processes do.
const parseMachine = await runParseOnlyParallel(options, Math.min(flights, 200), os.availableParallelism());
const results: BackendResult[] = [];
if (!flags['skip-pglite']) results.push(await runBackend('pglite'));
if (!flags['skip-postgres']) results.push(await runBackend('postgres'));

console.log(
  `\n${flights} synthetic flights (seed ${options.seed}), watchlist ${fmt(personCount)} persons + ${fmt(Number(flags.documents))} documents; node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'})`,
);
console.log('| backend | quantity | value | target | met? |');
console.log('|---|---|---:|---:|---|');
const row = (b: string, q: string, v: string, t = '', met?: boolean) =>
  console.log(`| ${b} | ${q} | ${v} | ${t} | ${met === undefined ? '' : met ? 'yes' : 'NO'} |`);
row('—', 'parse only, PAXLST, one core (travellers/s)', fmt(parseOnly.paxlstTravellersPerSecond));
row('—', 'parse only, PAXLST + PNRGOV, one core (travellers/s)', fmt(parseOnly.allTravellersPerSecond));
row(
  '—',
  `parse only, PAXLST + PNRGOV, ${parseMachine.threads} threads at once (travellers/s)`,
  fmt(parseMachine.travellersPerSecond),
  '≥ 200,000',
  parseMachine.travellersPerSecond >= target.parse,
);
for (const r of results) {
  if (r.endToEnd === undefined) {
    row(r.backend, 'error', r.error ?? 'unknown');
    continue;
  }
  for (const e of r.endToEnd) {
    const tps = e.travellers / e.seconds;
    const whole = target.travellers / tps;
    const how = `${e.servers} server process${e.servers > 1 ? 'es' : ''}, ${e.concurrency} workers each, batches ≤ ${e.batch}, ${e.feeds} senders, screening on ${e.screeningThread ? 'the screening thread' : 'the server thread'}`;
    row(
      r.backend,
      `end to end on the job queue (${how}): ${e.flights} flights, ${fmt(e.messages)} messages, ${fmt(e.travellers)} travellers`,
      `${e.seconds.toFixed(1)} s`,
    );
    row(r.backend, 'messages/s', (e.messages / e.seconds).toFixed(1));
    row(r.backend, 'travellers/s (list travellers)', fmt(tps), '≥ 17,000', tps >= target.travellersPerSecond);
    row(
      r.backend,
      'Liberterra II (5 M travellers) at this rate',
      `${(whole / 60).toFixed(1)} min`,
      '≤ 5 min',
      whole <= target.seconds,
    );
    row(
      r.backend,
      '24,000 flights at this rate',
      `${((target.flights * e.seconds) / e.flights / 60).toFixed(1)} min`,
      '≤ 5 min',
      (target.flights * e.seconds) / e.flights <= target.seconds,
    );
    row(
      r.backend,
      'receive → processed, whole backlog queued at once: p50 / max',
      `${e.latencyMs.p50.toFixed(0)} / ${e.latencyMs.max.toFixed(0)} ms`,
    );
    row(
      r.backend,
      'alerts raised',
      `${fmt(e.alerts)} (${Object.entries(e.alertsByKind)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')})`,
    );
    const pa = e.personAlerts;
    row(
      r.backend,
      'person alerts against the planted passengers: true / false (travellers falsely alerted)',
      `${fmt(pa.true)} / ${fmt(pa.false)} (${fmt(pa.travellersFalselyAlerted)}, ${((1000 * pa.travellersFalselyAlerted) / e.travellers).toFixed(1)} per 1,000)`,
    );
    row(r.backend, 'planted passengers with a true alert', `${fmt(pa.plantedFound)} of ${fmt(pa.planted)}`);
    if (e.failed > 0) row(r.backend, 'messages failed', String(e.failed));
  }
  const s = r.sequential;
  if (s === undefined) continue;
  row(
    r.backend,
    `one after another (lodestar ingest): ${s.flights} more flights, ${s.messages} messages`,
    `${fmt(s.travellers / s.seconds)} travellers/s`,
  );
  row(
    r.backend,
    'per-message latency, one after another: p50 / p99 / max',
    `${s.latencyMs.p50.toFixed(0)} / ${s.latencyMs.p99.toFixed(0)} / ${s.latencyMs.max.toFixed(0)} ms`,
  );
  row(
    r.backend,
    `receive → alert, planted person (${s.plantedAlertMs.count} msgs) p50 / max`,
    `${s.plantedAlertMs.p50.toFixed(0)} / ${s.plantedAlertMs.max.toFixed(0)} ms`,
    '≤ 1,000 ms',
    s.plantedAlertMs.max <= 1000,
  );
}
for (const r of results) {
  const s = r.sequential;
  if (s === undefined) continue;
  const total = Object.values(s.stagesMs).reduce((a, b) => a + b, 0);
  console.log(
    `\n${r.backend}: where the time goes (one after another, ${s.flights} flights, ${s.messages} messages, stages timed inside IngestService.process)`,
  );
  for (const [stage, ms] of Object.entries(s.stagesMs)) {
    console.log(
      `  ${stage.padEnd(40)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${((ms / total) * 100).toFixed(1).padStart(5)} %`,
    );
  }
}

const out = path.resolve(flags.out);
mkdirSync(path.dirname(out), { recursive: true });
const cpu = os.cpus()[0]?.model ?? 'unknown';
const report = {
  benchmark: 'ingest',
  date: new Date().toISOString(),
  node: process.version,
  cpu,
  cores: os.cpus().length,
  flights,
  options,
  targets: target,
  parseOnly,
  parseMachine,
  results,
};
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwritten ${path.relative('.', out)}`);
