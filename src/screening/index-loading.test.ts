// A starting server listens while its screening index loads: nothing is screened against a half-loaded index.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp } from '../../test/app.js';
import { describeEachBackend } from '../../test/database.js';
import { buildUser, buildWatchlist, signIn } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import { AppError } from '../errors.js';
import type { App } from '../http/app.js';
import type { Services } from '../services.js';

// Six pages of the loader's 5,000: the load is still reading when /readyz looks.
const LISTED = 30_000;

describeEachBackend('the screening index while it loads', (database) => {
  let app: App;
  let services: Services;
  let headers: Record<string, string>;
  let listId: string;
  before(async () => {
    services = testServices(database());
    app = await buildTestApp(database(), {}, services);
    const persons = Array.from({ length: LISTED }, (_, i) => ({ id: `p-${i}`, name: `Person${i.toString(36)}` }));
    persons.push({ id: 'target', name: 'Karim Haddad' });
    listId = (await buildWatchlist(services, { ownerCountry: 'FRA', persons })).id;
    const officer = await buildUser(services, { country: 'FRA', roles: ['officer'] });
    headers = (await signIn(app, officer)).headers(true);
  });
  after(() => app.close());

  const screen = () =>
    app.inject({
      method: 'POST',
      url: '/api/screenings',
      headers,
      payload: { person: { names: ['Karim Haddad'] }, lists: [listId] },
    });

  it('refuses to screen and is not ready until every entry is read, then answers', async () => {
    // (An HTTP screening meanwhile gets the same AppError, answered 503 by the one table of statuses.)
    const loading = services.index.load();
    // Asked at once: the load has six pages and two other reads of the database to go.
    const readyWhileLoading = app.inject({ method: 'GET', url: '/readyz' });
    // From the moment the load begins: its progress is known, screening refuses, and waiting for it waits.
    assert.deepEqual(services.index.loadProgress, { persons: 0, of: 0 });
    assert.throws(
      () => services.index.screenPerson(listId, { names: ['Karim Haddad'] }, {}),
      (error: unknown) => error instanceof AppError && error.code === 'screening.loading',
    );
    assert.equal(
      await Promise.race([services.index.untilLoaded().then(() => 'loaded'), Promise.resolve('waiting')]),
      'waiting',
    );
    const ready = await readyWhileLoading;
    const loaded = await loading;

    assert.equal(ready.statusCode, 503);
    const body = ready.json<{ checks: { screeningIndex: string }; screeningIndexLoading: { persons: number } }>();
    assert.equal(body.checks.screeningIndex, 'loading');
    assert.ok(body.screeningIndexLoading.persons < LISTED + 1);

    assert.equal(loaded.persons, LISTED + 1);
    assert.equal(services.index.loadProgress, undefined);
    await services.index.untilLoaded();
    const readyAfter = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(readyAfter.statusCode, 200);
    assert.equal(readyAfter.json<{ checks: { screeningIndex: string } }>().checks.screeningIndex, 'ok');
    const found = await screen();
    assert.equal(found.statusCode, 200);
    assert.equal(found.json<{ persons: { entry?: { entityId: string } }[] }>().persons[0]?.entry?.entityId, 'target');
  });
});
