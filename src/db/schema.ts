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

export interface UserTable {
  id: Generated<string>;
  email: string;
  name: string;
  country: string;
  roles: string[];
  password_hash: string;
  must_change_password: Generated<boolean>;
  failed_sign_ins: Generated<number>;
  locked_until: Date | null;
  disabled_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  password_changed_at: Generated<Date>;
}

export interface SessionTable {
  id: Generated<string>;
  token_hash: string;
  csrf_token: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Date;
  last_seen_at: Generated<Date>;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<string>;
  name: string;
  country: string;
  scopes: string[];
  token_hash: string;
  prefix: string;
  created_by: string;
  created_at: Generated<Date>;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  use_count: Generated<number>;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_country: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  subject_country: string | null;
  outcome: string;
  details: ColumnType<Record<string, unknown>, string, string>;
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditCheckpointTable {
  seq: number;
  hash: string;
  purged_count: number;
  created_at: Generated<Date>;
  /** The previous checkpoint's checkpoint_hash (the genesis hash for the first): checkpoints form a chain. */
  prev_hash: string;
  checkpoint_hash: string;
}

/** Heads of the chain an auditor's verify or a purge saw, kept outside the log (migration 0016). */
export interface AuditHeadTable {
  seq: number;
  hash: string;
  recorded_by: string;
  recorded_at: Generated<Date>;
}

export interface WatchlistTable {
  id: string;
  name: string;
  kind: string;
  owner_country: string;
  description: Generated<string>;
  match_threshold: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

type Json<T> = ColumnType<T, string, string>;

export interface WatchlistPersonTable {
  key: Generated<number>;
  list_id: string;
  entity_id: string;
  name: string;
  aliases: Json<{ name: string; kind: string }[]>;
  birth_dates: string[];
  nationalities: string[];
  gender: string | null;
  documents: Json<{ number: string; type: string | null; country: string | null }[]>;
  notice_type: string | null;
  owner_country: string;
  restricted_to: string[];
  reference: string | null;
  remarks: string | null;
  import_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface WatchlistDocumentTable {
  key: Generated<number>;
  list_id: string;
  entity_id: string;
  number: string;
  document_type: string | null;
  issuing_state: string | null;
  status: string;
  reported_at: ColumnType<string | null, string | null, string | null>;
  owner_country: string;
  restricted_to: string[];
  reference: string | null;
  import_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface WatchlistChangeTable {
  seq: Generated<number>;
  entry_kind: string;
  list_id: string;
  entry_key: number;
  op: string;
  at: Generated<Date>;
  /** The transaction that wrote the change (xid8, read as text): what a server's snapshot cursor compares. */
  xid: Generated<string>;
}

export interface MessageTable {
  id: Generated<string>;
  received_at: Generated<Date>;
  received_by: string;
  owner_country: string;
  content_hash: string;
  raw: Buffer;
  size: number;
  kind: string | null;
  status: string;
  error: Json<Record<string, unknown>> | null;
  warnings: Json<unknown[]>;
  flight_id: string | null;
  travellers: Generated<number>;
  bookings: Generated<number>;
  alerts: Generated<number>;
  processed_at: Date | null;
}

/** Every flight a message names (an interchange may carry several); messages.flight_id is the first of them. */
export interface MessageFlightTable {
  flight_id: string;
  message_id: string;
}

export interface FlightTable {
  id: Generated<string>;
  owner_country: string;
  carrier: string;
  flight_number: string;
  departure_date: ColumnType<string, string, string>;
  origin: string | null;
  destination: string | null;
  scheduled_departure: string | null;
  scheduled_arrival: string | null;
  status: Generated<string>;
  /** When the message that set the status was received (a later status from an older message is ignored). */
  status_received_at: Date | null;
  /** When the message that set each schedule field was received (an older message's value is ignored). */
  origin_received_at: Date | null;
  destination_received_at: Date | null;
  scheduled_departure_received_at: Date | null;
  scheduled_arrival_received_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TravellerTable {
  id: Generated<string>;
  flight_id: string;
  source: string;
  traveller_key: string;
  role: string;
  surname: string;
  given_names: string;
  birth_date: string | null;
  gender: string | null;
  nationality: string | null;
  documents: Json<
    { type: string; number: string; issuer: string | null; expiry: string | null; issued: string | null }[]
  >;
  in_transit: boolean;
  embarkation: string | null;
  debarkation: string | null;
  seat: string | null;
  record_locator: string | null;
  details: Json<Record<string, unknown>>;
  message_id: string;
  /** When that message was received: an older message processed later does not overwrite the row. */
  received_at: Date | null;
  removed: Generated<boolean>;
  name_key: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface BookingTable {
  id: Generated<string>;
  flight_id: string;
  record_locator: string;
  booked_at: string | null;
  data: Json<Record<string, unknown>>;
  message_id: string;
  /** When that message was received: an older message processed later does not overwrite the row. */
  received_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AlertTable {
  id: Generated<string>;
  owner_country: string;
  kind: string;
  /** 'open', or 'withdrawn' for a rule alert whose flight no longer meets the rule (migration 0008). */
  status: Generated<string>;
  severity: string;
  flight_id: string | null;
  traveller_id: string | null;
  booking_id: string | null;
  message_id: string | null;
  subject_key: string;
  list_id: string | null;
  entity_id: string | null;
  entry_key: number | null;
  score: number | null;
  matcher: string | null;
  rule_id: string | null;
  rule_version: number | null;
  explanation: Json<unknown[]>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RuleTable {
  id: string;
  version: number;
  definition: Json<Record<string, unknown>>;
  builtin: Generated<boolean>;
  /** The country whose rule it is (only it and the operator write new versions); null for a built-in. */
  owner_country: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface RuleCountrySettingTable {
  rule_id: string;
  country: string;
  enabled: boolean;
  updated_by: string;
  updated_at: Generated<Date>;
}

export interface Database {
  rules: RuleTable;
  rule_country_settings: RuleCountrySettingTable;
  messages: MessageTable;
  message_flights: MessageFlightTable;
  flights: FlightTable;
  travellers: TravellerTable;
  bookings: BookingTable;
  alerts: AlertTable;
  watchlists: WatchlistTable;
  watchlist_persons: WatchlistPersonTable;
  watchlist_documents: WatchlistDocumentTable;
  watchlist_changes: WatchlistChangeTable;
  server_heartbeats: ServerHeartbeatTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  audit_checkpoints: AuditCheckpointTable;
  audit_heads: AuditHeadTable;
}
