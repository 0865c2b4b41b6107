/** The benchmark's table: quantity, value, target, met — and the targets of the issue, checked. */
import type { EngineResult } from './engine-phase.js';
import type { HttpResult } from './http.js';
import type { TrgmResult } from './trgm.js';

export interface Row {
  readonly quantity: string;
  readonly value: string;
  readonly target: string;
  /** true / false when there is a target, undefined otherwise. */
  readonly met: boolean | undefined;
}

export interface Comparison {
  /** Queries answered by pg_trgm; the recalls below are over the planted ones among them. */
  readonly queries: number;
  readonly planted: number;
  readonly engineRecallAt10: number;
  readonly engineNameOnlyRecallAt10: number;
  readonly trgmRecallAt10: number;
  readonly engineRecallAt1: number;
  readonly trgmRecallAt1: number;
  /** In-process screenings per second on all cores over pg_trgm's queries per second. */
  readonly throughputRatio: number;
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const pct = (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(1)} %` : 'n/a');
const ms = (n: number) => `${n.toFixed(3)} ms`;

function recall(ranks: readonly number[], subset: readonly number[], at: number): number {
  let n = 0;
  let hit = 0;
  for (const i of subset) {
    const r = ranks[i];
    if (r === undefined || r === -2 || r === -3) continue;
    n++;
    if (r >= 0 && r < at) hit++;
  }
  return n === 0 ? Number.NaN : hit / n;
}

/** Compares the engine and pg_trgm on the queries pg_trgm answered. */
export function compare(engine: EngineResult, trgm: TrgmResult): Comparison {
  const subset: number[] = [];
  trgm.ranks.forEach((r, i) => {
    if (r !== -3) subset.push(i);
  });
  const planted = subset.filter((i) => trgm.ranks[i] !== -2).length;
  const round = (v: number) => Math.round(v * 10000) / 10000;
  return {
    queries: subset.length,
    planted,
    engineRecallAt10: round(recall(engine.ranks, subset, 10)),
    engineNameOnlyRecallAt10: round(recall(engine.nameOnlyRanks, subset, 10)),
    trgmRecallAt10: round(recall(trgm.ranks, subset, 10)),
    engineRecallAt1: round(recall(engine.ranks, subset, 1)),
    trgmRecallAt1: round(recall(trgm.ranks, subset, 1)),
    throughputRatio: Math.round((engine.allCores.screeningsPerSecond / trgm.queriesPerSecond) * 10) / 10,
  };
}

/** The rows of the table, in the order of the issue. */
export function rows(
  engine: EngineResult,
  trgm: TrgmResult | undefined,
  comparison: Comparison | undefined,
  http: HttpResult | undefined,
  failures: Readonly<Record<string, string>>,
): Row[] {
  const b = engine.build;
  const s = engine.single;
  const a = engine.accuracy;
  const d = engine.documentLookups;
  const c = engine.allCores;
  const sizes = `${int(b.persons)} persons + ${int(b.documents)} documents`;
  const out: Row[] = [
    {
      quantity: `index build, ${sizes} (indexing only)`,
      value: `${b.indexSeconds} s`,
      target: '<= 60 s',
      met: b.indexSeconds <= 60,
    },
    {
      quantity: '  of which persons / documents',
      value: `${b.indexPersonsSeconds} s / ${b.indexDocumentsSeconds} s`,
      target: '',
      met: undefined,
    },
    {
      quantity: '  generating the synthetic rows (not indexing)',
      value: `${b.generateSeconds} s`,
      target: '',
      met: undefined,
    },
    {
      quantity: 'index memory: JS heap + typed arrays after full GC',
      value: `${int(b.indexMb)} MB (${int(b.heapMb)} + ${int(b.externalMb)})`,
      target: '',
      met: undefined,
    },
    {
      quantity: 'process RSS after build (after full GC)',
      value: `${int(b.rssMb)} MB`,
      target: '<= 3072 MB',
      met: b.rssMb <= 3072,
    },
    {
      quantity: 'peak RSS during build (incl. generation garbage)',
      value: `${int(b.peakRssMb)} MB`,
      target: '',
      met: undefined,
    },
    {
      quantity: `person screenings/s in-process, ${c.workers} worker threads`,
      value: int(c.screeningsPerSecond),
      target: '>= 50,000',
      met: c.screeningsPerSecond >= 50_000,
    },
    {
      quantity: '  CPU utilisation of the workers while measured',
      value: pct(c.cpuUtilisation),
      target: '',
      met: undefined,
    },
    {
      quantity: 'person screenings/s in-process, 1 thread',
      value: `${int(s.screeningsPerSecond)} (${int(s.screeningsPerCpuSecond)} per CPU-s)`,
      target: '',
      met: undefined,
    },
    { quantity: '  same, explanations off', value: int(s.explainNonePerSecond), target: '', met: undefined },
    {
      quantity: `alert screening of a flight traveller, 1 thread (${int(engine.alerts.travellers)})`,
      value: `${int(engine.alerts.microsPerTraveller)} µs (${int(engine.alerts.alerts)} alerts)`,
      target: '',
      met: undefined,
    },
    {
      quantity: 'single query latency in-process p50 / p95',
      value: `${ms(s.p50Ms)} / ${ms(s.p95Ms)}`,
      target: '',
      met: undefined,
    },
    { quantity: 'single query latency in-process p99', value: ms(s.p99Ms), target: '<= 2 ms', met: s.p99Ms <= 2 },
    {
      quantity: `recall@1 / @10 (${int(a.planted)} planted variants)`,
      value: `${pct(a.recallAt1)} / ${pct(a.recallAt10)}`,
      target: '',
      met: undefined,
    },
    { quantity: `found at threshold ${engine.threshold}`, value: pct(a.foundAtThreshold), target: '', met: undefined },
    {
      quantity: `false alerts per 1,000 non-matches (${int(a.nonMatches)}; each hit at or above the threshold)`,
      value: a.falseAlertsPer1000.toFixed(1),
      target: '',
      met: undefined,
    },
    {
      quantity: `document lookups/s, ${c.workers} workers (exact/OCR/unlisted mix)`,
      value: int(c.documentLookupsPerSecond),
      target: '>= 1,000,000',
      met: c.documentLookupsPerSecond >= 1_000_000,
    },
    {
      quantity: '  1 thread: exact / OCR-misread / unlisted',
      value: `${int(d.exact.lookupsPerSecond)} / ${int(d.ocr.lookupsPerSecond)} / ${int(d.unlisted.lookupsPerSecond)}`,
      target: '',
      met: undefined,
    },
    {
      quantity: '  found: exact / OCR-misread / unlisted',
      value: `${pct(d.exact.foundRate)} / ${pct(d.ocr.foundRate)} / ${pct(d.unlisted.foundRate)}`,
      target: '',
      met: undefined,
    },
  ];
  if (http !== undefined) {
    out.push({
      quantity: `HTTP: ${int(http.persons)} persons imported (lodestar watchlist import)`,
      value: `${http.importSeconds} s`,
      target: '',
      met: undefined,
    });
    out.push({
      quantity: 'HTTP: server start incl. index load from PostgreSQL',
      value: `${http.serverStartSeconds} s`,
      target: '',
      met: undefined,
    });
    for (const sc of http.scenarios) {
      out.push({
        quantity: `HTTP ${sc.endpoint}, ${sc.name}`,
        value: `${sc.requestsPerSecond} req/s, ${int(sc.queriesPerSecond)} q/s, p50 ${sc.latency.p50Ms} ms, p99 ${sc.latency.p99Ms} ms${sc.errors > 0 ? `, ${sc.errors} errors` : ''}`,
        target: '',
        met: undefined,
      });
    }
    out.push({
      quantity: `HTTP recall@10 (${int(http.accuracy.planted)} planted, single 1 client)`,
      value: pct(http.accuracy.recallAt10),
      target: '',
      met: undefined,
    });
  } else if (failures.http !== undefined) {
    out.push({ quantity: 'HTTP', value: `failed: ${failures.http}`, target: '', met: undefined });
  }
  if (trgm !== undefined && comparison !== undefined) {
    out.push({
      quantity: `pg_trgm: ${int(trgm.rows)} names, GIN index built in`,
      value: `${trgm.indexSeconds} s (${int(trgm.indexMb)} MB)`,
      target: '',
      met: undefined,
    });
    out.push({
      quantity: `pg_trgm queries/s, ${trgm.connections} connections (threshold ${trgm.similarityThreshold})`,
      value: `${trgm.queriesPerSecond} (${int(trgm.queriesAnswered)} queries${trgm.timedOut ? ', time limit hit' : ''})`,
      target: '',
      met: undefined,
    });
    out.push({
      quantity: 'pg_trgm latency p50 / p99',
      value: `${ms(trgm.latency.p50Ms)} / ${ms(trgm.latency.p99Ms)}`,
      target: '',
      met: undefined,
    });
    out.push({
      quantity: `recall@10 on the same ${int(comparison.planted)} planted: engine / engine names only / pg_trgm`,
      value: `${pct(comparison.engineRecallAt10)} / ${pct(comparison.engineNameOnlyRecallAt10)} / ${pct(comparison.trgmRecallAt10)}`,
      target: 'engine > pg_trgm',
      met: comparison.engineRecallAt10 > comparison.trgmRecallAt10,
    });
    out.push({
      quantity: 'recall@1 on the same: engine / pg_trgm',
      value: `${pct(comparison.engineRecallAt1)} / ${pct(comparison.trgmRecallAt1)}`,
      target: '',
      met: undefined,
    });
    out.push({
      quantity: 'throughput in-process (all cores) / pg_trgm',
      value: `${comparison.throughputRatio}x`,
      target: '>= 100x',
      met: comparison.throughputRatio >= 100,
    });
  } else if (failures.trgm !== undefined) {
    out.push({ quantity: 'pg_trgm', value: `failed: ${failures.trgm}`, target: '', met: undefined });
  }
  return out;
}

/** The rows as a plain text table. */
export function formatTable(table: readonly Row[]): string {
  const head: Row = { quantity: 'quantity', value: 'value', target: 'target', met: undefined };
  const w = [
    Math.max(...[head, ...table].map((r) => r.quantity.length)),
    Math.max(...[head, ...table].map((r) => r.value.length)),
    Math.max(...[head, ...table].map((r) => r.target.length)),
  ];
  const line = (r: Row, met: string) =>
    `${r.quantity.padEnd(w[0]!)}  ${r.value.padEnd(w[1]!)}  ${r.target.padEnd(w[2]!)}  ${met}`.trimEnd();
  return [
    line(head, 'met?'),
    `${'-'.repeat(w[0]!)}  ${'-'.repeat(w[1]!)}  ${'-'.repeat(w[2]!)}  ----`,
    ...table.map((r) => line(r, r.met === undefined ? '' : r.met ? 'yes' : 'NO')),
  ].join('\n');
}
