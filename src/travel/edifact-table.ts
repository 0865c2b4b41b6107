/**
 * Where the segments of an interchange sit, as numbers: what the tokenizer writes and every segment object and
 * cursor reads. A PNRGOV push of 400 travellers has some 5,000 segments and 30,000 components, and the parsers read
 * a fraction of them; values are sliced from the text only when asked for.
 *
 * Value `k` of the interchange lies between mark `k` and mark `k + 1` (a mark is its separator's position times 4,
 * plus `RELEASED_VALUE` when the value before it holds a release character). Segment `slot` is row `slot` of `rows`
 * (`ROW` numbers: see the offsets below): its elements open at marks `starts[firstStart + e]`, and it ends at mark
 * `end - 1`, its terminator.
 */
import type { ScanFailure } from './edifact-scanner.js';

/** Numbers per segment in `SegmentTable.rows`, and where each sits in a row. */
export const ROW = 5;
/** Character offset of the tag. */
export const OFFSET = 0;
/** Index in `starts` of its first element. */
export const FIRST_START = 1;
export const ELEMENT_COUNT = 2;
/** Index in `marks` just past its terminator. */
export const END = 3;
export const TAG = 4;
/** Added to a mark when the value it closes holds a release character (only that value must be unescaped). */
export const RELEASED_VALUE = 2;

/** Tag names by tag code ('' until met), each made once: a tag has three characters, so there are few. */
const tagNames: string[] = new Array<string>(36 * 36 * 36).fill('');

/** 0…35 for 0-9 and A-Z. */
function tagDigit(c: number): number {
  return c <= 57 ? c - 48 : c - 55;
}

/** The code of a tag of three upper-case letters or digits (its value in base 36): the same code for the same tag. */
export function tagCodeOf(c0: number, c1: number, c2: number): number {
  return tagDigit(c0) * 1296 + tagDigit(c1) * 36 + tagDigit(c2);
}

/** Codes from `UN0` to `UNZ`: the service segments of the envelope are among them. */
export const FIRST_UN = tagCodeOf(85, 78, 48);
export const LAST_UN = tagCodeOf(85, 78, 90);

/** The tag whose code is `code`, `text[at, at + 3)` the first time it is met. */
export function rememberTag(code: number, text: string, at: number): void {
  // Internalized (via an object key) so the parsers' `switch (tag)` compares by pointer.
  if (tagNames[code] === '') tagNames[code] = Object.keys({ [text.slice(at, at + 3)]: 0 })[0]!;
}

/** The tag whose code is `code` (one `rememberTag` has seen). */
export function tagName(code: number): string {
  return tagNames[code]!;
}

/** Where the segments of one interchange sit (see the file comment), as the scanner wrote them. */
export class SegmentTable {
  text = '';
  /** The release character's code, -1 when the interchange uses none. */
  release = -1;
  /** Each separator after a tag, as `position * 4`, plus `RELEASED_VALUE` (see above). */
  marks: Int32Array;
  /** For each element, the index in `marks` of the separator that opens it. */
  starts: Int32Array;
  /** `ROW` numbers per segment. */
  rows: Int32Array;
  /** The slots of the segments whose tag starts with UN (UNB, UNH, UNT…), in order: `unSlots[0…unCount)`. */
  unSlots: Int32Array;
  unCount = 0;
  /** Segments read. */
  count = 0;
  /** Whether the table is read into again for the next interchange (see `tableFor`). */
  reused = false;
  /** Why the text stopped making segments before its end, if it did. */
  failure: ScanFailure | undefined = undefined;

  constructor(marks: number, starts: number, segments: number) {
    this.marks = new Int32Array(marks);
    this.starts = new Int32Array(starts);
    this.rows = new Int32Array(segments * ROW);
    this.unSlots = new Int32Array(16);
  }

  growRows(): Int32Array {
    return (this.rows = grown(this.rows, new Int32Array(this.rows.length * 2)));
  }

  growMarks(): Int32Array {
    return (this.marks = grown(this.marks, new Int32Array(this.marks.length * 2)));
  }

  growStarts(): Int32Array {
    return (this.starts = grown(this.starts, new Int32Array(this.starts.length * 2)));
  }

  /** Records that segment `slot` is a UN… segment. */
  addUnSlot(slot: number): void {
    if (this.unCount === this.unSlots.length) this.unSlots = grown(this.unSlots, new Int32Array(this.unCount * 2));
    this.unSlots[this.unCount++] = slot;
  }

  /** The tag code of segment `slot`. */
  tagCode(slot: number): number {
    return this.rows[slot * ROW + TAG]!;
  }

  /** The tag of segment `slot`. */
  tag(slot: number): string {
    return tagNames[this.tagCode(slot)]!;
  }

  offset(slot: number): number {
    return this.rows[slot * ROW + OFFSET]!;
  }

  /** Just past the terminator of segment `slot`. */
  after(slot: number): number {
    return (this.marks[this.rows[slot * ROW + END]! - 1]! >> 2) + 1;
  }

  /** A table of its own holding what this one holds: for results that outlive the next interchange read. */
  copy(): SegmentTable {
    const n = this.count;
    const last = (n - 1) * ROW;
    const copy = new SegmentTable(0, 0, 0);
    copy.text = this.text;
    copy.release = this.release;
    copy.marks = this.marks.slice(0, n === 0 ? 0 : this.rows[last + END]!);
    copy.starts = this.starts.slice(0, n === 0 ? 0 : this.rows[last + FIRST_START]! + this.rows[last + ELEMENT_COUNT]!);
    copy.rows = this.rows.slice(0, n * ROW);
    copy.unSlots = this.unSlots.slice(0, Math.max(1, this.unCount));
    copy.unCount = this.unCount;
    copy.count = n;
    copy.failure = this.failure;
    return copy;
  }
}

function grown<T extends Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * The table the parsers read every interchange into, reused: a new one per interchange (typed arrays the size of
 * the text) cost more than the scan itself, mostly in the collections its memory outside the heap set off.
 */
let scratch: SegmentTable | undefined;
/** Interchanges up to this many characters are read into the reused table (it then holds some 3 MB). */
const scratchChars = 1 << 20;

/** A table to read `text` into: the reused one, or a new one for an interchange too large to keep a table for. */
export function tableFor(text: string, release: number): SegmentTable {
  // Passenger messages hold about one separator per four characters, an element per seven and a segment per 14 to
  // 40: sized so most interchanges never grow.
  const marks = Math.max(256, (text.length >> 2) + (text.length >> 5));
  let table: SegmentTable;
  if (text.length > scratchChars) table = new SegmentTable(marks, marks >> 1, marks >> 2);
  else {
    if (scratch === undefined || scratch.marks.length < marks)
      scratch = new SegmentTable(marks, marks >> 1, marks >> 2);
    table = scratch;
  }
  table.text = text;
  table.release = release;
  table.count = 0;
  table.unCount = 0;
  table.reused = table === scratch;
  table.failure = undefined;
  return table;
}
