/**
 * A copy of the server's person engines in a worker thread, so that flight travellers are screened on another core
 * while this thread stores, links and runs the rules (WatchlistIndex.screenManyForAlerts). The server's thread sends
 * every change it makes to its engines, in the order it makes them, and a screening after them: the worker reads them
 * in that order, so it screens against the engines as they stood when the screening was asked, and its answers are
 * those the server's thread would have given. The copy costs the memory of a second index (about 1.3 GB at a million
 * persons).
 *
 * Should the worker fail or stop, every screening it still owes is refused, the replica says it is no longer usable,
 * and the caller screens on its own engines from then on (it holds the same data): nothing is lost, only the speed.
 */
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.js';
import type { ReplicaAnswer, ReplicaHit, ReplicaOp } from './replica-protocol.js';
import type { PersonQuery, PersonRecord } from './types.js';

export type { ReplicaHit } from './replica-protocol.js';

interface Waiting {
  readonly resolve: (hits: readonly (readonly ReplicaHit[])[]) => void;
  readonly reject: (error: Error) => void;
}

/** The worker, from the compiled module beside this one, or from the sources through tsx when run from them. */
function spawn(): Worker {
  const here = import.meta.url;
  // Its heap may grow as large as this thread's: it holds as much.
  const resourceLimits = { maxOldGenerationSizeMb: Math.ceil(v8.getHeapStatistics().heap_size_limit / 2 ** 20) };
  if (!here.endsWith('.ts')) return new Worker(new URL('./replica-worker.js', here), { resourceLimits });
  const file = new URL('./replica-worker.ts', here).href;
  // A worker does not inherit the tsx loader: it registers it before loading the module.
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(file)}); });`;
  return new Worker(boot, { eval: true, resourceLimits });
}

export class ScreeningReplica {
  private readonly worker: Worker;
  private queue: ReplicaOp[] = [];
  private flushScheduled = false;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private failure: Error | undefined;
  private closing = false;

  constructor(private readonly logger: Logger) {
    this.worker = spawn();
    // It keeps the process alive only while a screening waits for it (see ref/unref below).
    this.worker.unref();
    this.worker.on('message', (answer: ReplicaAnswer) => this.answer(answer));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`the screening thread stopped (exit code ${code})`));
    });
  }

  /** False once the worker has failed or been closed: screen on the caller's own engines. */
  get usable(): boolean {
    return this.failure === undefined && !this.closing;
  }

  /** A list's engine, sized for its persons: before the list's first `put`. */
  addList(list: string, expected: number): void {
    this.send({ t: 'list', list, expected });
  }

  put(list: string, record: PersonRecord, entryKey: number): void {
    this.send({ t: 'put', list, record, entryKey });
  }

  remove(list: string, key: number): void {
    this.send({ t: 'remove', list, key });
  }

  compact(): void {
    this.send({ t: 'compact' });
  }

  /**
   * Screens each query for matches only against `list`, on the worker: the hits of each, best first, as
   * ScreeningEngine.screenPerson gives them with `{ threshold, limit, matchesOnly: true }`. Rejects if the worker fails
   * before it answers.
   */
  screen(
    list: string,
    threshold: number,
    limit: number,
    queries: readonly PersonQuery[],
  ): Promise<readonly (readonly ReplicaHit[])[]> {
    if (!this.usable) return Promise.reject(this.failure ?? new Error('the screening thread is closed'));
    const id = this.nextId++;
    const answered = new Promise<readonly (readonly ReplicaHit[])[]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
    });
    if (this.waiting.size === 1) this.worker.ref();
    this.queue.push({ t: 'screen', id, list, threshold, limit, queries });
    this.flush();
    return answered;
  }

  /** Stops the worker; screenings still owed are refused. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.queue = [];
    this.refuseAll(new Error('the screening thread is closed'));
    await this.worker.terminate();
  }

  private send(op: ReplicaOp): void {
    if (!this.usable) return;
    this.queue.push(op);
    // Changes go together, a message per turn of the event loop (a page of a thousand persons is one message).
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.queue.length === 0 || !this.usable) return;
    const ops = this.queue;
    this.queue = [];
    this.worker.postMessage(ops);
  }

  private answer(answer: ReplicaAnswer): void {
    const waiting = this.waiting.get(answer.id);
    if (waiting === undefined) return;
    this.waiting.delete(answer.id);
    if (this.waiting.size === 0) this.worker.unref();
    if ('error' in answer) waiting.reject(new Error(`the screening thread could not screen: ${answer.error}`));
    else waiting.resolve(answer.hits);
  }

  private fail(error: Error): void {
    if (this.failure !== undefined || this.closing) return;
    this.failure = error;
    this.queue = [];
    this.logger.error({ err: error }, 'the screening thread failed: screening on the server thread from now on');
    this.refuseAll(error);
    void this.worker.terminate();
  }

  private refuseAll(error: Error): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    this.worker.unref();
    for (const w of waiting) w.reject(error);
  }
}
