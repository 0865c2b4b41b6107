/** SQL of alerts. */
import { sql, type Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';

export type AlertKind = 'person' | 'document' | 'rule';

export interface NewAlert {
  readonly ownerCountry: string;
  readonly kind: AlertKind;
  readonly severity: 'low' | 'medium' | 'high';
  readonly flightId: string | null;
  readonly travellerId: string | null;
  readonly bookingId: string | null;
  readonly messageId: string | null;
  /** What the alert is about, uniquely: the same cause on the same subject is one alert, however often it is seen. */
  readonly subjectKey: string;
  readonly listId: string | null;
  readonly entityId: string | null;
  readonly entryKey: number | null;
  readonly score: number | null;
  readonly matcher: string | null;
  readonly ruleId: string | null;
  readonly ruleVersion: number | null;
  readonly explanation: readonly unknown[];
}

/**
 * The insert of `alerts` as one statement, new ones only (an alert raised before is not raised
 * again). Rows go in (kind, subject) order, so two messages of a flight raising the same alerts at the same time
 * wait for each other instead of deadlocking.
 */
function insertStatement(alerts: readonly NewAlert[]) {
  const rows = [...alerts].sort((a, b) =>
    a.kind !== b.kind
      ? a.kind < b.kind
        ? -1
        : 1
      : a.subjectKey < b.subjectKey
        ? -1
        : a.subjectKey > b.subjectKey
          ? 1
          : 0,
  );
  // One JSON document read back into columns by the server (see upsertTravellers): cheaper to build than an array
  // per column, whose every element is escaped into an array literal.
  return sql`insert into alerts (owner_country, kind, severity, flight_id, traveller_id, booking_id, message_id,
      subject_key, list_id, entity_id, entry_key, score, matcher, rule_id, rule_version, explanation)
    select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as ("ownerCountry" text, "kind" text,
      "severity" text, "flightId" uuid, "travellerId" uuid, "bookingId" uuid, "messageId" uuid, "subjectKey" text,
      "listId" text, "entityId" text, "entryKey" bigint, "score" real, "matcher" text, "ruleId" text,
      "ruleVersion" integer, "explanation" jsonb)
    on conflict on constraint alerts_subject_key do nothing
    returning id`;
}

/** Inserts alerts; returns how many were new (an alert raised before is not raised again). */
export async function insertAlerts(db: Kysely<Database>, alerts: readonly NewAlert[]): Promise<number> {
  if (alerts.length === 0) return 0;
  const result = await insertStatement(alerts).execute(db);
  return result.rows.length;
}

/**
 * Stores the alerts a processed message raised and marks the message screened with the count of new ones, in one
 * statement: one round trip and one commit, and the message is never screened without its alerts.
 */
export async function recordMessageAlerts(
  db: Kysely<Database>,
  messageId: string,
  alerts: readonly NewAlert[],
): Promise<number> {
  const result =
    alerts.length === 0
      ? await sql<{ alerts: number }>`update messages set status = 'screened', alerts = 0, processed_at = ${new Date()}
          where id = ${messageId} returning alerts`.execute(db)
      : await sql<{ alerts: number }>`with inserted as (${insertStatement(alerts)})
          update messages set status = 'screened', alerts = (select count(*) from inserted), processed_at = ${new Date()}
          where id = ${messageId} returning alerts`.execute(db);
  return result.rows[0]?.alerts ?? 0;
}

/**
 * Brings a flight's rule alerts in line with the rule hits of the flight as it now stands (`holding`, their subject
 * keys): an open one no longer among them is withdrawn, a withdrawn one among them again is opened. Alerts other
 * than rule alerts, and other flights, are left alone. Returns how many were withdrawn and reopened.
 */
export async function settleRuleAlerts(
  db: Kysely<Database>,
  flightId: string,
  holding: readonly string[],
): Promise<{ withdrawn: number; reopened: number }> {
  const result = await sql<{ status: string }>`update alerts
      set status = case when subject_key = any(${holding}::text[]) then 'open' else 'withdrawn' end, updated_at = now()
    where flight_id = ${flightId} and kind = 'rule' and status in ('open', 'withdrawn')
      and (status = 'open') <> (subject_key = any(${holding}::text[]))
    returning status`.execute(db);
  const withdrawn = result.rows.filter((r) => r.status === 'withdrawn').length;
  return { withdrawn, reopened: result.rows.length - withdrawn };
}

/** The subject keys of a flight's rule alerts, whatever their status (an alert raised before is not raised again). */
export async function ruleAlertKeys(db: Kysely<Database>, flightId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('alerts')
    .select('subject_key')
    .where('flight_id', '=', flightId)
    .where('kind', '=', 'rule')
    .execute();
  return new Set(rows.map((r) => r.subject_key));
}

export async function alertsOfFlight(db: Db, flightId: string) {
  return db
    .selectFrom('alerts')
    .select([
      'id',
      'kind',
      'status',
      'severity',
      'traveller_id',
      'booking_id',
      'message_id',
      'list_id',
      'entity_id',
      'score',
      'matcher',
      'rule_id',
      'rule_version',
      'explanation',
      'created_at',
    ])
    .where('flight_id', '=', flightId)
    .orderBy('created_at')
    .execute();
}
