/** Searching the audit log by country takes a country code in any form the other routes take. */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp } from '../../test/app.js';
import { describeEachBackend } from '../../test/database.js';
import { buildUser, signIn, type Session } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import type { App } from '../http/app.js';

describeEachBackend('audit routes', (database) => {
  let app: App;
  let auditor: Session;
  before(async () => {
    const services = testServices(database());
    app = await buildTestApp(database(), {}, services);
    auditor = await signIn(app, await buildUser(services, { country: 'FRA', roles: ['auditor'] }));
  });
  after(() => app.close());

  const search = (country: string) =>
    app.inject({
      method: 'GET',
      url: `/api/audit?action=session.sign_in&country=${encodeURIComponent(country)}`,
      headers: auditor.headers(),
    });

  it('finds the same entries by alpha-3, alpha-2 and in any case', async () => {
    const seqs = async (country: string) => {
      const res = await search(country);
      assert.equal(res.statusCode, 200, `${country}: ${res.body}`);
      return res.json<{ entries: { seq: number }[] }>().entries.map((e) => e.seq);
    };
    const expected = await seqs('FRA');
    assert.ok(expected.length > 0);
    for (const country of ['FR', 'fra', 'fr', 'Fra']) assert.deepEqual(await seqs(country), expected, country);
  });

  it('answers an unknown country code with 400 naming the field', async () => {
    for (const country of ['ZZZ', 'F', 'QQ']) {
      const res = await search(country);
      assert.equal(res.statusCode, 400, `${country}: ${res.body}`);
      const error = res.json<{ error: { field: string; message: string } }>().error;
      assert.equal(error.field, 'querystring.country');
      assert.match(error.message, /unknown country code/);
    }
  });
});
