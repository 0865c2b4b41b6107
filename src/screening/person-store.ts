/**
 * The persons' screening data in flat typed arrays indexed by their dense key: name token ids (names separated
 * by -1), packed birth dates, nationality ids, gender. Arrays grow by doubling; removing a person only clears
 * its live flag (its arena space is reclaimed when the index is rebuilt), so removal is O(1) here.
 */
import { nationalityKey } from '../countries/countries.js';
import { parseDate } from './dates.js';
import { TokenTable } from './token-table.js';
import { prepareName } from './tokens.js';
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

/** Per-person data for scoring. */
export class PersonStore {
  readonly tokens = new TokenTable();
  readonly entityIds: (string | undefined)[] = [];
  /** Original names, kept for explanations. */
  readonly rawNames: (readonly string[] | undefined)[] = [];
  alive = new Uint8Array(1024);
  gender = new Uint8Array(1024);
  nameStart = new Int32Array(1024);
  nameLen = new Int32Array(1024);
  dateStart = new Int32Array(1024);
  dateLen = new Int32Array(1024);
  natStart = new Int32Array(1024);
  natLen = new Int32Array(1024);
  nameArena = new Int32Array(1 << 16);
  nameUsed = 0;
  /**
   * What the quick score reads, one contiguous record per person so a candidate costs a cache miss or two
   * rather than one per array: [date count, dates…, name count, then per name: token count, skeleton hashes…].
   */
  quickArena = new Int32Array(1 << 16);
  quickStart = new Int32Array(1024);
  quickUsed = 0;
  dateArena = new Int32Array(1 << 12);
  dateUsed = 0;
  natArena = new Int32Array(1 << 12);
  natUsed = 0;
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

  /** Stores a person (which must not be live) and returns nothing; names are tokenised and interned here. */
  put(r: PersonRecord): void {
    const k = r.key;
    const size = k + 1;
    this.alive = grownUint8(this.alive, size);
    this.gender = grownUint8(this.gender, size);
    this.nameStart = grownInt32(this.nameStart, size);
    this.nameLen = grownInt32(this.nameLen, size);
    this.dateStart = grownInt32(this.dateStart, size);
    this.dateLen = grownInt32(this.dateLen, size);
    this.natStart = grownInt32(this.natStart, size);
    this.natLen = grownInt32(this.natLen, size);
    const start = this.nameUsed;
    // Every name gets a segment, even an empty one, so segment i is r.names[i] (for explanations).
    for (const name of r.names) {
      const toks = prepareName(name);
      this.nameArena = grownInt32(this.nameArena, this.nameUsed + toks.length + 1);
      for (const t of toks) this.nameArena[this.nameUsed++] = this.tokens.intern(t);
      this.nameArena[this.nameUsed++] = -1;
    }
    this.nameStart[k] = start;
    this.nameLen[k] = this.nameUsed - start;
    this.dateArena = grownInt32(this.dateArena, this.dateUsed + r.birthDates.length);
    this.dateStart[k] = this.dateUsed;
    for (const d of r.birthDates) {
      const p = parseDate(d);
      if (p !== 0) this.dateArena[this.dateUsed++] = p;
    }
    this.dateLen[k] = this.dateUsed - this.dateStart[k];
    this.natArena = grownInt32(this.natArena, this.natUsed + r.nationalities.length);
    this.natStart[k] = this.natUsed;
    for (const n of r.nationalities) {
      const key = nationalityKey(n);
      if (key !== undefined) this.natArena[this.natUsed++] = this.countryId(key);
    }
    this.natLen[k] = this.natUsed - this.natStart[k];
    this.putQuick(k);
    this.gender[k] = genderCode(r.gender);
    this.entityIds[k] = r.entityId;
    this.rawNames[k] = r.names;
    this.alive[k] = 1;
    this.liveCount++;
  }

  private putQuick(k: number): void {
    this.quickStart = grownInt32(this.quickStart, k + 1);
    const ds = this.dateStart[k]!;
    const dl = this.dateLen[k]!;
    const ns = this.nameStart[k]!;
    const nl = this.nameLen[k]!;
    this.quickArena = grownInt32(this.quickArena, this.quickUsed + dl + nl + 3);
    const a = this.quickArena;
    let at = this.quickUsed;
    this.quickStart[k] = at;
    a[at++] = dl;
    for (let i = ds; i < ds + dl; i++) a[at++] = this.dateArena[i]!;
    const countAt = at++;
    let names = 0;
    let lenAt = at++;
    for (let i = ns; i < ns + nl; i++) {
      const id = this.nameArena[i]!;
      if (id !== -1) {
        a[at++] = this.tokens.skelHash[id]! | 0;
        continue;
      }
      a[lenAt] = at - lenAt - 1;
      names++;
      lenAt = at++;
    }
    a[countAt] = names;
    // The last length slot was reserved for a name that does not follow.
    this.quickUsed = at - 1;
  }

  /** A value read by warm(), kept so the reads are not optimised away. */
  private warmed = 0;

  /**
   * Reads the start of each person's data in every array before the persons are scored: the loads are
   * independent, so the processor overlaps their cache misses instead of waiting for each in the scorer.
   */
  warm(keys: Int32Array, count: number): void {
    let x = 0;
    for (let i = 0; i < count; i++) {
      const k = keys[i]!;
      x ^= this.nameStart[k]! ^ this.nameLen[k]! ^ this.dateStart[k]! ^ this.natStart[k]! ^ this.gender[k]!;
    }
    for (let i = 0; i < count; i++) {
      const k = keys[i]!;
      x ^=
        this.nameArena[this.nameStart[k]!]! ^ this.dateArena[this.dateStart[k]!]! ^ this.natArena[this.natStart[k]!]!;
    }
    this.warmed = x;
  }

  /** Marks a person removed. */
  drop(key: number): void {
    if (!this.has(key)) return;
    this.alive[key] = 0;
    this.entityIds[key] = undefined;
    this.rawNames[key] = undefined;
    this.liveCount--;
  }
}
