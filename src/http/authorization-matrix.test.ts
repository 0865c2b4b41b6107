/**
 * Walks every route with every role, a machine token of every scope, a user of a foreign country, a user who has not
 * yet changed the password an admin set, and nobody, and checks each answer against the access policy. A route added
 * without an entry here fails the first test.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { buildTestApp } from '../../test/app.js';
import { describeEachBackend } from '../../test/database.js';
import { buildToken, buildUser, buildWatchlist, operator, signIn, type TestUser } from '../../test/factories.js';
import { readFileSync } from 'node:fs';
import { testServices } from '../../test/services.js';
import { authorize, roles, scopes, type Permission, type Principal, type Role, type Scope } from '../access/policy.js';
import type { Services } from '../services.js';
import type { App } from './app.js';
import type { RouteAccess } from './auth.js';

/** The records the requests point at, all owned by FRA. */
interface Targets {
  readonly userId: string;
  readonly tokenId: string;
  readonly password: string;
  readonly listId: string;
  readonly entityId: string;
  readonly messageId: string;
  readonly flightId: string;
  readonly travellerId: string;
}

interface MatrixRequest {
  readonly url: string;
  readonly payload?: Record<string, unknown> | string;
  readonly headers?: Record<string, string>;
}

interface MatrixEntry {
  readonly access: RouteAccess;
  /** Whether the route addresses one record of a country (a foreign caller must get 404). */
  readonly countryRecord?: boolean;
  request(targets: Targets, self: TestUser): MatrixRequest;
}

const matrix: Readonly<Record<string, MatrixEntry>> = {
  'GET /healthz': { access: 'public', request: () => ({ url: '/healthz' }) },
  'GET /readyz': { access: 'public', request: () => ({ url: '/readyz' }) },
  'GET /openapi.json': { access: 'public', request: () => ({ url: '/openapi.json' }) },
  'POST /api/auth/sign-in': {
    access: 'public',
    request: (_t, self) => ({ url: '/api/auth/sign-in', payload: { email: self.email, password: self.password } }),
  },
  'POST /api/auth/sign-out': { access: { permission: 'self.manage' }, request: () => ({ url: '/api/auth/sign-out' }) },
  'GET /api/auth/me': { access: { permission: 'self.manage' }, request: () => ({ url: '/api/auth/me' }) },
  'POST /api/auth/password': {
    access: { permission: 'self.manage' },
    // The same password again: refused as a 400 by the service, after the access check passed.
    request: (_t, self) => ({
      url: '/api/auth/password',
      payload: { currentPassword: self.password, newPassword: self.password },
    }),
  },
  'GET /api/users': { access: { permission: 'users.read' }, request: () => ({ url: '/api/users' }) },
  'POST /api/users': {
    access: { permission: 'users.manage' },
    request: () => ({
      url: '/api/users',
      payload: { email: `m.${randomUUID()}@police.example`, roles: ['officer'], password: 'a long initial password' },
    }),
  },
  'GET /api/users/:id': {
    access: { permission: 'users.read' },
    countryRecord: true,
    request: (t) => ({ url: `/api/users/${t.userId}` }),
  },
  'PATCH /api/users/:id': {
    access: { permission: 'users.manage' },
    countryRecord: true,
    request: (t) => ({ url: `/api/users/${t.userId}`, payload: { name: 'Renamed Officer' } }),
  },
  'GET /api/tokens': { access: { permission: 'tokens.manage' }, request: () => ({ url: '/api/tokens' }) },
  'POST /api/tokens': {
    access: { permission: 'tokens.manage' },
    request: () => ({ url: '/api/tokens', payload: { name: 'matrix', scopes: ['screen'] } }),
  },
  'DELETE /api/tokens/:id': {
    access: { permission: 'tokens.manage' },
    countryRecord: true,
    request: (t) => ({ url: `/api/tokens/${t.tokenId}` }),
  },
  'GET /api/audit': { access: { permission: 'audit.read' }, request: () => ({ url: '/api/audit?limit=5' }) },
  'GET /api/audit/verify': { access: { permission: 'audit.read' }, request: () => ({ url: '/api/audit/verify' }) },
  'GET /api/watchlists': { access: { permission: 'watchlists.read' }, request: () => ({ url: '/api/watchlists' }) },
  'POST /api/watchlists': {
    access: { permission: 'watchlists.write' },
    request: () => ({
      url: '/api/watchlists',
      payload: { id: `l-${randomUUID().slice(0, 8)}`, name: 'Matrix list', kind: 'persons' },
    }),
  },
  'GET /api/watchlists/:list': {
    access: { permission: 'watchlists.read' },
    request: (t) => ({ url: `/api/watchlists/${t.listId}` }),
  },
  'GET /api/watchlists/:list/persons': {
    access: { permission: 'watchlists.read' },
    request: (t) => ({ url: `/api/watchlists/${t.listId}/persons` }),
  },
  'GET /api/watchlists/:list/persons/:entityId': {
    access: { permission: 'watchlists.read' },
    request: (t) => ({ url: `/api/watchlists/${t.listId}/persons/${t.entityId}` }),
  },
  'GET /api/watchlists/:list/documents': {
    access: { permission: 'watchlists.read' },
    request: (t) => ({ url: `/api/watchlists/${t.listId}/documents` }),
  },
  'POST /api/watchlists/:list/import': {
    access: { permission: 'watchlists.write' },
    countryRecord: true,
    request: (t) => ({
      url: `/api/watchlists/${t.listId}/import?format=csv`,
      payload: 'id,name,birthDate\nmx-2,Karim Haddad,1980-02-01\n',
      headers: { 'content-type': 'text/csv' },
    }),
  },
  'POST /api/messages': {
    access: { permission: 'messages.push' },
    request: () => ({
      url: '/api/messages',
      payload: `UNA:+.? 'UNB+UNOA:4+X:ZZ+Y:ZZ+241001:0930+${randomUUID().slice(0, 8)}'`,
      headers: { 'content-type': 'application/edifact' },
    }),
  },
  'GET /api/messages': { access: { permission: 'messages.push' }, request: () => ({ url: '/api/messages' }) },
  'GET /api/messages/:id': {
    access: { permission: 'messages.push' },
    countryRecord: true,
    request: (t) => ({ url: `/api/messages/${t.messageId}` }),
  },
  'GET /api/flights': { access: { permission: 'flights.read' }, request: () => ({ url: '/api/flights' }) },
  'GET /api/flights/:id': {
    access: { permission: 'flights.read' },
    countryRecord: true,
    request: (t) => ({ url: `/api/flights/${t.flightId}` }),
  },
  'GET /api/flights/:id/travellers/:travellerId/history': {
    access: { permission: 'flights.read' },
    countryRecord: true,
    request: (t) => ({ url: `/api/flights/${t.flightId}/travellers/${t.travellerId}/history` }),
  },
  'GET /api/rules': { access: { permission: 'rules.read' }, request: () => ({ url: '/api/rules' }) },
  'POST /api/rules': {
    access: { permission: 'rules.write' },
    request: (_t, self) => ({
      url: '/api/rules',
      payload: {
        id: `matrix-rule-${self.country.toLowerCase()}`,
        title: 'Matrix rule',
        subject: 'traveller',
        when: { fact: 'traveller.minor', op: 'eq', value: true },
        severity: 'low',
        countries: [self.country],
        enabled: true,
      },
    }),
  },
  'PUT /api/rules/:id/enabled': {
    access: { permission: 'rules.write' },
    request: () => ({ url: '/api/rules/cash-payment/enabled', payload: { enabled: true } }),
  },
  'POST /api/screenings': {
    access: { permission: 'screening.run' },
    request: () => ({ url: '/api/screenings', payload: { person: { names: ['Karim Hadad'] } } }),
  },
  'POST /match/:list': {
    access: { permission: 'screening.run' },
    request: (t) => ({
      url: `/match/${t.listId}`,
      payload: { queries: { q1: { schema: 'Person', properties: { name: ['Karim Hadad'] } } } },
    }),
  },
};

type Caller =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'user';
      readonly user: TestUser;
      readonly foreign: boolean;
      /** Created by an admin and never signed in to change the password since. */
      readonly mustChangePassword?: boolean;
    }
  | { readonly kind: 'token'; readonly token: string; readonly scope: Scope };

function describeCaller(caller: Caller): string {
  if (caller.kind === 'anonymous') return 'nobody';
  if (caller.kind === 'token') return `token with ${caller.scope}`;
  const who = `${caller.foreign ? 'foreign ' : ''}${caller.user.roles.join('+')} of ${caller.user.country}`;
  return caller.mustChangePassword === true ? `${who} with a password to change` : who;
}

function principalOf(caller: Caller): Principal | undefined {
  if (caller.kind === 'anonymous') return undefined;
  if (caller.kind === 'token') return { kind: 'token', id: 't', name: 't', country: 'FRA', scopes: [caller.scope] };
  return {
    kind: 'user',
    id: caller.user.id,
    name: caller.user.email,
    country: caller.user.country,
    roles: caller.user.roles,
    sessionId: 's',
  };
}

/** The statuses the policy allows for this caller on this route. */
function expected(entry: MatrixEntry, caller: Caller): (status: number) => boolean {
  const access = entry.access;
  if (access === 'public') return (s) => s !== 401 && s !== 403 && s < 500;
  const principal = principalOf(caller);
  if (principal === undefined) return (s) => s === 401;
  // Stated here, not read from the policy: an initial password opens nothing but the person's own account.
  if (caller.kind === 'user' && caller.mustChangePassword === true && access.permission !== 'self.manage')
    return (s) => s === 403;
  if (!authorize(principal, access.permission).allowed) return (s) => s === 403;
  if (entry.countryRecord === true && caller.kind === 'user' && caller.foreign) return (s) => s === 404;
  return (s) => s !== 401 && s !== 403 && s !== 404 && s < 500;
}

describeEachBackend('authorisation matrix', (database) => {
  let app: App;
  let services: Services;
  const callers: Caller[] = [{ kind: 'anonymous' }];
  let targets: Targets;
  before(async () => {
    services = testServices(database());
    app = await buildTestApp(database(), { LODESTAR_SIGNIN_RATE_PER_MINUTE: '10000' }, services);
    for (const role of roles)
      callers.push({
        kind: 'user',
        user: await buildUser(services, { country: 'FRA', roles: [role] }),
        foreign: false,
      });
    for (const role of ['admin', 'auditor', 'coordinator'] as Role[]) {
      callers.push({ kind: 'user', user: await buildUser(services, { country: 'DEU', roles: [role] }), foreign: true });
    }
    // Every role, but created by an admin: nothing beyond managing oneself until the password is changed.
    const admin = await buildUser(services, { country: 'FRA', roles: ['admin'] });
    const initial = { email: `initial.${randomUUID()}@police.example`, password: `initial ${randomUUID()}` };
    const created = await services.users.create(
      { kind: 'user', id: admin.id, name: admin.email, country: 'FRA', roles: ['admin'], sessionId: 's' },
      { ...initial, roles: [...roles] },
      { ip: null, requestId: null },
    );
    callers.push({
      kind: 'user',
      user: { id: created.id, ...initial, country: 'FRA', roles: [...roles] },
      foreign: false,
      mustChangePassword: true,
    });
    for (const scope of scopes)
      callers.push({
        kind: 'token',
        token: (await buildToken(services, { country: 'FRA', scopes: [scope] })).token,
        scope,
      });
    const target = await buildUser(services, { country: 'FRA', roles: ['officer'] });
    const token = await buildToken(services, { country: 'FRA', scopes: ['screen'] });
    const list = await buildWatchlist(services, {
      ownerCountry: 'FRA',
      persons: [{ id: 'mx-1', name: 'Karim Haddad', restrictedTo: ['ITA'] }],
    });
    const received = await services.ingest.receive(
      operator,
      readFileSync(new URL('../../test/fixtures/travel/paxlst-d05b-passengers.edi', import.meta.url)),
      { ip: null, requestId: null },
      'FRA',
    );
    const processed = await services.ingest.process(received.message.id);
    const traveller = await database()
      .db.selectFrom('travellers')
      .select('id')
      .where('flight_id', '=', processed.flightId!)
      .limit(1)
      .executeTakeFirstOrThrow();
    targets = {
      userId: target.id,
      tokenId: token.record.id,
      password: target.password,
      listId: list.id,
      entityId: 'mx-1',
      messageId: received.message.id,
      flightId: processed.flightId!,
      travellerId: traveller.id,
    };
  });
  after(() => app.close());

  it('has an entry for every route, with the access the route declares', () => {
    const declared = app.declaredRoutes.map((r) => `${r.method} ${r.url}`).sort();
    assert.deepEqual(declared, Object.keys(matrix).sort(), 'a route was added or removed without updating the matrix');
    for (const route of app.declaredRoutes) {
      assert.deepEqual(route.access, matrix[`${route.method} ${route.url}`]!.access, `${route.method} ${route.url}`);
    }
  });

  it('answers every caller on every route as the policy says', async () => {
    const failures: string[] = [];
    for (const route of app.declaredRoutes) {
      const entry = matrix[`${route.method} ${route.url}`]!;
      for (const caller of callers) {
        let headers: Record<string, string> = {};
        if (caller.kind === 'token') headers = { authorization: `Bearer ${caller.token}` };
        if (caller.kind === 'user') headers = (await signIn(app, caller.user)).headers(true);
        const req = entry.request(
          targets,
          caller.kind === 'user' ? caller.user : (callers[1] as { user: TestUser }).user,
        );
        const res = await app.inject({
          method: route.method as 'GET',
          url: req.url,
          headers: { ...headers, ...req.headers },
          ...(req.payload === undefined ? {} : { payload: req.payload }),
        });
        if (!expected(entry, caller)(res.statusCode)) {
          failures.push(
            `${route.method} ${route.url} as ${describeCaller(caller)}: ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
        }
      }
    }
    assert.deepEqual(failures, []);
  });
});

/** Which permission a route needs, for readers of this file: every permission in the table is used by some route. */
export const permissionsInUse = (): Permission[] =>
  Object.values(matrix).flatMap((e) => (e.access === 'public' ? [] : [e.access.permission]));
