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
    returning id, message_id`;
}

/** Inserts alerts; returns how many were new (an alert raised before is not raised again). */
export async function insertAlerts(db: Kysely<Database>, alerts: readonly NewAlert[]): Promise<number> {
  if (alerts.length === 0) return 0;
  const result = await insertStatement(alerts).execute(db);
  return result.rows.length;
}

/**
 * Stores the alerts processed messages raised and marks those messages screened, each with the count of its new
 * alerts, in one statement: one round trip and one commit, and a message is never screened without its alerts.
 * A message screened already (processed again, or twice at once) keeps the alerts it counted: the insert skips those,
 * so it adds only new ones. Returns the count of each message's alerts by message id.
 */
export async function recordMessageAlerts(
  db: Kysely<Database>,
  messageIds: readonly string[],
  alerts: readonly NewAlert[],
): Promise<Map<string, number>> {
  if (messageIds.length === 0) return new Map();
  const now = new Date();
  const result =
    alerts.length === 0
      ? await sql<{ id: string; alerts: number }>`update messages set status = 'screened',
          alerts = case when status = 'screened' then alerts else 0 end,
          processed_at = ${now} where id = any(${[...messageIds]}::uuid[]) returning id, alerts`.execute(db)
      : await sql<{ id: string; alerts: number }>`with inserted as (${insertStatement(alerts)}),
          counts as (select message_id, count(*)::int as n from inserted group by message_id)
          update messages m set status = 'screened',
            alerts = case when m.status = 'screened' then m.alerts else 0 end + coalesce(c.n, 0), processed_at = ${now}
          from unnest(${[...messageIds]}::uuid[]) as b(id) left join counts c on c.message_id = b.id
          where m.id = b.id returning m.id, m.alerts`.execute(db);
  return new Map(result.rows.map((r) => [r.id, r.alerts]));
}

/**
 * Brings the rule alerts of these flights in line with the rule hits of each flight as it now stands (`holding`, the
 * subject keys of all of them; a rule alert's subject key names its flight): an open one no longer among them is
 * withdrawn, a withdrawn one among them again is opened. Alerts other than rule alerts, and other flights, are left
 * alone. Returns how many were withdrawn and reopened.
 */
export async function settleRuleAlerts(
  db: Kysely<Database>,
  flightIds: readonly string[],
  holding: readonly string[],
): Promise<{ withdrawn: number; reopened: number }> {
  if (flightIds.length === 0) return { withdrawn: 0, reopened: 0 };
  const result = await sql<{ status: string }>`update alerts
      set status = case when subject_key = any(${[...holding]}::text[]) then 'open' else 'withdrawn' end, updated_at = now()
    where flight_id = any(${[...flightIds]}::uuid[]) and kind = 'rule' and status in ('open', 'withdrawn')
      and (status = 'open') <> (subject_key = any(${[...holding]}::text[]))
    returning status`.execute(db);
  const withdrawn = result.rows.filter((r) => r.status === 'withdrawn').length;
  return { withdrawn, reopened: result.rows.length - withdrawn };
}

/** The subject keys of these flights' rule alerts, whatever their status (an alert raised before is not raised again). */
export async function ruleAlertKeys(db: Kysely<Database>, flightIds: readonly string[]): Promise<Set<string>> {
  if (flightIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('alerts')
    .select('subject_key')
    .where('flight_id', 'in', [...flightIds])
    .where('kind', '=', 'rule')
    .execute();
  return new Set(rows.map((r) => r.subject_key));
}

/**
 * A flight's alerts, oldest first, each hit with the owner fields of the watchlist entry it names (FlightsService.get
 * decides from them what the caller may see). A document hit names a listed document when it has no entity id (a
 * listed document's hit carries none: ingest-alerts.ts), else the listed person who holds the document. An entry
 * removed since has no owner fields; its list's owner is the one to contact.
 */
export async function alertsOfFlight(db: Db, flightId: string) {
  return db
    .selectFrom('alerts as a')
    .leftJoin('watchlist_persons as p', (join) =>
      join
        .onRef('p.key', '=', 'a.entry_key')
        .on((eb) => eb.or([eb('a.kind', '=', 'person'), eb('a.entity_id', 'is not', null)])),
    )
    .leftJoin('watchlist_documents as d', (join) =>
      join.onRef('d.key', '=', 'a.entry_key').on('a.kind', '=', 'document').on('a.entity_id', 'is', null),
    )
    .leftJoin('watchlists as w', 'w.id', 'a.list_id')
    .select([
      'a.id',
      'a.kind',
      'a.status',
      'a.severity',
      'a.traveller_id',
      'a.booking_id',
      'a.message_id',
      'a.list_id',
      'a.entity_id',
      'a.entry_key',
      'a.score',
      'a.matcher',
      'a.rule_id',
      'a.rule_version',
      'a.explanation',
      'a.created_at',
      'w.owner_country as list_owner_country',
    ])
    .select((eb) => [
      eb.fn.coalesce('p.owner_country', 'd.owner_country').as('entry_owner_country'),
      eb.fn.coalesce('p.restricted_to', 'd.restricted_to').as('entry_restricted_to'),
    ])
    .where('a.flight_id', '=', flightId)
    .orderBy('a.created_at')
    .execute();
}
