/**
 * `system.heartbeat`: each server process queues one every interval; whichever process takes it records that the
 * sender is alive. `lodestar status` and `/readyz` read the table to show which servers share the database.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import { recordHeartbeat } from './heartbeats.repository.js';
import type { JobDefinition } from './queue.js';

export interface HeartbeatData {
  readonly serverId: string;
  readonly hostname: string;
  readonly pid: number;
  readonly version: string;
  readonly startedAt: string;
}

export const heartbeatJobName = 'system.heartbeat';

/** Describes this process as a heartbeat sender. */
export function thisServer(version: string): HeartbeatData {
  return {
    serverId: randomUUID(),
    hostname: os.hostname(),
    pid: process.pid,
    version,
    startedAt: new Date().toISOString(),
  };
}

export function heartbeatJob(db: Db): JobDefinition<HeartbeatData> {
  return {
    name: heartbeatJobName,
    retryLimit: 3,
    retryDelaySeconds: 5,
    expireInSeconds: 60,
    run: (data) => recordHeartbeat(db, data),
  };
}
