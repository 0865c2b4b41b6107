/**
 * The persons' screening data in one flat Int32Array: each person's record is contiguous (see PersonStore), found
 * through its dense key. Arrays grow by doubling; removing a person only clears its live flag (its record space
 * is not reused), so removal is O(1) here.
 */
import { nationalityKey } from '../countries/countries.js';
import { parseDate } from './dates.js';
import { TokenTable } from './token-table.js';
import { SKETCH_STRIDE } from './token-sketch.js';
import { prepareName, readAsRing } from './tokens.js';
import type { PersonRecord } from './types.js';

/** Gender codes in the store. */
export const GENDER_UNKNOWN = 0;
export const GENDER_MALE = 1;
export const GENDER_FEMALE = 2;
export const GENDER_OTHER = 3;

/** Maps male/female/m/f/… to a gender code; unknown for anything else. */
export function genderCode(g: string | undefined): number {
  if (g === undefined) return GENDER_UNKNOWN;
  const s = g.trim().toLowerCase();
  if (s === 'male' || s === 'm') return GENDER_MALE;
  if (s === 'female' || s === 'f') return GENDER_FEMALE;
  if (s === 'other' || s === 'x') return GENDER_OTHER;
  return GENDER_UNKNOWN;
}

/** Ints before a record's dates: name ints, dates, nationalities, gender and rings, where its raw names start. */
export const RECORD_HEADER = 5;
/** Names of a person whose ring flag is kept (see PersonStore.ringedNames): its first this many. */
const RING_NAMES = 29;

/** Whether name `i` is read as a ring, by the flags of PersonStore.ringedNames. */
export function ringAt(rings: number, i: number): boolean {
  return i < RING_NAMES && ((rings >>> i) & 1) === 1;
}

function grownInt32(a: Int32Array<ArrayBuffer>, min: number): Int32Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}
function grownUint8(a: Uint8Array<ArrayBuffer>, min: number): Uint8Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Uint8Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Per-person data for scoring. Each person is one record in `records`, from recordStart[key]:
 *
 *   L, D, K, gender, N, D packed birth dates, K nationality ids, L name ints (token ids, each name followed by -1)
 *
 * where N is where the person's raw names start in `rawNames`.
 *
 * A candidate costs the screening a cache miss or two rather than one per array, at any list size; the quick
 * score reads the dates and names of up to a few hundred candidates, and the full scorer then finds the records
 * of the few dozen it keeps already in cache. Read them through the *Start / *End methods (or the same offsets).
 */
export class PersonStore {
  readonly tokens = new TokenTable();
  readonly entityIds: (string | undefined)[] = [];
  /**
   * Original names, kept for explanations: every person's in a row (from its record's fifth int), so explaining
   * a hit reads one slot of this array rather than a per-person array and then its slot (three cache misses).
   */
  readonly rawNames: (string | undefined)[] = [];
  alive = new Uint8Array(1024);
  recordStart = new Int32Array(1024);
  records = new Int32Array(1 << 16);
  recordUsed = 0;
  /** Nationality keys (ISO alpha-3 or ICAO) by small id. */
  readonly countries: string[] = [];
  private readonly countryIds = new Map<string, number>();
  liveCount = 0;

  /** The small id of a nationality key, adding it when new. */
  countryId(key: string): number {
    let id = this.countryIds.get(key);
    if (id === undefined) {
      id = this.countries.length;
      this.countries.push(key);
      this.countryIds.set(key, id);
    }
    return id;
  }

  /** Whether a live person has this key. */
  has(key: number): boolean {
    return key >= 0 && key < this.alive.length && this.alive[key] === 1;
  }

  /** Where a person's birth dates are in `records` (end exclusive). */
  datesStart(key: number): number {
    return this.recordStart[key]! + RECORD_HEADER;
  }
  datesEnd(key: number): number {
    const r = this.recordStart[key]!;
    return r + RECORD_HEADER + this.records[r + 1]!;
  }

  /** Where a person's nationality ids are in `records` (end exclusive). */
  natsStart(key: number): number {
    const r = this.recordStart[key]!;
    return r + RECORD_HEADER + this.records[r + 1]!;
  }
  natsEnd(key: number): number {
    const r = this.recordStart[key]!;
    return r + RECORD_HEADER + this.records[r + 1]! + this.records[r + 2]!;
  }

  /** Where a person's names are in `records` (token ids, each name followed by -1; end exclusive). */
  namesStart(key: number): number {
    const r = this.recordStart[key]!;
    return r + RECORD_HEADER + this.records[r + 1]! + this.records[r + 2]!;
  }
  namesEnd(key: number): number {
    const r = this.recordStart[key]!;
    return r + RECORD_HEADER + this.records[r + 1]! + this.records[r + 2]! + this.records[r]!;
  }

  /** How many names a person has (its name segments, empty ones included). */
  nameCount(key: number): number {
    let count = 0;
    const end = this.namesEnd(key);
    for (let at = this.namesStart(key); at < end; at++) if (this.records[at] === -1) count++;
    return count;
  }

  /** A person's raw name number `i` (as given: `names[i]` of its PersonRecord), '' when there is none. */
  rawName(key: number, i: number): string {
    if (i < 0 || i >= this.nameCount(key)) return '';
    return this.rawNames[this.records[this.recordStart[key]! + 4]! + i] ?? '';
  }

  /** A person's gender code. */
  genderOf(key: number): number {
    return this.records[this.recordStart[key]! + 3]! & 3;
  }

  /** Bit i set where the person's name i is written family name first (tokens.ts, readAsRing). */
  ringedNames(key: number): number {
    return this.records[this.recordStart[key]! + 3]! >>> 2;
  }

  /** Stores a person (which must not be live) and returns nothing; names are tokenised and interned here. */
  put(r: PersonRecord): void {
    const k = r.key;
    const size = k + 1;
    this.alive = grownUint8(this.alive, size);
    this.recordStart = grownInt32(this.recordStart, size);
    const ids: number[] = [];
    let rings = 0;
    // Every name gets a segment, even an empty one, so segment i is r.names[i] (for explanations).
    for (let i = 0; i < r.names.length; i++) {
      const name = r.names[i]!;
      const tokens = prepareName(name);
      if (i < RING_NAMES && readAsRing(name, tokens)) rings |= 1 << i;
      for (const t of tokens) ids.push(this.tokens.intern(t));
      ids.push(-1);
    }
    const dates: number[] = [];
    for (const d of r.birthDates) {
      const p = parseDate(d);
      if (p !== 0) dates.push(p);
    }
    const nats: number[] = [];
    for (const n of r.nationalities) {
      const key = nationalityKey(n);
      if (key !== undefined) nats.push(this.countryId(key));
    }
    const start = this.recordUsed;
    this.records = grownInt32(this.records, start + RECORD_HEADER + dates.length + nats.length + ids.length);
    const a = this.records;
    a[start] = ids.length;
    a[start + 1] = dates.length;
    a[start + 2] = nats.length;
    a[start + 3] = genderCode(r.gender) | (rings << 2);
    a[start + 4] = this.rawNames.length;
    for (const name of r.names) this.rawNames.push(name);
    let at = start + RECORD_HEADER;
    for (const d of dates) a[at++] = d;
    for (const n of nats) a[at++] = n;
    for (const id of ids) a[at++] = id;
    this.recordUsed = at;
    this.recordStart[k] = start;
    this.entityIds[k] = r.entityId;
    this.alive[k] = 1;
    this.liveCount++;
  }

  /**
   * Reads each person's record before the persons are scored: first where it starts, then its first word, then
   * its last (a record often spans two cache lines). The loads of one pass are independent, so the processor
   * overlaps their cache misses instead of waiting for each in the scorer. Returns a value made of what it read,
   * for the caller to keep, so the reads are not optimised away.
   */
  warm(keys: Int32Array, count: number): number {
    const start = this.recordStart;
    const a = this.records;
    let x = 0;
    for (let i = 0; i < count; i++) x ^= start[keys[i]!]!;
    for (let i = 0; i < count; i++) x ^= a[start[keys[i]!]!]!;
    for (let i = 0; i < count; i++) {
      const r = start[keys[i]!]!;
      x ^= a[r + RECORD_HEADER + a[r]! + a[r + 1]! + a[r + 2]! - 1]!;
    }
    return x;
  }

  /** As warm() for the sketches (token-sketch.ts) of the persons' name tokens, which a score bound reads first. */
  warmSketches(keys: Int32Array, count: number): number {
    const a = this.records;
    const sketch = this.tokens.sketch;
    let x = 0;
    for (let i = 0; i < count; i++) {
      const end = this.namesEnd(keys[i]!);
      for (let p = this.namesStart(keys[i]!); p < end; p++) {
        const id = a[p]!;
        if (id !== -1) x ^= sketch[id * SKETCH_STRIDE]!;
      }
    }
    return x;
  }

  /**
   * Reads the entity id and the first raw name slot of the persons keys[order[0 .. count)] (the hits about to be
   * returned), for the same reason as warm(): those arrays are large, and one pass lets their cache misses overlap.
   */
  warmHits(keys: Int32Array, order: Int32Array, count: number): number {
    let x = 0;
    for (let i = 0; i < count; i++) {
      const k = keys[order[i]!]!;
      if (this.entityIds[k] === undefined) x++;
      if (this.rawNames[this.records[this.recordStart[k]! + 4]!] === undefined) x++;
    }
    return x;
  }

  /** Marks a person removed. */
  drop(key: number): void {
    if (!this.has(key)) return;
    this.alive[key] = 0;
    this.entityIds[key] = undefined;
    const first = this.records[this.recordStart[key]! + 4]!;
    this.rawNames.fill(undefined, first, first + this.nameCount(key));
    this.liveCount--;
  }
}
