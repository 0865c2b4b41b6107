/**
 * Opens the store: embedded PGlite (data in a directory) or a PostgreSQL server (DATABASE_URL). Both are reached
 * through the same `pg.Pool` and Kysely's PostgresDialect, so every query and migration runs unchanged on both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import type { DatabaseConfig } from '../config.js';
import { AppError } from '../errors.js';
import type { Database } from './schema.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';

export type Db = Kysely<Database>;

export interface Store {
  readonly db: Db;
  readonly pool: pg.Pool;
  readonly kind: DatabaseConfig['kind'];
  /** A short description for logs: the data directory or the server's host and database, never a password. */
  readonly description: string;
  close(): Promise<void>;
}

// PostgreSQL returns int8 and numeric as strings by default; Lodestar's counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// A calendar date stays the string it is (a JS Date would shift it by the time zone).
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** Extensions Lodestar may use; the embedded build loads the same ones. */
export const pgliteExtensions = { pg_trgm, fuzzystrmatch };

/** Opens the store described by `config` and checks that it answers. */
export async function openStore(config: DatabaseConfig): Promise<Store> {
  return config.kind === 'pglite' ? openEmbedded(config.dataDir) : openServer(config.url, config.poolSize);
}

/** Opens an embedded PGlite database: in `dataDir`, or in memory when `dataDir` is `memory://`. */
export async function openEmbedded(dataDir: string): Promise<Store> {
  const inMemory = dataDir.startsWith('memory://');
  let lock: DataDirLock | undefined;
  if (!inMemory) {
    prepareDataDir(dataDir);
    lock = acquireDataDirLock(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(inMemory ? undefined : dataDir, { extensions: pgliteExtensions });
  } catch (cause) {
    lock?.release();
    throw new AppError('db.data_dir', `cannot open the embedded database in ${dataDir}: ${describe(cause)}`, { cause });
  }
  // PGlite is one session: a pool of one keeps a transaction's statements together.
  const pool = new pg.Pool(Object.assign(createPgConfig(pglite), { max: 1 }));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    kind: 'pglite',
    description: inMemory ? 'embedded (in memory)' : `embedded (${dataDir})`,
    async close() {
      // The lock goes whatever closing throws: a lock left behind names this live process, and would refuse every
      // later open of the directory in it.
      try {
        await db.destroy();
      } finally {
        try {
          await pglite.close();
        } finally {
          lock?.release();
        }
      }
    },
  };
}

/** Opens a pool on a PostgreSQL server and checks that it answers. */
export async function openServer(url: string, poolSize = 10): Promise<Store> {
  const target = describeUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server emits 'error' on the pool; without a listener that would crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (cause) {
    await db.destroy().catch(() => undefined);
    throw new AppError(
      'db.unreachable',
      `cannot reach PostgreSQL at ${target}: ${describe(cause)} — check that the server is running and DATABASE_URL is right`,
      { cause },
    );
  }
  return {
    db,
    pool,
    kind: 'postgres',
    description: `PostgreSQL (${target})`,
    async close() {
      await db.destroy();
    },
  };
}

function prepareDataDir(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.R_OK | fs.constants.W_OK);
    const probe = path.join(dataDir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (cause) {
    throw new AppError(
      'db.data_dir',
      `data directory ${dataDir} is not writable (${describe(cause)}) — set LODESTAR_DATA_DIR to a directory you can write`,
      { cause },
    );
  }
}

/** host:port/database of a connection URL, without credentials. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the configured server';
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    const message = cause.message || (cause as AggregateError).errors?.map((e: Error) => e.message).join('; ') || '';
    return typeof code === 'string' && !message.includes(code) ? `${code} ${message}`.trim() : message || String(code);
  }
  return String(cause);
}
