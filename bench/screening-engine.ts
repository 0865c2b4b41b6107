/**
 * Speed and size of the screening engine at border scale: builds an engine over N synthetic persons and M
 * documents (deterministic, generated here), then measures build time and memory, single-thread screenings per
 * second with latency percentiles, throughput on every core through worker_threads (each worker builds its own
 * index from the same seed: the engine's token tables hold JS strings, which cannot live in a
 * SharedArrayBuffer), and document lookups per second. Prints a table and writes
 * bench/results/screening-engine.json.
 *
 * Run: node --expose-gc --import tsx bench/screening-engine.ts [--persons 1000000] [--documents 10000000]
 *      [--queries 20000] [--workers 2] [--seconds 10] [--explain all|matches|none]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ScreeningEngine } from '../src/screening/engine.js';
import type { DocumentQuery, PersonQuery, PersonRecord } from '../src/screening/types.js';

// ---------------------------------------------------------------- deterministic synthetic persons

/** Mulberry32 over a 32-bit state: cheap, seedable, reproducible. */
class Rng {
  constructor(private s: number) {}
  next(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)]!;
  }
  /** Zipf-like pick: early entries are much more frequent, as real names are. */
  zipf<T>(a: readonly T[]): T {
    return a[Math.floor(a.length * Math.pow(this.next(), 2.2))]!;
  }
}

function seeded(seed: number, index: number): Rng {
  let x = (seed ^ Math.imul(index, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return new Rng((x ^ (x >>> 16)) >>> 0);
}

interface Culture {
  readonly given: readonly string[];
  readonly family: readonly string[];
  /** Syllables for the long tail of rarer family names. */
  readonly syllables: readonly string[];
  readonly nationalities: readonly string[];
  readonly familyFirst?: boolean;
  readonly particle?: string;
}

// Common names of each naming tradition (general knowledge), and syllables for made-up rarer surnames.
const cultures: readonly Culture[] = [
  {
    given:
      'Maria Jose Juan Carlos Luis Ana Miguel Jorge Pedro Rosa Javier Manuel Sofia Diego Lucia Pablo Elena Andres Carmen Raul'.split(
        ' ',
      ),
    family:
      'Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez Diaz Cruz Morales Ortiz Castillo Vargas Romero'.split(
        ' ',
      ),
    syllables: 'ar be ca do ez fer gal ho la men nar or pal qui ro sal te val zu ri'.split(' '),
    nationalities: ['mx', 'co', 'es', 'ar', 'pe', 've'],
  },
  {
    given:
      'Mohammed Ahmed Ali Omar Hassan Hussein Ibrahim Khalid Youssef Mahmoud Fatima Aisha Mariam Abdullah Tariq Samir Nabil Karim Layla Zainab'.split(
        ' ',
      ),
    family:
      'Al-Masri Haddad Nasser Khalil Saleh Hamdan Rashid Mansour Qasim Abbas Aziz Farouk Jaber Hakim Suleiman Darwish Yassin Bakr Najjar Shami'.split(
        ' ',
      ),
    syllables: 'ab bar da far ha jar kha lu ma na qa ra sa ta wa ya za mi du hi'.split(' '),
    nationalities: ['sy', 'iq', 'eg', 'sa', 'ye', 'jo', 'ly'],
    particle: 'al',
  },
  {
    given:
      'Aleksandr Sergei Dmitri Andrei Alexei Ivan Mikhail Nikolai Olga Elena Tatiana Natalia Irina Vladimir Yuri Pavel Anna Svetlana Oleg Viktor'.split(
        ' ',
      ),
    family:
      'Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov Alekseev Lebedev Semenov Egorov Pavlov Kozlov Stepanov Orlov'.split(
        ' ',
      ),
    syllables: 'bor vol kov shen dar gor lev mir nos rak sev tur zhar chen pol dov kin ros tem vin'.split(' '),
    nationalities: ['ru', 'ua', 'by', 'kz'],
  },
  {
    given: 'Wei Fang Min Jing Li Jun Hui Yan Lei Ping Qiang Xiu Ying Hong Jian Guo Ming Hua Xin Yu'.split(' '),
    family: 'Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo'.split(' '),
    syllables: 'an bo chang de feng gang hai jia kai long mei ning qing rui shan tao wen xiao yong zhi'.split(' '),
    nationalities: ['cn', 'tw', 'hk', 'sg'],
    familyFirst: true,
  },
  {
    given:
      'Min-jun Seo-yeon Ji-hoon Ha-eun Do-yun Su-bin Jae-won Ye-jin Hyun-woo Eun-ji Sung-min Young-ho Jong-sik Kyung-soo Hye-jin Dong-hyun Seung-hoon Mi-ran Tae-yang Jin-ho'.split(
        ' ',
      ),
    family: 'Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Jeon Hong'.split(' '),
    syllables: 'bae cheon dong gil hyun jae kyu moon nam rim sang tae won yeol'.split(' '),
    nationalities: ['kr', 'kp'],
    familyFirst: true,
  },
  {
    given:
      'Rahul Priya Amit Sunita Vijay Anjali Rajesh Deepak Pooja Sanjay Neha Arjun Kavita Ravi Meena Suresh Anil Lakshmi Ashok Divya'.split(
        ' ',
      ),
    family:
      'Sharma Patel Singh Kumar Gupta Reddy Iyer Nair Joshi Mehta Rao Verma Das Chopra Malhotra Banerjee Mishra Pillai Desai Shah'.split(
        ' ',
      ),
    syllables: 'ban cha dev gan har jit kar lal man nat pra raj san tha var ven'.split(' '),
    nationalities: ['in', 'np', 'bd'],
  },
  {
    given:
      'John Michael David James Robert Mary Sarah Emma William Thomas Daniel Laura Peter Mark Paul Susan Anne Richard Claire George'.split(
        ' ',
      ),
    family:
      'Smith Johnson Williams Brown Jones Miller Davis Wilson Taylor Clark Walker Wright Hughes Evans Green Baker Turner Hill Cooper Ward'.split(
        ' ',
      ),
    syllables: 'ash bur cot dun fal grim hal ket lin mor ner pen rad sto thw win'.split(' '),
    nationalities: ['gb', 'us', 'ie', 'au', 'ca'],
  },
  {
    given:
      'Mehmet Mustafa Ahmet Ayse Fatma Emine Hasan Huseyin Ibrahim Zeynep Murat Emre Elif Yusuf Omer Burak Kemal Selin Cem Deniz'.split(
        ' ',
      ),
    family:
      'Yilmaz Kaya Demir Sahin Celik Yildiz Yildirim Ozturk Aydin Ozdemir Arslan Dogan Kilic Aslan Cetin Kara Koc Kurt Ozkan Simsek'.split(
        ' ',
      ),
    syllables: 'ak bal can dur er gok han kar mer oz sar tas ulu yal zen'.split(' '),
    nationalities: ['tr', 'cy', 'de'],
  },
  {
    given:
      'Chukwuemeka Adebayo Oluwaseun Ngozi Chiamaka Emeka Kwame Kofi Ama Abena Amadou Fatou Moussa Aminata Ibrahima Yaw Kwesi Nkechi Tunde Bola'.split(
        ' ',
      ),
    family:
      'Okafor Adeyemi Okonkwo Mensah Boateng Diallo Traore Keita Coulibaly Ndiaye Nwosu Eze Balogun Owusu Asante Toure Sow Bello Ogunleye Danjuma'.split(
        ' ',
      ),
    syllables: 'ade bo chi du eke fo gba ike ko lu mba nko olu si tu wa'.split(' '),
    nationalities: ['ng', 'gh', 'sn', 'ml', 'ci'],
  },
];

function tailName(r: Rng, c: Culture): string {
  const n = 2 + r.int(2);
  let s = '';
  for (let i = 0; i < n; i++) s += r.pick(c.syllables);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function familyName(r: Rng, c: Culture): string {
  return r.next() < 0.45 ? r.zipf(c.family) : tailName(r, c);
}

function personName(r: Rng, c: Culture): string {
  const given = r.zipf(c.given);
  const second = r.next() < 0.35 ? ` ${r.zipf(c.given)}` : '';
  const family = familyName(r, c);
  const particle = c.particle !== undefined && r.next() < 0.3 ? `${c.particle}-` : '';
  return c.familyFirst === true ? `${family} ${given}${second}` : `${given}${second} ${particle}${family}`;
}

function birthDate(r: Rng): string | undefined {
  const u = r.next();
  if (u < 0.2) return undefined;
  const y = 1940 + r.int(65);
  if (u < 0.35) return `${y}`;
  const m = 1 + r.int(12);
  const d = 1 + r.int(28);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

const ALNUM = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

function documentNumber(r: Rng): string {
  let s = '';
  const n = 8 + r.int(2);
  for (let i = 0; i < n; i++) s += ALNUM[r.int(ALNUM.length)]!;
  return s;
}

/** Person `i` of the synthetic list (documents: `docs` numbers of its own). */
export function syntheticPerson(seed: number, i: number, docs: number): PersonRecord {
  const r = seeded(seed, i);
  const c = cultures[r.int(cultures.length)]!;
  const names = [personName(r, c)];
  const aliases = r.int(4);
  for (let a = 0; a < aliases; a++) names.push(r.next() < 0.5 ? noisy(r, names[0]!) : personName(r, c));
  const bd = birthDate(r);
  const documents = [];
  const dr = seeded(seed ^ 0xd0c, i);
  for (let d = 0; d < docs; d++) documents.push({ number: documentNumber(dr), country: dr.pick(c.nationalities) });
  return {
    key: i,
    entityId: `syn-${i}`,
    names,
    birthDates: bd === undefined ? [] : [bd],
    nationalities: [r.pick(c.nationalities)],
    gender: r.next() < 0.5 ? 'male' : 'female',
    documents,
  };
}

/** A spelling variant: one edit, a dropped or reordered word. */
function noisy(r: Rng, name: string): string {
  const words = name.split(' ');
  const u = r.next();
  if (u < 0.25 && words.length > 2) words.splice(1 + r.int(words.length - 2), 1);
  else if (u < 0.45) words.reverse();
  else {
    const w = r.int(words.length);
    const s = words[w]!;
    if (s.length > 4) {
      const at = 1 + r.int(s.length - 2);
      const op = r.int(3);
      words[w] =
        op === 0
          ? s.slice(0, at) + s.slice(at + 1)
          : op === 1
            ? s.slice(0, at) + s[at + 1]! + s[at]! + s.slice(at + 2)
            : s.slice(0, at) + 'aeiou'[r.int(5)]! + s.slice(at + 1);
    }
  }
  return words.join(' ');
}

/** Documents per person so that `persons` hold `documents` in all. */
function docsOf(i: number, persons: number, documents: number): number {
  const base = Math.floor(documents / persons);
  return base + (i < documents - base * persons ? 1 : 0);
}

/** Query `j`: half noisy variants of listed persons (some with their birth date), half people on no list. */
function syntheticQuery(seed: number, j: number, persons: number): PersonQuery & { expected: number } {
  const r = seeded(seed ^ 0x9e37, j);
  if (r.next() < 0.5) {
    const p = syntheticPerson(seed, r.int(persons), 0);
    const name = r.next() < 0.6 ? noisy(r, r.pick(p.names)) : r.pick(p.names);
    return { names: [name], birthDate: r.next() < 0.5 ? p.birthDates[0] : undefined, expected: p.key };
  }
  const c = cultures[r.int(cultures.length)]!;
  return { names: [personName(r, c)], birthDate: birthDate(r), expected: -1 };
}

function syntheticDocumentQuery(seed: number, j: number, persons: number, documents: number): DocumentQuery {
  const r = seeded(seed ^ 0x51, j);
  if (r.next() < 0.5 && documents > 0) {
    const i = r.int(persons);
    const p = syntheticPerson(seed, i, docsOf(i, persons, documents));
    const d = p.documents[r.int(Math.max(1, p.documents.length))];
    if (d !== undefined) return { number: d.number, country: d.country };
  }
  return { number: documentNumber(r) };
}

// ---------------------------------------------------------------- measuring

interface Args {
  persons: number;
  documents: number;
  queries: number;
  workers: number;
  seconds: number;
  explain: 'all' | 'matches' | 'none';
  seed: number;
}

function parseArgs(argv: readonly string[]): Args {
  const get = (name: string, dflt: number): number => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : dflt;
  };
  const e = argv.indexOf('--explain');
  const explain = e >= 0 ? argv[e + 1] : 'all';
  return {
    persons: get('persons', 1_000_000),
    documents: get('documents', 10_000_000),
    queries: get('queries', 20_000),
    workers: get('workers', Math.min(2, os.availableParallelism())),
    seconds: get('seconds', 10),
    explain: explain === 'none' || explain === 'matches' ? explain : 'all',
    seed: get('seed', 20240601),
  };
}

function build(a: Args): { engine: ScreeningEngine | undefined; ms: number; generateMs: number; cpuMs: number } {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let generateMs = 0;
  const engine = new ScreeningEngine({ expectedPersons: a.persons });
  for (let i = 0; i < a.persons; i++) {
    const g = performance.now();
    const person = syntheticPerson(a.seed, i, docsOf(i, a.persons, a.documents));
    generateMs += performance.now() - g;
    engine.add(person);
  }
  engine.compact();
  const cpu = process.cpuUsage(cpu0);
  return { engine, ms: performance.now() - t0 - generateMs, generateMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (b: number): number => Math.round(b / 1048576);

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** Screens queries [from, from + count) for at least `seconds` (cycling); returns screenings done. */
function throughput(engine: ScreeningEngine, queries: readonly PersonQuery[], a: Args): number {
  const end = performance.now() + a.seconds * 1000;
  let done = 0;
  while (performance.now() < end) {
    for (let k = 0; k < 200; k++) engine.screenPerson(queries[(done + k) % queries.length]!, { explain: a.explain });
    done += 200;
  }
  return done;
}

/** Single-thread latency and throughput, and document lookups, on the main thread's engine. */
function measureSingle(
  engine: ScreeningEngine,
  a: Args,
): {
  single: {
    screeningsPerSecond: number;
    screeningsPerCpuSecond: number;
    p50ms: number;
    p99ms: number;
    maxMs: number;
    topHitMatchRate: number;
    listedVariantRecallAt10: number;
  };
  docs: { lookupsPerSecond: number; lookupsPerCpuSecond: number; hitsPerLookup: number };
} {
  const queries = Array.from({ length: a.queries }, (_, j) => syntheticQuery(a.seed, j, a.persons));
  // Warm up, then time every query on its own.
  for (let j = 0; j < Math.min(2000, queries.length); j++) engine.screenPerson(queries[j]!, { explain: a.explain });
  const lat = new Float64Array(queries.length);
  let matches = 0;
  let listed = 0;
  let found = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let j = 0; j < queries.length; j++) {
    const s = performance.now();
    const res = engine.screenPerson(queries[j]!, { explain: a.explain });
    lat[j] = performance.now() - s;
    if (res.hits[0]?.match === true) matches++;
    const expected = queries[j]!.expected;
    if (expected >= 0) {
      listed++;
      if (res.hits.some((h) => h.key === expected)) found++;
    }
  }
  const singleSeconds = (performance.now() - t0) / 1000;
  const cpu1 = process.cpuUsage(cpu0);
  const singleCpuSeconds = (cpu1.user + cpu1.system) / 1e6;
  lat.sort();
  const docQueries = Array.from({ length: 200_000 }, (_, j) =>
    syntheticDocumentQuery(a.seed, j, a.persons, a.documents),
  );
  let docHits = 0;
  const t1 = performance.now();
  const dcpu0 = process.cpuUsage();
  for (let rep = 0; rep < 5; rep++) for (const d of docQueries) docHits += engine.screenDocument(d).length;
  const docSeconds = (performance.now() - t1) / 1000;
  const dcpu = process.cpuUsage(dcpu0);
  const single = {
    screeningsPerSecond: Math.round(queries.length / singleSeconds),
    screeningsPerCpuSecond: Math.round(queries.length / singleCpuSeconds),
    p50ms: percentile(lat, 0.5),
    p99ms: percentile(lat, 0.99),
    maxMs: lat[lat.length - 1]!,
    topHitMatchRate: matches / queries.length,
    listedVariantRecallAt10: found / listed,
  };
  const docs = {
    lookupsPerSecond: Math.round((5 * docQueries.length) / docSeconds),
    lookupsPerCpuSecond: Math.round((5 * docQueries.length) / ((dcpu.user + dcpu.system) / 1e6)),
    hitsPerLookup: docHits / (5 * docQueries.length),
  };

  return { single, docs };
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  console.log(
    `screening engine bench: ${a.persons} persons, ${a.documents} documents, explain=${a.explain}, ${a.workers} workers`,
  );
  gc?.();
  const before = process.memoryUsage();
  const built = build(a);
  const buildMs = built.ms;
  gc?.();
  const after = process.memoryUsage();
  const { single, docs } = measureSingle(built.engine!, a);
  // Free the main thread's engine before the workers build theirs.
  built.engine = undefined;
  gc?.();
  const ready = new Int32Array(new SharedArrayBuffer(4));
  const file = fileURLToPath(import.meta.url);
  const started = performance.now();
  const results = await Promise.all(
    Array.from(
      { length: a.workers },
      () =>
        new Promise<{ done: number; buildMs: number; heapMb: number }>((resolve, reject) => {
          // Workers do not inherit the tsx loader: register it, then load this file.
          const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); });`;
          const w = new Worker(boot, {
            eval: true,
            workerData: { ...a, ready },
            resourceLimits: { maxOldGenerationSizeMb: 6144 },
          });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const multi = {
    workers: a.workers,
    screeningsPerSecond: Math.round(results.reduce((s, r) => s + r.done, 0) / a.seconds),
    workerBuildMs: results.map((r) => Math.round(r.buildMs)),
    workerHeapMb: results.map((r) => r.heapMb),
    peakRssMb: mb(process.memoryUsage().rss),
    wallSeconds: Math.round(wallSeconds),
    index: 'one per worker (built in parallel from the same seed)',
  };
  const out = {
    persons: a.persons,
    documents: a.documents,
    explain: a.explain,
    build: {
      seconds: buildMs / 1000,
      generateSeconds: built.generateMs / 1000,
      cpuSecondsWithGeneration: built.cpuMs / 1000,
      heapMb: mb(after.heapUsed - before.heapUsed),
      externalMb: mb(after.external - before.external),
      rssMb: mb(after.rss),
    },
    single,
    multi,
    documentLookups: docs,
    node: process.version,
    cpus: os.cpus().length,
  };
  console.table([
    { measure: 'build (engine.add + compact)', value: `${out.build.seconds.toFixed(1)} s` },
    { measure: 'generating the records', value: `${out.build.generateSeconds.toFixed(1)} s` },
    { measure: 'build CPU time (with generating)', value: `${out.build.cpuSecondsWithGeneration.toFixed(1)} s` },
    { measure: 'heap used (JS)', value: `${out.build.heapMb} MB` },
    { measure: 'external (typed arrays)', value: `${out.build.externalMb} MB` },
    { measure: 'RSS after build', value: `${out.build.rssMb} MB` },
    { measure: 'screenings/s, 1 thread', value: single.screeningsPerSecond },
    { measure: 'screenings per CPU-second', value: single.screeningsPerCpuSecond },
    { measure: 'latency p50', value: `${single.p50ms.toFixed(3)} ms` },
    { measure: 'latency p99', value: `${single.p99ms.toFixed(3)} ms` },
    { measure: 'listed variants found in top 10', value: single.listedVariantRecallAt10.toFixed(3) },
    { measure: 'latency max', value: `${single.maxMs.toFixed(2)} ms` },
    { measure: `screenings/s, ${a.workers} workers`, value: multi.screeningsPerSecond },
    { measure: 'worker build', value: multi.workerBuildMs.map((m) => `${(m / 1000).toFixed(1)} s`).join(', ') },
    { measure: 'worker heap', value: multi.workerHeapMb.map((m) => `${m} MB`).join(', ') },
    { measure: 'RSS with workers', value: `${multi.peakRssMb} MB` },
    { measure: 'document lookups/s', value: docs.lookupsPerSecond },
    { measure: 'document lookups per CPU-second', value: docs.lookupsPerCpuSecond },
    { measure: 'load average (1 min) at end', value: os.loadavg()[0]!.toFixed(1) },
  ]);
  const root = path.resolve(path.dirname(file), '..');
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(path.join(root, 'bench/results/screening-engine.json'), JSON.stringify(out, null, 2));
}

function workerMain(): void {
  const a = workerData as Args & { ready: Int32Array };
  const { engine, ms } = build(a);
  if (engine === undefined) return;
  const queries = Array.from({ length: a.queries }, (_, j) => syntheticQuery(a.seed, j, a.persons));
  for (let j = 0; j < Math.min(2000, queries.length); j++) engine.screenPerson(queries[j]!, { explain: a.explain });
  const heapMb = mb(process.memoryUsage().heapUsed);
  // Start screening only when every worker has built its index, so the windows overlap.
  Atomics.add(a.ready, 0, 1);
  Atomics.notify(a.ready, 0);
  for (let n = Atomics.load(a.ready, 0); n < a.workers; n = Atomics.load(a.ready, 0)) Atomics.wait(a.ready, 0, n, 1000);
  const done = throughput(engine, queries, a);
  parentPort?.postMessage({ done, buildMs: ms, heapMb });
}

if (isMainThread) await main();
else workerMain();
