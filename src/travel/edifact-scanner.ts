/**
 * The hot loop of the EDIFACT tokenizer: one pass over the decoded text, one segment at a time, char codes only
 * (no regex, no per-character strings). Values without a release character are plain slices of the input.
 */
import { EdifactParseError, describeFound } from './edifact-errors.js';
import { SegmentTable, tagName, tagNumber } from './edifact-segment.js';

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
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Interchanges up to this many characters are copied into `scratch` (at most 2 MB, kept for the process). */
const scratchChars = 1 << 20;
let scratch = Buffer.allocUnsafeSlow(0);

/**
 * The text as char codes, followed by two copies of `sentinel` (the terminator): the scanner's loop then needs no
 * end-of-text test per character, it stops at a terminator and only there asks whether it is past the end (two, as a
 * release character skips one). The loop reads every character; from a typed array that is a plain load, from a
 * string (`charCodeAt`) a check of the string's representation each time, and the copy costs less than it saves.
 * The copy goes to one buffer reused from interchange to interchange (a scanner lives only while `parseEdifact`
 * runs): a new one each time made the garbage collector run for the memory outside the heap.
 */
function charCodes(text: string, sentinel: number): Uint16Array {
  const n = text.length;
  let codes: Uint16Array;
  if (!littleEndian) {
    codes = new Uint16Array(n + 2);
    for (let i = 0; i < n; i++) codes[i] = text.charCodeAt(i);
  } else {
    const bytes = 2 * (n + 2);
    let buffer = scratch;
    if (n > scratchChars) buffer = Buffer.allocUnsafeSlow(bytes);
    else if (scratch.length < bytes)
      buffer = scratch = Buffer.allocUnsafeSlow(Math.min(2 * scratchChars + 4, 2 * bytes));
    buffer.write(text, 0, 'utf16le');
    codes = new Uint16Array(buffer.buffer, 0, n + 2);
  }
  codes[n] = sentinel;
  codes[n + 1] = sentinel;
  return codes;
}

/** What a character is to the scanner: most are none of these, which one look-up in `classes` tells. */
const ORDINARY = 0;
const COMPONENT = 1;
const ELEMENT = 2;
const TERMINATOR = 3;
const RELEASE = 4;

/** Character classes by separator set (few sets exist: the defaults and those some airlines declare in UNA). */
const classTables = new Map<string, Uint8Array>();

function classesOf(separators: EdifactSeparators): Uint8Array {
  const key = separators.component + separators.element + separators.terminator + separators.release;
  let classes = classTables.get(key);
  if (classes === undefined) {
    classes = new Uint8Array(65536);
    classes[separators.component.charCodeAt(0)] = COMPONENT;
    classes[separators.element.charCodeAt(0)] = ELEMENT;
    classes[separators.terminator.charCodeAt(0)] = TERMINATOR;
    if (separators.release !== '') classes[separators.release.charCodeAt(0)] = RELEASE;
    if (classTables.size < 64) classTables.set(key, classes);
  }
  return classes;
}

function isTagChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** Reads segments one after the other into a `SegmentTable`; the envelope logic decides what they mean. */
export class EdifactScanner {
  readonly #s: string;
  readonly #codes: Uint16Array;
  readonly #n: number;
  readonly #component: number;
  readonly #element: number;
  readonly #release: number;
  readonly #terminator: number;
  readonly #classes: Uint8Array;
  /** Where every segment read so far and its separators sit. */
  readonly table: SegmentTable;
  #pos: number;
  /** Marks and element starts written to the table so far. */
  #markCount = 0;
  #startCount = 0;

  constructor(text: string, start: number, separators: EdifactSeparators) {
    this.#s = text;
    this.#codes = charCodes(text, separators.terminator.charCodeAt(0));
    this.#n = text.length;
    this.#pos = start;
    this.#component = separators.component.charCodeAt(0);
    this.#element = separators.element.charCodeAt(0);
    this.#release = separators.release === '' ? -1 : separators.release.charCodeAt(0);
    this.#terminator = separators.terminator.charCodeAt(0);
    this.#classes = classesOf(separators);
    this.table = new SegmentTable(text, this.#release);
  }

  /** Offset of the next unread character, after skipping line breaks between segments. */
  get position(): number {
    this.#skipBreaks();
    return this.#pos;
  }

  #skipBreaks(): void {
    const codes = this.#codes;
    let i = this.#pos;
    while (i < this.#n) {
      const c = codes[i]!;
      if (c !== CR && c !== LF) break;
      i++;
    }
    this.#pos = i;
  }

  /** True when only blanks (spaces, tabs, line breaks) remain. */
  atBlankEnd(): boolean {
    const codes = this.#codes;
    for (let i = this.#pos; i < this.#n; i++) {
      const c = codes[i]!;
      if (c !== CR && c !== LF && c !== 32 && c !== 9) return false;
    }
    return true;
  }

  /** Reads the next segment (numbered `index` in errors) into the table: its slot, or -1 at the end of the input. */
  next(index: number): number {
    this.#skipBreaks();
    const s = this.#s;
    const n = this.#n;
    const start = this.#pos;
    if (start >= n) return -1;
    const elementSep = this.#element;
    const componentSep = this.#component;
    const terminator = this.#terminator;

    // The tag: exactly three upper-case letters or digits, then a separator.
    const codes = this.#codes;
    let i = start;
    while (i < n && i - start < 4 && isTagChar(codes[i]!)) i++;
    const after = i < n ? codes[i]! : -1;
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
    const tagNo = tagNumber(codes, s, start);
    // Components of the tag element (e.g. `UNH:1` nesting indicators) carry nothing the parsers use: skip them.
    if (after === componentSep) {
      while (i < n) {
        const c = codes[i]!;
        if (c === elementSep || c === terminator) break;
        i++;
      }
    }
    if (i >= n) throw this.#truncated(index, tagName(tagNo), start);

    // Only where the separators sit is recorded here; values are sliced when a parser asks for them.
    const table = this.table;
    let { marks, starts } = table;
    let count = this.#markCount;
    const firstStart = this.#startCount;
    let elements = firstStart;
    let released = false;
    const classes = this.#classes;
    for (;;) {
      let kind = classes[codes[i]!]!;
      while (kind === ORDINARY) kind = classes[codes[++i]!]!;
      if (kind === RELEASE) {
        released = true;
        i += 2;
        continue;
      }
      // The sentinels past the end read as terminators.
      if (i >= n) throw this.#truncated(index, tagName(tagNo), start);
      if (count === marks.length) marks = (table.growMarks(), table.marks);
      if (kind === ELEMENT) {
        if (elements === starts.length) starts = (table.growStarts(), table.starts);
        starts[elements++] = count;
      }
      marks[count++] = (i << 1) | (kind === COMPONENT ? 0 : 1);
      if (kind === TERMINATOR) break;
      i++;
    }
    this.#markCount = count;
    this.#startCount = elements;
    this.#pos = i + 1;
    const slot = table.count;
    if (slot === table.offsets.length) table.growSegments();
    table.tagNumbers[slot] = tagNo;
    table.offsets[slot] = start;
    table.firstStarts[slot] = firstStart;
    table.elementCounts[slot] = elements - firstStart;
    table.ends[slot] = count;
    table.released[slot] = released ? 1 : 0;
    table.count = slot + 1;
    return slot;
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
