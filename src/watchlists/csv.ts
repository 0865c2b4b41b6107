/**
 * A streaming CSV reader (RFC 4180: quoted fields, doubled quotes, newlines inside quotes, CRLF or LF). It reads
 * chunk by chunk, so a file of any size is never held in memory, and reports each record with the line it starts
 * on. A quote left open at the end of the input is an error on that record, not a crash.
 */
import type { Readable } from 'node:stream';

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
  /** Set when the record is malformed (an unclosed quote, text after a closing quote). */
  readonly error?: string;
}

/** Yields the records of a CSV stream, header included, with their line numbers. */
export async function* readCsv(
  input: Readable | Iterable<string> | AsyncIterable<string | Buffer>,
): AsyncGenerator<CsvRecord> {
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  // A quote seen as the last character of a chunk: closing, or the first half of a doubled quote?
  let quotePending = false;
  let afterQuote = false;
  let error: string | undefined;
  let line = 1;
  let recordLine = 1;
  let started = false;
  let pendingCr = false;
  const decoder = new TextDecoder('utf-8', { fatal: false });

  const finishRecord = (): CsvRecord => {
    fields.push(field);
    const record: CsvRecord = error === undefined ? { line: recordLine, fields } : { line: recordLine, fields, error };
    fields = [];
    field = '';
    afterQuote = false;
    error = undefined;
    started = false;
    return record;
  };

  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    let i = 0;
    if (quotePending && text.length > 0) {
      quotePending = false;
      if (text.charCodeAt(0) === 34) {
        field += '"';
        i = 1;
      } else {
        inQuotes = false;
        afterQuote = true;
      }
    }
    for (; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (pendingCr) {
        pendingCr = false;
        if (ch === 10) continue;
      }
      if (inQuotes) {
        if (ch === 34) {
          if (i + 1 === text.length) quotePending = true;
          else if (text.charCodeAt(i + 1) === 34) {
            field += '"';
            i++;
          } else {
            inQuotes = false;
            afterQuote = true;
          }
        } else {
          if (ch === 10) line++;
          field += text.charAt(i);
        }
        continue;
      }
      if (ch === 44) {
        fields.push(field);
        field = '';
        afterQuote = false;
        started = true;
      } else if (ch === 10 || ch === 13) {
        if (ch === 13) pendingCr = true;
        if (started || field.length > 0) yield finishRecord();
        line++;
        recordLine = line;
      } else if (ch === 34 && field.length === 0 && !afterQuote) {
        inQuotes = true;
        started = true;
      } else {
        if (afterQuote && error === undefined) error = `text after a closing quote in field ${fields.length + 1}`;
        field += text.charAt(i);
        started = true;
      }
    }
  }
  // A quote at the very end of the input closes its field.
  if (quotePending) inQuotes = false;
  if (inQuotes) {
    error = 'a quoted field is not closed before the end of the file (truncated?)';
    yield finishRecord();
  } else if (started || field.length > 0) {
    yield finishRecord();
  }
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
