import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isEdifactParseError } from './edifact-errors.js';
import { parsePnrgov } from './pnrgov.js';
import { readCtce, readDoca, readDoco, readDocs } from './pnrgov-ssr.js';

const ix = parsePnrgov(readFileSync(new URL('../../test/fixtures/travel/pnrgov-three-pnrs.edi', import.meta.url)));
const message = ix.messages[0]!;
const [family, minor, group] = message.bookings;

describe('parsePnrgov: the push', () => {
  it('reads the header: version, push type, sender, flight, PNR count', () => {
    assert.equal(ix.kind, 'pnrgov-interchange');
    assert.equal(message.kind, 'pnrgov');
    assert.equal(message.version, '13.1');
    assert.equal(message.pushType, 'full');
    assert.equal(message.sender?.system, 'LA');
    assert.equal(message.flight?.departureAirport, 'CDG');
    assert.equal(message.flight?.arrivalAirport, 'AMS');
    assert.equal(message.flight?.departure, '2024-10-01T12:10');
    assert.deepEqual(message.flight?.marketing, { carrier: 'LA', flightNumber: '417' });
    assert.equal(message.declaredPnrCount, 3);
    assert.equal(message.bookings.length, 3);
  });

  it('keeps and counts unknown segments instead of failing', () => {
    assert.deepEqual(message.unknownSegmentCounts, { XYZ: 2, QQQ: 1 });
    assert.deepEqual(
      message.unknownSegments.map((s) => s.tag),
      ['XYZ', 'XYZ', 'QQQ'],
    );
    assert.deepEqual(
      message.warnings.map((w) => w.code),
      ['pnrgov.unknown_segment', 'pnrgov.unknown_segment'],
    );
  });
});

describe('parsePnrgov: a family booking paid by card, codeshare, checked in', () => {
  it('reads locator, creation time, last change and the booking agency', () => {
    assert.equal(family!.recordLocator, 'QX7P2L');
    assert.deepEqual(family!.locators, [{ carrier: 'LA', locator: 'QX7P2L' }]);
    assert.equal(family!.createdAt, '2024-09-15T10:22');
    assert.equal(family!.lastTransactionAt, '2024-09-29T18:01');
    assert.equal(family!.agency?.agencyId, '12345675');
    assert.equal(family!.agency?.originatorType, 'T');
    assert.equal(family!.agency?.country, 'FR');
  });

  it('reads adult, child and infant travellers', () => {
    assert.deepEqual(
      family!.travellers.map((t) => [t.surname, t.givenNames, t.title, t.type, t.reference]),
      [
        ['ONEILL', 'SIOBHAN', 'MRS', 'adult', '1'],
        ['ONEILL', 'CIARAN', 'MSTR', 'child', '2'],
        ['ONEILL', 'AOIFE', '', 'infant', '3'],
      ],
    );
    const mother = family!.travellers[0]!;
    assert.equal(mother.accompaniedByInfant, true);
    assert.deepEqual(mother.infant, { surname: 'ONEILL', givenNames: 'AOIFE', dateOfBirth: '2024-03-03' });
  });

  it('reads SSR DOCS, DOCO, DOCA, CTCE and CTCM', () => {
    const mother = family!.travellers[0]!;
    assert.equal(mother.documents.length, 2);
    const passport = mother.documents[0]!;
    assert.deepEqual(
      [
        passport.type,
        passport.number,
        passport.issuingState?.code,
        passport.dateOfBirth,
        passport.gender,
        passport.expiry,
      ],
      ['P', 'PE1234567', 'IRL', '1985-03-12', 'F', '2030-02-11'],
    );
    assert.equal(passport.givenNames, 'SIOBHAN MARIE');
    assert.equal(mother.documents[1]!.infant, true);
    assert.equal(mother.dateOfBirth, '1985-03-12'); // from her own DOCS, not the infant's
    assert.equal(mother.nationality?.code, 'IRL');
    assert.deepEqual(
      mother.addresses.map((a) => [a.type, a.street, a.city, a.postcode, a.country?.code]),
      [['R', '12 QUAY STREET', 'DUBLIN', 'D02 X285', 'IRL']],
    );
    assert.deepEqual(mother.emails, ['siobhan.oneill@mail.example']);
    assert.deepEqual(mother.phones, ['35387555123']);
    const son = family!.travellers[1]!;
    assert.equal(son.dateOfBirth, '2016-06-05');
    const visa = son.documents.find((d) => d.source === 'DOCO')!;
    assert.deepEqual(
      [visa.type, visa.number, visa.placeOfBirth, visa.issued, visa.applicableCountry?.code],
      ['V', 'V55501', 'CORK', '2024-09-01', 'NLD'],
    );
    assert.equal(mother.ssrs.map((s) => s.code).join(','), 'DOCS,DOCA,CTCE,CTCM,INFT,DOCS');
  });

  it('reads tickets, fares and card payments with the masked number as sent', () => {
    const ticket = family!.travellers[0]!.tickets[0]!;
    assert.equal(ticket.number, '0742345678901');
    assert.equal(ticket.type, 'T');
    assert.deepEqual(ticket.amounts, [
      { qualifier: 'B', amount: '310.00', currency: 'EUR' },
      { qualifier: 'T', amount: '352.40', currency: 'EUR' },
    ]);
    assert.equal(ticket.issuedAt, '2024-09-15T10:25');
    assert.equal(ticket.validatingCarrier, 'LA');
    const payment = ticket.payments[0]!;
    assert.deepEqual(
      [payment.type, payment.cardVendor, payment.cardNumber, payment.cardExpiry, payment.sponsor],
      ['card', 'VI', 'XXXXXXXXXXXX1186', '0227', undefined],
    );
    assert.equal(family!.payments.length, 2);
  });

  it('reads the codeshare itinerary, seats and check-ins with bags', () => {
    assert.equal(family!.itinerary.length, 1);
    const leg = family!.itinerary[0]!;
    assert.deepEqual(leg.marketing, { carrier: 'LA', flightNumber: '417' });
    assert.deepEqual(leg.operating, { carrier: 'KL', flightNumber: '1234' });
    assert.equal(leg.codeshare, true);
    assert.equal(leg.bookingClass, 'Y');
    assert.equal(leg.partySize, 3);
    assert.equal(leg.status, 'HK');
    assert.equal(leg.equipment, '73H');
    assert.deepEqual(leg.seats, [
      { seat: '14C', travellerReference: '1' },
      { seat: '14D', travellerReference: '2' },
    ]);
    assert.equal(leg.checkIns.length, 2);
    const first = leg.checkIns[0]!;
    assert.deepEqual(
      [
        first.surname,
        first.travellerReference,
        first.sequence,
        first.seat,
        first.cabin,
        first.checkedInAt,
        first.agent,
      ],
      ['ONEILL', '1', '1', '14C', 'Y', '2024-10-01T10:05', 'LA:CDG'],
    );
    assert.deepEqual(first.bags, {
      count: 2,
      weight: 31.5,
      weightUnit: '700',
      tags: [{ carrier: 'LA', number: '123456', count: 2, destination: 'AMS' }],
    });
  });

  it('reads the history', () => {
    assert.equal(family!.history.length, 1);
    const entry = family!.history[0]!;
    assert.equal(entry.at, '2024-09-15T10:22');
    assert.deepEqual(
      entry.changes.map((c) => [c.action, c.tag]),
      [
        ['A', 'TIF'],
        ['X', 'SSR'],
      ],
    );
    assert.deepEqual(family!.historyText, ['0/O/15SEP 1022Z LA AG42 BOOKED']);
  });

  it('collects the booking’s phones and e-mails', () => {
    assert.deepEqual(family!.phones, ['35315550123', '35387555123']);
    assert.deepEqual(family!.emails, ['siobhan.oneill@mail.example']);
  });
});

describe('parsePnrgov: an unaccompanied minor paid in cash by a third party', () => {
  it('reads UMNR, the cash payment and the sponsor with the payer address', () => {
    assert.equal(minor!.recordLocator, 'RT9K4Z');
    const child = minor!.travellers[0]!;
    assert.equal(child.type, 'child');
    assert.deepEqual(child.unaccompaniedMinor, { age: 11, text: '/UM11' });
    assert.equal(child.nationality?.code, 'LBN');
    const payment = minor!.payments[0]!;
    assert.equal(payment.type, 'cash');
    assert.equal(payment.amount, '189.00');
    assert.deepEqual(payment.sponsor, { name: 'MARCO VIDAL', address: 'CALLE ALTA 3 MADRID', phone: '34600111222' });
    assert.equal(payment.payerAddress?.city, 'MADRID');
    assert.equal(minor!.itinerary.length, 1); // a one-way booking
    assert.equal(minor!.itinerary[0]!.codeshare, false);
    assert.deepEqual(minor!.remarks, ['CTCM 34600111222']);
    assert.deepEqual(minor!.phones, ['34600111222']);
  });
});

describe('parsePnrgov: a group booking with one contact', () => {
  it('reads the group, its size, the agency contact, split PNRs and non-air services', () => {
    assert.equal(group!.travellers.length, 1);
    const g = group!.travellers[0]!;
    assert.equal(g.type, 'group');
    assert.equal(g.surname, 'FUTURESTARSTOUR');
    assert.equal(g.groupSize, 12);
    assert.equal(group!.itinerary[0]!.partySize, 12);
    assert.deepEqual(group!.emails, ['bookings@agency.example']);
    assert.deepEqual(group!.phones, ['233201234567']);
    assert.deepEqual(group!.splitLocators, ['GRP556']);
    assert.equal(group!.nonAir.length, 1);
    assert.equal(group!.payments.length, 0);
  });
});

describe('parsePnrgov: a flight and an agency every booking names again', () => {
  const tvl = "TVL+011024:1210::1335+CDG+AMS+LA+0417:Y'";
  const org = "ORG+1A:MUC+12345675:AG42+CDG+LA+T+FR:EUR'";
  const body = [
    `MSG+:22'${tvl.replace(':Y', '')}EQN+2'`,
    `SRC'RCI+LA:AAA111'${org}TIF+ONE+ANNA:A:1'${tvl}RPI+1+HK'`,
    `SRC'RCI+LA:BBB222'${org}TIF+TWO+BEN:A:1'${tvl}TRA+KL+1234'RPI+2+HL'`,
    "SRC'RCI+LA:CCC333'TIF+THREE+CARL:A:1'TVL+991399:1210+CDG+AMS+LA+417'TVL+991399:1210+CDG+AMS+LA+417'",
  ].join('');
  const m = parsePnrgov(`UNB+UNOA:4+S+R+240210:1200+I1'UNH+1+PNRGOV:13:1:IA+X'${body}UNT+23+1'UNZ+1+I1'`).messages[0]!;
  const [first, second, third] = m.bookings;

  it('reads each repetition as its own leg, with what follows it in its own booking', () => {
    const [a, b] = [first!.itinerary[0]!, second!.itinerary[0]!];
    assert.deepEqual(
      [a.departure, a.arrival, a.marketing, a.bookingClass, a.status, a.partySize, a.operating, a.codeshare],
      ['2024-10-01T12:10', '2024-10-01T13:35', { carrier: 'LA', flightNumber: '417' }, 'Y', 'HK', 1, undefined, false],
    );
    assert.deepEqual(
      [b.departure, b.marketing, b.status, b.partySize, b.operating, b.codeshare],
      [
        '2024-10-01T12:10',
        { carrier: 'LA', flightNumber: '417' },
        'HL',
        2,
        { carrier: 'KL', flightNumber: '1234' },
        true,
      ],
    );
    assert.deepEqual([a.segment, b.segment], [9, 15]);
    assert.deepEqual(m.flight?.bookingClass, '');
  });

  it('reads the agency of each booking the same', () => {
    assert.deepEqual(first!.agency, second!.agency);
    assert.equal(second!.agency?.agentId, 'AG42');
  });

  it('warns about a bad date each time it is repeated', () => {
    assert.deepEqual(
      m.warnings.filter((w) => w.code === 'pnrgov.invalid_date').map((w) => w.segment),
      [21, 22],
    );
    assert.deepEqual(
      third!.itinerary.map((leg) => leg.departure),
      [undefined, undefined],
    );
  });
});

describe('parsePnrgov: versions and bad messages', () => {
  const push = (version: string, body: string, count: number) =>
    `UNB+UNOA:4+S+R+240210:1200+I1'UNH+1+PNRGOV:${version}:IA+X'${body}UNT+${count}+1'UNZ+1+I1'`;

  it('reads 10.1 and 11.1 messages', () => {
    for (const version of ['10:1', '11:1']) {
      const m = parsePnrgov(push(version, "MSG+:141'EQN+1'SRC'RCI+DL:ABC456::100210:2230'TIF+DOE+JANE:A:1'", 7))
        .messages[0]!;
      assert.equal(m.version, version.replace(':', '.'));
      assert.equal(m.pushType, 'changes');
      assert.equal(m.bookings[0]!.createdAt, '2010-02-10T22:30');
      assert.deepEqual(m.warnings, []);
    }
  });

  it('warns when EQN disagrees with the PNRs found', () => {
    const m = parsePnrgov(push('11:1', "MSG+:22'EQN+2'SRC'RCI+DL:ABC456'", 6)).messages[0]!;
    assert.deepEqual(
      m.warnings.map((w) => w.code),
      ['pnrgov.eqn_mismatch'],
    );
  });

  it('rejects PNR data before any SRC, travellers after the itinerary and another message type', () => {
    const code = (text: string) => {
      try {
        parsePnrgov(text);
      } catch (error) {
        assert.ok(isEdifactParseError(error));
        return `${error.code} ${error.tag} ${error.segment}`;
      }
      return 'no error';
    };
    assert.equal(code(push('11:1', "MSG+:22'TIF+DOE+JANE:A:1'", 4)), 'pnrgov.unexpected_segment TIF 3');
    assert.equal(
      code(push('11:1', "SRC'TVL+100210:1200+LHR+JFK+DL+1'TIF+DOE+JANE:A:1'", 5)),
      'pnrgov.unexpected_segment TIF 4',
    );
    assert.equal(code("UNH+1+PAXLST:D:05B:UN:IATA'UNT+2+1'"), 'edifact.wrong_message_type UNH 1');
  });
});

describe('PNRGOV SSR free texts', () => {
  it('reads DOCS with partial data and infant markers', () => {
    const d = readDocs('/////12JUL64/M//SMITH/JOHN', '2024-01-01');
    assert.deepEqual(
      [d.type, d.number, d.dateOfBirth, d.gender, d.surname, d.givenNames],
      ['', '', '1964-07-12', 'M', 'SMITH', 'JOHN'],
    );
    assert.equal(readDocs('/P/GBR/1/GBR/01JAN24/FI/01JAN29/A/B', '2024-06-01').infant, true);
  });

  it('reads DOCO, DOCA and decodes AIRIMP e-mail addresses', () => {
    assert.equal(readDoco('/LONDON/K/12345//', '2024-01-01').type, 'K');
    assert.equal(readDoca('/D/USA/1 MAIN ST/NEW YORK/NY/10001').state, 'NY');
    assert.equal(readCtce('/J..DOE./X//MAIL.EXAMPLE/EN'), 'j_doe-x@mail.example');
  });
});
