/**
 * One worker thread of the all-core measurement: builds its own full replica of the index from the seed (the
 * engine's tables hold JS strings and objects, which cannot be shared between threads), says it is ready, and on
 * "go" screens persons for a fixed time, then looks documents up for a fixed time.
 */
import v8 from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { buildIndexes, personQuery, synthQueries } from './data.js';
import { lookupQueries, lookupRate } from './lookups.js';
import { collect, mb } from './metrics.js';

export interface WorkerInput {
  readonly seed: number;
  readonly persons: number;
  readonly documents: number;
  readonly queries: number;
  readonly seconds: number;
  readonly documentSeconds: number;
}

export type WorkerMessage =
  | { readonly type: 'ready'; readonly buildSeconds: number; readonly heapMb: number; readonly externalMb: number }
  | {
      readonly type: 'done';
      readonly screenings: number;
      readonly screenSeconds: number;
      readonly lookups: number;
      readonly lookupSeconds: number;
    };

const input = workerData as WorkerInput;
const port = parentPort!;

const started = performance.now();
const { engine, sltd } = buildIndexes(input.seed, input.persons, input.documents);
const buildSeconds = (performance.now() - started) / 1000;
const queries = synthQueries(input.seed, input.queries, input.persons).map(personQuery);
const lookups = [
  ...lookupQueries(input.seed, input.documents, 'exact', 20_000),
  ...lookupQueries(input.seed, input.documents, 'ocr', 20_000),
  ...lookupQueries(input.seed, input.documents, 'unlisted', 20_000),
];
collect();
// This thread's heap (process.memoryUsage() would mix in the other threads').
const heap = v8.getHeapStatistics();
port.postMessage({
  type: 'ready',
  buildSeconds,
  heapMb: mb(heap.used_heap_size),
  externalMb: mb(heap.external_memory),
} satisfies WorkerMessage);

port.once('message', () => {
  let n = 0;
  const t0 = performance.now();
  const until = t0 + input.seconds * 1000;
  let now = t0;
  while (now < until) {
    engine.screenPerson(queries[n % queries.length]!);
    n++;
    now = performance.now();
  }
  const docs = lookupRate(sltd, engine, lookups, input.documentSeconds);
  port.postMessage({
    type: 'done',
    screenings: n,
    screenSeconds: (now - t0) / 1000,
    lookups: docs.lookups,
    lookupSeconds: docs.seconds,
  } satisfies WorkerMessage);
});
