/**
 * The CSV reader's state machine (csv.ts reads a stream through it). RFC 4180: quoted fields, doubled quotes,
 * newlines inside quotes, CRLF or LF; each record with the line it starts on; a record past the length limit, a quote
 * left open and bytes that are not UTF-8 reported on their record. A broken record whose quotes ran over several lines
 * is reported, and the lines after its first read again one by one (see recover).
 */
import { megabytes, type Utf8Reader } from './utf8.js';

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
  /** Set when the record is malformed (an unclosed quote, text after a closing quote, bytes that are not UTF-8). */
  readonly error?: string;
  /**
   * Set when the record did not end where a record should: a quote left open, or a record past the length limit. Rows
   * near it may then be missing from what was read (dropped with it, or cut): the file is not known to be whole.
   */
  readonly broken?: true;
}

/** A piece of a spill (see CsvParser.spill) where bytes that were not UTF-8 stood. */
const INVALID = Symbol('invalid bytes');

/** The first line break (LF or CR) in `text` from `from` up to `to`, or -1. */
function lineBreakIn(text: string, from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const ch = text.charCodeAt(k);
    if (ch === 10 || ch === 13) return k;
  }
  return -1;
}

/**
 * The reader's state machine, fed text in order. It finds the characters that matter (a comma, a line break, a
 * quote) and takes the text between them as one slice: building a field character by character was most of the
 * reader's time.
 */
export class CsvParser implements Utf8Reader<CsvRecord> {
  /** Records completed by the text fed so far. */
  out: CsvRecord[] = [];
  private fields: string[] = [];
  private field = '';
  /** Characters of the current record's finished fields, with their commas. */
  private recordLength = 0;
  private inQuotes = false;
  // A quote seen as the last character of a chunk: closing, or the first half of a doubled quote?
  private quotePending = false;
  private afterQuote = false;
  private error: string | undefined;
  /** Text followed a closing quote in this record: its quotes are not paired as the writer meant. */
  private quoteError = false;
  /** The record is reported as broken (see CsvRecord.broken). */
  private broken = false;
  /** The field (1-based) of the record's first bytes that were not UTF-8. */
  private badField = 0;
  private line = 1;
  private recordLine = 1;
  private started = false;
  private pendingCr = false;
  /** Past the length limit: the rest of the line is dropped. */
  private skipping = false;
  /** The number of fields of the header (the first record), when there is one; -1 before it or without. */
  private width = -1;
  /**
   * The text of the current record from just after the first line break inside its quotes, piece by piece as it was
   * fed: what a stray quote would have swallowed, read again line by line should the record turn out broken. It holds
   * no more than the record does (at most `maxLength`), and only while such a record is open.
   */
  private spill: (string | typeof INVALID)[] | undefined;
  /** The line the spill starts on, and the field whose quotes hold its first line break. */
  private spillLine = 0;
  private spillField = 0;
  /** Where in the text being fed the spill goes on from, and whether that text stands for bytes that were not UTF-8. */
  private spillFrom = 0;
  private feedingInvalid = false;
  /** Reading a spill again: a quote does not run past the end of its line (and no spill is kept). */
  private lineBound = false;
  /** The spill was cut inside a line (at the length limit): `lineBound` lasts until that line ends. */
  private lineBoundToLineEnd = false;

  constructor(
    private readonly maxLength: number,
    private readonly header: boolean,
  ) {}

  text(text: string): void {
    this.feed(text, false);
  }

  invalid(): void {
    // As if the bytes were one character: they end a pending CR or close a pending quote like any other would.
    this.feed('\uFFFD', true);
    if (!this.skipping && this.badField === 0) this.badField = this.fields.length + 1;
  }

  end(): void {
    // A quote at the very end of the input closes its field.
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
      this.afterQuote = true;
    }
    if (this.skipping) return;
    if (this.inQuotes) {
      const reason = `a quote opened in field ${this.fields.length + 1} is not closed before the end of the file`;
      if (this.spill !== undefined) {
        this.recover(reason);
        this.end();
        return;
      }
      this.error = `${reason} (truncated?)`;
      this.broken = true;
      this.out.push(this.finishRecord());
    } else if (this.started || this.field.length > 0) {
      if (this.spill !== undefined && this.swallowed()) {
        this.recover(this.swallowedReason());
        this.end();
        return;
      }
      this.out.push(this.finishRecord());
    }
  }

  private feed(text: string, invalid: boolean): void {
    if (text.length === 0) return;
    this.feedingInvalid = invalid;
    this.spillFrom = 0;
    this.scan(text);
    if (this.spill !== undefined) this.keep(text, text.length);
  }

  /** Adds the text being fed, from where the spill goes on up to `to`, to the spill. */
  private keep(text: string, to: number): void {
    if (to > this.spillFrom) this.spill!.push(this.feedingInvalid ? INVALID : text.slice(this.spillFrom, to));
    this.spillFrom = to;
  }

  private scan(text: string): void {
    const n = text.length;
    let i = 0;
    if (this.quotePending) {
      this.quotePending = false;
      if (text.charCodeAt(0) === 34) i = this.append('"', text, 1);
      else {
        this.inQuotes = false;
        this.afterQuote = true;
      }
    } else if (this.pendingCr) {
      this.pendingCr = false;
      if (text.charCodeAt(0) === 10) i = 1;
    }
    while (i < n) {
      if (this.skipping) {
        i = this.skip(text, i);
        continue;
      }
      if (this.inQuotes) {
        const quote = text.indexOf('"', i);
        const end = quote === -1 ? n : quote;
        const room = this.room();
        if (this.lineBound) {
          // A break past the room is left to the limit below, as it would be without one.
          const brk = lineBreakIn(text, i, Math.min(end, i + room + 1));
          if (brk !== -1) {
            // Reading a spill again: the quote ends with its line, the field with what the line held.
            if (brk > i) this.field += text.slice(i, brk);
            this.inQuotes = false;
            this.error ??= `a quote opened in field ${this.fields.length + 1} is not closed on its line`;
            i = this.afterBreak(text, brk);
            this.endLine(text, i);
            continue;
          }
        }
        if (end - i > room) {
          this.countLines(text, i, i + room);
          if (this.overflow(true, text, i + room)) return;
          i += room;
          continue;
        }
        this.countLines(text, i, end);
        if (end > i) this.field += end - i === n ? text : text.slice(i, end);
        if (quote === -1) return;
        if (quote + 1 === n) {
          this.quotePending = true;
          return;
        }
        if (text.charCodeAt(quote + 1) === 34) {
          i = this.append('"', text, quote + 2);
        } else {
          this.inQuotes = false;
          this.afterQuote = true;
          i = quote + 1;
        }
        continue;
      }
      let j = i;
      let ch = 0;
      for (; j < n; j++) {
        ch = text.charCodeAt(j);
        if (ch === 44 || ch === 10 || ch === 13 || ch === 34) break;
      }
      if (j > i) {
        if (this.afterQuote) this.textAfterQuote();
        this.started = true;
        const room = this.room();
        if (j - i > room) {
          if (this.overflow(false, text, i + room)) return;
          i = this.skip(text, i + room);
          continue;
        }
        this.field += j - i === n ? text : text.slice(i, j);
      }
      if (j === n) return;
      i = j + 1;
      if (ch === 44) {
        this.recordLength += this.field.length + 1;
        this.fields.push(this.field);
        this.field = '';
        this.afterQuote = false;
        this.started = true;
        if (this.recordLength > this.maxLength) {
          if (this.overflow(false, text, i)) return;
          i = this.skip(text, i);
        }
      } else if (ch === 34) {
        if (this.field.length === 0 && !this.afterQuote) {
          this.inQuotes = true;
          this.started = true;
        } else {
          if (this.afterQuote) this.textAfterQuote();
          this.started = true;
          i = this.append('"', text, i);
        }
      } else {
        if (ch === 13) {
          if (i === n) this.pendingCr = true;
          else if (text.charCodeAt(i) === 10) i++;
        }
        this.endLine(text, i);
      }
    }
  }

  private textAfterQuote(): void {
    this.quoteError = true;
    this.error ??= `text after a closing quote in field ${this.fields.length + 1}`;
  }

  /** Characters the current field may still take. */
  private room(): number {
    return this.maxLength - this.recordLength - this.field.length;
  }

  /**
   * Adds one character, read up to `at`, to the field; returns where to read on (past the line when it takes the
   * record past the limit: then it is reported and dropped; the end of `text` when overflow read the rest).
   */
  private append(ch: string, text: string, at: number): number {
    if (this.room() < 1) {
      if (this.overflow(this.inQuotes, text, at)) return text.length;
      return this.skip(text, at);
    }
    this.field += ch;
    return at;
  }

  /** Where to read on after the line break at `at`: past a CRLF, or past the CR whose LF may start the next text. */
  private afterBreak(text: string, at: number): number {
    let next = at + 1;
    if (text.charCodeAt(at) === 13) {
      if (next === text.length) this.pendingCr = true;
      else if (text.charCodeAt(next) === 10) next++;
    }
    return next;
  }

  /** Counts the line feeds inside quotes; the first of a record starts its spill (unless reading a spill again). */
  private countLines(text: string, from: number, to: number): void {
    for (let k = text.indexOf('\n', from); k !== -1 && k < to; k = text.indexOf('\n', k + 1)) {
      this.line++;
      if (this.spill === undefined && !this.lineBound) {
        this.spill = [];
        this.spillLine = this.line;
        this.spillField = this.fields.length + 1;
        this.spillFrom = k + 1;
      }
    }
  }

  /**
   * The record, read up to `at`, is past the length limit. A quote left open across lines is the usual cause: the
   * lines it swallowed are read again (recover). Otherwise the record is reported now with what it held before the
   * field that overflowed, which is dropped, and the rest of the line skipped; reading goes on as unquoted after the
   * next line break. True when the rest of `text` was read already (by recover): the caller stops reading it.
   */
  private overflow(quoted: boolean, text: string, at: number): boolean {
    const reason = quoted
      ? `a quoted field runs past ${megabytes(this.maxLength)}`
      : `the record runs past ${megabytes(this.maxLength)}`;
    if (this.spill !== undefined) {
      this.keep(text, at);
      // The field that overflowed is dropped, as below (what it held depends on where the input's chunks fell).
      this.field = '';
      this.recover(reason, { text, at });
      return true;
    }
    this.error = quoted ? `${reason}: is a quote left open?` : `${reason} without a line break: is this a CSV file?`;
    this.badField = 0;
    this.broken = true;
    this.field = '';
    this.out.push(this.finishRecord());
    this.inQuotes = false;
    this.quotePending = false;
    this.skipping = true;
    return false;
  }

  /** Whether the open record, whose quotes hold a line break, is broken: its quotes are not paired as they should be. */
  private swallowed(): boolean {
    return this.quoteError || (this.width >= 0 && this.fields.length + 1 !== this.width);
  }

  private swallowedReason(): string {
    return this.quoteError && this.error !== undefined
      ? this.error
      : `${this.fields.length + 1} fields where the header has ${this.width}`;
  }

  /**
   * The open record ran on from a quote over the lines in the spill, and is broken (`reason`): most likely a stray
   * quote swallowed the rows that follow. It is reported with what it held, and the spill is read again, each line a
   * record of its own whose quotes end with it. `rest`: the spill ends inside a line, cut at the length limit, and
   * the text being fed goes on from `at`: it is read here too (in a quote or a CR the spill left pending), its first
   * line still bound.
   */
  private recover(reason: string, rest?: { text: string; at: number }): void {
    const pieces = this.spill!;
    const line = this.spillLine;
    this.error =
      `${reason}: the quote of field ${this.spillField} runs over the lines after this one (is a quote left open?); ` +
      `they were read again, each as a row of its own`;
    this.badField = 0;
    this.broken = true;
    this.out.push(this.finishRecord());
    this.inQuotes = false;
    this.quotePending = false;
    this.pendingCr = false;
    this.line = line;
    this.recordLine = line;
    const invalid = this.feedingInvalid;
    this.lineBound = true;
    for (const piece of pieces) {
      if (piece === INVALID) this.invalid();
      else this.text(piece);
    }
    if (rest === undefined) this.lineBound = false;
    else {
      this.lineBoundToLineEnd = true;
      if (rest.at < rest.text.length) {
        if (invalid) this.invalid();
        else this.text(rest.text.slice(rest.at));
      }
      // The text being fed is read to its end: nothing of it is left to add to a spill.
      this.spillFrom = rest.text.length;
    }
    this.feedingInvalid = invalid;
  }

  /** Skips to the next line break (which ends the dropped record); returns where to go on reading. */
  private skip(text: string, from: number): number {
    if (!this.skipping) return from;
    const brk = lineBreakIn(text, from, text.length);
    if (brk === -1) return text.length;
    this.skipping = false;
    const next = this.afterBreak(text, brk);
    this.endLine(text, next);
    return next;
  }

  /** A line break outside quotes, read up to `at`: the record, if any, ends. */
  private endLine(text: string, at: number): void {
    if (this.started || this.field.length > 0) {
      if (this.spill !== undefined && this.swallowed()) {
        this.keep(text, at);
        this.recover(this.swallowedReason());
        return;
      }
      this.out.push(this.finishRecord());
    }
    this.line++;
    this.recordLine = this.line;
    if (this.lineBoundToLineEnd) {
      this.lineBound = false;
      this.lineBoundToLineEnd = false;
    }
  }

  private finishRecord(): CsvRecord {
    this.fields.push(this.field);
    const error =
      this.badField > 0
        ? `field ${this.badField} is not valid UTF-8: is the file saved in another encoding (Latin-1, Windows-1252)?`
        : this.error;
    const fields = this.fields;
    const record: CsvRecord =
      error === undefined
        ? { line: this.recordLine, fields }
        : this.broken
          ? { line: this.recordLine, fields, error, broken: true }
          : { line: this.recordLine, fields, error };
    if (this.width < 0 && this.header) this.width = fields.length;
    this.fields = [];
    this.field = '';
    this.recordLength = 0;
    this.afterQuote = false;
    this.error = undefined;
    this.quoteError = false;
    this.broken = false;
    this.badField = 0;
    this.started = false;
    this.spill = undefined;
    return record;
  }
}
