/** `messages.process`: parse, store, screen and run the rules for one received message, on whichever server takes it. */
import type { Store } from '../db/database.js';
import type { JobDefinition } from '../jobs/queue.js';
import type { IngestService } from './ingest.service.js';

export const processMessageJobName = 'messages.process';

/**
 * Messages one server process works on at once. On a PostgreSQL server one message's queries overlap another's
 * parsing, screening and rules (the server runs on other cores); the embedded database runs in this process's own
 * thread through a single session, so there nothing would overlap and messages are taken one at a time.
 */
export function processMessageConcurrency(backend: Store['kind']): number {
  return backend === 'pglite' ? 1 : 4;
}

export function processMessageJob(ingest: IngestService, backend: Store['kind']): JobDefinition<{ messageId: string }> {
  return {
    name: processMessageJobName,
    retryLimit: 3,
    retryDelaySeconds: 5,
    retryBackoff: true,
    expireInSeconds: 600,
    // One job per worker, several workers: a batch is run in order, so a worker holding four jobs would keep them
    // from the others.
    batchSize: 1,
    concurrency: processMessageConcurrency(backend),
    async run(data) {
      await ingest.process(data.messageId);
    },
  };
}
