/**
 * A per-query memo of token similarities. A query has few distinct tokens while its candidates share many (they
 * were found through shared keys), so most (query token, candidate token) pairs are compared once per query:
 * open addressing over the pair. The memo is read for every token pair of every candidate name, so each entry is
 * one pair of numbers in one array (the pair with its reason, and the similarity): a probe reads one cache line,
 * where separate arrays of keys, values, reasons and stamps cost a cache miss each. A new query empties only the
 * slots the last one filled.
 */
import { lastTokenHow, recallTokenHow, tokenSimilarity } from './name-match.js';
import type { TokenTable } from './token-table.js';

const MEMO_SIZE = 1 << 12;
const MEMO_MAX_QUERY_TOKENS = 64;
/** Reasons (HOW_*) take the low three bits of an entry's tag: tag = key * HOW_SPAN + how. */
const HOW_SPAN = 8;

/** A per-query memo of token similarities: open addressing over (query token, candidate token). */
export class SimilarityMemo {
  /** Per slot: the tag (-1 when empty), then the similarity. */
  private readonly entries = new Float64Array(2 * MEMO_SIZE).fill(-1);
  /** Slots filled since the last reset, to empty them. */
  private readonly filled = new Int32Array(MEMO_SIZE >> 1);
  private used = 0;

  constructor(
    private qt: TokenTable,
    private ct: TokenTable,
  ) {}

  /** Forgets everything (a new query, or a new table on either side). */
  reset(qt: TokenTable, ct: TokenTable): void {
    this.qt = qt;
    this.ct = ct;
    for (let i = 0; i < this.used; i++) this.entries[2 * this.filled[i]!] = -1;
    this.used = 0;
  }

  /** tokenSimilarity(qt, qi, ct, ci), memoised; the reason is left in lastHow either way. */
  similarity(qi: number, ci: number): number {
    if (qi >= MEMO_MAX_QUERY_TOKENS) return tokenSimilarity(this.qt, qi, this.ct, ci);
    const key = ci * MEMO_MAX_QUERY_TOKENS + qi;
    const base = key * HOW_SPAN;
    const e = this.entries;
    let slot = Math.imul(key, 0x9e3779b1) >>> 20;
    for (;;) {
      const tag = e[2 * slot]!;
      if (tag < 0) break;
      if (tag - base >= 0 && tag - base < HOW_SPAN) {
        recallTokenHow(tag - base);
        return e[2 * slot + 1]!;
      }
      slot = (slot + 1) & (MEMO_SIZE - 1);
    }
    const v = tokenSimilarity(this.qt, qi, this.ct, ci);
    if (this.used < MEMO_SIZE >> 1) {
      this.filled[this.used++] = slot;
      e[2 * slot] = base + lastTokenHow();
      e[2 * slot + 1] = v;
    }
    return v;
  }
}
