/**
 * Parse benchmark. (1) Synthetic PAXLST interchanges (150–400 travellers each) generated in memory, then tokenized and
 * parsed end to end (`parsePaxlst` on the text). (2) The synthetic flights of `bench:ingest` (PNRGOV push, passenger
 * list parts, crew list), each message parsed from its text, as the parse-only rows of `bench:ingest` measure them.
 * (3) The same flights parsed by one worker thread per core at once, each with its share of the flights, as server
 * processes sharing the message queue parse them: the machine's parse-only speed, which the target of 200,000
 * travellers a second is about. Prints three tables and writes `bench/results/parse.json`.
 * Run: `npm run bench:parse` (or `node --import tsx bench/parse.ts [messages] [rounds] [flights]`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEdifact } from '../src/travel/edifact.js';
import { parsePaxlst } from '../src/travel/paxlst.js';
import { seededRandom, syntheticPaxlst } from '../src/travel/paxlst-synthetic.js';
import { DEFAULT_HIT_RATE } from '../src/synth/flights.js';
import { runParseOnly, runParseOnlyParallel } from './parse-flights.js';

const messageCount = Number(process.argv[2] ?? 400);
const rounds = Number(process.argv[3] ?? 5);
const flightCount = Number(process.argv[4] ?? 200);
const random = seededRandom(20241001);
const messages: string[] = [];
let travellers = 0;
for (let i = 0; i < messageCount; i++) {
  const n = 150 + Math.floor(random() * 251);
  travellers += n;
  messages.push(
    syntheticPaxlst({ seed: i + 1, travellers: n, reference: `B${i}`, lineBreak: i % 2 === 0 ? '\n' : '' }),
  );
}
const megabytes = messages.reduce((n, m) => n + Buffer.byteLength(m), 0) / 1e6;

interface Row {
  readonly stage: string;
  readonly seconds: number;
  readonly messagesPerSecond: number;
  readonly travellersPerSecond: number;
  readonly megabytesPerSecond: number;
}

function measure(stage: string, run: (text: string) => number): Row {
  // One warm-up round lets the JIT settle; the best of the timed rounds is reported (least disturbed by neighbours).
  let check = 0;
  for (const m of messages) check += run(m);
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (const m of messages) check += run(m);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  if (check === 0) throw new Error('nothing parsed');
  return {
    stage,
    seconds: best,
    messagesPerSecond: messageCount / best,
    travellersPerSecond: travellers / best,
    megabytesPerSecond: megabytes / best,
  };
}

const rows = [
  // Segment objects are made only when `segments` is read (the parsers walk the tokenizer's table instead): not here.
  measure('tokenize (parseEdifact)', (m) => parseEdifact(m).messages.length),
  measure('PAXLST end to end (parsePaxlst)', (m) => parsePaxlst(m).lists[0]!.travellers.length),
];

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(
  `${messageCount} messages, ${fmt(travellers)} travellers, ${megabytes.toFixed(1)} MB; best of ${rounds} rounds, one core`,
);
console.log('| stage | messages/s | travellers/s | MB/s |');
console.log('|---|---:|---:|---:|');
for (const row of rows) {
  console.log(
    `| ${row.stage} | ${fmt(row.messagesPerSecond)} | ${fmt(row.travellersPerSecond)} | ${row.megabytesPerSecond.toFixed(1)} |`,
  );
}

// The flights of bench:ingest (its defaults: seed 1, 100,000 listed persons), timed as its parse-only rows are.
const flights = runParseOnly({ seed: 1, personCount: 100_000, hitRate: DEFAULT_HIT_RATE }, flightCount, rounds);
console.log(
  `\n${flightCount} synthetic flights of bench:ingest: ${fmt(flights.messages)} messages, ${fmt(flights.travellers)} list travellers; best of ${rounds} rounds, one core`,
);
console.log('| parser | travellers/s | µs per traveller |');
console.log('|---|---:|---:|');
for (const [parser, perSecond] of [
  ['PAXLST', flights.paxlstTravellersPerSecond],
  ['PNRGOV', flights.pnrgovTravellersPerSecond],
  ['PAXLST + PNRGOV', flights.allTravellersPerSecond],
] as const) {
  console.log(`| ${parser} | ${fmt(perSecond)} | ${(1e6 / perSecond).toFixed(2)} |`);
}

// The machine: every core parsing its share of the flights at once (one thread, then one per core).
const options = { seed: 1, personCount: 100_000, hitRate: DEFAULT_HIT_RATE };
const threads = [...new Set([1, os.availableParallelism()])];
const parallel = [];
for (const n of threads) parallel.push(await runParseOnlyParallel(options, flightCount, n, rounds));
console.log(
  `\nThe same flights, PAXLST + PNRGOV in arrival order, dealt out to worker threads; best of ${rounds} rounds, wall clock`,
);
console.log('| threads | messages/s | travellers/s | target | met? |');
console.log('|---:|---:|---:|---:|---|');
for (const p of parallel) {
  const judged = p.threads === os.availableParallelism();
  console.log(
    `| ${p.threads} | ${fmt(p.messagesPerSecond)} | ${fmt(p.travellersPerSecond)} | ${judged ? '≥ 200,000' : ''} | ${judged ? (p.travellersPerSecond >= 200_000 ? 'yes' : 'NO') : ''} |`,
  );
}

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
mkdirSync(out, { recursive: true });
writeFileSync(
  path.join(out, 'parse.json'),
  `${JSON.stringify(
    {
      benchmark: 'parse',
      date: new Date().toISOString(),
      node: process.version,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      messages: messageCount,
      travellers,
      megabytes,
      rounds,
      results: rows,
      flights: { count: flightCount, ...flights },
      parallel,
    },
    null,
    2,
  )}\n`,
);
