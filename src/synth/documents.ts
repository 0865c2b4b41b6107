/**
 * Synthetic stolen, lost, revoked and invalidated travel documents (SLTD-like). Document i of seed s is a pure
 * function of (s, i). `fillDocument` writes into a reusable record so ten million rows cost no per-row objects;
 * stolen blanks come in batches of consecutive numbers, as blank booklets are stolen by the box.
 */
import { isoDate, daysInMonth, REFERENCE_DATE } from './dates.js';
import { idCardNumber, passportNumber, visaNumber } from './doc-numbers.js';
import { deriveSeed, Rng, streams, Weighted } from './prng.js';

export type DocumentStatus = 'stolen' | 'lost' | 'revoked' | 'invalidated' | 'stolen_blank';
/** ICAO document codes: passport, diplomatic and service passports, identity card, visa, residence permit. */
export type DocumentType = 'P' | 'PD' | 'PS' | 'ID' | 'V' | 'RP';

export interface SltdDocument {
  number: string;
  type: DocumentType;
  /** Issuing state, ISO alpha-3; only the issuer records its documents, so it is also the owner. */
  issuingState: string;
  status: DocumentStatus;
  /** Date the loss or theft was reported, `YYYY-MM-DD`. */
  reportedAt: string;
  ownerCountry: string;
  /** The record's reference, unique: `synth-d-000000001` for index 0 — the id queries expect. */
  reference: string;
}

const statusTable = new Weighted<DocumentStatus>([
  ['lost', 55],
  ['stolen', 30],
  ['revoked', 7],
  ['invalidated', 5],
  ['stolen_blank', 3],
]);

const typeTable = new Weighted<DocumentType>([
  ['P', 68],
  ['ID', 25],
  ['V', 3],
  ['RP', 2],
  ['PD', 1],
  ['PS', 1],
]);

/** Issuing states weighted roughly by their share of SLTD contributions (large issuers report most). */
const issuerTable = new Weighted<string>(
  (
    [
      ['USA', 12],
      ['GBR', 8],
      ['FRA', 7],
      ['DEU', 6],
      ['ITA', 5],
      ['ESP', 5],
      ['RUS', 4],
      ['CHN', 4],
      ['IND', 4],
      ['CAN', 3],
      ['AUS', 3],
      ['UKR', 3],
      ['TUR', 3],
      ['BRA', 3],
      ['NLD', 2],
      ['BEL', 2],
      ['POL', 2],
      ['MEX', 2],
      ['COL', 2],
      ['PAK', 2],
      ['NGA', 2],
      ['ZAF', 2],
      ['PHL', 2],
      ['IDN', 2],
      ['CHE', 1.5],
      ['SWE', 1.5],
      ['ARG', 1.5],
      ['BGD', 1.5],
      ['EGY', 1.5],
      ['MAR', 1.5],
      ['THA', 1.5],
      ['VNM', 1.5],
      ['ROU', 1.5],
      ['IRN', 1],
      ['IRQ', 1],
      ['SYR', 1],
      ['AFG', 1],
      ['KEN', 1],
      ['ETH', 1],
      ['GHA', 1],
      ['GRC', 1],
      ['PRT', 1],
      ['BGR', 1],
      ['HUN', 1],
      ['CZE', 1],
      ['JPN', 1],
      ['KOR', 1],
      ['SEN', 0.5],
      ['GEO', 0.5],
      ['ARM', 0.5],
      ['ERI', 0.5],
      ['SOM', 0.5],
    ] as const
  ).map(([c, w]) => [c, w] as const),
);

/** Documents per batch of stolen blanks; a batch shares a base number and counts up. */
const BLANK_BATCH = 64;

/** A fresh record to pass to `fillDocument`. */
export function emptyDocument(): SltdDocument {
  return { number: '', type: 'P', issuingState: '', status: 'lost', reportedAt: '', ownerCountry: '', reference: '' };
}

/** The reference of the document at an index. */
export function documentReference(index: number): string {
  return `synth-d-${String(index + 1).padStart(9, '0')}`;
}

/**
 * Adds `offset` (below BLANK_BATCH) to the last run of digits of a batch's base number, keeping its width (C01X00T47
 * + 3 → C01X00T50; a number that ends in a letter counts up its last digits: JL0PU90UV + 1 → JL0PU91UV), so the
 * blanks of one batch never repeat. The run must hold BLANK_BATCH values without wrapping (a one-digit run wrapped
 * modulo 10, and 99 + 1 became 00: seed 7 repeated 195 blank numbers in a million documents), so the base is brought
 * down to leave room, and a number whose last run is shorter than two digits — only the alphanumeric formats (German,
 * Dutch, French cards) draw one — gets its last two characters as digits.
 */
function countUp(number: string, offset: number): string {
  const m = /(\d+)(\D*)$/.exec(number);
  if (m === null || m[1]!.length < 2) {
    const base = String(number.charCodeAt(number.length - 1) % (100 - BLANK_BATCH + 1)).padStart(2, '0');
    return countUp(number.slice(0, -2) + base, offset);
  }
  // Only the last digits count up: a run of 18 (Chinese identity cards) is past a double's exact integers.
  const width = Math.min(m[1]!.length, 6);
  const end = m.index + m[1]!.length;
  const room = 10 ** width - BLANK_BATCH + 1;
  const next = String((Number(number.slice(end - width, end)) % room) + offset).padStart(width, '0');
  return number.slice(0, end - width) + next + m[2]!;
}

/** Overwrites `target` with document `index` of `seed`, reusing `rng` (hot path: no allocation but strings). */
export function fillDocument(rng: Rng, seed: number, index: number, target: SltdDocument): SltdDocument {
  rng.reseed(deriveSeed(seed, streams.document, index));
  const status = statusTable.draw(rng);
  let state = issuerTable.draw(rng);
  let type = typeTable.draw(rng);
  let number: string;
  if (status === 'stolen_blank') {
    // The batch decides state, type and base number, so blanks of one batch are consecutive.
    const batch = Math.floor(index / BLANK_BATCH);
    const batchRng = new Rng(deriveSeed(seed, streams.document, -1 - batch));
    state = issuerTable.draw(batchRng);
    type = batchRng.chance(0.8) ? 'P' : 'ID';
    const base = type === 'P' ? passportNumber(batchRng, state) : idCardNumber(batchRng, state);
    number = countUp(base, index % BLANK_BATCH);
  } else if (type === 'ID') number = idCardNumber(rng, state);
  else if (type === 'V' || type === 'RP') number = visaNumber(rng);
  else number = passportNumber(rng, state);
  // Reports skew recent: records are reviewed and deleted after about ten years.
  const year = Math.max(REFERENCE_DATE.year - 12, REFERENCE_DATE.year - Math.floor(-Math.log(1 - rng.next()) * 3.5));
  const lastMonth = year === REFERENCE_DATE.year ? REFERENCE_DATE.month : 12;
  const month = rng.range(1, lastMonth);
  const day = rng.range(1, daysInMonth(year, month));
  target.number = number;
  target.type = type;
  target.issuingState = state;
  target.status = status;
  target.reportedAt = isoDate(year, month, day);
  target.ownerCountry = state;
  target.reference = documentReference(index);
  return target;
}

/** Document `index` of `seed` as a new object. */
export function documentAt(seed: number, index: number): SltdDocument {
  return fillDocument(new Rng(0), seed, index, emptyDocument());
}

/**
 * Documents 0 … count-1, streamed. The same record object is yielded each time (copy it to keep it): this is
 * what keeps ten million rows fast.
 */
export function* documents(seed: number, count: number): Generator<Readonly<SltdDocument>> {
  const rng = new Rng(0);
  const target = emptyDocument();
  for (let i = 0; i < count; i++) yield fillDocument(rng, seed, i, target);
}
