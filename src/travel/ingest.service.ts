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
import { upsertBookings, upsertFlight, upsertTravellers } from './flights.repository.js';
import {
  findMessage,
  insertMessage,
  rawMessagesOfFlight,
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

export class IngestService {
  constructor(
    private readonly db: Db,
    private readonly index: WatchlistIndex,
    private readonly rules: RulesService,
    private readonly audit: AuditService,
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
    const message = await findMessage(this.db, messageId);
    const raw = await readRawMessage(this.db, messageId);
    if (message === undefined || raw === undefined) throw new AppError('resource.not_found', `no message ${messageId}`);
    const referenceDate = todayUtc(message.receivedAt);
    let parsed: ReturnType<typeof parseAll>;
    try {
      parsed = parseAll(raw, referenceDate);
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
    let flightId: string | null = null;
    let travellers = 0;
    let bookings = 0;
    const screenedTravellers: { id: string; row: TravellerRow; flightId: string }[] = [];
    await this.db.transaction().execute(async (trx) => {
      for (const m of parsed.mapped) {
        const id = await upsertFlight(trx, message.ownerCountry, m.flight, m.status);
        flightId ??= id;
        const ids = await upsertTravellers(trx, id, messageId, m.travellers);
        await upsertBookings(trx, id, messageId, m.bookings);
        m.travellers.forEach((row, i) => {
          if (!row.removed) screenedTravellers.push({ id: ids[i]!, row, flightId: id });
        });
        travellers += m.travellers.length;
        bookings += m.bookings.length;
      }
      await updateMessage(trx, messageId, {
        status: 'parsed',
        kind,
        flightId,
        travellers,
        bookings,
        warnings: parsed.warnings.slice(0, 1000),
        error: null,
      });
    });

    const alerts = [...this.screen(message, screenedTravellers), ...(await this.runRules(message, flightId!))];
    const raised = await insertAlerts(this.db, alerts);
    await updateMessage(this.db, messageId, { status: 'screened', alerts: raised });
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
   * Runs the targeting rules over the whole flight as it now stands: every parsed message of the flight is read
   * again from its raw form (parsing is cheap), so API and PNR data that arrived separately are linked.
   */
  private async runRules(message: StoredMessage, flightId: string): Promise<NewAlert[]> {
    const lists: PaxlstList[] = [];
    const bookings: PnrgovBooking[] = [];
    for (const stored of await rawMessagesOfFlight(this.db, flightId)) {
      try {
        const parsed = parseAll(stored.raw, todayUtc(message.receivedAt));
        lists.push(...parsed.lists);
        bookings.push(...parsed.bookings);
      } catch {
        // A message that does not parse was marked failed when it arrived; it has no facts to give.
      }
    }
    const facts = buildFlightFacts(lists, bookings);
    const hits = evaluateRules(await this.rules.activeRules(message.ownerCountry), facts, {
      country: message.ownerCountry,
    });
    return hits.map((hit) => ({
      ownerCountry: message.ownerCountry,
      kind: 'rule' as const,
      severity: hit.severity,
      flightId,
      travellerId: null,
      bookingId: null,
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
