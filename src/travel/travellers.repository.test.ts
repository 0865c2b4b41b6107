import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { before, describe, it } from 'node:test';
import { describeEachBackend } from '../../test/database.js';
import { recordMessageAlerts, type NewAlert } from '../alerts/alerts.repository.js';
import type { BookingRow, TravellerRow } from './ingest-mapping.js';
import { bookingRowKey, flightKeyOf, upsertBookings, upsertFlights } from './flights.repository.js';
import type { FlightKey, FlightStatus } from './ingest-mapping.js';
import { insertMessages } from './messages.repository.js';
import {
  flightTravellers,
  pnrLinks,
  travellerNameKey,
  travellerRowKey,
  upsertTravellers,
  type LinkableTraveller,
  type MessageSource,
} from './travellers.repository.js';

function buildTravellerRow(overrides: Partial<TravellerRow> = {}): TravellerRow {
  const surname = overrides.surname ?? 'DOE';
  return {
    source: 'api',
    travellerKey: `PASSENGER|NLD|${randomUUID()}`,
    role: 'passenger',
    surname,
    givenNames: 'JANE',
    birthDate: '1990-01-01',
    gender: 'F',
    nationality: 'NLD',
    documents: [{ type: 'P', number: 'X1', issuer: 'NLD', expiry: null, issued: null }],
    inTransit: false,
    embarkation: 'AMS',
    debarkation: 'CDG',
    seat: null,
    recordLocator: null,
    details: {},
    removed: false,
    ...overrides,
  };
}

const flightKey = (flightNumber: string) => ({
  carrier: 'LA',
  flightNumber,
  departureDate: '2024-10-01',
  origin: 'AMS',
  destination: 'CDG',
  scheduledDeparture: null,
  scheduledArrival: null,
});

describe('travellerNameKey', () => {
  // The definition: letters of the NFKD form, upper case; the first given name.
  const reference = (surname: string, givenNames: string) => {
    const clean = (v: string) =>
      v
        .normalize('NFKD')
        .replace(/[^\p{L}]/gu, '')
        .toUpperCase();
    return `${clean(surname)}|${clean(givenNames.trim().split(/\s+/)[0] ?? '')}`;
  };

  it('keys names as their letters, upper case, accents dropped, first given name only', () => {
    assert.equal(travellerNameKey("O'BRIEN-SMITH", '  Mary  Ann '), 'OBRIENSMITH|MARY');
    assert.equal(travellerNameKey('Müller', 'Jürgen\u00a0Karl'), 'MULLER|JURGEN');
    assert.equal(travellerNameKey('ДМИТРИЕВ', 'Олег'), 'ДМИТРИЕВ|ОЛЕГ');
    assert.equal(travellerNameKey('', ''), '|');
  });

  it('agrees with its definition on any text, ASCII or not', () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom(..."ABCXYZ az-' .\t\n0".split('')) }),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
    );
    fc.assert(
      fc.property(text, text, (surname, given) => travellerNameKey(surname, given) === reference(surname, given)),
      { numRuns: 2000 },
    );
  });
});

describe('pnrLinks', () => {
  const t = (id: string, source: 'api' | 'pnr', nameKey: string, birthDate: string | null, removed = false) =>
    ({ id, source, nameKey, birthDate, removed }) satisfies LinkableTraveller;

  it('links a PNR traveller to the listed one of the same name whose birth date does not disagree', () => {
    const links = pnrLinks([
      t('a1', 'api', 'DOE|JANE', '1990-01-01'),
      t('a2', 'api', 'DOE|JANE', '2010-05-05'),
      t('p1', 'pnr', 'DOE|JANE', '2010-05-05'),
      t('p2', 'pnr', 'DOE|JOHN', null),
      t('p3', 'pnr', 'DOE|JANE', null),
    ]);
    assert.deepEqual(
      [...links],
      [
        ['p1', 'a2'],
        ['p3', 'a1'],
      ],
    );
  });

  it('links nobody to a cancelled listing, and leaves names without letters alone', () => {
    const links = pnrLinks([
      t('a1', 'api', 'DOE|JANE', null, true),
      t('p1', 'pnr', 'DOE|JANE', null),
      t('p2', 'pnr', '', null),
    ]);
    assert.equal(links.size, 0);
  });
});

describeEachBackend('flights, travellers, bookings and alerts written in one statement each', (database) => {
  let messageId: string;
  let source: MessageSource;
  const received = async (): Promise<MessageSource> => {
    const [stored] = await insertMessages(database().db, [
      { receivedBy: 'test', ownerCountry: 'NLD', contentHash: randomUUID(), raw: Buffer.from('x') },
    ]);
    return stored!.message;
  };
  before(async () => {
    source = await received();
    messageId = source.id;
  });
  const flight = async (flightNumber: string, from = source, status?: FlightStatus) => {
    const ids = await upsertFlights(database().db, [
      { ownerCountry: 'NLD', key: flightKey(flightNumber), status, source: from },
    ]);
    return ids.get(flightKeyOf('NLD', flightKey(flightNumber)))!;
  };
  /** Upserts rows of one flight from one message; their ids in input order. */
  const travellers = async (flightId: string, from: MessageSource, rows: readonly TravellerRow[]) => {
    const ids = await upsertTravellers(
      database().db,
      rows.map((row) => ({ flightId, source: from, row })),
    );
    return rows.map((r) => ids.get(travellerRowKey(flightId, r.source, r.travellerKey))!);
  };
  const bookings = async (flightId: string, from: MessageSource, rows: readonly BookingRow[]) => {
    const ids = await upsertBookings(
      database().db,
      rows.map((row) => ({ flightId, source: from, row })),
    );
    return new Map(rows.map((r) => [r.recordLocator, ids.get(bookingRowKey(flightId, r.recordLocator))!]));
  };

  it('upserts travellers row by row: ids in input order, the last copy of a key wins, a later list updates', async () => {
    const { db } = database();
    const flightId = await flight('1');
    const jane = buildTravellerRow();
    const john = buildTravellerRow({ givenNames: 'JOHN', seat: '1A' });
    const johnAgain = { ...john, seat: '2B' };
    const ids = await travellers(flightId, source, [john, jane, johnAgain]);
    assert.equal(ids.length, 3);
    assert.equal(ids[0], ids[2], 'one traveller for one key');
    assert.notEqual(ids[0], ids[1]);
    const seat = async (id: string) =>
      (await db.selectFrom('travellers').select('seat').where('id', '=', id).executeTakeFirstOrThrow()).seat;
    assert.equal(await seat(ids[0]!), '2B');

    const [updated] = await travellers(flightId, source, [{ ...jane, removed: true, seat: '9C' }]);
    assert.equal(updated, ids[1], 'the same key keeps its row');
    assert.equal(await seat(updated!), '9C');
    const onFlight = await flightTravellers(db, [flightId]);
    assert.deepEqual(
      onFlight.map((x) => x.id),
      [ids[0]],
      'a removed traveller is not one of the flight’s any more',
    );
    assert.equal(onFlight[0]!.nameKey, 'DOE|JOHN');
  });

  it('stores every column as given, whatever characters the values hold', async () => {
    const { db } = database();
    const flightId = await flight('6');
    const awkward = `O'BRIEN "JR" \\ {a,b} NULL Ñandú 李 🙂`;
    const row = buildTravellerRow({
      source: 'pnr',
      role: 'infant',
      surname: awkward,
      givenNames: 'NULL',
      birthDate: null,
      gender: null,
      nationality: null,
      documents: [{ type: 'P', number: 'A"1\\', issuer: null, expiry: '2030-01-01', issued: null }],
      inTransit: true,
      embarkation: null,
      debarkation: 'JFK',
      seat: '',
      recordLocator: 'ABC123',
      details: { note: awkward, nested: { list: [1, 'two', null, true] } },
      removed: false,
    });
    const [id] = await travellers(flightId, source, [row]);
    const stored = await db.selectFrom('travellers').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
    assert.deepEqual(
      {
        source: stored.source,
        role: stored.role,
        surname: stored.surname,
        givenNames: stored.given_names,
        birthDate: stored.birth_date,
        gender: stored.gender,
        nationality: stored.nationality,
        documents: stored.documents,
        inTransit: stored.in_transit,
        embarkation: stored.embarkation,
        debarkation: stored.debarkation,
        seat: stored.seat,
        recordLocator: stored.record_locator,
        details: stored.details,
        removed: stored.removed,
      },
      {
        source: row.source,
        role: row.role,
        surname: row.surname,
        givenNames: row.givenNames,
        birthDate: row.birthDate,
        gender: row.gender,
        nationality: row.nationality,
        documents: row.documents,
        inTransit: row.inTransit,
        embarkation: row.embarkation,
        debarkation: row.debarkation,
        seat: row.seat,
        recordLocator: row.recordLocator,
        details: row.details,
        removed: row.removed,
      },
    );
    assert.equal(stored.name_key, `OBRIENJRABNULLNANDU李|NULL`);
    assert.equal(stored.traveller_key, row.travellerKey);
  });

  it('keeps what a newer message wrote when an older one is processed after it', async () => {
    const { db } = database();
    const older = await received();
    const newer = { id: (await received()).id, receivedAt: new Date(older.receivedAt.getTime() + 60_000) };
    const flightId = await flight('5', newer, 'cancelled');
    assert.equal(await flight('5', older, 'open'), flightId);
    const status = await db.selectFrom('flights').select('status').where('id', '=', flightId).executeTakeFirstOrThrow();
    assert.equal(status.status, 'cancelled', 'a late older message does not undo a cancellation');
    const jane = buildTravellerRow();
    const [id] = await travellers(flightId, newer, [{ ...jane, removed: true, seat: '9C' }]);
    const [again] = await travellers(flightId, older, [{ ...jane, seat: '1A' }]);
    assert.equal(again, id, 'the id of a row left as it was is still answered');
    const row = await db
      .selectFrom('travellers')
      .select(['seat', 'removed', 'message_id'])
      .where('id', '=', id!)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { seat: '9C', removed: true, message_id: newer.id });
    const booking = { recordLocator: 'ZZZ999', bookedAt: '2024-09-01T10:00', data: { v: 'new' } };
    const booked = await bookings(flightId, newer, [booking]);
    const stale = await bookings(flightId, older, [{ ...booking, data: { v: 'old' } }]);
    assert.equal(stale.get('ZZZ999'), booked.get('ZZZ999'));
    const data = await db
      .selectFrom('bookings')
      .select('data')
      .where('id', '=', booked.get('ZZZ999')!)
      .executeTakeFirst();
    assert.deepEqual(data?.data, { v: 'new' });
  });

  it('keeps each schedule field a newer message gave when an older one is processed after it', async () => {
    const { db } = database();
    const older = await received();
    const newer = { id: (await received()).id, receivedAt: new Date(older.receivedAt.getTime() + 60_000) };
    const write = (from: MessageSource, key: Partial<FlightKey>) =>
      upsertFlights(db, [
        { ownerCountry: 'NLD', key: { ...flightKey('16'), ...key }, status: undefined, source: from },
      ]);
    // The newer message moved the arrival and names no origin; the older, processed late, gives both.
    await write(newer, { origin: null, scheduledArrival: '2024-10-01T14:55' });
    await write(older, { origin: 'BRU', scheduledArrival: '2024-10-01T13:35', scheduledDeparture: '2024-10-01T12:10' });
    const row = await db
      .selectFrom('flights')
      .select(['origin', 'scheduled_departure', 'scheduled_arrival'])
      .where('flight_number', '=', '16')
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, {
      origin: 'BRU',
      scheduled_departure: '2024-10-01T12:10',
      scheduled_arrival: '2024-10-01T14:55',
    });
    // A message newer than both changes what it gives.
    const newest = { id: (await received()).id, receivedAt: new Date(older.receivedAt.getTime() + 120_000) };
    await write(newest, { origin: 'AMS', scheduledArrival: '2024-10-01T15:05' });
    const after = await db
      .selectFrom('flights')
      .select(['origin', 'scheduled_arrival'])
      .where('flight_number', '=', '16')
      .executeTakeFirstOrThrow();
    assert.deepEqual(after, { origin: 'AMS', scheduled_arrival: '2024-10-01T15:05' });
  });

  it('writes several flights and messages in one statement each, the newest message winning', async () => {
    const { db } = database();
    const older = await received();
    const newer = { id: (await received()).id, receivedAt: new Date(older.receivedAt.getTime() + 60_000) };
    const key7 = { ...flightKey('7'), origin: null, scheduledDeparture: '2024-10-01T10:00' };
    const flights = await upsertFlights(db, [
      { ownerCountry: 'NLD', key: flightKey('8'), status: undefined, source: older },
      { ownerCountry: 'NLD', key: key7, status: 'closed', source: newer },
      { ownerCountry: 'NLD', key: flightKey('7'), status: 'open', source: older },
    ]);
    assert.equal(flights.size, 2, 'one row per flight');
    const seven = await db
      .selectFrom('flights')
      .select(['origin', 'scheduled_departure', 'status'])
      .where('id', '=', flights.get(flightKeyOf('NLD', key7))!)
      .executeTakeFirstOrThrow();
    assert.deepEqual(seven, { origin: 'AMS', scheduled_departure: '2024-10-01T10:00', status: 'closed' });
    const f7 = flights.get(flightKeyOf('NLD', key7))!;
    const f8 = flights.get(flightKeyOf('NLD', flightKey('8')))!;
    const jane = buildTravellerRow();
    const ids = await upsertTravellers(db, [
      { flightId: f7, source: newer, row: { ...jane, seat: '3C' } },
      { flightId: f7, source: older, row: { ...jane, seat: '1A' } },
      { flightId: f8, source: older, row: jane },
    ]);
    assert.equal(ids.size, 2, 'one traveller per flight and key');
    const seat = await db
      .selectFrom('travellers')
      .select('seat')
      .where('id', '=', ids.get(travellerRowKey(f7, 'api', jane.travellerKey))!)
      .executeTakeFirstOrThrow();
    assert.equal(seat.seat, '3C', 'the newer message’s copy, whatever the order it came in');
    assert.deepEqual((await flightTravellers(db, [f7, f8])).map((x) => x.flightId).sort(), [f7, f8].sort());
  });

  it('upserts bookings by locator and answers their ids', async () => {
    const { db } = database();
    const flightId = await flight('3');
    const booking = (recordLocator: string, travellers: number): BookingRow => ({
      recordLocator,
      bookedAt: '2024-09-01T10:00',
      data: { travellers },
    });
    const first = await bookings(flightId, source, [booking('AAA111', 1), booking('BBB222', 2)]);
    assert.deepEqual([...first.keys()].sort(), ['AAA111', 'BBB222']);
    const again = await bookings(flightId, source, [booking('AAA111', 3), booking('AAA111', 4)]);
    assert.equal(again.get('AAA111'), first.get('AAA111'));
    const row = await db
      .selectFrom('bookings')
      .select('data')
      .where('id', '=', first.get('AAA111')!)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row.data, { travellers: 4 });
  });

  it('records a message’s alerts and marks it screened with their count, kept when it is recorded again', async () => {
    const { db } = database();
    const flightId = await flight('4');
    const alert = (subjectKey: string): NewAlert => ({
      ownerCountry: 'NLD',
      kind: 'rule',
      severity: 'medium',
      flightId,
      travellerId: null,
      bookingId: null,
      messageId,
      subjectKey,
      listId: null,
      entityId: null,
      entryKey: null,
      score: null,
      matcher: null,
      ruleId: 'r',
      ruleVersion: 1,
      explanation: [{ why: subjectKey }],
    });
    const status = () =>
      db.selectFrom('messages').select(['status', 'alerts']).where('id', '=', messageId).executeTakeFirstOrThrow();
    const record = async (alerts: NewAlert[]) => (await recordMessageAlerts(db, [messageId], alerts)).get(messageId);
    assert.equal(await record([alert('b'), alert('a'), alert('a')]), 2);
    assert.deepEqual(await status(), { status: 'screened', alerts: 2 });
    assert.equal(await record([alert('a'), alert('c')]), 3, 'a is not raised again; c is added to the count');
    assert.equal(await record([]), 3, 'recorded again with none new, the count is kept');
    assert.deepEqual(await status(), { status: 'screened', alerts: 3 });
    const stored = await db.selectFrom('alerts').select('explanation').where('flight_id', '=', flightId).execute();
    assert.equal(stored.length, 3);
    const person: NewAlert = {
      ...alert('d'),
      kind: 'person',
      listId: 'wanted',
      entityId: 'Q"1\\',
      entryKey: 9_007_199_254,
      score: 0.8125,
      matcher: 'lodestar-name@2.4.0',
      ruleId: null,
      ruleVersion: null,
      explanation: [{ feature: 'name', query: `O'BRIEN 李`, candidate: 'OBRIEN', score: 0.9 }],
    };
    assert.equal(await record([person]), 4);
    const row = await db
      .selectFrom('alerts')
      .select(['kind', 'list_id', 'entity_id', 'entry_key', 'score', 'matcher', 'rule_id', 'explanation'])
      .where('subject_key', '=', 'd')
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      { ...row, entry_key: Number(row.entry_key) },
      {
        kind: 'person',
        list_id: 'wanted',
        entity_id: person.entityId,
        entry_key: person.entryKey,
        score: person.score,
        matcher: person.matcher,
        rule_id: null,
        explanation: person.explanation,
      },
    );
  });

  it('stores received messages in statements of at most so many bytes, each given its row, a content twice once', async () => {
    const { db } = database();
    const run = randomUUID();
    // Contents drawn from a few, so that batches repeat each other and themselves; sizes around the byte limit.
    const batch = fc.array(
      fc.record({ content: fc.integer({ min: 0, max: 7 }), size: fc.integer({ min: 1, max: 40 }) }),
      { minLength: 1, maxLength: 10 },
    );
    const firstIds = new Map<number, string>();
    await fc.assert(
      fc.asyncProperty(batch, fc.integer({ min: 1, max: 100 }), async (items, maxBytes) => {
        const messages = items.map(({ content, size }) => ({
          receivedBy: 'test',
          ownerCountry: 'NLD',
          contentHash: `${run}-${content}`,
          raw: Buffer.alloc(size, content),
        }));
        const known = new Set(firstIds.keys());
        const results = await insertMessages(db, messages, maxBytes);
        assert.equal(results.length, items.length);
        const fresh = new Set<number>();
        items.forEach(({ content }, i) => {
          const { message, duplicate } = results[i]!;
          const id = firstIds.get(content) ?? message.id;
          firstIds.set(content, id);
          assert.equal(message.id, id, 'one row per content');
          assert.equal(message.contentHash, `${run}-${content}`);
          // New only the first time the content is seen, before or in this batch.
          assert.equal(duplicate, known.has(content) || fresh.has(content));
          fresh.add(content);
        });
      }),
      { numRuns: 40 },
    );
    const rows = await db.selectFrom('messages').select('id').where('content_hash', 'like', `${run}-%`).execute();
    assert.equal(rows.length, firstIds.size);
  });
});
