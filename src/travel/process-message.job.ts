/**
 * `messages.process`: parse, store, screen and run the rules for received messages, on whichever server takes them.
 * A worker takes what is waiting, up to a batch, and processes it together (IngestService.processBatch): a backlog
 * costs a fixed number of statements per batch rather than per message, while a lone message is taken at once.
 */
import type { JobDefinition } from '../jobs/queue.js';
import type { IngestService } from './ingest.service.js';

export const processMessageJobName = 'messages.process';

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
  };
}
