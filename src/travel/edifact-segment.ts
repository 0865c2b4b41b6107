/**
 * A segment as the tokenizer hands it out: where its separators sit, not its values. A PNRGOV push of 400 travellers
 * has some 5,000 segments and 30,000 components, and the parsers read a fraction of them; cutting every component
 * into a string up front made the tokenizer the parsers' main cost (mostly garbage collection). Values are sliced
 * from the text when asked for (`component`), and `elements` is built, once, only for callers that want it all.
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
  return out + s.slice(last, to);
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

/** Where a scanned segment's separators sit: shared by every segment of an interchange, grown by the scanner. */
export interface SegmentMarks {
  readonly text: string;
  /** Each separator after the tag as `position * 2 + bit`, the bit clear for a component separator. */
  readonly marks: Int32Array;
  /** For each element, the index in `marks` of the separator that opens it. */
  readonly starts: Int32Array;
}

/**
 * A scanned segment: value `k` lies between mark `k` and mark `k + 1`; element `e` opens at mark
 * `starts[firstStart + e]`, and the last mark (`end - 1`) is the terminator.
 */
export class ScannedSegment implements EdifactSegment {
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
  /** The release character's code when the segment holds one (values must be unescaped), else -1. */
  readonly #release: number;
  #elements: readonly (readonly string[])[] | undefined;

  constructor(
    tag: string,
    index: number,
    offset: number,
    marks: SegmentMarks,
    firstStart: number,
    elementCount: number,
    end: number,
    release: number,
  ) {
    this.tag = tag;
    this.index = index;
    this.offset = offset;
    this.#text = marks.text;
    this.#marks = marks.marks;
    this.#starts = marks.starts;
    this.#firstStart = firstStart;
    this.#elementCount = elementCount;
    this.#end = end;
    this.#release = release;
    this.#elements = undefined;
  }

  /** The same segment numbered `index` (a UNH is numbered within its message, not the interchange). */
  renumbered(index: number): ScannedSegment {
    const marks = { text: this.#text, marks: this.#marks, starts: this.#starts };
    const { tag, offset } = this;
    return new ScannedSegment(
      tag,
      index,
      offset,
      marks,
      this.#firstStart,
      this.#elementCount,
      this.#end,
      this.#release,
    );
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
