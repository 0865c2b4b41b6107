/**
 * Every migration, in order. A static list (not a directory scan) so the same code runs from `src/` under tsx and
 * from the compiled `dist/`, and so a migration can never be skipped by a missing file.
 */
import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';

export const migrations: Readonly<Record<string, Migration>> = {
  '0001_foundation': m0001,
};
