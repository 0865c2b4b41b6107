/**
 * Passenger-data ingestion. `receive` stores a message raw (exact bytes) before anything else — a message is never
 * lost, and the same content twice is recognised and not applied twice. `processBatch` takes several received
 * messages at once (what the job queue has waiting): parses them, upserts their flights, travellers and bookings,
 * screens every traveller against the watchlists, runs the targeting rules once over each flight they touch and
 * raises alerts — a fixed number of statements for the whole batch, not per message. A message that cannot be parsed
 * is kept, marked failed, with an error that says where. Batches may be processed at once, by one server or several:
 * the flights' row locks (taken in one order by the upsert, and again for the rules) make the writes of two batches
 * touching one flight follow each other, and alerts are unique per subject. Rule alerts follow the flight: withdrawn
 * when its latest messages no longer meet the rule.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { AuditedBatch, AuditService, RequestContext } from '../access/audit.service.js';
import { canAdminister, type Principal } from '../access/policy.js';
import type { WatchlistIndex } from '../screening/watchlist-index.js';
import type { RulesService } from './rules.service.js';
import { recordMessageAlerts, ruleAlertKeys, settleRuleAlerts, type NewAlert } from '../alerts/alerts.repository.js';
import { EdifactParseError, type EdifactWarning } from './edifact-errors.js';
import { isPartialList, partWarnings } from './paxlst-assembly.js';
import { todayUtc } from './dates.js';
import {
  nameKeyOf,
  ruleAlerts,
  rowsKnown,
  screenTravellers,
  travellerIdsByRow,
  travellersByKey,
  type TravellerToScreen,
} from './ingest-alerts.js';
import { parseMessage, RuleInputCache, type ParsedMessage, type RuleInput, type RulePart } from './ingest-parse.js';
import { flightAsItStands } from './flight-state.js';
import {
  bookingIdsOfFlights,
  bookingRowKey,
  flightKeyOf,
  lockFlights,
  upsertBookings,
  upsertFlights,
  type BookingWrite,
} from './flights.repository.js';
import {
  flightTravellers,
  travellerNameKey,
  travellerRowKey,
  upsertTravellers,
  type FlightTraveller,
  type TravellerWrite,
} from './travellers.repository.js';
import {
  addMessageWarnings,
  deferCommitFlush,
  insertMessages,
  type NewMessage,
  loadMessages,
  awaitsProcessing,
  markMessagesParsed,
  markProcessingFailed,
  markReceivedAgain,
  waitingMessages,
  messagesOfFlights,
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

/** Where processing spends its time: `processBatch` reports each stage's duration here when given one (benchmarks). */
export interface StageTimer {
  time<T>(stage: string, work: () => Promise<T> | T): Promise<T>;
}

const untimed: StageTimer = { time: async (_stage, work) => work() };

/** Queues the processing of a message within the transaction that stores (or re-queues) it (see MessageDispatch). */
export interface Enqueue {
  (db: Db, messageId: string): Promise<void>;
  /**
   * Which of these messages have a processing job pending or running. Without it, a duplicate of a message still
   * waiting is presumed to have its job and is not queued again.
   */
  readonly live?: (db: Db, messageIds: readonly string[]) => Promise<Set<string>>;
}

/** A message received, to store: as it came, and how to queue its processing (in the same transaction). */
interface Receipt extends NewMessage {
  readonly enqueue: Enqueue | undefined;
}

/** A received message as stored: its row, and whether the same content was stored already. */
interface Received {
  readonly message: StoredMessage;
  readonly duplicate: boolean;
}

/** A message of the batch that parsed, with what it names. */
interface Parsed {
  readonly message: StoredMessage;
  readonly parsed: ParsedMessage;
}

/** What the upsert leaves for the rest of processing. */
interface Stored {
  /** Flight ids by `flightKeyOf`. */
  readonly flightIds: ReadonlyMap<string, string>;
  /** Booking ids by `bookingRowKey`, of the batch's bookings. */
  readonly bookingIds: ReadonlyMap<string, string>;
  /** The batch's travellers that are not removed, with their stored ids, each once (its newest copy). */
  readonly toScreen: readonly TravellerToScreen[];
  /** The travellers of every flight the batch touched, after the upsert (who is listed, whom a rule hit names). */
  readonly travellers: readonly FlightTraveller[];
}

const failed = (flightId: string | null = null): ProcessResult => ({
  status: 'failed',
  flightId,
  travellers: 0,
  bookings: 0,
  alerts: 0,
});

/** The result a message already processed had, as stored. */
function resultOf(message: StoredMessage): ProcessResult {
  if (message.status !== 'screened') return failed(message.flightId);
  const { flightId, travellers, bookings, alerts } = message;
  return { status: 'screened', flightId, travellers, bookings, alerts };
}

/** The advisory lock one server holds while it looks for stranded messages (requeueStranded). */
const sweepLockKey = 7_270_017;

/**
 * Queues a message received again whose processing was lost or failed (awaitsProcessing), when no job of it is
 * pending or running; one failed by processing is put back to `received`. Returns whether it was queued.
 */
async function queueAgain(trx: Db, message: StoredMessage, enqueue: Enqueue): Promise<boolean> {
  if (!awaitsProcessing(message)) return false;
  if (message.status !== 'failed') {
    if (enqueue.live === undefined || (await enqueue.live(trx, [message.id])).has(message.id)) return false;
  } else if (!(await markReceivedAgain(trx, message.id))) {
    return false;
  }
  await enqueue(trx, message.id);
  return true;
}

export class IngestService {
  private readonly ruleInputs = new RuleInputCache(2000);

  /**
   * Messages received at the same time, stored together: one statement for their rows, their jobs, their audit entries
   * (see receive).
   */
  private readonly receipts: AuditedBatch<Receipt, Received> = {
    async run(trx, items) {
      const stored = await insertMessages(trx, items);
      const queued = new Set<string>();
      for (let i = 0; i < items.length; i++) {
        const { enqueue } = items[i]!;
        if (enqueue === undefined) continue;
        const { message, duplicate } = stored[i]!;
        if (!duplicate) await enqueue(trx, message.id);
        else if (!queued.has(message.id) && (await queueAgain(trx, message, enqueue))) {
          stored[i] = { message: { ...message, status: 'received', error: null }, duplicate };
        } else continue;
        queued.add(message.id);
      }
      return stored.map((result, i) => ({
        value: result,
        facts: {
          action: 'message.receive',
          subject: { type: 'message', id: result.message.id, country: result.message.ownerCountry },
          details: { size: items[i]!.raw.length, duplicate: result.duplicate },
        },
      }));
    },
  };

  constructor(
    private readonly db: Db,
    private readonly index: WatchlistIndex,
    private readonly rules: RulesService,
    private readonly audit: AuditService,
    private readonly timer: StageTimer = untimed,
  ) {}

  /**
   * Stores a raw message for the principal's country; a duplicate returns the stored one. `enqueue` queues the
   * processing of a new message in the same transaction (see MessageDispatch): both are stored, or neither.
   */
  async receive(
    principal: Principal,
    raw: Buffer,
    context: RequestContext,
    ownerCountry?: string,
    enqueue?: Enqueue,
  ): Promise<Received> {
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
    // The message, its job and its audit entry are written together: no message unaudited, none lost. Messages
    // received at the same time share the transaction (the audit log's group commit for batched work, see receipts),
    // and their rows are inserted by one statement. Each in a transaction of its own, every receipt of every server
    // took the audit chain's lock in turn, up to its commit: eight senders got 236–250 messages a second into one
    // server, no more than one sender did; sharing transactions, 366–413; with one statement for their rows too,
    // 414–437 (without their jobs; 2 cores, PostgreSQL; `npm run bench:receive`).
    // Liberterra II's 24,000 flights in five minutes are about 320 messages a second.
    return this.audit.recordBatched(principal, context, this.receipts, {
      receivedBy: principal.name,
      ownerCountry: country,
      contentHash,
      raw,
      enqueue,
    });
  }

  /** Parses, stores, screens and runs the rules for one received message. Safe to run twice, or at once. */
  async process(messageId: string): Promise<ProcessResult> {
    const result = (await this.processBatch([messageId])).get(messageId);
    if (result === undefined) throw new AppError('resource.not_found', `no message ${messageId}`);
    return result;
  }

  /**
   * Receives and processes a message at once, without a job (`lodestar ingest`). A duplicate still waiting (a run
   * stopped before processing it) or whose processing failed is processed; one processed already is not (`result`
   * undefined). Processing that throws marks the message failed with the reason (`processing.failed`), rather than
   * leaving it waiting, and is given as a failed result with `error`.
   */
  async receiveAndProcess(
    principal: Principal,
    raw: Buffer,
    context: RequestContext,
    ownerCountry: string,
  ): Promise<Received & { readonly result: ProcessResult | undefined; readonly error?: Error }> {
    const { message, duplicate } = await this.receive(principal, raw, context, ownerCountry);
    if (duplicate && !awaitsProcessing(message)) return { message, duplicate, result: undefined };
    try {
      return { message, duplicate, result: await this.process(message.id) };
    } catch (cause) {
      const error = cause instanceof Error ? cause : new Error(String(cause));
      await this.markProcessingFailed(message.id, error.message, 1);
      return { message, duplicate, result: failed(), error };
    }
  }

  /**
   * Marks a message failed whose processing gave up (every attempt of its job failed), so that it does not wait
   * forever; the same content received again is processed again.
   */
  async markProcessingFailed(messageId: string, message: string, attempts: number): Promise<void> {
    await markProcessingFailed(this.db, messageId, { message, attempts });
  }

  /**
   * Queues again (`enqueue`) the messages left `received` or `parsed` with no processing job pending or running — a
   * job expired past its retries, or a process that died between processing and completing it — that arrived more
   * than `minAgeSeconds` ago, up to `limit`. One server at a time does it (an advisory lock; another returns at once).
   * Returns the ids queued.
   */
  async requeueStranded(enqueue: Enqueue, minAgeSeconds = 60, limit = 1000): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{
        locked: boolean;
      }>`select pg_try_advisory_xact_lock(${sweepLockKey}) as locked`.execute(trx);
      if (rows[0]?.locked !== true) return [];
      const waiting = await waitingMessages(trx, new Date(Date.now() - minAgeSeconds * 1000), limit);
      const live = enqueue.live === undefined ? new Set(waiting) : await enqueue.live(trx, waiting);
      const stranded = waiting.filter((id) => !live.has(id));
      for (const id of stranded) await enqueue(trx, id);
      return stranded;
    });
  }

  /**
   * Processes received messages together, oldest first: returns each one's result by id (a message that is not
   * stored has none). Safe to run twice, or at once with other batches: a message screened already, or failed by its
   * content, is not processed again (its stored result is given).
   */
  async processBatch(messageIds: readonly string[]): Promise<Map<string, ProcessResult>> {
    // A server starting takes messages while its screening index loads: they are screened once it has.
    await this.index.untilLoaded();
    const t = this.timer;
    const results = new Map<string, ProcessResult>();
    const loaded = await t.time('load messages', () => loadMessages(this.db, [...new Set(messageIds)]));
    const batch: Parsed[] = [];
    for (const { message, raw } of loaded) {
      if (!awaitsProcessing(message)) {
        results.set(message.id, resultOf(message));
        continue;
      }
      let parsed: ParsedMessage;
      try {
        parsed = await t.time('parse', () => parseMessage(raw, todayUtc(message.receivedAt)));
      } catch (error) {
        if (!(error instanceof EdifactParseError)) throw error;
        await updateMessage(this.db, message.id, { status: 'failed', error: describeParseError(error) });
        results.set(message.id, failed());
        continue;
      }
      if (parsed.mapped.length === 0) {
        await updateMessage(this.db, message.id, {
          status: 'failed',
          error: { code: 'message.no_flight', message: 'the message names no flight' },
          warnings: parsed.warnings,
        });
        results.set(message.id, failed());
        continue;
      }
      batch.push({ message, parsed });
    }
    if (batch.length === 0) return results;

    const stored = await t.time('upsert (flights, travellers, bookings)', () => this.store(batch));
    // Screened while the rules run: on the screening thread when the index has one, else here between their statements.
    const screening = screenTravellers(this.index, stored.toScreen);
    screening.catch(() => undefined); // awaited below; not left unhandled should the rules fail first
    // The rules run once over each flight any message of the batch names (an interchange may carry several flights).
    const flightIds = [...new Set(batch.flatMap((p) => flightsOf(p, stored.flightIds)))];
    // The rules read the whole flight and settle its rule alerts, so two batches touching one flight take turns here
    // (the flights' row locks): whichever comes second sees what the first stored, and a flight's open rule alerts
    // always match what its latest messages say, whatever order its messages were processed in.
    // Read before the transaction: on the embedded database it holds the one connection.
    const rules = new Map<string, readonly CompiledRule[]>();
    for (const p of batch) {
      const country = p.message.ownerCountry;
      if (!rules.has(country)) rules.set(country, await this.rules.activeRules(country));
    }
    const raised = await this.db.transaction().execute(async (trx) => {
      await t.time('rules: lock the flights', () => lockFlights(trx, flightIds));
      const { alerts: ruleHits, partNotes } = await this.runRules(trx, batch, stored, rules);
      return t.time('insert alerts + mark screened', async () => {
        await settleRuleAlerts(
          trx,
          flightIds,
          ruleHits.map((a) => a.subjectKey),
        );
        // The rules run over the whole flight, so most of their hits were raised by an earlier message of it: only
        // the new ones are sent (the insert would skip the others anyway, after parsing them).
        const known = await ruleAlertKeys(trx, flightIds);
        const fresh = ruleHits.filter((a) => !known.has(a.subjectKey));
        const personAlerts = await t.time('screen (watchlist index, waited for)', () => screening);
        if (partNotes.size > 0) await addMessageWarnings(trx, partNotes);
        return recordMessageAlerts(
          trx,
          batch.map((p) => p.message.id),
          [...personAlerts, ...fresh],
        );
      });
    });
    for (const p of batch) {
      results.set(p.message.id, {
        status: 'screened',
        flightId: flightsOf(p, stored.flightIds)[0]!,
        travellers: p.parsed.mapped.reduce((n, m) => n + m.travellers.length, 0),
        bookings: p.parsed.mapped.reduce((n, m) => n + m.bookings.length, 0),
        alerts: raised.get(p.message.id) ?? 0,
      });
    }
    return results;
  }

  /**
   * Upserts the flights, travellers and bookings of the batch in one transaction, one statement per table, that ends
   * with the messages marked parsed. Flights go first, in key order: the row lock each upsert takes makes another
   * batch naming the same flight wait here, and the same order everywhere cannot deadlock.
   */
  private store(batch: readonly Parsed[]): Promise<Stored> {
    return this.db.transaction().execute(async (trx) => {
      await deferCommitFlush(trx);
      const flightIds = await upsertFlights(
        trx,
        batch.flatMap(({ message, parsed }) =>
          parsed.mapped.map((m) => ({
            ownerCountry: message.ownerCountry,
            key: m.flight,
            status: m.status,
            source: message,
          })),
        ),
      );
      const travellerWrites: TravellerWrite[] = [];
      const bookingWrites: BookingWrite[] = [];
      for (const { message, parsed } of batch) {
        for (const m of parsed.mapped) {
          const flightId = flightIds.get(flightKeyOf(message.ownerCountry, m.flight))!;
          for (const row of m.travellers) travellerWrites.push({ flightId, source: message, row });
          for (const row of m.bookings) bookingWrites.push({ flightId, source: message, row });
        }
      }
      const travellerIds = await upsertTravellers(trx, travellerWrites);
      const bookingIds = await upsertBookings(trx, bookingWrites);
      const travellers = await flightTravellers(trx, [...new Set(flightIds.values())]);
      await markMessagesParsed(
        trx,
        batch.map((p) => ({
          id: p.message.id,
          kind: p.parsed.mapped[0]!.kind,
          flightIds: flightsOf(p, flightIds),
          travellers: p.parsed.mapped.reduce((n, m) => n + m.travellers.length, 0),
          bookings: p.parsed.mapped.reduce((n, m) => n + m.bookings.length, 0),
          warnings: p.parsed.warnings.slice(0, 1000),
        })),
      );
      return { flightIds, bookingIds, toScreen: toScreen(travellerWrites, travellerIds, travellers), travellers };
    });
  }

  /**
   * Runs the targeting rules over each flight the batch names, as it now stands (flight-state.ts), from all its
   * messages (each parsed once and kept in a bounded cache; read again from its raw form only when the cache has
   * dropped it or another server processed it), so API and PNR data that arrived separately are linked. A message
   * naming several flights gives each only its own part. A new hit is attributed to the flight's newest message in the
   * batch. With the alerts come the notes on multi-part lists the flights' stored parts give (multiPartNotes).
   */
  private async runRules(
    trx: Db,
    batch: readonly Parsed[],
    stored: Stored,
    rulesOf: ReadonlyMap<string, readonly CompiledRule[]>,
  ): Promise<{ alerts: NewAlert[]; partNotes: Map<string, EdifactWarning[]> }> {
    const t = this.timer;
    for (const p of batch) this.ruleInputs.set(p.message.id, p.parsed.parts);
    // Each flight's newest message of the batch (the batch is oldest first), and the flight's key.
    const newest = new Map<string, StoredMessage>();
    const keyOf = new Map<string, string>();
    for (const p of batch) {
      for (const m of p.parsed.mapped) {
        const key = flightKeyOf(p.message.ownerCountry, m.flight);
        const id = stored.flightIds.get(key)!;
        newest.set(id, p.message);
        keyOf.set(id, key);
      }
    }
    let partNotes = new Map<string, EdifactWarning[]>();
    const flights = await t.time('rules: gather the flights', async () => {
      const messages = await messagesOfFlights(trx, [...newest.keys()]);
      // A message naming several of the flights comes once per flight: it is read and parsed once.
      const missing = new Map<string, Date>();
      for (const m of messages) if (this.ruleInputs.get(m.id) === undefined) missing.set(m.id, m.receivedAt);
      const raws = await readRawMessages(trx, [...missing.keys()]);
      for (const [id, receivedAt] of missing) {
        try {
          // Parsed as when it was processed: two-digit years placed against its own day of arrival.
          this.ruleInputs.set(id, parseMessage(raws.get(id) ?? Buffer.alloc(0), todayUtc(receivedAt)).parts);
        } catch {
          // A message that does not parse was marked failed when it arrived; it has no facts to give.
        }
      }
      const inputs = new Map<string, RuleInput[]>();
      for (const m of messages) {
        const parts = this.ruleInputs.get(m.id);
        if (parts === undefined) continue;
        let of = inputs.get(m.flightId);
        if (of === undefined) inputs.set(m.flightId, (of = []));
        const country = newest.get(m.flightId)!.ownerCountry;
        for (const part of partsOfFlight(parts, country, keyOf.get(m.flightId)!)) of.push(part);
      }
      partNotes = multiPartNotes(batch, stored.flightIds, inputs);
      return [...newest].map(([flightId, message]) => ({
        flightId,
        message,
        state: flightAsItStands(inputs.get(flightId) ?? []),
      }));
    });
    const evaluated = await t.time('rules: facts + evaluate', () =>
      flights.map(({ message, state }) => {
        // Without the pushed flight, a flight with PNRs only (a day or two before any list) has no departure: no
        // booking's lead time, no traveller's age, no document's age.
        const facts = buildFlightFacts(state.lists, state.bookings, { pnrgovFlight: state.pnrgovFlight });
        return {
          facts,
          hits: evaluateRules(rulesOf.get(message.ownerCountry)!, facts),
        };
      }),
    );
    if (evaluated.every((e) => e.hits.length === 0)) return { alerts: [], partNotes };
    // A hit names its subject by its place in the facts: attach it to the stored row of that traveller (list copy
    // first) or to the booking by locator. What the upsert read is enough unless another batch stored more since.
    const byFlight = new Map<string, FlightTraveller[]>();
    for (const x of stored.travellers) {
      const of = byFlight.get(x.flightId);
      if (of === undefined) byFlight.set(x.flightId, [x]);
      else of.push(x);
    }
    const travellers = evaluated.map(({ facts, hits }) =>
      hits.some((h) => h.subject.kind === 'traveller') ? travellersByKey(facts) : new Map<string, never>(),
    );
    let travellerIds = travellerIdsByRow(stored.travellers);
    const stale = flights
      .filter(({ flightId }, i) => !rowsKnown(evaluated[i]!.hits, travellers[i]!, flightId, travellerIds))
      .map((f) => f.flightId);
    if (stale.length > 0) {
      for (const id of stale) byFlight.delete(id);
      for (const x of await flightTravellers(trx, stale))
        byFlight.set(x.flightId, [...(byFlight.get(x.flightId) ?? []), x]);
      travellerIds = travellerIdsByRow([...byFlight.values()].flat());
    }
    let bookingIds = stored.bookingIds;
    const missingBooking = flights.some(({ flightId }, i) =>
      evaluated[i]!.hits.some(
        (h) => h.subject.kind === 'booking' && !bookingIds.has(bookingRowKey(flightId, h.subject.locator)),
      ),
    );
    if (missingBooking) {
      const all = await bookingIdsOfFlights(
        trx,
        flights.map((f) => f.flightId),
      );
      bookingIds = new Map(all.map((b) => [bookingRowKey(b.flightId, b.recordLocator), b.id]));
    }
    const alerts = flights.flatMap(({ flightId, message }, i) => {
      const { facts, hits } = evaluated[i]!;
      if (hits.length === 0) return [];
      const locators = new Map<string, string>();
      const prefix = bookingRowKey(flightId, '');
      for (const [key, id] of bookingIds) if (key.startsWith(prefix)) locators.set(key.slice(prefix.length), id);
      return ruleAlerts(hits, facts, message, flightId, travellerIds, locators, travellers[i]);
    });
    return { alerts, partNotes };
  }
}

/**
 * What the flights' stored parts say of the multi-part passenger lists the batch's messages bring parts of
 * (paxlst-assembly.ts, partWarnings: parts missing once the final one is in, the whole list's CNT totals once all
 * are), by message: each list's notes go to the newest message of the batch holding a part of it. `inputs` are each
 * flight's rule inputs, oldest first, the batch's among them.
 */
function multiPartNotes(
  batch: readonly Parsed[],
  flightIds: ReadonlyMap<string, string>,
  inputs: ReadonlyMap<string, readonly RuleInput[]>,
): Map<string, EdifactWarning[]> {
  const notes = new Map<string, EdifactWarning[]>();
  const seen = new Set<string>();
  for (let i = batch.length - 1; i >= 0; i--) {
    const { message, parsed } = batch[i]!;
    for (const part of parsed.parts) {
      const flightId = flightIds.get(flightKeyOf(message.ownerCountry, part.flight))!;
      for (const list of part.lists) {
        const key = `${flightId}|${list.commonAccessReference}`;
        if (!isPartialList(list) || seen.has(key)) continue;
        seen.add(key);
        const found = partWarnings(
          list,
          (inputs.get(flightId) ?? []).flatMap((input) => input.lists),
        );
        if (found.length > 0) notes.set(message.id, [...(notes.get(message.id) ?? []), ...found]);
      }
    }
  }
  return notes;
}

/** The stored ids of the flights a message names, its first flight first (its flight as the API shows it). */
function flightsOf(p: Parsed, flightIds: ReadonlyMap<string, string>): string[] {
  const ids: string[] = [];
  for (const m of p.parsed.mapped) {
    const id = flightIds.get(flightKeyOf(p.message.ownerCountry, m.flight))!;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The parts of a message about one flight (`flightKey` as flightKeyOf gives it, for the message's country). */
function partsOfFlight(parts: readonly RulePart[], country: string, flightKey: string): readonly RulePart[] {
  // Nearly every message names one flight: the one it is linked to.
  if (parts.length === 1) return parts;
  return parts.filter((part) => flightKeyOf(country, part.flight) === flightKey);
}

/**
 * The batch's travellers to screen: each stored traveller once, as its newest message names it, and no PNR copy of
 * someone on the flight's passenger list (that person is screened from the list; the PNR copy asks the same).
 */
function toScreen(
  writes: readonly TravellerWrite[],
  ids: ReadonlyMap<string, string>,
  travellers: readonly FlightTraveller[],
): TravellerToScreen[] {
  const listed = new Set<string>();
  for (const x of travellers) if (x.source === 'api') listed.add(`${x.flightId}|${nameKeyOf(x)}`);
  const seen = new Set<string>();
  const out: TravellerToScreen[] = [];
  // Newest message first: the copy kept is the one stored.
  for (let i = writes.length - 1; i >= 0; i--) {
    const { flightId, source, row } = writes[i]!;
    if (row.removed) continue;
    const id = ids.get(travellerRowKey(flightId, row.source, row.travellerKey))!;
    if (seen.has(id)) continue;
    seen.add(id);
    if (row.source === 'pnr' && listed.has(`${flightId}|${travellerNameKey(row.surname, row.givenNames)}`)) continue;
    out.push({ id, row, flightId, message: source as StoredMessage });
  }
  return out.reverse();
}
