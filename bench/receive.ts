/**
 * Receiving alone: how many messages a second one server stores (raw bytes, audit entry, `messages.process` job, as
 * `POST /api/messages` does) when `feeds` senders push at once, with nothing processed. Every receipt takes the audit
 * chain's lock, which every server shares: this is the rate the whole deployment can take messages in at, whatever
 * processing does. Synthetic flights (`src/synth/flights.ts`), each sender pushing whole flights in order, on a
 * scratch database of the PostgreSQL server (dropped at the end). For comparison: Liberterra II's 24,000 flights in
 * five minutes are about 320 messages a second.
 * Run: `npm run bench:receive -- [--flights 100] [--feeds 1,8] [--seed 1] [--pg-url postgres://…]`
 */
import { parseArgs } from 'node:util';
import { JobQueue } from '../src/jobs/queue.js';
import { silentLogger } from '../src/logger.js';
import { DEFAULT_HIT_RATE, flightMessages } from '../src/synth/flights.js';
import { processMessageJob, queuedDispatch } from '../src/travel/process-message.job.js';
import { orderedMessages, quantile } from './ingest/run.js';
import { ingestSettings, noRequest, openBackend, operator } from './ingest/setup.js';

const { values: flags } = parseArgs({
  options: {
    flights: { type: 'string', default: '100' },
    feeds: { type: 'string', default: '1,8' },
    seed: { type: 'string', default: '1' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const flights = Number(flags.flights);
const feedCounts = flags.feeds.split(',').map(Number);
if (!Number.isInteger(flights) || flights < 1) throw new Error(`--flights: ${flags.flights}`);
if (feedCounts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--feeds: ${flags.feeds}`);

const options = { seed: Number(flags.seed), personCount: 1000, hitRate: DEFAULT_HIT_RATE };
console.log(`| senders | messages | MB | messages/s | p50 ms | p99 ms |`);
console.log(`|---:|---:|---:|---:|---:|---:|`);
for (const feeds of feedCounts) {
  // A database of its own for each run: each run stores every message anew (no duplicates).
  const backend = await openBackend('postgres', flags['pg-url']);
  // Messages are queued as a server queues them; no worker of this process takes them.
  const jobs = await JobQueue.start(backend.store, silentLogger(), { work: false });
  try {
    await jobs.register(processMessageJob(backend.services.ingest, ...ingestSettings(backend.url)));
    const dispatch = queuedDispatch(jobs);
    const byFlight = Array.from({ length: flights }, (_, i) => {
      const generated = flightMessages(options, i);
      const country = generated.flight.destination.country;
      return orderedMessages(generated).map((m) => ({ raw: Buffer.from(m.text), country }));
    });
    const total = byFlight.reduce((n, f) => n + f.length, 0);
    const bytes = byFlight.reduce((n, f) => n + f.reduce((b, m) => b + m.raw.length, 0), 0);
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: feeds }, async () => {
        for (let f = next++; f < byFlight.length; f = next++) {
          for (const m of byFlight[f]!) {
            const t0 = performance.now();
            await backend.services.ingest.receive(operator, m.raw, noRequest, m.country, dispatch.enqueue);
            latencies.push(performance.now() - t0);
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      `| ${feeds} | ${total} | ${(bytes / 1e6).toFixed(1)} | ${Math.round(total / seconds)} | ` +
        `${quantile(latencies, 0.5).toFixed(1)} | ${quantile(latencies, 0.99).toFixed(1)} |`,
    );
  } finally {
    await jobs.stop(5000);
    await backend.close();
  }
}
