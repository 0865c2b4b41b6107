/**
 * The screening index follows the change log by transaction, not by sequence number alone: on a PostgreSQL server a
 * transaction may take its number, then commit after later numbers did (an import's last batch waits for the audit
 * chain's lock). Only a server can hold one transaction open while another commits (the embedded database has one
 * connection), so this runs where a PostgreSQL server is configured for the tests.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { sql, type ControlledTransaction, type Transaction } from 'kysely';
import { createTestDatabase, testBackends, type TestDatabase } from '../../test/database.js';
import type { Database } from '../db/schema.js';
import { silentLogger } from '../logger.js';
import type { PersonInput } from '../watchlists/entries.js';
import { insertWatchlist, upsertPersons } from '../watchlists/watchlists.repository.js';
import { WatchlistIndex } from './watchlist-index.js';

const person = (entityId: string, name: string): PersonInput & { ownerCountry: string } => ({
  kind: 'person',
  entityId,
  name,
  aliases: [],
  birthDates: [],
  nationalities: [],
  gender: null,
  documents: [],
  noticeType: null,
  ownerCountry: 'FRA',
  restrictedTo: [],
  reference: null,
  remarks: null,
});

if (testBackends().includes('postgres')) {
  describe('the screening index and transactions that commit late [postgres]', () => {
    let database: TestDatabase & { close(): Promise<void> };
    before(async () => {
      database = await createTestDatabase('postgres');
      await insertWatchlist(database.db, {
        id: 'late',
        name: 'late',
        kind: 'persons',
        ownerCountry: 'FRA',
        description: '',
        matchThreshold: 0.7,
      });
      await upsertPersons(database.db, 'late', [person('kept', 'Someone Else'), person('gone', 'Nadia Berrada')], null);
    });
    after(() => database.close());

    const found = (index: WatchlistIndex, name: string) =>
      index.screenPerson('late', { names: [name] }, { limit: 3 }).map((h) => h.entityId);

    /** Transactions a test holds open, rolled back after it should it fail first (the database closes only then). */
    const held = new Set<ControlledTransaction<Database>>();
    afterEach(async () => {
      for (const trx of held) await trx.rollback().execute();
      held.clear();
    });

    /** Runs `write` in a transaction left open until the returned function commits it. */
    async function heldOpen(write: (trx: Transaction<Database>) => Promise<unknown>): Promise<() => Promise<void>> {
      const trx = await database.db.startTransaction().execute();
      held.add(trx);
      await write(trx);
      return async () => {
        held.delete(trx);
        await trx.commit().execute();
      };
    }

    it('applies a change whose transaction was in flight while the index loaded, once it commits', async () => {
      // The late writer takes its change number first; a later writer commits before it; the index loads between.
      const commitAdd = await heldOpen((trx) => upsertPersons(trx, 'late', [person('late-add', 'Karim Haddad')], null));
      const commitRemove = await heldOpen((trx) =>
        sql`delete from watchlist_persons where entity_id = 'gone'`.execute(trx),
      );
      await upsertPersons(database.db, 'late', [person('early', 'Omar Farouk')], null);
      const index = new WatchlistIndex(database.db, silentLogger(), { screeningThread: false });
      try {
        await index.load();
        assert.deepEqual(found(index, 'Omar Farouk'), ['early']);
        assert.deepEqual(found(index, 'Karim Haddad'), []);
        assert.deepEqual(found(index, 'Nadia Berrada'), ['gone'], 'not removed yet');
        await commitAdd();
        await commitRemove();
        await index.catchUp();
        assert.deepEqual(found(index, 'Karim Haddad'), ['late-add'], 'added by a transaction that committed late');
        assert.deepEqual(found(index, 'Nadia Berrada'), [], 'removed by a transaction that committed late');
      } finally {
        await index.close();
      }
    });

    it('applies a change that commits after later ones were applied, and none rolled back', async () => {
      const index = new WatchlistIndex(database.db, silentLogger(), { screeningThread: false });
      try {
        await index.load();
        const commitLate = await heldOpen((trx) => upsertPersons(trx, 'late', [person('slow', 'Leila Mansour')], null));
        const rolledBack = await database.db.startTransaction().execute();
        held.add(rolledBack);
        await upsertPersons(rolledBack, 'late', [person('never', 'Youssef Amrani')], null);
        await upsertPersons(database.db, 'late', [person('quick', 'Samir Khoury')], null);
        await index.catchUp();
        assert.deepEqual(found(index, 'Samir Khoury'), ['quick']);
        held.delete(rolledBack);
        await rolledBack.rollback().execute();
        await commitLate();
        await index.catchUp();
        assert.deepEqual(found(index, 'Leila Mansour'), ['slow']);
        assert.deepEqual(found(index, 'Youssef Amrani'), []);
      } finally {
        await index.close();
      }
    });
  });
}
