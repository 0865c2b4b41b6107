/**
 * A fresh database per test file, on every backend: PGlite in memory always, and a PostgreSQL server when
 * LODESTAR_TEST_DATABASE_URL names one. On PostgreSQL each file gets its own database copied from a migrated
 * template (made once per set of migrations, under an advisory lock so parallel files do not race).
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import { loadTestSettings } from '../src/config.js';
import { openEmbedded, openServer, type Db, type Store } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';

export type BackendKind = Store['kind'];

export interface TestDatabase {
  readonly kind: BackendKind;
  readonly store: Store;
  readonly db: Db;
  /** A connection URL for this database (PostgreSQL only), for tests that start a second process. */
  readonly url: string | undefined;
}

const settings = loadTestSettings();

/** The backends the database tests run on in this run. */
export function testBackends(): BackendKind[] {
  return settings.postgresUrl === undefined ? ['pglite'] : ['pglite', 'postgres'];
}

function migrationsHash(): string {
  const dir = new URL('../src/db/migrations/', import.meta.url);
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) hash.update(name).update(readFileSync(new URL(name, dir)));
  return hash.digest('hex').slice(0, 16);
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function ensureTemplate(admin: pg.Client, serverUrl: string): Promise<string> {
  const template = `lodestar_tpl_${migrationsHash()}`;
  await admin.query('select pg_advisory_lock(727274)');
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (exists.rowCount === 0) {
      const building = `${template}_build_${process.pid}`;
      await admin.query(`drop database if exists "${building}"`);
      await admin.query(`create database "${building}"`);
      const store = await openServer(withDatabase(serverUrl, building), 2);
      try {
        await migrateToLatest(store.db);
      } finally {
        await store.close();
      }
      await admin.query(`alter database "${building}" rename to "${template}"`);
    }
  } finally {
    await admin.query('select pg_advisory_unlock(727274)');
  }
  return template;
}

/** Creates a fresh, migrated database on `kind`. */
export async function createTestDatabase(kind: BackendKind): Promise<TestDatabase & { close(): Promise<void> }> {
  if (kind === 'pglite') {
    const store = await openEmbedded('memory://');
    await migrateToLatest(store.db);
    return { kind, store, db: store.db, url: undefined, close: () => store.close() };
  }
  const serverUrl = settings.postgresUrl;
  if (serverUrl === undefined) throw new Error('LODESTAR_TEST_DATABASE_URL is not set');
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `lodestar_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    const template = await ensureTemplate(admin, serverUrl);
    await admin.query(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  const store = await openServer(url, 5);
  return {
    kind,
    store,
    db: store.db,
    url,
    async close() {
      await store.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}

/**
 * Declares the same suite once per backend, each with its own fresh database, opened before the suite's tests and
 * closed after them. `body` receives a getter because the database exists only once the suite has started.
 */
export function describeEachBackend(title: string, body: (database: () => TestDatabase) => void): void {
  for (const kind of testBackends()) {
    void describe(`${title} [${kind}]`, () => {
      let current: (TestDatabase & { close(): Promise<void> }) | undefined;
      before(async () => {
        current = await createTestDatabase(kind);
      });
      after(async () => {
        await current?.close();
      });
      body(() => {
        if (current === undefined) throw new Error('the test database is not open yet');
        return current;
      });
    });
  }
}
