/**
 * A cheap second stage between blocking and the full scorer. Blocking ranks persons by the keys they share
 * with the query across all their names at once; this ranks them by how much of a single one of their names the
 * query covers (tokens with the same skeleton, or two query tokens whose joined skeleton is one of the name's, as
 * blocking keys them: "Al-Madani" for "Almadani"; weighted; a word shared only by its skeleton counts SKELETON_ONLY
 * of one spelled the same, two words written together as the name spells them count as spelled the same, and a query
 * initial that begins a word of the name counts INITIAL_ONLY), plus the birth date, using only integer comparisons of
 * interned hashes (the candidate's side unweighted). It lets the engine look at several times more blocking
 * candidates for the price of scoring a few dozen fully. QuickScorer is the engine's form of it: the same values,
 * with the query prepared once and each candidate read from its contiguous record (PersonStore.records).
 */
import { articleStemKey, joinedPairs } from './blocking-keys.js';
import { bestDateMatch, DATE_EXACT, DATE_NONE, DATE_YEAR_WRONG } from './dates.js';
import type { NameContext } from './name-match.js';
import { RECORD_HEADER, type PersonStore } from './person-store.js';
import type { PreparedQuery } from './score.js';
import { spellingHash } from './token-table.js';
import { MAX_TOKENS, TOKEN_INITIAL, TOKEN_PARTICLE, TOKEN_TITLE } from './tokens.js';

/** articleStemKey of a token that has keys of its own (a particle, title or initial has none), else 0. */
function stemKeyOf(table: PreparedQuery['table'], id: number): number {
  return (table.flags[id]! & (TOKEN_PARTICLE | TOKEN_TITLE | TOKEN_INITIAL)) === 0
    ? articleStemKey(table.ascii[id]!)
    : 0;
}

/**
 * What a word the query and the name share by skeleton only counts, against one spelled the same. A short skeleton
 * is shared by words that sound nothing alike (OSUNA, SANA and SEAN are all SN), which the full scorer then gives
 * nothing: counted in full, they took the places of candidates sharing a word as written. (Half: 20 more Latin
 * names found in the top 10 of the development set, at the same speed at a million persons.)
 */
const SKELETON_ONLY = 0.5;

/** Cheap score of a candidate (higher is better; not comparable with the full score). */
export function quickScore(store: PersonStore, q: PreparedQuery, key: number, ctx: NameContext): number {
  const arena = store.records;
  const cStart = store.namesStart(key);
  const cEnd = store.namesEnd(key);
  const qh = q.table.skelHash;
  const qa = q.table.altSkelHash;
  const qsp = q.table.spellHash;
  const sh = store.tokens.skelHash;
  const sp = store.tokens.spellHash;
  const qw = ctx.queryWeight;
  const cf = store.tokens.flags;
  // Query token i and candidate token j: the same skeleton and the same spelling; or i written together with the word
  // before or after it as j is (set per query name below).
  let joinedSame = (_i: number, _j: number) => false;
  const same = (i: number, j: number) => {
    const id = q.names[i]!;
    const c = arena[j]!;
    return (qh[id] === sh[c] && qsp[id] === sp[c]) || joinedSame(i, j);
  };
  // Query token i an initial (a–z), and candidate token j a word it begins (see INITIAL_ONLY).
  const initial = (i: number) => initialBit(q.table, q.names[i]!) !== 0;
  const begins = (i: number, j: number) =>
    (cf[arena[j]!]! & TOKEN_INITIAL) === 0 && store.tokens.first[arena[j]!] === q.table.first[q.names[i]!];
  let best = 0;
  let qs = 0;
  for (let qe = 0; qe < q.count; qe++) {
    if (q.names[qe] !== -1) continue;
    let totQ = 0;
    for (let i = qs; i < qe; i++) totQ += qw[q.names[i]!]!;
    // The hashes that find each query token: its own, its alternative's and its stem's (0 when it has none), and
    // those of the pairs it is part of written together.
    const pairs: [number, number, number, number][] = [];
    joinedPairs(
      q.table,
      q.names,
      qs,
      qe,
      (i, j, h) => pairs.push([i, j, h | 0, joinedSpelling(q, i, j)]),
      q.ringed[qs] === 1,
    );
    const finds = (i: number, h: number) => {
      const id = q.names[i]!;
      if ((qh[id]! | 0) === h) return true;
      for (const other of [qa[id]!, stemKeyOf(q.table, id)]) if (other !== 0 && (other | 0) === h) return true;
      return pairs.some(([a, b, p]) => (a === i || b === i) && p === h);
    };
    joinedSame = (i: number, j: number) => {
      const c = arena[j]!;
      return pairs.some(([a, b, p, spell]) => (a === i || b === i) && p === (sh[c]! | 0) && spell === sp[c]);
    };
    let cs = cStart;
    for (let ce = cStart; ce < cEnd; ce++) {
      if (arena[ce] !== -1) continue;
      let gotQ = 0;
      let byInitials = 0;
      for (let i = qs; i < qe; i++) {
        if (initial(i)) {
          let begun = false;
          for (let j = cs; j < ce; j++) if (begins(i, j)) begun = true;
          if (begun) byInitials += qw[q.names[i]!]! * INITIAL_ONLY;
          continue;
        }
        let found = false;
        let exact = false;
        for (let j = cs; j < ce; j++) {
          if (finds(i, sh[arena[j]!]! | 0)) found = true;
          if (same(i, j)) exact = true;
        }
        if (found) gotQ += qw[q.names[i]!]! * (exact ? 1 : SKELETON_ONLY);
      }
      // A name that shares only initials with the query counts for nothing.
      if (gotQ > 0) gotQ += byInitials;
      if (gotQ > 0 && ce > cs) {
        // The candidate side unweighted: which share of the name's tokens the query has.
        let gotC = 0;
        for (let j = cs; j < ce; j++) {
          const h = sh[arena[j]!]! | 0;
          let found = false;
          let exact = false;
          let begun = false;
          for (let i = qs; i < qe; i++) {
            if (initial(i)) {
              if (begins(i, j)) begun = true;
              continue;
            }
            if (finds(i, h)) found = true;
            if (same(i, j)) exact = true;
          }
          if (found) gotC += exact ? 1 : SKELETON_ONLY;
          else if (begun) gotC += INITIAL_ONLY;
        }
        const s = totQ > 0 ? Math.sqrt(((gotQ / totQ) * gotC) / (ce - cs)) : 0;
        if (s > best) best = s;
      }
      cs = ce + 1;
    }
    qs = qe + 1;
  }
  return best + dateBonus(store, q, key);
}

/**
 * What a query initial counts for where it begins a word of the name (I. M. KORNILOV and Igor Mikhailovich KORNILOV),
 * against a word spelled the same, both sides: in a name that shares a word with the query besides. Counted, the
 * initials choose among the many listed with the query's surname (blocking cannot: initials have no keys). At 200,000
 * synthetic persons, name-only queries with initials found in the top 10 rose from 119 to 176 of 292 (0.8 found one
 * more); the development set did not change. An initial is not compared by its skeleton: M is MOHAMMED's initial,
 * not MAI's or AMY's.
 */
const INITIAL_ONLY = 0.5;

/** The letter bit (a–z) of a query token that is an initial, else 0. */
function initialBit(table: PreparedQuery['table'], id: number): number {
  if ((table.flags[id]! & TOKEN_INITIAL) === 0) return 0;
  const c = table.first[id]! - 97;
  return c >= 0 && c < 26 ? 1 << c : 0;
}

/** What a birth-date comparison (a DATE_* code) adds to the quick score: a mismatch, near or far, takes away. */
function dateCodeBonus(d: number): number {
  return d === DATE_EXACT ? 0.4 : d >= DATE_YEAR_WRONG ? -0.2 : d !== DATE_NONE ? 0.1 : 0;
}

function dateBonus(store: PersonStore, q: PreparedQuery, key: number): number {
  if (q.birthDate === 0) return 0;
  return dateCodeBonus(bestDateMatch(q.birthDate, store.records, store.datesStart(key), store.datesEnd(key)));
}

/** The spelling hash of query tokens i and j (positions in q.names) written together. */
function joinedSpelling(q: PreparedQuery, i: number, j: number): number {
  return spellingHash(q.table.ascii[q.names[i]!]! + q.table.ascii[q.names[j]!]!);
}

/** Distinct query skeleton hashes beyond this fall back to quickScore (a bit each in a 31-bit mask). */
const MAX_QUERY_HASHES = 31;
const SLOTS = 128;

/**
 * quickScore with the query's skeleton hashes prepared once: each distinct hash gets a bit, and a candidate
 * token is looked up once in a small table instead of against every query token of every query name, so a
 * candidate costs one pass over its tokens plus a little per query name that shares any of them. Same values
 * as quickScore (same sums in the same order).
 */
export class QuickScorer {
  private readonly slotHash = new Int32Array(SLOTS);
  private readonly slotBit = new Int32Array(SLOTS);
  private readonly slotStamp = new Uint32Array(SLOTS);
  private stampNow = 0;
  private distinct = 0;
  /** Bit of each query token (by position in q.names; 0 at separators). */
  private tokenBit = new Int32Array(64);
  /** The letter bit of each query token that is an initial (initialBit; by position in q.names), else 0. */
  private initial = new Int32Array(64);
  /** Per query name: the letter bits of its initials. */
  private nameInitials = new Int32Array(16);
  private anyInitials = false;
  /** The bit of each query token's own skeleton alone, and its spelling's hash (by position in q.names). */
  private ownBit = new Int32Array(64);
  private ownSpell = new Int32Array(64);
  /** Per query name: start, end (positions in q.names), mask of its bits, total weight. */
  private nameFrom = new Int32Array(16);
  private nameTo = new Int32Array(16);
  private nameMask = new Int32Array(16);
  private nameTotal = new Float64Array(16);
  private names = 0;
  private fallback = false;
  /**
   * Bits of one candidate name's tokens (a name has at most MAX_TOKENS), and whether each is spelled as a query token
   * of its skeleton is.
   */
  private readonly candBit = new Int32Array(MAX_TOKENS);
  private readonly candSame = new Uint8Array(MAX_TOKENS);
  /** The first letter's bit of each token of the candidate name (0 for an initial, or another first character). */
  private readonly candFirst = new Int32Array(MAX_TOKENS);
  private query: PreparedQuery | undefined;
  private ctx: NameContext | undefined;

  /** Prepares for a query whose token weights are in ctx.queryWeight. */
  prepare(q: PreparedQuery, ctx: NameContext): void {
    this.query = q;
    this.ctx = ctx;
    if (++this.stampNow === 0xffffffff) {
      this.slotStamp.fill(0);
      this.stampNow = 1;
    }
    this.distinct = 0;
    this.names = 0;
    this.fallback = false;
    this.anyInitials = false;
    this.pairCount = 0;
    if (this.tokenBit.length < q.count) {
      this.tokenBit = new Int32Array(q.count * 2);
      this.ownBit = new Int32Array(q.count * 2);
      this.ownSpell = new Int32Array(q.count * 2);
      this.initial = new Int32Array(q.count * 2);
    }
    const qh = q.table.skelHash;
    const qw = ctx.queryWeight;
    let qs = 0;
    for (let qe = 0; qe < q.count; qe++) {
      const id = q.names[qe]!;
      if (id !== -1) {
        const letter = initialBit(q.table, id);
        this.initial[qe] = letter;
        if (letter !== 0) {
          // Compared by the letter it begins a word with, not by skeleton (see INITIAL_ONLY).
          this.anyInitials = true;
          this.tokenBit[qe] = 0;
          this.ownBit[qe] = 0;
          continue;
        }
        let bit = this.bitOf(qh[id]! | 0, true);
        this.ownBit[qe] = bit;
        this.ownSpell[qe] = q.table.spellHash[id]!;
        // A token keyed by its alternative spelling too (a Korean given name, see tokens.ts) finds by it too.
        const alt = q.table.altSkelHash[id]!;
        if (bit !== 0 && alt !== 0) {
          const altBit = this.bitOf(alt | 0, true);
          bit = altBit === 0 ? 0 : bit | altBit;
        }
        // A word with the article written onto it finds the name written apart (Hameedul, Hameed ul; Alkurd, al-Kurd).
        const stem = stemKeyOf(q.table, id);
        if (bit !== 0 && stem !== 0) {
          const stemBit = this.bitOf(stem | 0, true);
          bit = stemBit === 0 ? 0 : bit | stemBit;
        }
        if (bit === 0) {
          this.fallback = true;
          return;
        }
        this.tokenBit[qe] = bit;
        continue;
      }
      this.tokenBit[qe] = 0;
      this.ownBit[qe] = 0;
      this.initial[qe] = 0;
      this.pairFailed = false;
      joinedPairs(q.table, q.names, qs, qe, this.addPair, q.ringed[qs] === 1);
      if (this.pairFailed) {
        this.fallback = true;
        return;
      }
      if (this.names === this.nameFrom.length) this.growNames();
      let tot = 0;
      let mask = 0;
      let initials = 0;
      for (let i = qs; i < qe; i++) {
        tot += qw[q.names[i]!]!;
        mask |= this.tokenBit[i]!;
        initials |= this.initial[i]!;
      }
      this.nameInitials[this.names] = initials;
      this.nameFrom[this.names] = qs;
      this.nameTo[this.names] = qe;
      this.nameMask[this.names] = mask;
      this.nameTotal[this.names] = tot;
      this.names++;
      qs = qe + 1;
    }
  }

  private pairFailed = false;
  /** The query's joined pairs (see joinedPairs): positions, bit, and the spelling hash of the two written together. */
  private pairFirst = new Int32Array(16);
  private pairSecond = new Int32Array(16);
  private pairBit = new Int32Array(16);
  private pairSpell = new Int32Array(16);
  private pairCount = 0;
  /** Gives a pair's joined hash a bit, set on both of its tokens (see joinedPairs). */
  private readonly addPair = (i: number, j: number, h: number): void => {
    const bit = this.bitOf(h | 0, true);
    if (bit === 0) this.pairFailed = true;
    this.tokenBit[i] = this.tokenBit[i]! | bit;
    this.tokenBit[j] = this.tokenBit[j]! | bit;
    if (this.pairCount === this.pairBit.length) this.growPairs();
    const k = this.pairCount++;
    this.pairFirst[k] = i;
    this.pairSecond[k] = j;
    this.pairBit[k] = bit;
    this.pairSpell[k] = joinedSpelling(this.query!, i, j);
  };

  private growPairs(): void {
    const size = this.pairBit.length * 2;
    for (const key of ['pairFirst', 'pairSecond', 'pairBit', 'pairSpell'] as const) {
      const grown = new Int32Array(size);
      grown.set(this[key]);
      this[key] = grown;
    }
  }

  private growNames(): void {
    const size = this.nameFrom.length * 2;
    const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.nameFrom = grow(this.nameFrom, new Int32Array(size));
    this.nameTo = grow(this.nameTo, new Int32Array(size));
    this.nameMask = grow(this.nameMask, new Int32Array(size));
    this.nameTotal = grow(this.nameTotal, new Float64Array(size));
    this.nameInitials = grow(this.nameInitials, new Int32Array(size));
  }

  /** The bit of a skeleton hash among the query's (0 when absent, or when adding and there is no bit left). */
  private bitOf(h: number, add: boolean): number {
    let slot = Math.imul(h, 0x9e3779b1) >>> 25;
    for (;;) {
      if (this.slotStamp[slot] !== this.stampNow) break;
      if (this.slotHash[slot] === h) return this.slotBit[slot]!;
      slot = (slot + 1) & (SLOTS - 1);
    }
    if (!add || this.distinct >= MAX_QUERY_HASHES) return 0;
    const bit = 1 << this.distinct++;
    this.slotStamp[slot] = this.stampNow;
    this.slotHash[slot] = h;
    this.slotBit[slot] = bit;
    return bit;
  }

  /** A value read from every candidate's record by warm(), kept so the reads are not optimised away. */
  private warmed = 0;

  /**
   * Reads each candidate's record before any is scored (its start, then its first and last words, which may lie
   * in different cache lines): the loads of one pass are independent, so the processor overlaps their cache
   * misses instead of waiting for each in turn inside score().
   */
  warm(store: PersonStore, keys: Int32Array, count: number): void {
    this.warmed = store.warm(keys, count);
  }

  /** quickScore(store, q, key, ctx) of the prepared query. */
  score(store: PersonStore, key: number): number {
    const q = this.query!;
    const ctx = this.ctx!;
    if (this.fallback) return quickScore(store, q, key, ctx);
    const a = store.records;
    const r = store.recordStart[key]!;
    // The record (see PersonStore): a header of RECORD_HEADER ints, then the dates, nationality ids and names.
    const dates = a[r + 1]!;
    let p = r + RECORD_HEADER;
    let bonus = 0;
    if (q.birthDate !== 0) bonus = dateCodeBonus(bestDateMatch(q.birthDate, a, p, p + dates));
    p += dates + a[r + 2]!;
    const end = p + a[r]!;
    const sh = store.tokens.skelHash;
    const sp = store.tokens.spellHash;
    const qw = ctx.queryWeight;
    const tb = this.tokenBit;
    const ob = this.ownBit;
    const os = this.ownSpell;
    const cb = this.candBit;
    const cSame = this.candSame;
    const cf = this.candFirst;
    const qi = this.initial;
    let best = 0;
    // One candidate name at a time (each ends with -1).
    for (let cs = p; cs < end;) {
      let ce = cs;
      let segOr = 0;
      for (let id = a[ce]!; id !== -1; id = a[++ce]!) {
        const bit = this.bitOf(sh[id]! | 0, false);
        cb[ce - cs] = bit;
        segOr |= bit;
      }
      const len = ce - cs;
      const start = cs;
      cs = ce + 1;
      if (segOr === 0) continue;
      // The words' first letters, read only for a query with initials and a name that shares a word with it.
      let segFirst = 0;
      if (this.anyInitials) {
        const first = store.tokens.first;
        const flags = store.tokens.flags;
        for (let j = 0; j < len; j++) {
          const id = a[start + j]!;
          const c = first[id]! - 97;
          const bit = (flags[id]! & TOKEN_INITIAL) === 0 && c >= 0 && c < 26 ? 1 << c : 0;
          cf[j] = bit;
          segFirst |= bit;
        }
      }
      // quickScore walks query names outside, candidate names inside: the best is the same maximum.
      for (let n = 0; n < this.names; n++) {
        const mask = this.nameMask[n]!;
        if ((mask & segOr) === 0) continue;
        const from = this.nameFrom[n]!;
        const to = this.nameTo[n]!;
        // Which shared words are spelled the same (the few that share a skeleton: their spellings are read).
        for (let j = 0; j < len; j++) cSame[j] = 0;
        let gotQ = 0;
        let byInitials = 0;
        const initials = this.nameInitials[n]! & segFirst;
        for (let i = from; i < to; i++) {
          if ((qi[i]! & initials) !== 0) {
            byInitials += qw[q.names[i]!]! * INITIAL_ONLY;
            continue;
          }
          if ((tb[i]! & segOr) === 0) continue;
          let exact = false;
          const own = ob[i]!;
          if ((own & segOr) !== 0) {
            for (let j = 0; j < len; j++) {
              if ((cb[j]! & own) !== 0 && sp[a[start + j]!] === os[i]) {
                exact = true;
                cSame[j] = 1;
              }
            }
          }
          // Written together with the word before or after it, as a word of the name is spelled.
          for (let k = 0; k < this.pairCount; k++) {
            const bit = this.pairBit[k]!;
            if ((bit & segOr) === 0 || (this.pairFirst[k] !== i && this.pairSecond[k] !== i)) continue;
            for (let j = 0; j < len; j++) {
              if ((cb[j]! & bit) !== 0 && sp[a[start + j]!] === this.pairSpell[k]) {
                exact = true;
                cSame[j] = 1;
              }
            }
          }
          gotQ += qw[q.names[i]!]! * (exact ? 1 : SKELETON_ONLY);
        }
        if (gotQ <= 0) continue;
        gotQ += byInitials;
        let gotC = 0;
        for (let j = 0; j < len; j++) {
          if ((cb[j]! & mask) !== 0) gotC += cSame[j] === 1 ? 1 : SKELETON_ONLY;
          else if ((cf[j]! & initials) !== 0) gotC += INITIAL_ONLY;
        }
        const totQ = this.nameTotal[n]!;
        const s = totQ > 0 ? Math.sqrt(((gotQ / totQ) * gotC) / len) : 0;
        if (s > best) best = s;
      }
    }
    return best + bonus;
  }
}
