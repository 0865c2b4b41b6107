/**
 * Parse-only speed on the synthetic flights of `bench:ingest` (`src/synth/flights.ts`: a PNRGOV push, the passenger
 * list parts and the crew list of each flight): every message parsed from its bytes with `parsePaxlst` or
 * `parsePnrgov`, no database. Shared by `bench:ingest` (its parse-only rows) and `bench:parse`.
 *
 * Bytes, because that is what a server parses: a message arrives and is stored as bytes, and processing decodes
 * them (the decoding is timed with the parse). The generator's texts are joined from many pieces, which V8 keeps
 * as a tree of strings that each read walks: parsing those measured a few per cent slower than parsing the same
 * message from its bytes, a cost no server pays.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { flightMessages } from '../src/synth/flights.js';
import type { FlightOptions } from '../src/synth/flights-plan.js';
import { parsePaxlst } from '../src/travel/paxlst.js';
import { parsePnrgov } from '../src/travel/pnrgov.js';
import type { ParseWorkerData } from './parse-worker.js';

export interface ParseOnly {
  readonly messages: number;
  /** People on the passenger and crew lists (PNR travellers are the same people again and are not counted). */
  readonly travellers: number;
  readonly paxlstTravellersPerSecond: number;
  /** The list travellers of the flights whose PNRGOV pushes are parsed per second. */
  readonly pnrgovTravellersPerSecond: number;
  /** Travellers / (seconds parsing all PAXLST + seconds parsing all PNRGOV messages of the same flights). */
  readonly allTravellersPerSecond: number;
  readonly allMessagesPerSecond: number;
}

/**
 * Parses every message of flights [0, count) with the parsers, no database: best of `rounds` rounds after two
 * warm-up rounds. The steady state is what a server runs in, parsing all day; with one warm-up and three rounds the
 * optimising compiler had sometimes not yet compiled the parsers (PAXLST read at half its speed in the best round).
 */
export function runParseOnly(options: FlightOptions, count: number, rounds = 5): ParseOnly {
  const pax: Buffer[] = [];
  const pnr: Buffer[] = [];
  let travellers = 0;
  for (let i = 0; i < count; i++) {
    const m = flightMessages(options, i);
    for (const f of m.paxlst) {
      pax.push(Buffer.from(f.text, 'utf8'));
      travellers += f.travellers;
    }
    for (const f of m.pnrgov) pnr.push(Buffer.from(f.text, 'utf8'));
  }
  const time = (run: () => void) => {
    run(); // warm-up: let the JIT settle
    run();
    let best = Infinity;
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      run();
      best = Math.min(best, performance.now() - t0);
    }
    return best / 1000;
  };
  const paxSeconds = time(() => pax.forEach((t) => parsePaxlst(t)));
  const pnrSeconds = time(() => pnr.forEach((t) => parsePnrgov(t)));
  return {
    messages: pax.length + pnr.length,
    travellers,
    paxlstTravellersPerSecond: travellers / paxSeconds,
    pnrgovTravellersPerSecond: travellers / pnrSeconds,
    allTravellersPerSecond: travellers / (paxSeconds + pnrSeconds),
    allMessagesPerSecond: (pax.length + pnr.length) / (paxSeconds + pnrSeconds),
  };
}

export interface ParallelParse {
  readonly threads: number;
  readonly messages: number;
  readonly travellers: number;
  /** List travellers of all threads / wall-clock seconds from the first thread's start to the last one's end. */
  readonly travellersPerSecond: number;
  readonly messagesPerSecond: number;
}

/**
 * Parse-only speed of the whole machine, as server processes sharing the message queue parse (one core each): the
 * flights [0, count) dealt out to `threads` worker threads, each parsing its own flights' messages (PNRGOV push and
 * passenger lists, in arrival order) from their bytes. Each round starts every thread at once; a round lasts from
 * the first thread's start to the last thread's end, and the best of `rounds` rounds is reported (after two
 * warm-up passes in each thread).
 */
export async function runParseOnlyParallel(
  options: FlightOptions,
  count: number,
  threads: number,
  rounds = 5,
): Promise<ParallelParse> {
  // Workers do not inherit the tsx loader: register it, then load the worker's file.
  const file = pathToFileURL(fileURLToPath(new URL('./parse-worker.ts', import.meta.url))).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(file)}); });`;
  const workers = Array.from({ length: threads }, (_, index) => {
    const data: ParseWorkerData = { options, count, threads, index };
    return new Worker(boot, { eval: true, workerData: data });
  });
  const next = <T>(w: Worker) =>
    new Promise<T>((resolve, reject) => {
      const fail = (error: Error) => reject(error);
      w.once('error', fail);
      w.once('message', (value: T) => {
        w.off('error', fail);
        resolve(value);
      });
    });
  try {
    const ready = await Promise.all(workers.map((w) => next<{ travellers: number; messages: number }>(w)));
    const travellers = ready.reduce((n, r) => n + r.travellers, 0);
    const messages = ready.reduce((n, r) => n + r.messages, 0);
    let best = Infinity;
    for (let r = 0; r < rounds; r++) {
      const done = workers.map((w) => next<{ start: number; end: number }>(w));
      for (const w of workers) w.postMessage('go');
      const times = await Promise.all(done);
      const wall = Math.max(...times.map((t) => t.end)) - Math.min(...times.map((t) => t.start));
      best = Math.min(best, wall / 1000);
    }
    return {
      threads,
      messages,
      travellers,
      travellersPerSecond: travellers / best,
      messagesPerSecond: messages / best,
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
