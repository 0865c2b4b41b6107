import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isEdifactParseError } from './edifact-errors.js';
import { assemblePaxlst, isPartialList, partWarnings } from './paxlst-assembly.js';
import { parsePaxlst, type PaxlstList } from './paxlst.js';
import { syntheticPaxlst } from './paxlst-synthetic.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/travel/${name}`, import.meta.url));

describe('parsePaxlst: D05B passenger list', () => {
  const ix = parsePaxlst(fixture('paxlst-d05b-passengers.edi'));
  const list = ix.lists[0]!;

  it('reads the list, the reporting party and the flight', () => {
    assert.equal(ix.kind, 'paxlst-interchange');
    assert.equal(ix.lists.length, 1);
    assert.equal(list.kind, 'paxlst');
    assert.equal(list.directory, 'D05B');
    assert.equal(list.listType, 'passenger');
    assert.equal(list.documentCode, '745');
    assert.equal(list.transactionReference, 'BA987654321');
    assert.deepEqual(list.reportingParty, {
      name: 'LODESTAR AIR CONTROL',
      phone: '31205550100',
      fax: '31205550101',
      email: 'api@lodair.example',
      contactName: undefined,
    });
    assert.equal(list.flight.carrier, 'LA');
    assert.equal(list.flight.flightNumber, '417');
    assert.equal(list.flight.journeyId, 'LA0417');
    assert.equal(list.flight.origin, 'CDG');
    assert.equal(list.flight.destination, 'AMS');
    assert.equal(list.flight.scheduledDeparture, '2024-10-01T12:10');
    assert.equal(list.flight.scheduledArrival, '2024-10-01T13:35');
    assert.equal(list.flight.legs.length, 1);
    assert.equal(list.referenceDate, '2024-10-01');
    assert.deepEqual(list.warnings, []);
  });

  it('counts travellers and documents and checks CNT', () => {
    assert.equal(list.travellers.length, 3);
    assert.equal(list.passengerCount, 3);
    assert.equal(list.crewCount, 0);
    assert.equal(list.declaredPassengers, 3);
    assert.deepEqual(
      list.travellers.map((t) => t.documents.length),
      [1, 2, 1],
    );
  });

  it('reads every field of a traveller', () => {
    const t = list.travellers[0]!;
    assert.equal(t.role, 'passenger');
    assert.equal(t.inTransit, false);
    assert.equal(t.surname, "O'NEILL");
    assert.equal(t.givenNames, 'SIOBHAN MARIE');
    assert.equal(t.gender, 'F');
    assert.equal(t.dateOfBirth, '1985-03-12');
    assert.deepEqual(t.nationality, { code: 'IRL', key: 'IRL', known: true });
    assert.equal(t.placeOfBirth, 'CORK');
    assert.equal(t.countryOfBirth?.code, 'IRL');
    assert.equal(t.residence?.code, 'IRL');
    assert.deepEqual(t.address, {
      street: '12 QUAY STREET',
      city: 'DUBLIN',
      subentity: '',
      postcode: 'D02 X285',
      country: { code: 'IRL', key: 'IRL', known: true },
    });
    assert.equal(t.embarkation, 'CDG');
    assert.equal(t.debarkation, 'AMS');
    assert.equal(t.clearance, 'AMS');
    assert.equal(t.recordLocator, 'QX7P2L');
    assert.equal(t.seat, '14C');
    assert.equal(t.ticketNumber, '0742345678901');
    assert.deepEqual(t.bags, {
      count: 2,
      weight: 31.5,
      weightUnit: 'KGM',
      tags: ['LA123456'],
      tagRuns: [{ first: 'LA123456', count: 2 }],
    });
    assert.equal(t.verified, true);
    assert.equal(t.contact, '35315550123');
    assert.deepEqual(t.contacts, [{ value: '35315550123', type: 'TE' }]);
    assert.equal(t.references.length, 4);
    const doc = t.documents[0]!;
    assert.equal(doc.type, 'P');
    assert.equal(doc.number, 'PE1234567');
    assert.equal(doc.expiry, '2030-02-11');
    assert.equal(doc.issued, '2020-02-12');
    assert.equal(doc.issuingState?.code, 'IRL');
    assert.equal(t.segment, 11);
    assert.ok(fixture('paxlst-d05b-passengers.edi').toString('utf8').startsWith('NAD+FL', t.offset));
  });

  it('understands ICAO codes and infers centuries against the flight date', () => {
    const child = list.travellers[1]!;
    assert.deepEqual(child.nationality, { code: 'D', key: 'DEU', known: true });
    assert.equal(child.dateOfBirth, '2015-07-04'); // 15 → 2015: born before the 2024 flight
    assert.equal(child.documents[0]!.issuingState?.key, 'DEU');
    assert.equal(child.documents[1]!.type, 'V');
    assert.equal(child.documents[1]!.expiry, '2025-01-01');
    const refugee = list.travellers[2]!;
    assert.equal(refugee.nationality?.code, 'XXB');
    assert.equal(refugee.dateOfBirth, '2001-01-01');
  });

  it('returns data that is read-only by type, and that stays as it is while other messages are read', () => {
    // Not frozen at run time (see paxlst.ts): the types forbid writing, which `npm run typecheck` checks here.
    // @ts-expect-error a parsed traveller is read-only
    const write = () => (list.travellers[0]!.surname = 'SOMEONE ELSE');
    const before = JSON.stringify(ix);
    parsePaxlst(syntheticPaxlst({ seed: 3, travellers: 300 }));
    assert.equal(JSON.stringify(ix), before);
    assert.equal(typeof write, 'function'); // (never called)
  });
});

describe('parsePaxlst: D02B crew list', () => {
  const list = parsePaxlst(fixture('paxlst-d02b-crew.edi')).lists[0]!;

  it('reads crew members, their functions and crew certificates', () => {
    assert.equal(list.directory, 'D02B');
    assert.equal(list.listType, 'crew');
    assert.equal(list.messageFunction, 'C');
    assert.equal(list.crewCount, 3);
    assert.equal(list.passengerCount, 0);
    assert.equal(list.declaredCrew, 3);
    assert.deepEqual(list.warnings, []);
    const [anna, kofi, aiko] = list.travellers;
    assert.equal(anna!.role, 'crew');
    assert.equal(anna!.crewFunction, 'CR1');
    assert.deepEqual(
      anna!.documents.map((d) => [d.type, d.number, d.expiry, d.issuingState?.code]),
      [
        ['P', 'EA1234567', '2029-01-01', 'POL'],
        ['AC', 'CM998877', '2026-06-01', 'GBR'],
      ],
    );
    assert.equal(anna!.address?.city, 'WARSZAWA');
    assert.equal(kofi!.givenNames, 'KOFI ADJEI');
    assert.equal(kofi!.dateOfBirth, '1990-02-28'); // DTM format 102 carries its century
    assert.equal(aiko!.qualifier, 'DDT');
    assert.equal(aiko!.inTransit, true);
    assert.equal(aiko!.debarkation, 'MEX');
    assert.equal(list.flight.scheduledArrival, '2024-03-16T01:15');
  });
});

describe('parsePaxlst: multi-leg flight with travellers in transit', () => {
  const list = parsePaxlst(fixture('paxlst-multileg-transit.edi')).lists[0]!;

  it('builds one leg per pair of stops, the route joined at the intermediate airport', () => {
    assert.deepEqual(
      list.flight.legs.map((l) => [l.departure?.airport, l.departure?.time, l.arrival?.airport, l.arrival?.time]),
      [
        ['LOS', '2024-10-01T06:10', 'ACC', '2024-10-01T07:40'],
        ['ACC', '2024-10-01T09:00', 'AMS', '2024-10-01T16:50'],
      ],
    );
    assert.equal(list.flight.origin, 'LOS');
    assert.equal(list.flight.destination, 'AMS');
  });

  it('flags in-transit passengers and keeps each traveller’s ports', () => {
    assert.equal(list.travellers.length, 3);
    const transit = list.travellers.filter((t) => t.inTransit);
    assert.deepEqual(
      transit.map((t) => [t.surname, t.embarkation, t.debarkation, t.role]),
      [['BANDA', 'ACC', 'JFK', 'passenger']],
    );
    assert.equal(list.travellers[2]!.documents[0]!.type, 'I');
    assert.deepEqual(list.warnings, []);
  });

  it('keeps the legs of a TDT naming another flight, takes the first as the flight and warns at the other', () => {
    const text = [
      "UNH+T1+PAXLST:D:05B:UN:IATA+X+01:F'BGM+745'",
      "TDT+20+KL0589+++KL'LOC+125+LOS'DTM+189:2410012200:201'LOC+87+AMS'DTM+232:2410020530:201'",
      "TDT+20+KL0641+++KL'LOC+125+AMS'DTM+189:2410020900:201'LOC+87+JFK'DTM+232:2410021130:201'",
      "NAD+FL+++MENSAH:AMA'CNT+42:1'UNT+15+T1'",
    ].join('');
    const l = parsePaxlst(text, { referenceDate: '2024-10-01' }).lists[0]!;
    assert.deepEqual(
      l.flight.legs.map((x) => `${x.carrier}${x.flightNumber} ${x.departure?.airport}-${x.arrival?.airport}`),
      ['KL589 LOS-AMS', 'KL641 AMS-JFK'],
    );
    // KL589 itself, not KL589 flying on to KL641's destination at KL641's time.
    const { carrier, flightNumber, origin, destination, scheduledDeparture, scheduledArrival } = l.flight;
    assert.deepEqual(
      [carrier, flightNumber, origin, destination, scheduledDeparture, scheduledArrival],
      ['KL', '589', 'LOS', 'AMS', '2024-10-01T22:00', '2024-10-02T05:30'],
    );
    assert.deepEqual(
      l.warnings.map((w) => [w.code, w.segment, text.slice(w.offset, w.offset + 14)]),
      [['paxlst.several_flights', 8, 'TDT+20+KL0641+']],
    );
    assert.match(l.warnings[0]!.message, /flight KL641, not KL589 of the first TDT/);
  });
});

describe('parsePaxlst: totals, unknown segments, bad lists', () => {
  const message = (body: string, unt: number) =>
    `UNH+X1+PAXLST:D:05B:UN:IATA'BGM+745'TDT+20+LA1+++LA'LOC+125+CDG'DTM+189:2410011210:201'${body}UNT+${unt}+X1'`;

  it('warns when CNT disagrees with the travellers found', () => {
    const l = parsePaxlst(message("NAD+FL+++A:B'NAD+FM+++C:D'CNT+42:5'CNT+41:1'", 10)).lists[0]!;
    assert.deepEqual(
      l.warnings.map((w) => w.code),
      ['paxlst.cnt_mismatch'],
    );
    assert.match(l.warnings[0]!.message, /declares 5 passengers, the list holds 1/);
    assert.equal(l.crewCount, 1);
  });

  it('reads a list whose CNT gives no count it can read, with a warning where the CNT is', () => {
    const text = message("NAD+FL+++A:B'NAD+FM+++C:D'CNT+42:many'CNT+41+1'", 10);
    const l = parsePaxlst(text).lists[0]!;
    assert.equal(l.travellers.length, 2);
    assert.equal(l.declaredPassengers, undefined);
    assert.equal(l.declaredCrew, undefined);
    assert.deepEqual(
      l.warnings.map((w) => [w.code, w.segment, text.slice(w.offset, w.offset + 8)]),
      [
        ['paxlst.cnt_mismatch', 8, 'CNT+42:m'],
        ['paxlst.cnt_mismatch', 9, 'CNT+41+1'],
      ],
    );
    assert.match(l.warnings[0]!.message, /CNT\+42 gives no count \(found "many", expected CNT\+42:n\)/);
    assert.match(l.warnings[1]!.message, /CNT\+41 gives no count \(found nothing, expected CNT\+41:n\)/);
  });

  it('keeps unknown segments and warns on unknown countries and bad dates', () => {
    const l = parsePaxlst(message("NAD+FL+++A:B'NAT+2+QQQ'DTM+329:991399'ZZZ+1'CNT+42:1'", 11)).lists[0]!;
    assert.deepEqual(
      l.unknownSegments.map((s) => s.tag),
      ['ZZZ'],
    );
    assert.deepEqual(l.warnings.map((w) => w.code).sort(), [
      'paxlst.invalid_date',
      'paxlst.unknown_country',
      'paxlst.unknown_segment',
    ]);
    assert.equal(l.travellers[0]!.nationality?.known, false);
    assert.equal(l.travellers[0]!.dateOfBirth, undefined);
  });

  it('keeps unknown segments whole after the next interchange is read into the same table', () => {
    const l = parsePaxlst(message("NAD+FL+++A:B'ZZZ+1:2+TH?+REE'CNT+42:1'", 9)).lists[0]!;
    parsePaxlst(syntheticPaxlst({ seed: 9, travellers: 300, lineBreak: '' }));
    const [zzz] = l.unknownSegments;
    assert.deepEqual([zzz!.tag, zzz!.index, zzz!.elements], ['ZZZ', 7, [['1', '2'], ['TH+REE']]]);
  });

  it('rejects a list without BGM or TDT and a message of another type', () => {
    const codes = (text: string) => {
      try {
        parsePaxlst(text);
      } catch (error) {
        assert.ok(isEdifactParseError(error));
        return [error.code, error.tag, error.expected];
      }
      return [];
    };
    assert.deepEqual(codes("UNH+A+PAXLST:D:05B:UN:IATA'TDT+20+LA1'UNT+3+A'").slice(0, 2), [
      'paxlst.missing_segment',
      'UNT',
    ]);
    assert.match(String(codes("UNH+A+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+A'")[2]), /TDT/);
    assert.deepEqual(codes("UNH+A+PNRGOV:11:1:IA'UNT+2+A'").slice(0, 2), ['edifact.wrong_message_type', 'UNH']);
  });

  it('rejects a TDT that names no flight, at the TDT', () => {
    const refused = (tdt: string) => {
      const text = `UNH+A+PAXLST:D:05B:UN:IATA'BGM+745'${tdt}'LOC+125+CDG'NAD+FL+++A:B'UNT+6+A'`;
      try {
        parsePaxlst(text);
      } catch (error) {
        assert.ok(isEdifactParseError(error));
        return [error.code, error.segment, error.tag, text.slice(error.offset, error.offset + 3), error.found];
      }
      return [];
    };
    assert.deepEqual(refused('TDT+20'), ['paxlst.invalid_value', 3, 'TDT', 'TDT', 'none']);
    assert.deepEqual(refused('TDT+20++++LA'), ['paxlst.invalid_value', 3, 'TDT', 'TDT', 'none']);
    assert.deepEqual(refused('TDT+20+0417'), [
      'paxlst.invalid_value',
      3,
      'TDT',
      'TDT',
      'journey id "0417" and no carrier',
    ]);
  });

  it('splits a journey id into carrier and flight number, the carrier of element 5 first', () => {
    const flightOf = (tdt: string) => {
      const l = parsePaxlst(`UNH+A+PAXLST:D:05B:UN:IATA'BGM+745'${tdt}'LOC+125+CDG'UNT+5+A'`).lists[0]!;
      return `${l.flight.carrier} ${l.flight.flightNumber}`;
    };
    assert.equal(flightOf('TDT+20+LA0417+++LA'), 'LA 417');
    assert.equal(flightOf('TDT+20+0417+++LA'), 'LA 417');
    assert.equal(flightOf('TDT+20+417+++LA'), 'LA 417');
    assert.equal(flightOf('TDT+20+KLM1234+++KL'), 'KL 1234');
    assert.equal(flightOf('TDT+20+KLM1234'), 'KLM 1234');
    assert.equal(flightOf('TDT+20+U21234'), 'U2 1234');
    assert.equal(flightOf('TDT+20+3U8888'), '3U 8888');
    assert.equal(flightOf('TDT+20+BA0117A+++BA'), 'BA 117A');
  });

  it('places birth years on the right side of the century boundary', () => {
    const l = parsePaxlst(
      message("NAD+FL+++A:B'DTM+329:241002'NAD+FL+++C:D'DTM+329:241001'NAD+FL+++E:F'DTM+329:000229'", 12),
    ).lists[0]!;
    // Born 2 Oct 24 cannot be after a 1 Oct 2024 flight: 1924. 29 Feb 00 exists in 2000.
    assert.deepEqual(
      l.travellers.map((t) => t.dateOfBirth),
      ['1924-10-02', '2024-10-01', '2000-02-29'],
    );
  });

  it('parses synthetic lists of hundreds of travellers', () => {
    const l = parsePaxlst(syntheticPaxlst({ seed: 7, travellers: 400, lineBreak: '' })).lists[0]!;
    assert.equal(l.travellers.length, 400);
    assert.equal(l.declaredPassengers, 400);
    assert.deepEqual(l.warnings, []);
    assert.ok(l.travellers.every((t) => t.documents.length === 1 && t.dateOfBirth !== undefined));
  });
});

/**
 * An interchange of PAXLST messages, each given as its segments between UNH and UNT (no terminators), its UNT counted;
 * `sequences[i]` is message i's UNH sequence (S010), none when undefined.
 */
function interchange(
  messages: readonly (readonly string[])[],
  sequences: readonly (string | undefined)[] = [],
  una = "UNA:+.? '",
): string {
  const body = messages.map((segments, i) => {
    const sequence = sequences[i] === undefined ? '' : `+${sequences[i]}`;
    return [
      `UNH+M${i}+PAXLST:D:05B:UN:IATA+LA0417/241001/1210${sequence}`,
      ...segments,
      `UNT+${segments.length + 2}+M${i}`,
    ];
  });
  const segments = [`UNB+UNOA:4+S:ZZ+R:ZZ+241001:0930+IC1++APIS`, ...body.flat(), `UNZ+${messages.length}+IC1`];
  return una + segments.map((s) => `${s}'`).join('');
}

/** The header of a list for flight LA417 CDG–AMS: BGM and the TDT group. */
const flightHeader = [
  'BGM+745',
  'TDT+20+LA0417+++LA',
  'LOC+125+CDG',
  'DTM+189:2410011210:201',
  'LOC+87+AMS',
  'DTM+232:2410011335:201',
];

/** The one list of an interchange of one message. */
const listOf = (segments: readonly string[], sequence: string | undefined = '01:F', una?: string) =>
  parsePaxlst(interchange([segments], [sequence], una)).lists[0]!;

const legsOf = (l: PaxlstList) =>
  l.flight.legs.map(
    (x) => `${x.departure?.airport}@${x.departure?.time ?? ''}-${x.arrival?.airport}@${x.arrival?.time ?? ''}`,
  );

describe('parsePaxlst: legs from proper pairs only', () => {
  it('never joins the arrival of one pair to the departure of another (LOC+92 after LOC+87)', () => {
    const l = listOf([
      'BGM+745',
      'TDT+20+UA0900+++UA',
      'LOC+125+FRA',
      'DTM+189:2410011000:201',
      'LOC+87+JFK',
      'DTM+232:2410011300:201',
      'LOC+92+BOS',
      'DTM+189:2410011600:201',
      'LOC+92+SFO',
      'DTM+232:2410012000:201',
      'NAD+FL+++A:B',
      'CNT+42:1',
    ]);
    assert.deepEqual(legsOf(l), [
      'FRA@2024-10-01T10:00-JFK@2024-10-01T13:00',
      'BOS@2024-10-01T16:00-SFO@2024-10-01T20:00',
    ]);
    // The routing leg BOS–SFO does not begin where the flight lands: the flight ends at JFK.
    assert.deepEqual(
      [l.flight.origin, l.flight.destination, l.flight.scheduledArrival],
      ['FRA', 'JFK', '2024-10-01T13:00'],
    );
    assert.deepEqual(l.warnings, []);
  });

  it('keeps LOC+130 as the final destination, never a leg end, and the arrival time', () => {
    const l = listOf([...flightHeader, 'LOC+130+JFK', 'NAD+FL+++A:B', 'CNT+42:1']);
    assert.deepEqual(legsOf(l), ['CDG@2024-10-01T12:10-AMS@2024-10-01T13:35']);
    assert.deepEqual(
      [l.flight.destination, l.flight.scheduledArrival, l.flight.finalDestination],
      ['AMS', '2024-10-01T13:35', 'JFK'],
    );
    assert.deepEqual(l.warnings, []);
  });

  it('follows a route through shared airports: routing stops, a stop with both times, repeated TDTs of one flight', () => {
    const through = listOf([
      'BGM+745',
      'TDT+20+LA500+++LA',
      'LOC+92+LOS',
      'DTM+189:2410010610:201',
      'LOC+92+ACC',
      'DTM+232:2410010740:201',
      'DTM+189:2410010900:201',
      'LOC+92+AMS',
      'DTM+232:2410011650:201',
      'NAD+FL+++A:B',
      'CNT+42:1',
    ]);
    assert.deepEqual(legsOf(through), [
      'LOS@2024-10-01T06:10-ACC@2024-10-01T07:40',
      'ACC@2024-10-01T09:00-AMS@2024-10-01T16:50',
    ]);
    const repeated = listOf([
      'BGM+745',
      'TDT+20+LA500+++LA',
      'LOC+87+ACC',
      'DTM+232:2410010740:201',
      'LOC+125+LOS',
      'DTM+189:2410010610:201',
      'TDT+20+LA0500+++LA',
      'LOC+125+ACC',
      'DTM+189:2410010900:201',
      'LOC+87+AMS',
      'DTM+232:2410011650:201',
      'NAD+FL+++A:B',
      'CNT+42:1',
    ]);
    assert.deepEqual(legsOf(repeated), legsOf(through));
    for (const l of [through, repeated]) {
      assert.deepEqual(
        [l.flight.origin, l.flight.scheduledDeparture, l.flight.destination, l.flight.scheduledArrival],
        ['LOS', '2024-10-01T06:10', 'AMS', '2024-10-01T16:50'],
      );
      assert.deepEqual(l.warnings, []);
    }
  });
});

describe('parsePaxlst: multi-part lists', () => {
  const parts = (sequences: readonly (string | undefined)[]) =>
    parsePaxlst(
      interchange(
        sequences.map((_, i) => [...flightHeader, `NAD+FL+++P${i + 1}:X`]),
        sequences,
      ),
    ).lists;

  it('reads a middle part without a position as a part still followed by others', () => {
    const lists = parts(['01:C', '02', '03:F']);
    assert.deepEqual(
      lists.map((l) => l.part),
      [
        { number: 1, final: false },
        { number: 2, final: false },
        { number: 3, final: true },
      ],
    );
    assert.ok(lists.every(isPartialList));
    const whole = assemblePaxlst(lists);
    assert.deepEqual(
      whole.travellers.map((t) => t.surname),
      ['P1', 'P2', 'P3'],
    );
    assert.deepEqual(partWarnings(lists[2]!, lists), [
      {
        code: 'paxlst.cnt_missing',
        message: 'no CNT in any of the 3 parts: the list total was not checked',
        segment: 0,
        offset: 0,
      },
    ]);
  });

  it('reads part 01 marked F or not at all as a whole list, and checks its totals', () => {
    for (const sequence of ['01:F', '01']) {
      const l = listOf([...flightHeader, 'NAD+FL+++A:B', 'CNT+42:2'], sequence);
      assert.deepEqual(l.part, { number: 1, final: true });
      assert.equal(isPartialList(l), false);
      assert.deepEqual(
        l.warnings.map((w) => w.code),
        ['paxlst.cnt_mismatch'],
      );
    }
  });
});

describe('parsePaxlst: nothing dropped unseen', () => {
  it('warns once per tag not interpreted, with the count, at its first segment', () => {
    const text = interchange([[...flightHeader, 'ZZZ+1', 'NAD+FL+++A:B', 'QQQ+X', 'ZZZ+2', 'CNT+42:1']]);
    const l = parsePaxlst(text).lists[0]!;
    assert.deepEqual(
      l.warnings.map((w) => [w.code, w.message, w.segment, text.slice(w.offset, w.offset + 5)]),
      [
        ['paxlst.unknown_segment', '2 ZZZ segments not interpreted', 8, 'ZZZ+1'],
        ['paxlst.unknown_segment', '1 QQQ segment not interpreted', 10, 'QQQ+X'],
      ],
    );
  });

  it('keeps what it does not interpret: EMP and GEI outside a traveller, unknown GEI and MEA, a second CTA', () => {
    const l = listOf([
      'BGM+745',
      'NAD+MS+++LODAIR API',
      'CTA+IC+:JANE DOE',
      'CTA+IC+:JOHN DOE',
      'TDT+20+LA0417+++LA',
      'LOC+125+CDG',
      'EMP+1+CR1',
      'GEI+4+173',
      'NAD+FL+++A:B',
      'GEI+9+ZZ',
      'GEI+4+999',
      'MEA+HT++CMT:180',
      'CNT+42:1',
    ]);
    assert.deepEqual(
      l.unknownSegments.map((s) => `${s.tag}+${s.elements.map((e) => e.join(':')).join('+')}`),
      ['CTA+IC+:JOHN DOE', 'EMP+1+CR1', 'GEI+4+173', 'GEI+9+ZZ', 'GEI+4+999', 'MEA+HT++CMT:180'],
    );
    assert.equal(l.reportingParty?.contactName, 'JANE DOE');
    const t = l.travellers[0]!;
    assert.deepEqual([t.crewFunction, t.verified, t.bags], [undefined, undefined, undefined]);
    assert.deepEqual(
      l.warnings.map((w) => w.message),
      [
        '1 CTA segment not interpreted',
        '1 EMP segment not interpreted',
        '3 GEI segments not interpreted',
        '1 MEA segment not interpreted',
      ],
    );
  });

  it('keeps every contact of a COM, and the count of consecutive bag tags', () => {
    const l = listOf([
      ...flightHeader,
      'NAD+FL+++A:B',
      'COM+123:TE+A@B.C:EM',
      'COM+456:TE',
      'FTX+BAG+++LA1:3',
      'FTX+BAG+++LA7',
      'CNT+42:1',
    ]);
    const t = l.travellers[0]!;
    assert.equal(t.contact, '123');
    assert.deepEqual(t.contacts, [
      { value: '123', type: 'TE' },
      { value: 'A@B.C', type: 'EM' },
      { value: '456', type: 'TE' },
    ]);
    assert.deepEqual(t.bags?.tags, ['LA1', 'LA7']);
    assert.deepEqual(t.bags?.tagRuns, [
      { first: 'LA1', count: 3 },
      { first: 'LA7', count: 1 },
    ]);
    assert.deepEqual(l.warnings, []);
  });

  it('reads a decimal comma, and warns of a number it cannot read', () => {
    for (const una of ["UNA:+,? '", "UNA:+.? '"]) {
      const l = listOf([...flightHeader, 'NAD+FL+++A:B', 'MEA+WT++KGM:12,5', 'MEA+CT++:2', 'CNT+42:1'], '01:F', una);
      assert.deepEqual([l.travellers[0]!.bags?.weight, l.travellers[0]!.bags?.count], [12.5, 2]);
      assert.deepEqual(l.warnings, []);
    }
    const bad = listOf([
      ...flightHeader,
      'NAD+FL+++A:B',
      'MEA+WT++KGM:12 KG',
      'MEA+CT++:1.5',
      'FTX+BAG+++LA1:X',
      'CNT+42:1',
    ]);
    const bags = bad.travellers[0]!.bags!;
    assert.deepEqual([bags.weight, bags.count, bags.tagRuns[0]?.count], [undefined, undefined, undefined]);
    assert.deepEqual(
      bad.warnings.map((w) => [w.code, w.message]),
      [
        ['paxlst.invalid_value', 'MEA+WT "12 KG" is not a number'],
        ['paxlst.invalid_value', 'MEA+CT "1.5" is not a whole number'],
        ['paxlst.invalid_value', 'FTX+BAG "X" is not a whole number'],
      ],
    );
  });

  it('warns when a whole list has no CNT, at its UNT, and not on a part of a multi-part list', () => {
    for (const sequence of ['01:F', '01', undefined]) {
      const text = interchange([[...flightHeader, 'NAD+FL+++A:B']], [sequence]);
      const l = parsePaxlst(text).lists[0]!;
      assert.deepEqual(
        l.warnings.map((w) => [w.code, w.message, text.slice(w.offset, w.offset + 4)]),
        [['paxlst.cnt_missing', 'no CNT: the list total was not checked', 'UNT+']],
      );
    }
    assert.deepEqual(listOf([...flightHeader, 'NAD+FL+++A:B'], '01:C').warnings, []);
  });
});
