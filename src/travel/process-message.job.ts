/**
 * `messages.process`: parse, store, screen and run the rules for received messages, on whichever server takes them.
 * A worker takes what is waiting, up to a batch, and processes it together (IngestService.processBatch): a backlog
 * costs a fixed number of statements per batch rather than per message, while a lone message is taken at once.
 */
import type { Db } from '../db/database.js';
import type { JobDefinition, JobQueue } from '../jobs/queue.js';
import type { Enqueue, IngestService } from './ingest.service.js';

export const processMessageJobName = 'messages.process';

/** How a received message is handed to processing. */
export interface MessageDispatch {
  /**
   * Queues its processing within the transaction that stores the message (IngestService.receive), so a message is
   * never stored without the job that processes it: a server that stops between the two loses nothing.
   */
  readonly enqueue?: Enqueue;
  /** Called once the message is committed. */
  committed(messageId: string): Promise<void>;
}

/** Processing on the job queue, shared by every server (`lodestar serve`). */
export function queuedDispatch(queue: JobQueue): MessageDispatch {
  return {
    enqueue: queuedEnqueue(queue),
    committed() {
      // A worker of this process takes it now rather than at its next poll.
      queue.wake(processMessageJobName);
      return Promise.resolve();
    },
  };
}

/** Queues a message's processing on the job queue, and tells which messages have a job pending or running. */
function queuedEnqueue(queue: JobQueue): Enqueue {
  const enqueue = async (db: Db, messageId: string) => {
    await queue.sendWithin(db, processMessageJobName, { messageId });
  };
  return Object.assign(enqueue, {
    live: (db: Db, messageIds: readonly string[]) =>
      queue.liveWithin(db, processMessageJobName, 'messageId', messageIds),
  });
}

/** How often a working server looks for messages whose processing was lost (see IngestService.requeueStranded). */
export const sweepEverySeconds = 300;

/** Processing at once, in the caller (an app without a job queue: tests, one-shot use). */
export function inlineDispatch(ingest: IngestService): MessageDispatch {
  return {
    async committed(messageId) {
      await ingest.process(messageId);
    },
  };
}

/** The job, run by `concurrency` workers of each process (LODESTAR_INGEST_CONCURRENCY), `batchSize` messages each. */
export function processMessageJob(
  ingest: IngestService,
  concurrency: number,
  batchSize: number,
): JobDefinition<{ messageId: string }> {
  return {
    name: processMessageJobName,
    retryLimit: 3,
    retryDelaySeconds: 5,
    retryBackoff: true,
    expireInSeconds: 600,
    batchSize,
    concurrency,
    async run(data) {
      await ingest.process(data.messageId);
    },
    async runBatch(jobs) {
      await ingest.processBatch(jobs.map((j) => j.data.messageId));
    },
    // The last attempt failed: the message says so rather than waiting for a job that will not run again.
    async gaveUp(data, error, job) {
      await ingest.markProcessingFailed(data.messageId, error.message, job.attempt);
    },
    // A message whose job was lost (expired past its retries, or completed by no one after a crash) is queued again.
    sweep: {
      everySeconds: sweepEverySeconds,
      async run(queue) {
        const queued = await ingest.requeueStranded(queuedEnqueue(queue));
        if (queued.length > 0) queue.wake(processMessageJobName);
        return queued.length;
      },
    },
  };
}
