/**
 * The hot loop of the EDIFACT tokenizer: one pass over the decoded text, one segment at a time, char codes only
 * (no regex, no per-character strings). Values without a release character are plain slices of the input.
 */
import { EdifactParseError, describeFound } from './edifact-errors.js';

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

const CR = 13;
const LF = 10;
const noElements: readonly (readonly string[])[] = Object.freeze([]);
// Tags repeat endlessly (NAD, DOC, DTM…): keyed by their three char codes, each is allocated once per process.
const tagCache = new Map<number, string>();

function isTagChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

function unescape(s: string, from: number, to: number, release: number): string {
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

/** Reads segments one after the other; the envelope logic decides what they mean. */
export class EdifactScanner {
  readonly #s: string;
  readonly #n: number;
  readonly #component: number;
  readonly #element: number;
  readonly #release: number;
  readonly #terminator: number;
  readonly #elementScratch: string[][] = [];
  readonly #componentScratch: string[] = [];
  #pos: number;

  constructor(text: string, start: number, separators: EdifactSeparators) {
    this.#s = text;
    this.#n = text.length;
    this.#pos = start;
    this.#component = separators.component.charCodeAt(0);
    this.#element = separators.element.charCodeAt(0);
    this.#release = separators.release === '' ? -1 : separators.release.charCodeAt(0);
    this.#terminator = separators.terminator.charCodeAt(0);
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
  next(index: number): EdifactSegment | undefined {
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
    if (s.charCodeAt(i) === terminator) {
      this.#pos = i + 1;
      return { kind: 'segment', tag, elements: noElements, index, offset: start };
    }

    // Scratch arrays are reused and each result is copied to its exact size: arrays grown by push() keep
    // capacity for 17 items, which multiplied memory by four on large messages.
    const elementScratch = this.#elementScratch;
    const componentScratch = this.#componentScratch;
    let elementCount = 0;
    let componentCount = 0;
    i++; // past the element separator that follows the tag
    let tokenStart = i;
    let released = false;
    for (;;) {
      if (i >= n) throw this.#truncated(index, tag, start);
      const c = s.charCodeAt(i);
      if (c === release) {
        released = true;
        i += 2;
        continue;
      }
      if (c === elementSep || c === componentSep || c === terminator) {
        componentScratch[componentCount++] = released
          ? unescape(s, tokenStart, i, release)
          : i === tokenStart
            ? ''
            : s.slice(tokenStart, i);
        if (c !== componentSep) {
          elementScratch[elementCount++] =
            componentCount === 1 ? [componentScratch[0]!] : componentScratch.slice(0, componentCount);
          componentCount = 0;
          if (c === terminator) break;
        }
        released = false;
        tokenStart = i + 1;
      }
      i++;
    }
    const elements = elementScratch.slice(0, elementCount);
    this.#pos = i + 1;
    return { kind: 'segment', tag, elements, index, offset: start };
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
