/**
 * The flight routes answer exactly what FlightsService returns, as JSON: their response schemas name every field
 * (Fastify's serializer silently drops a field its schema does not name, and coerces a value to the type it says).
 * Checked on flights with every kind of traveller, booking and alert: a passenger list and a PNR push of one flight,
 * hits on shared and on restricted watchlist entries, rule hits, a second flight for a traveller's history, and a
 * synthetic flight of a few hundred travellers.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp } from '../../test/app.js';
import { describeEachBackend } from '../../test/database.js';
import { buildUser, buildWatchlist, operator, signIn, type Session } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import type { App } from '../http/app.js';
import type { Services } from '../services.js';
import { flightMessages } from '../synth/flights.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/travel/${name}`, import.meta.url), 'utf8');
const noRequest = { ip: null, requestId: null };

/** What a client reads of a value sent as JSON: a Date as its ISO string, no undefined field. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describeEachBackend('the flight routes answer what the service returns', (database) => {
  let services: Services;
  let app: App;
  let session: Session;
  let flightId: string;
  let syntheticFlightId: string;

  /** Stores and processes a message for DEU; returns its flight. */
  const ingest = async (text: string) => {
    const { message } = await services.ingest.receive(operator, Buffer.from(text), noRequest, 'DEU');
    const processed = await services.ingest.process(message.id);
    assert.equal(processed.status, 'screened');
    return processed.flightId!;
  };

  before(async () => {
    services = testServices(database());
    app = await buildTestApp(database(), {}, services);
    session = await signIn(app, await buildUser(services, { country: 'DEU', roles: ['analyst'] }));
    // On the passenger list: HADDAD, AMAL and her document (restricted by FRA to itself), MUELLER, JONAS (shared)
    // and O'NEILL, SIOBHAN MARIE's passport (restricted), as in flights.service.test.ts.
    await buildWatchlist(services, {
      ownerCountry: 'FRA',
      persons: [
        {
          id: 'fra-secret-1',
          name: 'Amal Haddad',
          birthDate: '2001-01-01',
          nationality: 'SYR',
          documentNumber: 'TD0012345',
          documentCountry: 'FRA',
          restrictedTo: ['FRA'],
        },
        { id: 'fra-shared-1', name: 'Jonas Mueller', birthDate: '2015-07-04' },
        // A near match: a score short of 1.
        { id: 'fra-shared-2', name: 'Siobhan Marie Oneil' },
      ],
    });
    await buildWatchlist(services, { ownerCountry: 'FRA', documents: [{ number: 'PE1234567', issuingState: 'IRL' }] });
    await sql`update watchlist_documents set restricted_to = '{FRA}' where number = 'PE1234567'`.execute(database().db);

    flightId = await ingest(fixture('paxlst-d05b-passengers.edi'));
    assert.equal(await ingest(fixture('pnrgov-three-pnrs.edi')), flightId, 'the PNR push is for the listed flight');
    // The same people on another flight: their history.
    assert.notEqual(await ingest(fixture('paxlst-d05b-passengers.edi').replaceAll('LA0417', 'LA0419')), flightId);
    const synthetic = flightMessages({ seed: 7, personCount: 1000, hitRate: 0 }, 3);
    for (const file of [...synthetic.pnrgov, ...synthetic.paxlst]) syntheticFlightId = await ingest(file.text);
  });
  after(() => app.close());

  const get = (url: string) => app.inject({ method: 'GET', url, headers: session.headers() });

  it('lists the flights', async (t) => {
    const list = t.mock.method(services.flights, 'list');
    const res = await get('/api/flights?limit=1000');
    assert.equal(res.statusCode, 200);
    const answered = asJson(await list.mock.calls[0]!.result);
    assert.deepEqual(res.json(), answered);
    assert.equal((answered as unknown[]).length, 3);
  });

  it('answers a flight with its travellers, bookings and alerts', async (t) => {
    const detail = t.mock.method(services.flights, 'get');
    for (const [i, id] of [flightId, syntheticFlightId].entries()) {
      const res = await get(`/api/flights/${id}`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), asJson(await detail.mock.calls[i]!.result));
    }

    // The flights hold what the schemas describe, so the comparison above is not over empty lists.
    const { travellers, bookings, alerts } = await detail.mock.calls[0]!.result!;
    assert.deepEqual([...new Set(travellers.map((x) => x.source))].sort(), ['api', 'pnr']);
    assert.ok(travellers.some((x) => x.linkedTo !== null && x.documents.length > 0));
    assert.ok(bookings.some((b) => 'agency' in b.data && 'payments' in b.data));
    const restricted = alerts.filter((a) => a.restricted);
    assert.ok(restricted.length >= 2 && restricted.every((a) => a.restricted && a.contactCountry === 'FRA'));
    assert.ok(alerts.some((a) => a.kind === 'person' && !a.restricted && a.explanation.length > 0));
    assert.ok(alerts.some((a) => a.score !== null && !Number.isInteger(a.score)));
    assert.ok(alerts.some((a) => a.kind === 'rule' && a.rule_version !== null && a.explanation.length > 0));
    const synthetic = await detail.mock.calls[1]!.result!;
    assert.ok(synthetic.travellers.length > 100 && synthetic.bookings.length > 20);
    assert.ok(synthetic.alerts.some((a) => a.kind === 'rule' && a.booking_id !== null));
  });

  it("answers a traveller's appearances on other flights", async (t) => {
    const { travellers } = await services.flights.get(operator, flightId, noRequest);
    const haddad = travellers.find((x) => x.source === 'api' && x.surname === 'HADDAD')!;
    const history = t.mock.method(services.flights, 'history');
    const res = await get(`/api/flights/${flightId}/travellers/${haddad.id}/history`);
    assert.equal(res.statusCode, 200);
    const answered = await history.mock.calls[0]!.result!;
    assert.deepEqual(res.json(), asJson(answered));
    assert.ok(answered.appearances.some((a) => a.flight_number === '419'));
  });
});
