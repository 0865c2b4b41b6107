/**
 * The database's tables as Kysely sees them. Each feature adds its tables here when its migration adds them;
 * repositories turn these rows into domain objects at their boundary.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ServerHeartbeatTable {
  server_id: string;
  hostname: string;
  pid: number;
  version: string;
  started_at: Timestamp;
  beat_at: Timestamp;
  beats: Generated<number>;
}

export interface Database {
  server_heartbeats: ServerHeartbeatTable;
}
