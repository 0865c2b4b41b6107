/**
 * The job queue: pg-boss on Lodestar's own pool, so it lives in the same PostgreSQL (embedded or server) and every
 * `lodestar serve` process sharing that database shares the work. A job taken by a process that dies is expired
 * and taken again; a job that throws is retried with its definition's policy.
 */
import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import type { Db, Store } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';

/** What a kind of job is: its name, its retry policy and the function that does it. */
export interface JobDefinition<T extends object> {
  readonly name: string;
  /** Attempts after the first one. */
  readonly retryLimit: number;
  /** Seconds before a retry (doubled each time when `retryBackoff`). */
  readonly retryDelaySeconds: number;
  readonly retryBackoff?: boolean;
  /** A job running longer than this is presumed dead and retried. */
  readonly expireInSeconds: number;
  /** How many jobs one worker takes at a time. */
  readonly batchSize?: number;
  /**
   * How many workers of this kind a process runs (default 1): each takes its own batch as soon as it is done, so up
   * to `concurrency` jobs run at once, their database waits overlapping each other's work.
   */
  readonly concurrency?: number;
  run(data: T, job: { readonly id: string; readonly attempt: number }): Promise<void>;
  /**
   * Runs several jobs taken together (up to `batchSize`) in one go, when that is cheaper than one by one. If it
   * throws, each job of the batch is run again on its own with `run`, so one bad job fails alone.
   */
  runBatch?(jobs: readonly { readonly data: T; readonly id: string; readonly attempt: number }[]): Promise<void>;
  /**
   * Called when a job's last attempt has failed, before the job is marked failed: what the job was about can be
   * marked failed too, rather than left waiting for a job that will never run again. Its own failure is logged.
   */
  gaveUp?(data: T, error: Error, job: { readonly id: string; readonly attempt: number }): Promise<void>;
  /**
   * Work that finds what should have a job of this kind and has none (a job expired past its retries, a process
   * that died before a job's completion), run by a working process once the kind is registered and then every
   * `everySeconds` until the queue stops.
   */
  readonly sweep?: {
    readonly everySeconds: number;
    /** Returns how many things it found to do again. */
    run(queue: JobQueue): Promise<number>;
  };
}

export interface JobState {
  readonly id: string;
  readonly state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  readonly retryCount: number;
  readonly output: unknown;
}

export interface QueueOptions {
  /** Whether this process takes jobs, or only sends them. */
  readonly work: boolean;
  /** How often an idle worker looks for new jobs. pg-boss's minimum is 0.5 s. */
  readonly pollingIntervalSeconds?: number;
}

export class JobQueue {
  private readonly definitions = new Map<string, JobDefinition<object>>();
  /** This process's workers of each kind, woken at once when this process queues a job of that kind. */
  private readonly workers = new Map<string, string[]>();
  /** The timers of the sweeps this process runs, cleared when it stops, and the sweeps running now. */
  private readonly sweepTimers: NodeJS.Timeout[] = [];
  private readonly sweeping = new Set<Promise<void>>();
  private stopping = false;

  private constructor(
    private readonly boss: PgBoss,
    private readonly logger: Logger,
    private readonly options: QueueOptions,
  ) {}

  /** Installs or upgrades the queue's schema (`pgboss`) if needed and starts it. */
  static async start(store: Store, logger: Logger, options: QueueOptions): Promise<JobQueue> {
    const boss = new PgBoss({
      db: { executeSql: (text, values) => store.pool.query(text, values) },
      schedule: false,
      supervise: options.work,
      maintenanceIntervalSeconds: 120,
    });
    const log = logger.child({ component: 'jobs' });
    boss.on('error', (error) => {
      log.error({ err: error }, 'job queue error');
    });
    try {
      await boss.start();
    } catch (cause) {
      throw new AppError('job.failed', `cannot start the job queue: ${(cause as Error).message}`, { cause });
    }
    return new JobQueue(boss, log, options);
  }

  /** Declares a kind of job; when this process works, it starts taking jobs of that kind. */
  async register<T extends object>(definition: JobDefinition<T>): Promise<void> {
    this.definitions.set(definition.name, definition);
    await this.boss.createQueue(definition.name, {
      name: definition.name,
      retryLimit: definition.retryLimit,
      retryDelay: definition.retryDelaySeconds,
      retryBackoff: definition.retryBackoff ?? false,
      expireInSeconds: definition.expireInSeconds,
    });
    if (!this.options.work) return;
    const handler = async (jobs: PgBoss.JobWithMetadata<T>[]) => {
      if (definition.runBatch !== undefined && jobs.length > 1) {
        try {
          await definition.runBatch(jobs.map((j) => ({ data: j.data, id: j.id, attempt: j.retryCount + 1 })));
          return;
        } catch (error) {
          this.logger.warn(
            { err: error, jobs: jobs.length, name: definition.name },
            'batch failed: running its jobs one by one',
          );
        }
      }
      // pg-boss fails the whole batch when the handler throws, so each job is run and failed on its own. It
      // completes the batch's jobs that are still active once the handler returns (a job failed here is not), so
      // completing each one here as well would only cost a second statement per job.
      for (const job of jobs) {
        try {
          await definition.run(job.data, { id: job.id, attempt: job.retryCount + 1 });
        } catch (error) {
          const attempt = job.retryCount + 1;
          this.logger.warn({ err: error, job: job.id, name: definition.name, attempt }, 'job failed');
          if (job.retryCount >= job.retryLimit && definition.gaveUp !== undefined) {
            await definition.gaveUp(job.data, error as Error, { id: job.id, attempt }).catch((cause: unknown) => {
              this.logger.error({ err: cause, job: job.id, name: definition.name }, 'job gave up: cannot record it');
            });
          }
          await this.boss.fail(definition.name, job.id, { message: (error as Error).message });
        }
      }
    };
    const ids: string[] = [];
    for (let w = 0; w < Math.max(1, definition.concurrency ?? 1); w++) {
      const options = {
        batchSize: definition.batchSize ?? 1,
        pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2,
        includeMetadata: true as const,
      };
      let id = '';
      id = await this.boss.work<T>(definition.name, options, async (jobs) => {
        await handler(jobs);
        // pg-boss waits out the polling interval after every batch; a worker that found work looks again at once,
        // so a backlog is worked through at full speed and only an idle worker polls.
        this.boss.notifyWorker(id);
      });
      ids.push(id);
    }
    this.workers.set(definition.name, ids);
    const sweep = definition.sweep;
    if (sweep !== undefined) {
      const run = () => {
        if (this.stopping || this.sweeping.size > 0) return;
        const running = sweep
          .run(this)
          .then((found) => {
            if (found > 0) this.logger.warn({ name: definition.name, found }, 'sweep: queued again what had no job');
          })
          .catch((error: unknown) => this.logger.error({ err: error, name: definition.name }, 'sweep failed'))
          .finally(() => this.sweeping.delete(running));
        this.sweeping.add(running);
      };
      run();
      const timer = setInterval(run, sweep.everySeconds * 1000);
      timer.unref();
      this.sweepTimers.push(timer);
    }
  }

  /** Queues a job of a registered kind; returns its id. */
  async send<T extends object>(name: string, data: T, options: { singletonKey?: string } = {}): Promise<string> {
    if (!this.definitions.has(name)) throw new AppError('job.failed', `no job named ${name} is registered`);
    const id = await this.boss.send(name, data, options);
    if (id === null)
      throw new AppError('job.failed', `job ${name} was not queued (a job with the same key is pending)`);
    // An idle worker of this process takes it now rather than at its next poll.
    this.wake(name);
    return id;
  }

  /**
   * Queues a job within the caller's transaction `db`: the job exists if and only if that transaction commits, so
   * what it is about and the job to process it cannot be stored one without the other. Call wake(name) once the
   * transaction has committed.
   */
  async sendWithin<T extends object>(db: Db, name: string, data: T): Promise<string> {
    if (!this.definitions.has(name)) throw new AppError('job.failed', `no job named ${name} is registered`);
    const executeSql = async (text: string, values: unknown[]) => ({
      rows: (await db.executeQuery(CompiledQuery.raw(text, values))).rows,
    });
    const id = await this.boss.send(name, data, { db: { executeSql } });
    if (id === null) throw new AppError('job.failed', `job ${name} was not queued`);
    return id;
  }

  /**
   * Which of `values` a job of kind `name` has pending or running (created, waiting for a retry, or active) for its
   * data field `field`, read within the caller's transaction `db`.
   */
  async liveWithin(db: Db, name: string, field: string, values: readonly string[]): Promise<Set<string>> {
    if (values.length === 0) return new Set();
    const result = await db.executeQuery<{ value: string }>(
      CompiledQuery.raw(
        `select distinct data->>$2 as value from pgboss.job
          where name = $1 and state in ('created', 'retry', 'active') and data->>$2 = any($3::text[])`,
        [name, field, [...values]],
      ),
    );
    return new Set(result.rows.map((r) => r.value));
  }

  /** Lets this process's idle workers of a kind take a job queued within a transaction that has now committed. */
  wake(name: string): void {
    for (const worker of this.workers.get(name) ?? []) this.boss.notifyWorker(worker);
  }

  /** The state of a job, or undefined when there is none with that id. */
  async get(name: string, id: string): Promise<JobState | undefined> {
    const job = await this.boss.getJobById(name, id, { includeArchive: true });
    if (job === null) return undefined;
    return { id: job.id, state: job.state, retryCount: job.retryCount, output: job.output };
  }

  /** Stops taking jobs, lets running ones finish (up to `timeoutMs`), then stops. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    for (const timer of this.sweepTimers) clearInterval(timer);
    await Promise.all(this.sweeping);
    await this.boss.stop({ graceful: true, wait: true, close: false, timeout: Math.max(timeoutMs, 1000) });
  }
}
