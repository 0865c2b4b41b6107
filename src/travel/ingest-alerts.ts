/**
 * The alerts processing a message raises: screening hits of its travellers against every watchlist, and targeting
 * rule hits attached to the stored traveller or booking they name. Builds alerts; storing them is the caller's.
 */
import type { NewAlert } from '../alerts/alerts.repository.js';
import { MATCHER_NAME, MATCHER_VERSION } from '../screening/engine.js';
import { inSlices, type WatchlistIndex } from '../screening/watchlist-index.js';
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
 * Screens each traveller by name, birth date and nationality against every list (on the screening thread when the
 * index has one, else here in slices: WatchlistIndex.screenManyForAlerts), and each of their documents; the alerts come
 * traveller by traveller, list by list, persons before documents, whichever thread screened.
 */
export async function screenTravellers(
  index: Pick<WatchlistIndex, 'listIds' | 'screenManyForAlerts' | 'screenDocument'>,
  travellers: readonly TravellerToScreen[],
): Promise<NewAlert[]> {
  const alerts: NewAlert[] = [];
  const lists = index.listIds();
  const matcher = `${MATCHER_NAME}@${MATCHER_VERSION}`;
  const queries = travellers.map((t) => personQuery(t.row));
  const personHits = await Promise.all(lists.map((list) => index.screenManyForAlerts(list, queries, 3)));
  // Document lookups take microseconds each; a large batch still lets other work through between slices.
  await inSlices(travellers, ({ id, row, flightId, message }, i) => {
    for (let l = 0; l < lists.length; l++) {
      const list = lists[l]!;
      for (const hit of personHits[l]![i]!) {
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
  });
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
