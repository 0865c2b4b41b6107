import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeEachBackend } from '../../test/database.js';
import { silentLogger } from '../logger.js';
import { heartbeatJob, heartbeatJobName, thisServer } from './heartbeat.job.js';
import { liveServers } from './heartbeats.repository.js';
import { JobQueue, type JobState } from './queue.js';

async function settled(queue: JobQueue, name: string, id: string): Promise<JobState> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const state = await queue.get(name, id);
    if (state !== undefined && (state.state === 'completed' || state.state === 'failed')) return state;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${state?.state ?? 'missing'} after 60 s`);
    await sleep(200);
  }
}

describeEachBackend('job queue', (database) => {
  let queue: JobQueue;
  before(async () => {
    queue = await JobQueue.start(database().store, silentLogger(), { work: true, pollingIntervalSeconds: 0.5 });
  });
  after(() => queue.stop(2000));

  it('runs the heartbeat job end to end', async () => {
    await queue.register(heartbeatJob(database().db));
    const beat = thisServer('test');
    const id = await queue.send(heartbeatJobName, beat);
    const state = await settled(queue, heartbeatJobName, id);
    assert.equal(state.state, 'completed');
    const servers = await liveServers(database().db, 60);
    assert.ok(servers.some((s) => s.server_id === beat.serverId && s.beats === 1));
  });

  it('retries a job that fails, and completes it when a later attempt succeeds', async () => {
    const attempts: number[] = [];
    await queue.register<{ failTimes: number }>({
      name: 'test.flaky',
      retryLimit: 3,
      retryDelaySeconds: 1,
      expireInSeconds: 30,
      run(data, job) {
        attempts.push(job.attempt);
        return job.attempt <= data.failTimes
          ? Promise.reject(new Error(`attempt ${job.attempt} fails`))
          : Promise.resolve();
      },
    });
    const id = await queue.send('test.flaky', { failTimes: 2 });
    const state = await settled(queue, 'test.flaky', id);
    assert.equal(state.state, 'completed');
    assert.equal(state.retryCount, 2);
    assert.deepEqual(attempts, [1, 2, 3]);
  });

  it('marks a job failed with its error once its retries are spent', async () => {
    await queue.register<object>({
      name: 'test.broken',
      retryLimit: 1,
      retryDelaySeconds: 1,
      expireInSeconds: 30,
      run: () => Promise.reject(new Error('the input is broken')),
    });
    const id = await queue.send('test.broken', {});
    const state = await settled(queue, 'test.broken', id);
    assert.equal(state.state, 'failed');
    assert.equal(state.retryCount, 1);
    assert.deepEqual(state.output, { message: 'the input is broken' });
  });

  it('tells a definition when a job gives up, with its last attempt, before marking it failed', async () => {
    const gaveUp: { data: object; message: string; attempt: number }[] = [];
    await queue.register<{ n: number }>({
      name: 'test.gives-up',
      retryLimit: 1,
      retryDelaySeconds: 1,
      expireInSeconds: 30,
      run: () => Promise.reject(new Error('still down')),
      gaveUp(data, error, job) {
        gaveUp.push({ data, message: error.message, attempt: job.attempt });
        return Promise.resolve();
      },
    });
    const id = await queue.send('test.gives-up', { n: 1 });
    assert.equal((await settled(queue, 'test.gives-up', id)).state, 'failed');
    assert.deepEqual(gaveUp, [{ data: { n: 1 }, message: 'still down', attempt: 2 }], 'once, at the last attempt');
  });

  it('runs a sweep once the kind is registered and again at its interval, and tells which jobs are live', async () => {
    let sweeps = 0;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await queue.register<{ key: string }>({
      name: 'test.swept',
      retryLimit: 0,
      retryDelaySeconds: 1,
      expireInSeconds: 30,
      run: () => held,
      sweep: {
        everySeconds: 0.3,
        run() {
          sweeps += 1;
          return Promise.resolve(0);
        },
      },
    });
    assert.equal(sweeps, 1, 'at once');
    await sleep(1000);
    assert.ok(sweeps >= 2, `again at its interval (${sweeps})`);
    const { db } = database();
    const id = await queue.send('test.swept', { key: 'a' });
    assert.deepEqual(await queue.liveWithin(db, 'test.swept', 'key', ['a', 'b']), new Set(['a']));
    release();
    await settled(queue, 'test.swept', id);
    assert.deepEqual(await queue.liveWithin(db, 'test.swept', 'key', ['a', 'b']), new Set());
  });

  it('runs up to `concurrency` jobs of a kind at once, each completed on its own', async () => {
    let active = 0;
    let most = 0;
    await queue.register<{ n: number }>({
      name: 'test.parallel',
      retryLimit: 0,
      retryDelaySeconds: 1,
      expireInSeconds: 30,
      concurrency: 3,
      async run() {
        active++;
        most = Math.max(most, active);
        // Hold the job until three run together (or give up after 5 s: then `most` says how many did).
        for (let waited = 0; active < 3 && waited < 5000; waited += 20) await sleep(20);
        await sleep(20);
        active--;
      },
    });
    const ids = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => queue.send('test.parallel', { n })));
    const states = await Promise.all(ids.map((id) => settled(queue, 'test.parallel', id)));
    assert.ok(states.every((s) => s.state === 'completed'));
    assert.equal(most, 3);
  });

  it('queues a job within a transaction: none if it rolls back, run once it commits', async () => {
    const ran: number[] = [];
    await queue.register<{ n: number }>({
      name: 'test.within',
      retryLimit: 0,
      retryDelaySeconds: 1,
      expireInSeconds: 30,
      run(data) {
        ran.push(data.n);
        return Promise.resolve();
      },
    });
    const { db } = database();
    let rolledBack = '';
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        rolledBack = await queue.sendWithin(trx, 'test.within', { n: 1 });
        throw new Error('the caller fails after queuing');
      }),
      /the caller fails/,
    );
    assert.notEqual(rolledBack, '');
    assert.equal(await queue.get('test.within', rolledBack), undefined);
    const id = await db.transaction().execute((trx) => queue.sendWithin(trx, 'test.within', { n: 2 }));
    queue.wake('test.within');
    assert.equal((await settled(queue, 'test.within', id)).state, 'completed');
    assert.deepEqual(ran, [2]);
  });

  it('refuses a job of a kind nobody registered', async () => {
    await assert.rejects(queue.send('test.unknown', {}), /no job named test.unknown is registered/);
  });
});
