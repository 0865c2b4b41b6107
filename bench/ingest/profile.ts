/**
 * Where the end-to-end time goes. `IngestService.process` is one method, so this replays its steps one by one with
 * the same exported functions (repositories, parsers, mapping, index, rules) and a clock around each stage. It is a
 * replica for measurement only: if `ingest.service.ts` changes, this must follow (compare with `process`).
 */
import type { Db } from '../../src/db/database.js';
import { insertAlerts, type NewAlert } from '../../src/alerts/alerts.repository.js';
import { MATCHER_NAME, MATCHER_VERSION } from '../../src/screening/engine.js';
import type { WatchlistIndex } from '../../src/screening/watchlist-index.js';
import { todayUtc } from '../../src/travel/dates.js';
import { parseEdifact } from '../../src/travel/edifact.js';
import { upsertBookings, upsertFlight, upsertTravellers } from '../../src/travel/flights.repository.js';
import { mapPaxlst, mapPnrgov, type TravellerRow } from '../../src/travel/ingest-mapping.js';
import {
  findMessage,
  rawMessagesOfFlight,
  readRawMessage,
  updateMessage,
} from '../../src/travel/messages.repository.js';
import { parsePaxlst, type PaxlstList } from '../../src/travel/paxlst.js';
import { parsePnrgov, type PnrgovBooking } from '../../src/travel/pnrgov.js';
import { builtinRules } from '../../src/travel/rules/builtin.js';
import { evaluateRules } from '../../src/travel/rules/evaluate.js';
import { buildFlightFacts } from '../../src/travel/rules/facts.js';

/** Milliseconds spent per stage, summed over messages. */
export type Stage =
  | 'receive'
  | 'load message'
  | 'parse'
  | 'upsert (flight, travellers, bookings)'
  | 'screen (watchlist index)'
  | 'rules: reload + re-parse flight'
  | 'rules: facts + evaluate'
  | 'insert alerts + mark screened';

export class StageClock {
  readonly ms = new Map<Stage, number>();
  /** Runs `work`, adding its duration to `stage`. */
  async time<T>(stage: Stage, work: () => Promise<T> | T): Promise<T> {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      this.ms.set(stage, (this.ms.get(stage) ?? 0) + performance.now() - t0);
    }
  }
}

function parseAll(raw: Buffer, referenceDate: string) {
  const interchange = parseEdifact(raw);
  if (interchange.messages[0]?.type === 'PAXLST') {
    const lists = parsePaxlst(interchange, { referenceDate }).lists;
    return {
      mapped: lists.map((l) => mapPaxlst(l, referenceDate)),
      lists: [...lists],
      bookings: [] as PnrgovBooking[],
    };
  }
  const messages = parsePnrgov(interchange, { referenceDate }).messages;
  const mapped = messages.flatMap((m) => mapPnrgov(m, referenceDate) ?? []);
  return { mapped, lists: [] as PaxlstList[], bookings: messages.flatMap((m) => [...m.bookings]) };
}

// As `personQuery` in ingest.service.ts.
function personQuery(t: TravellerRow) {
  return {
    names: [`${t.givenNames} ${t.surname}`.trim()],
    birthDate: t.birthDate ?? undefined,
    nationality: t.nationality ?? undefined,
    gender: t.gender === 'M' ? ('male' as const) : t.gender === 'F' ? ('female' as const) : undefined,
    documents: t.documents.map((d) => ({ number: d.number, country: d.issuer ?? undefined })),
  };
}

function alertOf(
  base: Omit<NewAlert, 'kind' | 'severity' | 'subjectKey'>,
  kind: NewAlert['kind'],
  key: string,
): NewAlert {
  return { ...base, kind, severity: 'medium', subjectKey: key };
}

/** Process one received message as `IngestService.process` does, timing each stage into `clock`. */
export async function profiledProcess(
  db: Db,
  index: WatchlistIndex,
  messageId: string,
  clock: StageClock,
): Promise<number> {
  const { message, raw } = await clock.time('load message', async () => ({
    message: (await findMessage(db, messageId))!,
    raw: (await readRawMessage(db, messageId))!,
  }));
  const referenceDate = todayUtc(message.receivedAt);
  const parsed = await clock.time('parse', () => parseAll(raw, referenceDate));
  const screened: { id: string; row: TravellerRow; flightId: string }[] = [];
  const flightId = await clock.time('upsert (flight, travellers, bookings)', () =>
    db.transaction().execute(async (trx) => {
      let first: string | undefined;
      for (const m of parsed.mapped) {
        const id = await upsertFlight(trx, message.ownerCountry, m.flight, m.status);
        first ??= id;
        const ids = await upsertTravellers(trx, id, messageId, m.travellers);
        await upsertBookings(trx, id, messageId, m.bookings);
        m.travellers.forEach((row, i) => screened.push({ id: ids[i]!, row, flightId: id }));
      }
      await updateMessage(trx, messageId, { status: 'parsed', kind: parsed.mapped[0]!.kind, flightId: first ?? null });
      return first!;
    }),
  );
  const base = { ownerCountry: message.ownerCountry, flightId, bookingId: null, messageId, score: null };
  const matcher = `${MATCHER_NAME}@${MATCHER_VERSION}`;
  const alerts = await clock.time('screen (watchlist index)', () => {
    const out: NewAlert[] = [];
    for (const { id, row } of screened) {
      for (const list of index.listIds()) {
        const common = { ...base, travellerId: id, listId: list, matcher, ruleId: null, ruleVersion: null };
        for (const hit of index.screenPerson(list, personQuery(row), { limit: 3, matchesOnly: true })) {
          const a = { ...common, entityId: hit.entityId, entryKey: hit.entryKey, explanation: [...hit.explanation] };
          out.push(alertOf(a, 'person', `${id}|${list}|${hit.entityId}`));
        }
        for (const doc of row.documents) {
          for (const hit of index.screenDocument(list, { number: doc.number, country: doc.issuer ?? undefined })) {
            const a = { ...common, entityId: null, entryKey: hit.entryKey, explanation: [] };
            out.push(alertOf(a, 'document', `${id}|${list}|${hit.entryKind}:${hit.entryKey}|${doc.number}`));
          }
        }
      }
    }
    return out;
  });
  const stored = await clock.time('rules: reload + re-parse flight', async () => {
    const lists: PaxlstList[] = [];
    const bookings: PnrgovBooking[] = [];
    for (const m of await rawMessagesOfFlight(db, flightId)) {
      const p = parseAll(m.raw, referenceDate);
      lists.push(...p.lists);
      bookings.push(...p.bookings);
    }
    return { lists, bookings };
  });
  const rules = await clock.time('rules: facts + evaluate', () => {
    const facts = buildFlightFacts(stored.lists, stored.bookings);
    return evaluateRules(builtinRules, facts, { country: message.ownerCountry }).map((hit) =>
      alertOf(
        {
          ...base,
          travellerId: null,
          listId: null,
          entityId: null,
          entryKey: null,
          matcher: null,
          ruleId: hit.ruleId,
          ruleVersion: hit.ruleVersion,
          explanation: [],
        },
        'rule',
        `${flightId}|${hit.ruleId}@${hit.ruleVersion}|${JSON.stringify(hit.subject)}`,
      ),
    );
  });
  return clock.time('insert alerts + mark screened', async () => {
    const raised = await insertAlerts(db, [...alerts, ...rules]);
    await updateMessage(db, messageId, { status: 'screened', alerts: raised });
    return raised;
  });
}
