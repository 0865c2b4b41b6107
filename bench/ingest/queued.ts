/**
 * End to end as a server runs it: each message is received (stored raw, audited, and queued as a `messages.process`
 * job in the same transaction, as `POST /api/messages` does) and the server's own job definition processes it on
 * pg-boss — the same worker count, batch size and code as `lodestar serve`. Messages are offered as fast as they can
 * be received by `feeds` concurrent senders (airlines and their gateways), each sending its flights' messages in
 * order (a backlog, as after a busy hour), so the wall time from the first receive to the last message processed is
 * the server's throughput.
 */
import { flightMessages } from '../../src/synth/flights.js';
import type { FlightOptions } from '../../src/synth/flights-plan.js';
import { JobQueue } from '../../src/jobs/queue.js';
import { silentLogger } from '../../src/logger.js';
import { processMessageJob, queuedDispatch } from '../../src/travel/process-message.job.js';
import { orderedMessages, quantile, type EndToEnd } from './run.js';
import { ingestSettings, noRequest, operator, type Backend } from './setup.js';
import { sql } from 'kysely';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Queued extends EndToEnd {
  /** Workers of each process (LODESTAR_INGEST_CONCURRENCY, else the server's default for this backend). */
  readonly concurrency: number;
  /** Server processes sharing the queue: this one and `servers - 1` more (bench/ingest/server-process.ts). */
  readonly servers: number;
  /** Most messages a worker takes at once (LODESTAR_INGEST_BATCH, else the server's default). */
  readonly batch: number;
  /** Whether travellers were screened on the screening thread (LODESTAR_SCREENING_THREAD, else the default). */
  readonly screeningThread: boolean;
  /** Concurrent senders, each pushing whole flights, message after message. */
  readonly feeds: number;
  /** Person alerts against what the generator planted (see personAlertsOf). */
  readonly personAlerts: PersonAlerts;
}

/**
 * Person alerts told apart by the generator's answer key: an alert is true when its traveller is a passenger planted
 * from the listed person it names (same surname, given names and birth date as the passenger list carries them).
 */
export interface PersonAlerts {
  /** Passengers planted from listed persons. */
  readonly planted: number;
  /** Of them, those with a true alert. */
  readonly plantedFound: number;
  readonly true: number;
  readonly false: number;
  /** Travellers with at least one false person alert. */
  readonly travellersFalselyAlerted: number;
}

/** The planted passengers of generated flights: their identity as listed, with the listed persons they are. */
function plantedOf(flights: readonly ReturnType<typeof flightMessages>[]): Map<string, ReadonlySet<string>> {
  const planted = new Map<string, ReadonlySet<string>>();
  for (const { flight } of flights) {
    for (const booking of flight.bookings) {
      for (const p of booking.passengers) {
        if (p.expectedIds.length > 0)
          planted.set(identity(p.surname, p.givenNames, p.birthDate), new Set(p.expectedIds));
      }
    }
  }
  return planted;
}

const identity = (surname: string, givenNames: string, birthDate: string | null) =>
  `${surname}|${givenNames}|${birthDate ?? ''}`;

async function personAlertsOf(
  backend: Backend,
  messageIds: readonly string[],
  planted: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<PersonAlerts> {
  const { rows } = await sql<{
    traveller_id: string;
    entity_id: string | null;
    surname: string;
    given_names: string;
    birth_date: string | null;
  }>`
    select a.traveller_id, a.entity_id, t.surname, t.given_names, t.birth_date
    from alerts a join travellers t on t.id = a.traveller_id
    where a.message_id = any(${[...messageIds]}::uuid[]) and a.kind = 'person'`.execute(backend.store.db);
  let right = 0;
  const found = new Set<string>();
  const falselyAlerted = new Set<string>();
  for (const r of rows) {
    const key = identity(r.surname, r.given_names, r.birth_date);
    if (r.entity_id !== null && planted.get(key)?.has(r.entity_id) === true) {
      right++;
      found.add(key);
    } else falselyAlerted.add(r.traveller_id);
  }
  return {
    planted: planted.size,
    plantedFound: found.size,
    true: right,
    false: rows.length - right,
    travellersFalselyAlerted: falselyAlerted.size,
  };
}

/** Starts `count` more server processes on the benchmark's database; resolves once each takes jobs. */
async function startServers(url: string, count: number): Promise<ChildProcess[]> {
  const script = fileURLToPath(new URL('./server-process.ts', import.meta.url));
  const children = Array.from({ length: count }, () =>
    fork(script, [url], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve, reject) => {
          child.once('message', () => resolve());
          child.once('exit', (code) => reject(new Error(`a server process exited (${code}) before it was ready`)));
        }),
    ),
  );
  return children;
}

async function stopServers(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.send('stop');
        }),
    ),
  );
}

/**
 * Receives flights [first, first + count) and lets the job queue process them, in this process and in `servers - 1`
 * more (PostgreSQL only: the embedded database lives in this process); measures until the last is processed.
 * Whichever process ran a message, its status and `processed_at` are in the database: progress and latencies are
 * read from there.
 */
export async function runQueued(
  backend: Backend,
  options: FlightOptions,
  first: number,
  count: number,
  onMessage?: (done: number, total: number) => void,
  servers = 1,
  feeds = 1,
): Promise<Queued> {
  const { services, store } = backend;
  if (servers > 1 && backend.url === undefined) throw new Error('several server processes need a PostgreSQL server');
  const g0 = performance.now();
  const byFlight: (ReturnType<typeof orderedMessages>[number] & { raw: Buffer; country: string })[][] = [];
  const generatedFlights: ReturnType<typeof flightMessages>[] = [];
  for (let i = first; i < first + count; i++) {
    const generated = flightMessages(options, i);
    const country = generated.flight.destination.country;
    byFlight.push(orderedMessages(generated).map((m) => ({ ...m, raw: Buffer.from(m.text), country })));
    generatedFlights.push(generated);
  }
  const plantedPassengers = plantedOf(generatedFlights);
  const messages = byFlight.flat();
  const generateSeconds = (performance.now() - g0) / 1000;

  const others = servers > 1 ? await startServers(backend.url!, servers - 1) : [];
  const queue = await JobQueue.start(store, silentLogger(), { work: true, pollingIntervalSeconds: 0.5 });
  const definition = processMessageJob(services.ingest, ...ingestSettings(backend.url));
  await queue.register(definition);

  const dispatch = queuedDispatch(queue);
  const ids: string[] = [];
  const planted: string[] = [];
  const t0 = performance.now();
  let travellers = 0;
  let next = 0;
  const feed = async () => {
    for (let f = next++; f < byFlight.length; f = next++) {
      for (const m of byFlight[f]!) {
        const { message } = await services.ingest.receive(operator, m.raw, noRequest, m.country, dispatch.enqueue);
        await dispatch.committed(message.id);
        ids.push(message.id);
        if (m.planted) planted.push(message.id);
        travellers += m.travellers;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, feeds) }, feed));
  for (;;) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from messages where id = any(${ids}::uuid[]) and status in ('screened', 'failed')`.execute(
      store.db,
    );
    const done = rows[0]?.n ?? 0;
    onMessage?.(done, ids.length);
    if (done === ids.length) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const seconds = (performance.now() - t0) / 1000;
  await queue.stop(10_000);
  await stopServers(others);

  const totals = await sql<{ status: string; n: number; travellers: number; alerts: number }>`
    select status, count(*)::int as n, sum(travellers)::int as travellers, sum(alerts)::int as alerts
    from messages where id = any(${ids}::uuid[]) group by status`.execute(store.db);
  const byKind = await sql<{ kind: string; n: number }>`
    select kind, count(*)::int as n from alerts where message_id = any(${ids}::uuid[]) group by kind`.execute(store.db);
  const timings = await sql<{ id: string; ms: number }>`
    select id, extract(epoch from processed_at - received_at)::float8 * 1000 as ms
    from messages where id = any(${ids}::uuid[])`.execute(store.db);
  const plantedIds = new Set(planted);
  const latencies = timings.rows.map((r) => r.ms).sort((a, b) => a - b);
  const plantedMs = timings.rows
    .filter((r) => plantedIds.has(r.id))
    .map((r) => r.ms)
    .sort((a, b) => a - b);
  const count_ = (status: string) => totals.rows.find((r) => r.status === status);
  return {
    concurrency: definition.concurrency ?? 1,
    batch: definition.batchSize ?? 1,
    screeningThread: services.index.screensOnThread,
    servers,
    feeds,
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
    personAlerts: await personAlertsOf(backend, ids, plantedPassengers),
  };
}
