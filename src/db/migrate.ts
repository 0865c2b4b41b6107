/** Applies and inspects migrations; the same on PGlite and PostgreSQL. */
import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import { AppError } from '../errors.js';
import { migrations } from './migrations/index.js';

const provider: MigrationProvider = { getMigrations: () => Promise.resolve({ ...migrations }) };

function migrator(db: Kysely<unknown>): Migrator {
  return new Migrator({
    db,
    provider,
    migrationTableName: 'lodestar_migration',
    migrationLockTableName: 'lodestar_migration_lock',
  });
}

/** The names of all migrations this build knows, in order. */
export const knownMigrations: readonly string[] = Object.keys(migrations).sort();

/** Brings the schema up to date; returns the names of the migrations it applied. */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<string[]> {
  const { error, results } = await migrator(db as unknown as Kysely<unknown>).migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const message = error instanceof Error ? error.message : JSON.stringify(error);
    throw new AppError('db.migrations_pending', `migration ${failed} failed: ${message}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrations this build knows that the database has not applied (empty when up to date). */
export async function pendingMigrations<T>(kysely: Kysely<T>): Promise<string[]> {
  const db = kysely as unknown as Kysely<unknown>;
  const found = await sql<{ exists: boolean }>`select to_regclass('lodestar_migration') is not null as exists`.execute(
    db,
  );
  if (found.rows[0]?.exists !== true) return [...knownMigrations];
  const applied = await sql<{ name: string }>`select name from lodestar_migration`.execute(db);
  const done = new Set(applied.rows.map((r) => r.name));
  return knownMigrations.filter((name) => !done.has(name));
}
