import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isAppError } from '../errors.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { openEmbedded, openServer } from './database.js';

describe('opening the store', () => {
  it('names the data directory when it cannot be created', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'lodestar-')), 'a-file');
    writeFileSync(file, '');
    await assert.rejects(openEmbedded(path.join(file, 'data')), (error: unknown) => {
      return (
        isAppError(error, 'db.data_dir') &&
        error.message.includes(path.join(file, 'data')) &&
        error.message.includes('LODESTAR_DATA_DIR')
      );
    });
  });

  it('keeps a second process off a data directory in use, and takes over a stale lock', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lodestar-'));
    // pid 1 is always alive: another process holds the directory.
    writeFileSync(path.join(dir, 'lodestar.lock'), '1');
    assert.throws(
      () => acquireDataDirLock(dir),
      (error: unknown) =>
        isAppError(error, 'db.data_dir') && /in use by another Lodestar process \(pid 1\)/.test(error.message),
    );
    // A pid far above pid_max is never alive: the lock is stale.
    writeFileSync(path.join(dir, 'lodestar.lock'), '99999999');
    const lock = acquireDataDirLock(dir);
    lock.release();
    assert.equal(existsSync(path.join(dir, 'lodestar.lock')), false);
    rmSync(dir, { recursive: true });
  });

  it('refuses a second open of a data directory this process holds, and takes over its own pid only when not held', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lodestar-'));
    const lockFile = path.join(dir, 'lodestar.lock');
    const first = await openEmbedded(dir);
    // The same directory by another path is the same directory.
    await assert.rejects(openEmbedded(path.join(dir, '.')), (error: unknown) => {
      return isAppError(error, 'db.data_dir') && /already open in this Lodestar process/.test(error.message);
    });
    // The refused open left the holder's lock alone.
    assert.equal(existsSync(lockFile), true);
    await first.close();
    assert.equal(existsSync(lockFile), false);
    // A lock naming this pid that this process does not hold was left by an earlier process with the same pid (a
    // container's pid 1): it is stale.
    writeFileSync(lockFile, String(process.pid));
    const lock = acquireDataDirLock(dir);
    assert.throws(
      () => acquireDataDirLock(dir),
      (error: unknown) => isAppError(error, 'db.data_dir'),
    );
    lock.release();
    const again = acquireDataDirLock(dir);
    again.release();
    rmSync(dir, { recursive: true });
  });

  it('says which server it could not reach, without the password', async () => {
    await assert.rejects(openServer('postgres://lodestar:s3cret@127.0.0.1:1/lodestar', 1), (error: unknown) => {
      return (
        isAppError(error, 'db.unreachable') &&
        error.message.startsWith('cannot reach PostgreSQL at 127.0.0.1:1/lodestar:') &&
        error.message.includes('ECONNREFUSED') &&
        !error.message.includes('s3cret')
      );
    });
  });

  it('reopens an embedded database it closed, with its data intact', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lodestar-'));
    const first = await openEmbedded(dir);
    await first.db.schema.createTable('kept').addColumn('v', 'text').execute();
    await first.db
      .insertInto('kept' as never)
      .values({ v: 'still here' })
      .execute();
    await first.close();
    const second = await openEmbedded(dir);
    const rows = await second.db
      .selectFrom('kept' as never)
      .selectAll()
      .execute();
    assert.deepEqual(rows, [{ v: 'still here' }]);
    await second.close();
    rmSync(dir, { recursive: true });
  });
});
