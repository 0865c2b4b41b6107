/**
 * Passenger-data ingestion. `receive` stores a message raw (exact bytes) before anything else — a message is never
 * lost, and the same content twice is recognised and not applied twice. `process` parses it, upserts the flight,
 * travellers and bookings, screens every traveller against the watchlists, runs the targeting rules over the whole
 * flight and raises alerts; a message that cannot be parsed is kept, marked failed, with an error that says where.
 * Several messages may be processed at once, by one server or several: the flight's row lock (taken first by the
 * upsert, and again for the rules) makes the writes of two messages of one flight follow each other, and alerts are
 * unique per subject. Rule alerts follow the flight: withdrawn when its latest messages no longer meet the rule.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { AuditService, RequestContext } from '../access/audit.service.js';
import { canAdminister, type Principal } from '../access/policy.js';
import type { WatchlistIndex } from '../screening/watchlist-index.js';
import type { RulesService } from './rules.service.js';
import { recordMessageAlerts, ruleAlertKeys, settleRuleAlerts, type NewAlert } from '../alerts/alerts.repository.js';
import { EdifactParseError } from './edifact-errors.js';
import { todayUtc } from './dates.js';
import {
  nameKeyOf,
  namesKnown,
  ruleAlerts,
  screenTravellers,
  travellerIdsByName,
  type TravellerToScreen,
} from './ingest-alerts.js';
import { parseMessage, RuleInputCache, type ParsedMessage, type RuleInput } from './ingest-parse.js';
import { flightAsItStands } from './flight-state.js';
import { bookingIdsOfFlight, lockFlight, upsertBookings, upsertFlight } from './flights.repository.js';
import {
  flightTravellers,
  linkPnrTravellers,
  travellerNameKey,
  upsertTravellers,
  type FlightTraveller,
} from './travellers.repository.js';
import {
  deferCommitFlush,
  insertMessage,
  loadMessage,
  messagesOfFlight,
  readRawMessages,
  updateMessage,
  type StoredMessage,
} from './messages.repository.js';
import { evaluateRules, type CompiledRule } from './rules/evaluate.js';
import { buildFlightFacts } from './rules/facts.js';

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

/** Where processing spends its time: `process` reports each stage's duration here when given one (benchmarks). */
export interface StageTimer {
  time<T>(stage: string, work: () => Promise<T> | T): Promise<T>;
}

const untimed: StageTimer = { time: async (_stage, work) => work() };

/** What the upsert leaves for the rest of processing. */
interface Stored {
  readonly flightId: string;
  readonly travellers: number;
  readonly bookings: number;
  /** The message's travellers that are not removed, with their stored ids. */
  readonly toScreen: readonly TravellerToScreen[];
  /** The first flight's travellers after the upsert (links, who is listed, whom a rule hit names). */
  readonly flightTravellers: readonly FlightTraveller[];
  /** Booking ids by record locator, of this message's bookings. */
  readonly bookingIds: ReadonlyMap<string, string>;
}

export class IngestService {
  private readonly ruleInputs = new RuleInputCache(2000);

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
    // The message and its audit entry are written together: one commit to wait for, and no message unaudited.
    return this.db.transaction().execute(async (trx) => {
      const result = await insertMessage(trx, { receivedBy: principal.name, ownerCountry: country, contentHash, raw });
      await this.audit.record(
        principal,
        {
          action: 'message.receive',
          subject: { type: 'message', id: result.message.id, country },
          details: { size: raw.length, duplicate: result.duplicate },
        },
        context,
        trx,
      );
      return result;
    });
  }

  /** Parses, stores, screens and runs the rules for one received message. Safe to run twice, or at once. */
  async process(messageId: string): Promise<ProcessResult> {
    const t = this.timer;
    const loaded = await t.time('load message', () => loadMessage(this.db, messageId));
    if (loaded === undefined) throw new AppError('resource.not_found', `no message ${messageId}`);
    const { message, raw } = loaded;
    let parsed: ParsedMessage;
    try {
      parsed = await t.time('parse', () => parseMessage(raw, todayUtc(message.receivedAt)));
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
    const stored = await t.time('upsert (flight, travellers, bookings)', () => this.store(message, parsed));
    const { flightId } = stored;

    const personAlerts = await t.time('screen (watchlist index)', () => {
      // A traveller on the flight's passenger list is screened from it; their PNR copy need not be screened again.
      const listed = new Set<string>();
      if (parsed.mapped[0]!.kind === 'pnrgov') {
        for (const x of stored.flightTravellers) if (x.source === 'api') listed.add(nameKeyOf(x));
      }
      const toScreen = stored.toScreen.filter(
        (x) => x.row.source === 'api' || !listed.has(travellerNameKey(x.row.surname, x.row.givenNames)),
      );
      return screenTravellers(this.index, message, toScreen);
    });
    const rules = await this.rules.activeRules(message.ownerCountry);
    // The rules read the whole flight and settle its rule alerts, so two messages of one flight take turns here
    // (the flight's row lock): whichever comes second sees what the first stored, and the flight's open rule alerts
    // always match what its latest messages say, whatever order they were processed in.
    const raised = await this.db.transaction().execute(async (trx) => {
      await t.time('rules: lock the flight', () => lockFlight(trx, flightId));
      const ruleHits = await this.runRules(trx, message, stored, parsed, rules);
      return t.time('insert alerts + mark screened', async () => {
        await settleRuleAlerts(
          trx,
          flightId,
          ruleHits.map((a) => a.subjectKey),
        );
        // The rules run over the whole flight, so most of their hits were raised by an earlier message of it: only
        // the new ones are sent (the insert would skip the others anyway, after parsing them).
        const known = await ruleAlertKeys(trx, flightId);
        const fresh = ruleHits.filter((a) => !known.has(a.subjectKey));
        return recordMessageAlerts(trx, messageId, [...personAlerts, ...fresh]);
      });
    });
    return { status: 'screened', flightId, travellers: stored.travellers, bookings: stored.bookings, alerts: raised };
  }

  /**
   * Upserts the flights, travellers and bookings of a parsed message and links PNR travellers, in one transaction
   * that ends with the message marked parsed. Flights are upserted first, in key order: the row lock each upsert
   * takes makes another message of the same flight wait here, and the same order everywhere cannot deadlock.
   */
  private store(message: StoredMessage, parsed: ParsedMessage): Promise<Stored> {
    const flightKey = (m: ParsedMessage['mapped'][number]) =>
      `${m.flight.carrier}|${m.flight.flightNumber}|${m.flight.departureDate}`;
    const order = parsed.mapped.map((m, i) => ({ m, i, key: flightKey(m) }));
    order.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
    return this.db.transaction().execute(async (trx) => {
      await deferCommitFlush(trx);
      const flightIds: string[] = [];
      for (const { m, i } of order)
        flightIds[i] = await upsertFlight(trx, message.ownerCountry, m.flight, m.status, message.receivedAt);
      const toScreen: TravellerToScreen[] = [];
      let travellers = 0;
      let bookings = 0;
      let bookingIds = new Map<string, string>();
      for (const [i, m] of parsed.mapped.entries()) {
        const flightId = flightIds[i]!;
        const ids = await upsertTravellers(trx, flightId, message, m.travellers);
        const booked = await upsertBookings(trx, flightId, message, m.bookings);
        if (flightId === flightIds[0]) bookingIds = new Map([...bookingIds, ...booked]);
        m.travellers.forEach((row, k) => {
          if (!row.removed) toScreen.push({ id: ids[k]!, row, flightId });
        });
        travellers += m.travellers.length;
        bookings += m.bookings.length;
      }
      const flightId = flightIds[0]!;
      const onFlight = await flightTravellers(trx, flightId);
      await linkPnrTravellers(trx, onFlight);
      await updateMessage(trx, message.id, {
        status: 'parsed',
        kind: parsed.mapped[0]!.kind,
        flightId,
        travellers,
        bookings,
        warnings: parsed.warnings.slice(0, 1000),
        error: null,
      });
      return { flightId, travellers, bookings, toScreen, flightTravellers: onFlight, bookingIds };
    });
  }

  /**
   * Runs the targeting rules over the whole flight as it now stands (flight-state.ts), from all its messages (each
   * parsed once and kept in a bounded cache; read again from its raw form only when the cache has dropped it or
   * another server processed it), so API and PNR data that arrived separately are linked.
   */
  private async runRules(
    trx: Db,
    message: StoredMessage,
    stored: Stored,
    current: ParsedMessage,
    rules: readonly CompiledRule[],
  ): Promise<NewAlert[]> {
    const { flightId } = stored;
    this.ruleInputs.set(message.id, current);
    const t = this.timer;
    const flight = await t.time('rules: gather the flight', async () => {
      const messages = await messagesOfFlight(trx, flightId);
      const missing = messages.filter((m) => this.ruleInputs.get(m.id) === undefined);
      const raws = await readRawMessages(
        trx,
        missing.map((m) => m.id),
      );
      for (const m of missing) {
        try {
          // Parsed as when it was processed: two-digit years placed against its own day of arrival.
          this.ruleInputs.set(m.id, parseMessage(raws.get(m.id) ?? Buffer.alloc(0), todayUtc(m.receivedAt)));
        } catch {
          // A message that does not parse was marked failed when it arrived; it has no facts to give.
        }
      }
      const inputs: RuleInput[] = [];
      for (const m of messages) {
        const input = this.ruleInputs.get(m.id);
        if (input !== undefined) inputs.push(input);
      }
      return flightAsItStands(inputs);
    });
    const hits = await t.time('rules: facts + evaluate', () =>
      evaluateRules(rules, buildFlightFacts(flight.lists, flight.bookings), { country: message.ownerCountry }),
    );
    if (hits.length === 0) return [];
    // A hit names its subject by name or locator: attach it to the stored traveller (list copy first) or booking.
    // What the upsert read is enough unless another message of the flight was stored since.
    let travellerIds = travellerIdsByName(stored.flightTravellers);
    if (!namesKnown(hits, travellerIds)) travellerIds = travellerIdsByName(await flightTravellers(trx, flightId));
    let bookingIds = stored.bookingIds;
    if (hits.some((h) => h.subject.kind === 'booking' && !bookingIds.has(h.subject.locator))) {
      bookingIds = new Map((await bookingIdsOfFlight(trx, flightId)).map((b) => [b.recordLocator, b.id]));
    }
    return ruleAlerts(hits, message, flightId, travellerIds, bookingIds);
  }
}
