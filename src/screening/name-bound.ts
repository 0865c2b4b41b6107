/**
 * An upper bound of a candidate's name score (nameScore in score.ts: the best query name × candidate name pair of
 * compareNames, plus what the candidate's other names confirm), cheap enough to take before the full scorer: a
 * screening that wants only scores at or above a threshold, or above the lowest of the hits it keeps, skips the
 * full scorer for a candidate whose bound, with its exact evidence (scoreBound), falls short. Flight ingestion
 * screens every traveller that way, and nearly all of them match no one.
 *
 * compareNames pairs each query token with at most one candidate token, or joins two adjacent tokens of one side into
 * one of the other; every similarity is at most 1, at most 0.88 unless it may reach 0.9 (CLOSE), and a join gives at
 * most 0.95. So each query token is matched at most at the level the candidate's tokens allow it (level), the
 * candidate's name is covered at most by the weight of its tokens that matter to the query, and the name score,
 * which grows with both and with the information matched, is at most what those give. What the query's tokens are
 * to the candidate's is told from the tokens' sketches (query-token-bounds.ts). Sums are raised by BOUND_MARGIN:
 * the scorer adds the same terms in another order.
 */
import { COMMON_PENALTY, combineCoverage, COVERAGE_Q, INFO_FULL, type NameContext } from './name-match.js';
import type { PersonStore } from './person-store.js';
import { QueryTokenBounds, SLOTS } from './query-token-bounds.js';
import { ALIAS_SHARE, type PreparedQuery } from './score.js';
import type { TokenTable } from './token-table.js';
import { MAX_TOKENS } from './tokens.js';

/** What a bound is raised by: the scorer sums the same terms in another order (float rounding, nothing more). */
export const BOUND_MARGIN = 1e-9;
/**
 * The most nameScore gives, whatever the names: 1. Let c be the weighted share of the best pair's query name that
 * compareNames matches (its covQ; a token unmatched counts 0). The pair scores at most c^COVERAGE_Q (the candidate's
 * coverage and the common-name penalty only lower it), and confirmByOtherNames adds ALIAS_SHARE times weighted gains
 * of (similarity − the token's score) ≤ (1 − its score), over the same tokens and weights: at most
 * ALIAS_SHARE·(1 − c). c^a + s·(1 − c) grows with c up to c = 1 while a ≥ s, where it is 1. A person with aliases
 * born years away from the query (DATE_FAR) can then be set aside by the bound that reads none of its tokens,
 * where "the best pair + ALIAS_SHARE" let it through to start(): 57,840 flight travellers against 100,000 synthetic
 * persons took 1,263,580 start() calls before (713,563 of them DATE_FAR), 426,899 since.
 * Were the weights ever changed so that COVERAGE_Q < ALIAS_SHARE, there would be no such ceiling.
 */
export const NAME_SCORE_MOST = COVERAGE_Q >= ALIAS_SHARE ? 1 : Infinity;
/** compareNames reads at most this many tokens of each name. */
const N = MAX_TOKENS;
/** The most a similarity that cannot reach ALIAS_MIN gives (an edit, a phonetic skeleton: 0.88), and a join. */
const ALIKE_MOST = 0.88;
const JOIN_MOST = 0.95;

/** Upper bounds of candidates' name scores for one prepared query at a time. */
export class NameBound {
  private readonly tokens = new QueryTokenBounds();
  private ctx: NameContext | undefined;
  private query: PreparedQuery | undefined;
  /**
   * Per non-empty query name: its positions in q.names (at most N), its total weight, and its token ids whose
   * spelling no other token of the name has (such a token with an exact match is surely matched at 1).
   */
  private nameFrom = new Int32Array(8);
  private nameTo = new Int32Array(8);
  private nameTotal = new Float64Array(8);
  private nameUnique = new Int32Array(8);
  private names = 0;
  /** The most a name pair scores whatever the candidate: every token of a query name matched exactly. */
  private nameMost = 0;
  // The candidate start() took: the slot of each of its name tokens (-1 at name ends), how many names it has, and
  // per name (within its first N tokens; segClose: all of them) the query tokens its tokens may be alike, part of,
  // close to, spelt as, whether one may join any token (mayJoinAny), and where the name ends (its -1).
  private tokenSlot = new Int32Array(256);
  private len = -1;
  private segments = 0;
  private segAlike = new Int32Array(16);
  private segPart = new Int32Array(16);
  private segNear = new Int32Array(16);
  private segExact = new Int32Array(16);
  private segClose = new Int32Array(16);
  private segJoinsAny = new Uint8Array(16);
  private segEnd = new Int32Array(16);
  // The last coarse bound, by its masks: consecutive candidates often have the same.
  private lastAlike = -1;
  private lastPart = -1;
  private lastClose = -1;
  private lastConfirm = -1;
  private lastCoarse = 0;

  /** Prepares for a query whose token weights and information are in ctx, against the candidates' token table. */
  prepare(q: PreparedQuery, ctx: NameContext, candidates: TokenTable): void {
    this.query = q;
    this.ctx = ctx;
    this.tokens.prepare(q, ctx, candidates);
    this.lastAlike = -1;
    this.names = 0;
    this.nameMost = Infinity;
    if (this.tokens.k < 0) return;
    let qs = 0;
    for (let qe = 0; qe < q.count; qe++) {
      if (q.names[qe] !== -1) continue;
      if (qe > qs) this.addName(q, qs, Math.min(qe, qs + N), ctx);
      qs = qe + 1;
    }
    this.nameMost = this.nameLevels(-1, -1, -1, 1, 0, 0);
  }

  /**
   * An upper bound of nameScore(store, q, key, ctx) that reads no token of the candidate: the best any name pair can
   * score, plus ALIAS_SHARE when the candidate has another name to confirm with, and never above NAME_SCORE_MOST.
   */
  most(store: PersonStore, key: number): number {
    return Math.min(this.nameMost + (store.nameCount(key) >= 2 ? ALIAS_SHARE : 0), NAME_SCORE_MOST) + BOUND_MARGIN;
  }

  private addName(q: PreparedQuery, from: number, to: number, ctx: NameContext): void {
    if (this.names === this.nameFrom.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => {
        b.set(a);
        return b;
      };
      const size = this.names * 2;
      this.nameFrom = grow(this.nameFrom, new Int32Array(size));
      this.nameTo = grow(this.nameTo, new Int32Array(size));
      this.nameTotal = grow(this.nameTotal, new Float64Array(size));
      this.nameUnique = grow(this.nameUnique, new Int32Array(size));
    }
    const spell = q.table.spellHash;
    let total = 0;
    let unique = 0;
    for (let p = from; p < to; p++) {
      const id = q.names[p]!;
      total += ctx.queryWeight[id]!;
      let alone = true;
      for (let o = from; o < to && alone; o++) if (o !== p && spell[q.names[o]!] === spell[id]) alone = false;
      if (alone) unique |= 1 << id;
    }
    this.nameFrom[this.names] = from;
    this.nameTo[this.names] = to;
    this.nameTotal[this.names] = total;
    this.nameUnique[this.names] = unique;
    this.names++;
  }

  /**
   * Takes candidate `key` for narrow(), and returns a coarse upper bound of nameScore(store, q, key, ctx) for the
   * prepared query: each query token matched at the level some token of the candidate allows, the candidate's side
   * taken as fully covered, and each that one of its tokens may be close to confirmed by another name. Infinity when
   * the query or the candidate is too large for a bound.
   */
  start(store: PersonStore, key: number): number {
    const tokens = this.tokens;
    this.len = -1;
    if (tokens.k < 0) return Infinity;
    const a = store.records;
    const start = store.namesStart(key);
    const len = store.namesEnd(key) - start;
    if (len > SLOTS >> 2) return Infinity;
    if (tokens.filled + len > SLOTS >> 1) tokens.clear();
    if (this.tokenSlot.length < len) this.tokenSlot = new Int32Array(len * 2);
    if (this.segAlike.length < len + 1) this.growSegments(len + 1);
    this.len = len;
    const ts = this.tokenSlot;
    const { alike, close, exact, part, joinsAny } = tokens;
    let alikeAll = 0;
    let closeAll = 0;
    let partAll = 0;
    let segment = 0;
    let at = 0;
    // The current name's masks (see segAlike …).
    let sa = 0;
    let sp = 0;
    let sn = 0;
    let se = 0;
    let sc = 0;
    let any = 0;
    for (let p = 0; p < len; p++) {
      const id = a[start + p]!;
      if (id === -1) {
        ts[p] = -1;
        this.segAlike[segment] = sa;
        this.segPart[segment] = sp;
        this.segNear[segment] = sn;
        this.segExact[segment] = se;
        this.segClose[segment] = sc;
        this.segJoinsAny[segment] = any;
        this.segEnd[segment] = p;
        segment++;
        at = sa = sp = sn = se = sc = any = 0;
        continue;
      }
      const slot = tokens.slotOf(id);
      ts[p] = slot;
      sc |= close[slot]!;
      any |= joinsAny[slot]!;
      // compareNames reads the first N tokens of a name.
      if (at++ < N) {
        sa |= alike[slot]!;
        sp |= part[slot]!;
        sn |= close[slot]!;
        se |= exact[slot]!;
      }
      alikeAll |= alike[slot]!;
      partAll |= part[slot]!;
    }
    for (let s = 0; s < segment; s++) closeAll |= this.segClose[s]!;
    this.segments = segment;
    return this.coarse(alikeAll, partAll, closeAll, segment >= 2 ? closeAll : 0);
  }

  private growSegments(size: number): void {
    this.segAlike = new Int32Array(size * 2);
    this.segPart = new Int32Array(size * 2);
    this.segNear = new Int32Array(size * 2);
    this.segExact = new Int32Array(size * 2);
    this.segClose = new Int32Array(size * 2);
    this.segJoinsAny = new Uint8Array(size * 2);
    this.segEnd = new Int32Array(size * 2);
  }

  /**
   * A finer bound than start()'s for the candidate it took, name by name: the query tokens each of its names may
   * match; at most the share of the name's weight that its tokens that matter to the query carry (next to a token
   * that may join any token, every token may matter); and what the other names may confirm, but for query tokens
   * surely matched exactly in the name (confirmByOtherNames looks only at tokens matched below ALIAS_BELOW).
   */
  narrow(): number {
    if (this.len < 0) return Infinity;
    const tokens = this.tokens;
    const ts = this.tokenSlot;
    let best = 0;
    let from = 0;
    for (let s = 0; s < this.segments; s++) {
      const end = this.segEnd[s]!;
      let matched = 0;
      let other = 0;
      for (let p = from; p < Math.min(end, from + N); p++) {
        const slot = ts[p]!;
        if (tokens.matters[slot] === 0 && this.segJoinsAny[s] === 0) other += tokens.weightOf(slot);
        else matched += tokens.weightOf(slot);
      }
      from = end + 1;
      if (matched <= 0 || (this.segAlike[s]! | this.segPart[s]!) === 0) continue;
      let others = 0;
      for (let o = 0; o < this.segments; o++) if (o !== s) others |= this.segClose[o]!;
      const covC = matched / (matched + other);
      const bound = this.nameLevels(
        this.segAlike[s]!,
        this.segPart[s]!,
        this.segNear[s]!,
        covC,
        others,
        this.segExact[s]!,
      );
      if (bound > best) best = bound;
    }
    return best + BOUND_MARGIN;
  }

  /** start()'s bound, from the masks of the candidate's tokens (see nameLevels). */
  private coarse(alike: number, part: number, close: number, confirm: number): number {
    if (
      alike === this.lastAlike &&
      part === this.lastPart &&
      close === this.lastClose &&
      confirm === this.lastConfirm
    ) {
      return this.lastCoarse;
    }
    this.lastAlike = alike;
    this.lastPart = part;
    this.lastClose = close;
    this.lastConfirm = confirm;
    this.lastCoarse = this.nameLevels(alike, part, close, 1, confirm, 0) + BOUND_MARGIN;
    return this.lastCoarse;
  }

  /**
   * The most a name pair can score, over the query names, when the candidate name's tokens may be alike to the
   * query tokens `alike`, part of a join with those in `part`, close to those in `close`, spelt as those in
   * `exact`; its side is covered at most `covC`; and its other names are close to the query tokens `confirm`
   * (confirmByOtherNames adds at most ALIAS_SHARE of their weight share, but none for a token surely matched).
   */
  private nameLevels(alike: number, part: number, close: number, covC: number, confirm: number, exact: number): number {
    const weightQ = this.ctx!.queryWeight;
    const infoQ = this.ctx!.queryInfo;
    const ids = this.query!.names;
    let bound = 0;
    for (let n = 0; n < this.names; n++) {
      const total = this.nameTotal[n]!;
      if (total <= 0) continue;
      const sure = exact & this.nameUnique[n]!;
      let got = 0;
      let info = 0;
      let confirmed = 0;
      for (let p = this.nameFrom[n]!; p < this.nameTo[n]!; p++) {
        const id = ids[p]!;
        const level =
          ((close >>> id) & 1) !== 0
            ? 1
            : ((part >>> id) & 1) !== 0
              ? JOIN_MOST
              : ((alike >>> id) & 1) !== 0
                ? ALIKE_MOST
                : 0;
        got += level * weightQ[id]!;
        info += level * infoQ[id]!;
        if ((((confirm & ~sure) >>> id) & 1) !== 0) confirmed += weightQ[id]! / total;
      }
      if (got <= 0) {
        bound = Math.max(bound, ALIAS_SHARE * confirmed);
        continue;
      }
      const rarity = info >= INFO_FULL ? 1 : info / INFO_FULL;
      const name = combineCoverage(Math.min(1, got / total), covC) * (1 - COMMON_PENALTY * (1 - rarity));
      bound = Math.max(bound, name + ALIAS_SHARE * confirmed);
    }
    return Math.min(bound, NAME_SCORE_MOST);
  }
}
