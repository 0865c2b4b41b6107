/**
 * Processing on the job queue when it keeps failing: the message is marked failed once the job gives up, a message
 * left waiting with no job is queued again by the sweep, and the same bytes pushed again are queued again.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeEachBackend } from '../../test/database.js';
import { buildWatchlist, nldFeed } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import { JobQueue } from '../jobs/queue.js';
import { silentLogger } from '../logger.js';
import type { Services } from '../services.js';
import type { IngestService } from './ingest.service.js';
import { findMessage, type StoredMessage } from './messages.repository.js';
import { processMessageJob, processMessageJobName, queuedDispatch } from './process-message.job.js';

const noRequest = { ip: null, requestId: null };
const list = (flight: string) =>
  Buffer.from(
    readFileSync(new URL('../../test/fixtures/travel/paxlst-d05b-passengers.edi', import.meta.url), 'latin1').replace(
      /LA0417/g,
      `LA${flight}`,
    ),
    'latin1',
  );

describeEachBackend('message processing on the job queue', (database) => {
  let services: Services;
  let queue: JobQueue;
  let down = false;
  before(async () => {
    services = testServices(database());
    await buildWatchlist(services, {
      ownerCountry: 'FRA',
      persons: [{ id: 'wanted-1', name: 'Amal Haddad', birthDate: '2001-01-01', nationality: 'SYR', gender: 'female' }],
    });
    await services.index.load();
    queue = await JobQueue.start(database().store, silentLogger(), { work: true, pollingIntervalSeconds: 0.5 });
    // The real ingestion, failing as a database that is down would while `down`; one retry, one second apart.
    const real = services.ingest;
    const ingest = Object.create(real, {
      processBatch: {
        value: (ids: readonly string[]) =>
          down ? Promise.reject(new Error('connection refused')) : real.processBatch(ids),
      },
      process: {
        value: (id: string) => (down ? Promise.reject(new Error('connection refused')) : real.process(id)),
      },
    }) as IngestService;
    await queue.register({ ...processMessageJob(ingest, 1, 4), retryLimit: 1, retryDelaySeconds: 1 });
  });
  after(() => queue.stop(2000));

  async function until(id: string, done: (m: StoredMessage) => boolean): Promise<StoredMessage> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const message = await findMessage(database().db, id);
      if (message !== undefined && done(message)) return message;
      if (Date.now() > deadline) throw new Error(`message ${id} still ${message?.status ?? 'missing'}`);
      await sleep(200);
    }
  }

  it('marks a message failed once its job gives up, and processes it when the same bytes come again', async () => {
    const enqueue = queuedDispatch(queue).enqueue;
    down = true;
    const raw = list('7001');
    const { message } = await services.ingest.receive(nldFeed, raw, noRequest, undefined, enqueue);
    const failed = await until(message.id, (m) => m.status === 'failed');
    assert.deepEqual(failed.error, { code: 'processing.failed', message: 'connection refused', attempts: 2 });
    down = false;
    const again = await services.ingest.receive(nldFeed, raw, noRequest, undefined, enqueue);
    assert.equal(again.duplicate, true);
    assert.equal(again.message.status, 'received', 'queued again');
    const screened = await until(message.id, (m) => m.status === 'screened');
    assert.ok(screened.alerts > 0);
    assert.equal(screened.error, null);
  });

  it('queues a duplicate still waiting when it has no job, not when it has one', async () => {
    const enqueue = queuedDispatch(queue).enqueue!;
    // Stored with no job (as a job lost past its retries leaves it).
    const raw = list('7002');
    const { message } = await services.ingest.receive(nldFeed, raw, noRequest);
    const live = () => queue.liveWithin(database().db, processMessageJobName, 'messageId', [message.id]);
    assert.equal((await live()).size, 0);
    down = true; // its job stays pending or active for a while
    const again = await services.ingest.receive(nldFeed, raw, noRequest, undefined, enqueue);
    assert.equal(again.duplicate, true);
    assert.equal((await live()).size, 1, 'queued again');
    await services.ingest.receive(nldFeed, raw, noRequest, undefined, enqueue);
    const jobs = await database()
      .db.selectFrom('pgboss.job' as never)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('data' as never, '=', JSON.stringify({ messageId: message.id }) as never)
      .executeTakeFirstOrThrow();
    assert.equal(Number(jobs.n), 1, 'not while its job is live');
    down = false;
    await until(message.id, (m) => m.status === 'screened');
  });

  it('does not queue again a message failed by its content', async () => {
    const enqueue = queuedDispatch(queue).enqueue!;
    const raw = Buffer.from("UNA:+.? '\nUNB+UNOA:4+X:ZZ+Y:ZZ+241001:0930+1'\nUNH+1+PAXLST:D:05B:UN:IATA'\n");
    const { message } = await services.ingest.receive(nldFeed, raw, noRequest, undefined, enqueue);
    const failed = await until(message.id, (m) => m.status === 'failed');
    assert.notEqual(failed.error?.code, 'processing.failed');
    const again = await services.ingest.receive(nldFeed, raw, noRequest, undefined, enqueue);
    assert.equal(again.message.status, 'failed');
    const live = await queue.liveWithin(database().db, processMessageJobName, 'messageId', [message.id]);
    assert.equal(live.size, 0);
  });

  it('queues again the messages left received or parsed with no job (the sweep), once', async () => {
    const enqueue = queuedDispatch(queue).enqueue!;
    const { message: received } = await services.ingest.receive(nldFeed, list('7003'), noRequest);
    const { message: parsed } = await services.ingest.receive(nldFeed, list('7004'), noRequest);
    await database().db.updateTable('messages').set({ status: 'parsed' }).where('id', '=', parsed.id).execute();
    assert.equal((await services.ingest.requeueStranded(enqueue)).length, 0, 'not one just received');
    const queued = await services.ingest.requeueStranded(enqueue, 0);
    assert.deepEqual(new Set(queued), new Set([received.id, parsed.id]));
    await until(received.id, (m) => m.status === 'screened');
    await until(parsed.id, (m) => m.status === 'screened');
    assert.deepEqual(await services.ingest.requeueStranded(enqueue, 0), []);
  });
});
