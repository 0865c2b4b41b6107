/**
 * Document numbers → entries, keyed by the OCR-folded number and checked against the issuing state. Buckets
 * of flat Int32Array linked lists, as in the person index, so adding and removing follow the list and a
 * lookup is a hash, a short walk and a string comparison (well over a million lookups per second).
 */
import { nationalityKey } from '../countries/countries.js';
import { cleanDocumentNumber, foldDocumentNumber } from './documents.js';
import { hashString } from './token-table.js';
import type { DocumentHit, DocumentQuery, DocumentRecord } from './types.js';

const SEED_DOC = 0xd0c;

/** Score of a document found only through OCR folding (the exact number scores 1). */
export const OCR_DOCUMENT_SCORE = 0.9;

/** Documents of all persons, by folded number. */
export class DocumentIndex {
  private mask = (1 << 16) - 1;
  private heads = new Int32Array(1 << 16).fill(-1);
  private next = new Int32Array(1024);
  private owner = new Int32Array(1024);
  private readonly folded: string[] = [];
  private readonly clean: string[] = [];
  private readonly raw: string[] = [];
  private readonly country: (string | undefined)[] = [];
  private readonly type: (string | undefined)[] = [];
  private used = 0;
  private live = 0;
  /** Each person's document entries, so that removal is cheap. */
  private readonly byPerson = new Map<number, number[]>();

  /** Indexes the documents of person `key`. */
  add(key: number, docs: readonly DocumentRecord[]): void {
    for (const d of docs) {
      const clean = cleanDocumentNumber(d.number);
      if (clean.length < 3) continue;
      if (this.live * 2 > this.mask) this.grow();
      const at = this.used++;
      if (at >= this.next.length) {
        const n = new Int32Array(this.next.length * 2);
        n.set(this.next);
        this.next = n;
        const o = new Int32Array(this.owner.length * 2);
        o.set(this.owner);
        this.owner = o;
      }
      const f = foldDocumentNumber(clean);
      this.folded[at] = f;
      this.clean[at] = clean;
      this.raw[at] = d.number;
      this.country[at] = d.country === undefined ? undefined : (nationalityKey(d.country) ?? d.country.toUpperCase());
      this.type[at] = d.type;
      this.owner[at] = key;
      const b = hashString(f, SEED_DOC) & this.mask;
      this.next[at] = this.heads[b]!;
      this.heads[b] = at;
      this.live++;
      let list = this.byPerson.get(key);
      if (list === undefined) this.byPerson.set(key, (list = []));
      list.push(at);
    }
  }

  /** Removes the documents of person `key`. */
  remove(key: number): void {
    const list = this.byPerson.get(key);
    if (list === undefined) return;
    for (const at of list) {
      const b = hashString(this.folded[at]!, SEED_DOC) & this.mask;
      let prev = -1;
      for (let i = this.heads[b]!; i !== -1; prev = i, i = this.next[i]!) {
        if (i !== at) continue;
        if (prev === -1) this.heads[b] = this.next[i]!;
        else this.next[prev] = this.next[i]!;
        break;
      }
      this.live--;
    }
    this.byPerson.delete(key);
  }

  private grow(): void {
    const size = (this.mask + 1) * 4;
    this.mask = size - 1;
    this.heads = new Int32Array(size).fill(-1);
    for (const list of this.byPerson.values()) {
      for (const at of list) {
        const b = hashString(this.folded[at]!, SEED_DOC) & this.mask;
        this.next[at] = this.heads[b]!;
        this.heads[b] = at;
      }
    }
  }

  /**
   * Calls `found(entry)` for each entry whose folded number equals the query's and whose issuing state does
   * not contradict it; returns the number found.
   */
  forEachMatch(query: DocumentQuery, found: (entry: number, exact: boolean) => void): number {
    const clean = cleanDocumentNumber(query.number);
    if (clean.length < 3) return 0;
    const f = foldDocumentNumber(clean);
    const qc = query.country === undefined || query.country === '' ? undefined : nationalityKey(query.country);
    let n = 0;
    for (let i = this.heads[hashString(f, SEED_DOC) & this.mask]!; i !== -1; i = this.next[i]!) {
      if (this.folded[i] !== f) continue;
      const c = this.country[i];
      if (qc !== undefined && c !== undefined && c !== qc) continue;
      found(i, this.clean[i] === clean);
      n++;
    }
    return n;
  }

  /** The owner (person key) of an entry. */
  ownerOf(entry: number): number {
    return this.owner[entry]!;
  }

  /** An entry as a hit for `entityId`. */
  hit(entry: number, entityId: string, exact: boolean): DocumentHit {
    return {
      key: this.owner[entry]!,
      entityId,
      number: this.raw[entry]!,
      country: this.country[entry],
      type: this.type[entry],
      score: exact ? 1 : OCR_DOCUMENT_SCORE,
      how: exact ? 'exact' : 'ocr',
    };
  }
}
