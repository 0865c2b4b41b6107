/**
 * The lockout counts every password check, however the checks arrive (at once, after a lock expired, through a
 * password change), and refusals of unknown credentials are audited.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachBackend } from '../../test/database.js';
import { buildUser, type TestUser } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import { isAppError } from '../errors.js';
import type { Services } from '../services.js';
import { clearFailedPasswordChecks, reservePasswordCheck } from './users.repository.js';

const limit = 5;
const context = { ip: '192.0.2.1', requestId: null, userAgent: 'test' };

/** 'ok', or the code of the AppError the work failed with. */
async function outcome(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'ok';
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
}

describeEachBackend('sign-in lockout and audited refusals', (database) => {
  let services: Services;
  before(() => {
    services = testServices(database(), { LODESTAR_LOCKOUT_ATTEMPTS: String(limit) });
  });

  const lockState = (id: string) =>
    database()
      .db.selectFrom('users')
      .select(['failed_sign_ins', 'locked_until'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  /** The reasons of the sign-in entries about `user` (`ok` for a success), oldest first. */
  const signInReasons = async (user: TestUser) => {
    const rows = await database()
      .db.selectFrom('audit_log')
      .select(['outcome', 'details'])
      .where('action', '=', 'session.sign_in')
      .where('subject_id', '=', user.id)
      .orderBy('seq')
      .execute();
    return rows.map((r) => (r.outcome === 'ok' ? 'ok' : String((r.details as { reason?: string }).reason)));
  };

  const attempt = (user: TestUser, password: string) => outcome(services.auth.signIn(user.email, password, context));

  it('checks no more passwords than the limit when guesses arrive at once', async () => {
    const user = await buildUser(services);
    const results = await Promise.all(Array.from({ length: 10 }, (_v, i) => attempt(user, `wrong guess ${i} xxxxx`)));
    assert.ok(results.every((r) => r === 'auth.required'));
    const reasons = await signInReasons(user);
    assert.equal(reasons.filter((r) => r === 'wrong password').length, limit, reasons.join(', '));
    assert.equal(reasons.filter((r) => r === 'locked').length, 10 - limit, 'the others are refused unchecked');
    const row = await lockState(user.id);
    assert.equal(row.failed_sign_ins, limit);
    assert.ok(row.locked_until !== null && row.locked_until > new Date());
    assert.equal(await attempt(user, user.password), 'auth.required', 'the right password is refused while locked');
  });

  it('does not let the right password among guesses sent at once pass the lock after the limit', async () => {
    const user = await buildUser(services);
    const guesses = Array.from({ length: 9 }, (_v, i) => `wrong guess ${i} xxxxx`).concat(user.password);
    await Promise.all(guesses.map((password) => attempt(user, password)));
    const reasons = await signInReasons(user);
    const checked = reasons.filter((r) => r === 'wrong password' || r === 'ok').length;
    assert.ok(checked <= limit, `${checked} passwords checked: ${reasons.join(', ')}`);
    assert.equal(reasons.length, 10, 'every attempt has its entry');
  });

  it('keeps counting the checks reserved after one that passed', async () => {
    const user = await buildUser(services);
    const rule = { limit, now: new Date(), lockUntil: new Date(Date.now() + 60_000) };
    const first = await reservePasswordCheck(database().db, user.id, rule);
    await reservePasswordCheck(database().db, user.id, rule);
    await reservePasswordCheck(database().db, user.id, rule);
    assert.equal(first, 1);
    // The first check passed, the two made meanwhile did not: those two are still failures in a row.
    await clearFailedPasswordChecks(database().db, user.id, first, limit);
    assert.deepEqual(await lockState(user.id), { failed_sign_ins: 2, locked_until: null });
  });

  it('starts the count again once a lock has expired', async () => {
    const user = await buildUser(services);
    for (let i = 0; i < limit; i++) await attempt(user, 'wrong wrong wrong');
    assert.ok((await lockState(user.id)).locked_until !== null);
    await database()
      .db.updateTable('users')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('id', '=', user.id)
      .execute();
    assert.equal(await attempt(user, 'one typo after the lock'), 'auth.required');
    assert.deepEqual(await lockState(user.id), { failed_sign_ins: 1, locked_until: null }, 'one typo does not relock');
    assert.equal(await attempt(user, user.password), 'ok');
    assert.deepEqual(await lockState(user.id), { failed_sign_ins: 0, locked_until: null });
  });

  it('counts wrong current passwords of a password change, and ends the session that reaches the limit', async () => {
    const user = await buildUser(services);
    const signedIn = await services.auth.signIn(user.email, user.password, context);
    const session = await services.auth.authenticateSession(signedIn.sessionToken);
    assert.ok(session !== undefined);
    const principal = session.principal;
    const change = (current: string) =>
      outcome(services.auth.changePassword(principal, current, 'an attacker chosen password', context));
    for (let i = 0; i < limit - 1; i++) assert.equal(await change(`guess number ${i}`), 'auth.forbidden');
    assert.equal(await change('the last guess'), 'auth.required', 'the guess that locks ends the session');
    assert.equal(await services.auth.authenticateSession(signedIn.sessionToken), undefined);
    assert.equal(await change(user.password), 'auth.required', 'refused unchecked while locked');
    assert.equal(await attempt(user, user.password), 'auth.required', 'signing in is locked too');
    const row = await lockState(user.id);
    assert.equal(row.failed_sign_ins, limit);
    assert.ok(row.locked_until !== null && row.locked_until > new Date());
    const denied = await database()
      .db.selectFrom('audit_log')
      .select(['outcome', 'details'])
      .where('action', '=', 'user.password_change')
      .where('subject_id', '=', user.id)
      .orderBy('seq')
      .execute();
    assert.equal(denied.length, limit + 1);
    assert.ok(denied.every((d) => d.outcome === 'denied'));
    assert.deepEqual(denied.at(-1)!.details, { reason: 'locked', locked: true, session: 'ended' });
  });

  it('lets the right current password end a row of wrong ones', async () => {
    const user = await buildUser(services);
    const signedIn = await services.auth.signIn(user.email, user.password, context);
    const principal = (await services.auth.authenticateSession(signedIn.sessionToken))!.principal;
    for (let i = 0; i < limit - 1; i++) {
      await assert.rejects(
        services.auth.changePassword(principal, `guess number ${i}`, 'a brand new passphrase', context),
        (e) => isAppError(e, 'auth.forbidden'),
      );
    }
    await services.auth.changePassword(principal, user.password, 'a brand new passphrase', context);
    assert.deepEqual(await lockState(user.id), { failed_sign_ins: 0, locked_until: null });
  });

  it('audits an unknown bearer token by its first characters, never the token', async () => {
    const bearer = 'lst_guessedGuessedGuessedGuessedGuessed12345';
    await assert.rejects(services.auth.authenticateToken(bearer, context), (e) => isAppError(e, 'auth.required'));
    const entry = await database()
      .db.selectFrom('audit_log')
      .select(['actor_kind', 'outcome', 'details', 'ip'])
      .where('action', '=', 'token.use')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(entry, {
      actor_kind: 'anonymous',
      outcome: 'denied',
      details: { reason: 'unknown token', prefix: 'lst_guesse' },
      ip: '192.0.2.1',
    });
    assert.ok(!JSON.stringify(entry).includes(bearer.slice(10)));
  });
});
