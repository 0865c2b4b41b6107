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
import { RowError, cleanDate, cleanName } from '../watchlists/entries.js';
import type { DocumentEntry, PersonEntry } from '../watchlists/entries.js';
import { findDocumentsByKeys, findPersonsByKeys } from '../watchlists/watchlists.repository.js';
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
      readonly score: number;
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

/** Checks a person query field by field; `request.invalid` names the field at fault. */
export function validatePersonQuery(input: PersonQueryInput, prefix = 'person'): PersonQueryInput {
  try {
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
    return { ...input, names, birthDate };
  } catch (error) {
    return requestInvalid(error, prefix);
  }
}

/**
 * Checks a document query: a country that is no known code would be compared with every listed document's issuing
 * state and agree with none, so a stolen document asked about with a mistyped country would answer "not listed".
 */
export function validateDocumentQuery(input: DocumentQueryInput, prefix = 'document'): DocumentQueryInput {
  const country = input.country?.trim();
  if (country === undefined || country === '') return { number: input.number };
  if (findCountry(country) === undefined) {
    return requestInvalid(new RowError('country', `unknown country code "${country.slice(0, 10)}"`), prefix);
  }
  return { number: input.number, country };
}

/** One query of a batch file, and what became of it. */
export interface BatchQuery {
  readonly line: number;
  readonly id: string;
  readonly input: PersonQueryInput;
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

/**
 * Person hits of several lists, best first: the matches (each at its own list's threshold) before the others, each
 * by score. A list with a strict threshold may score a non-match above another list's match.
 */
function bestFirst(a: { score: number; match: boolean }, b: { score: number; match: boolean }): number {
  return Number(b.match) - Number(a.match) || b.score - a.score;
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
        : lists.flatMap((list) => this.index.screenPerson(list, person, { limit, threshold: options.threshold }));
    const topPersons = personHits.sort(bestFirst).slice(0, limit);
    const documentHits =
      document === undefined
        ? []
        : lists
            .flatMap((list) => this.index.screenDocument(list, document))
            .sort((a, b) => b.score - a.score)
            .slice(0, limit);

    const persons = await this.presentPersons(principal, topPersons);
    const documents = await this.presentDocuments(principal, documentHits);
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
    const raw = new Map<string, ReturnType<WatchlistIndex['screenPerson']>>();
    for (const [id, input] of Object.entries(queries)) {
      const query = validatePersonQuery(input, `queries.${id}`);
      const hits = lists.flatMap((list) =>
        this.index.screenPerson(list, query, { limit, threshold: options.threshold }),
      );
      raw.set(id, hits.sort(bestFirst).slice(0, limit));
    }
    // One read for the entries of every query's hits; each view stays at its hit's place (a hit whose entry was
    // removed meanwhile has none), so every query gets its own hits back.
    const presented = await this.presentEach(principal, [...raw.values()].flat());
    const out: Record<string, PersonHitView[]> = {};
    let at = 0;
    for (const [id, hits] of raw) {
      const views = presented.slice(at, at + hits.length);
      at += hits.length;
      out[id] = views.filter((v) => v !== undefined);
    }
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
   * index, one audit entry for the whole run. A bad query becomes an error line naming its field; the run goes on.
   */
  async screenStream(
    principal: Principal,
    listId: string,
    queries: AsyncIterable<BatchQuery>,
    options: { limit: number; threshold?: number | undefined },
    emit: (result: BatchResult) => void | Promise<void>,
    context: RequestContext,
  ): Promise<{ screened: number; errors: number; matches: number; seconds: number }> {
    if (principal.kind !== 'operator')
      throw new AppError('auth.forbidden', 'batch screening of files is for the operator of the machine');
    await this.listsFor({ lists: [listId] });
    const started = performance.now();
    let screened = 0;
    let errors = 0;
    let matches = 0;
    for await (const q of queries) {
      let query: PersonQueryInput;
      try {
        query = validatePersonQuery(q.input, 'query');
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        errors += 1;
        await emit({ id: q.id, line: q.line, error: error.message });
        continue;
      }
      const hits = this.index.screenPerson(listId, query, { limit: options.limit, threshold: options.threshold });
      screened += 1;
      if (hits.some((h) => h.match)) matches += 1;
      await emit({
        id: q.id,
        results: hits.map((h) => ({
          entityId: h.entityId,
          score: h.score,
          match: h.match,
          explanation: h.explanation,
        })),
      });
    }
    const seconds = (performance.now() - started) / 1000;
    await this.audit.record(
      principal,
      {
        action: 'screening.batch',
        subject: { type: 'watchlist', id: listId },
        details: { screened, errors, matches, matcher: `${MATCHER_NAME}@${MATCHER_VERSION}` },
      },
      context,
    );
    return { screened, errors, matches, seconds };
  }

  private async presentPersons(
    principal: Principal,
    hits: ReturnType<WatchlistIndex['screenPerson']>,
  ): Promise<PersonHitView[]> {
    return (await this.presentEach(principal, hits)).filter((v) => v !== undefined);
  }

  /** Each hit as the principal may see it, in the hits' order; undefined where the entry was removed meanwhile. */
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
        return {
          restricted: true,
          list: hit.listId,
          key: entry.key,
          contactCountry: entry.ownerCountry,
          score: hit.score,
          match: hit.match,
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
      if (!canSeeRecord(principal, entry))
        return [
          { restricted: true, list: hit.listId, key: entry.key, contactCountry: entry.ownerCountry, score: hit.score },
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
