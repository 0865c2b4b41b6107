import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp } from '../../test/app.js';
import { describeEachBackend } from '../../test/database.js';
import { buildUser, buildWatchlist, signIn } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import type { App } from '../http/app.js';
import type { Services } from '../services.js';

describeEachBackend('watchlist routes', (database) => {
  let app: App;
  let services: Services;
  let listId: string;
  before(async () => {
    services = testServices(database());
    app = await buildTestApp(database(), {}, services);
    const list = await buildWatchlist(services, {
      ownerCountry: 'FRA',
      persons: [
        { id: 'open-1', name: 'Amina Diallo', birthDate: '1990-04-12', nationality: 'SEN' },
        { id: 'closed-1', name: 'Secret Person', restrictedTo: ['DEU'] },
      ],
    });
    listId = list.id;
  });
  after(() => app.close());

  it('shows a shared entry whole and a restricted one only as whom to contact, and audits the view', async () => {
    const officer = await buildUser(services, { country: 'ITA', roles: ['officer'] });
    const session = await signIn(app, officer);
    const open = await app.inject({
      method: 'GET',
      url: `/api/watchlists/${listId}/persons/open-1`,
      headers: session.headers(),
    });
    assert.equal(open.statusCode, 200);
    assert.equal(open.json<{ name: string; restricted: boolean }>().name, 'Amina Diallo');
    const closed = await app.inject({
      method: 'GET',
      url: `/api/watchlists/${listId}/persons/closed-1`,
      headers: session.headers(),
    });
    assert.equal(closed.statusCode, 200);
    assert.deepEqual(Object.keys(closed.json<object>()).sort(), ['contactCountry', 'key', 'message', 'restricted']);
    assert.ok(!closed.body.includes('Secret'));
    const views = await database()
      .db.selectFrom('audit_log')
      .select(['outcome', 'subject_id'])
      .where('action', '=', 'person.view')
      .where('actor_id', '=', officer.id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(views, [
      { outcome: 'ok', subject_id: `${listId}/open-1` },
      { outcome: 'denied', subject_id: `${listId}/closed-1` },
    ]);
    const page = await app.inject({
      method: 'GET',
      url: `/api/watchlists/${listId}/persons?limit=10`,
      headers: session.headers(),
    });
    const entries = page.json<{ entries: { restricted: boolean }[] }>().entries;
    assert.deepEqual(
      entries.map((e) => e.restricted),
      [false, true],
    );
    // The page is a view of persons too: who saw which, and how many only as whom to contact.
    const browsed = await database()
      .db.selectFrom('audit_log')
      .select(['subject_id', 'details'])
      .where('action', '=', 'watchlist.browse')
      .where('actor_id', '=', officer.id)
      .execute();
    assert.deepEqual(
      browsed.map((b) => [b.subject_id, b.details]),
      [[listId, { entries: 'persons', after: 0, shown: ['open-1'], restricted: 1 }]],
    );
    const germany = await signIn(app, await buildUser(services, { country: 'DEU', roles: ['officer'] }));
    const shared = await app.inject({
      method: 'GET',
      url: `/api/watchlists/${listId}/persons/closed-1`,
      headers: germany.headers(),
    });
    assert.equal(shared.json<{ name: string }>().name, 'Secret Person');
  });

  it('imports an uploaded file into a list of the caller’s country and reports bad rows', async () => {
    const analyst = await buildUser(services, { country: 'FRA', roles: ['analyst'] });
    const session = await signIn(app, analyst);
    const created = await app.inject({
      method: 'POST',
      url: '/api/watchlists',
      headers: session.headers(true),
      payload: { id: 'fr-missing', name: 'Missing persons', kind: 'persons' },
    });
    assert.equal(created.statusCode, 201);
    // "default" is /match's name for every list: a list of that name could never be screened alone.
    const reserved = await app.inject({
      method: 'POST',
      url: '/api/watchlists',
      headers: session.headers(true),
      payload: { id: 'default', name: 'Default', kind: 'persons' },
    });
    assert.equal(reserved.statusCode, 400, reserved.body);
    assert.match(reserved.json<{ error: { field: string } }>().error.field, /(^|\.)id$/);
    const body = [
      '{"id":"m-1","schema":"Person","properties":{"name":["Léa Martin"],"birthDate":["2011-05-02"]}}',
      '{"id":"m-2","schema":"Person","properties":{}}',
    ].join('\n');
    const res = await app.inject({
      method: 'POST',
      url: '/api/watchlists/fr-missing/import?format=ftm',
      headers: { ...session.headers(true), 'content-type': 'application/x-ndjson' },
      payload: body,
    });
    assert.equal(res.statusCode, 200, res.body);
    const summary = res.json<{ inserted: number; rejected: number; problems: { line: number; reason: string }[] }>();
    assert.equal(summary.inserted, 1);
    assert.deepEqual(
      summary.problems.map((p) => [p.line, p.reason]),
      [[2, 'properties.name: the person has no name']],
    );
    const bad = await app.inject({
      method: 'POST',
      url: '/api/watchlists/fr-missing/import?format=xml',
      headers: { ...session.headers(true), 'content-type': 'text/csv' },
      payload: 'x',
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ error: { field: string } }>().error.field, 'querystring.format');
  });
});
