import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp } from '../../test/app.js';
import { describeEachBackend } from '../../test/database.js';
import { buildToken, buildUser, signIn, type TestUser } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import { countTokenUses } from './tokens.repository.js';
import type { App } from '../http/app.js';
import type { Services } from '../services.js';

describeEachBackend('access routes', (database) => {
  let app: App;
  let services: Services;
  let admin: TestUser;
  before(async () => {
    const env = { LODESTAR_LOCKOUT_ATTEMPTS: '3', LODESTAR_SIGNIN_RATE_PER_MINUTE: '50', LODESTAR_BODY_LIMIT: '4096' };
    services = testServices(database(), env);
    app = await buildTestApp(database(), env);
    admin = await buildUser(services, { country: 'FRA', roles: ['admin'] });
  });
  after(() => app.close());

  it('signs in, says who is signed in, and signs out', async () => {
    const session = await signIn(app, admin);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers() });
    assert.equal(me.statusCode, 200);
    assert.deepEqual(me.json(), {
      kind: 'user',
      id: admin.id,
      name: admin.email,
      country: 'FRA',
      roles: ['admin'],
      mustChangePassword: false,
    });
    const out = await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: session.headers(true) });
    assert.equal(out.statusCode, 204);
    const after = await app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers() });
    assert.equal(after.statusCode, 401);
  });

  it('sets an HTTP-only, same-site session cookie', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: admin.email, password: admin.password },
    });
    const cookie = res.cookies.find((c) => c.name === 'lodestar_session');
    assert.equal(cookie?.httpOnly, true);
    assert.equal(cookie?.sameSite, 'Strict');
    assert.equal(cookie?.path, '/');
  });

  it('answers a wrong password and an unknown email alike, and locks the account after repeated failures', async () => {
    const user = await buildUser(services, { country: 'DEU' });
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: user.email, password: 'not the password' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'nobody@police.example', password: 'whatever it is' },
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(
      wrong.json<{ error: { message: string } }>().error.message,
      unknown.json<{ error: { message: string } }>().error.message,
    );
    for (let i = 0; i < 2; i++) {
      await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: user.email, password: 'still wrong' },
      });
    }
    const locked = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: user.email, password: user.password },
    });
    assert.equal(locked.statusCode, 401, 'the right password is refused while the account is locked');
    const row = await database()
      .db.selectFrom('users')
      .select(['failed_sign_ins', 'locked_until'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.failed_sign_ins, 3);
    assert.ok(row.locked_until !== null && row.locked_until > new Date());
  });

  it('refuses a forged session cookie', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/users',
      headers: { cookie: 'lodestar_session=forged-value-that-was-never-issued' },
    });
    assert.equal(res.statusCode, 401);
    assert.match(res.json<{ error: { message: string } }>().error.message, /session is not valid/);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const session = await signIn(app, admin);
    const payload = { email: 'new.officer@police.example', roles: ['officer'], password: 'a long initial password' };
    const without = await app.inject({ method: 'POST', url: '/api/users', headers: session.headers(), payload });
    assert.equal(without.statusCode, 403);
    assert.match(without.json<{ error: { message: string } }>().error.message, /CSRF token/);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...session.headers(), 'x-csrf-token': 'guess' },
      payload,
    });
    assert.equal(wrong.statusCode, 403);
    const right = await app.inject({ method: 'POST', url: '/api/users', headers: session.headers(true), payload });
    assert.equal(right.statusCode, 201);
    assert.equal(right.json<{ country: string; mustChangePassword: boolean }>().country, 'FRA');
    assert.equal(right.json<{ mustChangePassword: boolean }>().mustChangePassword, true);
  });

  it('lets an admin manage its own country’s users, and answers 404 for another country’s', async () => {
    const session = await signIn(app, admin);
    const foreign = await buildUser(services, { country: 'DEU', roles: ['analyst'] });
    const own = await buildUser(services, { country: 'FRA', roles: ['analyst'] });
    const list = await app.inject({ method: 'GET', url: '/api/users', headers: session.headers() });
    const emails = list.json<{ email: string; country: string }[]>();
    assert.ok(emails.every((u) => u.country === 'FRA'));
    assert.ok(emails.some((u) => u.email === own.email) && !emails.some((u) => u.email === foreign.email));
    const absent = await app.inject({
      method: 'GET',
      url: '/api/users/00000000-0000-4000-8000-000000000000',
      headers: session.headers(),
    });
    const notYours = await app.inject({ method: 'GET', url: `/api/users/${foreign.id}`, headers: session.headers() });
    assert.equal(absent.statusCode, 404);
    assert.equal(notYours.statusCode, 404);
    assert.deepEqual(
      { ...absent.json<{ error: object }>().error, requestId: '' },
      { ...notYours.json<{ error: object }>().error, requestId: '' },
      'absent and not-yours are indistinguishable',
    );
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/users/${foreign.id}`,
      headers: session.headers(true),
      payload: { disabled: true },
    });
    assert.equal(patch.statusCode, 404);
    const creating = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: session.headers(true),
      payload: { email: 'x.y@police.example', country: 'DEU', roles: ['officer'], password: 'a long initial password' },
    });
    assert.equal(creating.statusCode, 403);
  });

  it('disabling a user ends their sessions', async () => {
    const session = await signIn(app, admin);
    const officer = await buildUser(services, { country: 'FRA', roles: ['officer'] });
    const theirs = await signIn(app, officer);
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/users/${officer.id}`,
      headers: session.headers(true),
      payload: { disabled: true },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json<{ disabled: boolean }>().disabled, true);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: theirs.headers() });
    assert.equal(me.statusCode, 401);
  });

  it('changes a password after checking the current one', async () => {
    const user = await buildUser(services, { country: 'FRA' });
    const session = await signIn(app, user);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: session.headers(true),
      payload: { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' },
    });
    assert.equal(wrong.statusCode, 403);
    const short = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: session.headers(true),
      payload: { currentPassword: user.password, newPassword: 'short' },
    });
    assert.equal(short.statusCode, 400);
    assert.equal(short.json<{ error: { field: string } }>().error.field, 'body.newPassword');
    const ok = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: session.headers(true),
      payload: { currentPassword: user.password, newPassword: 'a brand new passphrase' },
    });
    assert.equal(ok.statusCode, 204);
    await signIn(app, { email: user.email, password: 'a brand new passphrase' });
  });

  it('documents the shortest password the server takes', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, { post: { requestBody: { content: Record<string, { schema: unknown }> } } }>;
    }>();
    const body = (path: string) =>
      spec.paths[path]!.post.requestBody.content['application/json']!.schema as {
        properties: Record<string, { minLength?: number; maxLength?: number }>;
      };
    for (const [path, field] of [
      ['/api/users', 'password'],
      ['/api/auth/password', 'newPassword'],
    ] as const) {
      const { minLength, maxLength } = body(path).properties[field]!;
      assert.deepEqual({ minLength, maxLength }, { minLength: 12, maxLength: 256 }, `${path} ${field}`);
    }
    const session = await signIn(app, admin);
    const short = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: session.headers(true),
      payload: { email: `short.${Date.now()}@police.example`, roles: ['officer'], password: 'eleven char' },
    });
    assert.equal(short.statusCode, 400);
    assert.equal(short.json<{ error: { field: string } }>().error.field, 'body.password');
  });

  it('lets a person whose password an admin set do nothing but manage themself until they change it', async () => {
    const session = await signIn(app, admin);
    const initial = { email: `first.${Date.now()}@police.example`, password: 'an initial password from the admin' };
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: session.headers(true),
      payload: { ...initial, roles: ['officer', 'analyst'] },
    });
    assert.equal(created.json<{ mustChangePassword: boolean }>().mustChangePassword, true);
    const theirs = await signIn(app, initial);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: theirs.headers() });
    assert.equal(me.json<{ mustChangePassword: boolean }>().mustChangePassword, true);
    const refusals = [
      await app.inject({ method: 'GET', url: '/api/watchlists', headers: theirs.headers() }),
      await app.inject({
        method: 'POST',
        url: '/api/screenings',
        headers: theirs.headers(true),
        payload: { person: { names: ['Karim Haddad'] } },
      }),
    ];
    for (const refused of refusals) {
      assert.equal(refused.statusCode, 403);
      const error = refused.json<{ error: { code: string; message: string } }>().error;
      assert.equal(error.code, 'auth.forbidden');
      assert.match(error.message, /password must be changed first.*POST \/api\/auth\/password/);
    }
    // A machine token of the same country is not a person: the flag is none of its business.
    const token = await buildToken(services, { country: 'FRA', scopes: ['watchlists:read'] });
    const machine = await app.inject({
      method: 'GET',
      url: '/api/watchlists',
      headers: { authorization: `Bearer ${token.token}` },
    });
    assert.equal(machine.statusCode, 200);

    const changed = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: theirs.headers(true),
      payload: { currentPassword: initial.password, newPassword: 'a password only I know now' },
    });
    assert.equal(changed.statusCode, 204);
    const now = await app.inject({ method: 'GET', url: '/api/watchlists', headers: theirs.headers() });
    assert.equal(now.statusCode, 200, 'the same session may go on once the password is changed');
    const meNow = await app.inject({ method: 'GET', url: '/api/auth/me', headers: theirs.headers() });
    assert.equal(meNow.json<{ mustChangePassword: boolean }>().mustChangePassword, false);
  });

  it('creates a machine token once, authenticates with it, and refuses it revoked, expired or out of scope', async () => {
    const session = await signIn(app, admin);
    const created = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: session.headers(true),
      payload: { name: 'PIU feed', scopes: ['messages:push'] },
    });
    assert.equal(created.statusCode, 201);
    const { token, record } = created.json<{ token: string; record: { id: string; country: string } }>();
    assert.match(token, /^lst_/);
    assert.equal(record.country, 'FRA');
    const stored = await database()
      .db.selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token);
    const listed = await app.inject({ method: 'GET', url: '/api/tokens', headers: session.headers() });
    assert.ok(!listed.body.includes(token), 'the secret is never shown again');

    const outOfScope = await app.inject({
      method: 'GET',
      url: '/api/users',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(outOfScope.statusCode, 403);

    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/tokens/${record.id}`,
      headers: session.headers(true),
    });
    assert.equal(revoked.statusCode, 200);
    const afterRevoke = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(afterRevoke.statusCode, 401);
    assert.match(afterRevoke.json<{ error: { message: string } }>().error.message, /revoked/);

    const expiring = await buildToken(services, { country: 'FRA', scopes: ['screen'], expiresInDays: 1 });
    // Used once while valid, so this server remembers it: expiry (and revocation) must still be seen at the next use.
    const valid = await app.inject({
      method: 'POST',
      url: '/api/screenings',
      headers: { authorization: `Bearer ${expiring.token}` },
      payload: { document: { number: 'X1234567' } },
    });
    assert.equal(valid.statusCode, 200);
    await database()
      .db.updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', expiring.record.id)
      .execute();
    const expired = await app.inject({
      method: 'GET',
      url: '/api/audit',
      headers: { authorization: `Bearer ${expiring.token}` },
    });
    assert.equal(expired.statusCode, 401);
    assert.match(expired.json<{ error: { message: string } }>().error.message, /expired/);

    // Revoked by another server process (straight in the database): this one, which has used it, refuses it too.
    const shared = await buildToken(services, { country: 'FRA', scopes: ['screen'] });
    const before = await app.inject({
      method: 'POST',
      url: '/api/screenings',
      headers: { authorization: `Bearer ${shared.token}` },
      payload: { document: { number: 'X1234567' } },
    });
    assert.equal(before.statusCode, 200);
    await database()
      .db.updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', shared.record.id)
      .execute();
    const elsewhere = await app.inject({
      method: 'GET',
      url: '/api/audit',
      headers: { authorization: `Bearer ${shared.token}` },
    });
    assert.equal(elsewhere.statusCode, 401);
    assert.match(elsewhere.json<{ error: { message: string } }>().error.message, /revoked/);
    const denied = await database()
      .db.selectFrom('audit_log')
      .select(['outcome', 'details'])
      .where('action', '=', 'token.use')
      .where('actor_id', '=', shared.record.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(denied.outcome, 'denied');

    const garbage = await app.inject({
      method: 'GET',
      url: '/api/audit',
      headers: { authorization: 'Bearer lst_not-a-real-token' },
    });
    assert.equal(garbage.statusCode, 401);
  });

  it('records every use of a token', async () => {
    const { token, record } = await buildToken(services, { country: 'FRA', scopes: ['screen'] });
    for (let i = 0; i < 3; i++)
      await app.inject({ method: 'GET', url: '/api/users', headers: { authorization: `Bearer ${token}` } });
    const row = await database()
      .db.selectFrom('api_tokens')
      .select(['use_count', 'last_used_at'])
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.use_count, 3);
    assert.ok(row.last_used_at !== null);
    const uses = await database()
      .db.selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'token.use')
      .where('actor_id', '=', record.id)
      .execute();
    assert.equal(uses.length, 3);
  });

  it('counts every use of tokens used at once, each use with its own entry', async () => {
    const tokens = await Promise.all(
      ['FRA', 'DEU'].map((country) => buildToken(services, { country, scopes: ['screen'] })),
    );
    // Uses that arrive together are counted by one statement of their group commit (countTokenUses).
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_v, i) =>
        app.inject({
          method: 'GET',
          url: '/api/users',
          headers: { authorization: `Bearer ${tokens[i % 3 === 0 ? 1 : 0]!.token}` },
        }),
      ),
    );
    assert.ok(answers.every((a) => a.statusCode === 403));
    for (const [k, expected] of [
      [0, 8],
      [1, 4],
    ] as const) {
      const id = tokens[k]!.record.id;
      const row = await database()
        .db.selectFrom('api_tokens')
        .select(['use_count', 'last_used_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(row.use_count, expected);
      assert.ok(row.last_used_at !== null);
      const uses = await database()
        .db.selectFrom('audit_log')
        .select('request_id')
        .where('action', '=', 'token.use')
        .where('actor_id', '=', id)
        .execute();
      assert.equal(new Set(uses.map((u) => u.request_id)).size, expected);
    }
  });

  it('counts the uses of several tokens in one statement, keeping the latest time', async () => {
    const [a, b] = await Promise.all(
      ['FRA', 'DEU'].map((country) => buildToken(services, { country, scopes: ['screen'] })),
    );
    const early = new Date('2026-01-02T03:04:05Z');
    const late = new Date('2026-03-04T05:06:07Z');
    const read = (id: string) =>
      database()
        .db.selectFrom('api_tokens')
        .select(['use_count', 'last_used_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    await countTokenUses(
      database().db,
      new Map([
        [a!.record.id, { uses: 3, at: late }],
        [b!.record.id, { uses: 2, at: early }],
      ]),
    );
    await countTokenUses(database().db, new Map([[a!.record.id, { uses: 1, at: early }]]));
    assert.deepEqual(await read(a!.record.id), { use_count: 4, last_used_at: late });
    assert.deepEqual(await read(b!.record.id), { use_count: 2, last_used_at: early });
  });

  it('answers an oversized body with 413 and a malformed one with 400 naming the field', async () => {
    const session = await signIn(app, admin);
    const big = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...session.headers(true), 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.example', roles: ['officer'], password: 'x'.repeat(10_000) }),
    });
    assert.equal(big.statusCode, 413);
    const broken = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...session.headers(true), 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    assert.equal(broken.statusCode, 400);
    const wrongType = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: session.headers(true),
      payload: { email: 'a@b.example', roles: ['pilot'], password: 'long enough password' },
    });
    assert.equal(wrongType.statusCode, 400);
    assert.match(wrongType.json<{ error: { field: string } }>().error.field, /^body\.roles/);
    const missing = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: session.headers(true),
      payload: { roles: ['officer'], password: 'long enough password' },
    });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json<{ error: { field: string } }>().error.field, 'body.email');
  });

  it('sends security headers', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
  });

  it('lets auditors search the log of their country, and audits that too', async () => {
    const auditor = await buildUser(services, { country: 'FRA', roles: ['auditor'] });
    const session = await signIn(app, auditor);
    const res = await app.inject({
      method: 'GET',
      url: `/api/audit?action=session.sign_in&limit=50`,
      headers: session.headers(),
    });
    assert.equal(res.statusCode, 200);
    const entries = res.json<{
      entries: { action: string; actor: { country: string | null }; subject: { country: string | null } | null }[];
    }>().entries;
    assert.ok(entries.length > 0);
    assert.ok(
      entries.every(
        (e) => e.action === 'session.sign_in' && (e.actor.country === 'FRA' || e.subject?.country === 'FRA'),
      ),
    );
    const searched = await database()
      .db.selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'audit.search')
      .where('actor_id', '=', auditor.id)
      .execute();
    assert.equal(searched.length, 1);
    const verify = await app.inject({ method: 'GET', url: '/api/audit/verify', headers: session.headers() });
    assert.equal(verify.json<{ ok: boolean }>().ok, true);
  });

  it('limits sign-in attempts per client address', async () => {
    const limited = await buildTestApp(database(), { LODESTAR_SIGNIN_RATE_PER_MINUTE: '2' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await limited.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          payload: { email: 'x@police.example', password: 'wrong password' },
        });
        codes.push(res.statusCode);
      }
      assert.deepEqual(codes, [401, 401, 429]);
    } finally {
      await limited.close();
    }
  });

  it('keeps the audit log append-only in the database', async () => {
    const { db } = database();
    await assert.rejects(sql`update audit_log set outcome = 'ok' where seq = 1`.execute(db), /append-only/);
    await assert.rejects(sql`delete from audit_log where seq = 1`.execute(db), /append-only/);
    await assert.rejects(sql`truncate audit_log`.execute(db), /append-only/);
  });
});
