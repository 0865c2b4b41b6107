import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, it } from 'node:test';
import { describeEachBackend } from '../../test/database.js';
import { nldFeed, operator } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import type { Services } from '../services.js';
import { messagesOfFlights } from './messages.repository.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/travel/${name}`, import.meta.url));
const noRequest = { ip: null, requestId: null };
const nld = nldFeed;

interface Pax {
  readonly surname: string;
  readonly given: string;
  /** YYMMDD */
  readonly dob: string;
  readonly nat: string;
  readonly doc: string;
  readonly gender?: 'M' | 'F';
  readonly avf?: string;
}

// A passenger list (one UNH … UNT) for flight LA`flight` CDG→AMS on 1 October 2024, as the PNR fixture's LA417 flies;
// `fn` is BGM element 2 ('' original, XR cancel).
function paxlst(ref: string, flight: string, fn: string, pax: readonly Pax[]): string[] {
  const segments = [
    `UNH+${ref}+PAXLST:D:05B:UN:IATA+LA${flight}/241001/1210+01:F`,
    fn === '' ? 'BGM+745' : `BGM+745+${fn}`,
    `TDT+20+LA${flight}+++LA`,
    'LOC+125+CDG',
    'DTM+189:2410011210:201',
    'LOC+87+AMS',
    'DTM+232:2410011335:201',
  ];
  for (const p of pax) {
    segments.push(`NAD+FL+++${p.surname}:${p.given}`, `ATT+2++${p.gender ?? 'F'}`, `DTM+329:${p.dob}`);
    segments.push(`NAT+2+${p.nat}`);
    if (p.avf !== undefined) segments.push(`RFF+AVF:${p.avf}`);
    segments.push(`DOC+P:110:111+${p.doc}`, `LOC+91+${p.nat}`);
  }
  segments.push(`CNT+42:${pax.length}`);
  segments.push(`UNT+${segments.length + 1}+${ref}`);
  return segments;
}

// A PNR push (one UNH … UNT) for flight LA`flight` CDG→AMS on 1 October 2024, of one booking: `booking` from its SRC on.
function pnrgov(ref: string, flight: string, booking: readonly string[]): string[] {
  const leg = `TVL+011024:1210::1335+CDG+AMS+LA+${flight}`;
  const segments = [`UNH+${ref}+PNRGOV:13:1:IA+LA${flight}/011024/1210+01:F`, 'MSG+:22', 'ORG+LA:AMS', leg, 'EQN+1'];
  segments.push(...booking, `${leg}:Y`);
  segments.push(`UNT+${segments.length + 1}+${ref}`);
  return segments;
}

/** An interchange carrying these messages. */
function interchange(n: number, ...messages: string[][]): Buffer {
  const ref = `IC${String(n).padStart(6, '0')}`;
  const segments = [`UNB+UNOA:4+LODAIR:ZZ+NLDAPI:ZZ+241001:0930+${ref}`, ...messages.flat(), `UNZ+1+${ref}`];
  return Buffer.from(["UNA:+.? '", ...segments.map((s) => `${s}'`)].join('\n'));
}

describeEachBackend('targeting rules over ingested flights', (database) => {
  let services: Services;
  before(async () => {
    services = testServices(database());
    // Weak indicators run on their own only where a country switches them on (builtin.ts): NLD does, for these two.
    for (const id of ['stateless-or-refugee', 'last-minute-booking'])
      await services.rules.setEnabled(operator, id, true, noRequest, 'NLD');
  });

  const ingest = async (raw: Buffer) => {
    const { message } = await services.ingest.receive(nld, raw, noRequest);
    const result = await services.ingest.process(message.id);
    assert.equal(result.status, 'screened');
    return { messageId: message.id, flightId: result.flightId! };
  };

  const ruleAlerts = (flightId: string, ruleId?: string) =>
    database()
      .db.selectFrom('alerts')
      .leftJoin('travellers', 'travellers.id', 'alerts.traveller_id')
      .select(['alerts.id', 'alerts.rule_id', 'alerts.status', 'travellers.surname', 'travellers.birth_date'])
      .where('alerts.flight_id', '=', flightId)
      .where('alerts.kind', '=', 'rule')
      .$if(ruleId !== undefined, (q) => q.where('alerts.rule_id', '=', ruleId!))
      .orderBy('alerts.created_at')
      .orderBy('alerts.id')
      .execute();

  it('knows the departure of a flight with PNRs only, from the push’s own flight', async () => {
    const { flightId } = await ingest(fixture('pnrgov-three-pnrs.edi'));
    // RT9K4Z was made at 23:40 the night before the 12:10 departure: 12.5 hours.
    const [lastMinute] = await ruleAlerts(flightId, 'last-minute-booking');
    assert.equal(lastMinute?.status, 'open', 'a booking made hours before departure raises the indicator');
    const explanation = await database()
      .db.selectFrom('alerts')
      .select('explanation')
      .where('id', '=', lastMinute.id)
      .executeTakeFirstOrThrow();
    assert.match(JSON.stringify(explanation), /"actual":12\.5/);
  });

  it('keeps a traveller’s alert when the passenger list names the person the PNR named', async () => {
    const { flightId } = await ingest(fixture('pnrgov-three-pnrs.edi'));
    const before = await ruleAlerts(flightId, 'unaccompanied-minor');
    assert.deepEqual(
      before.map((a) => a.status),
      ['open'],
    );
    const girl = { surname: 'HADDAD', given: 'LEILA', dob: '130214', nat: 'LBN', doc: 'LB0001234', avf: 'RT9K4Z' };
    assert.equal((await ingest(interchange(1, paxlst('A1', '0417', '', [girl])))).flightId, flightId);
    assert.deepEqual(
      (await ruleAlerts(flightId, 'unaccompanied-minor')).map((a) => [a.id, a.status]),
      [[before[0]!.id, 'open']],
      'the same alert, still open: not withdrawn and raised again',
    );
  });

  it('keeps a traveller’s alert when a list cancels someone named before them', async () => {
    const adams = {
      surname: 'ADAMS',
      given: 'JOHN',
      dob: '800101',
      nat: 'NLD',
      doc: 'NL1111111',
      gender: 'M' as const,
    };
    const zed = { surname: 'ZED', given: 'ANNA', dob: '900101', nat: 'XXA', doc: 'XA2222222' };
    const { flightId } = await ingest(interchange(2, paxlst('B1', '0601', '', [adams, zed])));
    const [raised] = await ruleAlerts(flightId, 'stateless-or-refugee');
    assert.equal(raised?.status, 'open');
    await ingest(interchange(3, paxlst('B2', '0601', 'XR', [adams])));
    assert.deepEqual(
      (await ruleAlerts(flightId, 'stateless-or-refugee')).map((a) => [a.id, a.status, a.surname]),
      [[raised.id, 'open', 'ZED']],
    );
  });

  it('attaches an alert to the traveller it is about when another on the flight has the same name', async () => {
    // Father and son, both JOHN SMITH: the son (listed first) is stateless.
    const son = { surname: 'SMITH', given: 'JOHN', dob: '120101', nat: 'XXA', doc: 'XA3333333', gender: 'M' as const };
    const father = {
      surname: 'SMITH',
      given: 'JOHN',
      dob: '800101',
      nat: 'ZWE',
      doc: 'ZW4444444',
      gender: 'M' as const,
    };
    const { flightId } = await ingest(interchange(4, paxlst('C1', '0602', '', [son, father])));
    assert.deepEqual(
      (await ruleAlerts(flightId, 'stateless-or-refugee')).map((a) => a.birth_date),
      ['2012-01-01'],
    );
  });

  it('raises an indicator on an infant on a lap with no TIF of its own, against the infant’s row', async () => {
    const booking = (locator: string, infantSurname: string) => [
      'SRC',
      `RCI+LA:${locator}::150924:1022`,
      'TIF+ONEILL+SIOBHAN MRS:A:1:1',
      'SSR+DOCS:HK:1:LA:::::/P/IRL/PE1234567/IRL/12MAR85/F/11FEB30/ONEILL/SIOBHAN',
      `SSR+INFT:HK:1:LA:::::/${infantSurname}/AOIFE/03MAR24`,
      `SSR+DOCS:HK:1:LA:::::/P/IRL/PE7654321/IRL/03MAR24/FI/02MAR29/${infantSurname}/AOIFE`,
    ];
    const alerted = (flightId: string) =>
      database()
        .db.selectFrom('alerts')
        .innerJoin('travellers', 'travellers.id', 'alerts.traveller_id')
        .select(['travellers.surname', 'travellers.role', 'travellers.traveller_key'])
        .where('alerts.flight_id', '=', flightId)
        .where('alerts.rule_id', '=', 'minor-with-adults-of-another-surname')
        .execute();
    const other = await ingest(interchange(7, pnrgov('P1', '603', booking('LAP001', 'MURPHY'))));
    assert.deepEqual(await alerted(other.flightId), [
      { surname: 'MURPHY', role: 'infant', traveller_key: 'LAP001|1/INF' },
    ]);
    // Her mother's surname: family, no indicator.
    const same = await ingest(interchange(8, pnrgov('P2', '604', booking('LAP002', 'ONEILL'))));
    assert.deepEqual(await alerted(same.flightId), []);
  });

  it('runs the rules over every flight an interchange names, each from its own messages', async () => {
    const one = { surname: 'NOWAK', given: 'PAVEL', dob: '900214', nat: 'XXA', doc: 'XA5555555', gender: 'M' as const };
    const two = { surname: 'KOVAC', given: 'IVAN', dob: '880303', nat: 'XXA', doc: 'XA6666666', gender: 'M' as const };
    const { messageId, flightId: first } = await ingest(
      interchange(5, paxlst('D1', '0701', '', [one]), paxlst('D2', '0702', '', [two])),
    );
    const { db } = database();
    const second = (
      await db
        .selectFrom('flights')
        .select('id')
        .where('owner_country', '=', 'NLD')
        .where('flight_number', '=', '702')
        .executeTakeFirstOrThrow()
    ).id;
    const message = await db.selectFrom('messages').select('flight_id').where('id', '=', messageId).executeTakeFirst();
    assert.equal(message?.flight_id, first, 'the message’s flight is its first');
    assert.deepEqual(
      (await messagesOfFlights(db, [second])).map((m) => [m.id, m.flightId]),
      [[messageId, second]],
    );
    const surnames = async (flightId: string) =>
      (await ruleAlerts(flightId, 'stateless-or-refugee')).map((a) => [a.surname, a.status]);
    assert.deepEqual(await surnames(first), [['NOWAK', 'open']], 'the first flight, its own traveller only');
    assert.deepEqual(await surnames(second), [['KOVAC', 'open']], 'the second flight too');

    // A later list for the second flight: its rules read the interchange too, and KOVAC is still on it.
    const later = { surname: 'BAKER', given: 'ANN', dob: '850505', nat: 'NLD', doc: 'NL7777777' };
    assert.equal((await ingest(interchange(6, paxlst('E1', '0702', '', [later])))).flightId, second);
    assert.deepEqual(await surnames(second), [['KOVAC', 'open']]);
  });
});
