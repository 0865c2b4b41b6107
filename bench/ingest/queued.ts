/**
 * End to end as a server runs it: each message is received (stored raw, audited) and queued as a `messages.process`
 * job, and the server's own job definition processes it on pg-boss — the same worker count, batch size and code as
 * `lodestar serve`. Messages are offered as fast as they can be received (a backlog, as after a busy hour), so the
 * wall time from the first receive to the last message processed is the server's throughput.
 */
import { flightMessages } from '../../src/synth/flights.js';
import type { FlightOptions } from '../../src/synth/flights-plan.js';
import { JobQueue } from '../../src/jobs/queue.js';
import { silentLogger } from '../../src/logger.js';
import { defaultIngestConcurrency } from '../../src/config.js';
import { processMessageJob, processMessageJobName } from '../../src/travel/process-message.job.js';
import { orderedMessages, quantile, type EndToEnd } from './run.js';
import { noRequest, operator, type Backend } from './setup.js';
import { sql } from 'kysely';

export interface Queued extends EndToEnd {
  /** Messages one process works on at once (the server's default for this backend, `defaultIngestConcurrency`). */
  readonly concurrency: number;
}

/** Receives flights [first, first + count) and lets the job queue process them; measures until the last is done. */
export async function runQueued(
  backend: Backend,
  options: FlightOptions,
  first: number,
  count: number,
  onMessage?: (done: number, total: number) => void,
): Promise<Queued> {
  const { services, store } = backend;
  const g0 = performance.now();
  const messages = [];
  for (let i = first; i < first + count; i++) {
    const generated = flightMessages(options, i);
    const country = generated.flight.destination.country;
    for (const m of orderedMessages(generated)) messages.push({ ...m, raw: Buffer.from(m.text), country });
  }
  const generateSeconds = (performance.now() - g0) / 1000;

  const queue = await JobQueue.start(store, silentLogger(), { work: true, pollingIntervalSeconds: 0.5 });
  const definition = processMessageJob(services.ingest, defaultIngestConcurrency(store.kind));
  const receivedAt = new Map<string, number>();
  const planted = new Set<string>();
  const latencies: number[] = [];
  const plantedMs: number[] = [];
  let done = 0;
  let allDone: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (allDone = resolve));
  // The server's definition, counted as each job ends: what runs is exactly what `lodestar serve` registers.
  await queue.register<{ messageId: string }>({
    ...definition,
    async run(data, job) {
      await definition.run(data, job);
      const ms = performance.now() - receivedAt.get(data.messageId)!;
      latencies.push(ms);
      if (planted.has(data.messageId)) plantedMs.push(ms);
      onMessage?.(++done, messages.length);
      if (done === messages.length) allDone();
    },
  });

  const t0 = performance.now();
  let travellers = 0;
  for (const m of messages) {
    const started = performance.now();
    const { message } = await services.ingest.receive(operator, m.raw, noRequest, m.country);
    receivedAt.set(message.id, started);
    if (m.planted) planted.add(message.id);
    travellers += m.travellers;
    await queue.send(processMessageJobName, { messageId: message.id });
  }
  await finished;
  const seconds = (performance.now() - t0) / 1000;
  await queue.stop(10_000);

  const totals = await sql<{ status: string; n: number; travellers: number; alerts: number }>`
    select status, count(*)::int as n, sum(travellers)::int as travellers, sum(alerts)::int as alerts
    from messages group by status`.execute(store.db);
  const byKind = await sql<{ kind: string; n: number }>`
    select kind, count(*)::int as n from alerts group by kind`.execute(store.db);
  const count_ = (status: string) => totals.rows.find((r) => r.status === status);
  latencies.sort((a, b) => a - b);
  plantedMs.sort((a, b) => a - b);
  return {
    concurrency: definition.concurrency ?? 1,
    flights: count,
    messages: messages.length,
    travellers,
    travellerRows: count_('screened')?.travellers ?? 0,
    alerts: count_('screened')?.alerts ?? 0,
    alertsByKind: Object.fromEntries(byKind.rows.map((r) => [r.kind, r.n])),
    failed: count_('failed')?.n ?? 0,
    seconds,
    latencyMs: { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: latencies.at(-1) ?? 0 },
    plantedAlertMs: { count: plantedMs.length, p50: quantile(plantedMs, 0.5), max: plantedMs.at(-1) ?? 0 },
    generateSeconds,
  };
}
