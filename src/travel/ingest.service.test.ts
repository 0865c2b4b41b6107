import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, it } from 'node:test';
import { describeEachBackend } from '../../test/database.js';
import { buildWatchlist, operator } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import type { Services } from '../services.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/travel/${name}`, import.meta.url));
const noRequest = { ip: null, requestId: null };
const nld = {
  kind: 'token' as const,
  id: 'tok',
  name: 'NLD PIU feed',
  country: 'NLD',
  scopes: ['messages:push' as const],
};

describeEachBackend('passenger data ingestion', (database) => {
  let services: Services;
  before(async () => {
    services = testServices(database());
    await buildWatchlist(services, {
      ownerCountry: 'FRA',
      persons: [{ id: 'wanted-1', name: 'Amal Haddad', birthDate: '2001-01-01', nationality: 'SYR', gender: 'female' }],
      documents: [{ number: 'TD0012345', issuingState: 'FRA', status: 'stolen' }],
    });
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
    const reprocessed = await services.ingest.process(again.message.id);
    assert.equal(reprocessed.alerts, 0, 'no alert is raised twice');
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
    const linked = await database()
      .db.selectFrom('travellers as p')
      .innerJoin('travellers as a', 'a.id', 'p.linked_to')
      .select(['p.surname', 'a.source'])
      .where('p.flight_id', '=', result.flightId!)
      .execute();
    assert.ok(
      linked.length > 0 && linked.every((l) => l.source === 'api'),
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

  it('receives for the caller’s own country only', async () => {
    await assert.rejects(
      services.ingest.receive(nld, Buffer.from('x'), noRequest, 'FRA'),
      /messages are received for NLD only/,
    );
    const { message } = await services.ingest.receive(operator, Buffer.from('UNA'), noRequest, 'BEL');
    assert.equal(message.ownerCountry, 'BEL');
  });
});
