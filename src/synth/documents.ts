/**
 * Synthetic stolen, lost, revoked and invalidated travel documents (SLTD-like). Document i of seed s is a pure
 * function of (s, i). `fillDocument` writes into a reusable record so ten million rows cost no per-row objects;
 * stolen blanks come in batches of consecutive numbers, as blank booklets are stolen by the box. No two documents
 * of a set share an issuing state and number (the id a list keys them by): issuing states are dealt out in
 * shuffled blocks, which numbers each state's documents 0, 1, 2… without looking at other indices, and that key
 * picks the number (doc-serials.ts).
 */
import { isoDate, daysInMonth, REFERENCE_DATE } from './dates.js';
import type { DocumentFormatKind } from './doc-numbers.js';
import { BLANK_BATCH, numbering, type Numbering } from './doc-serials.js';
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
const issuerWeights: readonly (readonly [string, number])[] = (
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
).map(([c, w]) => [c, w] as const);

/**
 * Issuing states dealt out in blocks of `slots.length` documents (or blank batches): each block holds every state
 * its weight's number of times (weights doubled to whole numbers), in an order shuffled per block. A state's n-th
 * slot of block b is then its document number b × width + n — unique per state, and dense, so even a small format
 * (COL AE123456) holds the documents of a set of hundreds of millions.
 */
const issuerStates = issuerWeights.map(([c]) => c);
const issuerWidths = issuerWeights.map(([, w]) => Math.round(w * 2));
const issuerStarts = issuerWidths.map((_w, i) => issuerWidths.slice(0, i).reduce((a, b) => a + b, 0));
/** Slot → index into issuerStates. */
const slots = issuerWidths.flatMap((w, i) => new Array<number>(w).fill(i));

/**
 * One deal: the shuffled slots of the block last asked for (documents come in order, so a block is shuffled once
 * for its `slots.length` documents; a random access shuffles its block anew).
 */
class Deal {
  private seed = -1;
  private block = -1;
  private readonly order = Uint16Array.from(slots, (_s, i) => i);
  private readonly rng = new Rng(0);

  // Its own random stream, so dealing states never shifts a document's other draws.
  constructor(private readonly stream: number) {}

  /** The slot of item `index`: its state is `slots[slot]`, its number among that state's `keyOf(index, slot)`. */
  slot(seed: number, index: number): number {
    const block = Math.floor(index / slots.length);
    if (block !== this.block || seed !== this.seed) {
      this.seed = seed;
      this.block = block;
      this.rng.reseed(deriveSeed(seed, this.stream, block));
      for (let i = 0; i < this.order.length; i++) this.order[i] = i;
      for (let i = this.order.length - 1; i > 0; i--) {
        const j = this.rng.int(i + 1);
        const t = this.order[i]!;
        this.order[i] = this.order[j]!;
        this.order[j] = t;
      }
    }
    return this.order[index % slots.length]!;
  }
}

/** A state's number for the item at `index` dealt into `slot`: block × width + the slot's rank in the state's run. */
function keyOf(index: number, slot: number): number {
  const s = slots[slot]!;
  return Math.floor(index / slots.length) * issuerWidths[s]! + slot - issuerStarts[s]!;
}

const documentDeal = new Deal(106);
const blankDeal = new Deal(107);

/** The number format of a document type. */
function formatKind(type: DocumentType): DocumentFormatKind {
  return type === 'ID' ? 'ID' : type === 'V' || type === 'RP' ? 'V' : 'P';
}

/** The numberings of each issuing state (by index into issuerStates), passports, identity cards and visas. */
const numberings: readonly (readonly [Numbering, Numbering, Numbering])[] = issuerStates.map((state) => [
  numbering(state, 'P'),
  numbering(state, 'ID'),
  numbering(state, 'V'),
]);
const formatIndex: Readonly<Record<DocumentFormatKind, 0 | 1 | 2>> = { P: 0, ID: 1, V: 2 };

/**
 * By issuing state, for each of its number series (passports, identity cards, visas; one series when two kinds
 * share a format), the formats documents 0 … count-1 of any seed are written in. Two series of a state must never
 * write one string (tests check).
 */
export function numberFormatsUpTo(count: number): Map<string, (readonly string[])[][]> {
  const blocks = Math.ceil(count / slots.length);
  const batchBlocks = Math.ceil(Math.ceil(count / BLANK_BATCH) / slots.length);
  return new Map(
    issuerStates.map((state, s) => {
      const keys = blocks * issuerWidths[s]!;
      const batchKeys = batchBlocks * issuerWidths[s]!;
      const series = [...new Set(numberings[s])];
      return [state, series.map((n) => n.formats(keys, batchKeys))];
    }),
  );
}

/** A fresh record to pass to `fillDocument`. */
export function emptyDocument(): SltdDocument {
  return { number: '', type: 'P', issuingState: '', status: 'lost', reportedAt: '', ownerCountry: '', reference: '' };
}

/** The reference of the document at an index. */
export function documentReference(index: number): string {
  return `synth-d-${String(index + 1).padStart(9, '0')}`;
}

/** Overwrites `target` with document `index` of `seed`, reusing `rng` (hot path: no allocation but strings). */
export function fillDocument(rng: Rng, seed: number, index: number, target: SltdDocument): SltdDocument {
  rng.reseed(deriveSeed(seed, streams.document, index));
  const status = statusTable.draw(rng);
  let type = typeTable.draw(rng);
  let state: string;
  let number: string;
  if (status === 'stolen_blank') {
    // The batch decides state, type and first number, so blanks of one batch are consecutive.
    const batch = Math.floor(index / BLANK_BATCH);
    const batchRng = new Rng(deriveSeed(seed, streams.document, -1 - batch));
    const slot = blankDeal.slot(seed, batch);
    const s = slots[slot]!;
    state = issuerStates[s]!;
    type = batchRng.chance(0.8) ? 'P' : 'ID';
    number = numberings[s]![formatIndex[type]].blank(seed, keyOf(batch, slot), index % BLANK_BATCH, batchRng);
  } else {
    const slot = documentDeal.slot(seed, index);
    const s = slots[slot]!;
    state = issuerStates[s]!;
    number = numberings[s]![formatIndex[formatKind(type)]].single(seed, keyOf(index, slot), rng);
  }
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
