/**
 * The in-memory screening index of every watchlist, built from the database at start-up and kept current by
 * following the change log (`watchlist_changes`): a server applies the changes of every transaction committed since
 * the database snapshot it last took, so one that was busy or missed a wake-up catches up on its next poll, and a
 * transaction that commits late (after others that began after it) is applied when it commits. Each list has its own engine (its own
 * threshold, no competition between lists for candidates); database keys map to dense engine keys.
 */
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { DocumentEntry, PersonEntry } from '../watchlists/entries.js';
import {
  changesBetween,
  currentSnapshot,
  findDocumentsByKeys,
  findPersonsByKeys,
  listWatchlists,
  pageDocuments,
  pagePersons,
  type Watchlist,
  type WatchlistWithCounts,
} from '../watchlists/watchlists.repository.js';
import { DocumentIndex } from './document-index.js';
import { ScreeningEngine } from './engine.js';
import { ScreeningReplica, type ReplicaHit } from './replica.js';
import type { DocumentHit, DocumentQuery, PersonQuery, PersonRecord, ScreenOptions, ScreeningHit } from './types.js';

/** Maps database keys to dense engine keys, reusing the keys of removed entries. */
class KeyMap {
  private readonly engineKey = new Map<number, number>();
  private readonly dbKeys: number[] = [];
  private readonly free: number[] = [];

  /** The engine key of `dbKey`, allocating one if it has none. */
  acquire(dbKey: number): number {
    let key = this.engineKey.get(dbKey);
    if (key === undefined) {
      key = this.free.pop() ?? this.dbKeys.length;
      this.engineKey.set(dbKey, key);
      this.dbKeys[key] = dbKey;
    }
    return key;
  }

  find(dbKey: number): number | undefined {
    return this.engineKey.get(dbKey);
  }

  release(dbKey: number): number | undefined {
    const key = this.engineKey.get(dbKey);
    if (key === undefined) return undefined;
    this.engineKey.delete(dbKey);
    this.dbKeys[key] = -1;
    this.free.push(key);
    return key;
  }

  dbKey(engineKey: number): number {
    return this.dbKeys[engineKey] ?? -1;
  }
}

interface ListIndex {
  list: Watchlist;
  readonly engine: ScreeningEngine;
  readonly persons: KeyMap;
  readonly documents: DocumentIndex;
  readonly documentKeys: KeyMap;
  /** Recent alert screenings of this list and their hits, oldest first; emptied whenever the list changes. */
  readonly recent: Map<string, readonly IndexedPersonHit[]>;
  /** Counts the list's changes: an answer asked before one is not remembered (see screenManyForAlerts). */
  generation: number;
}

/** Empties a list's remembered screenings: its persons or its threshold changed. */
function forget(index: ListIndex): void {
  index.recent.clear();
  index.generation++;
}

/**
 * How long screening on this thread runs before it lets the process's other work through (milliseconds). A batch's
 * travellers take a few hundred milliseconds to screen; run at one go, they held up every other transaction of the
 * process waiting for its next statement, among them the receipts holding the audit chain's lock, which every other
 * receipt then waited for (bench/ingest.ts).
 */
export const SCREEN_SLICE_MS = 4;

/** Resolves once the event loop has run the I/O callbacks waiting (setImmediate runs after them). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `screen` of each item, in order, letting the process's other work through every SCREEN_SLICE_MS. */
export async function inSlices<T, R>(items: readonly T[], screen: (item: T, at: number) => R): Promise<R[]> {
  const out: R[] = [];
  let slice = performance.now();
  for (let i = 0; i < items.length; i++) {
    if (performance.now() - slice >= SCREEN_SLICE_MS) {
      await nextTurn();
      slice = performance.now();
    }
    out.push(screen(items[i]!, i));
  }
  return out;
}

/**
 * How many alert screenings each list remembers. A flight's travellers are screened from its PNR push and again from
 * its passenger list, and a PNR is pushed several times before departure: most travellers ask the same question
 * two to four times within hours. A remembered answer costs about 200 bytes.
 */
const RECENT_SCREENINGS = 100_000;
const NO_HITS: readonly IndexedPersonHit[] = Object.freeze([]);

/** The whole of what an alert screening asks, as a map key (JSON: no two questions share one). */
function screeningKey(query: PersonQuery, limit: number): string {
  return JSON.stringify([
    limit,
    query.names,
    query.birthDate ?? null,
    query.nationality ?? null,
    query.gender ?? null,
    (query.documents ?? []).map((d) => [d.number, d.country ?? null]),
  ]);
}

function frozen(hits: IndexedPersonHit[]): readonly IndexedPersonHit[] {
  return hits.length === 0 ? NO_HITS : Object.freeze(hits);
}

/** A remembered answer, now the most recently used; undefined if none. */
function recall(index: ListIndex, key: string): readonly IndexedPersonHit[] | undefined {
  const known = index.recent.get(key);
  if (known === undefined) return undefined;
  // Kept in the order of last use: the oldest are dropped first.
  index.recent.delete(key);
  index.recent.set(key, known);
  return known;
}

function remember(index: ListIndex, key: string, hits: readonly IndexedPersonHit[]): void {
  if (index.recent.size >= RECENT_SCREENINGS) {
    const oldest = index.recent.keys().next();
    if (oldest.done !== true) index.recent.delete(oldest.value);
  }
  index.recent.set(key, hits);
}

/** A person hit with the database key of its entry. */
export interface IndexedPersonHit extends ScreeningHit {
  readonly listId: string;
  readonly entryKey: number;
}

/** A document hit with the database key of its entry and whether it is a listed document or a person's. */
export interface IndexedDocumentHit extends DocumentHit {
  readonly listId: string;
  readonly entryKey: number;
  readonly entryKind: 'document' | 'person';
}

/** A person entry as the engine sees it. */
export function toPersonRecord(entry: PersonEntry, key: number): PersonRecord {
  return {
    key,
    entityId: entry.entityId,
    names: [entry.name, ...entry.aliases.map((a) => a.name)],
    birthDates: entry.birthDates,
    nationalities: entry.nationalities,
    gender: entry.gender ?? undefined,
    documents: entry.documents.map((d) => ({
      number: d.number,
      country: d.country ?? undefined,
      type: d.type ?? undefined,
    })),
  };
}

const pageSize = 5000;

export interface WatchlistIndexOptions {
  /**
   * Screen flight travellers for alerts on a copy of the person engines in a worker thread (replica.ts), so that
   * another core screens while this thread stores, links and runs the rules; made by `load`. Default false.
   */
  readonly screeningThread?: boolean;
}

/** A snapshot in which no transaction is visible (xmin = xmax = 1, the first id: every real one is later). */
const NOTHING_SEEN = '1:1:';

export class WatchlistIndex {
  private readonly lists = new Map<string, ListIndex>();
  /**
   * The database snapshot every change visible in which has been applied (changesBetween); taken by `load`. Until
   * then one that sees no transaction: an index never loaded applies every change in the log.
   */
  private seen = NOTHING_SEEN;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  /** While `load` runs: its progress, and a promise settled when it ends. */
  private progress: { persons: number; of: number } | undefined;
  private loading: Promise<void> | undefined;

  /** The copy of the person engines in a worker thread, when the options ask for one (made by `load`). */
  private replica: ScreeningReplica | undefined;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly options: WatchlistIndexOptions = {},
  ) {}

  /** Whether alert screenings go to a worker thread now (false before `load`, or once that thread has failed). */
  get screensOnThread(): boolean {
    return this.replica?.usable === true;
  }

  /**
   * Loads every list from the database. Changes made meanwhile are applied by the next `catchUp`. While it runs, the
   * index refuses to screen (`screening.loading`): a half-loaded index would answer "no match" for the persons not
   * yet read, an answer no one could tell from a true one. `untilLoaded` waits for it.
   */
  async load(): Promise<{ persons: number; documents: number; seconds: number }> {
    if (this.progress !== undefined) throw new AppError('internal.error', 'the screening index is already loading');
    this.progress = { persons: 0, of: 0 };
    // Made before the first list, so that it is told of every list and person this thread is.
    if (this.options.screeningThread === true && this.replica === undefined) {
      this.replica = new ScreeningReplica(this.logger);
      for (const [id, index] of this.lists) this.replica.addList(id, index.engine.size);
    }
    const run = this.readAll();
    this.loading = run.then(
      () => undefined,
      () => undefined,
    );
    try {
      return await run;
    } finally {
      this.progress = undefined;
      this.loading = undefined;
    }
  }

  /** While `load` runs: the persons read so far and how many the lists hold; undefined otherwise. */
  get loadProgress(): { readonly persons: number; readonly of: number } | undefined {
    return this.progress;
  }

  /** Settles when no `load` is running (at once when none is). */
  untilLoaded(): Promise<void> {
    return this.loading ?? Promise.resolve();
  }

  /** Throws `screening.loading` while `load` runs. */
  private assertLoaded(): void {
    const p = this.progress;
    if (p === undefined) return;
    throw new AppError(
      'screening.loading',
      `the screening index is loading (${p.persons.toLocaleString('en-US')} of ${p.of.toLocaleString('en-US')} persons read): try again shortly`,
      { details: { persons: p.persons, of: p.of } },
    );
  }

  private async readAll(): Promise<{ persons: number; documents: number; seconds: number }> {
    const started = performance.now();
    // The snapshot first: the tables read after it hold every change it sees (and perhaps later ones, applied again
    // by the next catchUp: applying a change twice is harmless). A transaction in flight now is applied once it commits.
    this.seen = await currentSnapshot(this.db);
    for (const list of await this.refreshLists()) this.progress!.of += list.persons;
    let persons = 0;
    let documents = 0;
    for (let after = 0; ;) {
      const page = await pagePersons(this.db, undefined, after, pageSize);
      for (const entry of page) this.putPerson(entry);
      persons += page.length;
      this.progress!.persons = persons;
      if (page.length < pageSize) break;
      after = page[page.length - 1]!.key;
    }
    for (let after = 0; ;) {
      const page = await pageDocuments(this.db, undefined, after, pageSize);
      for (const entry of page) this.putDocument(entry);
      documents += page.length;
      if (page.length < pageSize) break;
      after = page[page.length - 1]!.key;
    }
    // Compacted now, not by the first screening (a pause of seconds at a million persons).
    for (const index of this.lists.values()) index.engine.compact();
    this.replica?.compact();
    return { persons, documents, seconds: (performance.now() - started) / 1000 };
  }

  /**
   * Applies the changes of the transactions committed since the last call (or `load`); returns how many it applied.
   * An upsert reads the entry as it stands now and a removed entry's key is never used again, so the transactions'
   * changes may be applied in any order among themselves, and one applied twice changes nothing.
   */
  async catchUp(): Promise<number> {
    const since = this.seen;
    const now = await currentSnapshot(this.db);
    let count = 0;
    for (let after = 0; ;) {
      const batch = await changesBetween(this.db, since, now, after, 10_000);
      if (batch.length === 0) break;
      if (batch.some((c) => !this.lists.has(c.listId))) await this.refreshLists();
      const upserts = { person: new Set<number>(), document: new Set<number>() };
      for (const change of batch) {
        if (change.op === 'delete') {
          upserts[change.entryKind].delete(change.entryKey);
          this.removeEntry(change.listId, change.entryKind, change.entryKey);
        } else {
          upserts[change.entryKind].add(change.entryKey);
        }
      }
      for (const entry of await findPersonsByKeys(this.db, [...upserts.person])) this.putPerson(entry);
      for (const entry of await findDocumentsByKeys(this.db, [...upserts.document])) this.putDocument(entry);
      count += batch.length;
      after = batch[batch.length - 1]!.seq;
      if (batch.length < 10_000) break;
    }
    // Only now: should a read above fail, the next call reads the same transactions again.
    this.seen = now;
    return count;
  }

  /** Follows the change log every `intervalMs` until `stop`. */
  start(intervalMs = 250): void {
    const tick = () => {
      this.polling = this.catchUp()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'screening index catch-up failed; retrying'))
        .finally(() => {
          if (this.timer !== undefined) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.polling;
  }

  /** Stops following the change log and ends the screening thread, if there is one. */
  async close(): Promise<void> {
    await this.stop();
    await this.replica?.close();
  }

  /** Reads the lists again: a list created since (still empty, so no change has named it) is known from now on. */
  async refresh(): Promise<void> {
    await this.refreshLists();
  }

  /** The lists known to the index (refreshed when a change names an unknown one). */
  watchlist(id: string): Watchlist | undefined {
    return this.lists.get(id)?.list;
  }

  listIds(): string[] {
    return [...this.lists.keys()];
  }

  /** Screens a person against one list; hits carry the database key of their entry. */
  screenPerson(listId: string, query: PersonQuery, options: ScreenOptions): IndexedPersonHit[] {
    this.assertLoaded();
    const index = this.lists.get(listId);
    if (index === undefined) return [];
    // The list's own threshold unless the caller sets one (an option present but undefined does not count).
    const threshold = options.threshold ?? index.list.matchThreshold;
    const result = index.engine.screenPerson(query, { ...options, threshold });
    return result.hits.map((hit) => ({ ...hit, listId, entryKey: index.persons.dbKey(hit.key) }));
  }

  /**
   * Screens a traveller against one list for alerts: its matches at the list's threshold, best first. The same
   * question asked again before the list changes gets the answer it got (the engine is deterministic: same list,
   * same query, same hits), so a traveller screened from a PNR push is not screened again from the passenger list
   * or the next push unless something in the query or the list differs.
   */
  screenForAlerts(listId: string, query: PersonQuery, limit: number): readonly IndexedPersonHit[] {
    this.assertLoaded();
    const index = this.lists.get(listId);
    // A list of documents only (stolen and lost documents) has no one to find by name.
    if (index === undefined || index.engine.size === 0) return NO_HITS;
    const key = screeningKey(query, limit);
    const known = recall(index, key);
    if (known !== undefined) return known;
    const hits = frozen(this.screenPerson(listId, query, { limit, matchesOnly: true }));
    remember(index, key, hits);
    return hits;
  }

  /**
   * screenForAlerts of each query, in order: the questions asked before are answered from memory, the others on the
   * screening thread when there is one (another core works while this thread goes on with other work), else here,
   * letting the process's other work through every SCREEN_SLICE_MS. The answers are the same either way.
   */
  async screenManyForAlerts(
    listId: string,
    queries: readonly PersonQuery[],
    limit: number,
  ): Promise<(readonly IndexedPersonHit[])[]> {
    this.assertLoaded();
    const index = this.lists.get(listId);
    if (index === undefined || index.engine.size === 0) return queries.map(() => NO_HITS);
    const out: (readonly IndexedPersonHit[])[] = [];
    const keys: string[] = [];
    const asked: number[] = [];
    for (let i = 0; i < queries.length; i++) {
      const key = screeningKey(queries[i]!, limit);
      const known = recall(index, key);
      out.push(known ?? NO_HITS);
      if (known !== undefined) continue;
      keys.push(key);
      asked.push(i);
    }
    if (asked.length === 0) return out;
    const generation = index.generation;
    const questions = asked.map((i) => queries[i]!);
    let answers = await this.onThread(index, questions, limit);
    if (answers === undefined) {
      answers = await inSlices(questions, (query) => {
        this.assertLoaded();
        return frozen(this.screenPerson(listId, query, { limit, matchesOnly: true }));
      });
    }
    for (let j = 0; j < asked.length; j++) {
      out[asked[j]!] = answers[j]!;
      // An answer asked before the list last changed is given, as one screened a moment earlier would be, but not
      // kept for the next time the question is asked.
      if (index.generation === generation) remember(index, keys[j]!, answers[j]!);
    }
    return out;
  }

  /** The answers of the screening thread, or undefined when there is none or it failed (then screen here). */
  private async onThread(
    index: ListIndex,
    queries: readonly PersonQuery[],
    limit: number,
  ): Promise<(readonly IndexedPersonHit[])[] | undefined> {
    const replica = this.replica;
    if (replica === undefined || !replica.usable) return undefined;
    const listId = index.list.id;
    try {
      const answers = await replica.screen(listId, index.list.matchThreshold, limit, queries);
      return answers.map((hits) =>
        hits.length === 0 ? NO_HITS : Object.freeze(hits.map((hit: ReplicaHit) => ({ ...hit, listId }))),
      );
    } catch (error) {
      this.logger.warn(
        { err: error, list: listId },
        'screening on the server thread: the screening thread did not answer',
      );
      return undefined;
    }
  }

  /** Looks a document up in one list: its listed documents and its persons' documents. */
  screenDocument(listId: string, query: DocumentQuery): IndexedDocumentHit[] {
    this.assertLoaded();
    const index = this.lists.get(listId);
    if (index === undefined) return [];
    const hits: IndexedDocumentHit[] = [];
    index.documents.forEachMatch(query, (entry, exact) => {
      const key = index.documents.ownerOf(entry);
      hits.push({
        ...index.documents.hit(entry, '', exact),
        listId,
        entryKey: index.documentKeys.dbKey(key),
        entryKind: 'document',
      });
    });
    for (const hit of index.engine.screenDocument(query)) {
      hits.push({ ...hit, listId, entryKey: index.persons.dbKey(hit.key), entryKind: 'person' });
    }
    return hits.sort((a, b) => b.score - a.score);
  }

  /** Reads the lists (with their entry counts) and adds the new ones; returns what it read. */
  private async refreshLists(): Promise<WatchlistWithCounts[]> {
    const lists = await listWatchlists(this.db);
    for (const list of lists) {
      const known = this.lists.get(list.id);
      if (known !== undefined) {
        // The threshold may have changed: remembered answers no longer hold.
        if (known.list.matchThreshold !== list.matchThreshold) forget(known);
        known.list = list;
      } else {
        this.lists.set(list.id, {
          list,
          // Sized for the persons the list has: an index that grows as it loads rebuilds its keys at every doubling.
          engine: new ScreeningEngine({ expectedPersons: list.persons }),
          persons: new KeyMap(),
          documents: new DocumentIndex(),
          documentKeys: new KeyMap(),
          recent: new Map(),
          generation: 0,
        });
        this.replica?.addList(list.id, list.persons);
      }
    }
    return lists;
  }

  private putPerson(entry: PersonEntry): void {
    const index = this.lists.get(entry.listId);
    if (index === undefined) return;
    forget(index);
    const record = toPersonRecord(entry, index.persons.acquire(entry.key));
    index.engine.add(record);
    this.replica?.put(entry.listId, record, entry.key);
  }

  private putDocument(entry: DocumentEntry): void {
    const index = this.lists.get(entry.listId);
    if (index === undefined) return;
    const key = index.documentKeys.acquire(entry.key);
    index.documents.remove(key);
    index.documents.add(key, [
      { number: entry.number, country: entry.issuingState ?? undefined, type: entry.type ?? undefined },
    ]);
  }

  private removeEntry(listId: string, kind: 'person' | 'document', dbKey: number): void {
    const index = this.lists.get(listId);
    if (index === undefined) return;
    if (kind === 'person') {
      forget(index);
      const key = index.persons.release(dbKey);
      if (key === undefined) return;
      index.engine.remove(key);
      this.replica?.remove(listId, key);
    } else {
      const key = index.documentKeys.release(dbKey);
      if (key !== undefined) index.documents.remove(key);
    }
  }
}
