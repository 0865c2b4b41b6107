/**
 * The screening engine: one façade over the person store, its blocking index and the document index. Pure and
 * in memory: the watchlist layer feeds it records (and their removals) as they change, border checks and
 * passenger lists query it. Every result carries the matcher's name and version, stored with each hit.
 */
import { DocumentIndex } from './document-index.js';
import { kindWeight } from './name-match.js';
import { PersonIndex } from './person-index.js';
import { PersonStore } from './person-store.js';
import { explainCandidate, prepareQuery, scoreCandidate } from './score.js';
import { TokenTable } from './token-table.js';
import type {
  DocumentHit,
  DocumentQuery,
  PersonQuery,
  PersonRecord,
  ScreenOptions,
  ScreeningHit,
  ScreeningResult,
} from './types.js';

/** The matcher's name, recorded with every hit. */
export const MATCHER_NAME = 'lodestar-name';
/** The matcher's version: changes whenever scores can change. */
export const MATCHER_VERSION = '1.0.0';
/** Score at or above which a hit is a match unless the caller says otherwise. */
export const DEFAULT_THRESHOLD = 0.8;

/** Tuning of the engine. */
export interface EngineOptions {
  /** Persons expected (sizes the index; it grows past this). */
  readonly expectedPersons?: number;
  /** Keys shared by more persons than this are not walked. */
  readonly maxPostings?: number;
  /** How many blocking candidates go to the full scorer. */
  readonly candidates?: number;
}

/** The in-memory screening engine. */
export class ScreeningEngine {
  private readonly store = new PersonStore();
  private readonly index: PersonIndex;
  private readonly documents = new DocumentIndex();
  private readonly queryTable = new TokenTable();
  private readonly candidateCount: number;
  private candidateBuf: Int32Array;
  private scoreBuf: Float64Array;
  /** Token weights: kind times informativeness of the token's skeleton in the list. */
  private readonly weightOf = (table: TokenTable, id: number): number => {
    const k = kindWeight(table.flags[id]!);
    return k * (0.3 + 0.7 * this.index.idf(table.skelHash[id]!));
  };

  constructor(options: EngineOptions = {}) {
    this.index = new PersonIndex(this.store, options);
    this.candidateCount = options.candidates ?? 48;
    this.candidateBuf = new Int32Array(this.candidateCount);
    this.scoreBuf = new Float64Array(this.candidateCount);
  }

  /** Number of persons in the engine. */
  get size(): number {
    return this.store.liveCount;
  }

  /** Adds a person, or replaces the one with the same key. */
  add(record: PersonRecord): void {
    if (!Number.isInteger(record.key) || record.key < 0)
      throw new RangeError(`person key must be a non-negative integer, got ${record.key}`);
    if (this.store.has(record.key)) this.remove(record.key);
    this.store.put(record);
    this.index.insert(record.key);
    this.documents.add(record.key, record.documents);
  }

  /** Removes a person; returns false when it was not there. */
  remove(key: number): boolean {
    if (!this.store.has(key)) return false;
    this.index.delete(key);
    this.documents.remove(key);
    this.store.drop(key);
    return true;
  }

  /** Screens a person: the best candidates, scored and explained, best first. */
  screenPerson(query: PersonQuery, options: ScreenOptions = {}): ScreeningResult {
    const limit = Math.max(1, Math.min(options.limit ?? 10, this.candidateCount));
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const q = prepareQuery(query, this.queryTable);
    for (const d of query.documents ?? []) {
      this.documents.forEachMatch(d, (entry, exact) => {
        const owner = this.documents.ownerOf(entry);
        const known = q.documents.get(owner);
        if (known === undefined || (exact && !known.exact)) {
          q.documents.set(owner, { exact, number: d.number, candidate: this.documents.hit(entry, '', exact).number });
        }
      });
    }
    const cands = this.candidateBuf;
    let n = this.index.candidates(q.table, q.names, q.count, this.candidateCount, cands);
    // Persons found only by their documents are candidates too.
    for (const owner of q.documents.keys()) {
      if (n < cands.length && !cands.subarray(0, n).includes(owner)) cands[n++] = owner;
    }
    const scores = this.scoreBuf;
    for (let i = 0; i < n; i++) scores[i] = scoreCandidate(this.store, q, cands[i]!, this.weightOf);
    // Order candidates by score (n is small).
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => scores[b]! - scores[a]! || cands[a]! - cands[b]!,
    );
    const hits: ScreeningHit[] = [];
    for (const i of order) {
      if (hits.length >= limit) break;
      const score = scores[i]!;
      if (score <= 0 || (options.matchesOnly === true && score < threshold)) continue;
      const key = cands[i]!;
      scoreCandidate(this.store, q, key, this.weightOf);
      hits.push({
        key,
        entityId: this.store.entityIds[key] ?? '',
        score: Math.round(score * 10000) / 10000,
        match: score >= threshold,
        explanation: explainCandidate(this.store, q, key, this.weightOf),
      });
    }
    return { matcher: MATCHER_NAME, version: MATCHER_VERSION, threshold, hits };
  }

  /** Looks a document number up (OCR-tolerant, issuing state checked when both sides give it). */
  screenDocument(query: DocumentQuery): DocumentHit[] {
    const hits: DocumentHit[] = [];
    this.documents.forEachMatch(query, (entry, exact) => {
      hits.push(this.documents.hit(entry, this.store.entityIds[this.documents.ownerOf(entry)] ?? '', exact));
    });
    return hits.sort((a, b) => b.score - a.score);
  }

  /** Posting count of the person index (for sizing). */
  get postings(): number {
    return this.index.postings;
  }
}
