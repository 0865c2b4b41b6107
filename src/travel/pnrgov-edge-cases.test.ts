import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EdifactWarning, EdifactWarningCode } from './edifact-errors.js';
import { parsePnrgov } from './pnrgov.js';
import { readCtce, readCtcm, readDoca, readDocs, readInft, readOsiContact } from './pnrgov-ssr.js';

// Hand-written pushes for LA417 of 1 October 2024: the header, then one booking from its SRC on.
const header = "MSG+:22'ORG+LA:AMS++++A+NL:EUR'TVL+011024:1210::1335+CDG+AMS+LA+417'EQN+1'";
const leg = "TVL+011024:1210::1335+CDG+AMS+LA+417:Y'";

/** The one message of a push whose booking is `body` (segments after the RCI, each ending with `'`). */
function parse(body: string, rci = 'RCI+LA:ABC123::150924:1022') {
  const segments = `${header}SRC'${rci}'${body}`;
  const count = segments.split("'").filter((x) => x !== '').length + 2;
  return parsePnrgov(`UNB+UNOA:4+S+R+240901:1200+I1'UNH+1+PNRGOV:13:1:IA+X'${segments}UNT+${count}+1'UNZ+1+I1'`)
    .messages[0]!;
}

const smithDocs = '/P/GBR/123456789/GBR/12JUL64/M/23AUG29/SMITH/JOHN';

describe('parsePnrgov: SSRs that name a traveller from outside the TIF group', () => {
  it('gives a DOCS of the PNR (Gr1) to the traveller its reference names, though sent before the TIF', () => {
    const m = parse(`SSR+DOCS:HK:1:LA:::::${smithDocs}+::1'TIF+SMITH+JOHN MR:A:1'TIF+DOE+JANE MS:A:2'${leg}`);
    const [john, jane] = m.bookings[0]!.travellers;
    assert.deepEqual(
      john!.documents.map((d) => d.number),
      ['123456789'],
    );
    assert.equal(john!.dateOfBirth, '1964-07-12');
    assert.equal(john!.nationality?.code, 'GBR');
    assert.equal(jane!.documents.length, 0);
    assert.deepEqual(m.warnings, []);
  });

  it('gives a DOCS, CTCE and CTCM of a flight segment (Gr5) to the traveller named, and their contacts to the PNR', () => {
    const m = parse(
      "TIF+SMITH+JOHN MR:A:1'TIF+DOE+JANE MS:A:2'" +
        leg +
        "SSR+DOCS:HK:1:LA:::CDG:AMS:/P/USA/987654321/USA/01JAN90/F/01JAN30/DOE/JANE+::2'" +
        "SSR+CTCE:HK:1:LA:::::/JANE.DOE//MAIL.EXAMPLE+::2'" +
        "SSR+CTCM:HK:1:LA:::::/15551234567+::2'",
    );
    const b = m.bookings[0]!;
    const jane = b.travellers[1]!;
    assert.equal(jane.dateOfBirth, '1990-01-01');
    assert.deepEqual(jane.emails, ['jane.doe@mail.example']);
    assert.deepEqual(jane.phones, ['15551234567']);
    assert.equal(b.travellers[0]!.documents.length, 0);
    assert.deepEqual(b.emails, ['jane.doe@mail.example']);
    assert.deepEqual(b.phones, ['15551234567']);
    assert.equal(b.itinerary[0]!.ssrs.length, 3); // still listed where they were sent
  });

  it('applies an SSR sent both at PNR level and under the TIF once', () => {
    const docs = `SSR+DOCS:HK:1:LA:::::${smithDocs}`;
    const m = parse(`${docs}+::1'TIF+SMITH+JOHN MR:A:1'${docs}'${leg}`);
    assert.equal(m.bookings[0]!.travellers[0]!.documents.length, 1);
  });

  it('warns against the SSR when its reference names no traveller of the PNR', () => {
    const m = parse(`SSR+DOCS:HK:1:LA:::::${smithDocs}+::7'TIF+SMITH+JOHN MR:A:1'${leg}`);
    assert.equal(m.bookings[0]!.travellers[0]!.documents.length, 0);
    assert.deepEqual(
      m.warnings.map((w) => [w.code, w.segment]),
      [['pnrgov.unmatched_reference', 8]],
    );
  });
});

describe('parsePnrgov: infants', () => {
  it('gives an infant its own DOCS (gender FI) birth date, gender and nationality', () => {
    const m = parse(
      "TIF+ONEILL+SIOBHAN MRS:A:1:1'SSR+DOCS:HK:1:LA:::::/P/IRL/PE1234567/IRL/12MAR85/F/11FEB30/ONEILL/SIOBHAN'" +
        "TIF+ONEILL+AOIFE:IN:2'SSR+DOCS:HK:1:LA:::::/P/IRL/PE7654321/IRL/03MAR24/FI/02MAR29/ONEILL/AOIFE'" +
        leg,
    );
    const [mother, infant] = m.bookings[0]!.travellers;
    assert.deepEqual([infant!.dateOfBirth, infant!.gender, infant!.nationality?.code], ['2024-03-03', 'F', 'IRL']);
    assert.equal(mother!.dateOfBirth, '1985-03-12');
  });
});

describe('parsePnrgov: itinerary, seats and check-in', () => {
  it('reads a codeshare sent as two TVLs as one leg with its operating flight', () => {
    const m = parse(
      "TIF+SMITH+JOHN MR:A:1'TVL+011024:1210::1335+CDG+AMS+LA:KL+417:Y'TVL+++++1234:Y'RPI+1+HK'" +
        "SSR+SEAT:HK:1:LA:::CDG:AMS+14C::1'",
    );
    const itinerary = m.bookings[0]!.itinerary;
    assert.equal(itinerary.length, 1);
    const only = itinerary[0]!;
    assert.deepEqual(
      [only.marketing, only.operating, only.codeshare, only.status],
      [{ carrier: 'LA', flightNumber: '417' }, { carrier: 'KL', flightNumber: '1234' }, true, 'HK'],
    );
    assert.deepEqual(only.seats, [{ seat: '14C', travellerReference: '1' }]);
  });

  it('reads every seat of an SSR SEAT, each for the traveller it names', () => {
    const m = parse(
      "TIF+SMITH+JOHN MR:A:1'TIF+SMITH+JANE MRS:A:2'TIF+DOE+MAX MR:A:3'" +
        leg +
        "SSR+SEAT:HK:2:LA:::CDG:AMS+14C::1+14D::2'SSR+SEAT:HK:1:LA:::CDG:AMS++22J::3'",
    );
    assert.deepEqual(m.bookings[0]!.itinerary[0]!.seats, [
      { seat: '14C', travellerReference: '1' },
      { seat: '14D', travellerReference: '2' },
      { seat: '22J', travellerReference: '3' },
    ]);
  });

  it('gives a traveller only their own seats of an SSR SEAT sent under their TIF', () => {
    const m = parse(`TIF+SMITH+JOHN MR:A:1'TIF+SMITH+JANE MRS:A:2'SSR+SEAT:HK:2:LA:::CDG:AMS+14C::1+14D::2'${leg}`);
    assert.deepEqual(m.bookings[0]!.travellers[1]!.seats, ['14D']);
  });

  it('reads the check-in traveller reference from TRI component 4, and a TIF without one keeps it', () => {
    const m = parse(
      "TIF+SMITH+JOHN MR:A:1'TIF+SMITH+JANE MRS:A:2'" +
        leg +
        "DAT+2:011024:1005'TRI++1:::1'TIF+SMITH+JOHN MR'SSD+14C++++Y'TRI++2:2'SSD+14D++++Y'",
    );
    assert.deepEqual(
      m.bookings[0]!.itinerary[0]!.checkIns.map((c) => [c.sequence, c.travellerReference, c.surname, c.seat]),
      [
        ['1', '1', 'SMITH', '14C'],
        ['2', '2', '', '14D'],
      ],
    );
  });
});

describe('parsePnrgov: dates and times', () => {
  it('reads a time with seconds (the implementation guide’s RCI+TZ:W9TEND::230513:181348)', () => {
    const m = parse(`DAT+700:230513:212501'TIF+SMITH+JOHN MR:A:1'${leg}`, 'RCI+TZ:W9TEND::230513:181348');
    const b = m.bookings[0]!;
    assert.equal(b.createdAt, '2013-05-23T18:13');
    assert.equal(b.lastTransactionAt, '2013-05-23T21:25');
    assert.deepEqual(m.warnings, []);
  });

  it('keeps the date of a date-time whose time is not one, and warns about the time', () => {
    const m = parse(`DAT+700:230924:2599'TIF+SMITH+JOHN MR:A:1'${leg}`);
    assert.equal(m.bookings[0]!.lastTransactionAt, '2024-09-23');
    assert.deepEqual(
      m.warnings.map((w) => [w.code, w.segment, w.message.includes('"2599"')]),
      [['pnrgov.invalid_date', 8, true]],
    );
  });

  it('reads PTK element 3 as the ticketing deadline, not the issue date', () => {
    const m = parse(
      "TIF+SMITH+JOHN MR:A:1'TKT+0742345678901:T:1'MON+T:352.40:EUR'PTK+NR++300924:2359+LA+074+CDG'" +
        `FOP+CA::352.40'${leg}`,
    );
    const ticket = m.bookings[0]!.travellers[0]!.tickets[0]!;
    assert.equal(ticket.issuedAt, undefined);
    assert.equal(ticket.ticketingDeadline, '2024-09-30T23:59');
    assert.equal(ticket.validatingCarrier, 'LA');
  });
});

describe('parsePnrgov: contacts', () => {
  it('reads e-mails and phones from OSI contact remarks of a traveller and of the booking', () => {
    const m = parse(
      "IFT+4:28::LA+CTCH LON 44 20 7946 0018'IFT+4:28::LA+CTCB NYC 212-555-1212'" +
        "TIF+FENNER+JACKI MRS:A:1'IFT+4:28::YY+CTCE JACKI.FENNER//HOTMAIL.COM'IFT+4:28::YY+CTCM 447700900123'" +
        "IFT+4:28::YY+CTCT DCA 123 456-7890 TRAVEL AGENCY'IFT+4:28::YY+VIP'" +
        leg,
    );
    const b = m.bookings[0]!;
    const t = b.travellers[0]!;
    assert.deepEqual(t.emails, ['jacki.fenner@hotmail.com']);
    assert.deepEqual(t.phones, ['447700900123', '1234567890']);
    assert.equal(t.remarks.length, 4);
    assert.deepEqual(b.emails, ['jacki.fenner@hotmail.com']);
    assert.deepEqual(b.phones, ['442079460018', '2125551212', '447700900123', '1234567890']);
  });

  it('reads each phone number of an ADD that gives two', () => {
    const m = parse(`ADD++700:123 ANY STREET:LAKE TOWN:MN::US:55123:H5555555555 W 1 555 555 5555 '${leg}`);
    const b = m.bookings[0]!;
    assert.deepEqual(b.phones, ['5555555555', '15555555555']);
    assert.deepEqual([b.addresses[0]!.phone, b.addresses[0]!.phones], ['5555555555', ['5555555555', '1 555 555 5555']]);
  });
});

describe('parsePnrgov: warnings', () => {
  it('gives its findings in the shared EDIFACT warning codes, as the other parsers do', () => {
    const unmatched = parse(`SSR+DOCS:HK:1:LA:::::${smithDocs}+::7'TIF+SMITH+JOHN MR:A:1'${leg}`);
    const invalid = parse(`TIF+SMITH+JOHN MR:A:1'SSR+DOCS:HK:1:LA:::::/P/GBR/123456789/GBR/12JUL64/Q/23AUG29'${leg}`);
    // One list, as ingestion stores a message's warnings beside its envelope's (checked by the type checker too).
    const warnings: readonly EdifactWarning[] = [...unmatched.warnings, ...invalid.warnings];
    const codes: readonly EdifactWarningCode[] = ['pnrgov.unmatched_reference', 'pnrgov.invalid_value'];
    assert.deepEqual(
      warnings.map((w) => w.code),
      codes,
    );
  });
});

describe('parsePnrgov: DOCS fields that cannot be read', () => {
  const docs = (text: string) => parse(`TIF+SMITH+JOHN MR:A:1'SSR+DOCS:HK:1:LA:::::${text}'${leg}`);

  it('warns against the SSR of a birth date, expiry, gender or country it cannot read', () => {
    const cases: [string, string[]][] = [
      ['/P/GBR/123456789/GBR/12JUL1964/M/23AUG29/SMITH/JOHN', ['DOCS birth date "12JUL1964"']],
      ['/P/GBR/123456789/GBR/31FEB64/M/23AUG29/SMITH/JOHN', ['DOCS birth date "31FEB64"']],
      ['/P/GBR/123456789/GBR/12JUL64/Q/23AUG2029/SMITH/JOHN', ['DOCS gender "Q"', 'DOCS expiry date "23AUG2029"']],
      ['/P/GBR/123456789/GRB/12JUL64/M/23AUG29/SMITH/JOHN', ['DOCS nationality "GRB"']],
    ];
    for (const [text, problems] of cases) {
      const m = docs(text);
      assert.deepEqual(
        m.warnings.map((w) => [w.code, w.segment]),
        problems.map(() => ['pnrgov.invalid_value', 9]),
        text,
      );
      problems.forEach((p, i) => assert.ok(m.warnings[i]!.message.startsWith(p), m.warnings[i]!.message));
    }
    assert.deepEqual(docs(smithDocs).warnings, []);
  });

  it('reads a DOCS whose free text starts with a status and count as if it did not', () => {
    const t = docs(`HK1${smithDocs}`).bookings[0]!.travellers[0]!;
    const d = t.documents[0]!;
    assert.deepEqual(
      [d.type, d.issuingState?.code, d.number, d.dateOfBirth, d.surname, d.givenNames],
      ['P', 'GBR', '123456789', '1964-07-12', 'SMITH', 'JOHN'],
    );
  });
});

describe('parsePnrgov: names', () => {
  it('splits off a title written onto the given name only when it is one of the plain ones', () => {
    const m = parse(
      "TIF+JONES+JOHNMR:A:1'TIF+YY+MOANMISS:A:2'TIF+POPOV+ALEXANDR:A:3'" +
        "SSR+DOCS:HK:1:LA:::::/P/RUS/7000001/RUS/01JAN80/M/01JAN30/POPOV/ALEXANDR'TIF+KIM+MR:A:4'TIF+LEE+ANNAINF:A:5'" +
        leg,
    );
    assert.deepEqual(
      m.bookings[0]!.travellers.map((t) => [t.givenNames, t.title]),
      [
        ['JOHN', 'MR'],
        ['MOAN', 'MISS'],
        ['ALEXANDR', ''],
        ['MR', ''],
        ['ANNAINF', ''],
      ],
    );
  });
});

describe('PNRGOV SSR free texts: passenger associations and e-mail escapes', () => {
  it('cuts a name association off a phone and an e-mail', () => {
    assert.equal(readCtcm('/447700900123-1SMITH/JOHNMR'), '447700900123');
    assert.equal(readCtcm('/447700900123/EN-1SMITH/JOHNMR'), '447700900123');
    assert.equal(readCtcm('/1223344444-1.1'), '1223344444');
    assert.equal(readCtcm('/+44 7700-900123'), '+447700900123');
    assert.equal(readCtce('/JOHN.SMITH//MAIL.COM-1SMITH/JOHNMR'), 'john.smith@mail.com');
    assert.equal(readCtce('/MARY.CHAN//AOL.COM/EN-1.1'), 'mary.chan@aol.com');
    assert.equal(readCtce('/JOHN//MAIL.COM/P1'), 'john@mail.com');
  });

  it('decodes the AIRIMP e-mail escapes left to right in one pass', () => {
    assert.equal(readCtce('/JOHN.///MAIL.EXAMPLE'), 'john-@mail.example');
    assert.equal(readCtce('/A..B//X.COM'), 'a_b@x.com');
    assert.equal(readCtce('/JOHN./DOE//MAIL./BOX.COM'), 'john-doe@mail-box.com');
    assert.equal(readCtce('/JOHN./SMITH//MAIL.CO.UK/EN'), 'john-smith@mail.co.uk');
  });

  it('cuts a passenger association off a DOCS and an INFT, and keeps an address that ends like one', () => {
    const d = readDocs(`${smithDocs}-1SMITH/JOHNMR`, '2024-10-01');
    assert.deepEqual([d.surname, d.givenNames], ['SMITH', 'JOHN']);
    assert.deepEqual([readDocs(`${smithDocs}/P1`, '2024-10-01').givenNames], ['JOHN']);
    assert.deepEqual(readInft('HK1/SMITH/BABY/12JAN24-1SMITH/JOHNMR', '2024-10-01'), {
      surname: 'SMITH',
      givenNames: 'BABY',
      dateOfBirth: '2024-01-12',
    });
    assert.equal(readDoca('/R/GBR/FLAT 2-3B/LONDON').street, 'FLAT 2-3B');
  });

  it('reads OSI contact remarks', () => {
    assert.deepEqual(readOsiContact('CTCE JOHN.///MAIL.EXAMPLE'), { kind: 'email', value: 'john-@mail.example' });
    assert.deepEqual(readOsiContact('CTCP MAD 34600111222-1SMITH/JOHN'), { kind: 'phone', value: '34600111222' });
    assert.equal(readOsiContact('CTCR REFUSED'), undefined);
    assert.equal(readOsiContact('CTCM 12'), undefined);
  });
});
