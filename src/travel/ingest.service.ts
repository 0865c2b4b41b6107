/**
 * Passenger-data ingestion. `receive` stores a message raw (exact bytes) before anything else — a message is never
 * lost, and the same content twice is recognised and not applied twice. `process` parses it, upserts the flight,
 * travellers and bookings, screens every traveller against the watchlists, runs the targeting rules over the whole
 * flight and raises alerts; a message that cannot be parsed is kept, marked failed, with an error that says where.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { AuditService, RequestContext } from '../access/audit.service.js';
import { canAdminister, type Principal } from '../access/policy.js';
import type { WatchlistIndex } from '../screening/watchlist-index.js';
import type { RulesService } from './rules.service.js';
import { MATCHER_NAME, MATCHER_VERSION } from '../screening/engine.js';
import { insertAlerts, type NewAlert } from '../alerts/alerts.repository.js';
import { EdifactParseError } from './edifact-errors.js';
import { parseEdifact } from './edifact.js';
import { todayUtc } from './dates.js';
import { mapPaxlst, mapPnrgov, type MappedMessage, type TravellerRow } from './ingest-mapping.js';
import { parsePaxlst } from './paxlst.js';
import { parsePnrgov } from './pnrgov.js';
import {
  bookingIdsOfFlight,
  linkPnrTravellers,
  travellerNameKey,
  subjectsOfFlight,
  upsertBookings,
  upsertFlight,
  upsertTravellers,
} from './flights.repository.js';
import {
  findMessage,
  insertMessage,
  messagesOfFlight,
  readRawMessage,
  updateMessage,
  type StoredMessage,
} from './messages.repository.js';
import { evaluateRules } from './rules/evaluate.js';
import { buildFlightFacts } from './rules/facts.js';
import type { PaxlstList } from './paxlst.types.js';
import type { PnrgovBooking } from './pnrgov.types.js';

/** The largest message accepted (a 50 MB PAXLST is within it). */
export const maxMessageBytes = 64 * 1024 * 1024;

export interface ProcessResult {
  readonly status: 'screened' | 'failed';
  readonly flightId: string | null;
  readonly travellers: number;
  readonly bookings: number;
  readonly alerts: number;
}

/** A parse error as stored on the message and shown to its sender: what, where, what was expected. */
export function describeParseError(error: EdifactParseError): Record<string, unknown> {
  return {
    code: error.code,
    message: error.message,
    segment: error.segment,
    tag: error.tag,
    offset: error.offset,
    expected: error.expected,
    found: error.found,
  };
}

function parseAll(
  raw: Buffer,
  referenceDate: string,
): { mapped: MappedMessage[]; lists: PaxlstList[]; bookings: PnrgovBooking[]; warnings: unknown[] } {
  const interchange = parseEdifact(raw);
  const type = interchange.messages[0]?.type;
  const warnings: unknown[] = [...interchange.warnings];
  if (type === 'PAXLST') {
    const parsed = parsePaxlst(interchange, { referenceDate });
    warnings.push(...parsed.warnings, ...parsed.lists.flatMap((l) => l.warnings));
    return {
      mapped: parsed.lists.map((l) => mapPaxlst(l, referenceDate)),
      lists: [...parsed.lists],
      bookings: [],
      warnings,
    };
  }
  if (type === 'PNRGOV') {
    const parsed = parsePnrgov(interchange, { referenceDate });
    warnings.push(...parsed.warnings, ...parsed.messages.flatMap((m) => m.warnings));
    const mapped = parsed.messages.flatMap((m) => {
      const one = mapPnrgov(m, referenceDate);
      return one === undefined ? [] : [one];
    });
    return { mapped, lists: [], bookings: parsed.messages.flatMap((m) => [...m.bookings]), warnings };
  }
  throw new EdifactParseError('edifact.wrong_message_type', {
    segment: 1,
    tag: 'UNH',
    offset: 0,
    expected: 'a PAXLST or PNRGOV message',
    found: type ?? 'no message',
  });
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

type ParsedMessage = ReturnType<typeof parseAll>;

/** Where processing spends its time: `process` reports each stage's duration here when given one (benchmarks). */
export interface StageTimer {
  time<T>(stage: string, work: () => Promise<T> | T): Promise<T>;
}

const untimed: StageTimer = { time: async (_stage, work) => work() };

/** Parsed messages by id, newest kept: the rules of a flight need all its messages, parsed once, not once each. */
class ParsedCache {
  private readonly entries = new Map<string, ParsedMessage>();
  constructor(private readonly capacity: number) {}
  get(id: string): ParsedMessage | undefined {
    return this.entries.get(id);
  }
  set(id: string, parsed: ParsedMessage): void {
    this.entries.delete(id);
    this.entries.set(id, parsed);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

async function apiNamesOfFlight(db: Db, flightId: string): Promise<Set<string>> {
  const travellers = await subjectsOfFlight(db, flightId);
  return new Set(travellers.filter((t) => t.source === 'api').map((t) => travellerNameKey(t.surname, t.givenNames)));
}

export class IngestService {
  private readonly parsedCache = new ParsedCache(2000);

  constructor(
    private readonly db: Db,
    private readonly index: WatchlistIndex,
    private readonly rules: RulesService,
    private readonly audit: AuditService,
    private readonly timer: StageTimer = untimed,
  ) {}

  /** Stores a raw message for the principal's country; a duplicate returns the stored one. */
  async receive(
    principal: Principal,
    raw: Buffer,
    context: RequestContext,
    ownerCountry?: string,
  ): Promise<{ message: StoredMessage; duplicate: boolean }> {
    if (raw.length === 0)
      throw new AppError('request.invalid', 'the message is empty', { location: { field: 'body' } });
    if (raw.length > maxMessageBytes)
      throw new AppError('request.too_large', `the message is larger than ${maxMessageBytes} bytes`);
    const country = ownerCountry ?? principal.country;
    if (country === undefined)
      throw new AppError('request.invalid', 'the receiving country is needed', { location: { field: 'country' } });
    if (!canAdminister(principal, country))
      throw new AppError('auth.forbidden', `messages are received for ${principal.country ?? '?'} only`);
    const contentHash = createHash('sha256').update(raw).digest('hex');
    const result = await insertMessage(this.db, {
      receivedBy: principal.name,
      ownerCountry: country,
      contentHash,
      raw,
    });
    await this.audit.record(
      principal,
      {
        action: 'message.receive',
        subject: { type: 'message', id: result.message.id, country },
        details: { size: raw.length, duplicate: result.duplicate },
      },
      context,
    );
    return result;
  }

  /** Parses, stores, screens and runs the rules for one received message. Safe to run twice. */
  async process(messageId: string): Promise<ProcessResult> {
    const t = this.timer;
    const { message, raw } = await t.time('load message', async () => ({
      message: await findMessage(this.db, messageId),
      raw: await readRawMessage(this.db, messageId),
    }));
    if (message === undefined || raw === undefined) throw new AppError('resource.not_found', `no message ${messageId}`);
    const referenceDate = todayUtc(message.receivedAt);
    let parsed: ParsedMessage;
    try {
      parsed = await t.time('parse', () => parseAll(raw, referenceDate));
    } catch (error) {
      if (!(error instanceof EdifactParseError)) throw error;
      await updateMessage(this.db, messageId, { status: 'failed', error: describeParseError(error) });
      return { status: 'failed', flightId: null, travellers: 0, bookings: 0, alerts: 0 };
    }
    if (parsed.mapped.length === 0) {
      await updateMessage(this.db, messageId, {
        status: 'failed',
        error: { code: 'message.no_flight', message: 'the message names no flight' },
        warnings: parsed.warnings,
      });
      return { status: 'failed', flightId: null, travellers: 0, bookings: 0, alerts: 0 };
    }
    const kind = parsed.mapped[0]!.kind;
    let travellers = 0;
    let bookings = 0;
    const screenedTravellers: { id: string; row: TravellerRow; flightId: string }[] = [];
    const flightId = await t.time('upsert (flight, travellers, bookings)', () =>
      this.db.transaction().execute(async (trx) => {
        let first: string | undefined;
        for (const m of parsed.mapped) {
          const id = await upsertFlight(trx, message.ownerCountry, m.flight, m.status);
          first ??= id;
          const ids = await upsertTravellers(trx, id, messageId, m.travellers);
          await upsertBookings(trx, id, messageId, m.bookings);
          m.travellers.forEach((row, i) => {
            if (!row.removed) screenedTravellers.push({ id: ids[i]!, row, flightId: id });
          });
          travellers += m.travellers.length;
          bookings += m.bookings.length;
        }
        if (first !== undefined) await linkPnrTravellers(trx, first);
        await updateMessage(trx, messageId, {
          status: 'parsed',
          kind,
          flightId: first ?? null,
          travellers,
          bookings,
          warnings: parsed.warnings.slice(0, 1000),
          error: null,
        });
        return first!;
      }),
    );

    const personAlerts = await t.time('screen (watchlist index)', async () => {
      // A traveller on the flight's passenger list is screened from it; their PNR copy need not be screened again.
      const listed = kind === 'pnrgov' ? await apiNamesOfFlight(this.db, flightId) : new Set<string>();
      const toScreen = screenedTravellers.filter(
        (x) => x.row.source === 'api' || !listed.has(travellerNameKey(x.row.surname, x.row.givenNames)),
      );
      return this.screen(message, toScreen);
    });
    const ruleAlerts = await this.runRules(message, flightId, parsed);
    const raised = await t.time('insert alerts + mark screened', async () => {
      const count = await insertAlerts(this.db, [...personAlerts, ...ruleAlerts]);
      await updateMessage(this.db, messageId, { status: 'screened', alerts: count });
      return count;
    });
    return { status: 'screened', flightId, travellers, bookings, alerts: raised };
  }

  /** Screens each traveller by name, birth date and nationality, and each of their documents, against every list. */
  private screen(
    message: StoredMessage,
    travellers: readonly { id: string; row: TravellerRow; flightId: string }[],
  ): NewAlert[] {
    const alerts: NewAlert[] = [];
    const lists = this.index.listIds();
    const matcher = `${MATCHER_NAME}@${MATCHER_VERSION}`;
    for (const { id, row, flightId } of travellers) {
      const query = personQuery(row);
      for (const list of lists) {
        for (const hit of this.index.screenPerson(list, query, { limit: 3, matchesOnly: true })) {
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
          for (const hit of this.index.screenDocument(list, { number: doc.number, country: doc.issuer ?? undefined })) {
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

  /**
   * Runs the targeting rules over the whole flight as it now stands, from all its messages (each parsed once and
   * kept in a bounded cache; read again from its raw form only when the cache has dropped it), so API and PNR data
   * that arrived separately are linked.
   */
  private async runRules(message: StoredMessage, flightId: string, current: ParsedMessage): Promise<NewAlert[]> {
    const lists: PaxlstList[] = [];
    const bookings: PnrgovBooking[] = [];
    this.parsedCache.set(message.id, current);
    const t = this.timer;
    await t.time('rules: gather the flight', async () => {
      for (const stored of await messagesOfFlight(this.db, flightId)) {
        let parsed = this.parsedCache.get(stored.id);
        if (parsed === undefined) {
          try {
            parsed = parseAll(
              (await readRawMessage(this.db, stored.id)) ?? Buffer.alloc(0),
              todayUtc(message.receivedAt),
            );
            this.parsedCache.set(stored.id, parsed);
          } catch {
            // A message that does not parse was marked failed when it arrived; it has no facts to give.
            continue;
          }
        }
        lists.push(...parsed.lists);
        bookings.push(...parsed.bookings);
      }
    });
    const rules = await this.rules.activeRules(message.ownerCountry);
    const hits = await t.time('rules: facts + evaluate', () =>
      evaluateRules(rules, buildFlightFacts(lists, bookings), { country: message.ownerCountry }),
    );
    if (hits.length === 0) return [];
    // A hit names its subject by name or locator: attach it to the stored traveller (list copy first) or booking.
    const [storedTravellers, storedBookings] = await Promise.all([
      subjectsOfFlight(this.db, flightId),
      bookingIdsOfFlight(this.db, flightId),
    ]);
    const travellerIds = new Map<string, string>();
    for (const t of storedTravellers) {
      const key = travellerNameKey(t.surname, t.givenNames);
      if (t.source === 'api' || !travellerIds.has(key)) travellerIds.set(key, t.id);
    }
    const bookingIds = new Map(storedBookings.map((b) => [b.recordLocator, b.id]));
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
}
