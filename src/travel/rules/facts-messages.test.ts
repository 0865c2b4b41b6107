import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePaxlst } from '../paxlst.js';
import { parsePnrgov } from '../pnrgov.js';
import { builtinRule } from './builtin.js';
import { evaluateRules } from './evaluate.js';
import { buildFlightFacts } from './facts.js';
import { greatCircleKm } from './facts-flight.js';
import { contactCardOf } from './shared-contacts.js';

// A long-haul API list: SILVA travels with no checked bag on a passport issued 11 days before departure.
const paxlst = `UNA:+.? '
UNB+UNOA:4+LODAIR:ZZ+NLDAPI:ZZ+241001:0930+000000102++APIS'
UNH+PAX002+PAXLST:D:05B:UN:IATA+LA0800/241001/2200+01:F'
BGM+745'
NAD+MS+++LODESTAR AIR CONTROL'
TDT+20+LA0800+++LA'
LOC+125+GRU'
DTM+189:2410012200:201'
LOC+87+AMS'
DTM+232:2410021430:201'
NAD+FL+++SILVA:ANA'
ATT+2++F'
DTM+329:990101'
MEA+CT++:0'
NAT+2+BRA'
DOC+P:110:111+FZ123456'
DTM+36:340915'
DTM+182:240920'
LOC+91+BRA'
NAD+FL+++COSTA:JOAO'
ATT+2++M'
DTM+329:800505'
MEA+CT++:1'
NAT+2+BRA'
DOC+P:110:111+FZ654321'
DTM+36:300101'
DTM+182:200101'
LOC+91+BRA'
CNT+42:2'
UNT+28+PAX002'
UNZ+1+000000102'`;

const airports = new Map([
  ['GRU', { country: 'BR', latitude: -23.4356, longitude: -46.4731, utcOffsetMinutes: -180 }],
  ['AMS', { country: 'NL', latitude: 52.3086, longitude: 4.7639, utcOffsetMinutes: 120 }],
]);

function pnr(locator: string, surname: string, given: string, phoneSegment: string): string {
  return `SRC'
RCI+LA:${locator}::150924:1000'
TIF+${surname}+${given}:A:1'
${phoneSegment}
TKT+07400000000${locator.slice(-2)}:T:1'
FOP+CC:::VI:XXXXXXXXXXXX4242:0127'
TVL+011024:2200:021024:1430+GRU+AMS+LA+800:Y'`;
}

const phone = '5511999990000';
// Four PNRs behind one phone, written three ways; SANTOS/PEDRO is family of SANTOS/MARIA (related, not counted).
const pnrgov = `UNA:+.? '
UNB+UNOA:4+LODAIR:ZZ+NLDPIU:ZZ+241001:0800+PNR000043++PNRGOV'
UNH+1+PNRGOV:13:1:IA+LA0800/011024/2200+01:F'
MSG+:22'
ORG+LA:GRU++++A+BR:BRL'
TVL+011024:2200:021024:1430+GRU+AMS+LA+800'
EQN+4'
${pnr('SHR001', 'SANTOS', 'MARIA MRS', `SSR+CTCM:HK:1:LA:::::/${phone}'`)}
${pnr('SHR002', 'PEREIRA', 'LUCAS MR', `ADD++700:RUA A:SAO PAULO:::BR:01000:00${phone}'`)}
${pnr('SHR003', 'SANTOS', 'PEDRO MR', `SSR+CTCM:HK:1:LA:::::/?+55 11 99999-0000'`)}
${pnr('SHR004', 'LIMA', 'ANA MS', `SSR+CTCM:HK:1:LA:::::/5511888880000'`)}
UNT+40+1'
UNZ+1+PNR000043'`;

// Three unrelated PNRs: PETROV's emergency contact (a traveller ADD) gives a home and a work number; the other two
// give the work number as their own mobile.
const work = '35922222222';
const twoPhones = (
  [
    ['SHA001', 'PETROV', 'IVAN', 'ADD++702:1 VITOSHA BLVD:SOFIA:::BG:1000:H35921111111 W 359 2 222 2222'],
    ['SHA002', 'KOVAC', 'ANA', `SSR+CTCM:HK:1:LA:::::/${work}`],
    ['SHA003', 'NOVAK', 'EVA', `SSR+CTCM:HK:1:LA:::::/00${work}`],
  ] as const
)
  .map(
    ([locator, surname, given, contact]) =>
      `SRC'RCI+LA:${locator}::150924:1000'TIF+${surname}+${given}:A:1'${contact}'TVL+011024:2200:021024:1430+GRU+AMS+LA+800:Y'`,
  )
  .join('');
const twoPhonesPush = `UNB+UNOA:4+LODAIR:ZZ+NLDPIU:ZZ+241001:0800+PNR000044++PNRGOV'UNH+1+PNRGOV:13:1:IA+X'MSG+:22'TVL+011024:2200:021024:1430+GRU+AMS+LA+800'${twoPhones}UNT+20+1'UNZ+1+PNR000044'`;

describe('facts from hand-written messages', () => {
  const lists = parsePaxlst(paxlst).lists;

  it('long-haul from the airports’ coordinates, else from the UTC-corrected duration, else unknown', () => {
    const byDistance = buildFlightFacts(lists, [], { airports });
    assert.equal(byDistance.flight.distanceKm, Math.round(greatCircleKm(-23.4356, -46.4731, 52.3086, 4.7639)));
    assert.ok(byDistance.flight.distanceKm > 9000);
    assert.deepEqual([byDistance.flight.durationMinutes, byDistance.flight.longHaul], [690, true]);
    assert.deepEqual([byDistance.flight.departureCountry, byDistance.flight.arrivalCountry], ['BRA', 'NLD']);
    const byDuration = buildFlightFacts(lists, [], {});
    assert.deepEqual([byDuration.flight.distanceKm, byDuration.flight.longHaul], [undefined, true]);
    const given = buildFlightFacts(lists, [], { distanceKm: 900 });
    assert.equal(given.flight.longHaul, false, 'a given distance wins over the duration');
  });

  it('no bags on a long-haul flight and a freshly issued passport fire for SILVA only', () => {
    const facts = buildFlightFacts(lists, [], { airports });
    const silva = facts.travellers[0]!;
    assert.deepEqual(
      [silva.bags, silva.document?.issuedOn, silva.document?.daysIssuedBeforeDeparture],
      [0, '2024-09-20', 11],
    );
    const rules = [builtinRule('no-bags-long-haul'), builtinRule('document-issued-recently')];
    const hits = evaluateRules(rules, facts);
    assert.deepEqual(
      hits.map((h) => [h.ruleId, h.subject.kind === 'traveller' ? h.subject.surname : '']),
      [
        ['no-bags-long-haul', 'SILVA'],
        ['document-issued-recently', 'SILVA'],
      ],
    );
    assert.deepEqual(hits[1]!.matched, [
      {
        fact: 'traveller.document.daysIssuedBeforeDeparture',
        op: 'between',
        expected: [0, 30],
        actual: 11,
        negated: false,
      },
    ]);
  });

  it('counts unrelated bookings sharing one phone, written differently, across the flight and a window', () => {
    const push = parsePnrgov(pnrgov).messages[0]!;
    const facts = buildFlightFacts([], push.bookings, { pnrgovFlight: push.flight });
    assert.equal(facts.flight.number, '800');
    assert.deepEqual(
      facts.bookings.map((b) => [b.locator, b.shared.phoneBookings, b.shared.cardBookings]),
      [
        ['SHR001', 2, 3],
        ['SHR002', 3, 4],
        ['SHR003', 2, 3],
        ['SHR004', 1, 4],
      ],
    );
    const hits = evaluateRules([builtinRule('shared-contact')], facts);
    assert.deepEqual(
      hits.map((h) => (h.subject.kind === 'booking' ? h.subject.locator : '')),
      ['SHR001', 'SHR002', 'SHR003', 'SHR004'],
      'the one masked card is behind all four',
    );
    assert.deepEqual(
      hits[1]!.matched.map((m) => [m.fact, m.actual]),
      [
        ['booking.shared.phoneBookings', 3],
        ['booking.shared.cardBookings', 4],
      ],
    );
    // Another flight's PNR in the window with the same phone makes one more.
    const other = parsePnrgov(pnrgov.replaceAll('SHR00', 'OTH00').replaceAll('SANTOS', 'ROCHA')).messages[0]!;
    const windowed = buildFlightFacts([], push.bookings, {
      pnrgovFlight: push.flight,
      windowBookings: [other.bookings[0]!],
    });
    assert.equal(windowed.bookings[0]!.shared.phoneBookings, 3);
    assert.ok(windowed.bookings[0]!.shared.values.includes(phone));
  });

  it('counts every number of an ADD that gives two, not only the first', () => {
    const push = parsePnrgov(twoPhonesPush).messages[0]!;
    const petrov = push.bookings[0]!;
    assert.deepEqual(petrov.travellers[0]!.addresses[0]!.phones, ['35921111111', '359 2 222 2222']);
    assert.deepEqual(contactCardOf(petrov).phones, ['35921111111', work]);
    const facts = buildFlightFacts([], push.bookings, { pnrgovFlight: push.flight });
    assert.deepEqual(
      facts.bookings.map((b) => [b.locator, b.shared.phoneBookings]),
      [
        ['SHA001', 3],
        ['SHA002', 3],
        ['SHA003', 3],
      ],
    );
    const hits = evaluateRules([builtinRule('shared-contact')], facts);
    assert.deepEqual(
      hits.map((h) => (h.subject.kind === 'booking' ? h.subject.locator : '')),
      ['SHA001', 'SHA002', 'SHA003'],
    );
  });
});
