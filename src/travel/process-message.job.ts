/** `messages.process`: parse, store, screen and run the rules for one received message, on whichever server takes it. */
import type { JobDefinition } from '../jobs/queue.js';
import type { IngestService } from './ingest.service.js';

export const processMessageJobName = 'messages.process';

/** The job, run by `concurrency` workers of each process (LODESTAR_INGEST_CONCURRENCY). */
export function processMessageJob(ingest: IngestService, concurrency: number): JobDefinition<{ messageId: string }> {
  return {
    name: processMessageJobName,
    retryLimit: 3,
    retryDelaySeconds: 5,
    retryBackoff: true,
    expireInSeconds: 600,
    // One job per worker, several workers: a batch is run in order, so a worker holding four jobs would keep them
    // from the others.
    batchSize: 1,
    concurrency,
    async run(data) {
      await ingest.process(data.messageId);
    },
  };
}
