// Flight travellers screened on the screening thread (replica.ts) get the answers the server's thread gives, before
// and after the list changes, and the server's thread takes over when that thread fails.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../test/database.js';
import { buildWatchlist, operator, type TestPerson } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import type { Services } from '../services.js';
import { personAt } from '../synth/persons.js';
import { travellerAt } from '../synth/queries.js';
import type { PersonQuery } from './types.js';
import type { IndexedPersonHit, WatchlistIndex } from './watchlist-index.js';

const SEED = 11;
const LISTED = 1_500;
const TRAVELLERS = 1_200;

function listed(i: number): TestPerson {
  const p = personAt(SEED, i);
  return {
    id: p.id,
    name: p.name,
    aliases: [...p.aliases],
    birthDate: p.birthDate,
    nationality: p.nationalities[0] ?? '',
    gender: p.gender,
  };
}

/** Flight travellers of the synthetic plan, one in twenty a listed person under a variant of their name. */
const travellers: PersonQuery[] = Array.from({ length: TRAVELLERS }, (_v, i) => {
  const t = travellerAt(SEED, i, LISTED, 0.05);
  return {
    names: [`${t.givenNames} ${t.surname}`.trim()],
    birthDate: t.birthDate === '' ? undefined : t.birthDate,
    nationality: t.nationality === '' ? undefined : t.nationality,
    gender: t.gender === '' ? undefined : t.gender,
  };
});

/** What the server's own engine answers, asked directly (no remembered answer). */
function onServerThread(index: WatchlistIndex, listId: string, queries: readonly PersonQuery[], limit: number) {
  return queries.map((q) => index.screenPerson(listId, q, { limit, matchesOnly: true }));
}

/** The parts of a hit both threads must agree on. */
const shape = (hits: readonly (readonly IndexedPersonHit[])[]) =>
  hits.map((h) =>
    h.map(({ entityId, entryKey, score, match, explanation, listId }) => ({
      entityId,
      entryKey,
      score,
      match,
      explanation,
      listId,
    })),
  );

async function importCsv(services: Services, listId: string, persons: readonly TestPerson[], replace: boolean) {
  const header = 'id,name,aliases,birthDate,nationality,gender';
  const rows = persons.map((p) =>
    [p.id, p.name, (p.aliases ?? []).join('|'), p.birthDate ?? '', p.nationality ?? '', p.gender ?? '']
      .map((v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v))
      .join(','),
  );
  const summary = await services.imports.importStream(
    operator,
    listId,
    Readable.from([`${header}\n${rows.join('\n')}\n`]),
    { format: 'csv', replace },
    { ip: null, requestId: null },
  );
  assert.equal(summary.rejected, 0);
  await services.index.catchUp();
}

describeEachBackend('screening flight travellers on the screening thread', (database) => {
  let services: Services;
  let listId: string;
  before(async () => {
    services = testServices(database(), { LODESTAR_SCREENING_THREAD: 'true' });
    const persons = Array.from({ length: LISTED }, (_v, i) => listed(i));
    listId = (await buildWatchlist(services, { persons })).id;
    await services.index.load();
  });
  after(() => services.index.close());

  it('answers as the server thread does', async () => {
    assert.equal(services.index.screensOnThread, true);
    const answers = await services.index.screenManyForAlerts(listId, travellers, 3);
    const found = answers.filter((h) => h.length > 0).length;
    assert.ok(found >= 20, `${found} travellers with hits`);
    assert.deepEqual(shape(answers), shape(onServerThread(services.index, listId, travellers, 3)));
  });

  it('follows the list as it changes', async () => {
    const answered = await services.index.screenManyForAlerts(listId, travellers, 3);
    // A traveller no one matched is listed now; a listed person some traveller matched is removed.
    const unmatched = answered.findIndex((h) => h.length === 0);
    const matched = answered.findIndex((h) => h.length > 0);
    const removed = answered[matched]![0]!.entityId;
    const q = travellers[unmatched]!;
    const added: TestPerson = {
      id: 'added-1',
      name: q.names[0]!,
      birthDate: q.birthDate ?? '',
      nationality: q.nationality ?? '',
      gender: q.gender ?? '',
    };
    const kept = Array.from({ length: LISTED }, (_v, i) => listed(i)).filter((p) => p.id !== removed);
    await importCsv(services, listId, kept, true);
    const withoutRemoved = await services.index.screenManyForAlerts(listId, travellers, 3);
    assert.ok(withoutRemoved.every((h) => h.every((hit) => hit.entityId !== removed)));
    assert.deepEqual(shape(withoutRemoved), shape(onServerThread(services.index, listId, travellers, 3)));

    await importCsv(services, listId, [added], false);
    const withAdded = await services.index.screenManyForAlerts(listId, travellers, 3);
    assert.equal(services.index.screensOnThread, true);
    assert.equal(withAdded[unmatched]![0]?.entityId, 'added-1');
    assert.deepEqual(shape(withAdded), shape(onServerThread(services.index, listId, travellers, 3)));
  });

  it('gives way to the server thread when the screening thread fails, with the same answers', async () => {
    // A change the thread cannot apply (a person of a list it was never told of) ends it, as any failure would.
    const replica = services.index['replica']!;
    replica.put(
      'no-such-list',
      { key: 0, entityId: 'x', names: ['X'], birthDates: [], nationalities: [], documents: [] },
      0,
    );
    const asked = services.index.screenManyForAlerts(listId, travellers, 2);
    for (let i = 0; i < 200 && services.index.screensOnThread; i++) await sleep(10);
    assert.equal(services.index.screensOnThread, false);
    const answers = await asked;
    assert.deepEqual(shape(answers), shape(onServerThread(services.index, listId, travellers, 2)));
    // And from then on, on the server thread.
    const again = await services.index.screenManyForAlerts(listId, travellers.slice(0, 50), 1);
    assert.deepEqual(shape(again), shape(onServerThread(services.index, listId, travellers.slice(0, 50), 1)));
  });
});
