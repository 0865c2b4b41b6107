import assert from 'node:assert/strict';
import { connect, type AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, it } from 'node:test';
import { buildTestApp } from '../../test/app.js';
import { describeEachBackend } from '../../test/database.js';
import { buildToken, buildUser, buildWatchlist, operator, signIn } from '../../test/factories.js';
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
    const summary = res.json<{
      inserted: number;
      unchanged: number;
      replaceSkipped: string | null;
      problems: { line: number; reason: string }[];
    }>();
    assert.deepEqual([summary.inserted, summary.unchanged, summary.replaceSkipped], [1, 0, null]);
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

  /** Waits until `check` holds, for at most 20 s. */
  async function until(check: () => Promise<boolean>, what: string): Promise<void> {
    for (let waited = 0; !(await check()); waited += 20) {
      if (waited > 20_000) throw new Error(`gave up waiting: ${what}`);
      await sleep(20);
    }
  }

  it('answers 409 to an upload into a list another import is filling', async () => {
    const { token } = await buildToken(services, { country: 'FRA', scopes: ['watchlists:write'] });
    const list = await buildWatchlist(services, { ownerCountry: 'FRA' });
    const input = new PassThrough();
    let committed!: () => void;
    const batch = new Promise<void>((resolve) => (committed = resolve));
    const running = services.imports.importStream(
      operator,
      list.id,
      input,
      { format: 'csv', batchSize: 1, onProgress: () => committed() },
      { ip: null, requestId: null },
    );
    input.write('id,name\nrun-1,Rune One\nrun-2,Runa Two\n');
    await batch;
    const refused = await app.inject({
      method: 'POST',
      url: `/api/watchlists/${list.id}/import?format=csv&replace=true`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      payload: 'id,name\nother-1,Otto Other\n',
    });
    assert.equal(refused.statusCode, 409, refused.body);
    assert.match(refused.json<{ error: { message: string } }>().error.message, /^an import into list .* is running/);
    input.end();
    assert.equal((await running).inserted, 2);
  });

  it('audits an upload the client cut off as a failed import, keeping the batches that committed', async () => {
    const { token } = await buildToken(services, { country: 'FRA', scopes: ['watchlists:write'] });
    const list = await buildWatchlist(services, { ownerCountry: 'FRA' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    // 2,500 rows of a file announced longer: batches of a thousand commit as the rows after them are read.
    let body = 'id,name,birthDate\n';
    for (let i = 0; i < 2500; i++) body += `cut-${i},Person Number${i} Lastname,1970\n`;
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write(
      `POST /api/watchlists/${list.id}/import?format=csv HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        `Authorization: Bearer ${token}\r\nContent-Type: text/csv\r\nContent-Length: ${body.length * 2}\r\n\r\n${body}`,
    );
    const persons = async () =>
      (await database().db.selectFrom('watchlist_persons').select('key').where('list_id', '=', list.id).execute())
        .length;
    await until(async () => (await persons()) === 2000, 'two batches committed');
    socket.destroy();
    const failed = () =>
      database()
        .db.selectFrom('audit_log')
        .select(['outcome', 'details', 'actor_kind'])
        .where('action', '=', 'watchlist.import')
        .where('subject_id', '=', list.id)
        .execute();
    await until(async () => (await failed()).length > 0, 'the audit entry of the failed import');
    const [entry, ...more] = await failed();
    assert.equal(more.length, 0);
    assert.deepEqual(
      [entry!.outcome, entry!.actor_kind, entry!.details.interrupted, entry!.details.committedEntries],
      ['failed', 'token', true, 2000],
    );
    assert.ok((entry!.details.read as number) > 2000);
    assert.equal(await persons(), 2000);
  });
});
