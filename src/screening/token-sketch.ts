/**
 * A token's sketch: SKETCH_STRIDE words of TokenTable.sketch, enough to tell that a candidate token can matter to a
 * query in no way the scorer knows — alike no query token (tokenSimilarity is 0), and no part of a join with one
 * (joinedMatch) — from these 16 bytes alone. Most tokens of a query's blocking candidates are such tokens
 * (query-token-bounds.ts): they cost one read, not the token tables' arrays.
 *
 *   word 0: the letters a–z (one bit each), then ODD (another character, or 63 letters or more), INITIAL, LOSSY,
 *           SYLLABIC, ALT (an alternative spelling: compared on the token tables, query-token-bounds.ts), KOREAN (a
 *           Korean surname: joinedMatch unfolds it);
 *   word 1: first letter, first skeleton class, last letter, last skeleton class (5 bits each: a–z or A–Z as 0–25,
 *           26 for a skeleton without consonant, 31 for anything else), length, skeleton length (6 bits each);
 *   word 2: the spelling hash; word 3: the skeletonMask.
 */
import { bitCount, hAsG, maxEdits, mayBeWAsVMasks } from './name-match.js';
import { TOKEN_INITIAL, TOKEN_LOSSY, TOKEN_SYLLABIC, type PreparedToken } from './tokens.js';

export const SKETCH_STRIDE = 4;
const LETTERS = (1 << 26) - 1;
const ODD = 1 << 26;
const INITIAL = 1 << 27;
const LOSSY = 1 << 28;
const SYLLABIC = 1 << 29;
const ALT = 1 << 30;
const KOREAN = 1 << 31;
/** Lengths from this on are ODD. */
const LONG = 63;
const OTHER = 31;
const NO_CONSONANT = 26;

function letterCode(c: number): number {
  return c >= 97 && c <= 122 ? c - 97 : OTHER;
}

function skeletonCode(c: number): number {
  return c >= 65 && c <= 90 ? c - 65 : c === 126 ? NO_CONSONANT : OTHER;
}

/** Writes the sketch of token t (with its spelling hash and skeletonMask) at out[at …]. */
export function writeSketch(
  out: Int32Array,
  at: number,
  t: PreparedToken,
  spellHash: number,
  skelMask: number,
  alt: boolean,
  korean: boolean,
): void {
  const len = t.ascii.length;
  let letters = 0;
  let odd = len >= LONG || t.skel.length >= LONG;
  for (let i = 0; i < len; i++) {
    const c = letterCode(t.ascii.charCodeAt(i));
    if (c === OTHER) odd = true;
    else letters |= 1 << c;
  }
  const first = letterCode(t.ascii.charCodeAt(0));
  const skelFirst = skeletonCode(t.skel.charCodeAt(0));
  if (first === OTHER || skelFirst === OTHER) odd = true;
  out[at] =
    letters |
    (odd ? ODD : 0) |
    ((t.flags & TOKEN_INITIAL) !== 0 ? INITIAL : 0) |
    ((t.flags & TOKEN_LOSSY) !== 0 ? LOSSY : 0) |
    ((t.flags & TOKEN_SYLLABIC) !== 0 ? SYLLABIC : 0) |
    (alt ? ALT : 0) |
    (korean ? KOREAN : 0);
  out[at + 1] =
    first |
    (skelFirst << 5) |
    (letterCode(t.ascii.charCodeAt(len - 1)) << 10) |
    (skeletonCode(t.skel.charCodeAt(t.skel.length - 1)) << 15) |
    (Math.min(len, LONG) << 20) |
    (Math.min(t.skel.length, LONG) << 26);
  out[at + 2] = spellHash;
  out[at + 3] = skelMask;
}

/** First letters (letter codes) with a vowel sound, plain and lossy (W too, see firstSound). */
const VOWELS = (1 << 0) | (1 << 4) | (1 << 8) | (1 << 14) | (1 << 20) | (1 << 24);
const VOWELS_LOSSY = VOWELS | (1 << 22);
const W = 22;
/** Letter codes of Q and G (Q_AS_G in name-match.ts), and the skeleton classes Z and D in a skeletonMask (zAsD). */
const Q = 16;
const G = 6;
const Z_OR_D = (1 << 25) | (1 << 3);
/** The skeleton classes K and G in a skeletonMask, and the letters Q, G and H (name-match.ts, qAsGhWithin). */
const K_OR_G = (1 << 10) | (1 << 6);
const QGH = (1 << Q) | (1 << G) | (1 << 7);
/** Letter codes of C and H: a token with both may be read with its CH as K (name-match.ts, chSimilarity). */
const CH = (1 << 2) | (1 << 7);

/**
 * Whether tokenSimilarity's edit distance may find two tokens alike: within the edits their shorter length allows, by
 * their lengths and the letters one has and the other lacks (one edit changes at most two of those).
 */
function editPossible(la: number, lb: number, letterGap: number): boolean {
  const maxEd = maxEdits(la, lb);
  return maxEd > 0 && (la > lb ? la - lb : lb - la) <= maxEd && letterGap <= 2 * maxEd;
}

/**
 * Whether a token is of a kind (a syllable, a Korean surname, another character, very long) that may join a token
 * that matters to the query in no other way (its folded syllables, or a spelling of it, may).
 */
export function mayJoinAny(cs: Int32Array, c: number): boolean {
  return (cs[c]! & (ODD | SYLLABIC | KOREAN)) !== 0;
}

/** Whether a token (sketch at cs[c …]) is a syllable, or has an alternative spelling. */
export function isSyllable(cs: Int32Array, c: number): boolean {
  return (cs[c]! & SYLLABIC) !== 0;
}
export function hasAlt(cs: Int32Array, c: number): boolean {
  return (cs[c]! & ALT) !== 0;
}

/**
 * What relation reports: a similarity may be above 0, may reach ALIAS_MIN (0.9), c may be half of q (a join), the
 * spelling hashes are equal.
 */
export const ALIKE = 1;
export const CLOSE = 2;
export const PART = 4;
/** The same spelling hash: an exact match, once the spellings are seen equal. */
export const EXACT = 8;

/**
 * How candidate token c may matter to query token q (sketches at qs[q …], cs[c …]): ALIKE when tokenSimilarity may
 * be above 0 (each of its ways needs the same spelling, an initial's first letter, the same first sound with
 * skeletons equal or near, or an edit distance the lengths and letters allow), CLOSE when it may reach ALIAS_MIN (only the same spelling, an
 * alternative one, syllables, or equal skeletons of five letters or more, by Jaro–Winkler), PART when c may be the
 * first or the second half of q written as two candidate tokens (joinedMatch: q then begins or ends as c does, and
 * has all of c's letters, or all of its skeleton's classes). 0 when it cannot matter.
 */
export function relation(qs: Int32Array, q: number, cs: Int32Array, c: number): number {
  const qa = qs[q]!;
  const ca = cs[c]!;
  if (((qa | ca) & (ODD | SYLLABIC)) !== 0) return ALIKE | CLOSE | PART;
  const qb = qs[q + 1]!;
  const cb = cs[c + 1]!;
  const d = qb ^ cb;
  const firstEq = (d & 31) === 0;
  const skelEq = ((d >>> 5) & 31) === 0;
  const ql = (qb >>> 20) & 63;
  const cl = (cb >>> 20) & 63;
  const qsl = qb >>> 26;
  const csl = cb >>> 26;
  const qd = qs[q + 3]!;
  const cd = cs[c + 3]!;
  const consonants = ((cb >>> 5) & 31) !== NO_CONSONANT;
  let r = partOf(qs, q, cs, c);
  if (qs[q + 2] === cs[c + 2]) return r | ALIKE | CLOSE | EXACT;
  const lossy = ((qa | ca) & LOSSY) !== 0;
  // An initial is like a token with its first letter (0.8), and like nothing else.
  if (((qa | ca) & INITIAL) !== 0) return (qa & ca & INITIAL) === 0 && !lossy && firstEq ? r | ALIKE : r;
  // The ways below that make two tokens alike only (Abd or Abu before one, Q for GH, W for V) set this and go on: the
  // same skeleton may still make them close (ABSHIR and ABUBASHIR, GENEWIEVE and GENEVIEVE score 0.94 by Jaro–Winkler).
  let alike = 0;
  // One may be the other with Abd or Abu before it (name-match.ts, HEAD_TAIL).
  if (ql === cl + 3 ? mayBeHeadTail(qa, qb, ca, cb) : cl === ql + 3 && mayBeHeadTail(ca, cb, qa, qb)) alike = ALIKE;
  const vowels = lossy ? VOWELS_LOSSY : VOWELS;
  const qv = (vowels >>> (qb & 31)) & 1;
  const cv = (vowels >>> (cb & 31)) & 1;
  // The first sound (firstSound): a vowel's, W's (unless lossy), or the first skeleton class.
  let sameStart: boolean;
  if ((qv | cv) !== 0) sameStart = (qv & cv) !== 0;
  else if (!lossy && ((qb & 31) === W || (cb & 31) === W)) sameStart = firstEq;
  else sameStart = skelEq;
  const sameSkeleton = qsl === csl && qd === cd;
  const gap = qsl > csl ? qsl - csl : csl - qsl;
  // One written with Q, the other with G, skeletons as long: tokenSimilarity's Q_AS_G may find them alike.
  const qg =
    !sameStart &&
    qsl === csl &&
    qsl >= 2 &&
    (((qb & 31) === Q && (cb & 31) === G) || ((qb & 31) === G && (cb & 31) === Q));
  if (qg) return r | ALIKE;
  // Q against GH past the first letter (name-match.ts, qAsGhWithin): the masks differ in K and G at most, and the
  // spellings have a Q and a G and an H between them.
  const qgh = sameStart && qsl === csl && qsl >= 2 && ((qd ^ cd) & ~K_OR_G) === 0 && ((qa | ca) & QGH) === QGH;
  if (qgh) alike = ALIKE;
  // W against V (name-match.ts, W_AS_V): a W and a V between them, the skeleton classes the same but for F.
  if (!lossy && mayBeWAsVMasks(qa & LETTERS, ca & LETTERS, qd, cd)) alike = ALIKE;
  r |= alike;
  if (lossy) {
    if (!sameStart) return r;
    if (sameSkeleton) return r | ALIKE;
    if (qsl < 2 || csl < 2 || ((qb >>> 5) & 31) === NO_CONSONANT || !consonants) return r;
    return lossyNear(qsl, csl, qd, cd) ? r | ALIKE : r;
  }
  if (sameStart && sameSkeleton && consonants) return r | ALIKE | (Math.min(ql, cl) > 4 ? CLOSE : 0);
  if (editPossible(ql, cl, bitCount((qa ^ ca) & LETTERS))) return r | ALIKE;
  if (!sameStart) return r;
  if (qsl >= 3 && csl >= 3 && gap <= 1 && bitCount(qd ^ cd) <= 2) return r | ALIKE;
  // Z against D (name-match.ts, zAsD): the masks differ in those two classes at most.
  if (qsl === csl && qsl >= 2 && ((qd ^ cd) & ~Z_OR_D) === 0) return r | ALIKE;
  return Math.min(ql, cl) >= 4 && qsl === csl && hAsG(qd) === hAsG(cd) ? r | ALIKE : r;
}

const ABD = (1 << 0) | (1 << 1) | (1 << 3);
const ABU = (1 << 0) | (1 << 1) | (1 << 20);

/**
 * Whether the longer token (sketch words la, lb) may be ABD or ABU then the shorter (sa, sb), three letters shorter: it
 * starts with A, both end alike, and it has A, B, D or A, B, U and the shorter's letters.
 */
function mayBeHeadTail(la: number, lb: number, sa: number, sb: number): boolean {
  if ((lb & 31) !== 0 || ((lb ^ sb) & (31 << 10)) !== 0) return false;
  const abd = (sa | ABD) & LETTERS;
  const abu = (sa | ABU) & LETTERS;
  return (la & abd) === abd || (la & abu) === abu;
}

// Skeleton classes cheap to write or not (skeletonIndel: H, and F for V/W).
const CHEAP = (1 << 7) | (1 << 5);

/**
 * Whether two written skeletons (lengths, skeletonMasks) may be within writtenSkeletonDistance 1 (four classes or more
 * each) or 0.5: each step costs at least 0.5, adding or dropping a class other than H or F costs 1.
 */
function lossyNear(la: number, lb: number, ma: number, mb: number): boolean {
  const gap = la > lb ? la - lb : lb - la;
  const most = la >= 4 && lb >= 4 ? 2 : 1;
  if (gap > most) return false;
  if (gap === most) {
    // Only cheap additions: the longer has no class the shorter lacks but H or F, the shorter none the longer lacks.
    const [long, short] = la > lb ? [ma, mb] : [mb, ma];
    return (long & ~short & ~CHEAP) === 0 && (short & ~long) === 0;
  }
  return bitCount(ma ^ mb) <= 2 * most;
}

/**
 * Whether candidate token c may be the first or the second half of query token q written as two candidate tokens
 * (joinedMatch): q begins or ends as c does and has all of its letters (or of its skeleton's classes); a Korean
 * surname may be unfolded (PART), else 0.
 */
export function partOf(qs: Int32Array, q: number, cs: Int32Array, c: number): number {
  const qa = qs[q]!;
  const ca = cs[c]!;
  if (((qa | ca) & ODD) !== 0) return PART;
  const qb = qs[q + 1]!;
  const cb = cs[c + 1]!;
  const d = qb ^ cb;
  // A Korean surname may be either half of q spelt otherwise (Rhee for Lee, Chang for Jang), whatever its first letter:
  // joinedMatch unfolds it.
  if ((ca & KOREAN) !== 0) return PART;
  const ql = (qb >>> 20) & 63;
  const cl = (cb >>> 20) & 63;
  if (cl < ql && (ca & ~qa & LETTERS) === 0 && ((d & 31) === 0 || ((d >>> 10) & 31) === 0)) return PART;
  const qsl = qb >>> 26;
  const csl = cb >>> 26;
  if (qsl < 4 || csl > qsl || ((cb >>> 5) & 31) === NO_CONSONANT || (cs[c + 3]! & ~qs[q + 3]!) !== 0) return 0;
  return ((d >>> 5) & 31) === 0 || ((d >>> 15) & 31) === 0 ? PART : 0;
}

/**
 * Whether candidate token c may be query tokens x then y written together (joinedMatch), from their sketches:
 * c begins as x does and has their letters, ending as y does; or their skeletons likewise; or a Korean surname may
 * be unfolded. Syllables, which join folded, are the caller's. Call it for both orders.
 */
export function mayBeWhole(qs: Int32Array, x: number, y: number, cs: Int32Array, c: number): boolean {
  const xa = qs[x]!;
  const ya = qs[y]!;
  const ca = cs[c]!;
  if (((xa | ya | ca) & ODD) !== 0) return true;
  const xb = qs[x + 1]!;
  const yb = qs[y + 1]!;
  const cb = cs[c + 1]!;
  // A Korean surname spelt otherwise and another (joinedMatch unfolds it, whatever the first letters).
  if (((xa | ya) & KOREAN) !== 0) return true;
  const len = (cb >>> 20) & 63;
  const skel = cb >>> 26;
  // Letter for letter: c has x's first letter, y's last, their letters and their lengths.
  if (
    ((cb ^ xb) & 31) === 0 &&
    (((cb ^ yb) >>> 10) & 31) === 0 &&
    len === ((xb >>> 20) & 63) + ((yb >>> 20) & 63) &&
    (ca & LETTERS) === ((xa | ya) & LETTERS)
  ) {
    return true;
  }
  // By skeletons (where they meet, one class may merge): likewise, with their classes.
  const joined = (xb >>> 26) + (yb >>> 26);
  return (
    (((cb ^ xb) >>> 5) & 31) === 0 &&
    (((cb ^ yb) >>> 15) & 31) === 0 &&
    skel >= 4 &&
    skel <= joined &&
    skel + 1 >= joined &&
    cs[c + 3] === (qs[x + 3]! | qs[y + 3]!) &&
    ((xb >>> 5) & 31) !== NO_CONSONANT &&
    ((yb >>> 5) & 31) !== NO_CONSONANT
  );
}

/**
 * A query's tokens by the parts of a sketch relation compares first (first and last letters and skeleton classes, a
 * vowel start, the length, a rarer kind): `gate` tells from a few table reads which query tokens a candidate token
 * may relate to at all, so that relation is called for those only (for most candidate tokens, none).
 */
export class SketchGate {
  private readonly byFirst = new Int32Array(32);
  private readonly bySkelFirst = new Int32Array(32);
  private readonly byLast = new Int32Array(32);
  private readonly byLastSkel = new Int32Array(32);
  private readonly byLength = new Int32Array(64);
  private vowelStarts = 0;
  private rare = 0;
  private all = 0;

  /** Indexes the k query tokens whose sketches are at qs[q * SKETCH_STRIDE …]. */
  prepare(qs: Int32Array, k: number): void {
    for (const table of [this.byFirst, this.bySkelFirst, this.byLast, this.byLastSkel, this.byLength]) table.fill(0);
    this.vowelStarts = 0;
    this.rare = 0;
    this.all = 0;
    for (let q = 0; q < k; q++) {
      const bit = 1 << q;
      const a = qs[q * SKETCH_STRIDE]!;
      const b = qs[q * SKETCH_STRIDE + 1]!;
      this.all |= bit;
      if ((a & (ODD | SYLLABIC | ALT | KOREAN | INITIAL)) !== 0 || (a & CH) === CH) this.rare |= bit;
      this.byFirst[b & 31]! |= bit;
      this.bySkelFirst[(b >>> 5) & 31]! |= bit;
      this.byLast[(b >>> 10) & 31]! |= bit;
      this.byLastSkel[(b >>> 15) & 31]! |= bit;
      if (((VOWELS_LOSSY >>> (b & 31)) & 1) !== 0) this.vowelStarts |= bit;
      // The lengths an edit distance allows (see editPossible).
      const len = (b >>> 20) & 63;
      for (let l = Math.max(4, len - 2); l <= Math.min(63, len + 2); l++) {
        if (Math.abs(l - len) <= maxEdits(l, len)) this.byLength[l]! |= bit;
      }
    }
  }

  /**
   * The query tokens candidate token c (sketch at cs[c …]) may relate to (relation above 0): those with its first
   * or last letter or skeleton class, a vowel start as it has, a length the edit distance allows, or of a rarer
   * kind; all of them when it is of a rarer kind. An initial compares first letters, which are here too.
   */
  gate(cs: Int32Array, c: number): number {
    const a = cs[c]!;
    if ((a & (ODD | SYLLABIC | ALT | KOREAN | INITIAL)) !== 0 || (a & CH) === CH) return this.all;
    const b = cs[c + 1]!;
    return (
      this.rare |
      this.byFirst[b & 31]! |
      this.bySkelFirst[(b >>> 5) & 31]! |
      this.byLast[(b >>> 10) & 31]! |
      this.byLastSkel[(b >>> 15) & 31]! |
      this.byLength[(b >>> 20) & 63]! |
      (((VOWELS_LOSSY >>> (b & 31)) & 1) !== 0 ? this.vowelStarts : 0)
    );
  }

  /** The query tokens with candidate token c's first letter or first skeleton class, or of a rarer kind. */
  starts(cs: Int32Array, c: number): number {
    const a = cs[c]!;
    if ((a & (ODD | SYLLABIC | ALT | KOREAN | INITIAL)) !== 0) return this.all;
    const b = cs[c + 1]!;
    return this.rare | this.byFirst[b & 31]! | this.bySkelFirst[(b >>> 5) & 31]!;
  }
}
