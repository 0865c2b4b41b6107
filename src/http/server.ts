/**
 * A running Lodestar server: the store opened and migrated, the job queue started, the HTTP app listening.
 * `close()` shuts down in the safe order — stop accepting, finish in-flight requests, stop jobs, close the store —
 * so that an embedded database is always closed cleanly.
 */
import type { Config } from '../config.js';
import { openStore, type Store } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { AppError } from '../errors.js';
import { heartbeatJob, heartbeatJobName, thisServer } from '../jobs/heartbeat.job.js';
import { JobQueue } from '../jobs/queue.js';
import type { Logger } from '../logger.js';
import { version } from '../version.js';
import { buildApp, type App } from './app.js';
import { createServices } from '../services.js';
import { auditRetentionJob, auditRetentionJobName } from '../access/audit-retention.job.js';
import { processMessageJob, queuedDispatch } from '../travel/process-message.job.js';

export interface RunningServer {
  readonly app: App;
  readonly store: Store;
  readonly url: string;
  close(): Promise<void>;
}

const heartbeatIntervalMs = 30_000;
const dailyTicks = (24 * 3_600_000) / heartbeatIntervalMs;

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const log = logger.child({ component: 'server' });
  const store = await openStore(config.database);
  let queue: JobQueue | undefined;
  let app: App | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closeIndex: (() => Promise<void>) | undefined;
  const cleanup = async () => {
    if (timer !== undefined) clearInterval(timer);
    await app?.close();
    await closeIndex?.();
    await queue?.stop(config.shutdownTimeoutMs);
    await store.close();
  };
  try {
    const applied = await migrateToLatest(store.db);
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
    const started = await JobQueue.start(store, logger, { work: config.runJobs, pollingIntervalSeconds: 0.5 });
    queue = started;
    const services = createServices(store, config, logger);
    closeIndex = () => services.index.close();
    // Begun before any worker can take a message, so that processing always finds it loading or loaded.
    const loading = services.index.load();
    loading.catch(() => undefined); // awaited below; not left unhandled should a step before that fail
    await queue.register(heartbeatJob(store.db));
    await queue.register(auditRetentionJob(services.audit, config.access.auditRetentionDays));
    // Messages are taken at once; their processing waits for the screening index (IngestService.processBatch).
    await queue.register(processMessageJob(services.ingest, config.ingestConcurrency, config.ingestBatch));
    app = await buildApp({ config, store, logger, services, dispatchMessage: queuedDispatch(started) });
    // Listening while the index loads (a minute at a million persons): /readyz says "loading", screenings answer
    // 503 screening.loading until it is done, and airlines' messages are stored and queued meanwhile.
    await listen(app, config);
    log.info('listening; loading the screening index');
    const loaded = await loading;
    log.info({ ...loaded, screeningThread: services.index.screensOnThread }, 'screening index loaded');
    services.index.start();
    const beat = thisServer(version);
    let beats = 0;
    const tick = () => {
      queue?.send(heartbeatJobName, beat).catch((error: unknown) => log.warn({ err: error }, 'heartbeat not queued'));
      // Once a day (one job per day across all servers, by its singleton key), apply the audit retention period.
      if (beats++ % dailyTicks === 0) {
        const day = new Date().toISOString().slice(0, 10);
        queue?.send(auditRetentionJobName, {}, { singletonKey: day }).catch(() => undefined);
      }
    };
    tick();
    timer = setInterval(tick, heartbeatIntervalMs);
    timer.unref();
  } catch (error) {
    await cleanup().catch(() => undefined);
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log.info({ url, database: store.description, version }, 'Lodestar is listening');
  let closing: Promise<void> | undefined;
  return {
    app,
    store,
    url,
    close: () => (closing ??= cleanup()),
  };
}

async function listen(app: App, config: Config): Promise<void> {
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const where = `${config.host}:${config.port}`;
    if (code === 'EADDRINUSE') {
      throw new AppError(
        'server.listen',
        `port ${config.port} on ${config.host} is already in use — stop the other process or choose another port with --port or LODESTAR_PORT`,
        { cause },
      );
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new AppError(
        'server.listen',
        `cannot listen on ${where}: no such local address — set --host or LODESTAR_HOST to an address of this machine`,
        { cause },
      );
    }
    if (code === 'EACCES') {
      throw new AppError(
        'server.listen',
        `not allowed to listen on ${where} — choose a port above 1023 with --port or LODESTAR_PORT`,
        { cause },
      );
    }
    throw new AppError('server.listen', `cannot listen on ${where}: ${(cause as Error).message}`, { cause });
  }
}
