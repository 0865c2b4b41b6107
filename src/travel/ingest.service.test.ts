import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { before, it } from 'node:test';
import { sql } from 'kysely';
import { describeEachBackend } from '../../test/database.js';
import { buildWatchlist, operator, nldFeed } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import type { Services } from '../services.js';
import { travellersOfFlight } from './flights.repository.js';
import { IngestService, type StageTimer } from './ingest.service.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/travel/${name}`, import.meta.url));
const noRequest = { ip: null, requestId: null };
const nld = nldFeed;

// A passenger list with one stateless traveller for flight LA`flight`, in interchange `n`, with function `fn` (BGM
// element 2: '' original, XR cancel).
const list = (n: number, fn: string, flight = '0555') =>
  Buffer.from(
    [
      "UNA:+.? '",
      `UNB+UNOA:4+LODAIR:ZZ+NLDAPI:ZZ+241001:0930+00000090${n}'`,
      `UNH+W${n}+PAXLST:D:05B:UN:IATA+LA${flight}/241003/0800+01:F'`,
      fn === '' ? "BGM+745'" : `BGM+745+${fn}'`,
      `TDT+20+LA${flight}+++LA'`,
      "LOC+125+CDG'",
      "DTM+189:2410030800:201'",
      "LOC+87+AMS'",
      "DTM+232:2410030925:201'",
      "NAD+FL+++NOWAK:PAVEL'",
      "ATT+2++M'",
      "DTM+329:900214'",
      "NAT+2+XXA'",
      "DOC+P:110:111+XA7788990'",
      "LOC+91+XXA'",
      "CNT+42:1'",
      `UNT+15+W${n}'`,
      `UNZ+1+00000090${n}'`,
    ].join('\n'),
  );

describeEachBackend('passenger data ingestion', (database) => {
  let services: Services;
  before(async () => {
    services = testServices(database());
    await buildWatchlist(services, {
      ownerCountry: 'FRA',
      persons: [{ id: 'wanted-1', name: 'Amal Haddad', birthDate: '2001-01-01', nationality: 'SYR', gender: 'female' }],
      documents: [{ number: 'TD0012345', issuingState: 'FRA', status: 'stolen' }],
    });
    // A weak indicator runs on its own only where a country switches it on (builtin.ts): NLD does, for this one.
    await services.rules.setEnabled(operator, 'stateless-or-refugee', true, noRequest, 'NLD');
  });

  it('stores, parses and screens a passenger list: flight, travellers, alerts for the planted person, document and indicators', async () => {
    const { message, duplicate } = await services.ingest.receive(nld, fixture('paxlst-d05b-passengers.edi'), noRequest);
    assert.equal(duplicate, false);
    assert.equal(message.status, 'received');
    const result = await services.ingest.process(message.id);
    assert.equal(result.status, 'screened');
    assert.equal(result.travellers, 3);
    const { db } = database();
    const flight = await db
      .selectFrom('flights')
      .selectAll()
      .where('id', '=', result.flightId!)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [
        flight.carrier,
        flight.flight_number,
        flight.departure_date,
        flight.origin,
        flight.destination,
        flight.owner_country,
      ],
      ['LA', '417', '2024-10-01', 'CDG', 'AMS', 'NLD'],
    );
    const alerts = await db.selectFrom('alerts').selectAll().where('flight_id', '=', flight.id).execute();
    const person = alerts.find((a) => a.kind === 'person');
    assert.equal(person?.entity_id, 'wanted-1');
    assert.equal(person?.message_id, message.id);
    const haddad = await db
      .selectFrom('travellers')
      .select(['id', 'surname'])
      .where('id', '=', person.traveller_id!)
      .executeTakeFirstOrThrow();
    assert.equal(haddad.surname, 'HADDAD');
    assert.ok(
      alerts.some((a) => a.kind === 'document'),
      'the stolen document is an alert',
    );
    const rules = alerts.filter((a) => a.kind === 'rule').map((a) => a.rule_id);
    assert.ok(rules.length > 0, `indicator rules fired: ${rules.join(', ')}`);
    const refugee = alerts.find((a) => a.kind === 'rule' && a.rule_id === 'stateless-or-refugee');
    assert.equal(refugee?.traveller_id, haddad.id, 'a rule hit on a traveller is attached to that traveller');
    const stored = await db
      .selectFrom('messages')
      .select(['status', 'alerts', 'travellers', 'kind'])
      .where('id', '=', message.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, { status: 'screened', alerts: alerts.length, travellers: 3, kind: 'paxlst' });
  });

  it('recognises the same message again and does not apply it twice', async () => {
    const again = await services.ingest.receive(nld, fixture('paxlst-d05b-passengers.edi'), noRequest);
    assert.equal(again.duplicate, true);
    const { db } = database();
    const alertRows = () => db.selectFrom('alerts').select('id').where('message_id', '=', again.message.id).execute();
    const before = await alertRows();
    assert.ok(before.length > 0);
    // Its job run again (its completion lost to a crash): the message stays screened, with the alerts it raised.
    const reprocessed = await services.ingest.process(again.message.id);
    assert.equal(reprocessed.status, 'screened');
    assert.equal(reprocessed.alerts, before.length);
    assert.deepEqual(await alertRows(), before, 'no alert is raised twice');
    const stored = await db
      .selectFrom('messages')
      .select(['status', 'alerts'])
      .where('id', '=', again.message.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, { status: 'screened', alerts: before.length });
    // Two runs of a new one at once (a job taken again after expiry): whichever screens it second keeps the count.
    const raw = Buffer.from(
      fixture('paxlst-d05b-passengers.edi')
        .toString('latin1')
        .replace(/LA0417/g, 'LA8889'),
    );
    const { message } = await services.ingest.receive(nld, raw, noRequest);
    await Promise.all([services.ingest.process(message.id), services.ingest.process(message.id)]);
    const raised = await db.selectFrom('alerts').select('id').where('message_id', '=', message.id).execute();
    const after = await db
      .selectFrom('messages')
      .select(['status', 'alerts'])
      .where('id', '=', message.id)
      .executeTakeFirstOrThrow();
    assert.ok(raised.length > 0);
    assert.deepEqual(after, { status: 'screened', alerts: raised.length });
    const travellers = await database()
      .db.selectFrom('travellers')
      .select('id')
      .where('flight_id', '=', reprocessed.flightId!)
      .execute();
    assert.equal(travellers.length, 3);
  });

  it('takes a PNRGOV push with several bookings', async () => {
    const { message } = await services.ingest.receive(nld, fixture('pnrgov-three-pnrs.edi'), noRequest);
    const result = await services.ingest.process(message.id);
    assert.equal(result.status, 'screened');
    assert.equal(result.bookings, 3);
    const onFlight = await travellersOfFlight(database().db, result.flightId!);
    const linked = onFlight.filter((t) => t.linkedTo !== null);
    assert.ok(
      linked.length > 0 &&
        linked.every((l) => l.source === 'pnr' && onFlight.find((t) => t.id === l.linkedTo)?.source === 'api'),
      'PNR travellers are linked to the passenger list',
    );
  });

  it('keeps a broken message, marked failed with where it went wrong', async () => {
    const text = fixture('paxlst-d05b-passengers.edi').toString('utf8');
    const truncated = Buffer.from(text.slice(0, text.indexOf('NAD+FL+++MUELLER') + 10));
    const { message } = await services.ingest.receive(nld, truncated, noRequest);
    const result = await services.ingest.process(message.id);
    assert.equal(result.status, 'failed');
    const stored = await database()
      .db.selectFrom('messages')
      .select(['status', 'error', 'raw'])
      .where('id', '=', message.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.status, 'failed');
    const error = stored.error as { code: string; segment: number; offset: number; expected: string };
    assert.equal(typeof error.code, 'string');
    assert.ok(error.offset > 0 && error.segment > 0 && error.expected.length > 0, JSON.stringify(error));
    assert.ok(Buffer.from(stored.raw).equals(truncated), 'the raw message is kept as received');
  });

  it('marks bytes that are not UTF-8 as a failed message, and refuses an empty one', async () => {
    const bad = Buffer.concat([
      Buffer.from("UNA:+.? 'UNB+UNOA:4+X:ZZ+Y:ZZ+241001:0930+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'NAD+FL+++"),
      Buffer.from([0xff, 0xfe, 0xfd]),
      Buffer.from("'"),
    ]);
    const { message } = await services.ingest.receive(nld, bad, noRequest);
    assert.equal((await services.ingest.process(message.id)).status, 'failed');
    await assert.rejects(services.ingest.receive(nld, Buffer.alloc(0), noRequest), /the message is empty/);
  });

  it('stores a message with the job that processes it, or neither', async () => {
    const { db } = database();
    const raw = list(71, '', '0771');
    const hash = createHash('sha256').update(raw).digest('hex');
    const stored = () => db.selectFrom('messages').select('id').where('content_hash', '=', hash).execute();
    await assert.rejects(
      services.ingest.receive(nld, raw, noRequest, undefined, () => Promise.reject(new Error('queue down'))),
      /queue down/,
    );
    assert.deepEqual(await stored(), [], 'no message stored without its job');
    const queued: string[] = [];
    const enqueue = async (trx: typeof db, id: string) => {
      // Within the transaction: the message is visible through its handle.
      const row = await trx.selectFrom('messages').select('status').where('id', '=', id).executeTakeFirst();
      assert.equal(row?.status, 'received');
      queued.push(id);
    };
    const first = await services.ingest.receive(nld, raw, noRequest, undefined, enqueue);
    assert.deepEqual(queued, [first.message.id]);
    assert.deepEqual(await stored(), [{ id: first.message.id }]);
    const again = await services.ingest.receive(nld, raw, noRequest, undefined, enqueue);
    assert.ok(again.duplicate);
    assert.deepEqual(queued, [first.message.id], 'a duplicate is not queued again');
  });

  it('stores messages received at once in shared transactions, each with its entry, and fails only the one that fails', async () => {
    const { db } = database();
    const audited = async (ids: readonly string[]) =>
      db
        .selectFrom('audit_log')
        .select(['subject_id', sql<boolean>`(details->>'duplicate')::boolean`.as('duplicate')])
        .where('action', '=', 'message.receive')
        .where('subject_id', 'in', ids)
        .execute();
    // Eight senders at once, and a ninth sending the first one's message again: fewer transactions than messages
    // (rows written by one transaction share its xmin), and the same content stored once.
    const eight = Array.from({ length: 8 }, (_, i) => list(120 + i, '', '0812'));
    const received = await Promise.all(
      [...eight, eight[0]!].map((raw) => services.ingest.receive(nld, raw, noRequest)),
    );
    const ids = received.slice(0, 8).map((r) => r.message.id);
    assert.equal(new Set(ids).size, 8);
    assert.equal(received[8]!.message.id, ids[0]);
    assert.deepEqual([received[0]!.duplicate, received[8]!.duplicate].sort(), [false, true]);
    assert.ok(received.slice(1, 8).every((r) => !r.duplicate));
    const { rows } = await sql<{ n: number }>`
      select count(distinct xmin::text)::int as n from messages where id = any(${ids}::uuid[])`.execute(db);
    assert.ok(rows[0]!.n < 8, `${rows[0]!.n} transactions for 8 messages`);
    const firstEntries = await audited(ids);
    assert.equal(firstEntries.length, 9, 'one entry per receipt, the duplicate’s included');
    assert.deepEqual([...new Set(firstEntries.map((r) => r.subject_id))].sort(), [...ids].sort());

    // A duplicate among them is recognised; one whose job cannot be queued fails alone and leaves nothing.
    const queued: string[] = [];
    const failing = list(130, '', '0813');
    const batch = [list(131, '', '0813'), list(132, '', '0813'), list(131, '', '0813'), failing];
    const outcomes = await Promise.allSettled(
      batch.map((raw) =>
        services.ingest.receive(nld, raw, noRequest, undefined, (_trx, id) =>
          raw === failing ? Promise.reject(new Error('queue down')) : Promise.resolve(void queued.push(id)),
        ),
      ),
    );
    assert.equal(outcomes[3]!.status, 'rejected');
    assert.match(String((outcomes[3] as PromiseRejectedResult).reason), /queue down/);
    const [a, b, again] = outcomes.slice(0, 3).map((o) => {
      if (o.status !== 'fulfilled') throw o.reason;
      return o.value;
    });
    assert.equal(again!.message.id, a!.message.id, 'the same content is the same message');
    assert.deepEqual([a!.duplicate, again!.duplicate].sort(), [false, true]);
    // The shared transaction failed and was rolled back, its messages with it; each was then received again alone.
    const kept = await db.selectFrom('messages').select('id').where('id', 'in', queued).execute();
    const keptIds = new Set(kept.map((r) => r.id));
    assert.deepEqual(
      queued.filter((id) => keptIds.has(id)).sort(),
      [a!.message.id, b!.message.id].sort(),
      'each new message queued once, with the message',
    );
    const hash = createHash('sha256').update(failing).digest('hex');
    assert.deepEqual(await db.selectFrom('messages').select('id').where('content_hash', '=', hash).execute(), []);
    const entries = await audited([a!.message.id, b!.message.id]);
    assert.equal(entries.length, 3, 'one entry per receive, the duplicate’s included');
    assert.deepEqual(entries.map((e) => e.duplicate).sort(), [false, false, true]);
    const chain = await services.audit.verify();
    assert.equal(chain.ok, true);
  });

  it('receives for the caller’s own country only', async () => {
    await assert.rejects(
      services.ingest.receive(nld, Buffer.from('x'), noRequest, 'FRA'),
      /messages are received for NLD only/,
    );
    const { message } = await services.ingest.receive(operator, Buffer.from('UNA'), noRequest, 'BEL');
    assert.equal(message.ownerCountry, 'BEL');
  });

  it('withdraws a rule alert when a later list cancels its traveller, and opens it again when they are back', async () => {
    const { db } = database();
    const refugee = async (flightId: string) =>
      db
        .selectFrom('alerts')
        .select(['id', 'status'])
        .where('flight_id', '=', flightId)
        .where('rule_id', '=', 'stateless-or-refugee')
        .execute();
    const process = async (raw: Buffer) => {
      const { message } = await services.ingest.receive(nld, raw, noRequest);
      const result = await services.ingest.process(message.id);
      assert.equal(result.status, 'screened');
      return result.flightId!;
    };
    const flightId = await process(list(1, ''));
    const [raised] = await refugee(flightId);
    assert.equal(raised?.status, 'open', 'a stateless traveller raises the indicator');
    const openCount = async () =>
      (await services.flights.list(operator, { date: '2024-10-03', limit: 10 })).find((f) => f.id === flightId)?.alerts;
    assert.ok((await openCount())! >= 1);

    assert.equal(await process(list(2, 'XR')), flightId);
    assert.deepEqual(await refugee(flightId), [{ id: raised.id, status: 'withdrawn' }], 'cancelled: withdrawn');
    assert.equal(await openCount(), 0, 'a withdrawn alert is not counted on the flight');

    await process(list(3, ''));
    assert.deepEqual(await refugee(flightId), [{ id: raised.id, status: 'open' }], 'listed again: the same alert');
  });

  it('settles rule alerts in turn when two messages of a flight are processed at once', async () => {
    const { db } = database();
    // The first message stops after gathering the flight (only itself) until the second has had every chance to
    // finish: without the flight's lock the second would withdraw nothing, and the first would then raise an alert
    // for a traveller the second cancelled.
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const atPause = new Promise<void>((resolve) => (reached = resolve));
    let first = true;
    const timer: StageTimer = {
      time: async (stage, work) => {
        if (stage === 'rules: facts + evaluate' && first) {
          first = false;
          reached();
          await paused;
        }
        return work();
      },
    };
    const slow = new IngestService(db, services.index, services.rules, services.audit, timer);
    const one = (await services.ingest.receive(nld, list(4, '', '0777'), noRequest)).message.id;
    const two = (await services.ingest.receive(nld, list(5, 'XR', '0777'), noRequest)).message.id;
    const a = slow.process(one);
    // The second starts only once the first holds the flight's state (on a loaded machine 100 ms was not always enough,
    // and the second then ran first: no alert was ever raised, so none was withdrawn).
    await Promise.race([atPause, a]);
    const b = services.ingest.process(two);
    await Promise.race([b, new Promise((resolve) => setTimeout(resolve, 500))]);
    release();
    const [ra, rb] = await Promise.all([a, b]);
    assert.equal(ra.flightId, rb.flightId);
    const alerts = await db
      .selectFrom('alerts')
      .select('status')
      .where('flight_id', '=', ra.flightId!)
      .where('rule_id', '=', 'stateless-or-refugee')
      .execute();
    assert.deepEqual(alerts, [{ status: 'withdrawn' }], 'the cancelled traveller’s alert is withdrawn');
  });

  it('screens a traveller again once the list has changed, not with the answer it got before', async () => {
    const { db } = database();
    const watchlist = await buildWatchlist(services, {
      ownerCountry: 'FRA',
      persons: [{ id: 'other-1', name: 'Jonas Lindqvist', birthDate: '1971-07-30', nationality: 'SWE' }],
    });
    const personAlerts = async (messageId: string) =>
      db
        .selectFrom('alerts')
        .select('entity_id')
        .where('message_id', '=', messageId)
        .where('list_id', '=', watchlist.id)
        .where('kind', '=', 'person')
        .execute();
    const process = async (raw: Buffer) => {
      const { message } = await services.ingest.receive(nld, raw, noRequest);
      assert.equal((await services.ingest.process(message.id)).status, 'screened');
      return message.id;
    };
    // The same traveller twice: the second time the answer is remembered, which is right while the list is as it was.
    assert.deepEqual(await personAlerts(await process(list(6, '', '0888'))), []);
    assert.deepEqual(await personAlerts(await process(list(7, '', '0888'))), []);

    const summary = await services.imports.importStream(
      operator,
      watchlist.id,
      Readable.from(['id,name,birthDate,nationality\nwanted-nowak,Pavel Nowak,1990-02-14,POL\n']),
      { format: 'csv' },
      noRequest,
    );
    assert.equal(summary.inserted, 1);
    await services.index.catchUp();
    assert.deepEqual(await personAlerts(await process(list(8, '', '0888'))), [{ entity_id: 'wanted-nowak' }]);
  });
  it("lists a traveller's appearances on other flights, not the flight asked about, saying which were cancelled", async () => {
    const flightOf = async (raw: Buffer) => {
      const { message } = await services.ingest.receive(nld, raw, noRequest);
      return (await services.ingest.process(message.id)).flightId!;
    };
    const here = await flightOf(list(21, '', '0721'));
    const there = await flightOf(list(22, '', '0722'));
    // Listed on a third flight, then cancelled from it.
    const cancelled = await flightOf(list(23, '', '0723'));
    assert.equal(await flightOf(list(24, 'XR', '0723')), cancelled);
    const { travellers } = await services.flights.get(operator, here, noRequest);
    const nowak = travellers.find((t) => t.surname === 'NOWAK')!;
    const { appearances } = await services.flights.history(operator, here, nowak.id, noRequest);
    // Other tests here list NOWAK on flights of their own: those are other flights too.
    const flights = new Set(appearances.map((a) => a.flight_id));
    assert.ok(flights.has(there), 'the same traveller on another flight');
    assert.ok(!flights.has(here), 'not the traveller asked about, nor a copy of them on the same flight');
    const removed = (flightId: string) => appearances.filter((a) => a.flight_id === flightId).map((a) => a.removed);
    assert.deepEqual(removed(there), [false]);
    assert.deepEqual(removed(cancelled), [true], 'still listed, as cancelled');
  });
  it("tells of a multi-part list the parts missing once its final part is in, and the whole list's totals once all are", async () => {
    const { db } = database();
    const blocks = fixture('paxlst-multipart.edi')
      .toString('utf8')
      .match(/UNH\+MP\d[\s\S]*?UNT\+\d+\+MP\d'/g)!;
    assert.equal(blocks.length, 3);
    // Each part in an interchange of its own, for flight LA`flight`, with `cnt` passengers declared on the last part.
    const part = (n: number, flight: string, cnt = 4) =>
      Buffer.from(
        [
          "UNA:+.? '",
          `UNB+UNOA:4+LODAIR:ZZ+NLDAPI:ZZ+241001:0700+3${flight}${n}++APIS'`,
          blocks
            .find((b) => b.startsWith(`UNH+MP${n}+`))!
            .replaceAll('LA0700', `LA0${flight}`)
            .replaceAll('LA700', `LA${flight}`)
            .replace('CNT+42:4', `CNT+42:${cnt}`),
          `UNZ+1+3${flight}${n}'`,
        ].join('\n'),
      );
    const codes = async (raw: Buffer) => {
      const { message } = await services.ingest.receive(nld, raw, noRequest);
      assert.equal((await services.ingest.process(message.id)).status, 'screened');
      const row = await db
        .selectFrom('messages')
        .select('warnings')
        .where('id', '=', message.id)
        .executeTakeFirstOrThrow();
      return (row.warnings as { code: string; message: string }[]).map((w) => `${w.code}: ${w.message}`);
    };
    assert.deepEqual(await codes(part(1, '731')), [], 'the final part is still to come');
    assert.deepEqual(await codes(part(3, '731')), [
      'paxlst.part_missing: list LA0731/241001/0800: part 2 of 3 missing',
    ]);
    assert.deepEqual(await codes(part(2, '731')), [], 'complete, and the whole list holds the 4 passengers declared');

    await codes(part(3, '732', 5));
    await codes(part(1, '732', 5));
    assert.deepEqual(await codes(part(2, '732', 5)), [
      'paxlst.cnt_mismatch: CNT+42 declares 5 passengers, the list holds 4',
    ]);
  });
});
