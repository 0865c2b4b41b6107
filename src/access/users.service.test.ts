/** Emails are one account in any case, as the database lowers them, whatever their letters. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, it } from 'node:test';
import { describeEachBackend } from '../../test/database.js';
import { operator } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import { isAppError } from '../errors.js';
import type { Services } from '../services.js';
import { insertUser } from './users.repository.js';

const context = { ip: null, requestId: null, userAgent: null };

describeEachBackend('users by email', (database) => {
  let services: Services;
  before(() => {
    services = testServices(database());
  });

  // 'İ'.toLowerCase() is 'i̇' (two code points) in JavaScript, 'i' for PostgreSQL's lower().
  for (const letter of ['İ', 'É', 'ẞ']) {
    it(`finds and refuses to duplicate an email with ${letter}, as written and in other cases`, async () => {
      const local = `${letter}nci.${randomUUID().slice(0, 8)}`;
      const email = `${local}@police.example`;
      const password = 'correct horse battery';
      const user = await services.users.create(
        operator,
        { email, country: 'FRA', roles: ['officer'], password },
        context,
      );
      for (const written of [email, email.toUpperCase(), ` ${email} `]) {
        const signedIn = await services.auth.signIn(written, password, context);
        assert.equal(signedIn.user.id, user.id, written);
      }
      for (const again of [email, email.toUpperCase()]) {
        await assert.rejects(
          services.users.create(operator, { email: again, country: 'DEU', roles: ['officer'], password }, context),
          (e) => isAppError(e, 'resource.conflict') && /exists already/.test(e.message),
          again,
        );
      }
    });
  }

  it('answers a duplicate that gets past the check (two creates at once) as a conflict, not a database error', async () => {
    const email = `twice.${randomUUID().slice(0, 8)}@police.example`;
    const user = { email, name: email, country: 'FRA', roles: ['officer' as const], mustChangePassword: false };
    // The service's check has passed for both; the second insert meets the unique index.
    await insertUser(database().db, { ...user, passwordHash: 'x' });
    await assert.rejects(
      insertUser(database().db, { ...user, email: email.toUpperCase(), passwordHash: 'y' }),
      (e) => isAppError(e, 'resource.conflict') && e.location?.field === 'email',
    );
  });
});
