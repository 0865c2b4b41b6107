/**
 * The hot loop of the EDIFACT tokenizer: one pass over the decoded text, one segment at a time, char codes only
 * (no regex, no per-character strings). Values without a release character are plain slices of the input.
 */
import { EdifactParseError, describeFound } from './edifact-errors.js';
import { ScannedSegment, type SegmentMarks } from './edifact-segment.js';

/** The six characters of the UNA service string advice. `release` is '' when the interchange uses none. */
export interface EdifactSeparators {
  readonly component: string;
  readonly element: string;
  readonly decimal: string;
  readonly release: string;
  readonly repetition: string;
  readonly terminator: string;
}

/** The ISO 9735 defaults, in force when an interchange has no UNA. */
export const defaultSeparators: EdifactSeparators = Object.freeze({
  component: ':',
  element: '+',
  decimal: '.',
  release: '?',
  repetition: ' ',
  terminator: "'",
});

export type { EdifactSegment } from './edifact-segment.js';

const CR = 13;
const LF = 10;
// Tags repeat endlessly (NAD, DOC, DTM…): keyed by their three char codes, each is allocated once per process.
const tagCache = new Map<number, string>();

function isTagChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** Reads segments one after the other; the envelope logic decides what they mean. */
export class EdifactScanner {
  readonly #s: string;
  readonly #n: number;
  readonly #component: number;
  readonly #element: number;
  readonly #release: number;
  readonly #terminator: number;
  /** Separator marks and element starts of every segment read so far (see `ScannedSegment`); grown by doubling. */
  #marks: SegmentMarks;
  #markCount = 0;
  #startCount = 0;
  #pos: number;

  constructor(text: string, start: number, separators: EdifactSeparators) {
    this.#s = text;
    this.#n = text.length;
    this.#pos = start;
    this.#component = separators.component.charCodeAt(0);
    this.#element = separators.element.charCodeAt(0);
    this.#release = separators.release === '' ? -1 : separators.release.charCodeAt(0);
    this.#terminator = separators.terminator.charCodeAt(0);
    // Passenger messages hold about one separator per five characters: sized so most never grow.
    const size = Math.max(256, Math.min(text.length >> 2, 1 << 24));
    this.#marks = { text, marks: new Int32Array(size), starts: new Int32Array(size >> 1) };
  }

  /** Offset of the next unread character, after skipping line breaks between segments. */
  get position(): number {
    this.#skipBreaks();
    return this.#pos;
  }

  #skipBreaks(): void {
    const s = this.#s;
    let i = this.#pos;
    while (i < this.#n) {
      const c = s.charCodeAt(i);
      if (c !== CR && c !== LF) break;
      i++;
    }
    this.#pos = i;
  }

  /** True when only blanks (spaces, tabs, line breaks) remain. */
  atBlankEnd(): boolean {
    const s = this.#s;
    for (let i = this.#pos; i < this.#n; i++) {
      const c = s.charCodeAt(i);
      if (c !== CR && c !== LF && c !== 32 && c !== 9) return false;
    }
    return true;
  }

  /** The next segment numbered `index`, or undefined at the end of the input. */
  next(index: number): ScannedSegment | undefined {
    this.#skipBreaks();
    const s = this.#s;
    const n = this.#n;
    const start = this.#pos;
    if (start >= n) return undefined;
    const elementSep = this.#element;
    const componentSep = this.#component;
    const terminator = this.#terminator;
    const release = this.#release;

    // The tag: exactly three upper-case letters or digits, then a separator.
    let i = start;
    while (i < n && i - start < 4 && isTagChar(s.charCodeAt(i))) i++;
    const after = i < n ? s.charCodeAt(i) : -1;
    if (i - start !== 3 || (after !== elementSep && after !== terminator && after !== componentSep)) {
      if (i >= n && i - start <= 3) {
        throw new EdifactParseError('edifact.truncated', {
          segment: index,
          tag: '',
          offset: start,
          expected: 'a complete segment',
          found: `end of input after ${describeFound(s.slice(start, n))}`,
        });
      }
      throw new EdifactParseError(
        'edifact.bad_tag',
        {
          segment: index,
          tag: '',
          offset: start,
          expected: 'a three-character segment tag followed by a separator',
          found: describeFound(s.slice(start, start + 40)),
        },
        'check the UNA separators and the segment terminator',
      );
    }
    const key = (s.charCodeAt(start) << 16) | (s.charCodeAt(start + 1) << 8) | s.charCodeAt(start + 2);
    let tag = tagCache.get(key);
    if (tag === undefined) {
      // Internalized (via an object key) so the parsers' `switch (tag)` compares by pointer.
      tag = Object.keys({ [s.slice(start, start + 3)]: 0 })[0]!;
      tagCache.set(key, tag);
    }
    // Components of the tag element (e.g. `UNH:1` nesting indicators) carry nothing the parsers use: skip them.
    if (after === componentSep) {
      while (i < n) {
        const c = s.charCodeAt(i);
        if (c === elementSep || c === terminator) break;
        i++;
      }
    }
    if (i >= n) throw this.#truncated(index, tag, start);

    // Only where the separators sit is recorded here; values are sliced when a parser asks for them.
    let { marks, starts } = this.#marks;
    let count = this.#markCount;
    let elements = this.#startCount;
    const firstStart = elements;
    let released = false;
    for (;;) {
      if (i >= n) throw this.#truncated(index, tag, start);
      const c = s.charCodeAt(i);
      if (c === release) {
        released = true;
        i += 2;
        continue;
      }
      if (c === elementSep || c === terminator || c === componentSep) {
        if (count === marks.length || elements === starts.length) ({ marks, starts } = this.#grow());
        if (c === elementSep) {
          starts[elements++] = count;
        }
        marks[count++] = (i << 1) | (c === componentSep ? 0 : 1);
        if (c === terminator) break;
      }
      i++;
    }
    this.#markCount = count;
    this.#startCount = elements;
    this.#pos = i + 1;
    const segmentRelease = released ? release : -1;
    return new ScannedSegment(tag, index, start, this.#marks, firstStart, elements - firstStart, count, segmentRelease);
  }

  #grow(): SegmentMarks {
    const { text, marks, starts } = this.#marks;
    const grownMarks = new Int32Array(marks.length * 2);
    grownMarks.set(marks);
    const grownStarts = new Int32Array(starts.length * 2);
    grownStarts.set(starts);
    this.#marks = { text, marks: grownMarks, starts: grownStarts };
    return this.#marks;
  }

  #truncated(index: number, tag: string, start: number): EdifactParseError {
    // A "segment" that runs over many lines usually means the terminator is missing or not the one UNA declares.
    const lineBreak = this.#s.indexOf('\n', start);
    return new EdifactParseError(
      'edifact.truncated',
      {
        segment: index,
        tag,
        offset: start,
        expected: `the segment terminator ${JSON.stringify(String.fromCharCode(this.#terminator))}`,
        found: 'end of input',
      },
      lineBreak >= 0 && lineBreak < this.#n - 1
        ? 'the segment spans several lines: is the terminator missing?'
        : undefined,
    );
  }
}
