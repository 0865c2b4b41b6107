/**
 * Segments as the tokenizer hands them out: where their separators sit, not their values. A PNRGOV push of 400
 * travellers has some 5,000 segments and 30,000 components, and the parsers read a fraction of them; cutting every
 * component into a string up front made the tokenizer the parsers' main cost (mostly garbage collection). Values are
 * sliced from the text when asked for (`component`), and `elements` is built, once, only for callers that want it all.
 *
 * Nor is there an object per segment until one is asked for: the tokenizer writes each segment into a
 * `SegmentTable`, and the PAXLST and PNRGOV parsers step through a message with one `ScannedSegment` moved from
 * segment to segment (a cursor), keeping a lasting object only for the few segments their results hold.
 */

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

/** Every tag met so far, by number: a tag has three characters, so the list stays short; each is made only once. */
const tagNames: string[] = [];
/** Tag number + 1 by the tag's place among the 36³ possible tags (0: not met yet). */
const tagNumbers = new Uint16Array(36 * 36 * 36);

/** 0…35 for 0-9 and A-Z. */
function tagDigit(c: number): number {
  return c <= 57 ? c - 48 : c - 55;
}

/** The number of the tag `text[at, at + 3)` (upper-case letters or digits): the same number for the same tag. */
export function tagNumber(codes: Uint16Array, text: string, at: number): number {
  const place = tagDigit(codes[at]!) * 1296 + tagDigit(codes[at + 1]!) * 36 + tagDigit(codes[at + 2]!);
  const known = tagNumbers[place]!;
  if (known !== 0) return known - 1;
  // Internalized (via an object key) so the parsers' `switch (tag)` compares by pointer.
  tagNames.push(Object.keys({ [text.slice(at, at + 3)]: 0 })[0]!);
  tagNumbers[place] = tagNames.length;
  return tagNames.length - 1;
}

/** The tag numbered `n` by `tagNumber`. */
export function tagName(n: number): string {
  return tagNames[n]!;
}

/**
 * Every segment the tokenizer read from one interchange, by slot (0, 1, 2… in reading order), as columns of numbers.
 * Value `k` of the interchange lies between mark `k` and mark `k + 1`; segment `slot` opens its elements at marks
 * `starts[firstStarts[slot] + e]` and ends at mark `ends[slot] - 1`, its terminator.
 */
export class SegmentTable {
  readonly text: string;
  /** The release character's code, -1 when the interchange uses none. */
  readonly release: number;
  /** Each separator after a tag as `position * 2 + bit`, the bit clear for a component separator. */
  marks: Int32Array;
  /** For each element, the index in `marks` of the separator that opens it. */
  starts: Int32Array;
  /** Tags by `tagNumber`. */
  tagNumbers: Uint16Array;
  offsets: Int32Array;
  firstStarts: Int32Array;
  elementCounts: Int32Array;
  ends: Int32Array;
  /** 1 when the segment holds a release character (its values must be unescaped). */
  released: Uint8Array;
  /** Segments read so far. */
  count = 0;
  /** The lasting segment objects handed out so far, by slot: each slot becomes an object at most once. */
  readonly kept: (ScannedSegment | undefined)[] = [];

  constructor(text: string, release: number) {
    this.text = text;
    this.release = release;
    // Passenger messages hold about one separator per four characters, an element per seven and a segment per 14 to
    // 40: sized so most interchanges never grow, and cut from one buffer (one allocation instead of seven).
    const marks = Math.max(256, (text.length >> 2) + (text.length >> 5));
    const starts = marks >> 1;
    const segments = marks >> 2;
    // Not zero-filled: only entries the scanner wrote are ever read, and zeroing a table the size of the text cost
    // more than the copy of the text itself.
    const buffer = Buffer.allocUnsafeSlow(4 * (marks + starts + 4 * segments) + 2 * segments + segments).buffer;
    let at = 0;
    const cut = <T>(make: new (b: ArrayBuffer, at: number, n: number) => T, n: number, bytes: number): T => {
      const view = new make(buffer, at, n);
      at += n * bytes;
      return view;
    };
    this.marks = cut(Int32Array, marks, 4);
    this.starts = cut(Int32Array, starts, 4);
    this.offsets = cut(Int32Array, segments, 4);
    this.firstStarts = cut(Int32Array, segments, 4);
    this.elementCounts = cut(Int32Array, segments, 4);
    this.ends = cut(Int32Array, segments, 4);
    this.tagNumbers = cut(Uint16Array, segments, 2);
    this.released = cut(Uint8Array, segments, 1);
  }

  /** Room for one more segment. */
  growSegments(): void {
    const grow = <T extends Int32Array | Uint16Array | Uint8Array>(a: T): T => {
      const grown = new (a.constructor as new (n: number) => T)(a.length * 2);
      grown.set(a);
      return grown;
    };
    this.tagNumbers = grow(this.tagNumbers);
    this.offsets = grow(this.offsets);
    this.firstStarts = grow(this.firstStarts);
    this.elementCounts = grow(this.elementCounts);
    this.ends = grow(this.ends);
    this.released = grow(this.released);
  }

  growMarks(): void {
    const marks = new Int32Array(this.marks.length * 2);
    marks.set(this.marks);
    this.marks = marks;
  }

  growStarts(): void {
    const starts = new Int32Array(this.starts.length * 2);
    starts.set(this.starts);
    this.starts = starts;
  }

  /** The tag of segment `slot`. */
  tag(slot: number): string {
    return tagNames[this.tagNumbers[slot]!]!;
  }

  /** The lasting segment object of `slot`, numbered `index`: the same object every time it is asked for. */
  segment(slot: number, index: number): ScannedSegment {
    return (this.kept[slot] ??= new ScannedSegment(this, slot, index, false));
  }
}

/** The fields a cursor rewrites as it moves; to everyone else they are readonly. */
type Position = { -readonly [K in 'tag' | 'index' | 'offset']: ScannedSegment[K] };

/**
 * A scanned segment: value `k` lies between mark `k` and mark `k + 1`; element `e` opens at mark
 * `starts[firstStart + e]`, and the last mark (`end - 1`) is the terminator. A cursor (`ScannedSegment.cursor`) is
 * one such object moved from slot to slot; every other one stays where it was made.
 */
export class ScannedSegment implements EdifactSegment {
  readonly kind = 'segment' as const;
  readonly tag: string;
  readonly index: number;
  readonly offset: number;
  readonly #table: SegmentTable;
  readonly #text: string;
  readonly #cursor: boolean;
  #slot = 0;
  #marks: Int32Array;
  #starts: Int32Array;
  #firstStart = 0;
  #elementCount = 0;
  #end = 0;
  /** The release character's code when the segment holds one (values must be unescaped), else -1. */
  #release = -1;
  #elements: readonly (readonly string[])[] | undefined;

  constructor(table: SegmentTable, slot: number, index: number, cursor: boolean) {
    this.tag = '';
    this.index = 0;
    this.offset = 0;
    this.#table = table;
    this.#text = table.text;
    this.#cursor = cursor;
    this.#marks = table.marks;
    this.#starts = table.starts;
    this.#elements = undefined;
    this.#point(slot, index);
  }

  /** One segment object to step through the segments of `table` with `moveTo`. */
  static cursor(table: SegmentTable): ScannedSegment {
    return new ScannedSegment(table, 0, 0, true);
  }

  /** Moves a cursor to `slot`, numbered `index`; the segment it showed before is gone (see `kept`). */
  moveTo(slot: number, index: number): this {
    if (!this.#cursor) throw new Error('only a cursor moves');
    this.#point(slot, index);
    return this;
  }

  /** A segment that stays: a cursor's current segment as its own lasting object, any other segment itself. */
  kept(): ScannedSegment {
    return this.#cursor ? this.#table.segment(this.#slot, this.index) : this;
  }

  #point(slot: number, index: number): void {
    const table = this.#table;
    const position = this as Position;
    position.tag = table.tag(slot);
    position.index = index;
    position.offset = table.offsets[slot]!;
    this.#slot = slot;
    // The table may have grown since this object last looked: its arrays are read again.
    this.#marks = table.marks;
    this.#starts = table.starts;
    this.#firstStart = table.firstStarts[slot]!;
    this.#elementCount = table.elementCounts[slot]!;
    this.#end = table.ends[slot]!;
    this.#release = table.released[slot] === 1 ? table.release : -1;
    this.#elements = undefined;
  }

  #value(k: number): string {
    const from = (this.#marks[k]! >> 1) + 1;
    const to = this.#marks[k + 1]! >> 1;
    if (from === to) return '';
    return this.#release < 0 ? this.#text.slice(from, to) : unescape(this.#text, from, to, this.#release);
  }

  /** The mark index that closes element `e` (the next element's opening separator, or the terminator). */
  #elementEnd(e: number): number {
    return e + 1 < this.#elementCount ? this.#starts[this.#firstStart + e + 1]! : this.#end - 1;
  }

  /** Component `c` of element `e`, '' when absent. */
  component(e: number, c: number): string {
    if (e >= this.#elementCount) return '';
    const k = this.#starts[this.#firstStart + e]! + c;
    return k < this.#elementEnd(e) ? this.#value(k) : '';
  }

  /** How many data elements the segment has. */
  get elementCount(): number {
    return this.#elementCount;
  }

  /** How many components element `e` has (0 when the segment has no such element). */
  componentCount(e: number): number {
    if (e >= this.#elementCount) return 0;
    return this.#elementEnd(e) - this.#starts[this.#firstStart + e]!;
  }

  get elements(): readonly (readonly string[])[] {
    if (this.#elements !== undefined) return this.#elements;
    if (this.#elementCount === 0) return (this.#elements = noElements);
    const elements: string[][] = [];
    for (let e = 0; e < this.#elementCount; e++) {
      const values: string[] = [];
      for (let k = this.#starts[this.#firstStart + e]!, end = this.#elementEnd(e); k < end; k++)
        values.push(this.#value(k));
      elements.push(values);
    }
    return (this.#elements = elements);
  }

  toJSON(): EdifactSegment {
    return { kind: 'segment', tag: this.tag, elements: this.elements, index: this.index, offset: this.offset };
  }
}
