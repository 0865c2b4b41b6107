/**
 * Skeletons one edit away, for blocking. A slip of one letter-sound in a rare name ("AMESCUA" for AMEZCUA, "AZHAR"
 * for MAZHAR, "KHUSHLAF" for KOSHLAF) changes its skeleton, and with it the only key that could find the person
 * when the rest of the name is common: the scorer would forgive the slip, but it never sees the candidate. The
 * query therefore also asks for the skeletons one edit away from each of its words' (a consonant class left out,
 * put in, changed, or two swapped) that some listed word has: `KnownSkeletons` holds the skeleton keys of the list's
 * words, so a variant no one has costs one probe of a small table and no walk.
 *
 * Done on the query's side only: keying every listed word by its variants too (the "symmetric delete" way) found the
 * same names but made a million persons' index 8 s slower to build and 150 MB larger.
 */
import { finishHash, SEED_SKELETON } from './token-table.js';

/** The consonant classes a skeleton is written in (phonetic.ts). */
const CLASSES = [66, 68, 70, 71, 72, 74, 75, 76, 77, 78, 80, 82, 83, 84, 90]; // B D F G H J K L M N P R S T Z

/** Skeletons longer than this have no variants asked for (a long skeleton keeps other keys after a slip). */
const MAX_LENGTH = 12;

/** A set of 32-bit skeleton key hashes (open addressing; grows at half full). Hashes are never removed. */
export class KnownSkeletons {
  private table = new Int32Array(1 << 12);
  private used = 0;

  add(hash: number): void {
    const h = hash | 0 || 1;
    if (2 * (this.used + 1) > this.table.length) this.grow();
    const mask = this.table.length - 1;
    for (let slot = Math.imul(h, 0x9e3779b1) & mask; ; slot = (slot + 1) & mask) {
      const v = this.table[slot]!;
      if (v === h) return;
      if (v === 0) {
        this.table[slot] = h;
        this.used++;
        return;
      }
    }
  }

  has(hash: number): boolean {
    const h = hash | 0 || 1;
    const mask = this.table.length - 1;
    for (let slot = Math.imul(h, 0x9e3779b1) & mask; ; slot = (slot + 1) & mask) {
      const v = this.table[slot]!;
      if (v === h) return true;
      if (v === 0) return false;
    }
  }

  get size(): number {
    return this.used;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.used = 0;
    for (const v of old) if (v !== 0) this.add(v);
  }
}

const codes = new Int32Array(MAX_LENGTH + 1);
/** FNV-1a states after each prefix of `codes` (prefix[i]: the first i codes hashed). */
const prefix = new Int32Array(MAX_LENGTH + 2);

/** Continues an FNV-1a state over codes[from..to). */
function over(h: number, from: number, to: number): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ codes[i]!, 0x01000193);
  return h;
}

/** One code more. */
function step(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

/**
 * Calls `each(hash)` with the skeleton key of every skeleton one edit from `skel` that `known` holds: one class
 * deleted, inserted, substituted, or two adjacent ones swapped. Variants a skeleton cannot be (the same class twice
 * in a row: skeletons collapse doubles) are not asked for. The same variant may come more than once.
 */
export function forEachNearSkeleton(skel: string, known: KnownSkeletons, each: (hash: number) => void): void {
  const n = skel.length;
  if (n < 2 || n > MAX_LENGTH || skel.charCodeAt(0) === 126) return; // "~": a word without consonants
  for (let i = 0; i < n; i++) codes[i] = skel.charCodeAt(i);
  prefix[0] = (0x811c9dc5 ^ SEED_SKELETON) | 0;
  for (let i = 0; i < n; i++) prefix[i + 1] = step(prefix[i]!, codes[i]!);
  const ask = (h: number): void => {
    const key = finishHash(h);
    if (known.has(key)) each(key);
  };
  for (let i = 0; i < n; i++) {
    const before = i > 0 ? codes[i - 1]! : -1;
    const after = i + 1 < n ? codes[i + 1]! : -1;
    // Deleted (unless that leaves a double).
    if (before !== after) ask(over(prefix[i]!, i + 1, n));
    // Substituted.
    for (const c of CLASSES) {
      if (c === codes[i] || c === before || c === after) continue;
      ask(over(step(prefix[i]!, c), i + 1, n));
    }
    // Swapped with the next.
    if (after !== -1 && (i + 2 >= n || codes[i + 2] !== codes[i]) && before !== after) {
      ask(over(step(step(prefix[i]!, after), codes[i]!), i + 2, n));
    }
  }
  // Inserted before position i (i = n: at the end).
  for (let i = 0; i <= n; i++) {
    const before = i > 0 ? codes[i - 1]! : -1;
    const next = i < n ? codes[i]! : -1;
    for (const c of CLASSES) {
      if (c === before || c === next) continue;
      ask(over(step(prefix[i]!, c), i, n));
    }
  }
}
