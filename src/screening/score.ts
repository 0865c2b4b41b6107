/**
 * The explained scorer: the best name pair between query and candidate, then birth date, nationality, gender
 * and documents as evidence for or against; absence says nothing. A birth date is strong evidence both ways:
 * lists and travellers rarely share a full date by chance, so an exact date lifts a name that agrees only in
 * part (another alias of the same person) over the threshold, and a contradicting one takes a namesake below
 * it. An exact date with a name that hardly agrees adds less: it ranks the person (found through the date key)
 * but never makes a match on its own. Scoring is allocation free; the explanation objects are built only for
 * the hits returned, and only when asked.
 */
import { nationalityKey } from '../countries/countries.js';
import {
  DATE_EXACT,
  DATE_NONE,
  DATE_PARTIAL,
  bestDateMatch,
  formatDate,
  lastBestDateIndex,
  parseDate,
} from './dates.js';
import {
  compareNames,
  howNames,
  lastTokenHow,
  HOW_JOINED,
  HOW_NONE,
  matchHow,
  matchOfQuery,
  matchOfQuery2,
  matchScore,
  weightQ,
  type NameContext,
} from './name-match.js';
import { GENDER_UNKNOWN, genderCode, ringAt, type PersonStore } from './person-store.js';
import type { TokenTable } from './token-table.js';
import { MAX_TOKENS, prepareName, readAsRing } from './tokens.js';
import type { ExplanationFeature, MatchHow, PersonQuery } from './types.js';

/**
 * Effect of each birth-date comparison on the score, indexed by DATE_* code (none, exact, partial, swapped, year off,
 * near, year wrong, mismatch, far). A date with only its year wrong may be the person's written wrong (-0.3); two of
 * its three parts other say another person (-0.4), and years apart more surely still (DATE_FAR, -0.5). Where one side
 * gives the year alone, a year other is near or a mismatch (dates.ts, DATE_YEAR_WRONG).
 */
export const dateEffect = [0, 0.4, 0.15, 0.15, 0.03, -0.1, -0.3, -0.4, -0.5] as const;
/**
 * An exact birth date with a name that shares less than DATE_EXACT_NAME_MIN adds only DATE_EXACT_WEAK_NAME; between
 * that and DATE_EXACT_NAME_FLOOR it adds up to the full effect, and a matching nationality up to
 * NATIONALITY_MATCH_WITH_DATE, as far as the date is rare in the list (see dateRarity): on a list where many
 * persons share each birth date, a date and a nationality with one name in common single out nobody. The floor is
 * 0.5 (2.24.0; 0.3 before), where a name shares one word of two or three: at 200,000 synthetic persons the namesakes
 * born the same day (Matvei Zotov for Matvei Aleksandrov) raised 17 of 323 false alerts of non-matching queries and 92
 * of 1,560 flight alerts; on the development set, whose 5,350 persons rarely share a date, one positive of 13,539 fell
 * below the threshold.
 */
export const DATE_EXACT_NAME_MIN = 0.12;
export const DATE_EXACT_NAME_FLOOR = 0.5;
export const DATE_EXACT_WEAK_NAME = 0.25;
/**
 * A birth date that agrees only as far as one side gives it (a year, or a year and month: DATE_PARTIAL) adds
 * DATE_PARTIAL_WEAK_NAME, not its full effect, to a name that shares less than DATE_PARTIAL_NAME_FLOOR: a year is
 * shared by one listed person in fifty or so, and with a name that has one word of two in common (ORLY ALMOG for Gila
 * ALMOG, born the same year; about 0.4) it made alerts of namesakes. At 100,000 synthetic persons (seed 1), false
 * alerts of 20,000 flight travellers fell from 706 to 562 (travellers falsely alerted 655 to 525; planted ones all
 * still found) and non-matching queries that alert from 149 to 124 of 4,911, for 9 of 5,089 planted queries and 20 of
 * 13,539 development-set positives no longer found, aliases of the same kind (KEBEKOV, Magomed for KEBEKOV,
 * Aliaskhab) (2.36.0). A floor of 0.4 kept 14 of those, but sat at the score of one word of two (0.40 where both
 * weigh alike) and took 34 fewer false alerts away; asking besides for a query word left unmatched changed little.
 */
export const DATE_PARTIAL_NAME_FLOOR = 0.45;
export const DATE_PARTIAL_WEAK_NAME = 0.1;
export const NATIONALITY_MATCH = 0.06;
export const NATIONALITY_MATCH_WITH_DATE = 0.12;
/** Informativeness (PersonIndex.idf) of a birth date at or below which it lifts a weak name no more than before. */
export const DATE_COMMON_INFO = 0.7;
export const NATIONALITY_MISMATCH = -0.08;
export const GENDER_MATCH = 0.01;
export const GENDER_MISMATCH = -0.12;
export const DOCUMENT_EXACT = 0.3;
export const DOCUMENT_OCR = 0.25;
/**
 * Another name of the same person can confirm a part the best name pair leaves unmatched: "AKBARNEJAD, Esmaeil
 * Ghaani" pairs best with "GHANI, Esmail", and "NEZHAD, Ismail Akbar", another of the person's names, has the rest.
 * A query token the best pair matches below ALIAS_BELOW that a token of another of the candidate's names matches at
 * ALIAS_MIN or more adds ALIAS_SHARE of the similarity it gains, in proportion to its weight in the name: half,
 * because a part found in a different name is weaker evidence than the same part in the same name (a namesake's
 * aliases have common names too). Measured on the development set: +0.009 of positives found at the same false
 * alerts.
 */
export const ALIAS_BELOW = 0.8;
export const ALIAS_MIN = 0.9;
export const ALIAS_SHARE = 0.5;

const dateHow: readonly MatchHow[] = [
  'mismatch',
  'exact',
  'partial',
  'swapped',
  'year_off',
  'mismatch',
  'mismatch',
  'mismatch',
  'mismatch',
];

/** A query prepared once for all its candidates. */
export interface PreparedQuery {
  readonly table: TokenTable;
  /** Token ids, each name followed by -1. */
  readonly names: Int32Array;
  readonly count: number;
  /** 1 at the first position of each name whose last and first tokens are neighbours too (tokens.ts, readAsRing). */
  readonly ringed: Uint8Array;
  readonly rawNames: readonly string[];
  readonly birthDate: number;
  readonly birthDateText: string | undefined;
  readonly nationality: string | undefined;
  readonly nationalityText: string | undefined;
  readonly gender: number;
  readonly genderText: string | undefined;
  /** Person key → how its document matched a query document (filled by the engine). */
  readonly documents: Map<number, { readonly exact: boolean; readonly number: string; readonly candidate: string }>;
}

/** Tokenises a query into `table` (which is cleared first). */
export function prepareQuery(q: PersonQuery, table: TokenTable): PreparedQuery {
  table.clear();
  const ids: number[] = [];
  const rings: number[] = [];
  for (const n of q.names) {
    const tokens = prepareName(n);
    if (readAsRing(n, tokens)) rings.push(ids.length);
    for (const t of tokens) ids.push(table.intern(t));
    ids.push(-1);
  }
  const ringed = new Uint8Array(ids.length);
  for (const at of rings) ringed[at] = 1;
  const birth = q.birthDate === undefined ? 0 : parseDate(q.birthDate);
  const nat = q.nationality === undefined || q.nationality === '' ? undefined : nationalityKey(q.nationality);
  return {
    table,
    names: new Int32Array(ids),
    count: ids.length,
    ringed,
    rawNames: q.names,
    birthDate: birth,
    birthDateText: birth === 0 ? undefined : formatDate(birth),
    nationality: nat,
    nationalityText: q.nationality,
    gender: genderCode(q.gender),
    genderText: q.gender,
    documents: new Map(),
  };
}

// The best name pair of the last scoreCandidate call, for its explanation.
let bestQ = 0;
let bestQEnd = 0;
let bestC = 0;
let bestCEnd = 0;
let bestName = 0;
// How each query token of the best pair matched (copied from compareNames when a pair becomes the best), so the
// explanation need not compare the pair again.
const T = MAX_TOKENS;
const bestMatch = new Int32Array(T);
const bestMatch2 = new Int32Array(T);
const bestScore = new Float64Array(T);
const bestHow = new Uint8Array(T);
const bestWeight = new Float64Array(T);
// Per query token of the best pair: where another of the candidate's names confirms it (arena index, -1 for none),
// with what similarity and how; and what those confirmations added.
const aliasAt = new Int32Array(T).fill(-1);
const aliasSim = new Float64Array(T);
const aliasHow = new Uint8Array(T);
let aliasGain = 0;

function keepBestPairing(n: number): void {
  for (let i = 0; i < n; i++) {
    bestMatch[i] = matchOfQuery[i]!;
    bestMatch2[i] = matchOfQuery2[i]!;
    bestScore[i] = matchScore[i]!;
    bestHow[i] = matchHow[i]!;
    bestWeight[i] = weightQ[i]!;
  }
}

/** Evidence effects of the last scoreCandidate call. */
interface Evidence {
  date: number;
  dateEffect: number;
  dateAt: number;
  nat: number;
  natMatchId: number;
  gender: number;
  doc: number;
}
const ev: Evidence = { date: DATE_NONE, dateEffect: 0, dateAt: -1, nat: 0, natMatchId: -1, gender: 0, doc: 0 };

const SAVED_FIELDS = 13;
let saved = new Float64Array(SAVED_FIELDS * 128);
let savedMatch = new Int32Array(T * 3 * 128);
let savedScore = new Float64Array(T * 3 * 128);
let savedHow = new Uint8Array(T * 2 * 128);

/** Keeps what explaining the last scoreCandidate call needs under `slot`, so a hit need not be scored twice. */
export function saveScoreState(slot: number): void {
  if ((slot + 1) * SAVED_FIELDS > saved.length) {
    const grown = new Float64Array(Math.max((slot + 1) * SAVED_FIELDS, saved.length * 2));
    grown.set(saved);
    saved = grown;
    const slots = grown.length / SAVED_FIELDS;
    const m = new Int32Array(T * 3 * slots);
    m.set(savedMatch);
    savedMatch = m;
    const sc = new Float64Array(T * 3 * slots);
    sc.set(savedScore);
    savedScore = sc;
    const h = new Uint8Array(T * 2 * slots);
    h.set(savedHow);
    savedHow = h;
  }
  const n = Math.min(bestQEnd - bestQ, T);
  const t = slot * T;
  for (let i = 0; i < n; i++) {
    savedMatch[3 * (t + i)] = bestMatch[i]!;
    savedMatch[3 * (t + i) + 1] = bestMatch2[i]!;
    savedMatch[3 * (t + i) + 2] = aliasAt[i]!;
    savedScore[3 * (t + i)] = bestScore[i]!;
    savedScore[3 * (t + i) + 1] = bestWeight[i]!;
    savedScore[3 * (t + i) + 2] = aliasSim[i]!;
    savedHow[2 * (t + i)] = bestHow[i]!;
    savedHow[2 * (t + i) + 1] = aliasHow[i]!;
  }
  const o = slot * SAVED_FIELDS;
  saved[o] = bestQ;
  saved[o + 1] = bestQEnd;
  saved[o + 2] = bestC;
  saved[o + 3] = bestCEnd;
  saved[o + 4] = bestName;
  saved[o + 5] = ev.date;
  saved[o + 6] = ev.dateEffect;
  saved[o + 7] = ev.dateAt;
  saved[o + 8] = ev.nat;
  saved[o + 9] = ev.natMatchId;
  saved[o + 10] = ev.gender;
  saved[o + 11] = ev.doc;
  saved[o + 12] = aliasGain;
}

/** Makes the state saved under `slot` that of the last scoreCandidate call (for explainCandidate). */
export function restoreScoreState(slot: number): void {
  const o = slot * SAVED_FIELDS;
  bestQ = saved[o]!;
  bestQEnd = saved[o + 1]!;
  bestC = saved[o + 2]!;
  bestCEnd = saved[o + 3]!;
  bestName = saved[o + 4]!;
  ev.date = saved[o + 5]!;
  ev.dateEffect = saved[o + 6]!;
  ev.dateAt = saved[o + 7]!;
  ev.nat = saved[o + 8]!;
  ev.natMatchId = saved[o + 9]!;
  ev.gender = saved[o + 10]!;
  ev.doc = saved[o + 11]!;
  aliasGain = saved[o + 12]!;
  const n = Math.min(bestQEnd - bestQ, T);
  const t = slot * T;
  for (let i = 0; i < n; i++) {
    bestMatch[i] = savedMatch[3 * (t + i)]!;
    bestMatch2[i] = savedMatch[3 * (t + i) + 1]!;
    aliasAt[i] = savedMatch[3 * (t + i) + 2]!;
    bestScore[i] = savedScore[3 * (t + i)]!;
    bestWeight[i] = savedScore[3 * (t + i) + 1]!;
    aliasSim[i] = savedScore[3 * (t + i) + 2]!;
    bestHow[i] = savedHow[2 * (t + i)]!;
    aliasHow[i] = savedHow[2 * (t + i) + 1]!;
  }
}

/**
 * The name score of a candidate: the best over all query names × candidate names, plus what its other names confirm
 * (name-bound.ts bounds it from above).
 */
export function nameScore(store: PersonStore, q: PreparedQuery, key: number, ctx: NameContext): number {
  const arena = store.records;
  const cStart = store.namesStart(key);
  const cEnd = store.namesEnd(key);
  const rings = store.ringedNames(key);
  let best = 0;
  let qs = 0;
  for (let i = 0; i < q.count; i++) {
    if (q.names[i] !== -1) continue;
    if (i > qs) {
      let cs = cStart;
      let name = 0;
      for (let j = cStart; j < cEnd; j++) {
        if (arena[j] !== -1) continue;
        const ring = ringAt(rings, name++);
        if (j > cs) {
          const s = compareNames(q.table, q.names, qs, i, store.tokens, arena, cs, j, ctx, q.ringed[qs] === 1, ring);
          if (s > best) {
            best = s;
            bestQ = qs;
            bestQEnd = i;
            bestC = cs;
            bestCEnd = j;
            keepBestPairing(Math.min(i - qs, T));
          }
        }
        cs = j + 1;
      }
    }
    qs = i + 1;
  }
  bestName = best;
  aliasGain = best > 0 ? confirmByOtherNames(store, q, key, ctx) : 0;
  return best + aliasGain;
}

/** What the candidate's other names add to the best pair (see ALIAS_SHARE); remembers which tokens confirmed. */
function confirmByOtherNames(store: PersonStore, q: PreparedQuery, key: number, ctx: NameContext): number {
  const n = Math.min(bestQEnd - bestQ, T);
  let totalQ = 0;
  for (let i = 0; i < n; i++) {
    totalQ += bestWeight[i]!;
    aliasAt[i] = -1;
  }
  if (totalQ <= 0) return 0;
  const arena = store.records;
  const cStart = store.namesStart(key);
  const cEnd = store.namesEnd(key);
  let gain = 0;
  for (let i = 0; i < n; i++) {
    if (bestScore[i]! >= ALIAS_BELOW) continue;
    const qi = q.names[bestQ + i]!;
    let sim = ALIAS_MIN;
    for (let j = cStart; j < cEnd; j++) {
      const cj = arena[j]!;
      if (cj === -1 || (j >= bestC && j < bestCEnd)) continue;
      const s = ctx.similarity(qi, cj);
      if (s >= sim) {
        sim = s;
        aliasAt[i] = j;
        aliasSim[i] = s;
        aliasHow[i] = lastTokenHow();
      }
    }
    if (aliasAt[i] !== -1) gain += (bestWeight[i]! / totalQ) * (aliasSim[i]! - bestScore[i]!);
  }
  return ALIAS_SHARE * gain;
}

/** 0 for a birth date many listed persons share, 1 for one (nearly) no one else has. */
function dateRarity(info: number): number {
  return info <= DATE_COMMON_INFO ? 0 : info >= 1 ? 1 : (info - DATE_COMMON_INFO) / (1 - DATE_COMMON_INFO);
}

/** Scores one candidate in [0, 1]; remembers what is needed to explain it. */
export function scoreCandidate(store: PersonStore, q: PreparedQuery, key: number, ctx: NameContext): number {
  scored[0] = nameScore(store, q, key, ctx);
  withEvidence(store, q, key, ctx, ev);
  return scored[0];
}

const boundEvidence: Evidence = { ...ev };
/**
 * The name score going into withEvidence, and the score coming out: a number passed to or returned from a call that
 * is not inlined is a heap number, and withEvidence runs for every candidate bounded or scored (at 100,000 persons,
 * it allocated half of what alert screening did).
 */
const scored = new Float64Array(1);

/**
 * An upper bound of scoreCandidate from an upper bound of the candidate's name score (best pair and alias gain): the
 * evidence is computed exactly, and the score only grows with the name score (an exact birth date adds more to a
 * better name, never less; so does a partial one).
 */
export function scoreBound(store: PersonStore, q: PreparedQuery, key: number, ctx: NameContext, name: number): number {
  scored[0] = name;
  withEvidence(store, q, key, ctx, boundEvidence);
  return scored[0];
}

/**
 * Sets out.dateEffect: what its birth-date comparison (out.date, a DATE_* code) adds to a name scoring `name` (see
 * DATE_PARTIAL_NAME_FLOOR and DATE_EXACT_NAME_FLOOR). It grows with the name score, as scoreBound needs. (Stored, not
 * returned, as withEvidence's score is: see `scored`.)
 */
function setDateEffect(out: Evidence, name: number, ctx: NameContext): void {
  const code = out.date;
  if (code === DATE_PARTIAL && name < DATE_PARTIAL_NAME_FLOOR) out.dateEffect = DATE_PARTIAL_WEAK_NAME;
  else if (code !== DATE_EXACT || name >= DATE_EXACT_NAME_FLOOR) out.dateEffect = dateEffect[code]!;
  else if (name < DATE_EXACT_NAME_MIN) out.dateEffect = DATE_EXACT_WEAK_NAME;
  else
    out.dateEffect = DATE_EXACT_WEAK_NAME + (dateEffect[DATE_EXACT] - DATE_EXACT_WEAK_NAME) * dateRarity(ctx.dateInfo);
}

/**
 * The score of a candidate whose name score is scored[0], into scored[0]: its evidence added (and left in `out`),
 * clamped to [0, 1].
 */
function withEvidence(store: PersonStore, q: PreparedQuery, key: number, ctx: NameContext, out: Evidence): void {
  const name = scored[0]!;
  let score = name;
  out.date = DATE_NONE;
  out.nat = 0;
  out.gender = 0;
  out.doc = 0;
  if (q.birthDate !== 0) {
    out.date = bestDateMatch(q.birthDate, store.records, store.datesStart(key), store.datesEnd(key));
    out.dateAt = lastBestDateIndex();
    setDateEffect(out, name, ctx);
    score += out.dateEffect;
  }
  const ns = store.natsStart(key);
  const ne = store.natsEnd(key);
  if (q.nationality !== undefined && ne > ns) {
    out.nat = NATIONALITY_MISMATCH;
    out.natMatchId = -1;
    for (let i = ns; i < ne; i++) {
      if (store.countries[store.records[i]!] === q.nationality) {
        // Birth date and nationality are independent: together they single a person out far more than apart.
        out.nat =
          out.date === DATE_EXACT
            ? NATIONALITY_MATCH + (NATIONALITY_MATCH_WITH_DATE - NATIONALITY_MATCH) * dateRarity(ctx.dateInfo)
            : NATIONALITY_MATCH;
        out.natMatchId = store.records[i]!;
        break;
      }
    }
    score += out.nat;
  }
  const g = store.genderOf(key);
  if (q.gender !== GENDER_UNKNOWN && g !== GENDER_UNKNOWN) {
    out.gender = q.gender === g ? GENDER_MATCH : GENDER_MISMATCH;
    score += out.gender;
  }
  const doc = q.documents.get(key);
  if (doc !== undefined) {
    out.doc = doc.exact ? DOCUMENT_EXACT : DOCUMENT_OCR;
    score += out.doc;
  }
  scored[0] = score < 0 ? 0 : score > 1 ? 1 : score;
}

const genderNames = ['', 'male', 'female', 'other'];

function upper(table: TokenTable, id: number): string {
  return table.upperOf(id);
}

/** The features behind the last scoreCandidate call (call it right after, for the same candidate). */
export function explainCandidate(store: PersonStore, q: PreparedQuery, key: number): ExplanationFeature[] {
  const out: ExplanationFeature[] = [];
  if (bestName > 0) {
    const arena = store.records;
    let segment = 0;
    for (let i = store.namesStart(key); i < bestC; i++) if (arena[i] === -1) segment++;
    let qSegment = 0;
    for (let i = 0; i < bestQ; i++) if (q.names[i] === -1) qSegment++;
    out.push({
      feature: 'name',
      weight: 1,
      contribution: bestName,
      query: q.rawNames[qSegment] ?? '',
      candidate: store.rawName(key, segment),
      how: bestName >= 0.999 ? 'exact' : 'partial',
    });
    const n = Math.min(bestQEnd - bestQ, T);
    let totalQ = 0;
    for (let i = 0; i < n; i++) totalQ += bestWeight[i]!;
    for (let i = 0; i < n; i++) {
      const j = bestMatch[i]!;
      const j2 = bestMatch2[i]!;
      const h = bestHow[i]!;
      const w = totalQ > 0 ? bestWeight[i]! / totalQ : 0;
      let cand = j >= 0 ? upper(store.tokens, arena[bestC + j]!) : '';
      if (j2 >= 0) cand += ` ${upper(store.tokens, arena[bestC + j2]!)}`;
      out.push({
        feature: 'name.token',
        weight: round(w),
        contribution: round(w * bestScore[i]!),
        query: upper(q.table, q.names[bestQ + i]!),
        candidate: cand,
        how: h === HOW_NONE ? 'mismatch' : h === HOW_JOINED ? 'joined' : (howNames[h] as MatchHow),
      });
    }
    if (aliasGain > 0) {
      for (let i = 0; i < n; i++) {
        const at = aliasAt[i]!;
        if (at === -1) continue;
        const w = totalQ > 0 ? bestWeight[i]! / totalQ : 0;
        out.push({
          feature: 'name.alias',
          weight: round(w),
          // Not rounded: with `name` and the evidence, it adds up to the score.
          contribution: ALIAS_SHARE * w * (aliasSim[i]! - bestScore[i]!),
          query: upper(q.table, q.names[bestQ + i]!),
          candidate: upper(store.tokens, arena[at]!),
          how: howNames[aliasHow[i]!] as MatchHow,
        });
      }
    }
  }
  if (ev.date !== DATE_NONE) {
    out.push({
      feature: 'birthDate',
      weight: ev.dateEffect,
      contribution: ev.dateEffect,
      query: q.birthDateText ?? '',
      candidate: ev.dateAt >= 0 ? formatDate(store.records[ev.dateAt]!) : '',
      how: dateHow[ev.date]!,
    });
  }
  if (ev.nat !== 0) {
    const theirs: string[] = [];
    for (let i = store.natsStart(key); i < store.natsEnd(key); i++) theirs.push(store.countries[store.records[i]!]!);
    out.push({
      feature: 'nationality',
      weight: ev.nat,
      contribution: ev.nat,
      query: q.nationalityText ?? '',
      candidate: theirs.join(','),
      how: ev.nat > 0 ? 'match' : 'mismatch',
    });
  }
  if (ev.gender !== 0) {
    out.push({
      feature: 'gender',
      weight: ev.gender,
      contribution: ev.gender,
      query: q.genderText ?? '',
      candidate: genderNames[store.genderOf(key)] ?? '',
      how: ev.gender > 0 ? 'match' : 'mismatch',
    });
  }
  const doc = q.documents.get(key);
  if (doc !== undefined) {
    out.push({
      feature: 'document',
      weight: ev.doc,
      contribution: ev.doc,
      query: doc.number,
      candidate: doc.candidate,
      how: doc.exact ? 'exact' : 'ocr',
    });
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
