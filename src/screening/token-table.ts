/**
 * Interned name tokens: each distinct token (spelling + flags) is stored once and named by a dense id, so a
 * million persons' names are flat Int32Arrays of ids, not millions of small objects. The same structure holds
 * a query's tokens (cleared per query) so the scorer reads both sides the same way.
 */
import type { PreparedToken } from './tokens.js';

/** FNV-1a over a string's UTF-16 units, with a seed to separate key kinds. */
export function hashString(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (from murmur3) so the low bits used for buckets are well mixed.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Seed of skeleton keys (tokens and joined adjacent tokens share it). */
export const SEED_SKELETON = 0x51;

/** A growable table of interned tokens. */
export class TokenTable {
  readonly ascii: string[] = [];
  /** The alternative spelling, '' when none. */
  readonly alt: string[] = [];
  readonly skel: string[] = [];
  readonly slots: string[] = [];
  /** Syllable-folded spelling, computed when first needed (see name-match.ts). */
  readonly folded: (string | undefined)[] = [];
  flags = new Uint8Array(1024);
  /** Hash of the skeleton key, the index bucket of the token's document frequency. */
  skelHash = new Uint32Array(1024);
  private readonly ids = new Map<string, number>();

  /** Number of distinct tokens. */
  get size(): number {
    return this.ascii.length;
  }

  /** The id of a token, adding it when new. */
  intern(t: PreparedToken): number {
    const key = `${t.flags}:${t.ascii}:${t.alt ?? ''}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.ascii.length;
    if (id >= this.flags.length) {
      const f = new Uint8Array(this.flags.length * 2);
      f.set(this.flags);
      this.flags = f;
      const h = new Uint32Array(this.skelHash.length * 2);
      h.set(this.skelHash);
      this.skelHash = h;
    }
    this.ascii.push(t.ascii);
    this.alt.push(t.alt ?? '');
    this.skel.push(t.skel);
    this.slots.push(t.slots);
    this.folded.push(undefined);
    this.flags[id] = t.flags;
    this.skelHash[id] = hashString(t.skel, SEED_SKELETON);
    this.ids.set(key, id);
    return id;
  }

  /** Forgets every token (for the per-query table). */
  clear(): void {
    this.ascii.length = 0;
    this.alt.length = 0;
    this.skel.length = 0;
    this.slots.length = 0;
    this.folded.length = 0;
    this.ids.clear();
  }
}
