/**
 * Candidate retrieval without scanning the list. Blocking keys (hashes) go to a fixed number of buckets; each
 * bucket holds a linked list of person keys in two flat Int32Arrays (person, next), so adding a person appends
 * and removing one unlinks it: the index follows imports and deletions without a rebuild. A query walks only
 * the buckets of its own keys, skipping keys too frequent to discriminate, and scores persons by the summed
 * informativeness of the keys they share; the best few go on to the full scorer. Cost per query depends on the
 * query's keys and the posting cap, not on the size of the list.
 */
import { nameKeys, KEY_PAIR } from './blocking-keys.js';
import type { PersonStore } from './person-store.js';
import type { TokenTable } from './token-table.js';

/** Tuning of the index. */
export interface PersonIndexOptions {
  /** Persons expected: sizes the bucket table (it doubles when the list outgrows it). */
  readonly expectedPersons?: number;
  /** Keys with more postings than this are not walked (they would find everybody). */
  readonly maxPostings?: number;
}

function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

const keyScratch: number[] = [];

/** Posting lists of blocking keys over a PersonStore. */
export class PersonIndex {
  private mask: number;
  private heads: Int32Array;
  /** Number of live persons per bucket: the document frequency of its key(s). */
  private counts: Int32Array;
  private postPerson = new Int32Array(1 << 16);
  private postNext = new Int32Array(1 << 16);
  private postUsed = 0;
  private readonly maxPostings: number;
  // Per-query accumulation, reused (stamped instead of cleared).
  private acc = new Float32Array(1024);
  private stamp = new Uint32Array(1024);
  private epoch = 0;
  private touched = new Int32Array(1024);
  private touchedCount = 0;
  private readonly bucketSeen = new Set<number>();

  constructor(
    private readonly store: PersonStore,
    options: PersonIndexOptions = {},
  ) {
    const buckets = nextPow2(Math.max(1 << 16, (options.expectedPersons ?? 0) * 8));
    this.mask = buckets - 1;
    this.heads = new Int32Array(buckets).fill(-1);
    this.counts = new Int32Array(buckets);
    this.maxPostings = options.maxPostings ?? 4000;
  }

  /** Number of postings (memory is about 8 bytes each). */
  get postings(): number {
    return this.postUsed;
  }

  /** The buckets of a stored person's keys, each once. */
  private personBuckets(key: number): number[] {
    const s = this.store;
    const start = s.nameStart[key]!;
    const end = start + s.nameLen[key]!;
    keyScratch.length = 0;
    let ns = start;
    for (let i = start; i < end; i++) {
      if (s.nameArena[i] === -1) {
        nameKeys(s.tokens, s.nameArena, ns, i, keyScratch);
        ns = i + 1;
      }
    }
    this.bucketSeen.clear();
    const out: number[] = [];
    for (let i = 0; i < keyScratch.length; i += 2) {
      const b = keyScratch[i]! & this.mask;
      if (!this.bucketSeen.has(b)) {
        this.bucketSeen.add(b);
        out.push(b);
      }
    }
    return out;
  }

  /** Adds the postings of a person already put in the store. */
  insert(key: number): void {
    if (this.store.liveCount * 8 > this.mask + 1) this.rebuild((this.mask + 1) * 2);
    for (const b of this.personBuckets(key)) this.link(b, key);
  }

  private link(b: number, key: number): void {
    if (this.postUsed >= this.postPerson.length) {
      const p = new Int32Array(this.postPerson.length * 2);
      p.set(this.postPerson);
      this.postPerson = p;
      const n = new Int32Array(this.postNext.length * 2);
      n.set(this.postNext);
      this.postNext = n;
    }
    const at = this.postUsed++;
    this.postPerson[at] = key;
    this.postNext[at] = this.heads[b]!;
    this.heads[b] = at;
    this.counts[b]!++;
  }

  /** Removes the postings of a person still in the store (call before dropping it there). */
  delete(key: number): void {
    for (const b of this.personBuckets(key)) {
      let prev = -1;
      for (let at = this.heads[b]!; at !== -1; prev = at, at = this.postNext[at]!) {
        if (this.postPerson[at] !== key) continue;
        if (prev === -1) this.heads[b] = this.postNext[at]!;
        else this.postNext[prev] = this.postNext[at]!;
        this.counts[b]!--;
        break;
      }
    }
  }

  /** Rebuilds every posting list into a bucket table of the given size (when the list has grown). */
  rebuild(buckets: number): void {
    this.mask = nextPow2(buckets) - 1;
    this.heads = new Int32Array(this.mask + 1).fill(-1);
    this.counts = new Int32Array(this.mask + 1);
    this.postUsed = 0;
    const s = this.store;
    for (let k = 0; k < s.alive.length; k++)
      if (s.alive[k] === 1) for (const b of this.personBuckets(k)) this.link(b, k);
  }

  /** How many live persons share a key hash (an upper bound when keys collide in a bucket). */
  frequency(hash: number): number {
    return this.counts[hash & this.mask]!;
  }

  /** Informativeness in (0, 1] of a key hash: 1 for a key no one or one person has, low for frequent ones. */
  idf(hash: number): number {
    const n = this.store.liveCount;
    const df = this.counts[hash & this.mask]!;
    if (df <= 1 || n <= 1) return 1;
    return Math.log(1 + n / df) / Math.log(1 + n);
  }

  /**
   * Finds the candidates of a query whose names are in `names` (token ids of `table`, names separated by -1),
   * writes up to `limit` person keys, best blocking score first, into `out`, and returns their number.
   */
  candidates(table: TokenTable, names: ArrayLike<number>, count: number, limit: number, out: Int32Array): number {
    keyScratch.length = 0;
    let ns = 0;
    for (let i = 0; i < count; i++) {
      if (names[i] === -1) {
        nameKeys(table, names, ns, i, keyScratch);
        ns = i + 1;
      }
    }
    this.prepareAccumulators();
    this.bucketSeen.clear();
    let rarest = -1;
    let walked = 0;
    for (let i = 0; i < keyScratch.length; i += 2) {
      const b = keyScratch[i]! & this.mask;
      if (this.bucketSeen.has(b)) continue;
      this.bucketSeen.add(b);
      const df = this.counts[b]!;
      if (df === 0) continue;
      if (rarest === -1 || df < this.counts[rarest]!) rarest = b;
      if (df > this.maxPostings) continue;
      this.walk(b, this.weightOf(df, keyScratch[i + 1]!), this.maxPostings);
      walked++;
    }
    // Every key too frequent (a lone "Muhammad"): take a bounded slice of the rarest one.
    if (walked === 0 && rarest !== -1) this.walk(rarest, 1, this.maxPostings);
    return this.selectTop(limit, out);
  }

  private weightOf(df: number, kind: number): number {
    const n = this.store.liveCount;
    const idf = n <= 1 ? 1 : Math.log(1 + n / df) / Math.log(1 + n);
    return kind === KEY_PAIR ? 1.5 * idf : idf;
  }

  private prepareAccumulators(): void {
    const size = this.store.alive.length;
    if (this.acc.length < size) {
      this.acc = new Float32Array(size);
      this.stamp = new Uint32Array(size);
      this.epoch = 0;
    }
    this.epoch++;
    if (this.epoch === 0xffffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
    this.touchedCount = 0;
  }

  private walk(b: number, w: number, cap: number): void {
    let seen = 0;
    for (let at = this.heads[b]!; at !== -1 && seen < cap; at = this.postNext[at]!, seen++) {
      const p = this.postPerson[at]!;
      if (this.stamp[p] !== this.epoch) {
        this.stamp[p] = this.epoch;
        this.acc[p] = w;
        if (this.touchedCount >= this.touched.length) {
          const t = new Int32Array(this.touched.length * 2);
          t.set(this.touched);
          this.touched = t;
        }
        this.touched[this.touchedCount++] = p;
      } else {
        this.acc[p]! += w;
      }
    }
  }

  /** Partial selection of the `limit` best accumulated persons (a small insertion-sorted buffer). */
  private selectTop(limit: number, out: Int32Array): number {
    let n = 0;
    const acc = this.acc;
    for (let t = 0; t < this.touchedCount; t++) {
      const p = this.touched[t]!;
      const v = acc[p]!;
      if (n === limit && v <= acc[out[n - 1]!]!) continue;
      let i = n < limit ? n++ : n - 1;
      while (i > 0 && acc[out[i - 1]!]! < v) {
        out[i] = out[i - 1]!;
        i--;
      }
      out[i] = p;
    }
    return n;
  }
}
