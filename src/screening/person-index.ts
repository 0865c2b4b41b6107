/**
 * Candidate retrieval without scanning the list. Blocking keys (hashes of name skeletons, token pairs and full
 * birth dates) go to a fixed number of buckets. Postings live in compact arrays (each bucket's persons
 * contiguous, 4 bytes a posting) plus, for what was added since the last compaction, a linked list in two flat
 * Int32Arrays (person, next): adding a person appends, removing one unlinks it or leaves a hole, and the engine
 * compacts again when the changes reach a quarter of the index, so the index follows imports and deletions
 * without a rebuild. A query walks its own keys rarest first within a budget of postings, and ranks persons by
 * the summed informativeness of the keys they share; the best go on to the quick score, then the full scorer.
 * Cost per query depends on the query's keys and the budget, not on the size of the list. The informativeness the
 * scorer weighs words and birth dates by (idf) is read from exact counts of those keys (KeyCounts), not from the
 * buckets, which other keys share: a list scores the same whatever the table's size or how it grew.
 */
import {
  dateKey,
  joinedPairs,
  mixPair,
  nameKeys,
  KEY_DATE,
  KEY_INITIAL,
  KEY_NEAR,
  KEY_NEAR_PAIR,
  KEY_PAIR,
  KEY_SKELETON,
} from './blocking-keys.js';
import { forEachNearSkeleton, KnownSkeletons } from './near-skeletons.js';
import type { PersonStore } from './person-store.js';
import { forEachChSkeleton, mayRespellCh } from './name-match.js';
import { hashString, SEED_SKELETON, type TokenTable } from './token-table.js';
import { TOKEN_INITIAL, TOKEN_LOSSY, TOKEN_PARTICLE, TOKEN_TITLE } from './tokens.js';

/** Tuning of the index. */
export interface PersonIndexOptions {
  /** Persons expected: sizes the bucket table (it doubles when the list outgrows it). */
  readonly expectedPersons?: number;
  /** Keys with more postings than this are not walked (they would find everybody). */
  readonly maxPostings?: number;
  /** Postings walked per query at most, rarest keys first (bounds the time of a query at any list size). */
  readonly walkBudget?: number;
  /**
   * A query word that at most this many listed persons have is also looked for one edit away (near-skeletons.ts);
   * -1: never.
   */
  readonly nearFrequency?: number;
}

function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Whether a[0..n) holds v (a query has a few dozen keys: a scan beats a Set). */
export function includes(a: Int32Array, n: number, v: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] === v) return true;
  return false;
}

/** Where a[0..n) holds v, or -1. */
function indexOf(a: Int32Array, n: number, v: number): number {
  for (let i = 0; i < n; i++) if (a[i] === v) return i;
  return -1;
}

const keyScratch: number[] = [];
/** 32-bit words per accumulator slot (see PersonIndex.accSlots). */
const ACC_STRIDE = 4;
/** The buckets of the keys a query asks for, rarest first, and their kinds (grown for a query with more keys). */
let keyBuckets = new Int32Array(256);
let keyKinds = new Int32Array(256);
/**
 * What a pair of a near skeleton and another word of the query's name weighs in blocking, against a single word's key
 * (see pushNear). A slip into a common word beside a common word (Jacol Murphy for Jacob Murphy) leaves only keys too
 * common to walk but this pair. Weighed as a near skeleton (0.8), such pairs, rare by nature, ranked above the persons
 * that share a word as written, and lost 8 aliases of the development set; at 0.3 it loses none, and at 200,000
 * synthetic persons 28 more of 1,763 name-only queries with a typo find their person in the top 10.
 */
const NEAR_PAIR_WEIGHT = 0.3;
/**
 * What an initial key (an initial's letter with another word of the name, blocking-keys.ts) weighs: less than a pair of
 * words, which says more. (At 1.5, as a pair, the same persons were found.)
 */
const INITIAL_WEIGHT = 1;
/** What a key of each kind weighs against its informativeness (KEY_SKELETON … KEY_INITIAL). */
const KIND_WEIGHT = [1, 1.5, 0.9, 0.8, NEAR_PAIR_WEIGHT, INITIAL_WEIGHT];
/** The skeleton hashes of the other words of the name a near skeleton pairs with (see pushNear). */
const partners = new Uint32Array(5);
/** A person's distinct counted keys (see countKeys). */
let countedScratch = new Int32Array(64);

/**
 * Exact counts of live persons by key hash, for the keys whose frequency is an informativeness (idf): words' skeletons
 * and birth dates. An open-addressing table of [hash, count] pairs (one cache line a probe), keyed by the full 32-bit
 * hash: the buckets of the posting lists are shared by these keys, pair keys and date keys alike, so a bucket's count
 * depended on which other keys fell into it, and a word's weight or a date's rarity changed with the size of the table
 * (a date shared by 5 persons counted 6 in a table sized for 20,000, 5 in one sized for a million). A key no one has
 * any more keeps its slot (count 0) until the table grows.
 */
class KeyCounts {
  /** Pairs [hash, count]; count -1: the slot is empty. */
  private slots: Int32Array;
  private mask: number;
  private used = 0;

  /** Sized for the distinct keys of `expectedPersons` (fewer than one a person: 187,142 for 200,000 synthetic ones). */
  constructor(expectedPersons: number) {
    const size = nextPow2(Math.max(1024, expectedPersons * 2));
    this.mask = size - 1;
    this.slots = new Int32Array(size * 2).fill(-1);
  }

  /** How many live persons have the key `hash`. */
  get(hash: number): number {
    const slots = this.slots;
    const h = hash | 0;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const count = slots[2 * i + 1]!;
      if (count < 0) return 0;
      if (slots[2 * i] === h) return count;
    }
  }

  /** Adds `delta` to the count of the key `hash`. */
  add(hash: number, delta: number): void {
    const h = hash | 0;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const count = this.slots[2 * i + 1]!;
      if (count < 0) break;
      if (this.slots[2 * i] === h) {
        this.slots[2 * i + 1] = count + delta;
        return;
      }
    }
    if (delta <= 0) return;
    if (2 * (this.used + 1) > this.mask + 1) this.grow();
    let i = hash & this.mask;
    while (this.slots[2 * i + 1]! >= 0) i = (i + 1) & this.mask;
    this.slots[2 * i] = h;
    this.slots[2 * i + 1] = delta;
    this.used++;
  }

  /** Re-spreads the keys some live person has into a table a third full at most (it grows at half full). */
  private grow(): void {
    const old = this.slots;
    let live = 0;
    for (let i = 1; i < old.length; i += 2) if (old[i]! > 0) live++;
    const size = nextPow2(Math.max(1024, (live + 1) * 3));
    this.mask = size - 1;
    this.slots = new Int32Array(size * 2).fill(-1);
    this.used = 0;
    for (let j = 0; j < old.length; j += 2) {
      if (old[j + 1]! <= 0) continue;
      let i = old[j]! & this.mask;
      while (this.slots[2 * i + 1]! >= 0) i = (i + 1) & this.mask;
      this.slots[2 * i] = old[j]!;
      this.slots[2 * i + 1] = old[j + 1]!;
      this.used++;
    }
  }
}

/** Posting lists of blocking keys over a PersonStore. */
export class PersonIndex {
  /** Buckets [0, mask] hold the name and birth-date keys; initial keys have their own after. */
  private mask: number;
  private initialMask: number;
  private heads: Int32Array;
  /**
   * Number of postings per bucket: what a walk of it costs, and the frequency blocking weighs its key(s) by. The
   * informativeness the scorer reads is from keyCounts.
   */
  private counts: Int32Array;
  /** Exact numbers of live persons by skeleton and birth-date key (see KeyCounts). */
  private readonly keyCounts: KeyCounts;
  private postPerson = new Int32Array(1 << 16);
  private postNext = new Int32Array(1 << 16);
  /** The bucket of each linked posting, -1 once unlinked (compact() reads the postings in order by it). */
  private postBucket = new Int32Array(1 << 16);
  private postUsed = 0;
  /** Compacted postings: bucket b's persons are csrPersons[csrStart[b] .. csrStart[b + 1]). */
  private csrStart = new Int32Array(0);
  private csrPersons = new Int32Array(0);
  /** Holes (-1) left in the compact arrays by removed persons. */
  private stale = 0;
  private readonly maxPostings: number;
  private readonly walkBudget: number;
  private readonly nearFrequency: number;
  // Per-query accumulation in a small open-addressing table keyed by person (stamped instead of cleared): a
  // query touches at most the walk budget of persons, so the table stays in cache at any list size, where arrays
  // indexed by person would miss the cache on nearly every posting of a million-person list. A slot is four
  // 32-bit words of one buffer (stamp, person, the summed weight as a float32, unused), so a probe reads one
  // cache line rather than one per array.
  private accMask: number;
  private accSlots: Int32Array;
  private accSums: Float32Array;
  private epoch = 0;
  /** Slots in the order their persons were first reached (selectTop orders them, ties by person key). */
  private touched: Int32Array;
  private touchedCount = 0;
  private readonly selected = new Float64Array(1024);
  private readonly bucketSeen = new Set<number>();
  /** The skeleton keys of the list's words (near-skeletons.ts): of the store's tokens [0, knownTokens). */
  private readonly known = new KnownSkeletons();
  private knownTokens = 0;

  constructor(
    private readonly store: PersonStore,
    options: PersonIndexOptions = {},
  ) {
    const buckets = nextPow2(Math.max(1 << 16, (options.expectedPersons ?? 0) * 8));
    this.mask = buckets - 1;
    this.initialMask = (buckets >> 1) - 1;
    this.heads = new Int32Array(buckets + (buckets >> 1)).fill(-1);
    this.counts = new Int32Array(buckets + (buckets >> 1));
    this.keyCounts = new KeyCounts(options.expectedPersons ?? 0);
    this.maxPostings = options.maxPostings ?? 4000;
    this.walkBudget = options.walkBudget ?? 1500;
    this.nearFrequency = options.nearFrequency ?? 10;
    // A query reaches at most walkBudget persons (every walk is capped by what is left of it), so the table
    // is never more than a third full and a probe always ends.
    const slots = nextPow2(Math.max(1024, this.walkBudget * 3));
    this.accMask = slots - 1;
    const buffer = new ArrayBuffer(slots * ACC_STRIDE * 4);
    this.accSlots = new Int32Array(buffer);
    this.accSums = new Float32Array(buffer);
    this.touched = new Int32Array(slots);
  }

  /** Number of postings (4 bytes each once compacted, 8 before). */
  get postings(): number {
    return this.postUsed + this.csrPersons.length - this.stale;
  }

  /** Writes a stored person's keys into keyScratch as [hash, kind] pairs. */
  private personKeys(key: number): void {
    const s = this.store;
    const a = s.records;
    const end = s.namesEnd(key);
    keyScratch.length = 0;
    let ns = s.namesStart(key);
    for (let i = ns; i < end; i++) {
      if (a[i] === -1) {
        nameKeys(s.tokens, a, ns, i, keyScratch, false, true);
        ns = i + 1;
      }
    }
    // Full birth dates (day known) are keys too: a person listed under an unrelated alias is still found by the
    // date, and ranked by the scorer (a date alone never reaches the threshold).
    for (let i = s.datesStart(key); i < s.datesEnd(key); i++) {
      const d = a[i]!;
      if (d % 100 !== 0) keyScratch.push(dateKey(d), KEY_DATE);
    }
  }

  /** The buckets of the keys in keyScratch, each once. */
  private bucketsOfKeys(): number[] {
    this.bucketSeen.clear();
    const out: number[] = [];
    for (let i = 0; i < keyScratch.length; i += 2) {
      const b = this.bucketOf(keyScratch[i]!, keyScratch[i + 1]!);
      if (!this.bucketSeen.has(b)) {
        this.bucketSeen.add(b);
        out.push(b);
      }
    }
    return out;
  }

  /**
   * Adds `delta` to the exact count (keyCounts) of each of the skeleton and birth-date keys in keyScratch, once per key:
   * a person with the same word in two names is one person who has it.
   */
  private countKeys(delta: number): void {
    let n = 0;
    for (let i = 0; i < keyScratch.length; i += 2) {
      const kind = keyScratch[i + 1]!;
      if (kind !== KEY_SKELETON && kind !== KEY_DATE) continue;
      const h = keyScratch[i]! | 0;
      if (includes(countedScratch, n, h)) continue;
      if (n === countedScratch.length) {
        const grown = new Int32Array(n * 2);
        grown.set(countedScratch);
        countedScratch = grown;
      }
      countedScratch[n++] = h;
      this.keyCounts.add(h, delta);
    }
  }

  /** Adds the postings of a person already put in the store. */
  insert(key: number): void {
    this.personKeys(key);
    this.countKeys(1);
    // Grown, the table links every live person, this one too: linked again, its postings were doubled, and removing
    // it (one posting a bucket) left it a candidate.
    if (this.store.liveCount * 8 > this.mask + 1) {
      this.rebuild((this.mask + 1) * 2);
      return;
    }
    for (const b of this.bucketsOfKeys()) this.link(b, key);
  }

  private link(b: number, key: number): void {
    if (this.postUsed >= this.postPerson.length) {
      const p = new Int32Array(this.postPerson.length * 2);
      p.set(this.postPerson);
      this.postPerson = p;
      const n = new Int32Array(this.postNext.length * 2);
      n.set(this.postNext);
      this.postNext = n;
      const bs = new Int32Array(this.postBucket.length * 2);
      bs.set(this.postBucket);
      this.postBucket = bs;
    }
    const at = this.postUsed++;
    this.postPerson[at] = key;
    this.postBucket[at] = b;
    this.postNext[at] = this.heads[b]!;
    this.heads[b] = at;
    this.counts[b]!++;
  }

  /**
   * Removes the postings of a person still in the store (call before dropping it there). A person has one posting a
   * bucket (insert links it once): the first found is it. A bucket's count falls only with a posting found, so that it
   * stays the number of postings a walk of it reads.
   */
  delete(key: number): void {
    this.personKeys(key);
    this.countKeys(-1);
    for (const b of this.bucketsOfKeys()) {
      let prev = -1;
      let found = false;
      for (let at = this.heads[b]!; at !== -1; prev = at, at = this.postNext[at]!) {
        if (this.postPerson[at] !== key) continue;
        if (prev === -1) this.heads[b] = this.postNext[at]!;
        else this.postNext[prev] = this.postNext[at]!;
        this.postBucket[at] = -1;
        found = true;
        break;
      }
      if (!found && b + 1 < this.csrStart.length) {
        // In the compact arrays: leave a hole (-1) until the next compaction; walks skip it.
        for (let i = this.csrStart[b]!; i < this.csrStart[b + 1]!; i++) {
          if (this.csrPersons[i] !== key) continue;
          this.csrPersons[i] = -1;
          this.stale++;
          found = true;
          break;
        }
      }
      if (found) this.counts[b]!--;
    }
  }

  /**
   * Moves every posting into compact arrays (each bucket's persons contiguous), which walks read sequentially and
   * which take a third of the memory of the linked postings (person, next, bucket). Postings added later go to the
   * linked lists again; the engine compacts when those (and the stale postings of removed persons) grow past a
   * quarter of the index. A bucket keeps its persons in the order they were added (its compact postings, then its
   * linked ones oldest first): by ascending key where keys follow additions, the order selectTop breaks ties in, so
   * that among many equal sums each compares with the worst kept only, and a bucket too frequent to walk whole gives
   * the slice the tie order prefers.
   */
  compact(): void {
    const buckets = this.heads.length;
    const csr = this.csrStart.length > buckets;
    // Where each bucket's postings go: its compact ones, then its linked ones (counted by reading them in order, not
    // by following the lists, whose every step is a cache miss at millions of postings). Only a live person's
    // postings are kept, linked or compact: a posting left of a removed person is never walked again.
    const start = new Int32Array(buckets + 1);
    const bucketOf = this.postBucket;
    const alive = this.store.alive;
    for (let at = 0; at < this.postUsed; at++) {
      const b = bucketOf[at]!;
      if (b >= 0 && alive[this.postPerson[at]!] === 1) start[b + 1]!++;
    }
    const linked = new Int32Array(buckets);
    const fill = new Int32Array(buckets);
    for (let b = 0; b < buckets; b++) {
      linked[b] = start[b + 1]!;
      const old = csr ? this.csrStart[b + 1]! - this.csrStart[b]! : 0;
      fill[b] = start[b]! + old;
      start[b + 1] = fill[b]! + linked[b]!;
    }
    const persons = new Int32Array(start[buckets]!);
    // Linked postings oldest first, after room for the bucket's compact ones.
    for (let at = 0; at < this.postUsed; at++) {
      const b = bucketOf[at]!;
      const p = this.postPerson[at]!;
      if (b >= 0 && alive[p] === 1) persons[fill[b]!++] = p;
    }
    // Then, bucket by bucket, the compact postings of live persons and the linked ones, slid down over the room of
    // removed persons (never past the linked ones not yet moved: the room is as large as the compact postings), and
    // counted.
    let used = 0;
    for (let b = 0; b < buckets; b++) {
      const from = fill[b]! - linked[b]!;
      start[b] = used;
      if (csr) {
        for (let i = this.csrStart[b]!; i < this.csrStart[b + 1]!; i++) {
          const p = this.csrPersons[i]!;
          if (p >= 0 && alive[p] === 1) persons[used++] = p;
        }
      }
      for (let i = from, n = from + linked[b]!; i < n; i++) persons[used++] = persons[i]!;
      this.counts[b] = used - start[b]!;
    }
    start[buckets] = used;
    this.csrStart = start;
    this.csrPersons = used === persons.length ? persons : persons.slice(0, used);
    this.heads.fill(-1);
    this.postPerson = new Int32Array(1 << 16);
    this.postNext = new Int32Array(1 << 16);
    this.postBucket = new Int32Array(1 << 16);
    this.postUsed = 0;
    this.stale = 0;
    this.learnSkeletons();
  }

  /** Whether enough was added or removed since the last compaction to compact again. */
  get needsCompaction(): boolean {
    return this.postUsed + this.stale > Math.max(4096, this.csrPersons.length >> 2);
  }

  /** Rebuilds every posting list into a bucket table of the given size (when the list has grown). */
  rebuild(buckets: number): void {
    this.mask = nextPow2(buckets) - 1;
    this.initialMask = ((this.mask + 1) >> 1) - 1;
    this.heads = new Int32Array(this.mask + 1 + this.initialMask + 1).fill(-1);
    this.counts = new Int32Array(this.heads.length);
    this.csrStart = new Int32Array(0);
    this.csrPersons = new Int32Array(0);
    this.stale = 0;
    this.postUsed = 0;
    // Links only: the exact key counts do not depend on the buckets.
    const s = this.store;
    for (let k = 0; k < s.alive.length; k++) {
      if (s.alive[k] !== 1) continue;
      this.personKeys(k);
      for (const b of this.bucketsOfKeys()) this.link(b, k);
    }
  }

  /** The bucket of a key: an initial key's in the buckets after the others'. */
  private bucketOf(hash: number, kind: number): number {
    return kind === KEY_INITIAL ? this.mask + 1 + (hash & this.initialMask) : hash & this.mask;
  }

  /** How many live persons have a skeleton or birth-date key (exactly, whatever other keys share its bucket). */
  frequency(hash: number): number {
    return this.keyCounts.get(hash);
  }

  /**
   * Informativeness in (0, 1] of a skeleton or birth-date key: 1 for a key no one or one person has, low for frequent
   * ones.
   */
  idf(hash: number): number {
    const n = this.store.liveCount;
    const df = this.keyCounts.get(hash);
    if (df <= 1 || n <= 1) return 1;
    return Math.log(1 + n / df) / Math.log(1 + n);
  }

  /**
   * Finds the candidates of a query whose names are in `names` (token ids of `table`, names separated by -1),
   * writes up to `limit` person keys, best blocking score first, into `out`, and returns their number.
   */
  candidates(
    table: TokenTable,
    names: ArrayLike<number>,
    count: number,
    limit: number,
    out: Int32Array,
    birthDate = 0,
    ringed?: Uint8Array,
  ): number {
    keyScratch.length = 0;
    let ns = 0;
    for (let i = 0; i < count; i++) {
      if (names[i] === -1) {
        const ring = ringed !== undefined && ringed[ns] === 1;
        nameKeys(table, names, ns, i, keyScratch, ring);
        this.joinedPairKeys(table, names, ns, i, ring);
        ns = i + 1;
      }
    }
    if (birthDate % 100 !== 0) keyScratch.push(dateKey(birthDate), KEY_DATE);
    // A rare query word asks for the listed skeletons one edit from its own too (near-skeletons.ts): a slip in the one
    // rare word of a name would otherwise leave only common keys. They come after the query's own keys, but the keys
    // walked are the rarest of all that are asked for (below), so they find a place as far as they are rare.
    // A word with CH or KH asks for the skeletons of its other spellings as well (name-match.ts, forEachChSkeleton):
    // ACHWAN and AKHWAN share no skeleton, and beside a common MUHAMMAD nothing else would find the person.
    if (this.nearFrequency >= 0) {
      this.learnSkeletons();
      let from = 0;
      for (let i = 0; i < count; i++) {
        const id = names[i]!;
        if (id === -1) {
          from = i + 1;
          continue;
        }
        const flags = table.flags[id]!;
        if ((flags & (TOKEN_PARTICLE | TOKEN_TITLE | TOKEN_INITIAL)) !== 0) continue;
        const rare = this.keyCounts.get(table.skelHash[id]!) <= this.nearFrequency;
        const ch = (flags & TOKEN_LOSSY) === 0 && mayRespellCh(table.letters[id]!);
        if (!rare && !ch) continue;
        // The words of the same name the near skeletons pair with (see pushNear).
        this.partnerCount = 0;
        for (let j = from; j < count && names[j] !== -1 && this.partnerCount < partners.length; j++) {
          const other = names[j]!;
          if (j !== i && (table.flags[other]! & (TOKEN_PARTICLE | TOKEN_TITLE | TOKEN_INITIAL)) === 0) {
            partners[this.partnerCount++] = table.skelHash[other]!;
          }
        }
        if (rare) forEachNearSkeleton(table.skel[id]!, this.known, this.pushNear);
        if (ch) forEachChSkeleton(table.ascii[id]!, table.letters[id]!, table.skel[id]!, this.pushSpelling);
      }
    }
    this.prepareAccumulators();
    // Rarest keys first, within a budget of postings: the rare keys (a rare surname, a pair of tokens, a birth
    // date) find the person; a frequent one would only add thousands of weak candidates and the time to walk them.
    // Every key asked for is ordered, by postings then bucket, and a bucket asked for as two kinds of key weighs as the
    // weightier: the same keys are walked whatever the order of the query's names. (The first 256 were taken: a query
    // of many names filled them with its first names' keys, and its rarest, of a name listed last, was never walked.)
    if (keyBuckets.length * 2 < keyScratch.length) {
      keyBuckets = new Int32Array(keyScratch.length);
      keyKinds = new Int32Array(keyScratch.length);
    }
    let nk = 0;
    for (let i = 0; i < keyScratch.length; i += 2) {
      const kind = keyScratch[i + 1]!;
      const b = this.bucketOf(keyScratch[i]!, kind);
      const df = this.counts[b]!;
      if (df === 0) continue;
      const known = indexOf(keyBuckets, nk, b);
      if (known >= 0) {
        if (KIND_WEIGHT[kind]! > KIND_WEIGHT[keyKinds[known]!]!) keyKinds[known] = kind;
        continue;
      }
      let at = nk++;
      for (; at > 0; at--) {
        const before = keyBuckets[at - 1]!;
        const beforeDf = this.counts[before]!;
        if (beforeDf < df || (beforeDf === df && before < b)) break;
        keyBuckets[at] = before;
        keyKinds[at] = keyKinds[at - 1]!;
      }
      keyBuckets[at] = b;
      keyKinds[at] = kind;
    }
    this.warmed = this.warmKeys(nk);
    let budget = this.walkBudget;
    for (let k = 0; k < nk; k++) {
      const b = keyBuckets[k]!;
      const df = this.counts[b]!;
      const tooMany = df > this.maxPostings || df > budget;
      if (tooMany && k > 0) break;
      // Every key too frequent (a lone "Muhammad"): take a bounded slice of the rarest one.
      const cap = Math.min(df, budget, this.maxPostings);
      this.walk(b, tooMany ? 1 : this.weightOf(df, keyKinds[k]!), cap);
      budget -= cap;
    }
    return this.selectTop(limit, out);
  }

  /**
   * Adds the skeleton keys of the tokens the store has interned since the last call to `known`. The store's token
   * table only grows (a token of a removed person stays): a skeleton no one has any more costs a walk of nothing.
   */
  private learnSkeletons(): void {
    const t = this.store.tokens;
    for (let id = this.knownTokens; id < t.size; id++) {
      this.known.add(t.skelHash[id]!);
      if (t.altSkelHash[id] !== 0) this.known.add(t.altSkelHash[id]!);
    }
    this.knownTokens = t.size;
  }

  // The name joinedPairKeys reads: positions [joinedFrom, joinedTo) of joinedNames, token ids of joinedTable.
  private joinedFrom = 0;
  private joinedTo = 0;
  private joinedNames: ArrayLike<number> = [];
  private joinedTable: TokenTable | undefined;
  /** Pair keys of two adjacent words written together with each other word of the name (see joinedPairKeys). */
  private readonly pushJoinedPairs = (i: number, j: number, hash: number): void => {
    const t = this.joinedTable!;
    for (let k = this.joinedFrom; k < this.joinedTo; k++) {
      if (k === i || k === j) continue;
      const other = this.joinedNames[k]!;
      if ((t.flags[other]! & (TOKEN_PARTICLE | TOKEN_TITLE | TOKEN_INITIAL)) !== 0) continue;
      keyScratch.push(mixPair(hash, t.skelHash[other]!), KEY_PAIR);
    }
  };

  /**
   * Asks for the pairs that a name written with two of its words together has, where the query writes them apart: the
   * words joined as blocking keys them (joinedPairs), each with every other word. HAO Jing-jie has no pair with HAO
   * Jingjie, whose Jingjie alone many share, while Jing and Jie pair with the other Haos and Jings. With the quick
   * score's credit for such a join (prerank.ts), at 200,000 synthetic persons 10 more of 870 name-only queries romanised
   * otherwise find their person in the top 10 (794 to 804). On the development set, 2 aliases with a birth date are no
   * longer in the top 10 and 1 is: all three share no word with their entity and were found by the date alone, which
   * these pairs now outrank. Weighed as near pairs (0.3) they found 3 of the 10.
   */
  private joinedPairKeys(table: TokenTable, names: ArrayLike<number>, from: number, to: number, ring: boolean): void {
    this.joinedFrom = from;
    this.joinedTo = to;
    this.joinedNames = names;
    this.joinedTable = table;
    joinedPairs(table, names, from, to, this.pushJoinedPairs, ring);
  }

  /** How many of `partners` the current near skeletons pair with. */
  private partnerCount = 0;
  /** pushNear for another spelling's skeleton, when some listed word has it. */
  private readonly pushSpelling = (skeleton: string): void => {
    const hash = hashString(skeleton, SEED_SKELETON);
    if (this.known.has(hash)) this.pushNear(hash);
  };

  /** Asks for a near skeleton (near-skeletons.ts), and for its pairs with the `partners` words (NEAR_PAIR_WEIGHT). */
  private readonly pushNear = (hash: number): void => {
    keyScratch.push(hash, KEY_NEAR);
    for (let j = 0; j < this.partnerCount; j++) keyScratch.push(mixPair(hash, partners[j]!), KEY_NEAR_PAIR);
  };

  /** A value read by warmKeys(), kept so its reads are not optimised away. */
  private warmed = 0;

  /**
   * Reads where the postings of the query's keys are, and the first of them, for every key before any is walked:
   * the bucket arrays are as large as the list, so each read misses the cache, and reads in one pass overlap.
   */
  private warmKeys(nk: number): number {
    let x = 0;
    const compacted = this.csrStart.length;
    for (let k = 0; k < nk; k++) {
      const b = keyBuckets[k]!;
      x ^= this.heads[b]!;
      if (b + 1 < compacted) x ^= this.csrStart[b]! ^ this.csrStart[b + 1]!;
    }
    for (let k = 0; k < nk; k++) {
      const b = keyBuckets[k]!;
      if (b + 1 < compacted && this.csrStart[b]! < this.csrPersons.length) x ^= this.csrPersons[this.csrStart[b]!]!;
    }
    return x;
  }

  private weightOf(df: number, kind: number): number {
    const n = this.store.liveCount;
    const idf = n <= 1 ? 1 : Math.log(1 + n / df) / Math.log(1 + n);
    return KIND_WEIGHT[kind]! * idf;
  }

  private prepareAccumulators(): void {
    this.epoch++;
    if (this.epoch === 0x7fffffff) {
      for (let i = 0; i < this.accSlots.length; i += ACC_STRIDE) this.accSlots[i] = 0;
      this.epoch = 1;
    }
    this.touchedCount = 0;
  }

  private walk(b: number, w: number, cap: number): void {
    let seen = 0;
    for (let at = this.heads[b]!; at !== -1 && seen < cap; at = this.postNext[at]!, seen++) {
      this.accumulate(this.postPerson[at]!, w);
    }
    if (b + 1 >= this.csrStart.length) return;
    // Every compacted posting is of a live person or a hole (-1): compact() keeps only the live, and delete()
    // leaves a hole where it removes one, so the walk need not look the person up (a cache miss per posting).
    const end = this.csrStart[b + 1]!;
    for (let i = this.csrStart[b]!; i < end && seen < cap; i++) {
      const p = this.csrPersons[i]!;
      if (p < 0) continue;
      this.accumulate(p, w);
      seen++;
    }
  }

  private accumulate(p: number, w: number): void {
    const mask = this.accMask;
    const slots = this.accSlots;
    let slot = Math.imul(p, 0x9e3779b1) & mask;
    for (;;) {
      const at = slot * ACC_STRIDE;
      if (slots[at] !== this.epoch) break;
      if (slots[at + 1] === p) {
        this.accSums[at + 2]! += w;
        return;
      }
      slot = (slot + 1) & mask;
    }
    const at = slot * ACC_STRIDE;
    slots[at] = this.epoch;
    slots[at + 1] = p;
    this.accSums[at + 2] = w;
    this.touched[this.touchedCount++] = slot;
  }

  /**
   * Selection of the `limit` best accumulated persons, best first, equal sums by lower person key: the order in which
   * the postings were walked (the order persons were added, compacted, rebuilt) chose among namesakes before, so the
   * same list returned other persons depending on its history. An insertion-sorted buffer: most persons compare with
   * its last only, and ties, which arrive by ascending key from compacted buckets (see compact), do not slide. Persons
   * added since the last compaction arrive newest first: where their ties would slide through the buffer too long,
   * heapSelect takes over.
   */
  private selectTop(limit: number, out: Int32Array): number {
    let n = 0;
    const sums = this.accSums;
    const slots = this.accSlots;
    const sel = this.selected.length >= limit ? this.selected : new Float64Array(limit);
    // Moves allowed: what filling the buffer in any order takes, and a few dozen a person (a heap's cost, about).
    let moves = ((limit * limit) >> 1) + 32 * this.touchedCount;
    for (let t = 0; t < this.touchedCount; t++) {
      const at = this.touched[t]! * ACC_STRIDE;
      const v = sums[at + 2]!;
      const p = slots[at + 1]!;
      if (n === limit && (v < sel[n - 1]! || (v === sel[n - 1]! && p > out[n - 1]!))) continue;
      let i = n < limit ? n++ : n - 1;
      for (; i > 0; i--) {
        const w = sel[i - 1]!;
        if (w > v || (w === v && out[i - 1]! < p)) break;
        out[i] = out[i - 1]!;
        sel[i] = w;
        if (--moves === 0) return this.heapSelect(limit, out, sel);
      }
      out[i] = p;
      sel[i] = v;
    }
    return n;
  }

  /** selectTop by a heap of the best so far, its worst on top: O(log limit) a person whatever the order they come in. */
  private heapSelect(limit: number, out: Int32Array, sel: Float64Array): number {
    let n = 0;
    const sums = this.accSums;
    const slots = this.accSlots;
    for (let t = 0; t < this.touchedCount; t++) {
      const at = this.touched[t]! * ACC_STRIDE;
      const v = sums[at + 2]!;
      const p = slots[at + 1]!;
      if (n < limit) {
        // Up from the bottom while better than the parent.
        let i = n++;
        while (i > 0) {
          const up = (i - 1) >> 1;
          if (!better(sel[up]!, out[up]!, v, p)) break;
          sel[i] = sel[up]!;
          out[i] = out[up]!;
          i = up;
        }
        sel[i] = v;
        out[i] = p;
      } else if (better(v, p, sel[0]!, out[0]!)) {
        siftDown(sel, out, n, v, p);
      }
    }
    // Heap sort: the worst goes last, so the best end first.
    for (let last = n - 1; last > 0; last--) {
      const v = sel[last]!;
      const p = out[last]!;
      sel[last] = sel[0]!;
      out[last] = out[0]!;
      siftDown(sel, out, last, v, p);
    }
    return n;
  }
}

/** Whether the sum v of person p ranks before the sum w of person q: higher, or as high and of a lower key. */
function better(v: number, p: number, w: number, q: number): boolean {
  return v > w || (v === w && p < q);
}

/** Puts (v, p) at the top of the heap sel/out[0 .. n) (its worst on top) and moves it down to its place. */
function siftDown(sel: Float64Array, out: Int32Array, n: number, v: number, p: number): void {
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= n) break;
    // The worse of the two children.
    if (child + 1 < n && better(sel[child]!, out[child]!, sel[child + 1]!, out[child + 1]!)) child++;
    if (!better(v, p, sel[child]!, out[child]!)) break;
    sel[i] = sel[child]!;
    out[i] = out[child]!;
    i = child;
  }
  sel[i] = v;
  out[i] = p;
}
