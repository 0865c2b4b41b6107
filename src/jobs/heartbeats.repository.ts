/** SQL of the server heartbeats. */
import type { Db } from '../db/database.js';
import type { HeartbeatData } from './heartbeat.job.js';

/** Records a server's heartbeat: the first one inserts it, later ones advance its time and count. */
export async function recordHeartbeat(db: Db, beat: HeartbeatData): Promise<void> {
  await db
    .insertInto('server_heartbeats')
    .values({
      server_id: beat.serverId,
      hostname: beat.hostname,
      pid: beat.pid,
      version: beat.version,
      started_at: beat.startedAt,
      beats: 1,
    })
    .onConflict((oc) =>
      oc
        .column('server_id')
        .doUpdateSet((eb) => ({ beat_at: new Date(), beats: eb('server_heartbeats.beats', '+', 1) })),
    )
    .execute();
}

/** Servers whose last heartbeat is newer than `withinSeconds`. */
export async function liveServers(db: Db, withinSeconds: number) {
  const since = new Date(Date.now() - withinSeconds * 1000);
  return db
    .selectFrom('server_heartbeats')
    .select(['server_id', 'hostname', 'pid', 'version', 'started_at', 'beat_at', 'beats'])
    .where('beat_at', '>=', since)
    .orderBy('started_at')
    .execute();
}
