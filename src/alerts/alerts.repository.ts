/** SQL of alerts. */
import type { Kysely } from 'kysely';
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

/** Inserts alerts; returns how many were new (an alert raised before is not raised again). */
export async function insertAlerts(db: Kysely<Database>, alerts: readonly NewAlert[]): Promise<number> {
  if (alerts.length === 0) return 0;
  const rows = await db
    .insertInto('alerts')
    .values(
      alerts.map((a) => ({
        owner_country: a.ownerCountry,
        kind: a.kind,
        severity: a.severity,
        flight_id: a.flightId,
        traveller_id: a.travellerId,
        booking_id: a.bookingId,
        message_id: a.messageId,
        subject_key: a.subjectKey,
        list_id: a.listId,
        entity_id: a.entityId,
        entry_key: a.entryKey,
        score: a.score,
        matcher: a.matcher,
        rule_id: a.ruleId,
        rule_version: a.ruleVersion,
        explanation: JSON.stringify(a.explanation),
      })),
    )
    .onConflict((oc) => oc.constraint('alerts_subject_key').doNothing())
    .returning('id')
    .execute();
  return rows.length;
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
