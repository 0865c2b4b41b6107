/**
 * The alerts processing a message raises: screening hits of its travellers against every watchlist, and targeting
 * rule hits attached to the stored traveller or booking they name. Builds alerts; storing them is the caller's.
 */
import type { NewAlert } from '../alerts/alerts.repository.js';
import { MATCHER_NAME, MATCHER_VERSION } from '../screening/engine.js';
import { inSlices, type WatchlistIndex } from '../screening/watchlist-index.js';
import type { TravellerRow } from './ingest-mapping.js';
import type { RuleHit } from './rules/evaluate.js';
import type { FlightFactSet, TravellerFacts } from './rules/facts.types.js';
import { personKey } from './rules/normalise.js';
import { travellerNameKey, travellerRowKey, type FlightTraveller } from './travellers.repository.js';

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

/** Stored traveller ids by `travellerRowKey`: how a rule hit finds the row of the person it names. */
export function travellerIdsByRow(travellers: readonly FlightTraveller[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const t of travellers) ids.set(travellerRowKey(t.flightId, t.source, t.travellerKey), t.id);
  return ids;
}

/** The fact set's travellers by their key (what a hit names them by). */
export function travellersByKey(facts: FlightFactSet): Map<string, TravellerFacts> {
  return new Map(facts.travellers.map((t) => [t.key, t]));
}

/** The stored rows of a traveller of the facts, by `travellerRowKey` (none for facts built by hand). */
function rowsOf(flightId: string, t: TravellerFacts | undefined): string[] {
  const rows = t?.rowKeys;
  const out: string[] = [];
  if (rows?.api !== undefined) out.push(travellerRowKey(flightId, 'api', rows.api));
  if (rows?.pnr !== undefined) out.push(travellerRowKey(flightId, 'pnr', rows.pnr));
  return out;
}

/**
 * Whether every stored row of every traveller the hits name is among `travellerIds` (else the caller reads the
 * flight's travellers again: another batch stored more of the flight since).
 */
export function rowsKnown(
  hits: readonly RuleHit[],
  travellers: ReadonlyMap<string, TravellerFacts>,
  flightId: string,
  travellerIds: ReadonlyMap<string, string>,
): boolean {
  return hits.every(
    (h) =>
      h.subject.kind !== 'traveller' ||
      rowsOf(flightId, travellers.get(h.subject.key)).every((row) => travellerIds.has(row)),
  );
}

/**
 * What names each traveller's rule alerts across the flight's messages, by fact key: the person, not their place in
 * the messages (the fact key moves when a list names them or cancels someone before them). A person is their surname
 * and first given name as the linker compares them (`personKey`), so the PNR copy and the passenger-list copy of
 * someone are one subject before and after they are linked, whatever their birth date the PNR lacked. Namesakes on one
 * flight (a father and son) are told apart by birth date, and when even that is shared, by their place.
 */
export function travellerSubjects(travellers: readonly TravellerFacts[]): Map<string, string> {
  const byName = new Map<string, TravellerFacts[]>();
  for (const t of travellers) {
    const name = personKey(t.surname, t.givenNames);
    const same = byName.get(name);
    if (same === undefined) byName.set(name, [t]);
    else same.push(t);
  }
  // No two travellers may share a subject, or one's alert would be taken for the other's and never raised: the last
  // resort is the fact key, unique within the fact set.
  const subjects = new Map<string, string>();
  for (const [name, same] of byName) {
    for (const t of same) {
      let subject = name;
      if (same.length > 1) {
        subject = `${name}|${t.dateOfBirth ?? ''}`;
        if (same.some((o) => o !== t && o.dateOfBirth === t.dateOfBirth)) subject = `${subject}|${t.key}`;
      }
      subjects.set(t.key, subject);
    }
  }
  return subjects;
}

/** The part of a rule alert's subject key after its flight and rule: who or what the hit is about. */
function subjectOf(hit: RuleHit, subjects: () => ReadonlyMap<string, string>): string {
  const s = hit.subject;
  if (s.kind === 'traveller') return `traveller:${subjects().get(s.key) ?? s.key}`;
  // The flight is in the key already; carrier and number are the explanation's.
  if (s.kind === 'flight') return 'flight';
  // As keyed before travellers were keyed by person: a booking's alerts raised then are still recognised.
  return JSON.stringify(s);
}

/**
 * Rule hits over `facts` as alerts, each attached to the stored traveller it names (by its stored row: the
 * passenger-list copy, else the PNR copy) or the booking (by locator). The subject key names the person, booking or
 * flight; where the hit sits in the messages is kept in the explanation only.
 */
export function ruleAlerts(
  hits: readonly RuleHit[],
  facts: FlightFactSet,
  message: { readonly id: string; readonly ownerCountry: string },
  flightId: string,
  travellerIds: ReadonlyMap<string, string>,
  bookingIds: ReadonlyMap<string, string>,
  travellers: ReadonlyMap<string, TravellerFacts> = travellersByKey(facts),
): NewAlert[] {
  let subjects: Map<string, string> | undefined;
  const subjectsOnce = () => (subjects ??= travellerSubjects(facts.travellers));
  return hits.map((hit) => {
    let travellerId: string | null = null;
    if (hit.subject.kind === 'traveller') {
      for (const row of rowsOf(flightId, travellers.get(hit.subject.key))) {
        travellerId = travellerIds.get(row) ?? null;
        if (travellerId !== null) break;
      }
    }
    return {
      ownerCountry: message.ownerCountry,
      kind: 'rule' as const,
      severity: hit.severity,
      flightId,
      travellerId,
      bookingId: hit.subject.kind === 'booking' ? (bookingIds.get(hit.subject.locator) ?? null) : null,
      messageId: message.id,
      subjectKey: `${flightId}|${hit.ruleId}@${hit.ruleVersion}|${subjectOf(hit, subjectsOnce)}`,
      listId: null,
      entityId: null,
      entryKey: null,
      score: null,
      matcher: null,
      ruleId: hit.ruleId,
      ruleVersion: hit.ruleVersion,
      explanation: [{ subject: hit.subject, title: hit.title, matched: hit.matched }],
    };
  });
}
