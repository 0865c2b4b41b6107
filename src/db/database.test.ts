import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { describeEachBackend } from '../../test/database.js';
import { knownMigrations, migrateToLatest, pendingMigrations } from './migrate.js';

describeEachBackend('database', (database) => {
  it('has every migration applied and a second run applies none', async () => {
    const { db } = database();
    assert.deepEqual(await pendingMigrations(db), []);
    assert.deepEqual(await migrateToLatest(db), []);
    const rows = await sql<{ name: string }>`select name from lodestar_migration order by name`.execute(db);
    assert.deepEqual(
      rows.rows.map((r) => r.name),
      [...knownMigrations],
    );
  });

  it('runs PostgreSQL 15 SQL and loads the extensions Lodestar may use', async () => {
    const { db } = database();
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create extension if not exists fuzzystrmatch`.execute(db);
    const result = await sql<{ sim: number; lev: number; meta: string }>`
      select similarity('MOHAMMED', 'MUHAMMAD') as sim, levenshtein('KARIM', 'KAREEM') as lev, dmetaphone('SCHMIDT') as meta`.execute(
      db,
    );
    const row = result.rows[0]!;
    assert.ok(row.sim > 0 && row.sim < 1);
    assert.equal(row.lev, 2);
    assert.equal(row.meta, 'XMT');
  });

  it('rolls a failed transaction back completely', async () => {
    const { db } = database();
    const beat = { server_id: 'tx-test', hostname: 'h', pid: 1, version: 'v', started_at: new Date() };
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('server_heartbeats').values(beat).execute();
        await trx.insertInto('server_heartbeats').values(beat).execute();
      }),
      /duplicate key/,
    );
    const rows = await db.selectFrom('server_heartbeats').selectAll().where('server_id', '=', 'tx-test').execute();
    assert.equal(rows.length, 0);
  });
});
