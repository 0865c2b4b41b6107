/**
 * A streaming CSV reader (RFC 4180: quoted fields, doubled quotes, newlines inside quotes, CRLF or LF). It reads
 * chunk by chunk, so a file of any size is never held in memory, and reports each record with the line it starts
 * on. A quote left open at the end of the input is an error on that record, not a crash; so is a quote left open
 * in the middle of a large file: a record may hold at most `maxRecordLength` characters, past which it is reported
 * and dropped, and reading resumes at the next line break. A record holding bytes that are not UTF-8 is reported
 * (the others are read), rather than read with U+FFFD in their place.
 */
import type { Readable } from 'node:stream';
import { megabytes, readThrough, type Utf8Reader } from './utf8.js';

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
  /** Set when the record is malformed (an unclosed quote, text after a closing quote, bytes that are not UTF-8). */
  readonly error?: string;
}

export interface CsvOptions {
  /**
   * The most characters a record may hold, fields and commas together. The longest legitimate field of an import is
   * a remark (cut to 2,000 characters) or a list of aliases (300 characters each), so 1 MB is far past any real
   * record — and a file with a quote left open is far past it within the first megabyte, instead of being buffered
   * to its end (a 300 MB file ran out of memory).
   */
  readonly maxRecordLength?: number;
}

const defaultMaxRecordLength = 2 ** 20;

/**
 * The reader's state machine, fed text in order. It finds the characters that matter (a comma, a line break, a
 * quote) and takes the text between them as one slice: building a field character by character was most of the
 * reader's time.
 */
class CsvParser implements Utf8Reader<CsvRecord> {
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
  /** The field (1-based) of the record's first bytes that were not UTF-8. */
  private badField = 0;
  private line = 1;
  private recordLine = 1;
  private started = false;
  private pendingCr = false;
  /** Past the length limit: the rest of the line is dropped. */
  private skipping = false;

  constructor(private readonly maxLength: number) {}

  text(text: string): void {
    const n = text.length;
    if (n === 0) return;
    let i = 0;
    if (this.quotePending) {
      this.quotePending = false;
      if (text.charCodeAt(0) === 34) {
        i = 1;
        if (!this.append('"')) i = this.skip(text, i);
      } else {
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
        if (end - i > room) {
          this.countLines(text, i, i + room);
          this.overflow(true);
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
          i = quote + 2;
          if (!this.append('"')) i = this.skip(text, i);
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
        if (this.afterQuote && this.error === undefined)
          this.error = `text after a closing quote in field ${this.fields.length + 1}`;
        this.started = true;
        const room = this.room();
        if (j - i > room) {
          this.overflow(false);
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
          this.overflow(false);
          i = this.skip(text, i);
        }
      } else if (ch === 34) {
        if (this.field.length === 0 && !this.afterQuote) {
          this.inQuotes = true;
          this.started = true;
        } else {
          if (this.afterQuote && this.error === undefined)
            this.error = `text after a closing quote in field ${this.fields.length + 1}`;
          this.started = true;
          if (!this.append('"')) i = this.skip(text, i);
        }
      } else {
        if (ch === 13) {
          if (i === n) this.pendingCr = true;
          else if (text.charCodeAt(i) === 10) i++;
        }
        this.endLine();
      }
    }
  }

  invalid(): void {
    // As if the bytes were one character: they end a pending CR or close a pending quote like any other would.
    this.text('\uFFFD');
    if (!this.skipping && this.badField === 0) this.badField = this.fields.length + 1;
  }

  end(): void {
    // A quote at the very end of the input closes its field.
    if (this.quotePending) this.inQuotes = false;
    if (this.skipping) return;
    if (this.inQuotes) {
      this.error = 'a quoted field is not closed before the end of the file (truncated?)';
      this.out.push(this.finishRecord());
    } else if (this.started || this.field.length > 0) {
      this.out.push(this.finishRecord());
    }
  }

  /** Characters the current field may still take. */
  private room(): number {
    return this.maxLength - this.recordLength - this.field.length;
  }

  /** Adds one character to the field; false when it takes the record past the limit (then reported and dropped). */
  private append(ch: string): boolean {
    if (this.room() < 1) {
      this.overflow(this.inQuotes);
      return false;
    }
    this.field += ch;
    return true;
  }

  private countLines(text: string, from: number, to: number): void {
    for (let k = text.indexOf('\n', from); k !== -1 && k < to; k = text.indexOf('\n', k + 1)) this.line++;
  }

  /**
   * The record is past the length limit: reported now with what it held before the field that overflowed, which is
   * dropped, and the rest of the line skipped. A quote left open is the usual cause; reading on as unquoted after
   * the next line break finds the following records again.
   */
  private overflow(quoted: boolean): void {
    this.error = quoted
      ? `a quoted field runs past ${megabytes(this.maxLength)}: is a quote left open?`
      : `the record runs past ${megabytes(this.maxLength)} without a line break: is this a CSV file?`;
    this.badField = 0;
    this.field = '';
    this.out.push(this.finishRecord());
    this.inQuotes = false;
    this.quotePending = false;
    this.skipping = true;
  }

  /** Skips to the next line break (which ends the dropped record); returns where to go on reading. */
  private skip(text: string, from: number): number {
    if (!this.skipping) return from;
    for (let k = from; k < text.length; k++) {
      const ch = text.charCodeAt(k);
      if (ch === 10 || ch === 13) {
        this.skipping = false;
        let next = k + 1;
        if (ch === 13) {
          if (next === text.length) this.pendingCr = true;
          else if (text.charCodeAt(next) === 10) next++;
        }
        this.endLine();
        return next;
      }
    }
    return text.length;
  }

  /** A line break outside quotes: the record, if any, ends. */
  private endLine(): void {
    if (this.started || this.field.length > 0) this.out.push(this.finishRecord());
    this.line++;
    this.recordLine = this.line;
  }

  private finishRecord(): CsvRecord {
    this.fields.push(this.field);
    const error =
      this.badField > 0
        ? `field ${this.badField} is not valid UTF-8: is the file saved in another encoding (Latin-1, Windows-1252)?`
        : this.error;
    const record: CsvRecord =
      error === undefined
        ? { line: this.recordLine, fields: this.fields }
        : { line: this.recordLine, fields: this.fields, error };
    this.fields = [];
    this.field = '';
    this.recordLength = 0;
    this.afterQuote = false;
    this.error = undefined;
    this.badField = 0;
    this.started = false;
    return record;
  }
}

/** Yields the records of a CSV stream, header included, with their line numbers. */
export function readCsv(
  input: Readable | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  options: CsvOptions = {},
): AsyncGenerator<CsvRecord> {
  return readThrough(
    input as AsyncIterable<string | Uint8Array>,
    new CsvParser(options.maxRecordLength ?? defaultMaxRecordLength),
  );
}

/** Maps records to objects by the header row; names the line of a record with the wrong number of fields. */
export async function* readCsvObjects(
  input: Readable | AsyncIterable<string | Buffer>,
  required: readonly string[],
): AsyncGenerator<{ line: number; row: Readonly<Record<string, string>>; error?: string }> {
  let header: string[] | undefined;
  for await (const record of readCsv(input)) {
    if (header === undefined) {
      header = record.fields.map((f) => f.trim().replace(/^\uFEFF/, ''));
      const missing = required.filter((name) => !header!.includes(name));
      if (missing.length > 0)
        throw new CsvHeaderError(
          `line 1: the header lacks the column(s) ${missing.join(', ')}; it has ${header.join(', ')}`,
        );
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((name, i) => (row[name] = record.fields[i] ?? ''));
    let error = record.error;
    if (error === undefined && record.fields.length !== header.length) {
      error = `expected ${header.length} fields as in the header, found ${record.fields.length}`;
    }
    yield error === undefined ? { line: record.line, row } : { line: record.line, row, error };
  }
  if (header === undefined) throw new CsvHeaderError('the file is empty: expected a header line');
}

/** The CSV has no usable header: nothing can be read from it. */
export class CsvHeaderError extends Error {
  override readonly name = 'CsvHeaderError';
}
