// A starting server listens while its screening index loads: nothing is screened against a half-loaded index.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp } from '../../test/app.js';
import { describeEachBackend, type TestDatabase } from '../../test/database.js';
import { buildUser, buildWatchlist, signIn } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import { AppError } from '../errors.js';

// Six pages of the loader's 5,000: the load is still reading when /readyz looks.
const LISTED = 30_000;

/** A served list of LISTED persons and Karim Haddad, and an officer's headers to screen it. */
async function servedList(database: TestDatabase) {
  const services = testServices(database);
  const app = await buildTestApp(database, {}, services);
  const persons = Array.from({ length: LISTED }, (_, i) => ({ id: `p-${i}`, name: `Person${i.toString(36)}` }));
  const list = await buildWatchlist(services, { persons: [...persons, { id: 'target', name: 'Karim Haddad' }] });
  const officer = (await signIn(app, await buildUser(services, { roles: ['officer'] }))).headers(true);
  const screen = () =>
    app.inject({
      method: 'POST',
      url: '/api/screenings',
      headers: officer,
      payload: { person: { names: ['Karim Haddad'] }, lists: [list.id] },
    });
  return { services, app, listId: list.id, screen };
}

describeEachBackend('the screening index while it loads', (database) => {
  let served: Awaited<ReturnType<typeof servedList>>;
  before(async () => {
    served = await servedList(database());
  });
  after(() => served.app.close());

  it('refuses to screen and is not ready until every entry is read, then answers', async () => {
    const { services, app, listId, screen } = served;
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
