import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { Type } from 'typebox';
import { buildTestApp } from '../../test/app.js';
import { describeEachBackend } from '../../test/database.js';
import { buildUser, buildWatchlist, signIn, type Session } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import type { Services } from '../services.js';
import type { App } from './app.js';
import { boundIntegers, findUnstorable } from './input-guard.js';

/** A small seeded generator, so that a failing case can be run again. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

const goodChars = ['a', 'Z', '7', ' ', '-', 'é', 'Ж', 'ب', '中', '😀', '\u200b', "'", '"', '\\', '%', '&', '=', '+'];

/** A string of ordinary characters holding, somewhere, one `bad` (a NUL or an unpaired surrogate). */
function textWith(random: ReturnType<typeof generator>, bad: string): string {
  const chars = Array.from({ length: 1 + Math.floor(random.next() * 12) }, () => random.pick(goodChars));
  chars.splice(Math.floor(random.next() * (chars.length + 1)), 0, bad);
  return chars.join('');
}

describe('input guard', () => {
  it('names the first string PostgreSQL cannot store, property names included', () => {
    assert.deepEqual(findUnstorable({ a: ['ok', 'x\u0000'] }, 'body'), {
      field: 'body.a.1',
      reason: 'must not contain a NUL character (U+0000)',
    });
    assert.match(findUnstorable({ q: { 'k\uDC00': 1 } }, 'body')!.reason, /^a property name .*unpaired surrogate/);
    assert.equal(findUnstorable({ q: { k: ['😀', 'ok', 3, null, true] } }, 'body'), undefined);
    // A body nested far deeper than the call stack allows is walked, not a stack overflow (a 500).
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    assert.equal(findUnstorable(deep, 'body')!.field, `body${'.0'.repeat(200_000)}`);
  });

  it('bounds the integers of a request schema without changing the schema other routes share', () => {
    const shared = Type.Object({ after: Type.Integer({ minimum: 0 }), limit: Type.Integer({ maximum: 500 }) });
    type Plain = { properties: Record<string, { maximum?: number }> };
    const bounded = boundIntegers(shared) as Plain;
    assert.equal(bounded.properties.after!.maximum, Number.MAX_SAFE_INTEGER);
    assert.equal(bounded.properties.limit!.maximum, 500);
    assert.equal((shared as unknown as Plain).properties.after!.maximum, undefined);
    const untouched = Type.Object({ name: Type.String() });
    assert.equal(boundIntegers(untouched), untouched);
  });
});

describeEachBackend('input guard over HTTP', (database) => {
  let app: App;
  let services: Services;
  let listId: string;
  let admin: Session;
  let analyst: Session;
  let auditor: Session;
  before(async () => {
    services = testServices(database());
    app = await buildTestApp(database(), { LODESTAR_SIGNIN_RATE_PER_MINUTE: '10000' }, services);
    listId = (await buildWatchlist(services, { ownerCountry: 'FRA', persons: [{ id: 'p1', name: 'Karim Haddad' }] }))
      .id;
    admin = await signIn(app, await buildUser(services, { country: 'FRA', roles: ['admin'] }));
    analyst = await signIn(app, await buildUser(services, { country: 'FRA', roles: ['analyst'] }));
    auditor = await signIn(app, await buildUser(services, { country: 'FRA', roles: ['auditor'] }));
  });
  after(() => app.close());

  interface Case {
    readonly method: 'GET' | 'POST' | 'PUT';
    readonly url: string;
    readonly headers: Record<string, string>;
    readonly payload?: object;
    readonly field: string;
  }

  /** Requests carrying `s` in a body (any bad character) or, with `inUrl`, in a path or query (a NUL: a URL cannot spell an unpaired surrogate). */
  const cases: ((s: string) => Case)[] = [
    (s) => ({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: {},
      payload: { email: `${s}@police.example`, password: 'whatever it is' },
      field: 'body.email',
    }),
    (s) => ({
      method: 'POST',
      url: '/api/watchlists',
      headers: analyst.headers(true),
      payload: { id: 'generated', name: s, kind: 'persons' },
      field: 'body.name',
    }),
    (s) => ({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers(true),
      payload: { email: 'generated@police.example', name: s, roles: ['officer'], password: 'a long initial password' },
      field: 'body.name',
    }),
    (s) => ({
      method: 'POST',
      url: '/api/screenings',
      headers: analyst.headers(true),
      payload: { person: { names: ['Karim Haddad', s] } },
      field: 'body.person.names.1',
    }),
    (s) => ({
      method: 'POST',
      url: `/match/${listId}`,
      headers: analyst.headers(true),
      payload: { queries: { [s]: { schema: 'Person', properties: { name: ['Karim Haddad'] } } } },
      field: 'body.queries',
    }),
  ];
  const urlCases: ((encoded: string) => Case)[] = [
    (e) => ({ method: 'GET', url: `/api/audit?action=${e}`, headers: auditor.headers(), field: 'querystring.action' }),
    (e) => ({
      method: 'GET',
      url: `/api/audit?subject=${e}`,
      headers: auditor.headers(),
      field: 'querystring.subject',
    }),
    (e) => ({ method: 'GET', url: `/api/watchlists/${e}`, headers: analyst.headers(), field: 'params.list' }),
    (e) => ({
      method: 'GET',
      url: `/api/watchlists/${listId}/persons/${e}`,
      headers: analyst.headers(),
      field: 'params.entityId',
    }),
    (e) => ({
      method: 'PUT',
      url: `/api/rules/${e}/enabled`,
      headers: analyst.headers(true),
      payload: { enabled: true },
      field: 'params.id',
    }),
  ];

  it('answers a NUL or an unpaired surrogate anywhere with 400 naming the field, never a 500', async () => {
    const random = generator(20241004);
    const failures: string[] = [];
    for (let i = 0; i < 120; i++) {
      const inUrl = i % 2 === 1;
      const bad = inUrl ? '\u0000' : random.pick(['\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDE00\uD83D']);
      const s = textWith(random, bad);
      const c = inUrl ? random.pick(urlCases)(encodeURIComponent(s)) : random.pick(cases)(s);
      const res = await app.inject({
        method: c.method,
        url: c.url,
        headers: c.headers,
        ...(c.payload === undefined ? {} : { payload: c.payload }),
      });
      const error = res.json<{ error?: { code: string; field?: string } }>().error;
      if (res.statusCode !== 400 || error?.code !== 'request.invalid' || error.field !== c.field)
        failures.push(`${c.method} ${c.url} ${JSON.stringify(s)}: ${res.statusCode} ${res.body.slice(0, 160)}`);
    }
    assert.deepEqual(failures, []);
    // The chain was not broken by any of it (no entry half-written).
    const verify = await app.inject({ method: 'GET', url: '/api/audit/verify', headers: auditor.headers() });
    assert.equal(verify.json<{ ok: boolean }>().ok, true);
  });

  it('still takes a body whose escapes are harmless, and still refuses prototype poisoning', async () => {
    // An escaped backslash before "u0000" and an escaped surrogate pair: the text scan suspects them, the walk clears them.
    const payload = '{"person":{"names":["Karim\\\\u0000 Haddad \\ud83d\\ude00"]}}';
    const ok = await app.inject({
      method: 'POST',
      url: '/api/screenings',
      headers: { ...analyst.headers(true), 'content-type': 'application/json' },
      payload,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const poisoned = await app.inject({
      method: 'POST',
      url: '/api/screenings',
      headers: { ...analyst.headers(true), 'content-type': 'application/json' },
      payload: '{"person":{"names":["x"]},"__proto__":{"admin":true}}',
    });
    assert.equal(poisoned.statusCode, 400);
  });

  it('refuses integers past 2^53 in a query with 400 naming the field, and says so in the OpenAPI description', async () => {
    for (const [url, headers, field] of [
      ['/api/audit?before=99999999999999999999', auditor.headers(), 'querystring.before'],
      [`/api/watchlists/${listId}/persons?after=99999999999999999999`, analyst.headers(), 'querystring.after'],
      [`/api/watchlists/${listId}/documents?after=9007199254740992`, analyst.headers(), 'querystring.after'],
    ] as const) {
      const res = await app.inject({ method: 'GET', url, headers });
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.equal(res.json<{ error: { field: string } }>().error.field, field);
    }
    const largest = await app.inject({
      method: 'GET',
      url: `/api/watchlists/${listId}/persons?after=9007199254740991`,
      headers: analyst.headers(),
    });
    assert.equal(largest.statusCode, 200);
    const openapi = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, { get: { parameters: { name: string; schema: { maximum?: number } }[] } }>;
    }>();
    const before = openapi.paths['/api/audit']!.get.parameters.find((p) => p.name === 'before');
    assert.equal(before?.schema.maximum, Number.MAX_SAFE_INTEGER);
  });

  it('refuses dates and times that JavaScript or PostgreSQL cannot hold with 400 naming the field', async () => {
    for (const [url, headers, field] of [
      ['/api/flights?date=0000-01-01', analyst.headers(), 'querystring.date'],
      ['/api/audit?from=9999-12-31T23:59:60Z', auditor.headers(), 'querystring.from'],
      ['/api/audit?to=2024-06-30T23:59:60Z', auditor.headers(), 'querystring.to'],
      ['/api/audit?from=2024-01-01T10:00:00%2B01', auditor.headers(), 'querystring.from'],
      ['/api/audit?from=0000-01-01T00:00:00Z', auditor.headers(), 'querystring.from'],
    ] as const) {
      const res = await app.inject({ method: 'GET', url, headers });
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.equal(res.json<{ error: { field: string } }>().error.field, field);
    }
    for (const [url, headers] of [
      ['/api/flights?date=0001-01-01', analyst.headers()],
      ['/api/flights?date=2024-02-29', analyst.headers()],
      ['/api/audit?from=2024-01-01T10:00:00%2B01:00&to=9999-12-31T23:59:59Z', auditor.headers()],
    ] as const) {
      const res = await app.inject({ method: 'GET', url, headers });
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    }
  });

  it('refuses a body that is not a file on the upload routes with 415, without reading it', async () => {
    let sent = 0;
    // Far more than the test could wait for, were it read: 100 MiB of a JSON array.
    const endless = Readable.from(
      (function* () {
        yield '[';
        for (let i = 0; i < 1600; i++) {
          sent += 65_536;
          yield `${'1,'.repeat(32_767)}1,`;
        }
        yield '1]';
      })(),
    );
    const json = await app.inject({
      method: 'POST',
      url: `/api/watchlists/${listId}/import?format=csv`,
      headers: { ...analyst.headers(true), 'content-type': 'application/json' },
      payload: endless,
    });
    assert.equal(json.statusCode, 415, json.body);
    assert.equal(json.json<{ error: { code: string } }>().error.code, 'request.unsupported_media_type');
    assert.ok(sent < 4 * 1024 * 1024, `${sent} bytes were read`);
    const none = await app.inject({
      method: 'POST',
      url: `/api/watchlists/${listId}/import?format=csv`,
      headers: analyst.headers(true),
    });
    assert.equal(none.statusCode, 415, none.body);
    const message = await app.inject({
      method: 'POST',
      url: '/api/messages',
      headers: analyst.headers(true),
      payload: { message: "UNA:+.? 'UNB+UNOA:4'" },
    });
    assert.equal(message.statusCode, 415, message.body);
    const csv = await app.inject({
      method: 'POST',
      url: `/api/watchlists/${listId}/import?format=csv`,
      headers: { ...analyst.headers(true), 'content-type': 'text/csv; charset=utf-8' },
      payload: 'id,name\ncsv-1,Amina Diallo\n',
    });
    assert.equal(csv.statusCode, 200, csv.body);
  });
});
