/**
 * PGlite is one process's database: two processes writing the same data directory would corrupt it. A lock file
 * holding the owner's pid keeps a second `lodestar` off the directory, and a stale lock (dead pid) is taken over.
 * Within one process the pid says nothing (it is this process's own), so the process also keeps the directories it
 * holds: a second open of one of them is refused, where taking its own lock over let two PGlite instances write one
 * directory, and closing either removed the lock while the other was still open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';

export interface DataDirLock {
  release(): void;
}

const lockName = 'lodestar.lock';

/** Data directories (their real paths) this process holds locked. */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the data directory's lock or throws `db.data_dir` naming the process that holds it. */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const key = fs.realpathSync(dataDir);
  if (held.has(key))
    throw new AppError(
      'db.data_dir',
      `data directory ${dataDir} is already open in this Lodestar process — close it first or set LODESTAR_DATA_DIR`,
    );
  const file = path.join(dataDir, lockName);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      held.add(key);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          held.delete(key);
          fs.rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(file, 'utf8').trim());
      // A lock naming this pid that this process does not hold is stale: left by an earlier process that had the
      // same pid (in a container the server is always pid 1, and restarts as pid 1).
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
        throw new AppError(
          'db.data_dir',
          `data directory ${dataDir} is in use by another Lodestar process (pid ${owner}) — stop it or set LODESTAR_DATA_DIR`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError('db.data_dir', `cannot lock data directory ${dataDir}`);
}
