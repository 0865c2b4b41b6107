/** `messages.process`: parse, store, screen and run the rules for one received message, on whichever server takes it. */
import type { JobDefinition } from '../jobs/queue.js';
import type { IngestService } from './ingest.service.js';

export const processMessageJobName = 'messages.process';

export function processMessageJob(ingest: IngestService): JobDefinition<{ messageId: string }> {
  return {
    name: processMessageJobName,
    retryLimit: 3,
    retryDelaySeconds: 5,
    retryBackoff: true,
    expireInSeconds: 600,
    batchSize: 4,
    async run(data) {
      await ingest.process(data.messageId);
    },
  };
}
