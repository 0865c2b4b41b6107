/**
 * One more server for `bench:ingest --servers N`: what `lodestar serve` runs to process messages, without HTTP. It
 * opens the benchmark's database, loads the screening index from it (as a server does at start), follows the
 * watchlist change log, and works the `messages.process` jobs with the server's own definition and worker count.
 * It tells its parent `ready` once it takes jobs, and stops when the parent says `stop`.
 * Run by bench/ingest/queued.ts: `node --import tsx bench/ingest/server-process.ts <database url>`.
 */
import { loadConfig } from '../../src/config.js';
import { openServer } from '../../src/db/database.js';
import { JobQueue } from '../../src/jobs/queue.js';
import { silentLogger } from '../../src/logger.js';
import { createServices } from '../../src/services.js';
import { processMessageJob } from '../../src/travel/process-message.job.js';
import { ingestSettings } from './setup.js';

const url = process.argv[2];
if (url === undefined || process.send === undefined) throw new Error('usage: run by bench/ingest/queued.ts');
const store = await openServer(url, 10);
const services = createServices(
  store,
  loadConfig({ LODESTAR_LOG_LEVEL: 'silent', LODESTAR_SCREENING_THREAD: process.env.LODESTAR_SCREENING_THREAD }),
);
await services.index.load();
services.index.start();
const queue = await JobQueue.start(store, silentLogger(), { work: true, pollingIntervalSeconds: 0.5 });
await queue.register(processMessageJob(services.ingest, ...ingestSettings(url)));
process.send('ready');
process.on('message', (message) => {
  if (message !== 'stop') return;
  void (async () => {
    await queue.stop(10_000);
    await services.index.close();
    await store.close();
    process.exit(0);
  })();
});
