/**
 * One import into a list at a time. An import writes in batches that commit one by one, and `--replace` removes, at
 * the end, what the run did not read: a second import into the list meanwhile would have its entries removed (or
 * remove the first's). So an import holds the list's lock from its first row to its end, and a second is refused at
 * once with `resource.conflict`, naming the list, rather than wait behind an upload of unknown length.
 *
 * On a PostgreSQL server the lock is a session-level advisory lock on a connection the import keeps for itself
 * (and runs all its batches on): other processes sharing the database see it, and it goes with the session should the
 * process die. The embedded database (PGlite) is one session for the whole process, to which every advisory lock is
 * granted again, and one process holds its data directory: there the process's own register of running imports is
 * the lock. The register is kept on a server too, so a second import in the same process needs no connection to be
 * refused.
 */
import type { Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../errors.js';
import { isEmbeddedDatabase, tryLockListImports, unlockListImports } from './imports.repository.js';

/** The lists being imported into by this process, per database. */
const running = new WeakMap<Db, Set<string>>();
const embedded = new WeakMap<Db, Promise<boolean>>();

function busy(listId: string): AppError {
  return new AppError(
    'resource.conflict',
    `an import into list ${listId} is running: try again once it has finished (imports into one list run one at a time)`,
  );
}

function isEmbedded(db: Db): Promise<boolean> {
  let known = embedded.get(db);
  if (known === undefined) {
    known = isEmbeddedDatabase(db);
    // A failed look-up is asked again next time rather than remembered.
    known.catch(() => embedded.delete(db));
    embedded.set(db, known);
  }
  return known;
}

/**
 * Runs `work` holding the lock of imports into `listId`, or refuses at once (`resource.conflict`) when another import
 * holds it. `work` gets the handle to run the import on: on a server, the connection that holds the lock (its
 * transactions are then the lock holder's own, and a temporary table lasts from batch to batch).
 */
export async function withImportLock<T>(
  db: Db,
  listId: string,
  work: (handle: Kysely<Database>) => Promise<T>,
): Promise<T> {
  let lists = running.get(db);
  if (lists === undefined) {
    lists = new Set();
    running.set(db, lists);
  }
  if (lists.has(listId)) throw busy(listId);
  lists.add(listId);
  try {
    if (await isEmbedded(db)) return await work(db);
    return await db.connection().execute(async (connection) => {
      if (!(await tryLockListImports(connection, listId))) throw busy(listId);
      try {
        return await work(connection);
      } finally {
        // A connection that failed ends its session, and the lock with it.
        await unlockListImports(connection, listId).catch(() => undefined);
      }
    });
  } finally {
    lists.delete(listId);
  }
}
