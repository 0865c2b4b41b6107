/**
 * Media types: a route that takes JSON refuses a file or message type (415) instead of handing the unread stream to
 * its schema check; a route that takes a file or message refuses anything else (415).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp } from '../../test/app.js';
import { describeEachBackend } from '../../test/database.js';
import { buildToken, buildUser, signIn, type Session } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import type { App } from './app.js';
import { rawBodyTypes } from './raw-body.js';

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

describeEachBackend('request media types', (database) => {
  let app: App;
  let token: string;
  let admin: Session;
  before(async () => {
    const services = testServices(database());
    app = await buildTestApp(database(), {}, services);
    token = (await buildToken(services, { country: 'FRA', scopes: ['screen'] })).token;
    admin = await signIn(app, await buildUser(services, { country: 'FRA', roles: ['admin'] }));
  });
  after(() => app.close());

  it('refuses a file or message type on a route that takes JSON with 415', async () => {
    const requests: [string, Record<string, string>, string][] = [
      ['/api/screenings', { authorization: `Bearer ${token}` }, '{"person":{"names":["Karim Haddad"]}}'],
      ['/api/auth/sign-in', {}, '{"email":"a@police.example","password":"whatever it is"}'],
      ['/api/users', admin.headers(true), 'email,roles\n'],
    ];
    for (const [url, headers, payload] of requests) {
      for (const type of rawBodyTypes) {
        const res = await app.inject({
          method: 'POST',
          url,
          headers: { ...headers, 'content-type': `${type}; charset=utf-8` },
          payload,
        });
        assert.equal(res.statusCode, 415, `${url} as ${type}: ${res.body}`);
        const { error } = res.json<ErrorBody>();
        assert.equal(error.code, 'request.unsupported_media_type');
        assert.equal(error.field, 'headers.content-type');
        assert.match(error.message, new RegExp(`application/json, not ${type.replace('/', '\\/')}$`));
      }
    }
  });

  it('still takes JSON on a JSON route and ignores the type of an empty body on a route that takes none', async () => {
    const json = await app.inject({
      method: 'POST',
      url: '/api/screenings',
      headers: { authorization: `Bearer ${token}` },
      payload: { person: { names: ['Karim Haddad'] } },
    });
    assert.equal(json.statusCode, 200, json.body);
    const signOut = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { ...admin.headers(true), 'content-type': 'text/plain' },
      payload: '',
    });
    assert.equal(signOut.statusCode, 204, signOut.body);
  });
});
