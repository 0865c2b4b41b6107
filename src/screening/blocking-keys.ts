/**
 * The blocking keys of a name, shared by indexing and querying. Keys are 32-bit hashes (no key strings are
 * stored):
 *  - the skeleton of each informative token (not a particle, title or initial): finds Mohammed for Muhammad,
 *    and Hussein for حسين;
 *  - the skeleton of two adjacent tokens written together: finds "Xijinping" for "Xi Jinping" and back; and of a
 *    particle with the token after it ("Al-Otaibi" for "Alotaibi");
 *  - each unordered pair of token skeletons: rare even when both tokens are common ("Muhammad Ali"), so it
 *    still finds the person when the single-token keys are too frequent to be walked;
 *  - a full birth date (day known): finds a person listed under an alias unrelated to the name asked about;
 *  - an initial's letter with each other word of the name (KEY_INITIAL; on the list's side, every word's first letter):
 *    finds "S. SCHAEFER" among many Schaefers;
 * A query also asks for skeletons one edit from a rare word's (KEY_NEAR; near-skeletons.ts, person-index.ts): those
 * are looked up, never indexed.
 */
import { joinedTokenSkeleton, tokenSkeleton } from './tokens.js';
import { SEED_SKELETON, hashString, type TokenTable } from './token-table.js';
import { TOKEN_FOLDED, TOKEN_INITIAL, TOKEN_PARTICLE, TOKEN_TITLE, trailingArticles } from './tokens.js';

/** Key kinds, stored in the key list next to each hash. */
export const KEY_SKELETON = 0;
export const KEY_PAIR = 1;
export const KEY_DATE = 2;
/** A skeleton one edit from a query word's (near-skeletons.ts): asked for by queries, never indexed. */
export const KEY_NEAR = 3;
/** The pair key of such a skeleton and another word of the query's name: asked for by queries (as KEY_PAIR keys). */
export const KEY_NEAR_PAIR = 4;
/** An initial's letter with another word of the name (see nameKeys): in buckets of its own (person-index.ts). */
export const KEY_INITIAL = 5;

/** A 32-bit value mixed with a seed into a key of its own kind (a birth date's, a spelling's). */
function mixKey(value: number, seed: number): number {
  let h = Math.imul(value ^ seed, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35);
  return (h ^ (h >>> 13)) >>> 0;
}

/** The key of a full birth date (packed as in dates.ts). */
export function dateKey(packed: number): number {
  return mixKey(packed, 0x5bd1e995);
}

const MAX_PAIR_TOKENS = 6;
const SEED_PAIR = 0x9e3779b9;
/** Seed of initial keys: an initial's letter with another word's skeleton (see nameKeys). */
const SEED_INITIAL = 0x3c6ef372;
const eligible = new Int32Array(16);

/** The pair key of two token skeleton hashes, in either order. */
export function mixPair(a: number, b: number): number {
  const lo = a < b ? a : b;
  const hi = a < b ? b : a;
  let h = Math.imul(lo ^ SEED_PAIR, 0x85ebca6b) ^ hi;
  h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35);
  return (h ^ (h >>> 13)) >>> 0;
}

/**
 * The key hash of two adjacent words written together: the skeleton of the joined word, as tokenSkeleton gives it (so
 * that it is the key of a listed word spelled so), made from the two words' own skeletons where the join changes no
 * reading (tokens.ts, joinedTokenSkeleton). Most pairs are new at a million persons: a cache of them missed two times in
 * three, and reading each joined word letter by letter was a sixth of the build.
 */
function joinedKey(a: string, b: string): number {
  return hashString(joinedTokenSkeleton(a, b), SEED_SKELETON);
}

/** Whether a token has keys of its own (not a particle, title or initial). */
function keyed(table: TokenTable, id: number): boolean {
  return (table.flags[id]! & (TOKEN_PARTICLE | TOKEN_TITLE | TOKEN_INITIAL)) === 0;
}

/**
 * Calls `each(i, j, hash)` for the pairs of the name ids[start..end) that are also keyed written together, by their
 * positions in `ids`: two keyed tokens adjacent among the keyed ones, and a particle with the keyed token right
 * after it. Blocking indexes these hashes; the quick score (prerank.ts) credits both tokens of a pair whose joined
 * form is one token of the candidate's. A query name read as a ring (tokens.ts, readAsRing) also pairs its last keyed
 * token with its first, written in that order (Hasan Saburi, Nezhad: SABURINEZHAD).
 */
export function joinedPairs(
  table: TokenTable,
  ids: ArrayLike<number>,
  start: number,
  end: number,
  each: (i: number, j: number, hash: number) => void,
  ring = false,
): void {
  let first = -1;
  let last = -1;
  let seen = 0;
  for (let i = start; i < end && seen < eligible.length; i++) {
    const id = ids[i]!;
    if (!keyed(table, id)) continue;
    if (first === -1) first = i;
    seen++;
    if (last !== -1) {
      const a = ids[last]!;
      each(last, i, joinedKey(table.ascii[a]!, table.ascii[id]!));
      // Written together by their alternative spellings too (a Korean given name: Jae-hyeok is Chaehyok; tokens.ts).
      if (((table.flags[a]! | table.flags[id]!) & TOKEN_FOLDED) !== 0) {
        each(last, i, joinedKey(table.alt[a] || table.ascii[a]!, table.alt[id] || table.ascii[id]!));
      }
      // And as written where the Korean surname folding respelled one (Chang Sheng is Changsheng, not Jangsheng).
      if (table.written[a] !== '' || table.written[id] !== '') {
        each(last, i, joinedKey(table.written[a] || table.ascii[a]!, table.written[id] || table.ascii[id]!));
      }
    }
    last = i;
  }
  if (ring && seen >= 3) each(last, first, joinedKey(table.ascii[ids[last]!]!, table.ascii[ids[first]!]!));
  // A particle written together with the name it leads: "AL-OTAIBI" is "ALOTAIBI" on another list, "BIN LADEN"
  // is "BINLADEN"; and the article written onto the name before it, as South Asian names do: "ZIA UL HAQ" is "ZIAUL
  // HAQ", "FAZL UR REHMAN" is "FAZLUR REHMAN". Neither side has a key the other has without these: particles have no
  // keys of their own.
  for (let i = start; i + 1 < end; i++) {
    const id = ids[i]!;
    const next = ids[i + 1]!;
    const leads = (table.flags[id]! & TOKEN_PARTICLE) !== 0 && keyed(table, next);
    const trails =
      keyed(table, id) && (table.flags[next]! & TOKEN_PARTICLE) !== 0 && trailingArticles.has(table.ascii[next]!);
    if (leads || trails) each(i, i + 1, joinedKey(table.ascii[id]!, table.ascii[next]!));
  }
}

const stemKeys = new Map<string, number>();
const MAX_CACHED_STEMS = 1 << 16;

/**
 * The skeleton key of a word without an article written onto it, or 0 when it has none: onto its end as South Asian
 * names write it ("HAMEEDUL" is HAMEED + UL, "FAZLUR" FAZL + UR), or onto its start ("ALKURD" is AL + KURD, "ELMASRI"
 * EL + MASRI); or the word a kunya's Abu leads, which the tokenizer joins to it ("Abu Diriye" is ABUDIRIYE, ABU +
 * DIRIYE; at least four letters after it). The quick score credits a query word so written to a candidate's name that
 * keeps the two apart (blocking keys that pair already, see joinedPairs; a query that keeps them apart is credited by
 * its joined pairs). A kunya asked about finds the person listed as "Ahmed Diriye" so, where its quick score was none
 * and the person lost its place to others: on the development set, 7 more Latin aliases in the top 10 (Abu Zahra for
 * Pak Zahra, Abu-Muslim Al-Shishani for Muslim), none fewer, the same false alerts. (The Abd of a theophoric name is
 * not taken off: ABDULLAH would be credited to every ALI and LEE, whose skeleton its tail has.)
 */
export function articleStemKey(word: string): number {
  let key = stemKeys.get(word);
  if (key === undefined) {
    let stem = '';
    if (word.length >= 5 && trailingArticles.has(word.slice(-2))) stem = word.slice(0, -2);
    else if (word.length >= 6 && (word.startsWith('al') || word.startsWith('el'))) stem = word.slice(2);
    else if (word.length >= 7 && word.startsWith('abu')) stem = word.slice(3);
    key = stem === '' ? 0 : hashString(tokenSkeleton(stem), SEED_SKELETON);
    if (stemKeys.size >= MAX_CACHED_STEMS) stemKeys.clear();
    stemKeys.set(word, key);
  }
  return key;
}

/**
 * A word of SPELLED_LETTERS letters or more whose skeleton has at most SPELLED_SKELETON consonant classes is keyed by its
 * spelling too. Such a skeleton is shared by thousands of unrelated words (OMOYEMI, EMMA and AMY are all M; OLUWUMI
 * and LAMA are LM), so its key is too common to walk: beside an initial ("B. OMOYEMI"), or a common word with a slip
 * in the other, nothing found the person. The spelling (spellingHash, its own seed) is rare where the skeleton is not.
 * At 100,000 synthetic persons, of 10,000 queries, 24 more planted persons are in the top 10 and 19 more found, 2 more
 * non-matching queries alert; of 2,016 planted flight travellers 9 more raise their alert; postings grow by 6 %. On the
 * development set 2 more Latin names alone are in the top 10 and one fewer positive is found: changes no larger than
 * what the key's hash alone moves by sharing buckets with other keys (unmixed, the same keys lost 2). Three classes
 * (OLUWABAYO, LBY) gained more on synthetic names but lost 3 aliases from the top 10 and 7 found on the development set.
 */
const SPELLED_SKELETON = 2;
const SPELLED_LETTERS = 5;
/** Seed of spelling keys: a spelling hash (spellingHash) mixed again, so that it is no skeleton's. */
const SEED_SPELLED = 0x27d4eb2f;

let keysOut: number[] = [];
const pushJoined = (_i: number, _j: number, hash: number): void => void keysOut.push(hash, KEY_SKELETON);

/**
 * Appends the keys of the name ids[start..end) (token ids of `table`) to `out` as [hash, kind] pairs; a listed name's
 * with `everyWord` (see the initial keys below).
 * Allocates only a short string per pair of adjacent tokens (their joined skeleton's hash is cached).
 */
export function nameKeys(
  table: TokenTable,
  ids: ArrayLike<number>,
  start: number,
  end: number,
  out: number[],
  ring = false,
  everyWord = false,
): void {
  let n = 0;
  for (let i = start; i < end && n < eligible.length; i++) {
    const id = ids[i]!;
    if (!keyed(table, id)) continue;
    eligible[n++] = id;
    out.push(table.skelHash[id]!, KEY_SKELETON);
    if (table.altSkelHash[id] !== 0) out.push(table.altSkelHash[id]!, KEY_SKELETON);
    if (table.skelLength[id]! <= SPELLED_SKELETON && table.ascii[id]!.length >= SPELLED_LETTERS) {
      out.push(mixKey(table.spellHash[id]!, SEED_SPELLED), KEY_SKELETON);
    }
  }
  keysOut = out;
  joinedPairs(table, ids, start, end, pushJoined, ring);
  const p = Math.min(n, MAX_PAIR_TOKENS);
  const sh = table.skelHash;
  const ah = table.altSkelHash;
  for (let i = 0; i < p; i++) {
    const a = eligible[i]!;
    for (let j = i + 1; j < p; j++) {
      const b = eligible[j]!;
      out.push(mixPair(sh[a]!, sh[b]!), KEY_PAIR);
      // A token keyed by its alternative spelling too (tokens.ts: Korean names) pairs by it as well.
      if (ah[a] !== 0) out.push(mixPair(ah[a]!, sh[b]!), KEY_PAIR);
      if (ah[b] !== 0) out.push(mixPair(sh[a]!, ah[b]!), KEY_PAIR);
      if (ah[a] !== 0 && ah[b] !== 0) out.push(mixPair(ah[a]!, ah[b]!), KEY_PAIR);
    }
  }
  // Initial keys: the letter of each initial with each other word of the name ("S. SCHAEFER": S with SCHAEFER). Beside
  // a common surname an initial left nothing to walk: the surname's key is too common, and an initial has none. A
  // listed name keys every word's first letter so (`everyWord`), as an initial may stand for any of its words; a query,
  // only its initials. The index keeps these keys in buckets of their own (person-index.ts), so the frequencies that
  // make words' weights are not changed by them.
  let words = 0;
  for (let i = start; i < end && words < MAX_PAIR_TOKENS; i++) {
    const id = ids[i]!;
    const flags = table.flags[id]!;
    if ((flags & (TOKEN_PARTICLE | TOKEN_TITLE)) !== 0) continue;
    const initial = (flags & TOKEN_INITIAL) !== 0;
    if (!initial) words++;
    if (!initial && !everyWord) continue;
    const letter = table.first[id]! - 97;
    if (letter < 0 || letter >= 26) continue;
    for (let j = 0; j < p; j++) {
      if (eligible[j] !== id) out.push(mixPair(SEED_INITIAL + letter, sh[eligible[j]!]!), KEY_INITIAL);
    }
  }
}
