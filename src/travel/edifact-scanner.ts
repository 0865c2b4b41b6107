/**
 * The hot loop of the EDIFACT tokenizer: one pass over the decoded text into a `SegmentTable`, char codes only (no
 * regex, no per-character strings, no call per segment). It reads the whole interchange before the envelope is
 * looked at; where the text stops making segments it records why (`ScanFailure`), and the envelope throws that
 * only when it reaches the segment, so errors come in the order a segment-by-segment reader would meet them.
 */
import { EdifactParseError, describeFound } from './edifact-errors.js';
import {
  ELEMENT_COUNT,
  END,
  FIRST_START,
  FIRST_UN,
  LAST_UN,
  OFFSET,
  RELEASED_VALUE,
  ROW,
  TAG,
  rememberTag,
  tagName,
  type SegmentTable,
} from './edifact-table.js';

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

const CR = 13;
const LF = 10;
/**
 * Copies of the terminator after the text: the loop then needs no end-of-text test per character, and may look up
 * to three characters past one it has not yet classified (the tag, four characters a turn).
 */
const SENTINELS = 4;
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Interchanges up to this many characters are copied into `scratch` (at most 2 MB, kept for the process). */
const scratchChars = 1 << 20;
let scratch = Buffer.allocUnsafeSlow(0);

/**
 * The text as char codes, followed by copies of `sentinel` (the terminator): the scanner stops at a terminator and
 * only there asks whether it is past the end. From a typed array each character is a plain load, from a string
 * (`charCodeAt`) a check of the string's representation each time, and the copy costs less than it saves. It goes
 * to one buffer reused from interchange to interchange: a new one each time made the collector run for the memory
 * outside the heap.
 */
function charCodes(text: string, sentinel: number): Uint16Array {
  const n = text.length;
  let codes: Uint16Array;
  if (!littleEndian) {
    codes = new Uint16Array(n + SENTINELS);
    for (let i = 0; i < n; i++) codes[i] = text.charCodeAt(i);
  } else {
    const bytes = 2 * (n + SENTINELS);
    let buffer = scratch;
    if (n > scratchChars) buffer = Buffer.allocUnsafeSlow(bytes);
    else if (scratch.length < bytes)
      buffer = scratch = Buffer.allocUnsafeSlow(Math.min(2 * (scratchChars + SENTINELS), 2 * bytes));
    buffer.write(text, 0, 'utf16le');
    codes = new Uint16Array(buffer.buffer, 0, n + SENTINELS);
  }
  codes.fill(sentinel, n);
  return codes;
}

/** What a character is to the scanner: most are none of these, which one look-up in `classes` tells. */
const ORDINARY = 0;
const COMPONENT = 1;
const ELEMENT = 2;
const TERMINATOR = 3;
const RELEASE = 4;
/**
 * A control character (C0) the EDIFACT character sets do not allow in data, save the line breaks and tab that
 * senders put between or inside segments: a NUL would otherwise reach the database, which refuses it in text.
 */
const CONTROL = 5;

/** Character classes by separator set (few sets exist: the defaults and those some airlines declare in UNA). */
const classTables = new Map<string, Uint8Array>();

function classesOf(separators: EdifactSeparators): Uint8Array {
  const key = separators.component + separators.element + separators.terminator + separators.release;
  let classes = classTables.get(key);
  if (classes === undefined) {
    classes = new Uint8Array(65536);
    for (let c = 0; c < 32; c++) if (c !== 9 && c !== LF && c !== CR) classes[c] = CONTROL;
    classes[separators.component.charCodeAt(0)] = COMPONENT;
    classes[separators.element.charCodeAt(0)] = ELEMENT;
    classes[separators.terminator.charCodeAt(0)] = TERMINATOR;
    if (separators.release !== '') classes[separators.release.charCodeAt(0)] = RELEASE;
    if (classTables.size < 64) classTables.set(key, classes);
  }
  return classes;
}

/** 0…35 for the characters of a tag (0-9, A-Z, as `tagCodeOf` counts them), -1 for any other. */
const tagDigits = new Int8Array(65536).fill(-1);
for (let c = 48; c <= 57; c++) tagDigits[c] = c - 48;
for (let c = 65; c <= 90; c++) tagDigits[c] = c - 55;

function isTagChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** Why the text stopped making segments, and where: an `EdifactParseError` once its segment number is known. */
export class ScanFailure {
  constructor(
    readonly text: string,
    readonly kind: 'bad_tag' | 'cut_tag' | 'truncated' | 'control',
    /** Where the segment that could not be read starts. */
    readonly start: number,
    /** Its tag, '' when the tag itself is wrong. */
    readonly tag: string,
    readonly terminator: string,
    /** Where the character at fault is ('control'). */
    readonly at = start,
  ) {}

  /** The error, for the segment numbered `index`. */
  error(index: number): EdifactParseError {
    const { text, start } = this;
    if (this.kind === 'cut_tag') {
      return new EdifactParseError('edifact.truncated', {
        segment: index,
        tag: '',
        offset: start,
        expected: 'a complete segment',
        found: `end of input after ${describeFound(text.slice(start))}`,
      });
    }
    if (this.kind === 'control') {
      return new EdifactParseError('edifact.bad_character', {
        segment: index,
        tag: this.tag,
        offset: this.at,
        expected: 'a character allowed in EDIFACT data (no control character but line breaks and tab)',
        found: `control character U+${text.charCodeAt(this.at).toString(16).toUpperCase().padStart(4, '0')}`,
      });
    }
    if (this.kind === 'bad_tag') {
      return new EdifactParseError(
        'edifact.bad_tag',
        {
          segment: index,
          tag: '',
          offset: start,
          expected: 'a three-character segment tag followed by a separator',
          found: describeFound(text.slice(start, start + 40)),
        },
        'check the UNA separators and the segment terminator',
      );
    }
    // A "segment" that runs over many lines usually means the terminator is missing or not the one UNA declares.
    const lineBreak = text.indexOf('\n', start);
    return new EdifactParseError(
      'edifact.truncated',
      {
        segment: index,
        tag: this.tag,
        offset: start,
        expected: `the segment terminator ${JSON.stringify(this.terminator)}`,
        found: 'end of input',
      },
      lineBreak >= 0 && lineBreak < text.length - 1
        ? 'the segment spans several lines: is the terminator missing?'
        : undefined,
    );
  }
}

/**
 * Reads the segments of `text` from `start` into `table` (line breaks between segments skipped): all of them, or
 * those before the first that cannot be read, whose failure it records in `table.failure`. Returns how many it read.
 *
 * Nothing but `return` follows the loop: the function is compiled while the loop of its first call runs, and a
 * statement after it not yet run then (a property stored, say) sent every later call back to the interpreter.
 */
export function scanSegments(text: string, start: number, separators: EdifactSeparators, table: SegmentTable): number {
  const n = text.length;
  const terminatorChar = separators.terminator;
  const terminator = terminatorChar.charCodeAt(0);
  const elementSep = separators.element.charCodeAt(0);
  const componentSep = separators.component.charCodeAt(0);
  const codes = charCodes(text, terminator);
  const classes = classesOf(separators);
  let { marks, starts, rows } = table;
  let markCount = 0;
  let startCount = 0;
  let slot = 0;
  let i = start;
  for (;;) {
    let c = codes[i]!;
    while (c === CR || c === LF) c = codes[++i]!;
    if (i >= n) break;
    const segmentStart = i;

    // The tag: exactly three upper-case letters or digits, then a separator.
    const d0 = tagDigits[c]!;
    const d1 = tagDigits[codes[i + 1]!]!;
    const d2 = tagDigits[codes[i + 2]!]!;
    const after = codes[i + 3]!;
    if ((d0 | d1 | d2) < 0 || (after !== elementSep && after !== terminator && after !== componentSep) || i + 3 >= n) {
      table.failure = tagFailure(text, codes, segmentStart, n, terminatorChar);
      break;
    }
    const tagCode = d0 * 1296 + d1 * 36 + d2; // as tagCodeOf
    rememberTag(tagCode, text, segmentStart);
    if (tagCode >= FIRST_UN && tagCode <= LAST_UN) table.addUnSlot(slot);
    i += 3;
    // Components of the tag element (e.g. `UNH:1` nesting indicators) carry nothing the parsers use: skip them.
    if (after === componentSep) {
      c = codes[i]!;
      while (c !== elementSep && c !== terminator) c = codes[++i]!;
      if (i >= n) {
        table.failure = new ScanFailure(text, 'truncated', segmentStart, tagName(tagCode), terminatorChar);
        break;
      }
    }

    // Only where the separators sit is recorded; values are sliced when a parser asks for them.
    const firstStart = startCount;
    let released = 0; // RELEASED_VALUE while the value being read holds a release character
    let complete = true;
    for (;;) {
      let kind = classes[codes[i]!]!;
      // Four characters a turn (the sentinels keep the reads inside the array): most values are longer than one
      // character, and the four loads run at once. It read a tenth faster than one character a turn.
      while (kind === ORDINARY) {
        if ((kind = classes[codes[i + 1]!]!) !== ORDINARY) {
          i += 1;
          break;
        }
        if ((kind = classes[codes[i + 2]!]!) !== ORDINARY) {
          i += 2;
          break;
        }
        if ((kind = classes[codes[i + 3]!]!) !== ORDINARY) {
          i += 3;
          break;
        }
        i += 4;
        kind = classes[codes[i]!]!;
      }
      if (kind === RELEASE) {
        if (classes[codes[i + 1]!] !== CONTROL) {
          released = RELEASED_VALUE;
          i += 2;
          continue;
        }
        kind = CONTROL; // released, it is still not allowed
        i += 1;
      }
      if (kind === CONTROL) {
        table.failure = new ScanFailure(text, 'control', segmentStart, tagName(tagCode), terminatorChar, i);
        complete = false;
        break;
      }
      // The sentinels past the end read as terminators.
      if (i >= n) {
        table.failure = new ScanFailure(text, 'truncated', segmentStart, tagName(tagCode), terminatorChar);
        complete = false;
        break;
      }
      if (markCount === marks.length) marks = table.growMarks();
      if (kind === ELEMENT) {
        if (startCount === starts.length) starts = table.growStarts();
        starts[startCount++] = markCount;
      }
      marks[markCount++] = (i << 2) | released;
      released = 0;
      if (kind === TERMINATOR) break;
      i++;
    }
    if (!complete) break;
    i++;
    const row = slot * ROW;
    if (row === rows.length) rows = table.growRows();
    rows[row + OFFSET] = segmentStart;
    rows[row + FIRST_START] = firstStart;
    rows[row + ELEMENT_COUNT] = startCount - firstStart;
    rows[row + END] = markCount;
    rows[row + TAG] = tagCode;
    slot++;
  }
  return slot;
}

/** Why the tag at `start` is not one: the input ends inside it, or it is not three tag characters and a separator. */
function tagFailure(text: string, codes: Uint16Array, start: number, n: number, terminator: string): ScanFailure {
  let i = start;
  while (i < n && i - start < 4 && isTagChar(codes[i]!)) i++;
  return new ScanFailure(text, i >= n && i - start <= 3 ? 'cut_tag' : 'bad_tag', start, '', terminator);
}
