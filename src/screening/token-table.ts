/**
 * Interned name tokens: each distinct token (spelling + flags) is stored once and named by a dense id, so a
 * million persons' names are flat Int32Arrays of ids, not millions of small objects. The same structure holds
 * a query's tokens (cleared per query) so the scorer reads both sides the same way. Besides the strings, each
 * token keeps a few numbers the scorer's early outs read instead of the strings (first letter, first sound,
 * length, a mask of its letters): they are computed once when the token is interned.
 */
import { tokenSkeleton, type PreparedToken } from './tokens.js';
import { SKETCH_STRIDE, writeSketch } from './token-sketch.js';
import { koreanSurnameSpellings } from './translit/korean.js';

/** FNV-1a over a string's UTF-16 units, with a seed to separate key kinds. */
export function hashString(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return finishHash(h);
}

/** The final avalanche of hashString (from murmur3), so the low bits used for buckets are well mixed. */
export function finishHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Seed of skeleton keys (tokens and joined adjacent tokens share it). */
export const SEED_SKELETON = 0x51;
/** Seed of the spelling hashes the scorer compares before it compares the strings. */
const SEED_SPELLING = 0x73;

/** A spelling's hash, never 0 (0 marks a token without an alternative spelling). */
export function spellingHash(s: string): number {
  return hashString(s, SEED_SPELLING) | 0 || 1;
}

/**
 * The sound a token starts with, for the scorer's "same start" test: 1 for a vowel (a e i o u y: ICAO writes
 * Я/Ю as IA/IU where English writes YA/YU), W apart (Wang ≠ Yang) unless the comparison involves a lossy
 * (Arabic- or Hebrew-script) spelling, where W is a vowel too; otherwise the first skeleton class.
 */
export function firstSound(ascii: string, skel: string, lossy: boolean): number {
  const c = ascii.charCodeAt(0);
  if (c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121) return 1;
  if (c === 119) return lossy ? 1 : 2;
  return skel.charCodeAt(0);
}

/**
 * A 32-bit mask of the characters of a string (a–z one bit each, anything else folded onto the other six).
 * One edit (substitution, insertion, deletion, transposition) changes at most two bits, so two strings whose
 * masks differ in more than 2·k bits are more than k edits apart: the scorer skips the edit distance then.
 */
export function letterMask(s: string): number {
  let m = 0;
  const n = Math.min(s.length, 64);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    m |= 1 << (c >= 97 && c <= 122 ? c - 97 : 26 + (c % 6));
  }
  return m;
}

/**
 * letterMask of a skeleton: its consonant classes (A–Z) one bit each, anything else folded onto the other six. As
 * with letterMask, skeletons one cheap step apart (skeletonsNear) differ in at most two bits.
 */
export function skeletonMask(skel: string): number {
  let m = 0;
  const n = Math.min(skel.length, 64);
  for (let i = 0; i < n; i++) {
    const c = skel.charCodeAt(i);
    m |= 1 << (c >= 65 && c <= 90 ? c - 65 : 26 + (c % 6));
  }
  return m;
}

/** A growable table of interned tokens. */
export class TokenTable {
  readonly ascii: string[] = [];
  /** The alternative spelling, '' when none. */
  readonly alt: string[] = [];
  /** The word as written when the spelling is a folded Korean surname (PreparedToken.written), else ''. */
  readonly written: string[] = [];
  readonly skel: string[] = [];
  readonly slots: string[] = [];
  /** Syllable-folded spelling, computed when first needed (see name-match.ts). */
  readonly folded: (string | undefined)[] = [];
  /** Upper-case spelling for explanations, computed when first needed (upperOf). */
  readonly upper: (string | undefined)[] = [];
  flags = new Uint8Array(1024);
  /** Hash of the skeleton key, the index bucket of the token's document frequency. */
  skelHash = new Uint32Array(1024);
  /** First character codes of the spelling and of the skeleton (tokens are never empty, see prepareName). */
  first = new Uint16Array(1024);
  skelFirst = new Uint16Array(1024);
  /** firstSound of the token, compared with a plain and with a lossy spelling. */
  sound = new Uint16Array(1024);
  soundLossy = new Uint16Array(1024);
  /** Length of the spelling. */
  length = new Int32Array(1024);
  /** letterMask of the spelling. */
  letters = new Int32Array(1024);
  /** Length of the skeleton, and its skeletonMask. */
  skelLength = new Uint16Array(1024);
  skelMask = new Int32Array(1024);
  /** 1 when the spelling is the folded form of a Korean surname (see koreanSurnameSpellings), else 0. */
  koreanSurname = new Uint8Array(1024);
  /** The token's sketch (token-sketch.ts), SKETCH_STRIDE words per token. */
  sketch = new Int32Array(1024 * SKETCH_STRIDE);

  /**
   * Hashes of the spelling and of the alternative spelling (0 when there is none): equal strings have equal
   * hashes, so the scorer compares the strings (whose reads miss the cache in a large table) only when these agree.
   */
  spellHash = new Int32Array(1024);
  altHash = new Int32Array(1024);
  /**
   * Hash of the alternative spelling's skeleton key when it differs from the token's own (a Korean given name is
   * keyed as folded and as written, see tokens.ts), else 0: blocking keys it too.
   */
  altSkelHash = new Uint32Array(1024);
  /**
   * The newest token of each spelling, and per token the one before it with the same spelling (-1: none): tokens of one
   * spelling differ only in their flags or other spellings, and are few. Looked up by the spelling the tokenizer
   * already holds, with no key string built per token.
   */
  private readonly bySpelling = new Map<string, number>();
  private sameSpelling = new Int32Array(1024);

  /** Number of distinct tokens. */
  get size(): number {
    return this.ascii.length;
  }

  /** The id of a token, adding it when new. */
  intern(t: PreparedToken): number {
    const alt = t.alt ?? '';
    const written = t.written ?? '';
    const newest = this.bySpelling.get(t.ascii);
    for (let at = newest ?? -1; at !== -1; at = this.sameSpelling[at]!) {
      if (this.flags[at] === t.flags && this.alt[at] === alt && this.written[at] === written) return at;
    }
    const id = this.ascii.length;
    if (id >= this.flags.length) this.grow();
    this.ascii.push(t.ascii);
    this.alt.push(alt);
    this.written.push(written);
    this.skel.push(t.skel);
    this.slots.push(t.slots);
    this.folded.push(undefined);
    this.upper.push(undefined);
    this.flags[id] = t.flags;
    this.skelHash[id] = hashString(t.skel, SEED_SKELETON);
    this.first[id] = t.ascii.charCodeAt(0);
    this.skelFirst[id] = t.skel.charCodeAt(0);
    this.sound[id] = firstSound(t.ascii, t.skel, false);
    this.soundLossy[id] = firstSound(t.ascii, t.skel, true);
    this.length[id] = t.ascii.length;
    this.letters[id] = letterMask(t.ascii);
    this.skelLength[id] = t.skel.length;
    this.skelMask[id] = skeletonMask(t.skel);
    this.koreanSurname[id] = koreanSurnameSpellings(t.ascii) === undefined ? 0 : 1;
    this.spellHash[id] = spellingHash(t.ascii);
    this.altHash[id] = t.alt === undefined || t.alt === '' ? 0 : spellingHash(t.alt);
    const altSkel = this.altHash[id] === 0 ? t.skel : tokenSkeleton(t.alt!);
    this.altSkelHash[id] = altSkel === t.skel ? 0 : hashString(altSkel, SEED_SKELETON);
    // From the numbers above, so last.
    const korean = this.koreanSurname[id] === 1;
    writeSketch(
      this.sketch,
      id * SKETCH_STRIDE,
      t,
      this.spellHash[id],
      this.skelMask[id],
      this.altHash[id] !== 0,
      korean,
    );
    this.sameSpelling[id] = newest ?? -1;
    this.bySpelling.set(t.ascii, id);
    return id;
  }

  private grow(): void {
    const size = this.flags.length * 2;
    const grown = <A extends Uint8Array | Uint16Array | Uint32Array | Int32Array>(a: A, b: A): A => {
      b.set(a);
      return b;
    };
    this.flags = grown(this.flags, new Uint8Array(size));
    this.sameSpelling = grown(this.sameSpelling, new Int32Array(size));
    this.skelHash = grown(this.skelHash, new Uint32Array(size));
    this.first = grown(this.first, new Uint16Array(size));
    this.skelFirst = grown(this.skelFirst, new Uint16Array(size));
    this.sound = grown(this.sound, new Uint16Array(size));
    this.soundLossy = grown(this.soundLossy, new Uint16Array(size));
    this.length = grown(this.length, new Int32Array(size));
    this.letters = grown(this.letters, new Int32Array(size));
    this.skelLength = grown(this.skelLength, new Uint16Array(size));
    this.skelMask = grown(this.skelMask, new Int32Array(size));
    this.koreanSurname = grown(this.koreanSurname, new Uint8Array(size));
    this.sketch = grown(this.sketch, new Int32Array(size * SKETCH_STRIDE));
    this.spellHash = grown(this.spellHash, new Int32Array(size));
    this.altHash = grown(this.altHash, new Int32Array(size));
    this.altSkelHash = grown(this.altSkelHash, new Uint32Array(size));
  }

  /** The upper-case spelling of a token as written (for explanations: Ri, not the LEE it is folded to). */
  upperOf(id: number): string {
    let u = this.upper[id];
    if (u === undefined) this.upper[id] = u = (this.written[id] || this.ascii[id]!).toUpperCase();
    return u;
  }

  /** Forgets every token (for the per-query table). */
  clear(): void {
    this.ascii.length = 0;
    this.alt.length = 0;
    this.written.length = 0;
    this.skel.length = 0;
    this.slots.length = 0;
    this.folded.length = 0;
    this.upper.length = 0;
    this.bySpelling.clear();
  }
}
