/** Checks of the files a command reads and writes, made before it starts so a mistake costs nothing. */
import { accessSync, constants, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** A path given to a command, or found under one, that cannot be read; and why. */
export interface UnreadablePath {
  readonly path: string;
  readonly reason: string;
}

/**
 * Every file under the given paths (directories are walked, hidden entries skipped), in a stable order, and the
 * paths that cannot be read (a dangling link, a directory without permission): those are left out, not fatal.
 */
export function filesUnder(paths: readonly string[]): { files: string[]; unreadable: UnreadablePath[] } {
  const files: string[] = [];
  const unreadable: UnreadablePath[] = [];
  const walk = (p: string) => {
    let stat;
    let names: string[] = [];
    try {
      stat = statSync(p);
      if (stat.isDirectory()) names = readdirSync(p).sort();
    } catch (error) {
      unreadable.push({ path: p, reason: reason(error) });
      return;
    }
    if (stat.isDirectory()) {
      for (const name of names) if (!name.startsWith('.')) walk(path.join(p, name));
    } else if (stat.isFile()) {
      files.push(p);
    }
  };
  paths.forEach(walk);
  return { files, unreadable };
}

/** The size of a file the command is about to read; `request.invalid` when it is missing, unreadable or a directory. */
export function inputFileSize(file: string): number {
  let stat;
  try {
    stat = statSync(file);
    accessSync(file, constants.R_OK);
  } catch (error) {
    throw new AppError('request.invalid', `cannot read ${file}: ${reason(error)}`);
  }
  if (stat.isDirectory()) throw new AppError('request.invalid', `${file} is a directory, not a file`);
  return stat.size;
}

/**
 * Refuses an output path that cannot be a file the command writes: a directory, or the very file it reads (opening
 * it for writing would empty it before it is read).
 */
export function checkOutputFile(file: string, input: string): void {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    // Not there yet: it is created when the command writes it, in a directory that must take it (found out now
    // rather than after a long run).
    const directory = path.dirname(path.resolve(file));
    try {
      accessSync(directory, constants.W_OK);
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : reason(error);
      throw new AppError('request.invalid', `cannot write ${file}: ${directory}: ${why}`);
    }
    return;
  }
  if (stat.isDirectory()) throw new AppError('request.invalid', `${file} is a directory, not a file`);
  if (realpathSync(file) === realpathSync(input))
    throw new AppError('request.invalid', `${file} is the input file: writing it would erase what is to be read`);
}
