/**
 * Comparing two names token by token: each pair of tokens gets a similarity and a reason (exact, variant,
 * phonetic, translit, fuzzy, initial), tokens are paired greedily best-first in any order, a token may also
 * match two adjacent tokens written together (Xijinping / Xi Jinping), and the name score weighs what was
 * matched on both sides by the tokens' weights (particles and titles weigh little, frequent tokens less). A
 * name matched only through frequent tokens loses up to COMMON_PENALTY: what identifies a person is the
 * information the matched tokens carry, not only the share of the name they cover. Token similarities are
 * memoised per query. All scratch state is module level or per engine: no allocation per comparison.
 */
import { skeletonsNear, editDistance, jaroWinkler, writtenSkeletonDistance } from './similarity.js';
import type { TokenTable } from './token-table.js';
import { SLOT_A, SLOT_ANY, SLOT_I, SLOT_LONG, SLOT_U, lastVowelSlots, skeleton } from './phonetic.js';
import {
  foldKoreanRomanisation,
  foldSyllables,
  koreanSurnameSpellings,
  koreanVowelsMerged,
} from './translit/korean.js';
import {
  MAX_TOKENS,
  TOKEN_FOLDED,
  TOKEN_HANGUL,
  TOKEN_INITIAL,
  TOKEN_LOSSY,
  TOKEN_PARTICLE,
  TOKEN_SYLLABIC,
  TOKEN_TITLE,
  TOKEN_TRANSLIT,
  tokenSkeleton,
} from './tokens.js';

/** Why two tokens were found similar, as stored in the scratch arrays. */
export const HOW_NONE = 0;
export const HOW_EXACT = 1;
export const HOW_VARIANT = 2;
export const HOW_PHONETIC = 3;
export const HOW_TRANSLIT = 4;
export const HOW_FUZZY = 5;
export const HOW_INITIAL = 6;
export const HOW_JOINED = 7;

/** The reason codes as explanation words. */
export const howNames = ['none', 'exact', 'variant', 'phonetic', 'translit', 'fuzzy', 'initial', 'joined'] as const;

let lastHow = HOW_NONE;
let lastInfo = 0;

/** Summed informativeness of the matched query tokens in the last compareNames call. */
export function lastNameInfo(): number {
  return lastInfo;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * How far a spelling from a script without short vowels (Arabic, Persian, Hebrew) that agrees with a Latin one in its
 * consonants says they are the same name. Many names share a consonant skeleton, so such agreement counts for less
 * than a Latin spelling that agrees letter by letter: a little less when the skeletons are equal and the written long
 * vowels agree (LOSSY_AGREES), more when they only come near (LOSSY_NEAR). Set on the development set, where
 * Arabic-script travellers made most of the false alerts just under the threshold: محمد يوسف حسين still scores 0.62
 * against Mohammed Yousef Hussein, and the positives found at one false alert per 1,000 rose from 0.794 to 0.805.
 */
export const LOSSY_AGREES = 0.92;
export const LOSSY_NEAR = 0.85;

/** Similarity in [0, 1] of token ia of table ta (query side) and token ib of table tb; the reason in lastHow. */
export function tokenSimilarity(ta: TokenTable, ia: number, tb: TokenTable, ib: number): number {
  const s = similarityAsWritten(ta, ia, tb, ib);
  if (s > 0 || !mayReadCh(ta, ia, tb, ib)) return s;
  const c = chSimilarity(ta.ascii[ia]!, tb.ascii[ib]!);
  if (c > 0) lastHow = HOW_PHONETIC;
  return c;
}

/**
 * The edits tokenSimilarity forgives between spellings of these lengths: none below four letters, one for four against
 * five or more (Qumu / Qhumu), one up to eight, two beyond.
 */
export function maxEdits(la: number, lb: number): number {
  const minLen = la < lb ? la : lb;
  return minLen < 4 ? 0 : minLen === 4 ? (la > 4 || lb > 4 ? 1 : 0) : minLen <= 8 ? 1 : 2;
}

const H_LETTER = 1 << 7;
const CH_LETTERS = (1 << 2) | H_LETTER;
const KH_LETTERS = (1 << 10) | H_LETTER;
const LETTER_C = 99;
const LETTER_K = 107;

/**
 * Whether chSimilarity may find two tokens alike, from the table's numbers: one has a C and an H, neither is from a
 * lossy script, a syllable or an initial, their lengths are within two, and they start with the same letter or with C
 * against K (CHRISTIAN, KRISTIAN).
 */
export function mayReadCh(ta: TokenTable, ia: number, tb: TokenTable, ib: number): boolean {
  if ((ta.letters[ia]! & CH_LETTERS) !== CH_LETTERS && (tb.letters[ib]! & CH_LETTERS) !== CH_LETTERS) return false;
  if (((ta.flags[ia]! | tb.flags[ib]!) & (TOKEN_LOSSY | TOKEN_SYLLABIC | TOKEN_INITIAL)) !== 0) return false;
  const gap = ta.length[ia]! - tb.length[ib]!;
  if (gap > 2 || gap < -2) return false;
  const x = ta.first[ia]!;
  const y = tb.first[ib]!;
  return x === y || (x === LETTER_C && y === LETTER_K) || (x === LETTER_K && y === LETTER_C);
}

/**
 * A word's CH as K, where it is K or KH in the spelling: CHR and CHL at the start (Greek: CHRISTOS, CHLOE), CH between
 * vowels (Greek and Dutch: NICHOLAS, MICHAEL, MOCHAMMAD), and KH after a vowel before a consonant (Dutch and
 * Indonesian for خ: ACHMAD, MOCHTAR, ACHWAN). SCH and TCH stay, and so does CH before a vowel at the start (CHEN,
 * CHARLES, CHAVEZ), which is English, French, Spanish or Chinese.
 */
function kReading(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (c !== 'c' || word[i + 1] !== 'h' || (i > 0 && (word[i - 1] === 's' || word[i - 1] === 't'))) {
      out += c;
      continue;
    }
    const prev = word[i - 1];
    const next = word[i + 2];
    if (i === 0) out += next === 'r' || next === 'l' ? 'k' : 'ch';
    else if (isVowelLetter(prev)) out += isVowelLetter(next) ? 'k' : 'kh';
    else out += 'ch';
    i++;
  }
  return out;
}

function isVowelLetter(c: string | undefined): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || c === 'y';
}

/** kReading and the skeleton of the reading, by spelling (bounded, as foldedSpellings). */
const kReadings = new Map<string, readonly [reading: string, skeleton: string]>();

function cachedReading(word: string): readonly [reading: string, skeleton: string] {
  let r = kReadings.get(word);
  if (r === undefined) {
    if (kReadings.size >= MAX_CACHED_FOLDED) kReadings.clear();
    const reading = kReading(word);
    r = [reading, tokenSkeleton(reading)];
    kReadings.set(word, r);
  }
  return r;
}

/** Whether a word with these letters (its letterMask) may have another CH or KH spelling (forEachChSkeleton). */
export function mayRespellCh(letters: number): boolean {
  return (letters & CH_LETTERS) === CH_LETTERS || (letters & KH_LETTERS) === KH_LETTERS;
}

/**
 * Calls `each` with the skeleton of each other spelling of a word (ascii, letters: its letterMask, skel: its own
 * skeleton) that chSimilarity may find alike it where their skeletons differ, for blocking to ask for: its CH read as
 * K (ACHWAN is AKHWAN, CHRISTOS KRISTOS; kReading), and a KH after a vowel written CH as Dutch and Indonesian spellings
 * write it (AKHWAN is ACHWAN, MUKHTAR MUCHTAR). Cheap for a word without an H and a C or K (a test of its letter mask).
 */
export function forEachChSkeleton(
  ascii: string,
  letters: number,
  skel: string,
  each: (skeleton: string) => void,
): void {
  if ((letters & CH_LETTERS) === CH_LETTERS) {
    const reading = cachedReading(ascii)[1];
    if (reading !== skel && reading.length > 0) each(reading);
  }
  if ((letters & KH_LETTERS) === KH_LETTERS) {
    const written = ascii.replace(/([aeiouy])kh/g, '$1ch');
    if (written !== ascii) {
      const other = tokenSkeleton(written);
      if (other !== skel && other.length > 0) each(other);
    }
  }
}

/**
 * Two spellings alike once a CH in either is read as K (kReading): as written, CH is the skeleton's S, so CHRISTIAN and
 * KRISTIAN, NICHOLAS and NIKOLAS, MOCHAMMAD and MUHAMMAD, ACHWAN and AKHWAN share nothing. The same reading 0.9; else as
 * tokenSimilarity takes spellings that agree in their skeletons (0.86), by an edit or two (0.84), or in skeletons one
 * cheap step apart (0.84). Read by the token alone, not into whole-name readings: those scored 1.0 and raised five more
 * false alerts on the development set (Zachary Le ~ Zakariya); this raises none there, and finds one positive more.
 */
export function chSimilarity(a: string, b: string): number {
  const [ra, sa] = cachedReading(a);
  const [rb, sb] = cachedReading(b);
  if (ra === a && rb === b) return 0;
  if (ra === rb) return 0.9;
  if (sa.length === 0 || sb.length === 0 || sa.charCodeAt(0) !== sb.charCodeAt(0) || sa.charCodeAt(0) === 126) return 0;
  if (sa === sb && jaroWinkler(ra, rb) >= 0.78) return 0.86;
  const maxEd = maxEdits(ra.length, rb.length);
  if (maxEd > 0 && editDistance(ra, rb, maxEd) <= maxEd) return 0.84;
  if (sa.length >= 3 && sb.length >= 3 && skeletonsNear(sa, sb) && jaroWinkler(ra, rb) >= 0.75) return 0.84;
  return 0;
}

function similarityAsWritten(ta: TokenTable, ia: number, tb: TokenTable, ib: number): number {
  const fa = ta.flags[ia]!;
  const fb = tb.flags[ib]!;
  const translit = ((fa ^ fb) & TOKEN_TRANSLIT) !== 0;
  lastHow = HOW_NONE;
  // Strings are compared only where their hashes agree (the table's numbers are in cache, its strings not).
  const ha = ta.spellHash[ia]!;
  const hb = tb.spellHash[ib]!;
  if (ha === hb && ta.ascii[ia] === tb.ascii[ib]) {
    lastHow = translit ? HOW_TRANSLIT : HOW_EXACT;
    return 1;
  }
  // The alternative of a word romanised from Chinese characters or Hangul is its folding (tokens.ts), compared in
  // syllabicScore as the syllables it folds are: it is no second spelling of the word.
  const xa = (fa & TOKEN_SYLLABIC) === 0 ? ta.altHash[ia]! : 0;
  const xb = (fb & TOKEN_SYLLABIC) === 0 ? tb.altHash[ib]! : 0;
  // Either alternative spelling against the other token's spelling or alternative (0: no alternative).
  if (
    (xa !== 0 && ((xa === hb && ta.alt[ia] === tb.ascii[ib]) || (xa === xb && ta.alt[ia] === tb.alt[ib]))) ||
    (xb !== 0 && xb === ha && tb.alt[ib] === ta.ascii[ia])
  ) {
    lastHow = HOW_VARIANT;
    return 0.97;
  }
  if (((fa | fb) & TOKEN_INITIAL) !== 0) {
    if ((fa & fb & TOKEN_INITIAL) !== 0 || ((fa | fb) & TOKEN_LOSSY) !== 0) return 0;
    if (ta.first[ia] === tb.first[ib]) {
      lastHow = HOW_INITIAL;
      return 0.8;
    }
    return 0;
  }
  if (((fa | fb) & TOKEN_SYLLABIC) !== 0) return syllabicSimilarity(ta, ia, tb, ib);
  if (headTailTokens(ta, ia, tb, ib)) {
    lastHow = HOW_PHONETIC;
    return HEAD_TAIL;
  }
  if (((fa | fb) & TOKEN_LOSSY) !== 0) {
    // Only the consonant skeleton is comparable with a spelling from Arabic or Hebrew script: as romanised, and by the
    // other reading of its letters (translit/arabic.ts, arabicAlternative: Persian V, Z, S; Egyptian G).
    let s = lossySimilarity(
      ta.ascii[ia]!,
      ta.skel[ia]!,
      ta.slots[ia]!,
      ta.soundLossy[ia]!,
      fa,
      tb.ascii[ib]!,
      tb.skel[ib]!,
      tb.slots[ib]!,
      tb.soundLossy[ib]!,
      fb,
    );
    if (s < LOSSY_BEST && (ta.altHash[ia] !== 0 || tb.altHash[ib] !== 0)) {
      const r = lossyAltSimilarity(ta, ia, tb, ib);
      if (r > s) s = r;
    }
    if (s > 0) lastHow = HOW_TRANSLIT;
    return s;
  }
  const sameStart = ta.sound[ia] === tb.sound[ib];
  if (!sameStart) {
    // Most pairs a query meets start differently. Then only the edit distance below can find them alike, and
    // only within maxEd edits: rule that out from the lengths and letters before touching the strings (one edit
    // changes at most two bits of the letter masks). Everything else needs the same start.
    // A Q against a G (Q_AS_G) is the exception.
    if (startsQAsG(ta.sound[ia]!, tb.sound[ib]!) && qAsG(ta.ascii[ia]!, ta.skel[ia]!, tb.ascii[ib]!, tb.skel[ib]!)) {
      lastHow = translit ? HOW_TRANSLIT : HOW_PHONETIC;
      return Q_AS_G;
    }
    const la = ta.length[ia]!;
    const lb = tb.length[ib]!;
    const maxEd = maxEdits(la, lb);
    if (maxEd === 0 || Math.abs(la - lb) > maxEd || bitCount(ta.letters[ia]! ^ tb.letters[ib]!) > 2 * maxEd) {
      // W against V at the start (VALED, WALID) is the other exception.
      if (!mayBeWAsV(ta, ia, tb, ib) || !wAsV(ta.ascii[ia]!, tb.ascii[ib]!)) return 0;
      lastHow = translit ? HOW_TRANSLIT : HOW_PHONETIC;
      return W_AS_V;
    }
  }
  const a = ta.ascii[ia]!;
  const b = tb.ascii[ib]!;
  const sa = ta.skel[ia]!;
  const sb = tb.skel[ib]!;
  const minLen = Math.min(a.length, b.length);
  // Letters the spellings do not share: each edit changes at most two (see letterMask), so the edit distance is only
  // computed where the lengths and these allow it to be small enough.
  const lengthGap = Math.abs(a.length - b.length);
  const letterGap = bitCount(ta.letters[ia]! ^ tb.letters[ib]!);
  let s = 0;
  let ed = -1;
  // The Jaro–Winkler similarity of the spellings, computed once when first needed (-1 before).
  let jw = -1;
  if (sa === sb && sameStart && sa.charCodeAt(0) !== 126) {
    if (minLen <= 4) {
      ed = lengthGap <= 1 && letterGap <= 2 ? editDistance(a, b, 1) : 2;
      if (ed <= 1) s = 0.88;
      else if (plainAlike(a, b, false)) s = VOWEL_SPELLING;
    } else {
      // Same consonants but spelled far apart (Samra / Siwumar) is coincidence, not a romanisation variant.
      jw = jaroWinkler(a, b);
      if (jw >= (translit ? 0.7 : 0.78)) s = 0.88 + 0.1 * clamp01((jw - 0.78) / 0.22);
      else if (plainAlike(a, b, true)) s = VOWEL_SPELLING;
    }
    if (s > 0) lastHow = translit ? HOW_TRANSLIT : HOW_PHONETIC;
  }
  // Four letters against five or more: one inserted letter (Qumu / Qhumu) is still a spelling of the name.
  const maxEd = maxEdits(a.length, b.length);
  if (maxEd > 0 && s < 0.88) {
    if (ed < 0) ed = lengthGap <= maxEd && letterGap <= 2 * maxEd ? editDistance(a, b, maxEd) : maxEd + 1;
    if (ed <= maxEd) {
      const f = ed <= 1 ? 0.88 : 0.82;
      if (f > s) {
        s = f;
        lastHow = HOW_FUZZY;
      }
    }
  }
  if (s < 0.84 && sameStart && sa.length >= 3 && sb.length >= 3 && Math.abs(sa.length - sb.length) <= 1) {
    const near = skeletonsNear(sa, sb);
    if (near && jw < 0) jw = jaroWinkler(a, b);
    const p = near && jw >= 0.75 ? 0.84 : 0;
    if (p > s) {
      s = p;
      lastHow = translit ? HOW_TRANSLIT : HOW_PHONETIC;
    }
  }
  if (s < Z_AS_D && sameStart && sa.length === sb.length && sa.length >= 2 && zAsD(sa, sb)) {
    if (jw < 0) jw = jaroWinkler(a, b);
    if (jw >= Z_AS_D_SPELLING) {
      s = Z_AS_D;
      lastHow = translit ? HOW_TRANSLIT : HOW_PHONETIC;
    }
  }
  if (s < Q_AS_G && sameStart && qAsGhWithin(a, sa, b, sb)) {
    if (jw < 0) jw = jaroWinkler(a, b);
    if (jw >= Q_AS_GH_SPELLING) {
      s = Q_AS_G;
      lastHow = translit ? HOW_TRANSLIT : HOW_PHONETIC;
    }
  }
  if (s < W_AS_V && mayBeWAsV(ta, ia, tb, ib) && wAsV(a, b)) {
    s = W_AS_V;
    lastHow = translit ? HOW_TRANSLIT : HOW_PHONETIC;
  }
  if (s === 0 && sameStart && minLen >= 3) {
    // Short names spell long vowels either way (Saeed / Sa'id, Ameer / Amir, Leena / Lina), and Cyrillic Г is
    // H in Ukrainian and Belarusian romanisation where Russian has G (Ihor / Igor, Hryhoriy / Grigoriy).
    if (sa === sb && minLen <= 4 && sa.charCodeAt(0) !== 126 && foldLongVowels(a) === foldLongVowels(b)) s = 0.86;
    else if (
      sa !== sb &&
      minLen >= 4 &&
      // H → G keeps the length: skeletons of different lengths cannot agree, nor can their classes once H is G.
      sa.length === sb.length &&
      hAsG(ta.skelMask[ia]!) === hAsG(tb.skelMask[ib]!) &&
      sa.replace(/H/g, 'G') === sb.replace(/H/g, 'G') &&
      (jw < 0 ? jaroWinkler(a, b) : jw) >= 0.8
    )
      s = 0.84;
    if (s > 0) lastHow = translit ? HOW_TRANSLIT : HOW_PHONETIC;
  }
  return s;
}

/** The most lossySimilarity gives (skeletons equal, written long vowels agreeing). */
const LOSSY_BEST = 0.93 * LOSSY_AGREES;

/**
 * Similarity of two spellings at least one of which is from a script without short vowels (flags fa, fb say which),
 * by their skeletons (sa, sb), vowel slots and first sounds (TokenTable.soundLossy): equal skeletons whose written long
 * vowels agree, or skeletons a little apart (writtenSkeletonDistance); starting differently, only a Q against a G.
 */
function lossySimilarity(
  a: string,
  sa: string,
  slotsA: string,
  soundA: number,
  fa: number,
  b: string,
  sb: string,
  slotsB: string,
  soundB: number,
  fb: number,
): number {
  const sameStart = soundA === soundB;
  if (!sameStart && !startsQAsG(soundA, soundB)) return 0;
  const qg = sameStart ? qAsGhWithin(a, sa, b, sb) : qAsGSkeleton(a, sa, b, sb);
  if (!sameStart && !qg) return 0;
  if (sa === sb || qg) {
    const both = (fa & fb & TOKEN_LOSSY) !== 0;
    const ok = both || ((fa & TOKEN_LOSSY) !== 0 ? slotsAgree(slotsA, slotsB) : slotsAgree(slotsB, slotsA));
    if (!ok) return 0.5 * LOSSY_NEAR;
    return sa.length >= 2 ? LOSSY_BEST : 0.85 * LOSSY_NEAR;
  }
  if (sa.length >= 2 && sb.length >= 2 && sa.charCodeAt(0) !== 126 && sb.charCodeAt(0) !== 126) {
    const d = writtenSkeletonDistance(sa, sb);
    if (d <= 0.5) return 0.85 * LOSSY_NEAR;
    if (d <= 1 && sa.length >= 4 && sb.length >= 4) return 0.76 * LOSSY_NEAR;
  }
  return 0;
}

/** Skeleton, vowel slots and first sound of an alternative reading of a lossy spelling, by spelling (bounded). */
const lossyReadings = new Map<string, readonly [skeleton: string, slots: string, sound: number]>();

function lossyReadingOf(alt: string): readonly [skeleton: string, slots: string, sound: number] {
  let r = lossyReadings.get(alt);
  if (r === undefined) {
    if (lossyReadings.size >= MAX_CACHED_FOLDED) lossyReadings.clear();
    const skel = tokenSkeleton(alt, true);
    const slots = lastVowelSlots();
    // The first sound as TokenTable.soundLossy has it (token-table.ts, firstSound): a vowel, W among them, is 1.
    const c = alt.charCodeAt(0);
    const vowel = c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121 || c === 119;
    r = [skel, slots, vowel ? 1 : skel.charCodeAt(0)];
    lossyReadings.set(alt, r);
  }
  return r;
}

/**
 * lossySimilarity of a lossy token's alternative reading (translit/arabic.ts, arabicAlternative: وحید as VAHID, جمال
 * as GAMAL) against the other token's spelling, the better of the two tokens' readings; 0 when neither is a lossy
 * token with one. The score bound asks it too (query-token-bounds.ts).
 */
export function lossyAltSimilarity(ta: TokenTable, ia: number, tb: TokenTable, ib: number): number {
  let s = 0;
  for (const [t1, i1, t2, i2] of [
    [ta, ia, tb, ib],
    [tb, ib, ta, ia],
  ] as const) {
    const f1 = t1.flags[i1]!;
    if (t1.altHash[i1] === 0 || (f1 & TOKEN_LOSSY) === 0) continue;
    const alt = t1.alt[i1]!;
    const [skel, slots, sound] = lossyReadingOf(alt);
    const f2 = t2.flags[i2]!;
    const r = lossySimilarity(
      alt,
      skel,
      slots,
      sound,
      f1,
      t2.ascii[i2]!,
      t2.skel[i2]!,
      t2.slots[i2]!,
      t2.soundLossy[i2]!,
      f2,
    );
    if (r > s) s = r;
  }
  return s;
}

/**
 * W and V are one letter in the romanisation of many languages: Arabic and Persian و (WALID, VALID; JAWAD, JAVAD;
 * FADWI, FADAVI), Thai ว (WORAWAT, VORAWAT; WINAI, VINAI), Polish and German against English (PETROW, PETROV;
 * WLADIMIR, VLADIMIR). The skeleton drops a W as a glide and writes V as F, so with another difference besides
 * (a vowel put in or changed) the spellings share neither skeleton nor an edit within reach. Where one spelling has a
 * W the other has not, and the other a V, both are read with W as V: the same skeleton, and the spellings so read
 * alike (Jaro–Winkler W_AS_V_SPELLING), score as a vowel spelling does (VOWEL_SPELLING).
 */
const W_AS_V = 0.86;
const W_AS_V_SPELLING = 0.8;
const LETTER_V = 1 << 21;
const LETTER_W = 1 << 22;

/** The skeleton class F in a skeletonMask, which V is written as and a W read as V adds. */
const SKELETON_F = 1 << 5;

/**
 * Whether wAsV may find two spellings alike, from their letter masks (letterMask) and skeleton masks (skeletonMask): a
 * W and a V between them, one of them in one spelling only, and the same skeleton classes but for F. The scorer and
 * the score bound (token-sketch.ts) both ask it.
 */
export function mayBeWAsVMasks(la: number, lb: number, ma: number, mb: number): boolean {
  const both = LETTER_V | LETTER_W;
  return ((la | lb) & both) === both && ((la ^ lb) & both) !== 0 && ((ma ^ mb) & ~SKELETON_F) === 0;
}

function mayBeWAsV(ta: TokenTable, ia: number, tb: TokenTable, ib: number): boolean {
  return mayBeWAsVMasks(ta.letters[ia]!, tb.letters[ib]!, ta.skelMask[ia]!, tb.skelMask[ib]!);
}

/** Whether spellings a and b, each read with W as V, have the same skeleton and are alike (see W_AS_V). */
function wAsV(a: string, b: string): boolean {
  const va = a.replace(/w/g, 'v');
  const vb = b.replace(/w/g, 'v');
  if (va === vb) return true;
  const sa = skeleton(va);
  return sa.length > 0 && sa === skeleton(vb) && jaroWinkler(va, vb) >= W_AS_V_SPELLING;
}

/**
 * Arabic ق (qaf) is romanised Q, K or, after Persian and the Gulf and Egyptian dialects, GH or G: QASEMI is GHASEMI,
 * QORBANI GHORBANI, QADHAFI GADDAFI. Where the letter is not first, the skeletons are one class apart and
 * skeletonsNear finds the pair (BAQERI, BAGHERI); first, it fails the same-start test, so startsQAsG and qAsG let
 * it through: only a word written with Q against one written with G (not K against G: Kina is not Gina), the
 * skeletons the same once G is K, and the spellings otherwise alike. Scored as the nearest phonetic variants are;
 * against Arabic or Persian script (قاسمی, romanised QASMY), as a skeleton that agrees.
 */
const Q_AS_G = 0.84;
const SOUND_K = 75;
const SOUND_G = 71;

function startsQAsG(soundA: number, soundB: number): boolean {
  return (soundA === SOUND_K && soundB === SOUND_G) || (soundA === SOUND_G && soundB === SOUND_K);
}

/** Whether a and b (skeletons sa, sb) start with Q against G or GH and have the same skeleton after it. */
function qAsGSkeleton(a: string, sa: string, b: string, sb: string): boolean {
  if (sa.length !== sb.length || sa.length < 2) return false;
  const qa = a.charCodeAt(0) === 113;
  const qb = b.charCodeAt(0) === 113;
  if (qa === qb || (qa ? b : a).charCodeAt(0) !== 103) return false;
  for (let i = 1; i < sa.length; i++) if (sa.charCodeAt(i) !== sb.charCodeAt(i)) return false;
  return true;
}

/** Whether spellings a and b (skeletons sa, sb) differ as Q against G or GH (see Q_AS_G). */
export function qAsG(a: string, sa: string, b: string, sb: string): boolean {
  // The rest of the spelling alike: past the first consonant (Q, G or GH), the words agree but for a letter or two.
  return qAsGSkeleton(a, sa, b, sb) && jaroWinkler(afterQOrG(a), afterQOrG(b)) >= 0.85;
}

/**
 * Persian romanises ق as GH where Arabic romanisation writes Q, past a word's first letter as at its start: TAGHI is
 * TAQI, NAGHI NAQI, YAGHOUB YAQUB, SADEGH SADIQ. skeletonsNear already finds the words of three classes or more
 * (SADEGHI, SADIQI); this finds the short ones, and a Latin GH against a Q from Persian or Arabic script (تقی, TQY).
 * Whether skeletons sa and sb differ only where one has K and the other G (startsQAsG compares the two classes), one
 * spelling writing Q and the other GH; the caller compares the spellings (Q_AS_GH_SPELLING, or slotsAgree).
 */
export function qAsGhWithin(a: string, sa: string, b: string, sb: string): boolean {
  // The first classes may differ only past a first vowel (YAQUB, YAGHOUB): the callers ask for the same first sound.
  if (sa.length !== sb.length || sa.length < 2) return false;
  let differ = false;
  for (let i = 0; i < sa.length; i++) {
    const x = sa.charCodeAt(i);
    const y = sb.charCodeAt(i);
    if (x === y) continue;
    if (!startsQAsG(x, y)) return false;
    differ = true;
  }
  if (!differ) return false;
  const qa = a.includes('q');
  return qa !== b.includes('q') && (qa ? b : a).includes('gh');
}
/** Jaro–Winkler similarity of the Latin spellings qAsGhWithin takes (TAGHI/TAQI 0.87, YAGHOUB/YAQUB 0.84). */
const Q_AS_GH_SPELLING = 0.8;

/** A word past its first consonant, Q, G or GH. */
function afterQOrG(w: string): string {
  return w.slice(w.charCodeAt(0) === 103 && w.charCodeAt(1) === 104 ? 2 : 1);
}

/**
 * Arabic ض and ذ are D, DH or DZ in Arabic romanisation and Z in Persian, Urdu and Turkish: REZA is RIDA or RIDHA,
 * MORTEZA MURTADA, RAMAZAN RAMADAN. Skeletons that differ only where one has Z and the other D, past the first
 * class, are the same name if the spellings are otherwise near (Jaro–Winkler at least Z_AS_D_SPELLING: the vowels
 * change with the dialect too). Short skeletons (RZ, RD) and spellings further apart than skeletonsNear allows are
 * what this adds; a Z against a D at the start (Zina, Dina) is not.
 */
const Z_AS_D = 0.84;
const Z_AS_D_SPELLING = 0.65;

/** Whether skeletons sa and sb (same length) differ, only by Z against D and never in their first class. */
export function zAsD(sa: string, sb: string): boolean {
  if (sa === sb || sa.charCodeAt(0) !== sb.charCodeAt(0)) return false;
  for (let i = 1; i < sa.length; i++) {
    const x = sa.charCodeAt(i);
    const y = sb.charCodeAt(i);
    if (x !== y && !((x === 90 && y === 68) || (x === 68 && y === 90))) return false;
  }
  return true;
}

/** A skeletonMask with H counted as G. */
export function hAsG(mask: number): number {
  return (mask & SKEL_H) === 0 ? mask : (mask & ~SKEL_H) | SKEL_G;
}
const SKEL_H = 1 << 7;
const SKEL_G = 1 << 6;

/** Number of bits set in a 32-bit integer. */
export function bitCount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * An alias often leaves out the Abd of a theophoric name: Abdul Aziz is known as Aziz, Abd al-Rahman as Rahman. The
 * tokenizer joins the compound into one word (ABDAZIZ, tokens.ts: joinCompounds), whose tail is then the alias: it
 * scores below any spelling of the whole name, as a part of it. On the development set: 2 more Latin aliases in the
 * top 10 (HAQQANI, Aziz for HAQQANI, Abdul Aziz), the same false alerts. The Abu of a kunya or of a family name
 * formed on one (ABU TORAB, ABU SHANAB), joined the same way, is left out the same way (2.28.0): on the development
 * set, 12 more positives ranked first, 2 more in the top 10, 21 more found at the threshold, the same false alerts.
 * (Keying the words after Abu for blocking as well found fewer: the kunyas it brought in took the places of others.)
 */
const HEAD_TAIL = 0.7;
const LETTER_A = 97;

/**
 * Whether token ia of ta is token ib of tb with ABD or ABU before it, or the other way round (see headTail): three
 * letters apart, the longer starting with A, which most pairs fail before their strings are read.
 */
export function headTailTokens(ta: TokenTable, ia: number, tb: TokenTable, ib: number): boolean {
  const gap = ta.length[ia]! - tb.length[ib]!;
  return (
    (gap === 3 ? ta.first[ia] === LETTER_A : gap === -3 && tb.first[ib] === LETTER_A) &&
    headTail(ta.ascii[ia]!, tb.ascii[ib]!)
  );
}

/** Whether one of two spellings is the other with ABD or ABU before it (a compound joined by the tokenizer). */
function headTail(a: string, b: string): boolean {
  return a.length > b.length ? headedBy(a, b) : headedBy(b, a);
}

function headedBy(compound: string, tail: string): boolean {
  return tail.length >= 3 && (compound.startsWith('abd') || compound.startsWith('abu')) && compound.endsWith(tail);
}

/**
 * Two spellings with the same consonants that differ in how they write the vowels and doubled letters, and in Q for
 * K: QASIM is KASSEM, FOUAZ FAWAZ, SHARY SHERRI. Jaro–Winkler counts each of those letters against them; on the
 * spellings written plain (plainVowels) they agree (Jaro–Winkler 0.78, as for spellings compared as written, also
 * where one was transliterated: the 0.7 allowed there raised two more false alerts on the development set). Scored
 * as the short names whose long vowels are spelt either way.
 * On the development set: 4 more Latin aliases in the top 10 (6 found, 2 pushed out by namesakes), 0.811 of the
 * positives found at the threshold instead of 0.809, the same 19 false alerts. Words of four letters or fewer, which
 * Jaro–Winkler judges too harshly, must be the same written plain (ALEIK is ALIQ): 3 more Latin aliases, 0.814 found,
 * the same 19 false alerts.
 */
const VOWEL_SPELLING = 0.86;

/**
 * Whether two spellings agree with their vowels written plain (plainVowels), the diphthong EI read as I or as AI: by
 * Jaro–Winkler (0.78) when `fuzzy`, else letter for letter (short words, which Jaro–Winkler judges too harshly).
 */
function plainAlike(a: string, b: string, fuzzy: boolean): boolean {
  for (const diphthong of [false, true]) {
    const pa = plainVowels(a, diphthong);
    const pb = plainVowels(b, diphthong);
    if (fuzzy ? jaroWinkler(pa, pb) >= 0.78 : pa === pb) return true;
  }
  return false;
}

/**
 * A spelling with its vowels written plain: E and Y as I, O as U, W as U after the first letter (FAWAZ is FAUAZ), Q
 * as K, and a letter written twice once (KASSEM is KASIM, FOUAZ FUAZ). With `diphthong`, an E before I or Y is A, as
 * the diphthong is written either way (SEIF is SAYF, ZEIN ZAYN, MEIER MAYER); without, ALEIK is ALIQ.
 */
function plainVowels(t: string, diphthong: boolean): string {
  let out = '';
  let last = -1;
  for (let i = 0; i < t.length; i++) {
    let c = t.charCodeAt(i);
    if (c === 113) c = 107;
    else if (c === 101) {
      const next = t.charCodeAt(i + 1);
      c = diphthong && (next === 105 || next === 121) ? 97 : 105;
    } else if (c === 121) c = 105;
    else if (c === 111 || (c === 119 && i > 0)) c = 117;
    if (c !== last) out += String.fromCharCode(c);
    last = c;
  }
  return out;
}

/** English spellings of long vowels folded to the vowel (ee → i, oo and ou → u), apostrophes already gone. */
function foldLongVowels(t: string): string {
  return t
    .replace(/ee/g, 'i')
    .replace(/oo|ou/g, 'u')
    .replace(/ae|ai|ay/g, 'a');
}

/**
 * Whether the long vowels an Arabic-script spelling writes (ا ي و) appear in the Latin spelling's vowels at the
 * same place, and whether the Latin long vowels (ee, ou, ai, ay) have a written vowel there: حسين is Husayn or
 * Hussein, not Hassan. Slot 0 (before the first consonant) is skipped: an initial alif or ع only carries a vowel.
 */
function slotsAgree(lossy: string, latin: string): boolean {
  if (lossy.length !== latin.length) return true;
  for (let k = 1; k < lossy.length; k++) {
    const l = lossy.charCodeAt(k) - 64;
    const t = latin.charCodeAt(k) - 64;
    if ((l & SLOT_ANY) !== 0) continue;
    if ((l & SLOT_I) !== 0 && (t & SLOT_I) === 0) return false;
    if ((l & SLOT_U) !== 0 && (t & SLOT_U) === 0) return false;
    if ((l & SLOT_A) !== 0 && (t & SLOT_A) === 0) return false;
    if (l === 0 && (t & SLOT_LONG) !== 0) return false;
    // A final -i (nisba, ي) is always written in Arabic script.
    if (k === lossy.length - 1 && l === 0 && (t & SLOT_I) !== 0 && (t & SLOT_A) === 0) return false;
  }
  return true;
}

/**
 * Folded spellings by spelling, for the query's tokens: its table is cleared for every query, and the same
 * syllables come back in query after query.
 */
const foldedSpellings = new Map<string, string>();
const MAX_CACHED_FOLDED = 1 << 16;

/**
 * The folded spelling of token i of t, cached: its alternative where that is the folding of its language (TOKEN_FOLDED:
 * a Chinese name's by Pinyin and Wade–Giles, a Korean one's by every romanisation of Korean, tokens.ts), else the
 * folding common to both (plainFolded).
 */
export function foldedOf(t: TokenTable, i: number): string {
  let f = t.folded[i];
  if (f === undefined) {
    f = (t.flags[i]! & TOKEN_FOLDED) !== 0 && t.alt[i] !== '' ? t.alt[i]! : plainFolded(t.ascii[i]!);
    t.folded[i] = f;
  }
  return f;
}

/** A spelling folded by foldSyllables (romanisation differences Chinese and Korean syllables share), cached. */
export function plainFolded(ascii: string): string {
  let f = foldedSpellings.get(ascii);
  if (f === undefined) {
    if (foldedSpellings.size >= MAX_CACHED_FOLDED) foldedSpellings.clear();
    f = foldSyllables(ascii);
    foldedSpellings.set(ascii, f);
  }
  return f;
}

/**
 * Chinese and Korean syllables: equal once romanisation differences are folded, or no match. Folded as each token's
 * language folds it (foldedOf), or, where one is folded so and the other not (a Korean name whose surname no list
 * knows: 노무현 and No Moo-hyeon), both by the common folding only.
 */
export function syllabicScore(ta: TokenTable, ia: number, tb: TokenTable, ib: number): number {
  let a = foldedOf(ta, ia);
  let b = foldedOf(tb, ib);
  if (a === b) return 0.92;
  // Against Hangul, O and U are one vowel (translit/korean.ts, koreanVowelsMerged).
  const hangul = ((ta.flags[ia]! | tb.flags[ib]!) & TOKEN_HANGUL) !== 0;
  if (hangul) {
    a = koreanVowelsMerged(a);
    b = koreanVowelsMerged(b);
    if (a === b) return 0.92;
  }
  const fa = ta.flags[ia]! & TOKEN_FOLDED;
  const fb = tb.flags[ib]! & TOKEN_FOLDED;
  // Both folded as their languages fold them: those say it (Wade–Giles HSÜ is XU, not the XUE that 薛 is).
  if ((fa | fb) === 0 || (fa & fb) !== 0) return oneEditApart(a, b) ? 0.8 : 0;
  let pa = plainFolded(ta.ascii[ia]!);
  let pb = plainFolded(tb.ascii[ib]!);
  if (hangul) {
    pa = koreanVowelsMerged(pa);
    pb = koreanVowelsMerged(pb);
  }
  if (pa === pb) return 0.92;
  return oneEditApart(a, b) || oneEditApart(pa, pb) ? 0.8 : 0;
}

/** Whether two folded spellings of seven letters or more are one edit apart. */
function oneEditApart(a: string, b: string): boolean {
  return a.length >= 7 && b.length >= 7 && editDistance(a, b, 1) <= 1;
}

/**
 * Whether folded syllables `a` are `b` then `c`, each side folded as its language folds it (foldedOf) or by the common
 * folding (plainFolded), and a surname folded to its common spelling read as written (Kim Tae-jung: JUNG, not the
 * surname JEONG; Lee Myung-bak: BAK, not PARK), by Korean folding.
 */
function joinsFolded(t1: TokenTable, one: number, t2: TokenTable, x: number, y: number): boolean {
  // Against Hangul, O and U are one vowel (translit/korean.ts, koreanVowelsMerged).
  const merged = ((t1.flags[one]! | t2.flags[x]! | t2.flags[y]!) & TOKEN_HANGUL) !== 0;
  const fa = foldedOf(t1, one);
  const pa = plainFolded(t1.ascii[one]!);
  const bx = foldedOf(t2, x);
  const px = plainFolded(t2.ascii[x]!);
  const by = foldedOf(t2, y);
  const py = plainFolded(t2.ascii[y]!);
  if (joinsAs(merged, fa, bx, by) || (pa !== fa && joinsAs(merged, pa, px, py))) return true;
  const wx = t2.written[x]!;
  const wy = t2.written[y]!;
  if (wx === '' && wy === '') return false;
  const kx = wx === '' ? bx : foldKoreanRomanisation(wx);
  const ky = wy === '' ? by : foldKoreanRomanisation(wy);
  const qx = wx === '' ? px : plainFolded(wx);
  const qy = wy === '' ? py : plainFolded(wy);
  return joinsAs(merged, fa, kx, ky) || joinsAs(merged, pa, qx, qy);
}

function joins(a: string, b: string, c: string): boolean {
  return a.length === b.length + c.length && a.startsWith(b) && a.endsWith(c);
}

/** joins, with O and U as one vowel when `merged`. */
function joinsAs(merged: boolean, a: string, b: string, c: string): boolean {
  if (joins(a, b, c)) return true;
  return merged && joins(koreanVowelsMerged(a), koreanVowelsMerged(b), koreanVowelsMerged(c));
}

function syllabicSimilarity(ta: TokenTable, ia: number, tb: TokenTable, ib: number): number {
  const s = syllabicScore(ta, ia, tb, ib);
  if (s > 0) lastHow = HOW_TRANSLIT;
  return s;
}

/** The reason of the last tokenSimilarity call. */
export function lastTokenHow(): number {
  return lastHow;
}

/** Sets the reason a memoised similarity had, as if tokenSimilarity had just computed it. */
export function recallTokenHow(h: number): void {
  lastHow = h;
}

/** Base weight of a token by its kind, before frequency weighting. */
export function kindWeight(flags: number): number {
  if ((flags & TOKEN_TITLE) !== 0) return 0.05;
  if ((flags & TOKEN_PARTICLE) !== 0) return 0.15;
  if ((flags & TOKEN_INITIAL) !== 0) return 0.4;
  return 1;
}

// Scratch for one comparison (tokens are capped at MAX_TOKENS per name).
const N = MAX_TOKENS;
const sim = new Float64Array(N * N);
const how = new Uint8Array(N * N);
/** For each query token of the last comparison: the candidate token it matched, or -1. */
export const matchOfQuery = new Int32Array(N);
/** For each query token: the second candidate token when it matched two joined ones, or -1. */
export const matchOfQuery2 = new Int32Array(N);
export const matchScore = new Float64Array(N);
export const matchHow = new Uint8Array(N);
const candUsed = new Int8Array(N);
export const weightQ = new Float64Array(N);
export const weightC = new Float64Array(N);
const candBy = new Int32Array(N);

/**
 * What a name comparison needs besides the two token lists: the weights of both sides' tokens and their
 * informativeness, and a per-query memo of token similarities. A query has few distinct tokens while its
 * candidates share many (they were found through shared keys), so most token pairs are compared once per query.
 */
export interface NameContext {
  /** Weight of a query token id (kind × informativeness). */
  readonly queryWeight: Float64Array;
  /** Informativeness in [0, 1] of a query token id (0 for particles and titles). */
  readonly queryInfo: Float64Array;
  /** Informativeness in [0, 1] of the query's full birth date in the list (1 when it has none). */
  readonly dateInfo: number;
  /** Weight of a candidate token id. */
  candidateWeight(id: number): number;
  /** Similarity of query token qi and candidate token ci, the reason in lastHow (memoised). */
  similarity(qi: number, ci: number): number;
}

/** Informativeness of the matched query tokens at which a name counts as fully identifying. */
export const INFO_FULL = 2;
/** Share of a token's informativeness that an initial matching it carries. */
const INITIAL_INFO = 0.2;
/** How much a name made only of frequent tokens loses (at zero information). */
export const COMMON_PENALTY = 0.45;

/**
 * Whether token `one` may be tokens x and y joined in either order: joinedMatch's first test (same first sound, or
 * syllables), for both orders at once, so most pairs are passed over without a call.
 */
function mayJoin(t1: TokenTable, one: number, t2: TokenTable, x: number, y: number): boolean {
  if (((t1.flags[one]! | t2.flags[x]! | t2.flags[y]!) & TOKEN_SYLLABIC) !== 0) return true;
  if (((t1.flags[one]! | t2.flags[x]! | t2.flags[y]!) & TOKEN_FOLDED) !== 0) return true;
  const first = t1.first[one]!;
  const skel = t1.skelFirst[one]!;
  return first === t2.first[x] || skel === t2.skelFirst[x] || first === t2.first[y] || skel === t2.skelFirst[y];
}

/** How well token `one` of t1 is tokens x and y of t2 written together, in that order: 0 when it is not. */
export function joinedMatch(t1: TokenTable, one: number, t2: TokenTable, x: number, y: number): number {
  const s = joinedAsWritten(t1, one, t2, x, y);
  if (s > 0 || ((t1.flags[one]! | t2.flags[x]! | t2.flags[y]!) & TOKEN_FOLDED) === 0) return s;
  return joinedAlternative(t1, one, t2, x, y);
}

/**
 * joinedMatch by the alternative spellings (each token's own where it has none): a Korean given name written as one
 * word in one romanisation and as two in another (Chaehyok, Jae-hyeok: both JAEHYOG folded; tokens.ts).
 */
function joinedAlternative(t1: TokenTable, one: number, t2: TokenTable, x: number, y: number): number {
  const a = t1.alt[one] || t1.ascii[one]!;
  const b = t2.alt[x] || t2.ascii[x]!;
  const c = t2.alt[y] || t2.ascii[y]!;
  if (joins(a, b, c)) return 0.9;
  // A surname spelling folded to another surname's (JUNG is JEONG) may be a syllable of a given name as written (Kim
  // Daejung, Kim Tae-jung): it is folded as Korean syllables are, from its spelling as written.
  const wx = t2.written[x]!;
  const wy = t2.written[y]!;
  if (wx === '' && wy === '') return 0;
  return joins(a, wx === '' ? b : foldKoreanRomanisation(wx), wy === '' ? c : foldKoreanRomanisation(wy)) ? 0.9 : 0;
}

function joinedAsWritten(t1: TokenTable, one: number, t2: TokenTable, x: number, y: number): number {
  const syllabic = ((t1.flags[one]! | t2.flags[x]! | t2.flags[y]!) & TOKEN_SYLLABIC) !== 0;
  // Every way of joining needs the same first sound (letter, skeleton or folded syllable), or a first token that the
  // Korean surname folding respelled (Changsheng is Chang Sheng, folded JANG SHENG): a cheap early out, on the numbers
  // the token table keeps, before any string is read.
  if (
    t1.first[one] !== t2.first[x] &&
    t1.skelFirst[one] !== t2.skelFirst[x] &&
    !syllabic &&
    t2.koreanSurname[x] === 0
  ) {
    return 0;
  }
  // Then each way below needs lengths that add up, or a Korean surname to unfold: most pairs that start alike have
  // neither, and are passed over on these numbers too.
  const whole = t1.length[one] === t2.length[x]! + t2.length[y]!;
  const korean = (t2.koreanSurname[x]! | t2.koreanSurname[y]!) !== 0;
  if (!syllabic && !korean && !(whole && t1.first[one] === t2.first[x]) && !skeletonsMayJoin(t1, one, t2, x, y)) {
    return 0;
  }
  const a = t1.ascii[one]!;
  const b = t2.ascii[x]!;
  const c = t2.ascii[y]!;
  if (whole && a.startsWith(b) && a.endsWith(c)) return 0.95;
  if (korean && spelledAs(a, b, c)) return 0.95;
  if (syllabic) {
    // Syllables are compared folded: 승훈 "seunghun" is Seung-hoon, 명박 "myeongbak" Myung-bak.
    return joinsFolded(t1, one, t2, x, y) ? 0.9 : 0;
  }
  const sa = t1.skel[one]!;
  const sb = t2.skel[x]!;
  const sc = t2.skel[y]!;
  if (sb.charCodeAt(0) === 126 || sc.charCodeAt(0) === 126) return 0;
  if (
    sa.startsWith(sb) &&
    sa.endsWith(sc) &&
    sa.length >= sb.length + sc.length - 1 &&
    sa.length <= sb.length + sc.length
  ) {
    // Skeletons drop vowels, so they join unrelated names (Dayamai Datta / Udomdet): the letters must agree too.
    return sa.length >= 4 && jaroWinkler(a, b + c) >= JOIN_SPELLING ? 0.88 : 0;
  }
  return 0;
}

/** Whether the skeletons' lengths and first classes let joinedMatch join x and y by their skeletons. */
function skeletonsMayJoin(t1: TokenTable, one: number, t2: TokenTable, x: number, y: number): boolean {
  const la = t1.skelLength[one]!;
  const lb = t2.skelLength[x]! + t2.skelLength[y]!;
  return (
    la >= 4 &&
    la <= lb &&
    la + 1 >= lb &&
    t1.skelFirst[one] === t2.skelFirst[x] &&
    t2.skelFirst[x] !== 126 &&
    t2.skelFirst[y] !== 126
  );
}

/**
 * Whether `a` is `b` and `c` written together once Korean surname spellings are unfolded: tokenisation folds Ri, Yi
 * and Rhee to Lee, Chang to Jang, Jun to Jeon (translit/korean.ts) wherever they stand, which also folds the same
 * Chinese syllables, so "LI, Hong Ri" must be read back as Hong + Ri to be "LI, Hongri".
 */
function spelledAs(a: string, b: string, c: string): boolean {
  const bs = koreanSurnameSpellings(b);
  const cs = koreanSurnameSpellings(c);
  if (bs === undefined && cs === undefined) return false;
  for (const b1 of bs ?? [b]) {
    if (!a.startsWith(b1)) continue;
    for (const c1 of cs ?? [c]) if (a.length === b1.length + c1.length && a.endsWith(c1)) return true;
  }
  return false;
}

/** Jaro–Winkler similarity a token joined by its skeleton must also have with the two tokens written together. */
const JOIN_SPELLING = 0.85;

/**
 * Compares query name q[qs..qe) with candidate name c[cs..ce) (token ids of their tables) and returns the name
 * score in [0, 1]. The match of each query token is left in matchOfQuery / matchScore / matchHow. With `ring` (a query
 * name written family name first, tokens.ts: readAsRing), its last and first tokens are neighbours that may be joined;
 * with `candidateRing`, the candidate name's.
 */
export function compareNames(
  qt: TokenTable,
  q: ArrayLike<number>,
  qs: number,
  qe: number,
  ct: TokenTable,
  c: ArrayLike<number>,
  cs: number,
  ce: number,
  ctx: NameContext,
  ring = false,
  candidateRing = false,
): number {
  const n = Math.min(qe - qs, N);
  const m = Math.min(ce - cs, N);
  if (n <= 0 || m <= 0) return 0;
  let totalQ = 0;
  let totalC = 0;
  for (let i = 0; i < n; i++) {
    const w = ctx.queryWeight[q[qs + i]!]!;
    weightQ[i] = w;
    totalQ += w;
    matchOfQuery[i] = -1;
    matchOfQuery2[i] = -1;
    matchScore[i] = 0;
    matchHow[i] = HOW_NONE;
  }
  for (let j = 0; j < m; j++) {
    const w = ctx.candidateWeight(c[cs + j]!);
    weightC[j] = w;
    totalC += w;
    candUsed[j] = 0;
    candBy[j] = -1;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      sim[i * N + j] = ctx.similarity(q[qs + i]!, c[cs + j]!);
      how[i * N + j] = lastHow;
    }
  }
  // Greedy best-first pairing: names are short, and the best pair is almost always right.
  for (;;) {
    let best = 0;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < n; i++) {
      if (matchOfQuery[i] !== -1) continue;
      for (let j = 0; j < m; j++) {
        if (candUsed[j] !== 0) continue;
        const s = sim[i * N + j]!;
        if (s > best) {
          best = s;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0) break;
    matchOfQuery[bi] = bj;
    matchScore[bi] = best;
    matchHow[bi] = how[bi * N + bj]!;
    candUsed[bj] = 1;
    candBy[bj] = bi;
  }
  let gotQ = 0;
  let gotC = 0;
  let info = 0;
  for (let i = 0; i < n; i++) {
    const j = matchOfQuery[i]!;
    if (j >= 0) {
      gotQ += matchScore[i]! * weightQ[i]!;
      gotC += matchScore[i]! * weightC[j]!;
      // An initial tells one letter of a name: it covers the name but identifies almost no one.
      info += matchScore[i]! * ctx.queryInfo[q[qs + i]!]! * (matchHow[i] === HOW_INITIAL ? INITIAL_INFO : 1);
    }
  }
  // Neighbouring tokens: the last and the first too in a name read as a ring (tokens.ts, readAsRing).
  const pairs = ring ? n : n - 1;
  const candidatePairs = candidateRing ? m : m - 1;
  // A query token written as two candidate tokens, or two query tokens written as one candidate token. Most pairs
  // fail joinedMatch's first test (same first letter or sound, unless syllabic): it is made here, once for both
  // orders of the pair, before joinedMatch is called.
  for (let i = 0; i < n; i++) {
    if (matchOfQuery[i] !== -1) continue;
    const qi = q[qs + i]!;
    for (let j = 0; j < candidatePairs; j++) {
      const j2 = j + 1 === m ? 0 : j + 1;
      if (candUsed[j] !== 0 || candUsed[j2] !== 0) continue;
      const x = c[cs + j]!;
      const y = c[cs + j2]!;
      if (!mayJoin(qt, qi, ct, x, y)) continue;
      let s = joinedMatch(qt, qi, ct, x, y);
      if (s === 0) s = joinedMatch(qt, qi, ct, y, x);
      if (s > 0) {
        matchOfQuery[i] = j;
        matchOfQuery2[i] = j2;
        matchScore[i] = s;
        matchHow[i] = HOW_JOINED;
        candUsed[j] = 1;
        candUsed[j2] = 1;
        gotQ += s * weightQ[i]!;
        gotC += s * (weightC[j]! + weightC[j2]!);
        info += s * ctx.queryInfo[q[qs + i]!]!;
        break;
      }
    }
  }
  for (let j = 0; j < m; j++) {
    if (candUsed[j] !== 0) continue;
    const cj = c[cs + j]!;
    for (let i = 0; i < pairs; i++) {
      const i2 = i + 1 === n ? 0 : i + 1;
      if (matchOfQuery[i] !== -1 || matchOfQuery[i2] !== -1) continue;
      const x = q[qs + i]!;
      const y = q[qs + i2]!;
      if (!mayJoin(ct, cj, qt, x, y)) continue;
      let s = joinedMatch(ct, cj, qt, x, y);
      if (s === 0) s = joinedMatch(ct, cj, qt, y, x);
      if (s > 0) {
        matchOfQuery[i] = j;
        matchOfQuery[i2] = j;
        matchScore[i] = s;
        matchScore[i2] = s;
        matchHow[i] = HOW_JOINED;
        matchHow[i2] = HOW_JOINED;
        candUsed[j] = 1;
        gotQ += s * (weightQ[i]! + weightQ[i2]!);
        gotC += s * weightC[j]!;
        info += s * Math.max(ctx.queryInfo[x]!, ctx.queryInfo[y]!);
        break;
      }
    }
  }
  // The same, where the greedy pairing gave one of the two query tokens away as an initial: "AL-MADANI, Mustafa"
  // against "ALMADANI, Mustafa Mohammed M" took Madani for the initial M, and Al alone then had nothing to join.
  // An initial says one letter; the two tokens written as one say the whole name: the better of the two stands.
  for (let j = 0; j < m; j++) {
    if (candUsed[j] !== 0) continue;
    const cj = c[cs + j]!;
    for (let i = 0; i < pairs; i++) {
      const i2 = i + 1 === n ? 0 : i + 1;
      const a = matchOfQuery[i]!;
      const b = matchOfQuery[i2]!;
      if ((a === -1 && b === -1) || (a !== -1 && matchHow[i] !== HOW_INITIAL)) continue;
      if (b !== -1 && matchHow[i2] !== HOW_INITIAL) continue;
      const x = q[qs + i]!;
      const y = q[qs + i2]!;
      if (!mayJoin(ct, cj, qt, x, y)) continue;
      let s = joinedMatch(ct, cj, qt, x, y);
      if (s === 0) s = joinedMatch(ct, cj, qt, y, x);
      const before = (a === -1 ? 0 : matchScore[i]! * weightQ[i]!) + (b === -1 ? 0 : matchScore[i2]! * weightQ[i2]!);
      if (s * (weightQ[i]! + weightQ[i2]!) <= before) continue;
      for (const k of [i, i2]) {
        const was = matchOfQuery[k]!;
        if (was === -1) continue;
        gotQ -= matchScore[k]! * weightQ[k]!;
        gotC -= matchScore[k]! * weightC[was]!;
        info -= matchScore[k]! * ctx.queryInfo[q[qs + k]!]! * INITIAL_INFO;
        candUsed[was] = 0;
        candBy[was] = -1;
      }
      matchOfQuery[i] = j;
      matchOfQuery[i2] = j;
      matchScore[i] = s;
      matchScore[i2] = s;
      matchHow[i] = HOW_JOINED;
      matchHow[i2] = HOW_JOINED;
      candUsed[j] = 1;
      gotQ += s * (weightQ[i]! + weightQ[i2]!);
      gotC += s * weightC[j]!;
      info += s * Math.max(ctx.queryInfo[x]!, ctx.queryInfo[y]!);
      break;
    }
  }
  if (gotQ <= 0 || totalQ <= 0 || totalC <= 0) return 0;
  const covQ = Math.min(1, gotQ / totalQ);
  const covC = Math.min(1, gotC / totalC);
  // A name matched only through frequent tokens (Mohammed Ali, Kim Jong) identifies no one: it loses up to
  // COMMON_PENALTY; one rare token matched, or several ordinary ones, carries the full score.
  const rarity = info >= INFO_FULL ? 1 : info / INFO_FULL;
  lastInfo = info;
  return combineCoverage(covQ, covC) * (1 - COMMON_PENALTY * (1 - rarity));
}

/** Exponents of the coverage of the query and of the candidate name (the query's matters more). */
export const COVERAGE_Q = 0.5;
export const COVERAGE_C = 0.5;

/** Name score from the weighted share of each name that was matched. */
export function combineCoverage(covQ: number, covC: number): number {
  return Math.pow(covQ, COVERAGE_Q) * Math.pow(covC, COVERAGE_C);
}
