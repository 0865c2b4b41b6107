/**
 * Every refusal of a known caller by the access policy (a token's missing scope, a person's missing role, an initial
 * password not yet changed, a cookie write without its CSRF token) is on the audit record; a request without any
 * credentials is not (anyone can send one: it would only fill the log).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { buildTestApp } from '../../test/app.js';
import { describeEachBackend } from '../../test/database.js';
import { buildToken, buildUser, signIn } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import type { Services } from '../services.js';
import type { App } from './app.js';

describeEachBackend('access refusals on the audit record', (database) => {
  let app: App;
  let services: Services;
  before(async () => {
    services = testServices(database());
    app = await buildTestApp(database(), {}, services);
  });
  after(() => app.close());

  /** The access.denied entries of `actorId`, oldest first. */
  const denials = (actorId: string) =>
    database()
      .db.selectFrom('audit_log')
      .select(['actor_kind', 'action', 'outcome', 'details', 'request_id'])
      .where('action', '=', 'access.denied')
      .where('actor_id', '=', actorId)
      .orderBy('seq')
      .execute();

  it('records a token refused for a people-only route and for a scope it lacks', async () => {
    const { token, record } = await buildToken(services, { country: 'FRA', scopes: ['screen'] });
    const headers = { authorization: `Bearer ${token}` };
    const people = await app.inject({ method: 'GET', url: '/api/users/some-id?x=1', headers });
    assert.equal(people.statusCode, 403);
    const scope = await app.inject({ method: 'GET', url: '/api/flights', headers });
    assert.equal(scope.statusCode, 403);
    assert.deepEqual(await denials(record.id), [
      {
        actor_kind: 'token',
        action: 'access.denied',
        outcome: 'denied',
        details: {
          method: 'GET',
          route: '/api/users/:id',
          permission: 'users.read',
          reason: 'users.read is for people, not machine tokens',
        },
        request_id: people.headers['x-request-id'],
      },
      {
        actor_kind: 'token',
        action: 'access.denied',
        outcome: 'denied',
        details: {
          method: 'GET',
          route: '/api/flights',
          permission: 'flights.read',
          reason: 'this token lacks the scope flights:read',
        },
        request_id: scope.headers['x-request-id'],
      },
    ]);
  });

  it('records a person refused for a role, for an initial password and for a write without the CSRF token', async () => {
    const officer = await buildUser(services, { country: 'FRA', roles: ['officer'] });
    const session = await signIn(app, officer);
    const role = await app.inject({ method: 'GET', url: '/api/audit?limit=5', headers: session.headers() });
    assert.equal(role.statusCode, 403);
    const csrf = await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: session.headers() });
    assert.equal(csrf.statusCode, 403);
    assert.deepEqual(
      (await denials(officer.id)).map((d) => d.details),
      [
        {
          method: 'GET',
          route: '/api/audit',
          permission: 'audit.read',
          reason: 'your roles (officer) do not allow audit.read',
        },
        {
          method: 'POST',
          route: '/api/auth/sign-out',
          permission: 'self.manage',
          reason: "a write with a session cookie must send the session's CSRF token in the x-csrf-token header",
        },
      ],
    );

    const initial = { email: `initial.${randomUUID()}@police.example`, password: `initial ${randomUUID()}` };
    const admin = await buildUser(services, { country: 'FRA', roles: ['admin'] });
    const created = await services.users.create(
      { kind: 'user', id: admin.id, name: admin.email, country: 'FRA', roles: ['admin'], sessionId: 's' },
      { ...initial, roles: ['officer'] },
      { ip: null, requestId: null },
    );
    const first = await signIn(app, initial);
    const watchlists = await app.inject({ method: 'GET', url: '/api/watchlists', headers: first.headers() });
    assert.equal(watchlists.statusCode, 403);
    const [entry] = await denials(created.id);
    assert.equal(entry?.details.permission, 'watchlists.read');
    assert.match(String(entry?.details.reason), /password must be changed first/);
  });

  it('does not record a request without credentials, nor one the policy allows', async () => {
    const count = async () =>
      (
        await database()
          .db.selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('action', '=', 'access.denied')
          .executeTakeFirstOrThrow()
      ).n;
    const before = await count();
    assert.equal((await app.inject({ method: 'GET', url: '/api/users' })).statusCode, 401);
    assert.equal(
      (await app.inject({ method: 'GET', url: '/api/users', headers: { authorization: 'Bearer lst_nonsense' } }))
        .statusCode,
      401,
    );
    const { token } = await buildToken(services, { country: 'FRA', scopes: ['flights:read'] });
    const allowed = await app.inject({
      method: 'GET',
      url: '/api/flights',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(allowed.statusCode, 200);
    assert.equal(await count(), before);
  });
});
