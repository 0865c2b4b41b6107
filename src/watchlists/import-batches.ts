/**
 * The entries an import has read and not yet written, and their writing: in one statement each for persons and
 * documents, or, when the database refuses a row the validation let through, row by row, each in a savepoint, so
 * that only that row is rejected, with the database's reason.
 */
import type { ControlledTransaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { DocumentInput, PersonInput } from './entries.js';
import { addSeenIds } from './imports.repository.js';
import { upsertDocuments, upsertPersons, type UpsertCounts } from './watchlists.repository.js';

/** An entry read from the file, with the owner it is written for and the line it was read on. */
export type Pending<T> = T & { readonly ownerCountry: string; readonly line: number };

/**
 * Errors the database raises over the data of a row (SQLSTATE classes 22, data exception; 23, integrity constraint;
 * 54, program limit exceeded), as opposed to a lost connection or a bug, which no retry of other rows would mend.
 */
function isRowDataError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && /^(22|23|54)[0-9A-Z]{3}$/.test(code);
}

export interface BatchTarget {
  readonly listId: string;
  /** Stamped on the entries written. */
  readonly importId: string;
  /** The replacing import's table of the ids it read (imports.repository.ts), if it replaces. */
  readonly seen: string | undefined;
  /** Told the counts of each statement that wrote. */
  tally(counts: UpsertCounts): void;
  /** Told of an entry the database refused. */
  refused(entry: Pending<PersonInput | DocumentInput>, reason: string): void;
}

export class ImportBatch {
  // Keyed by entity id: the same entity twice in one batch would make the upsert touch a row twice.
  private readonly persons = new Map<string, Pending<PersonInput>>();
  private readonly documents = new Map<string, Pending<DocumentInput>>();

  constructor(private readonly target: BatchTarget) {}

  get size(): number {
    return this.persons.size + this.documents.size;
  }

  /** Adds an entry to the batch; true when it replaces one of the same id the batch held (then dropped unwritten). */
  add(entry: Pending<PersonInput> | Pending<DocumentInput>): boolean {
    if (entry.kind === 'person') {
      const replaced = this.persons.delete(entry.entityId);
      this.persons.set(entry.entityId, entry);
      return replaced;
    }
    const replaced = this.documents.delete(entry.entityId);
    this.documents.set(entry.entityId, entry);
    return replaced;
  }

  /** Writes the batch in `trx` and empties it; returns how many entries it wrote or found unchanged. */
  async write(trx: ControlledTransaction<Database>): Promise<number> {
    if (this.size === 0) return 0;
    const { listId, importId, seen } = this.target;
    const persons = [...this.persons.values()];
    const documents = [...this.documents.values()];
    this.persons.clear();
    this.documents.clear();
    const whole = await trx.savepoint('batch').execute();
    try {
      const p = await upsertPersons(whole, listId, persons, importId);
      const d = await upsertDocuments(whole, listId, documents, importId);
      if (seen !== undefined)
        await addSeenIds(
          whole,
          seen,
          [...persons, ...documents].map((e) => e.entityId),
        );
      await whole.releaseSavepoint('batch').execute();
      this.target.tally(p);
      this.target.tally(d);
      return persons.length + documents.length;
    } catch (error) {
      if (!isRowDataError(error)) throw error;
      await (await whole.rollbackToSavepoint('batch').execute()).releaseSavepoint('batch').execute();
    }
    const ids: string[] = [];
    for (const entry of [...persons, ...documents]) {
      const one = await trx.savepoint('row').execute();
      try {
        const c =
          entry.kind === 'person'
            ? await upsertPersons(one, listId, [entry], importId)
            : await upsertDocuments(one, listId, [entry], importId);
        await one.releaseSavepoint('row').execute();
        this.target.tally(c);
        ids.push(entry.entityId);
      } catch (rowError) {
        if (!isRowDataError(rowError)) throw rowError;
        await (await one.rollbackToSavepoint('row').execute()).releaseSavepoint('row').execute();
        this.target.refused(entry, `database: ${rowError.message.slice(0, 300)}`);
      }
    }
    if (seen !== undefined) await addSeenIds(trx, seen, ids);
    return ids.length;
  }
}
