/**
 * One thread of `runParseOnlyParallel` (bench/parse-flights.ts): it generates the messages of its share of the flights
 * (flight i where i mod threads = its index), parses them twice to warm up, says it is ready, and then on each `go`
 * parses them all once, flight by flight in arrival order, and answers with when it started and ended (milliseconds
 * since the epoch, so that the main thread can compare clocks across threads).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { flightMessages } from '../src/synth/flights.js';
import type { FlightOptions } from '../src/synth/flights-plan.js';
import { parsePaxlst } from '../src/travel/paxlst.js';
import { parsePnrgov } from '../src/travel/pnrgov.js';

export interface ParseWorkerData {
  readonly options: FlightOptions;
  readonly count: number;
  readonly threads: number;
  readonly index: number;
}

const { options, count, threads, index } = workerData as ParseWorkerData;
const messages: { readonly bytes: Buffer; readonly pnr: boolean }[] = [];
let travellers = 0;
for (let i = index; i < count; i += threads) {
  const m = flightMessages(options, i);
  for (const f of m.pnrgov) messages.push({ bytes: Buffer.from(f.text, 'utf8'), pnr: true });
  for (const f of m.paxlst) {
    messages.push({ bytes: Buffer.from(f.text, 'utf8'), pnr: false });
    travellers += f.travellers;
  }
}
let parsed = 0;
const parseAll = () => {
  for (const m of messages) parsed += m.pnr ? parsePnrgov(m.bytes).messages.length : parsePaxlst(m.bytes).lists.length;
};
parseAll();
parseAll();
parentPort!.postMessage({ ready: true, travellers, messages: messages.length });
parentPort!.on('message', (message: string) => {
  if (message !== 'go') return;
  const start = performance.timeOrigin + performance.now();
  parseAll();
  const end = performance.timeOrigin + performance.now();
  parentPort!.postMessage({ start, end, parsed });
});
