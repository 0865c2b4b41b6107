/**
 * Where the end-to-end time goes: the real `IngestService.process`, given a stage timer that sums each stage's
 * duration (the service reports its stages to it). No replica of the pipeline: what is timed is what runs.
 */
import type { Db } from '../../src/db/database.js';
import type { Services } from '../../src/services.js';
import { IngestService, type ProcessResult, type StageTimer } from '../../src/travel/ingest.service.js';

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

const timed = new WeakMap<StageClock, IngestService>();

/**
 * Processes one received message with the real pipeline, timing each stage into `clock`. One service per clock, as
 * a server has one: its cache of parsed messages carries over from message to message, as it does in production.
 */
export async function profiledProcess(
  db: Db,
  services: Services,
  messageId: string,
  clock: StageClock,
): Promise<ProcessResult> {
  let ingest = timed.get(clock);
  if (ingest === undefined) {
    ingest = new IngestService(db, services.index, services.rules, services.audit, clock);
    timed.set(clock, ingest);
  }
  return ingest.process(messageId);
}
