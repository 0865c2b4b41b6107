/**
 * The `field` of an error answer is one kind of path whoever finds the fault: rooted at the part of the request it
 * is in (body, querystring, params, headers), with dots between its steps and array indexes as steps (`.0`, not
 * `[0]`), as the schema check writes it.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { buildTestApp } from '../../test/app.js';
import { describeEachBackend } from '../../test/database.js';
import { buildUser, buildWatchlist, signIn, type Session } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import type { Services } from '../services.js';
import type { App } from './app.js';
import { requestField } from './errors.js';

const rule = {
  id: 'field-paths',
  title: 'A minor alone',
  subject: 'traveller',
  when: { all: [{ fact: 'traveller.minor', op: 'resembles', value: true }] },
  severity: 'high',
  countries: ['FRA'],
  enabled: true,
};

describe('requestField', () => {
  const request = (parts: { body?: unknown; query?: object; params?: object; schema?: object }) =>
    ({
      body: parts.body,
      query: parts.query ?? {},
      params: parts.params ?? {},
      routeOptions: { schema: parts.schema ?? {} },
    }) as unknown as FastifyRequest;

  it('roots a field where the request holds it, or where the route’s schema names it', () => {
    const cases: [string, Parameters<typeof request>[0], string][] = [
      ['person.birthDate', { body: { person: {} } }, 'body.person.birthDate'],
      ['when.all[0].op', { body: { when: {} } }, 'body.when.all.0.op'],
      ['queries.q1.names', { body: { queries: {} }, query: { limit: 5 } }, 'body.queries.q1.names'],
      ['format', { body: Readable.from(['x']), query: { format: 'csv' } }, 'querystring.format'],
      ['id', { body: { enabled: true }, params: { id: 'r' } }, 'params.id'],
      ['country', { body: {}, schema: { body: { properties: { country: {} } } } }, 'body.country'],
      // Named by no part of the request: left as the service wrote it rather than rooted at a guess.
      ['lists', { body: { queries: {} }, params: { list: 'nolist' } }, 'lists'],
      ['body', { body: {} }, 'body'],
      ['headers.content-type', { body: Readable.from(['x']) }, 'headers.content-type'],
      ['body.person.names[1]', { body: { person: {} } }, 'body.person.names.1'],
    ];
    for (const [field, parts, expected] of cases) assert.equal(requestField(field, request(parts)), expected, field);
  });
});

describeEachBackend('error fields', (database) => {
  let app: App;
  let services: Services;
  let analyst: Session;
  let admin: Session;
  before(async () => {
    services = testServices(database());
    app = await buildTestApp(database(), {}, services);
    analyst = await signIn(app, await buildUser(services, { country: 'FRA', roles: ['analyst'] }));
    admin = await signIn(app, await buildUser(services, { country: 'FRA', roles: ['admin'] }));
    await buildWatchlist(services, { ownerCountry: 'FRA', id: 'fr-docs', documents: [] });
  });
  after(() => app.close());

  const fieldOf = async (method: 'POST', url: string, headers: Record<string, string>, payload: object | string) => {
    const res = await app.inject({ method, url, headers, payload });
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ error: { field?: string } }>().error.field;
  };

  it('roots a service’s field in the body and writes array indexes as steps', async () => {
    const headers = analyst.headers(true);
    const cases: [string, object, string][] = [
      ['/api/screenings', { person: { names: ['Karim'], birthDate: '1980-13-45' } }, 'body.person.birthDate'],
      ['/api/screenings', { person: { names: ['\u0007\u0008'] } }, 'body.person.names.0'],
      [
        '/api/screenings',
        { person: { names: ['Karim'], documents: [{ number: 'RL1234567', country: 'QQQ' }] } },
        'body.person.documents.0.country',
      ],
      ['/api/screenings', {}, 'body'],
      ['/api/rules', rule, 'body.when.all.0.op'],
      ['/match/default', { queries: { q1: { schema: 'Person', properties: {} } } }, 'body.queries.q1.names'],
    ];
    for (const [url, payload, field] of cases) assert.equal(await fieldOf('POST', url, headers, payload), field, url);
    assert.equal(
      await fieldOf('POST', '/api/users', admin.headers(true), {
        email: 'short@police.example',
        roles: ['officer'],
        password: 'short',
      }),
      'body.password',
    );
  });

  it('roots a service’s field in the query when the query holds it, and keeps the schema check’s fields', async () => {
    assert.equal(
      await fieldOf(
        'POST',
        '/api/watchlists/fr-docs/import?format=csv',
        { ...analyst.headers(true), 'content-type': 'text/csv' },
        'id,name\n',
      ),
      'querystring.format',
    );
    assert.equal(
      await fieldOf('POST', '/api/screenings', analyst.headers(true), { person: { names: [] } }),
      'body.person.names',
    );
    assert.equal(await fieldOf('POST', '/api/auth/sign-in', {}, { password: 'x' }), 'body.email');
  });
});
