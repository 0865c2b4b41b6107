/**
 * Document lookups as a border check makes them: one number (and the issuing state read from the document)
 * against the stolen/lost index and the documents of listed persons — what `WatchlistIndex.screenDocument` does
 * for a documents list and a persons list, without the database key mapping.
 */
import type { DocumentIndex } from '../../src/screening/document-index.js';
import type { ScreeningEngine } from '../../src/screening/engine.js';
import type { DocumentHit, DocumentQuery } from '../../src/screening/types.js';
import { idCardNumber, passportNumber } from '../../src/synth/doc-numbers.js';
import { documentAt } from '../../src/synth/documents.js';
import { Rng } from '../../src/synth/prng.js';
import { ocrVariant } from '../../src/synth/query-fields.js';

export type LookupKind = 'exact' | 'ocr' | 'unlisted';

/**
 * `count` lookups of a kind: `exact` numbers of listed documents (random indices), `ocr` the same with one or two
 * characters misread (O/0, I/1, B/8, S/5, Z/2, G/6), `unlisted` freshly drawn numbers of the same shapes (listed
 * only by coincidence).
 */
export function lookupQueries(seed: number, documentCount: number, kind: LookupKind, count: number): DocumentQuery[] {
  const rng = new Rng(seed ^ (kind === 'exact' ? 0x51ed : kind === 'ocr' ? 0x0c4 : 0x7a11));
  const out: DocumentQuery[] = [];
  if (documentCount === 0) return out;
  for (let tries = 0; out.length < count && tries < count * 4; tries++) {
    const d = documentAt(seed, rng.int(documentCount));
    if (kind === 'exact') out.push({ number: d.number, country: d.issuingState });
    else if (kind === 'ocr') {
      const misread = ocrVariant(rng, d.number);
      if (misread !== d.number) out.push({ number: misread, country: d.issuingState });
    } else {
      const number = rng.chance(0.7) ? passportNumber(rng, d.issuingState) : idCardNumber(rng, d.issuingState);
      out.push({ number, country: d.issuingState });
    }
  }
  return out;
}

/** One lookup in both indexes; returns the hits (reusing `out`). */
export function lookUp(
  sltd: DocumentIndex,
  engine: ScreeningEngine,
  query: DocumentQuery,
  out: DocumentHit[],
): DocumentHit[] {
  out.length = 0;
  sltd.forEachMatch(query, (entry, exact) => out.push(sltd.hit(entry, '', exact)));
  for (const hit of engine.screenDocument(query)) out.push(hit);
  return out;
}

export interface LookupRate {
  readonly lookups: number;
  readonly seconds: number;
  readonly lookupsPerSecond: number;
  /** Share of lookups that found at least one entry. */
  readonly foundRate: number;
}

/** Cycles through `queries` for about `seconds`; counts lookups and how many found something. */
export function lookupRate(
  sltd: DocumentIndex,
  engine: ScreeningEngine,
  queries: readonly DocumentQuery[],
  seconds: number,
): LookupRate {
  const out: DocumentHit[] = [];
  let n = 0;
  let found = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  let now = started;
  while (now < until && queries.length > 0) {
    // Check the clock every 1,024 lookups: a lookup is far shorter than a call to performance.now() is cheap.
    for (let i = 0; i < 1024; i++) {
      if (lookUp(sltd, engine, queries[n % queries.length]!, out).length > 0) found++;
      n++;
    }
    now = performance.now();
  }
  const elapsed = (now - started) / 1000;
  return {
    lookups: n,
    seconds: Math.round(elapsed * 100) / 100,
    lookupsPerSecond: Math.round(n / elapsed),
    foundRate: n === 0 ? Number.NaN : Math.round((found / n) * 10000) / 10000,
  };
}
