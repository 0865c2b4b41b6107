/**
 * The in-process part, run in a child process of its own (node --expose-gc, so memory is measured after a full
 * collection and nothing of the other parts is in the heap): index build time and memory, single-thread latency,
 * throughput and accuracy, document lookups, then the throughput of every core through worker threads.
 *
 * Run by bench/screening.ts: node --expose-gc --import tsx bench/screening/engine-phase.ts '<input json>' <out.json>
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DEFAULT_THRESHOLD, MATCHER_NAME, MATCHER_VERSION } from '../../src/screening/engine.js';
import type { ScreeningResult } from '../../src/screening/types.js';
import { buildIndexes, nameOnly, personQuery, synthQueries, travellerQuery } from './data.js';
import { travellerAt } from '../../src/synth/queries.js';
import { lookupQueries, lookupRate, type LookupKind, type LookupRate } from './lookups.js';
import { accuracy, collect, latency, mb, rankOf, type Accuracy, type Answer, type Latency } from './metrics.js';
import type { WorkerInput, WorkerMessage } from './worker.js';

export interface EngineInput {
  readonly seed: number;
  readonly persons: number;
  readonly documents: number;
  readonly queries: number;
  readonly workers: number;
  readonly seconds: number;
  /** The first this many queries are also screened by name only (to compare with pg_trgm on equal terms). */
  readonly nameOnlyQueries: number;
}

export interface EngineResult {
  readonly matcher: string;
  readonly threshold: number;
  readonly build: {
    readonly persons: number;
    readonly documents: number;
    readonly postings: number;
    readonly generateSeconds: number;
    readonly indexPersonsSeconds: number;
    readonly indexDocumentsSeconds: number;
    /** Persons and documents indexed (generation excluded). */
    readonly indexSeconds: number;
    readonly wallSeconds: number;
    /** JS heap and off-heap (typed arrays) held after the build, over the baseline, after a full GC. */
    readonly heapMb: number;
    readonly externalMb: number;
    readonly indexMb: number;
    readonly rssMb: number;
    readonly peakRssMb: number;
    readonly gcForced: boolean;
  };
  readonly single: Latency & {
    readonly queries: number;
    readonly screeningsPerSecond: number;
    readonly screeningsPerCpuSecond: number;
    readonly explainNonePerSecond: number;
    readonly options: string;
  };
  /** Flight travellers screened for alerts as ingestion does (matches only, at most 3), one thread. */
  readonly alerts: {
    readonly travellers: number;
    readonly microsPerTraveller: number;
    readonly alerts: number;
  };
  readonly accuracy: Accuracy;
  /** Per query: rank of the expected id in the top 10 (-1 absent, -2 non-match). Used by the pg_trgm part. */
  readonly ranks: readonly number[];
  readonly nameOnlyRanks: readonly number[];
  readonly documentLookups: Readonly<Record<LookupKind, LookupRate>>;
  readonly allCores: {
    readonly workers: number;
    readonly replica: string;
    readonly buildSeconds: readonly number[];
    readonly heapMb: readonly number[];
    readonly externalMb: readonly number[];
    readonly screeningsPerSecond: number;
    readonly documentLookupsPerSecond: number;
    readonly cpuUtilisation: number;
    readonly peakRssMb: number;
  };
}

const log = (message: string) => process.stderr.write(`[engine] ${message}\n`);
/** What flight ingestion asks of each traveller (WatchlistIndex.screenForAlerts). */
const ALERT_OPTIONS = { limit: 3, matchesOnly: true } as const;

function answerOf(result: ScreeningResult): Answer {
  return { ids: result.hits.map((h) => h.entityId), matches: result.hits.map((h) => h.match) };
}

async function allCores(input: EngineInput): Promise<EngineResult['allCores']> {
  const workerFile = pathToFileURL(new URL('./worker.ts', import.meta.url).pathname).href;
  // Workers do not inherit the tsx loader: register it, then load the worker module.
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(workerFile)}); });`;
  const workerInput: WorkerInput = {
    seed: input.seed,
    persons: input.persons,
    documents: input.documents,
    queries: input.queries,
    seconds: input.seconds,
    documentSeconds: Math.max(2, Math.round(input.seconds / 3)),
  };
  const workers = Array.from(
    { length: input.workers },
    () => new Worker(boot, { eval: true, workerData: workerInput, resourceLimits: { maxOldGenerationSizeMb: 12288 } }),
  );
  const next = (w: Worker) =>
    new Promise<WorkerMessage>((resolve, reject) => {
      w.once('message', (m: WorkerMessage) => resolve(m));
      w.once('error', reject);
    });
  log(`${input.workers} workers build their own replica of the index in parallel …`);
  const ready = await Promise.all(workers.map(next));
  log(`workers ready; screening for ${input.seconds} s, then document lookups for ${workerInput.documentSeconds} s`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const done = Promise.all(workers.map(next));
  for (const w of workers) w.postMessage('go');
  const results = await done;
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await Promise.all(workers.map((w) => w.terminate()));
  let screenings = 0;
  let lookups = 0;
  for (const r of results) {
    if (r.type !== 'done') throw new Error('worker answered out of order');
    screenings += r.screenings / r.screenSeconds;
    lookups += r.lookups / r.lookupSeconds;
  }
  const readyOnes = ready.flatMap((r) => (r.type === 'ready' ? [r] : []));
  return {
    workers: input.workers,
    replica: 'each worker builds its own full replica (persons + documents) from the seed; nothing is shared',
    buildSeconds: readyOnes.map((r) => Math.round(r.buildSeconds * 10) / 10),
    heapMb: readyOnes.map((r) => r.heapMb),
    externalMb: readyOnes.map((r) => r.externalMb),
    screeningsPerSecond: Math.round(screenings),
    documentLookupsPerSecond: Math.round(lookups),
    cpuUtilisation: Math.round(((cpu.user + cpu.system) / 1e6 / (wall * input.workers)) * 100) / 100,
    peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
  };
}

/** Everything measured on this thread; the index is dropped when it returns. */
function measureInProcess(input: EngineInput): Omit<EngineResult, 'allCores'> {
  log(`generating ${input.queries} queries against ${input.persons} persons (seed ${input.seed})`);
  const synth = synthQueries(input.seed, input.queries, input.persons);
  const queries = synth.map(personQuery);
  const gcForced = collect();
  const before = process.memoryUsage();
  const t0 = performance.now();
  let lastLog = 0;
  const built = buildIndexes(input.seed, input.persons, input.documents, (what, done, total) => {
    if (performance.now() - lastLog > 5000 || done === total) {
      lastLog = performance.now();
      log(`built ${done}/${total} ${what} (${((lastLog - t0) / 1000).toFixed(0)} s)`);
    }
  });
  const wallSeconds = (performance.now() - t0) / 1000;
  const { engine, sltd, times } = built;
  collect();
  const after = process.memoryUsage();
  const r1 = (v: number) => Math.round(v * 10) / 10;
  const build = {
    persons: engine.size,
    documents: sltd.size,
    postings: engine.postings,
    generateSeconds: r1(times.generateSeconds),
    indexPersonsSeconds: r1(times.indexPersonsSeconds),
    indexDocumentsSeconds: r1(times.indexDocumentsSeconds),
    indexSeconds: r1(times.indexPersonsSeconds + times.indexDocumentsSeconds),
    wallSeconds: r1(wallSeconds),
    heapMb: mb(after.heapUsed - before.heapUsed),
    externalMb: mb(after.external - before.external),
    indexMb: mb(after.heapUsed - before.heapUsed + after.external - before.external),
    rssMb: mb(after.rss),
    peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
    gcForced,
  };
  log(`index built: ${build.indexSeconds} s indexing + ${build.generateSeconds} s generating; ${build.indexMb} MB`);

  // Warm-up (JIT, first compaction), then every query once, timed one by one, with the server's options.
  const warm = Math.min(queries.length, 1000);
  for (let i = 0; i < warm; i++) engine.screenPerson(queries[i]!);
  const samples = new Float64Array(queries.length);
  const answers: Answer[] = [];
  const cpu0 = process.cpuUsage();
  const s0 = performance.now();
  for (let i = 0; i < queries.length; i++) {
    const q0 = performance.now();
    const result = engine.screenPerson(queries[i]!);
    samples[i] = performance.now() - q0;
    answers.push(answerOf(result));
  }
  const elapsed = (performance.now() - s0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const n0 = performance.now();
  for (const q of queries) engine.screenPerson(q, { explain: 'none' });
  const explainNone = (performance.now() - n0) / 1000;
  const single = {
    queries: queries.length,
    ...latency(samples),
    screeningsPerSecond: Math.round(queries.length / elapsed),
    screeningsPerCpuSecond: Math.round(queries.length / ((cpu.user + cpu.system) / 1e6)),
    explainNonePerSecond: Math.round(queries.length / explainNone),
    options: 'limit 10, explanations for every hit (as the HTTP API asks)',
  };
  log(`single thread: ${single.screeningsPerSecond}/s, p50 ${single.p50Ms} ms, p99 ${single.p99Ms} ms`);

  // Alert screenings: flight travellers (a realistic few per thousand planted), each timed in one pass.
  const travellers = Array.from({ length: 20_000 }, (_v, i) =>
    travellerQuery(travellerAt(input.seed, i, input.persons)),
  );
  for (let i = 0; i < 2000; i++) engine.screenPerson(travellers[i]!, ALERT_OPTIONS);
  let alertCount = 0;
  const a0 = performance.now();
  for (const t of travellers) alertCount += engine.screenPerson(t, ALERT_OPTIONS).hits.length;
  const alerts = {
    travellers: travellers.length,
    microsPerTraveller: Math.round(((performance.now() - a0) * 1000) / travellers.length),
    alerts: alertCount,
  };
  log(`alert screenings: ${alerts.microsPerTraveller} µs per traveller, ${alerts.alerts} alerts`);

  const nameOnlyRanks: number[] = [];
  for (let i = 0; i < Math.min(input.nameOnlyQueries, synth.length); i++) {
    nameOnlyRanks.push(rankOf(synth[i]!, answerOf(engine.screenPerson(nameOnly(synth[i]!), { explain: 'none' }))));
  }

  const documentLookups = {} as Record<LookupKind, LookupRate>;
  for (const kind of ['exact', 'ocr', 'unlisted'] as const) {
    const lookups = lookupQueries(input.seed, input.documents, kind, 100_000);
    documentLookups[kind] = lookupRate(sltd, engine, lookups, 3);
    log(`document lookups (${kind}): ${documentLookups[kind].lookupsPerSecond}/s`);
  }
  return {
    matcher: `${MATCHER_NAME}@${MATCHER_VERSION}`,
    threshold: DEFAULT_THRESHOLD,
    build,
    single,
    alerts,
    accuracy: accuracy(synth, answers),
    ranks: synth.map((q, i) => rankOf(q, answers[i]!)),
    nameOnlyRanks,
    documentLookups,
  };
}

async function run(input: EngineInput): Promise<EngineResult> {
  const result = measureInProcess(input);
  // This thread's index is garbage now: collect it before the workers build theirs.
  collect();
  return { ...result, allCores: await allCores(input) };
}

const [json, outFile] = process.argv.slice(2);
if (json === undefined || outFile === undefined) throw new Error('usage: engine-phase.ts <input json> <out.json>');
writeFileSync(outFile, JSON.stringify(await run(JSON.parse(json) as EngineInput)));
