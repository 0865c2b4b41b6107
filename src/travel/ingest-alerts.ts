/**
 * The alerts processing a message raises: screening hits of its travellers against every watchlist, and targeting
 * rule hits attached to the stored traveller or booking they name. Builds alerts; storing them is the caller's.
 */
import type { NewAlert } from '../alerts/alerts.repository.js';
import { MATCHER_NAME, MATCHER_VERSION } from '../screening/engine.js';
import type { WatchlistIndex } from '../screening/watchlist-index.js';
import type { TravellerRow } from './ingest-mapping.js';
import type { RuleHit } from './rules/evaluate.js';
import { travellerNameKey, type FlightTraveller } from './travellers.repository.js';

/** A stored traveller to screen: its id, the row it was stored from, its flight, the message that named it. */
export interface TravellerToScreen {
  readonly id: string;
  readonly row: TravellerRow;
  readonly flightId: string;
  readonly message: { readonly id: string; readonly ownerCountry: string };
}

function personQuery(t: TravellerRow) {
  return {
    names: [`${t.givenNames} ${t.surname}`.trim()],
    birthDate: t.birthDate ?? undefined,
    nationality: t.nationality ?? undefined,
    gender: t.gender === 'M' ? 'male' : t.gender === 'F' ? 'female' : undefined,
    documents: t.documents.map((d) => ({ number: d.number, country: d.issuer ?? undefined })),
  };
}

/** The name key of a stored traveller (stored with it; computed for rows written before it was). */
export function nameKeyOf(t: FlightTraveller): string {
  return t.nameKey !== '' ? t.nameKey : travellerNameKey(t.surname, t.givenNames);
}

/**
 * How long screening runs before it lets the process's other work through (milliseconds). A batch's travellers take
 * a few hundred milliseconds to screen; run at one go, they held up every other transaction of the process waiting
 * for its next statement, among them the receipts holding the audit chain's lock, which every other receipt then
 * waited for (bench/ingest.ts).
 */
export const SCREEN_SLICE_MS = 4;

/** Resolves once the event loop has run the I/O callbacks waiting (setImmediate runs after them). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Screens each traveller by name, birth date and nationality, and each of their documents, against every list,
 * letting other work through every SCREEN_SLICE_MS (the alerts are the same).
 */
export async function screenTravellers(
  index: Pick<WatchlistIndex, 'listIds' | 'screenForAlerts' | 'screenDocument'>,
  travellers: readonly TravellerToScreen[],
): Promise<NewAlert[]> {
  const alerts: NewAlert[] = [];
  const lists = index.listIds();
  const matcher = `${MATCHER_NAME}@${MATCHER_VERSION}`;
  let slice = performance.now();
  for (const { id, row, flightId, message } of travellers) {
    if (performance.now() - slice >= SCREEN_SLICE_MS) {
      await nextTurn();
      slice = performance.now();
    }
    const query = personQuery(row);
    for (const list of lists) {
      for (const hit of index.screenForAlerts(list, query, 3)) {
        alerts.push({
          ownerCountry: message.ownerCountry,
          kind: 'person',
          severity: hit.score >= 0.9 ? 'high' : 'medium',
          flightId,
          travellerId: id,
          bookingId: null,
          messageId: message.id,
          subjectKey: `${id}|${list}|${hit.entityId}`,
          listId: list,
          entityId: hit.entityId,
          entryKey: hit.entryKey,
          score: hit.score,
          matcher,
          ruleId: null,
          ruleVersion: null,
          explanation: [...hit.explanation],
        });
      }
      for (const doc of row.documents) {
        for (const hit of index.screenDocument(list, { number: doc.number, country: doc.issuer ?? undefined })) {
          alerts.push({
            ownerCountry: message.ownerCountry,
            kind: 'document',
            severity: 'high',
            flightId,
            travellerId: id,
            bookingId: null,
            messageId: message.id,
            subjectKey: `${id}|${list}|${hit.entryKind}:${hit.entryKey}|${doc.number}`,
            listId: list,
            entityId: hit.entityId === '' ? null : hit.entityId,
            entryKey: hit.entryKey,
            score: hit.score,
            matcher,
            ruleId: null,
            ruleVersion: null,
            explanation: [{ feature: 'document', query: doc.number, candidate: hit.number, how: hit.how }],
          });
        }
      }
    }
  }
  return alerts;
}

/** Traveller ids by name key: the passenger-list copy wins over the PNR copy of the same person. */
export function travellerIdsByName(travellers: readonly FlightTraveller[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const t of travellers) {
    const key = nameKeyOf(t);
    if (t.source === 'api' || !ids.has(key)) ids.set(key, t.id);
  }
  return ids;
}

/** Whether every traveller a hit names is among `travellerIds` (else the caller reads the flight's travellers again). */
export function namesKnown(hits: readonly RuleHit[], travellerIds: ReadonlyMap<string, string>): boolean {
  return hits.every(
    (h) =>
      h.subject.kind !== 'traveller' || travellerIds.has(travellerNameKey(h.subject.surname, h.subject.givenNames)),
  );
}

/** Rule hits as alerts, each attached to the stored traveller (by name) or booking (by locator) it names. */
export function ruleAlerts(
  hits: readonly RuleHit[],
  message: { readonly id: string; readonly ownerCountry: string },
  flightId: string,
  travellerIds: ReadonlyMap<string, string>,
  bookingIds: ReadonlyMap<string, string>,
): NewAlert[] {
  return hits.map((hit) => ({
    ownerCountry: message.ownerCountry,
    kind: 'rule' as const,
    severity: hit.severity,
    flightId,
    travellerId:
      hit.subject.kind === 'traveller'
        ? (travellerIds.get(travellerNameKey(hit.subject.surname, hit.subject.givenNames)) ?? null)
        : null,
    bookingId: hit.subject.kind === 'booking' ? (bookingIds.get(hit.subject.locator) ?? null) : null,
    messageId: message.id,
    subjectKey: `${flightId}|${hit.ruleId}@${hit.ruleVersion}|${JSON.stringify(hit.subject)}`,
    listId: null,
    entityId: null,
    entryKey: null,
    score: null,
    matcher: null,
    ruleId: hit.ruleId,
    ruleVersion: hit.ruleVersion,
    explanation: [{ subject: hit.subject, title: hit.title, matched: hit.matched }],
  }));
}
