/**
 * What each candidate token may be to the current query's tokens, for name-bound.ts: told from the tokens' sketches
 * (token-sketch.ts) once per candidate token per query (candidates share many tokens), and kept in a small stamped
 * table, so bounding a candidate reads a few numbers per token. Alternative spellings and syllables, which the
 * sketches cannot compare, are compared on the token tables as tokenSimilarity and joinedMatch do: alike by an
 * alternative, and joined by alternatives (a folded Korean or Chinese given name, written as one word or two).
 */
import {
  chSimilarity,
  foldedOf,
  lossyAltSimilarity,
  mayReadCh,
  plainFolded,
  syllabicScore,
  type NameContext,
} from './name-match.js';
import { ALIAS_MIN, type PreparedQuery } from './score.js';
import {
  ALIKE,
  CLOSE,
  EXACT,
  hasAlt,
  isSyllable,
  mayBeWhole,
  mayJoinAny,
  PART,
  partOf,
  relation,
  SKETCH_STRIDE,
  SketchGate,
} from './token-sketch.js';
import type { TokenTable } from './token-table.js';
import { MAX_TOKENS, TOKEN_INITIAL, TOKEN_LOSSY } from './tokens.js';
import { koreanVowelsMerged } from './translit/korean.js';

/** Queries with more distinct tokens, or more token positions, are not bounded (a bit each in the masks below). */
export const MAX_QUERY_TOKENS = 31;
const SLOT_BITS = 11;
/** Slots of the table; it is emptied when half full. */
export const SLOTS = 1 << SLOT_BITS;

/** Per-query table of candidate tokens and what they may be to the query's tokens. */
export class QueryTokenBounds {
  /** Distinct query tokens (the query table's ids 0 … k-1); -1 when there are too many to bound. */
  k = -1;
  /** Query positions p (in q.names) where p and p + 1 are tokens of one name that compareNames may join. */
  private adjacent = 0;
  /**
   * The last and first positions of each query name read as a ring (tokens.ts, readAsRing), which compareNames may
   * join too; ringCount of them.
   */
  private ringLast = new Int32Array(8);
  private ringFirst = new Int32Array(8);
  private ringCount = 0;
  private readonly gate = new SketchGate();
  // Per slot: the query tokens its candidate token may be alike, close to, spelt exactly as, part of (a join), those it
  // may matter to (alike | part), and whether it may join any token (mayJoinAny); its weight, -1 until weightOf.
  readonly alike = new Int32Array(SLOTS);
  readonly close = new Int32Array(SLOTS);
  readonly exact = new Int32Array(SLOTS);
  readonly part = new Int32Array(SLOTS);
  readonly matters = new Int32Array(SLOTS);
  readonly joinsAny = new Uint8Array(SLOTS);
  private readonly weight = new Float64Array(SLOTS);
  private readonly stampOf = new Int32Array(SLOTS);
  private readonly tokenOf = new Int32Array(SLOTS);
  private stamp = 0;
  /** Slots filled since the table was last emptied. */
  filled = 0;
  private qt: TokenTable | undefined;
  private ct: TokenTable | undefined;
  private ctx: NameContext | undefined;
  private query: PreparedQuery | undefined;

  /** Empties the table for a query (weights in ctx) against the candidates' token table. */
  prepare(q: PreparedQuery, ctx: NameContext, candidates: TokenTable): void {
    this.query = q;
    this.qt = q.table;
    this.ct = candidates;
    this.ctx = ctx;
    this.clear();
    const k = q.table.size;
    this.k = k > MAX_QUERY_TOKENS || q.count > MAX_QUERY_TOKENS ? -1 : k;
    if (this.k < 0) return;
    this.gate.prepare(q.table.sketch, k);
    this.adjacent = 0;
    this.ringCount = 0;
    let qs = 0;
    for (let p = 0; p + 1 < q.count; p++) {
      if (q.names[p] === -1) qs = p + 1;
      else if (q.names[p + 1] !== -1 && p + 1 < qs + MAX_TOKENS) this.adjacent |= 1 << p;
    }
    qs = 0;
    for (let p = 0; p < q.count; p++) {
      if (q.names[p] !== -1) continue;
      if (q.ringed[qs] === 1) {
        if (this.ringCount === this.ringLast.length) this.growRings();
        this.ringLast[this.ringCount] = qs + Math.min(p - qs, MAX_TOKENS) - 1;
        this.ringFirst[this.ringCount] = qs;
        this.ringCount++;
      }
      qs = p + 1;
    }
  }

  private growRings(): void {
    const last = new Int32Array(this.ringLast.length * 2);
    const first = new Int32Array(this.ringFirst.length * 2);
    last.set(this.ringLast);
    first.set(this.ringFirst);
    this.ringLast = last;
    this.ringFirst = first;
  }

  /** Empties the table (the query stays). */
  clear(): void {
    if (++this.stamp === 0x7fffffff) {
      this.stampOf.fill(0);
      this.stamp = 1;
    }
    this.filled = 0;
  }

  /** The slot of candidate token `id`, its masks computed when first seen. */
  slotOf(id: number): number {
    const stampOf = this.stampOf;
    let slot = Math.imul(id, 0x9e3779b1) >>> (32 - SLOT_BITS);
    while (stampOf[slot] === this.stamp) {
      if (this.tokenOf[slot] === id) return slot;
      slot = (slot + 1) & (SLOTS - 1);
    }
    this.filled++;
    stampOf[slot] = this.stamp;
    this.tokenOf[slot] = id;
    this.weight[slot] = -1;
    const cs = this.ct!.sketch;
    const qs = this.qt!.sketch;
    const c = id * SKETCH_STRIDE;
    const gate = this.gate.gate(cs, c);
    const syllable = isSyllable(cs, c);
    const alt = hasAlt(cs, c);
    let alike = 0;
    let close = 0;
    let exact = 0;
    let part = 0;
    for (let q = 0; q < this.k; q++) {
      if (((gate >>> q) & 1) === 0) continue;
      const qc = q * SKETCH_STRIDE;
      let r = syllable || isSyllable(qs, qc) ? this.syllableRelation(q, id) : relation(qs, qc, cs, c);
      if ((r & EXACT) !== 0 && this.qt!.ascii[q] !== this.ct!.ascii[id]) r &= ~EXACT;
      // A CH read as K (name-match.ts, chSimilarity), compared as tokenSimilarity compares it.
      if ((r & CLOSE) === 0 && mayReadCh(this.qt!, q, this.ct!, id)) {
        const v = chSimilarity(this.qt!.ascii[q]!, this.ct!.ascii[id]!);
        if (v > 0) r |= ALIKE | (v >= ALIAS_MIN ? CLOSE : 0);
      }
      if (alt || hasAlt(qs, qc)) {
        if (this.variants(q, id)) r |= ALIKE | CLOSE;
        if (this.altPart(q, id)) r |= PART;
        // A lossy spelling's other reading (name-match.ts, lossyAltSimilarity: Persian V, Egyptian G).
        if ((r & ALIKE) === 0 && lossyAltSimilarity(this.qt!, q, this.ct!, id) > 0) r |= ALIKE;
      }
      if (r === 0) continue;
      const bit = 1 << q;
      if ((r & ALIKE) !== 0) alike |= bit;
      if ((r & CLOSE) !== 0) close |= bit;
      if ((r & EXACT) !== 0) exact |= bit;
      if ((r & PART) !== 0) part |= bit;
    }
    const names = this.query!.names;
    const starts = this.adjacent === 0 && this.ringCount === 0 ? 0 : this.gate.starts(cs, c);
    for (let p = 0; p + 1 < this.query!.count && starts !== 0; p++) {
      if (((this.adjacent >>> p) & 1) === 0) continue;
      const x = names[p]!;
      const y = names[p + 1]!;
      if ((((starts >>> x) | (starts >>> y)) & 1) === 0) continue;
      if (this.mayBeWhole(x, y, id)) part |= (1 << x) | (1 << y);
    }
    for (let r = 0; r < this.ringCount && starts !== 0; r++) {
      const x = names[this.ringLast[r]!]!;
      const y = names[this.ringFirst[r]!]!;
      if ((((starts >>> x) | (starts >>> y)) & 1) === 0) continue;
      if (this.mayBeWhole(x, y, id)) part |= (1 << x) | (1 << y);
    }
    this.alike[slot] = alike;
    this.close[slot] = close;
    this.exact[slot] = exact;
    this.part[slot] = part;
    this.matters[slot] = alike | part;
    this.joinsAny[slot] = mayJoinAny(cs, c) ? 1 : 0;
    return slot;
  }

  /** The candidate weight of the token in `slot` (ctx.candidateWeight), read once per query. */
  weightOf(slot: number): number {
    let w = this.weight[slot]!;
    if (w < 0) this.weight[slot] = w = this.ctx!.candidateWeight(this.tokenOf[slot]!);
    return w;
  }

  /** Whether tokenSimilarity finds query token q and candidate token id alternative spellings of each other (0.97). */
  private variants(q: number, id: number): boolean {
    const qt = this.qt!;
    const ct = this.ct!;
    const [ha, xa, hb, xb] = [qt.spellHash[q]!, qt.altHash[q]!, ct.spellHash[id]!, ct.altHash[id]!];
    return (
      (xa !== 0 && ((xa === hb && qt.alt[q] === ct.ascii[id]) || (xa === xb && qt.alt[q] === ct.alt[id]))) ||
      (xb !== 0 && xb === ha && ct.alt[id] === qt.ascii[q])
    );
  }

  /**
   * Whether candidate token id may be the first or the second half of query token q by their alternative spellings
   * (each token's own spelling where it has none): joinedMatch joins a folded Korean or Chinese given name so
   * (joinedAlternative), which the sketches, made of the spellings as written, do not show.
   */
  private altPart(q: number, id: number): boolean {
    const a = this.qt!.alt[q] || this.qt!.ascii[q]!;
    const c = this.ct!.alt[id] || this.ct!.ascii[id]!;
    return a.length > c.length && (a.startsWith(c) || a.endsWith(c));
  }

  /**
   * relation() where a syllable takes part, as tokenSimilarity compares it: the same spelling, an initial's first
   * letter, else the folded syllables (syllabicScore); and a join, by its letters or folded syllables (q's folded
   * spelling then begins or ends with id's).
   */
  private syllableRelation(q: number, id: number): number {
    const qt = this.qt!;
    const ct = this.ct!;
    let r = partOf(qt.sketch, q * SKETCH_STRIDE, ct.sketch, id * SKETCH_STRIDE);
    const fq = foldedOf(qt, q);
    const fc = foldedOf(ct, id);
    if (fq.length > fc.length && (fq.startsWith(fc) || fq.endsWith(fc))) r |= PART;
    // Joined by the common folding too, and with O and U as one vowel against Hangul (name-match.ts, joinsFolded).
    const pq = plainFolded(qt.ascii[q]!);
    const pc = plainFolded(ct.ascii[id]!);
    if (halfOf(pq, pc) || halfOf(koreanVowelsMerged(fq), koreanVowelsMerged(fc))) r |= PART;
    if (halfOf(koreanVowelsMerged(pq), koreanVowelsMerged(pc))) r |= PART;
    if (qt.spellHash[q] === ct.spellHash[id] && qt.ascii[q] === ct.ascii[id]) return r | ALIKE | CLOSE | EXACT;
    const flags = qt.flags[q]! | ct.flags[id]!;
    if ((flags & TOKEN_INITIAL) !== 0) {
      const initial = (qt.flags[q]! & ct.flags[id]! & TOKEN_INITIAL) === 0 && (flags & TOKEN_LOSSY) === 0;
      return initial && qt.first[q] === ct.first[id] ? r | ALIKE : r;
    }
    const s = syllabicScore(qt, q, ct, id);
    return r | (s > 0 ? ALIKE : 0) | (s >= ALIAS_MIN ? CLOSE : 0);
  }

  /** Whether candidate token id is query tokens x and y joined by their alternative spellings, in either order. */
  private wholeByAlternatives(x: number, y: number, id: number): boolean {
    const qt = this.qt!;
    const f = this.ct!.alt[id] || this.ct!.ascii[id]!;
    const fx = qt.alt[x] || qt.ascii[x]!;
    const fy = qt.alt[y] || qt.ascii[y]!;
    if (f.length !== fx.length + fy.length) return false;
    return (f.startsWith(fx) && f.endsWith(fy)) || (f.startsWith(fy) && f.endsWith(fx));
  }

  /** Whether candidate token id may be query tokens x and y written together, in either order (joinedMatch). */
  private mayBeWhole(x: number, y: number, id: number): boolean {
    const qs = this.qt!.sketch;
    const cs = this.ct!.sketch;
    const [xs, ys, c] = [x * SKETCH_STRIDE, y * SKETCH_STRIDE, id * SKETCH_STRIDE];
    if (mayBeWhole(qs, xs, ys, cs, c) || mayBeWhole(qs, ys, xs, cs, c)) return true;
    if ((hasAlt(cs, c) || hasAlt(qs, xs) || hasAlt(qs, ys)) && this.wholeByAlternatives(x, y, id)) return true;
    if (!isSyllable(cs, c) && !isSyllable(qs, xs) && !isSyllable(qs, ys)) return false;
    // Syllables join folded, as their language folds them or by the common folding (name-match.ts, joinsFolded; a
    // surname read as written is a Korean sketch, which mayBeWhole above lets through).
    const ct = this.ct!;
    const qt = this.qt!;
    if (wholeFolded(foldedOf(ct, id), foldedOf(qt, x), foldedOf(qt, y))) return true;
    return wholeFolded(plainFolded(ct.ascii[id]!), plainFolded(qt.ascii[x]!), plainFolded(qt.ascii[y]!));
  }
}

/** Whether folded syllables f are fx and fy written together, in either order (O and U as one vowel or not). */
function wholeFolded(f: string, fx: string, fy: string): boolean {
  if (f.length !== fx.length + fy.length) return false;
  if ((f.startsWith(fx) && f.endsWith(fy)) || (f.startsWith(fy) && f.endsWith(fx))) return true;
  const [m, mx, my] = [koreanVowelsMerged(f), koreanVowelsMerged(fx), koreanVowelsMerged(fy)];
  return (m.startsWith(mx) && m.endsWith(my)) || (m.startsWith(my) && m.endsWith(mx));
}

/** Whether folded syllables c may be the first or the second half of q. */
function halfOf(q: string, c: string): boolean {
  return q.length > c.length && (q.startsWith(c) || q.endsWith(c));
}
