/**
 * Screening as callers use it: a person and/or a document checked against one, several or all watchlists through
 * the in-memory index; hits are presented as the access policy says (a restricted entry shows only whom to
 * contact), and every screening is audited with a fingerprint of the query and its hit count.
 */
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { AuditService, RequestContext } from '../access/audit.service.js';
import { fingerprint } from '../access/audit.js';
import { canSeeRecord, type Principal } from '../access/policy.js';
import { RowError, cleanDate, cleanGender, cleanName } from '../watchlists/entries.js';
import type { DocumentEntry, PersonEntry } from '../watchlists/entries.js';
import { findDocumentsByKeys, findPersonsByKeys } from '../watchlists/watchlists.repository.js';
import { OCR_DOCUMENT_SCORE } from './document-index.js';
import { MATCHER_NAME, MATCHER_VERSION } from './engine.js';
import type { ExplanationFeature } from './types.js';
import type { WatchlistIndex } from './watchlist-index.js';
import { findCountry } from '../countries/countries.js';

export interface PersonQueryInput {
  readonly names: readonly string[];
  readonly birthDate?: string | undefined;
  readonly nationality?: string | undefined;
  readonly gender?: string | undefined;
  readonly documents?: readonly { readonly number: string; readonly country?: string | undefined }[] | undefined;
}

export interface DocumentQueryInput {
  readonly number: string;
  readonly country?: string | undefined;
}

export interface ScreeningOptions {
  /** Lists to screen against; undefined or empty: all. */
  readonly lists?: readonly string[] | undefined;
  readonly limit?: number | undefined;
  /** Overrides each list's own threshold. */
  readonly threshold?: number | undefined;
}

/** A person hit as the caller may see it. */
export type PersonHitView =
  | {
      readonly restricted: false;
      readonly list: string;
      readonly entry: PersonEntry;
      readonly score: number;
      readonly match: boolean;
      readonly explanation: readonly ExplanationFeature[];
    }
  | {
      readonly restricted: true;
      readonly list: string;
      readonly key: number;
      readonly contactCountry: string;
      /** The list's own threshold, which the hit reached; its own score is withheld. */
      readonly score: number;
      /** Always true: a restricted entry is told only when it is a match at its list's own threshold. */
      readonly match: boolean;
    };

export type DocumentHitView =
  | {
      readonly restricted: false;
      readonly list: string;
      readonly kind: 'document' | 'person';
      readonly document?: DocumentEntry;
      readonly person?: PersonEntry;
      readonly number: string;
      readonly score: number;
      readonly how: 'exact' | 'ocr';
    }
  | {
      readonly restricted: true;
      readonly list: string;
      readonly key: number;
      readonly contactCountry: string;
      /** The score every document hit reaches (a hit through OCR folding); whether it was exact is withheld. */
      readonly score: number;
    };

export interface ScreeningAnswer {
  readonly matcher: { readonly name: string; readonly version: string };
  readonly persons: readonly PersonHitView[];
  readonly documents: readonly DocumentHitView[];
}

function requestInvalid(error: unknown, prefix: string): never {
  if (error instanceof RowError)
    throw new AppError('request.invalid', `${prefix}.${error.message}`, {
      location: { field: `${prefix}.${error.field}` },
    });
  throw error;
}

/** A person query's checks; a `RowError` names the query's own field at fault (`names[0]`, `documents[0].country`). */
function checkPersonQuery(input: PersonQueryInput): PersonQueryInput {
  if (input.names.length === 0) throw new RowError('names', 'at least one name is needed');
  const names = input.names.map((n, i) => cleanName(n, `names[${i}]`));
  const birthDate =
    input.birthDate === undefined || input.birthDate === '' ? undefined : cleanDate(input.birthDate, 'birthDate');
  if (input.nationality !== undefined && input.nationality !== '' && findCountry(input.nationality) === undefined) {
    throw new RowError('nationality', `unknown country code "${input.nationality.slice(0, 10)}"`);
  }
  // As for a document asked about alone (validateDocumentQuery): an unknown issuing state would agree with none.
  (input.documents ?? []).forEach((d, i) => {
    const country = d.country?.trim() ?? '';
    if (country !== '' && findCountry(country) === undefined)
      throw new RowError(`documents[${i}].country`, `unknown country code "${country.slice(0, 10)}"`);
  });
  // A gender the scorer cannot read would be dropped without a word: the query would lose that evidence unseen.
  const gender = cleanGender(input.gender, 'gender') ?? undefined;
  return { ...input, names, birthDate, gender };
}

/** Checks a person query field by field; `request.invalid` names the field at fault. */
export function validatePersonQuery(input: PersonQueryInput, prefix = 'person'): PersonQueryInput {
  try {
    return checkPersonQuery(input);
  } catch (error) {
    return requestInvalid(error, prefix);
  }
}

/** A document query's check; a `RowError` on `country` when it is no known code. */
function checkDocumentQuery(input: DocumentQueryInput): DocumentQueryInput {
  const country = input.country?.trim();
  if (country === undefined || country === '') return { number: input.number };
  if (findCountry(country) === undefined)
    throw new RowError('country', `unknown country code "${country.slice(0, 10)}"`);
  return { number: input.number, country };
}

/**
 * Checks a document query: a country that is no known code would be compared with every listed document's issuing
 * state and agree with none, so a stolen document asked about with a mistyped country would answer "not listed".
 */
export function validateDocumentQuery(input: DocumentQueryInput, prefix = 'document'): DocumentQueryInput {
  try {
    return checkDocumentQuery(input);
  } catch (error) {
    return requestInvalid(error, prefix);
  }
}

/** One query of a batch file, and what became of it. */
export interface BatchQuery {
  readonly line: number;
  readonly id: string;
  readonly input: PersonQueryInput;
  /**
   * Why the line could not be read as a query (a CSV record with the wrong number of fields, a line that is not
   * JSON, a field of the wrong type): it is reported as its line's error and not screened.
   */
  readonly error?: string | undefined;
}

/** One result line of a batch: a person hit, or a document hit (a listed document, or a listed person's document). */
interface BatchHit {
  readonly entityId: string;
  readonly score: number;
  readonly match: boolean;
  readonly explanation: readonly ExplanationFeature[];
}

/**
 * The column of a batch file (`lodestar screen`: id, name, birthDate, nationality, gender, documentNumber,
 * documentCountry) that a query field was read from: its error line names what the file calls it, not the field of
 * the HTTP API's body. One name of several (`|`-separated in the name column) is told by its place.
 */
function batchColumn(field: string, input: PersonQueryInput): string {
  const name = /^names(?:\[(\d+)\])?$/.exec(field);
  if (name !== null) {
    const n = input.names.length;
    return name[1] === undefined || n < 2 ? 'name' : `name (${Number(name[1]) + 1} of ${n}, |-separated)`;
  }
  const document = /^(?:documents\[\d+\]\.)?(country|number)$/.exec(field);
  if (document !== null) return document[1] === 'country' ? 'documentCountry' : 'documentNumber';
  return field;
}

/**
 * A batch query checked as screenStream uses it: the person when it has a name, and each of its documents. A query
 * with a document and no name is a document check (a stolen and lost documents list has no names to search); its
 * other fields are still checked, so a mistyped date is reported rather than dropped. `request.invalid` names the
 * file's column at fault (batchColumn).
 */
function validateBatchQuery(input: PersonQueryInput): {
  person: PersonQueryInput | undefined;
  documents: DocumentQueryInput[];
} {
  try {
    const person = input.names.length > 0 ? checkPersonQuery(input) : undefined;
    if (person === undefined) {
      if ((input.documents ?? []).length === 0)
        throw new RowError('names', 'at least one name is needed (or a documentNumber)');
      if (input.birthDate !== undefined && input.birthDate !== '') cleanDate(input.birthDate, 'birthDate');
      if (input.nationality !== undefined && input.nationality !== '' && findCountry(input.nationality) === undefined)
        throw new RowError('nationality', `unknown country code "${input.nationality.slice(0, 10)}"`);
    }
    return { person, documents: (input.documents ?? []).map(checkDocumentQuery) };
  } catch (error) {
    if (!(error instanceof RowError)) throw error;
    const column = batchColumn(error.field, input);
    // A RowError's message starts with its field: the reason is what follows.
    const reason = error.message.startsWith(`${error.field}: `)
      ? error.message.slice(error.field.length + 2)
      : error.message;
    throw new AppError('request.invalid', `${column}: ${reason}`, { location: { field: column } });
  }
}

export type BatchResult =
  | {
      readonly id: string;
      readonly results: readonly {
        entityId: string;
        score: number;
        match: boolean;
        explanation: readonly ExplanationFeature[];
      }[];
    }
  | { readonly id: string; readonly line: number; readonly error: string };

/** Where screenStream's result lines go. */
export interface BatchOutput {
  /** Takes one result line; may wait (for a full output to drain). A failure here fails the run. */
  write(result: BatchResult): void | Promise<void>;
  /**
   * After the last line of a run that completed or was stopped: resolves once every line is written, so that a run
   * is audited as completed only when its results were delivered. A failure here fails the run.
   */
  end(): Promise<void>;
}

/** The file a batch screening read, as its audit entry identifies it: asked when the entry is written. */
export interface BatchSource {
  readonly file: string;
  /** Its size in bytes when the run started. */
  readonly size: number;
  /** The bytes read by the time the entry is written: all of them when the run completed. */
  readonly read: number;
  /** SHA-256 (hex) of those bytes, `head -c <read> <file> | sha256sum`: the file's own when all were read. */
  readonly sha256: string;
}

export interface BatchStreamOptions {
  readonly limit: number;
  readonly threshold?: number | undefined;
  /** Once aborted, the run stops before its next query; an AbortError from the source counts as the same stop. */
  readonly signal?: AbortSignal | undefined;
  readonly source?: (() => BatchSource) | undefined;
}

/** How a batch screening ended, as its audit entry says (`details.outcome`). */
export type BatchOutcome = 'completed' | 'interrupted' | 'failed';

export interface BatchSummary {
  readonly outcome: Exclude<BatchOutcome, 'failed'>;
  readonly screened: number;
  readonly errors: number;
  readonly matches: number;
  /** The file line of the last query taken, screened or rejected (0 when none was). */
  readonly lastLine: number;
  readonly seconds: number;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/** A presented hit, as far as ranking needs it. */
interface Ranked {
  readonly restricted: boolean;
  readonly list: string;
  readonly score: number;
  /** Document hits have none: each is a hit. */
  readonly match?: boolean;
  /** Restricted hits only. */
  readonly key?: number;
}

/**
 * Hits of several lists as presented, best first: the matches (each at its own list's threshold) before the others,
 * each by the score the caller sees. A list with a strict threshold may score a non-match above another list's match.
 * A restricted hit is placed by the threshold it is presented with, never by the score it hides: at an equal score it
 * comes after the open hits, and restricted hits among themselves go by list and key.
 */
function bestFirst(a: Ranked, b: Ranked): number {
  return (
    Number(b.match ?? true) - Number(a.match ?? true) ||
    b.score - a.score ||
    Number(a.restricted) - Number(b.restricted) ||
    (a.restricted ? (a.list < b.list ? -1 : a.list > b.list ? 1 : (a.key ?? 0) - (b.key ?? 0)) : 0)
  );
}

/**
 * Whether a list's `hits` (the best it has, at most `asked`; `views`, their presentations) hold its best `limit` as
 * the caller ranks them (bestFirst), whatever the scores of the restricted entries it did not give. A restricted hit
 * ranks by its list's `threshold`, below the score it hides, so an entry ranked below it may come first, and one
 * below the threshold is left out: the `limit`th must rank above whatever the list holds back. A list that gave
 * fewer than asked has nothing more.
 */
function holdsBest(
  hits: ReturnType<WatchlistIndex['screenPerson']>,
  views: readonly PersonHitView[],
  asked: number,
  limit: number,
  threshold: number,
): boolean {
  if (hits.length < asked) return true;
  const last = [...views].sort(bestFirst)[limit - 1];
  if (last === undefined) return false;
  // All held back score below the threshold: none is a restricted match, and an open one ranks below the last.
  if (Math.min(...hits.map((h) => h.score)) < threshold) return true;
  return !last.restricted && last.match && last.score >= threshold;
}

/**
 * A batch query's person and document hits as one list, best first as screen() ranks them (matches first, then by
 * score), at most `limit`. An entity found both ways is given once, by its better hit: a person whose listed document
 * is the one asked about is one hit, not two.
 */
function mergeBatchHits(persons: readonly BatchHit[], documents: readonly BatchHit[], limit: number): BatchHit[] {
  if (documents.length === 0) return persons.slice(0, limit);
  const ranked = [...persons, ...documents].sort((a, b) => Number(b.match) - Number(a.match) || b.score - a.score);
  const seen = new Set<string>();
  return ranked.filter((h) => !seen.has(h.entityId) && seen.add(h.entityId)).slice(0, limit);
}

export class ScreeningService {
  constructor(
    private readonly db: Db,
    private readonly index: WatchlistIndex,
    private readonly audit: AuditService,
  ) {}

  /**
   * The lists asked for, each once (all when none is named). A list the index has not met yet (created since it last
   * read the lists, and still empty: its first entry would have told it) is looked for in the database first.
   */
  private async listsFor(options: ScreeningOptions): Promise<string[]> {
    const wanted = [...new Set(options.lists ?? [])];
    if (wanted.length === 0) return this.index.listIds();
    if (wanted.some((id) => this.index.watchlist(id) === undefined)) await this.index.refresh();
    for (const id of wanted) {
      if (this.index.watchlist(id) === undefined)
        throw new AppError('resource.not_found', `no watchlist ${id}`, { location: { field: 'lists' } });
    }
    return wanted;
  }

  /** Screens one person and/or one document; audited as one screening. */
  async screen(
    principal: Principal,
    request: { person?: PersonQueryInput | undefined; document?: DocumentQueryInput | undefined },
    options: ScreeningOptions,
    context: RequestContext,
  ): Promise<ScreeningAnswer> {
    if (request.person === undefined && request.document === undefined) {
      throw new AppError('request.invalid', 'give a person, a document, or both', { location: { field: 'body' } });
    }
    const lists = await this.listsFor(options);
    const person = request.person === undefined ? undefined : validatePersonQuery(request.person);
    const document = request.document === undefined ? undefined : validateDocumentQuery(request.document);
    const limit = Math.min(Math.max(options.limit ?? 10, 1), 50);
    const personHits =
      person === undefined
        ? []
        : await this.screenPersons(
            principal,
            lists.map((list) => ({ list, query: person })),
            limit,
            options.threshold,
          );
    const documentHits =
      document === undefined ? [] : lists.flatMap((list) => this.index.screenDocument(list, document));
    // Presented before they are ranked and cut: a restricted hit's place must come from what the caller sees of it.
    const persons = personHits.flat().sort(bestFirst).slice(0, limit);
    const documents = (await this.presentDocuments(principal, documentHits)).sort(bestFirst).slice(0, limit);
    await this.audit.record(
      principal,
      {
        action: request.person !== undefined ? 'screening.person' : 'screening.document',
        details: {
          query: fingerprint(request),
          lists,
          hits: persons.filter((h) => h.match).length + documents.length,
          candidates: persons.length,
          matcher: `${MATCHER_NAME}@${MATCHER_VERSION}`,
        },
      },
      context,
    );
    return { matcher: { name: MATCHER_NAME, version: MATCHER_VERSION }, persons, documents };
  }

  /** Screens a batch of persons (the yente /match route); one audit entry for the batch, with each query's fingerprint. */
  async screenBatch(
    principal: Principal,
    queries: Readonly<Record<string, PersonQueryInput>>,
    options: ScreeningOptions,
    context: RequestContext,
  ): Promise<Record<string, PersonHitView[]>> {
    const lists = await this.listsFor(options);
    const limit = Math.min(Math.max(options.limit ?? 5, 1), 50);
    const asks = Object.entries(queries).flatMap(([id, input]) => {
      const query = validatePersonQuery(input, `queries.${id}`);
      return lists.map((list) => ({ id, list, query }));
    });
    // Every query's hits of every list at once (one read of their entries a round); each query gets its own back,
    // ranked and cut as presented (see screen).
    const presented = await this.screenPersons(principal, asks, limit, options.threshold);
    const out: Record<string, PersonHitView[]> = Object.fromEntries(Object.keys(queries).map((id) => [id, []]));
    asks.forEach(({ id }, i) => out[id]!.push(...presented[i]!));
    for (const id of Object.keys(out)) out[id] = out[id]!.sort(bestFirst).slice(0, limit);
    await this.audit.record(
      principal,
      {
        action: 'screening.batch',
        details: {
          lists,
          queries: Object.entries(queries)
            .slice(0, 1000)
            .map(([id, q]) => ({ id, query: fingerprint(q), hits: (out[id] ?? []).filter((h) => h.match).length })),
          matcher: `${MATCHER_NAME}@${MATCHER_VERSION}`,
        },
      },
      context,
    );
    return out;
  }

  /**
   * Screens a stream of queries against one list for the operator of the machine (the CLI): straight through the
   * index. Each query's person (by name) and documents (by number) are screened, their hits merged best first. A bad
   * query becomes an error line naming its column; the run goes on. However the run ends (completed; interrupted by
   * `signal`, before its next query; or failed: the source, the output or the index) it is audited, as one entry
   * with what was done by then: the counts, the last line taken, the outcome (with the error's message) and the
   * source's fingerprint (a digest of the file, not of each query: a million queries stay one small entry). A
   * failure is thrown on once recorded.
   */
  async screenStream(
    principal: Principal,
    listId: string,
    queries: AsyncIterable<BatchQuery>,
    options: BatchStreamOptions,
    output: BatchOutput,
    context: RequestContext,
  ): Promise<BatchSummary> {
    if (principal.kind !== 'operator')
      throw new AppError('auth.forbidden', 'batch screening of files is for the operator of the machine');
    await this.listsFor({ lists: [listId] });
    const started = performance.now();
    const signal = options.signal;
    let screened = 0;
    let errors = 0;
    let matches = 0;
    let lastLine = 0;
    let stopped = false;
    let failure: { readonly error: unknown } | undefined;
    try {
      try {
        for await (const q of queries) {
          if (signal?.aborted) {
            stopped = true;
            break;
          }
          lastLine = q.line;
          if (q.error !== undefined) {
            errors += 1;
            await output.write({ id: q.id, line: q.line, error: q.error });
            continue;
          }
          let query: ReturnType<typeof validateBatchQuery>;
          try {
            query = validateBatchQuery(q.input);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            errors += 1;
            await output.write({ id: q.id, line: q.line, error: error.message });
            continue;
          }
          const personHits: BatchHit[] =
            query.person === undefined
              ? []
              : this.index.screenPerson(listId, query.person, { limit: options.limit, threshold: options.threshold });
          // The person screening finds a person by name (a document only adds to the score of one found so): a
          // stolen or lost document, or a listed person's document under another name, is found only by looking
          // the number up.
          const documentHits = await this.batchDocumentHits(listId, query.documents);
          const results = mergeBatchHits(personHits, documentHits, options.limit);
          screened += 1;
          if (results.some((h) => h.match)) matches += 1;
          await output.write({
            id: q.id,
            results: results.map((h) => ({
              entityId: h.entityId,
              score: h.score,
              match: h.match,
              explanation: h.explanation,
            })),
          });
        }
      } catch (error) {
        // The source stopped by the same signal (a read aborted) is the interruption, not a failure.
        if (!(signal?.aborted === true && error instanceof Error && error.name === 'AbortError')) throw error;
        stopped = true;
      }
      await output.end();
    } catch (error) {
      failure = { error };
    }
    const outcome: BatchOutcome = failure !== undefined ? 'failed' : stopped ? 'interrupted' : 'completed';
    const facts = {
      action: 'screening.batch',
      subject: { type: 'watchlist', id: listId },
      outcome: failure === undefined ? ('ok' as const) : ('failed' as const),
      details: {
        outcome,
        ...(failure === undefined ? {} : { error: messageOf(failure.error) }),
        screened,
        errors,
        matches,
        lastLine,
        input: options.source?.(),
        matcher: `${MATCHER_NAME}@${MATCHER_VERSION}`,
      },
    };
    try {
      await this.audit.record(principal, facts, context);
    } catch (auditError) {
      if (failure === undefined) throw auditError;
      throw new Error(`${messageOf(failure.error)}; and the audit entry of the run failed: ${messageOf(auditError)}`, {
        cause: auditError,
      });
    }
    if (failure !== undefined) throw failure.error;
    const seconds = (performance.now() - started) / 1000;
    return { outcome: stopped ? 'interrupted' : 'completed', screened, errors, matches, lastLine, seconds };
  }

  /**
   * The document hits of a batch query in one list, as result lines: each is a match (the number is listed), scored
   * as screen() scores it, with the number compared as its explanation. A listed document's entity id is read from
   * the database (the index keeps only its key); one removed meanwhile is no hit.
   */
  private async batchDocumentHits(listId: string, documents: readonly DocumentQueryInput[]): Promise<BatchHit[]> {
    const found = documents.flatMap((query) => this.index.screenDocument(listId, query).map((hit) => ({ query, hit })));
    if (found.length === 0) return [];
    const listed = new Map(
      (
        await findDocumentsByKeys(
          this.db,
          found.filter(({ hit }) => hit.entryKind === 'document').map(({ hit }) => hit.entryKey),
        )
      ).map((e) => [e.key, e.entityId]),
    );
    return found.flatMap(({ query, hit }): BatchHit[] => {
      const entityId = hit.entryKind === 'document' ? listed.get(hit.entryKey) : hit.entityId;
      if (entityId === undefined) return [];
      return [
        {
          entityId,
          score: hit.score,
          match: true,
          explanation: [
            {
              feature: 'document',
              weight: hit.score,
              contribution: hit.score,
              query: query.number,
              candidate: hit.number,
              how: hit.how,
            },
          ],
        },
      ];
    });
  }

  /**
   * Screens each query against its list and presents the hits: at first the best `limit` of each, then, for a list
   * whose hits may not hold the caller's best `limit` (holdsBest), twice as many, until they do or the list has no
   * more. So neither which hits come back nor their order depends on a restricted entry's own score. One read of the
   * entries a round; most screenings take one.
   */
  private async screenPersons(
    principal: Principal,
    asks: readonly { readonly list: string; readonly query: PersonQueryInput }[],
    limit: number,
    threshold: number | undefined,
  ): Promise<PersonHitView[][]> {
    const out: PersonHitView[][] = asks.map(() => []);
    let pending = asks.map((_, i) => i);
    for (let asked = limit; pending.length > 0; asked *= 2) {
      const hits = pending.map((i) =>
        this.index.screenPerson(asks[i]!.list, asks[i]!.query, { limit: asked, threshold }),
      );
      // Each view stays at its hit's place (a hit whose entry was removed meanwhile has none).
      const presented = await this.presentEach(principal, hits.flat());
      const again: number[] = [];
      let at = 0;
      pending.forEach((i, j) => {
        const listHits = hits[j]!;
        const views = presented.slice(at, at + listHits.length).filter((v) => v !== undefined);
        at += listHits.length;
        out[i] = views;
        const listThreshold = this.index.watchlist(asks[i]!.list)?.matchThreshold ?? 1;
        if (!holdsBest(listHits, views, asked, limit, listThreshold)) again.push(i);
      });
      pending = again;
    }
    return out;
  }

  /**
   * Each hit as the principal may see it, in the hits' order; undefined where the entry was removed meanwhile, or is
   * restricted and no match at its list's own threshold.
   */
  private async presentEach(
    principal: Principal,
    hits: ReturnType<WatchlistIndex['screenPerson']>,
  ): Promise<(PersonHitView | undefined)[]> {
    const entries = new Map(
      (await findPersonsByKeys(this.db, [...new Set(hits.map((h) => h.entryKey))])).map((e) => [e.key, e]),
    );
    return hits.map((hit): PersonHitView | undefined => {
      const entry = entries.get(hit.entryKey);
      // Removed since the index last caught up: not a hit any more.
      if (entry === undefined) return undefined;
      if (!canSeeRecord(principal, entry)) {
        // Its own score moves with each detail of the record, so a caller varying the query would read the birth
        // date and nationality off it. It is told only as a match at its list's own threshold, with that threshold
        // as its score: a threshold of the caller's, lower or higher, would show how close it came.
        const threshold = this.index.watchlist(hit.listId)?.matchThreshold;
        if (threshold === undefined || hit.score < threshold) return undefined;
        return {
          restricted: true,
          list: hit.listId,
          key: entry.key,
          contactCountry: entry.ownerCountry,
          score: threshold,
          match: true,
        };
      }
      return {
        restricted: false,
        list: hit.listId,
        entry,
        score: hit.score,
        match: hit.match,
        explanation: hit.explanation,
      };
    });
  }

  private async presentDocuments(
    principal: Principal,
    hits: ReturnType<WatchlistIndex['screenDocument']>,
  ): Promise<DocumentHitView[]> {
    const documents = new Map(
      (
        await findDocumentsByKeys(
          this.db,
          hits.filter((h) => h.entryKind === 'document').map((h) => h.entryKey),
        )
      ).map((e) => [e.key, e]),
    );
    const persons = new Map(
      (
        await findPersonsByKeys(
          this.db,
          hits.filter((h) => h.entryKind === 'person').map((h) => h.entryKey),
        )
      ).map((e) => [e.key, e]),
    );
    return hits.flatMap((hit): DocumentHitView[] => {
      const entry = hit.entryKind === 'document' ? documents.get(hit.entryKey) : persons.get(hit.entryKey);
      if (entry === undefined) return [];
      // Whether the number was listed exactly or found through OCR folding is a detail of the record: either way
      // the hit is told with the score every document hit reaches.
      if (!canSeeRecord(principal, entry))
        return [
          {
            restricted: true,
            list: hit.listId,
            key: entry.key,
            contactCountry: entry.ownerCountry,
            score: OCR_DOCUMENT_SCORE,
          },
        ];
      return [
        {
          restricted: false,
          list: hit.listId,
          kind: hit.entryKind,
          ...(entry.kind === 'document' ? { document: entry } : { person: entry }),
          number: hit.number,
          score: hit.score,
          how: hit.how,
        },
      ];
    });
  }
}
