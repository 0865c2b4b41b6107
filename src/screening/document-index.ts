/**
 * Document numbers → entries, flat enough for ten million documents. Each entry's cleaned number (A–Z, 0–9) is
 * stored as bytes in one shared arena; its OCR-folded form is never stored, since folding maps one character to
 * one character and can be applied while comparing. The table is open addressing over (hash of the folded number,
 * entry) pairs side by side in one Int32Array, and each entry's offset, length, issuing state, type, owner and
 * next entry of the same person sit together in another, so a lookup touches a few cache lines: the slot, the
 * entry, its bytes. The number as written is kept (as a string) only when it differs from the cleaned one.
 */
import { nationalityKey } from '../countries/countries.js';
import { cleanDocumentNumber } from './documents.js';
import type { DocumentHit, DocumentQuery, DocumentRecord } from './types.js';

/** Score of a document found only through OCR folding (the exact number scores 1). */
export const OCR_DOCUMENT_SCORE = 0.9;

/** Cleaned numbers longer than this are cut (no real document number comes near it). */
const MAX_NUMBER = 255;

// OCR folding on character codes: O/Q/D→0, I/L→1, Z→2, S→5, G→6, B→8 (see documents.ts).
const FOLD = new Uint8Array(128);
for (let c = 0; c < 128; c++) FOLD[c] = c;
for (const [from, to] of Object.entries({ O: '0', Q: '0', D: '0', I: '1', L: '1', Z: '2', S: '5', G: '6', B: '8' })) {
  FOLD[from.charCodeAt(0)] = to.charCodeAt(0);
}

/** Hash (FNV-1a + murmur finaliser) of the folded form of `len` cleaned bytes. */
function foldedHash(bytes: Uint8Array, at: number, len: number): number {
  let h = 0x811c9dc5 ^ 0xd0c;
  for (let i = 0; i < len; i++) {
    h ^= FOLD[bytes[at + i]!]!;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A small dictionary of strings (issuing states, document types) as ids; 0 is "none". */
class Interned {
  readonly values: (string | undefined)[] = [undefined];
  private readonly ids = new Map<string, number>();
  id(v: string | undefined): number {
    if (v === undefined) return 0;
    let id = this.ids.get(v);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(v);
      this.ids.set(v, id);
    }
    return id;
  }
  find(v: string): number {
    return this.ids.get(v) ?? -1;
  }
}

// Fields of an entry in `entries` (stride ENTRY): arena offset; length | state << 8 | type << 24 | HAS_RAW; owner; next
// entry of the same person (-1 at the end).
const ENTRY = 4;
const E_OFFSET = 0;
const E_PACKED = 1;
/** Set in the packed field when the number as written differs from the cleaned one (kept in `raw`). */
const HAS_RAW = 1 << 31;
const E_OWNER = 2;
const E_NEXT = 3;

/** Documents of all persons, by folded number. */
export class DocumentIndex {
  private mask = (1 << 12) - 1;
  /** Slot i: table[2i] = hash of the folded number, table[2i + 1] = entry, or -1 when the slot is empty. */
  private table = new Int32Array(2 << 12).fill(-1);
  private entries = new Int32Array(1024 * ENTRY);
  /** First entry of each person key, -1 when none. */
  private personHead = new Int32Array(1024).fill(-1);
  private arena = new Uint8Array(1 << 16);
  private arenaUsed = 0;
  private readonly countries = new Interned();
  private readonly types = new Interned();
  /** The number as written, for the entries where it differs from the cleaned number. */
  private readonly raw = new Map<number, string>();
  private readonly countryMemo = new Map<string, number>();
  private readonly entryCountryMemo = new Map<string, number>();
  private used = 0;
  private live = 0;
  // The query's cleaned number, as bytes (reused).
  private readonly queryBytes = new Uint8Array(MAX_NUMBER);
  /** The query's cleaned number while forEachMatch runs: the number of every exact hit without raw text. */
  private queryClean: string | undefined;

  /** Number of live entries. */
  get size(): number {
    return this.live;
  }

  /** Indexes the documents of person `key`. */
  add(key: number, docs: readonly DocumentRecord[]): void {
    for (const d of docs) {
      let clean = cleanDocumentNumber(d.number);
      if (clean.length < 3) continue;
      if (clean.length > MAX_NUMBER) clean = clean.slice(0, MAX_NUMBER);
      if ((this.live + 1) * 10 > (this.mask + 1) * 7) this.resize((this.mask + 1) * 2);
      const at = this.used++;
      if ((at + 1) * ENTRY > this.entries.length) {
        const e = new Int32Array(Math.max((at + 1) * ENTRY, this.entries.length * 2));
        e.set(this.entries);
        this.entries = e;
      }
      if (this.arenaUsed + clean.length > this.arena.length) {
        const a = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + clean.length));
        a.set(this.arena.subarray(0, this.arenaUsed));
        this.arena = a;
      }
      const off = this.arenaUsed;
      for (let i = 0; i < clean.length; i++) this.arena[off + i] = clean.charCodeAt(i);
      this.arenaUsed += clean.length;
      if (d.number !== clean) this.raw.set(at, d.number);
      const country = d.country === undefined ? 0 : this.entryCountry(d.country);
      const type = this.types.id(d.type);
      if (country > 0xffff || type > 0x7f) throw new RangeError('too many distinct document states or types');
      if (key >= this.personHead.length) {
        const h = new Int32Array(Math.max(key + 1, this.personHead.length * 2)).fill(-1);
        h.set(this.personHead);
        this.personHead = h;
      }
      const e = at * ENTRY;
      this.entries[e + E_OFFSET] = off;
      this.entries[e + E_PACKED] = clean.length | (country << 8) | (type << 24) | (d.number !== clean ? HAS_RAW : 0);
      this.entries[e + E_OWNER] = key;
      this.entries[e + E_NEXT] = this.personHead[key]!;
      this.personHead[key] = at;
      this.place(foldedHash(this.arena, off, clean.length) | 0, at);
      this.live++;
    }
  }

  private place(hash: number, entry: number): void {
    const t = this.table;
    let slot = hash & this.mask;
    while (t[2 * slot + 1] !== -1) slot = (slot + 1) & this.mask;
    t[2 * slot] = hash;
    t[2 * slot + 1] = entry;
  }

  private resize(slots: number): void {
    const old = this.table;
    this.mask = slots - 1;
    this.table = new Int32Array(slots * 2).fill(-1);
    for (let i = 1; i < old.length; i += 2) if (old[i] !== -1) this.place(old[i - 1]!, old[i]!);
  }

  /** Removes the documents of person `key`. */
  remove(key: number): void {
    if (key < 0 || key >= this.personHead.length) return;
    const entries = this.entries;
    for (let at = this.personHead[key]!; at !== -1; at = entries[at * ENTRY + E_NEXT]!) {
      const e = at * ENTRY;
      this.unplace(foldedHash(this.arena, entries[e + E_OFFSET]!, entries[e + E_PACKED]! & 0xff) | 0, at);
      entries[e + E_OWNER] = -1;
      if ((entries[e + E_PACKED]! & HAS_RAW) !== 0) this.raw.delete(at);
      this.live--;
    }
    this.personHead[key] = -1;
  }

  /** Deletes an entry from the table, shifting later slots of its probe run back (no tombstones). */
  private unplace(hash: number, entry: number): void {
    const t = this.table;
    const mask = this.mask;
    let slot = hash & mask;
    while (t[2 * slot + 1] !== entry) {
      if (t[2 * slot + 1] === -1) return;
      slot = (slot + 1) & mask;
    }
    let hole = slot;
    for (let next = (hole + 1) & mask; t[2 * next + 1] !== -1; next = (next + 1) & mask) {
      const home = t[2 * next]! & mask;
      // Move the entry at `next` into the hole unless its home lies cyclically in (hole, next].
      const between = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (between) continue;
      t[2 * hole] = t[2 * next]!;
      t[2 * hole + 1] = t[2 * next + 1]!;
      hole = next;
    }
    t[2 * hole + 1] = -1;
  }

  /**
   * Calls `found(entry, exact)` for each entry whose folded number equals the query's and whose issuing state
   * does not contradict it (`exact` when the cleaned numbers are equal too); returns the number found.
   */
  forEachMatch(query: DocumentQuery, found: (entry: number, exact: boolean) => void): number {
    const clean = cleanDocumentNumber(query.number);
    if (clean.length < 3) return 0;
    const len = Math.min(clean.length, MAX_NUMBER);
    const qb = this.queryBytes;
    for (let i = 0; i < len; i++) qb[i] = clean.charCodeAt(i);
    const qc = query.country === undefined || query.country === '' ? 0 : this.queryCountry(query.country);
    const arena = this.arena;
    const entries = this.entries;
    const t = this.table;
    const hash = foldedHash(qb, 0, len) | 0;
    let n = 0;
    for (let slot = hash & this.mask; t[2 * slot + 1] !== -1; slot = (slot + 1) & this.mask) {
      if (t[2 * slot] !== hash) continue;
      const entry = t[2 * slot + 1]!;
      const e = entry * ENTRY;
      const packed = entries[e + E_PACKED]!;
      if ((packed & 0xff) !== len) continue;
      const off = entries[e + E_OFFSET]!;
      let exact = true;
      let same = true;
      for (let k = 0; k < len; k++) {
        const a = arena[off + k]!;
        const b = qb[k]!;
        if (a === b) continue;
        exact = false;
        if (FOLD[a] !== FOLD[b]) {
          same = false;
          break;
        }
      }
      if (!same) continue;
      const c = (packed >>> 8) & 0xffff;
      if (qc !== 0 && c !== 0 && c !== qc) continue;
      this.queryClean = len === clean.length ? clean : undefined;
      try {
        found(entry, exact);
      } finally {
        this.queryClean = undefined;
      }
      n++;
    }
    return n;
  }

  /** The id of a listed document's issuing state (memoised: a list repeats a few codes). */
  private entryCountry(code: string): number {
    let id = this.entryCountryMemo.get(code);
    if (id === undefined) {
      const before = this.countries.values.length;
      id = this.countries.id(nationalityKey(code) ?? code.toUpperCase());
      // A new state changes what the query memo answered for it (-1 → its id).
      if (this.countries.values.length !== before) this.countryMemo.clear();
      if (this.entryCountryMemo.size > 4096) this.entryCountryMemo.clear();
      this.entryCountryMemo.set(code, id);
    }
    return id;
  }

  /**
   * The id of a query's issuing state: 0 when unknown (contradicts nothing), -1 for a real state that no entry
   * names (contradicts every entry that names one). Memoised: lookups repeat a few codes.
   */
  private queryCountry(code: string): number {
    let id = this.countryMemo.get(code);
    if (id === undefined) {
      const key = nationalityKey(code);
      id = key === undefined ? 0 : this.countries.find(key);
      if (this.countryMemo.size > 4096) this.countryMemo.clear();
      this.countryMemo.set(code, id);
    }
    return id;
  }

  /** The owner (person key) of an entry. */
  ownerOf(entry: number): number {
    return this.entries[entry * ENTRY + E_OWNER]!;
  }

  /** The number of an entry as it was written. */
  numberOf(entry: number): string {
    const packed = this.entries[entry * ENTRY + E_PACKED]!;
    if ((packed & HAS_RAW) !== 0) {
      const raw = this.raw.get(entry);
      if (raw !== undefined) return raw;
    }
    const off = this.entries[entry * ENTRY + E_OFFSET]!;
    const len = packed & 0xff;
    let out = '';
    for (let i = off; i < off + len; i++) out += String.fromCharCode(this.arena[i]!);
    return out;
  }

  /** An entry as a hit for `entityId`. */
  hit(entry: number, entityId: string, exact: boolean): DocumentHit {
    const packed = this.entries[entry * ENTRY + E_PACKED]!;
    return {
      key: this.ownerOf(entry),
      entityId,
      // An exact hit found by the running lookup has the query's cleaned number: no string to rebuild.
      number:
        exact && this.queryClean !== undefined && (packed & HAS_RAW) === 0 ? this.queryClean : this.numberOf(entry),
      country: this.countries.values[(packed >>> 8) & 0xffff],
      type: this.types.values[(packed >>> 24) & 0x7f],
      score: exact ? 1 : OCR_DOCUMENT_SCORE,
      how: exact ? 'exact' : 'ocr',
    };
  }
}
