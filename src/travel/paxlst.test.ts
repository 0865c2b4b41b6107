import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isEdifactParseError } from './edifact-errors.js';
import { parsePaxlst } from './paxlst.js';
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
    assert.deepEqual(t.bags, { count: 2, weight: 31.5, weightUnit: 'KGM', tags: ['LA123456'] });
    assert.equal(t.verified, true);
    assert.equal(t.contact, '35315550123');
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

  it('builds one leg per pair of stops, merging the intermediate airport', () => {
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

  it('reads legs from repeated TDT groups', () => {
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
    assert.equal(l.flight.flightNumber, '589');
    assert.deepEqual(l.warnings, []);
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
    assert.deepEqual(l.warnings.map((w) => w.code).sort(), ['paxlst.invalid_date', 'paxlst.unknown_country']);
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
