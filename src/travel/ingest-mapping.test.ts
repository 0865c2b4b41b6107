import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseMessage } from './ingest-parse.js';
import type { TravellerRow } from './ingest-mapping.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/travel/${name}`, import.meta.url));

/** The traveller rows of one message, as ingestion stores them. */
const rows = (raw: string | Buffer): TravellerRow[] =>
  parseMessage(Buffer.isBuffer(raw) ? raw : Buffer.from(raw), '2024-10-01').mapped.flatMap((m) => m.travellers);

const identity = (t: TravellerRow) => [t.surname, t.givenNames, t.birthDate, t.documents.map((d) => d.number)];

/** One interchange of one message: `unb` names the sender's application, `segments` run from UNH to before UNT. */
const interchange = (unb: string, segments: readonly string[]) => {
  const reference = segments[0]!.split('+')[1]!;
  return `UNA:+.? 'UNB+UNOA:4+S:ZZ+R:ZZ+${unb}'${segments.join("'")}'UNT+${segments.length + 1}+${reference}'UNZ+1+IC1'`;
};

// A PNRGOV push for LA417 of 1 October 2024 holding one booking made of `body` (from its SRC on).
const push = (body: string[]) =>
  interchange('241001:0800+IC1++PNRGOV', [
    'UNH+1+PNRGOV:13:1:IA+LA417/011024/1210+01:F',
    'MSG+:22',
    'ORG+LA:AMS',
    'TVL+011024:1210::1335+CDG+AMS+LA+417',
    'EQN+1',
    ...body,
  ]);

// A PAXLST passenger list for LA1 of 1 October 2024 holding the travellers of `body`.
const list = (body: string[]) =>
  interchange('241001:0930+IC1++APIS', [
    'UNH+M1+PAXLST:D:05B:UN:IATA+LA1/241001/1210+01:F',
    'BGM+745',
    'TDT+20+LA1+++LA',
    'LOC+125+CDG',
    'DTM+189:2410011210:201',
    'LOC+87+AMS',
    'DTM+232:2410011335:201',
    ...body,
  ]);

const babyDocs = 'SSR+DOCS:HK:1:LA:::::/P/GBR/INF111/GBR/03MAR24/FI/02MAR29/DOE/BABY';
const mumDocs = 'SSR+DOCS:HK:1:LA:::::/P/GBR/MUM222/GBR/12MAR85/F/11FEB30/DOE/JANE';

describe('mapPnrgov: an infant’s documents', () => {
  it('never gives the adult the identity or the passport of the infant on her lap', () => {
    const [mother] = rows(push(['SRC', 'RCI+LA:ABC123::150924:1022', 'TIF+DOE+JANE MRS:A:1:1', babyDocs, mumDocs]));
    assert.deepEqual(identity(mother!), ['DOE', 'JANE', '1985-03-12', ['MUM222']]);
    assert.equal(mother!.gender, 'F');
    assert.equal(mother!.nationality, 'GBR');
  });

  it('makes a traveller of an infant on an adult’s lap that has no TIF of its own, from its INFT and DOCS', () => {
    const body = [
      'SRC',
      'RCI+LA:ABC123::150924:1022',
      'TIF+ONEILL+SIOBHAN MRS:A:1:1',
      'SSR+DOCS:HK:1:LA:::::/P/IRL/PE1234567/IRL/12MAR85/F/11FEB30/ONEILL/SIOBHAN',
      'SSR+INFT:HK:1:LA:::::/ONEILL/AOIFE/03MAR24',
      'SSR+DOCS:HK:1:LA:::::/P/IRL/PE7654321/IRL/03MAR24/FI/02MAR29/ONEILL/AOIFE',
    ];
    const [mother, infant, ...others] = rows(push(body));
    assert.deepEqual(identity(mother!), ['ONEILL', 'SIOBHAN', '1985-03-12', ['PE1234567']]);
    assert.deepEqual(identity(infant!), ['ONEILL', 'AOIFE', '2024-03-03', ['PE7654321']]);
    assert.deepEqual(
      [infant!.role, infant!.gender, infant!.nationality, infant!.travellerKey, infant!.details.holder],
      ['infant', 'F', 'IRL', 'ABC123|1/INF', 'ABC123|1'],
    );
    assert.equal(others.length, 0);
    // Sent again with the SSRs in another order: the same key, so the row is updated, not doubled.
    const again = rows(push([...body.slice(0, 3), body[5]!, body[4]!, body[3]!]));
    assert.deepEqual(
      again.map((t) => t.travellerKey),
      ['ABC123|1', 'ABC123|1/INF'],
    );
    // Named by its SSR INFT alone (no DOCS): still a traveller, with the INFT's name and birth date.
    const [, named] = rows(push(body.slice(0, 5)));
    assert.deepEqual(identity(named!), ['ONEILL', 'AOIFE', '2024-03-03', []]);
  });

  it('gives an infant’s documents to the infant traveller of the booking', () => {
    const [mother, baby] = rows(
      push([
        'SRC',
        'RCI+LA:ABC123::150924:1022',
        'TIF+DOE+JANE MRS:A:1:1',
        babyDocs,
        mumDocs,
        'SSR+INFT:HK:1:LA:::::/DOE/BABY/03MAR24',
        'TIF+DOE+BABY:IN:2',
      ]),
    );
    assert.deepEqual(identity(mother!), ['DOE', 'JANE', '1985-03-12', ['MUM222']]);
    assert.deepEqual(identity(baby!), ['DOE', 'BABY', '2024-03-03', ['INF111']]);
    assert.equal(baby!.role, 'infant');
  });

  it('matches each infant’s documents to the infant of that name when a booking has two', () => {
    const travellers = rows(
      push([
        'SRC',
        'RCI+LA:ABC123::150924:1022',
        'TIF+DOE+JANE MRS:A:1:1',
        mumDocs,
        babyDocs,
        'TIF+DOE+JOHN MR:A:2:1',
        'SSR+DOCS:HK:1:LA:::::/P/GBR/DAD333/GBR/01JAN80/M/11FEB30/DOE/JOHN',
        'SSR+DOCS:HK:1:LA:::::/P/GBR/INF444/GBR/03MAR24/MI/02MAR29/DOE/TWIN',
        'TIF+DOE+TWIN:IN:3',
        'TIF+DOE+BABY:IN:4',
      ]),
    );
    assert.deepEqual(travellers.map(identity), [
      ['DOE', 'JANE', '1985-03-12', ['MUM222']],
      ['DOE', 'JOHN', '1980-01-01', ['DAD333']],
      ['DOE', 'TWIN', '2024-03-03', ['INF444']],
      ['DOE', 'BABY', '2024-03-03', ['INF111']],
    ]);
  });

  it('gives the infant’s passport in the three-PNR push to the infant, not to her mother', () => {
    const family = rows(fixture('pnrgov-three-pnrs.edi')).filter((t) => t.recordLocator === 'QX7P2L');
    assert.deepEqual(family.map(identity), [
      ['ONEILL', 'SIOBHAN MARIE', '1985-03-12', ['PE1234567']],
      ['ONEILL', 'CIARAN', '2016-06-05', ['PE2222222', 'V55501']],
      ['ONEILL', 'AOIFE', '2024-03-03', ['PE7654321']],
    ]);
    assert.equal(family[2]!.nationality, 'IRL');
  });
});

describe('mapPnrgov: seats', () => {
  const push = fixture('pnrgov-three-pnrs.edi').toString('latin1');
  const seats = (raw: string) =>
    rows(raw)
      .filter((t) => t.recordLocator === 'QX7P2L')
      .map((t) => [t.givenNames, t.seat]);

  it('seats a traveller where they checked in, from the flight segment that names them by reference', () => {
    assert.deepEqual(seats(push), [
      ['SIOBHAN MARIE', '14C'],
      ['CIARAN', '14D'],
      ['AOIFE', null],
    ]);
  });

  it('takes the seat booked on the flight when there is no check-in', () => {
    const booked = push
      .replace("SSD+14C++++Y'", "SSD+++++Y'")
      .replace("SSR+SEAT:HK:1:LA:::CDG:AMS+14D::2'", "SSR+SEAT:HK:1:LA:::CDG:AMS+15F::2'");
    const withoutSeat = booked.replace("SSD+14D++++Y'", "SSD+++++Y'");
    assert.deepEqual(seats(withoutSeat), [
      ['SIOBHAN MARIE', '14C'],
      ['CIARAN', '15F'],
      ['AOIFE', null],
    ]);
  });
});

describe('mapPnrgov: traveller keys and rows', () => {
  it('keeps two travellers of one name and no TIF reference apart, each keyed the same when sent again', () => {
    const body = [
      'SRC',
      'RCI+LA:ABC123::150924:1022',
      'TIF+SMITH+JOHN MR:A',
      'SSR+DOCS:HK:1:LA:::::/P/GBR/111111111/GBR/12JUL64/M/23AUG29/SMITH/JOHN',
      'TIF+SMITH+JOHN MSTR:C',
      'SSR+DOCS:HK:1:LA:::::/P/GBR/222222222/GBR/05JUN14/M/23AUG29/SMITH/JOHN',
      'TIF+DOE+ANNA MS:A',
    ];
    const keys = (raw: string) => rows(raw).map((t) => [t.travellerKey, t.documents[0]?.number]);
    assert.deepEqual(keys(push(body)), [
      ['ABC123|SMITH/JOHN', '111111111'],
      ['ABC123|SMITH/JOHN#2', '222222222'],
      ['ABC123|DOE/ANNA', undefined],
    ]);
    assert.deepEqual(keys(push(body)), keys(push(body)));
  });

  it('keeps a nationality code no table knows as sent', () => {
    const [t] = rows(
      push([
        'SRC',
        'RCI+LA:ABC123::150924:1022',
        'TIF+SMITH+JOHN MR:A:1',
        'SSR+DOCS:HK:1:LA:::::/P/GBR/123456789/GRB/12JUL64/M/23AUG29/SMITH/JOHN',
      ]),
    );
    assert.equal(t!.nationality, 'GRB');
  });

  it('makes no passenger of a group name, and keeps its size with the booking', () => {
    const mapped = parseMessage(
      Buffer.from(
        push([
          'SRC',
          'RCI+LA:GRP555::010924:0900',
          'TIF+FUTURESTARSTOUR:G:12+:G',
          'TIF+DOE+ANNA MS:A:1',
          'TVL+011024:1210::1335+CDG+AMS+LA+417:Y',
          'RPI+12+HK',
        ]),
      ),
      '2024-10-01',
    ).mapped[0]!;
    assert.deepEqual(
      mapped.travellers.map((t) => [t.surname, t.travellerKey]),
      [['DOE', 'GRP555|1']],
    );
    assert.deepEqual(mapped.bookings[0]!.data.groups, [{ name: 'FUTURESTARSTOUR', size: 12 }]);
    assert.equal(mapped.bookings[0]!.data.travellers, 1);
  });
});

describe('mapPaxlst: traveller keys', () => {
  it('keys travellers whose document has no number by name and birth date, so each is kept', () => {
    const travellers = rows(
      list([
        'NAD+FL+++SMITH:ANN',
        'DTM+329:800101',
        'DOC+P',
        'NAD+FL+++JONES:BOB',
        'DTM+329:750101',
        'DOC+P',
        'CNT+42:2',
      ]),
    );
    assert.deepEqual(
      travellers.map((t) => t.travellerKey),
      ['PASSENGER|SMITH|ANN|1980-01-01', 'PASSENGER|JONES|BOB|1975-01-01'],
    );
  });

  it('keys a traveller by the first document that has a number', () => {
    const [t] = rows(list(['NAD+FL+++SMITH:ANN', 'DTM+329:800101', 'DOC+P', 'DOC+V+V123', 'LOC+91+NLD', 'CNT+42:1']));
    assert.equal(t!.travellerKey, 'PASSENGER|NLD|V123');
  });
});
