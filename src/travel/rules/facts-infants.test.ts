import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { lapInfants, mapPnrgov } from '../ingest-mapping.js';
import { parsePaxlst } from '../paxlst.js';
import { parsePnrgov } from '../pnrgov.js';
import { builtinRules } from './builtin.js';
import { evaluateRules } from './evaluate.js';
import { buildFlightFacts } from './facts.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/travel/${name}`, import.meta.url));

// A PNRGOV push for LA417 CDG–AMS of 1 October 2024 holding one booking, ABC123, made of `segments` (from the TIFs on).
const push = (...segments: string[]) => {
  const body = [
    'MSG+:22',
    'ORG+LA:AMS++++A+NL:EUR',
    'TVL+011024:1210::1335+CDG+AMS+LA+417',
    'EQN+1',
    'SRC',
    'RCI+LA:ABC123::150924:1022',
    ...segments,
    'TVL+011024:1210::1335+CDG+AMS+LA+417:Y',
  ];
  const text = `UNB+UNOA:4+S+R+240901:1200+I1'UNH+1+PNRGOV:13:1:IA+X'${body.join("'")}'UNT+${body.length + 2}+1'UNZ+1+I1'`;
  return parsePnrgov(text).messages[0]!;
};

const siobhan = [
  'TIF+ONEILL+SIOBHAN MRS:A:1:1',
  'SSR+DOCS:HK:1:LA:::::/P/IRL/PE1234567/IRL/12MAR85/F/11FEB30/ONEILL/SIOBHAN',
];
const infant = (surname: string) => [
  `SSR+INFT:HK:1:LA:::::/${surname}/AOIFE/03MAR24`,
  `SSR+DOCS:HK:1:LA:::::/P/IRL/PE7654321/IRL/03MAR24/FI/02MAR29/${surname}/AOIFE`,
];

/** The facts of a push, and the built-ins that fire, as `rule key`. */
function factsOf(message: ReturnType<typeof push>, paxlst: Parameters<typeof buildFlightFacts>[0] = []) {
  const facts = buildFlightFacts(paxlst, message.bookings, { pnrgovFlight: message.flight });
  const hits = evaluateRules(builtinRules, facts).map(
    (h) => `${h.ruleId} ${h.subject.kind === 'traveller' ? h.subject.key : ''}`,
  );
  return { facts, hits };
}

describe('buildFlightFacts: an infant on a lap with no TIF of its own', () => {
  it('is a traveller, keyed to its stored row, its age from its birth date, its document its own', () => {
    const message = push(...siobhan, ...infant('ONEILL'));
    const { facts } = factsOf(message);
    assert.deepEqual(
      facts.travellers.map((t) => [t.key, t.role, t.surname, t.givenNames]),
      [
        ['pnr:ABC123:1', 'passenger', 'ONEILL', 'SIOBHAN'],
        ['pnr:ABC123:1/INF', 'infant', 'ONEILL', 'AOIFE'],
      ],
    );
    const [mother, baby] = facts.travellers;
    // The alert of a hit on the infant attaches to the row ingestion stores for it.
    const row = mapPnrgov(message, '2024-10-01')!.travellers.find((r) => r.role === 'infant')!;
    assert.deepEqual(baby!.rowKeys, { api: undefined, pnr: lapInfants(message.bookings[0]!)[0]!.key });
    assert.equal(baby!.rowKeys?.pnr, row.travellerKey);
    assert.deepEqual(
      [baby!.dateOfBirth, baby!.age, baby!.minor, baby!.adult, baby!.nationality, baby!.bags, baby!.seat],
      ['2024-03-03', 0, true, false, 'IRL', undefined, undefined],
    );
    assert.equal(baby!.document?.number, 'PE7654321');
    assert.equal(mother!.document?.number, 'PE1234567', 'the infant’s passport is not the mother’s');
    assert.equal(mother!.dateOfBirth, '1985-03-12');
    assert.deepEqual([facts.flight.travellerCount, facts.flight.passengerCount], [2, 2]);
    const booking = facts.bookings[0]!;
    assert.deepEqual([booking.travellerCount, booking.adultCount, booking.minorCount], [2, 1, 1]);
  });

  it('travelling with an adult of its surname raises no minor-with-adults-of-another-surname', () => {
    const { facts, hits } = factsOf(push(...siobhan, ...infant('ONEILL')));
    assert.deepEqual(facts.travellers[1]!.companions, {
      count: 1,
      adultCount: 1,
      adultsSameSurname: 1,
      adultsOtherSurname: 0,
      otherSurnames: [],
    });
    assert.deepEqual(
      hits.filter((h) => h.startsWith('minor-') || h.startsWith('unaccompanied-')),
      [],
    );
  });

  it('travelling only with adults of another surname raises it, on the infant', () => {
    const { facts, hits } = factsOf(push(...siobhan, ...infant('MURPHY')));
    assert.equal(facts.travellers[1]!.companions?.adultsOtherSurname, 1);
    assert.deepEqual(
      hits.filter((h) => h.startsWith('minor-') || h.startsWith('unaccompanied-')),
      ['minor-with-adults-of-another-surname pnr:ABC123:1/INF'],
    );
    // An adult of the infant's surname on the booking is taken for family, as for any minor.
    const father = [
      'TIF+MURPHY+SEAN MR:A:2',
      'SSR+DOCS:HK:1:LA:::::/P/IRL/PE3333333/IRL/01JAN80/M/11FEB30/MURPHY/SEAN',
    ];
    const withFather = factsOf(push(...siobhan, ...infant('MURPHY'), ...father));
    assert.ok(!withFather.hits.some((h) => h.startsWith('minor-')), withFather.hits.join(', '));
  });

  it('known by its DOCO alone (no name) raises no surname indicator: its surname is unknown', () => {
    const { facts, hits } = factsOf(push(...siobhan, 'SSR+DOCO:HK:1:LA:::::/DUBLIN/V/V12345/NLD/01SEP24/NLD/I'));
    const baby = facts.travellers[1]!;
    assert.deepEqual([baby.key, baby.role, baby.surname, baby.minor], ['pnr:ABC123:1/INF', 'infant', '', true]);
    assert.deepEqual(
      [baby.companions?.adultCount, baby.companions?.adultsSameSurname, baby.companions?.adultsOtherSurname],
      [1, 0, 0],
    );
    assert.ok(!hits.some((h) => h.startsWith('minor-') || h.startsWith('unaccompanied-')), hits.join(', '));
  });

  it('is linked to the passenger list’s copy of it, not counted twice', () => {
    const list = parsePaxlst(
      [
        "UNA:+.? 'UNB+UNOA:4+S:ZZ+R:ZZ+241001:0930+IC1++APIS'UNH+M1+PAXLST:D:05B:UN:IATA+LA417/241001/1210+01:F'",
        "BGM+745'TDT+20+LA417+++LA'LOC+125+CDG'DTM+189:2410011210:201'LOC+87+AMS'DTM+232:2410011335:201'",
        "NAD+FL+++ONEILL:SIOBHAN'ATT+2++F'DTM+329:850312'NAT+2+IRL'RFF+AVF:ABC123'DOC+P:110:111+PE1234567'",
        "NAD+FL+++ONEILL:AOIFE'ATT+2++F'DTM+329:240303'NAT+2+IRL'RFF+AVF:ABC123'DOC+P:110:111+PE7654321'",
        "CNT+42:2'UNT+19+M1'UNZ+1+IC1'",
      ].join(''),
    ).lists;
    const { facts } = factsOf(push(...siobhan, ...infant('ONEILL')), list);
    assert.deepEqual(
      facts.travellers.map((t) => [t.key, t.source, t.role, t.rowKeys?.pnr]),
      [
        ['api:1', 'api+pnr', 'passenger', 'ABC123|1'],
        ['api:2', 'api+pnr', 'infant', 'ABC123|1/INF'],
      ],
    );
  });
});

describe('buildFlightFacts: an infant with a TIF of its own', () => {
  it('has the passport its mother’s TIF carries for it (the three-PNR push), and the infant role', () => {
    const push = parsePnrgov(fixture('pnrgov-three-pnrs.edi')).messages[0]!;
    const facts = buildFlightFacts([], push.bookings, { pnrgovFlight: push.flight });
    const aoife = facts.travellers.find((t) => t.key === 'pnr:QX7P2L:3')!;
    const mother = facts.travellers.find((t) => t.key === 'pnr:QX7P2L:1')!;
    assert.deepEqual([aoife.givenNames, aoife.role, aoife.nationality], ['AOIFE', 'infant', 'IRL']);
    assert.deepEqual(aoife.document, {
      type: 'P',
      number: 'PE7654321',
      issuer: 'IRL',
      issuedOn: undefined,
      expiresOn: '2029-03-02',
      daysIssuedBeforeDeparture: undefined,
      issuerDiffersFromNationality: false,
    });
    assert.equal(mother.document?.number, 'PE1234567');
    assert.equal(facts.flight.passengerCount, facts.flight.travellerCount, 'an infant is a passenger');
  });

  it('has the passport its own TIF carries (gender FI), its birth date from it', () => {
    const { facts } = factsOf(
      push(
        ...siobhan,
        'TIF+ONEILL+AOIFE:IN:2',
        'SSR+DOCS:HK:1:LA:::::/P/IRL/PE7654321/IRL/03MAR24/FI/02MAR29/ONEILL/AOIFE',
      ),
    );
    const baby = facts.travellers.find((t) => t.key === 'pnr:ABC123:2')!;
    assert.deepEqual(
      [baby.role, baby.dateOfBirth, baby.age, baby.document?.number],
      ['infant', '2024-03-03', 0, 'PE7654321'],
    );
    assert.equal(facts.travellers.length, 2, 'no lap infant besides the one with a TIF');
  });
});
