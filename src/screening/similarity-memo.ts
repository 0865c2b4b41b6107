/**
 * A per-query memo of token similarities. A query has few distinct tokens while its candidates share many (they
 * were found through shared keys), so most (query token, candidate token) pairs are compared once per query:
 * open addressing over the pair, stamped per query instead of cleared.
 */
import { lastTokenHow, recallTokenHow, tokenSimilarity } from './name-match.js';
import type { TokenTable } from './token-table.js';

const MEMO_SIZE = 1 << 12;
const MEMO_MAX_QUERY_TOKENS = 64;

/** A per-query memo of token similarities: open addressing over (query token, candidate token), stamped. */
export class SimilarityMemo {
  private readonly keys = new Int32Array(MEMO_SIZE);
  private readonly values = new Float64Array(MEMO_SIZE);
  private readonly hows = new Uint8Array(MEMO_SIZE);
  private readonly stamps = new Uint32Array(MEMO_SIZE);
  private epoch = 1;
  private used = 0;

  constructor(
    private qt: TokenTable,
    private ct: TokenTable,
  ) {}

  /** Forgets everything (a new query, or a new table on either side). */
  reset(qt: TokenTable, ct: TokenTable): void {
    this.qt = qt;
    this.ct = ct;
    this.used = 0;
    if (++this.epoch === 0xffffffff) {
      this.stamps.fill(0);
      this.epoch = 1;
    }
  }

  /** tokenSimilarity(qt, qi, ct, ci), memoised; the reason is left in lastHow either way. */
  similarity(qi: number, ci: number): number {
    if (qi >= MEMO_MAX_QUERY_TOKENS) return tokenSimilarity(this.qt, qi, this.ct, ci);
    const key = ci * MEMO_MAX_QUERY_TOKENS + qi;
    let slot = Math.imul(key, 0x9e3779b1) >>> 20;
    for (;;) {
      if (this.stamps[slot] !== this.epoch) break;
      if (this.keys[slot] === key) {
        recallTokenHow(this.hows[slot]!);
        return this.values[slot]!;
      }
      slot = (slot + 1) & (MEMO_SIZE - 1);
    }
    const v = tokenSimilarity(this.qt, qi, this.ct, ci);
    if (this.used < MEMO_SIZE >> 1) {
      this.used++;
      this.stamps[slot] = this.epoch;
      this.keys[slot] = key;
      this.values[slot] = v;
      this.hows[slot] = lastTokenHow();
    }
    return v;
  }
}
