/**
 * Where the end-to-end time goes: the real `IngestService.process`, given a stage timer that sums each stage's
 * duration (the service reports its stages to it). No replica of the pipeline: what is timed is what runs.
 */
import type { Db } from '../../src/db/database.js';
import type { Services } from '../../src/services.js';
import { IngestService, type StageTimer } from '../../src/travel/ingest.service.js';

/** Milliseconds spent per stage, summed over messages. */
export class StageClock implements StageTimer {
  readonly ms = new Map<string, number>();
  /** Runs `work`, adding its duration to `stage`. */
  async time<T>(stage: string, work: () => Promise<T> | T): Promise<T> {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      this.ms.set(stage, (this.ms.get(stage) ?? 0) + performance.now() - t0);
    }
  }
}

/** Processes one received message with the real pipeline, timing each stage into `clock`. */
export async function profiledProcess(
  db: Db,
  services: Services,
  messageId: string,
  clock: StageClock,
): Promise<number> {
  const ingest = new IngestService(db, services.index, services.rules, services.audit, clock);
  return (await ingest.process(messageId)).alerts;
}
