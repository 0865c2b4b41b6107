/**
 * Segments as the tokenizer hands them out: where their separators sit, not their values. Values are sliced from
 * the text when asked for (`component`), and `elements` is built, once, only for callers that want it all.
 *
 * Nor is there an object per segment until one is asked for: the PAXLST and PNRGOV parsers step through a message
 * with one `SegmentCursor` moved from segment to segment, and keep a lasting `ScannedSegment` only for the few
 * segments their results hold.
 */
import {
  ELEMENT_COUNT,
  END,
  FIRST_START,
  OFFSET,
  RELEASED_VALUE,
  ROW,
  TAG,
  tagName,
  type SegmentTable,
} from './edifact-table.js';

/** One segment: its tag, its data elements (each a list of components) and where it sits. */
export interface EdifactSegment {
  readonly kind: 'segment';
  readonly tag: string;
  /** Data elements after the tag; each element is its list of components (at least one, possibly ''). */
  readonly elements: readonly (readonly string[])[];
  /** Segment number within its message (UNH = 1, as UNT counts); for service segments, within the interchange. */
  readonly index: number;
  /** Character offset of the segment's first character in the decoded input. */
  readonly offset: number;
}

/** A segment as the parsers read it: values one at a time, and a lasting copy for a result to hold. */
export interface SegmentView extends EdifactSegment {
  /** Component `c` of element `e`, '' when absent. */
  component(e: number, c?: number): string;
  /** How many data elements the segment has. */
  readonly elementCount: number;
  /** How many components element `e` has (0 when the segment has no such element). */
  componentCount(e: number): number;
  /** The segment as an object that stays as it is while the view moves on: what a result may hold. */
  keep(): EdifactSegment;
  /**
   * The segment as an object that stays as it is until the next interchange is read, for use while a message is
   * parsed, never in a result: unlike `keep`, it copies nothing.
   */
  pin(): SegmentView;
  /** The segment as written, without its terminator ('' when not known): equal for segments that read the same. */
  raw(): string;
}

const noElements: readonly (readonly string[])[] = Object.freeze([]);

/** Removes release characters from `s[from, to)`, keeping the character each one releases. */
export function unescape(s: string, from: number, to: number, release: number): string {
  // A long value full of release characters would make a rope of millions of pieces: copy char codes instead.
  if (to - from > 512) return unescapeLong(s, from, to, release);
  let out = '';
  let last = from;
  for (let k = from; k < to; k++) {
    if (s.charCodeAt(k) === release) {
      out += s.slice(last, k);
      k++; // keep the released character itself: `last` points at it
      last = k;
    }
  }
  return last === from ? s.slice(from, to) : out + s.slice(last, to);
}

function unescapeLong(s: string, from: number, to: number, release: number): string {
  const codes = new Uint16Array(to - from);
  let n = 0;
  for (let k = from; k < to; k++) {
    let c = s.charCodeAt(k);
    if (c === release) c = s.charCodeAt(++k);
    codes[n++] = c;
  }
  const parts: string[] = [];
  for (let k = 0; k < n; k += 8192) parts.push(String.fromCharCode(...codes.subarray(k, Math.min(n, k + 8192))));
  return parts.join('');
}

/**
 * Where the values of one segment lie: value `k` between mark `k` and mark `k + 1`, element `e` opening at mark
 * `starts[firstStart + e]`, the last mark (`end - 1`) the terminator. Shared by the cursor and lasting segments.
 */
function valueAt(text: string, marks: Int32Array, k: number, release: number): string {
  const from = (marks[k]! >> 2) + 1;
  const end = marks[k + 1]!;
  const to = end >> 2;
  if (from === to) return '';
  return (end & RELEASED_VALUE) === 0 ? text.slice(from, to) : unescape(text, from, to, release);
}

function elementsOf(
  text: string,
  marks: Int32Array,
  starts: Int32Array,
  firstStart: number,
  elementCount: number,
  end: number,
  release: number,
): readonly (readonly string[])[] {
  if (elementCount === 0) return noElements;
  const elements: string[][] = [];
  for (let e = 0; e < elementCount; e++) {
    const values: string[] = [];
    const last = e + 1 < elementCount ? starts[firstStart + e + 1]! : end - 1;
    for (let k = starts[firstStart + e]!; k < last; k++) values.push(valueAt(text, marks, k, release));
    elements.push(values);
  }
  return elements;
}

/** A segment that lasts: what `keep` and `EdifactMessage.segments` hand out. */
export class ScannedSegment implements SegmentView {
  readonly kind = 'segment' as const;
  readonly tag: string;
  readonly index: number;
  readonly offset: number;
  readonly #text: string;
  readonly #marks: Int32Array;
  readonly #starts: Int32Array;
  readonly #firstStart: number;
  readonly #elementCount: number;
  readonly #end: number;
  readonly #release: number;
  #elements: readonly (readonly string[])[] | undefined;

  /**
   * Segment `slot` of `table`, numbered `index`. With `copy`, it takes its own copy of where its values lie, so that
   * it outlives the table (one that is read into again for the next interchange).
   */
  constructor(table: SegmentTable, slot: number, index: number, copy: boolean) {
    const rows = table.rows;
    const row = slot * ROW;
    this.tag = tagName(rows[row + TAG]!);
    this.index = index;
    this.offset = rows[row + OFFSET]!;
    this.#text = table.text;
    this.#release = table.release;
    const firstStart = rows[row + FIRST_START]!;
    const elementCount = rows[row + ELEMENT_COUNT]!;
    const end = rows[row + END]!;
    this.#elementCount = elementCount;
    if (copy) {
      // The segment's marks from its first separator on, and its element starts counted from there.
      const firstMark = slot === 0 ? 0 : rows[row - ROW + END]!;
      const starts = table.starts.slice(firstStart, firstStart + elementCount);
      for (let e = 0; e < elementCount; e++) starts[e] = starts[e]! - firstMark;
      this.#marks = table.marks.slice(firstMark, end);
      this.#starts = starts;
      this.#firstStart = 0;
      this.#end = end - firstMark;
    } else {
      this.#marks = table.marks;
      this.#starts = table.starts;
      this.#firstStart = firstStart;
      this.#end = end;
    }
    this.#elements = undefined;
  }

  #elementEnd(e: number): number {
    return e + 1 < this.#elementCount ? this.#starts[this.#firstStart + e + 1]! : this.#end - 1;
  }

  component(e: number, c = 0): string {
    if (e >= this.#elementCount) return '';
    const k = this.#starts[this.#firstStart + e]! + c;
    return k < this.#elementEnd(e) ? valueAt(this.#text, this.#marks, k, this.#release) : '';
  }

  get elementCount(): number {
    return this.#elementCount;
  }

  componentCount(e: number): number {
    if (e >= this.#elementCount) return 0;
    return this.#elementEnd(e) - this.#starts[this.#firstStart + e]!;
  }

  get elements(): readonly (readonly string[])[] {
    return (this.#elements ??= elementsOf(
      this.#text,
      this.#marks,
      this.#starts,
      this.#firstStart,
      this.#elementCount,
      this.#end,
      this.#release,
    ));
  }

  keep(): EdifactSegment {
    return this;
  }

  pin(): SegmentView {
    return this;
  }

  raw(): string {
    return this.#text.slice(this.offset, this.#marks[this.#end - 1]! >> 2);
  }

  toJSON(): EdifactSegment {
    return { kind: 'segment', tag: this.tag, elements: this.elements, index: this.index, offset: this.offset };
  }
}

/**
 * One segment object moved along the segments of a table (`moveTo`): what the parsers read a message with, so a
 * message of 5,000 segments makes no 5,000 objects. What it shows is overwritten by the next move; `keep` gives a
 * segment that stays.
 */
export class SegmentCursor implements SegmentView {
  readonly kind = 'segment' as const;
  tag = '';
  index = 0;
  offset = 0;
  readonly #table: SegmentTable;
  /** Whether the table is read into again for the next interchange (kept segments then copy what they need). */
  readonly #reused: boolean;
  readonly #text: string;
  readonly #marks: Int32Array;
  readonly #starts: Int32Array;
  readonly #rows: Int32Array;
  readonly #release: number;
  #slot = 0;
  #firstStart = 0;
  #elementCount = 0;
  #end = 0;

  /** A cursor over `table`, which must be read completely. */
  constructor(table: SegmentTable, reused: boolean) {
    this.#table = table;
    this.#reused = reused;
    this.#text = table.text;
    this.#marks = table.marks;
    this.#starts = table.starts;
    this.#rows = table.rows;
    this.#release = table.release;
  }

  /** Shows segment `slot`, numbered `index`. */
  moveTo(slot: number, index: number): this {
    const rows = this.#rows;
    const row = slot * ROW;
    this.tag = tagName(rows[row + TAG]!);
    this.index = index;
    this.offset = rows[row + OFFSET]!;
    this.#slot = slot;
    this.#firstStart = rows[row + FIRST_START]!;
    this.#elementCount = rows[row + ELEMENT_COUNT]!;
    this.#end = rows[row + END]!;
    return this;
  }

  #elementEnd(e: number): number {
    return e + 1 < this.#elementCount ? this.#starts[this.#firstStart + e + 1]! : this.#end - 1;
  }

  component(e: number, c = 0): string {
    if (e >= this.#elementCount) return '';
    const k = this.#starts[this.#firstStart + e]! + c;
    return k < this.#elementEnd(e) ? valueAt(this.#text, this.#marks, k, this.#release) : '';
  }

  get elementCount(): number {
    return this.#elementCount;
  }

  componentCount(e: number): number {
    if (e >= this.#elementCount) return 0;
    return this.#elementEnd(e) - this.#starts[this.#firstStart + e]!;
  }

  get elements(): readonly (readonly string[])[] {
    return elementsOf(
      this.#text,
      this.#marks,
      this.#starts,
      this.#firstStart,
      this.#elementCount,
      this.#end,
      this.#release,
    );
  }

  keep(): EdifactSegment {
    return new ScannedSegment(this.#table, this.#slot, this.index, this.#reused);
  }

  pin(): SegmentView {
    return new ScannedSegment(this.#table, this.#slot, this.index, false);
  }

  raw(): string {
    return this.#text.slice(this.offset, this.#marks[this.#end - 1]! >> 2);
  }
}
