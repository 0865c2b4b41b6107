/**
 * A streaming CSV reader (RFC 4180: quoted fields, doubled quotes, newlines inside quotes, CRLF or LF). It reads
 * chunk by chunk, so a file of any size is never held in memory, and reports each record with the line it starts
 * on. A quote left open at the end of the input is an error on that record, not a crash; so is a quote left open
 * in the middle of a large file: a record may hold at most `maxRecordLength` characters, past which it is reported.
 * A record whose quotes run over several lines and which then turns out broken (the quote is not closed before the
 * end of the file or the length limit, text follows a closing quote, or it has another number of fields than the
 * header) was most likely swallowed by a stray quote: it is reported, and the lines after its first are read again,
 * each as a record of its own, so that the rows it swallowed are read (or rejected) under their own line numbers. A
 * record holding bytes that are not UTF-8 is reported (the others are read), rather than read with U+FFFD in their
 * place.
 */
import type { Readable } from 'node:stream';
import { CsvParser, type CsvRecord } from './csv-parser.js';
import { readThrough } from './utf8.js';

export type { CsvRecord } from './csv-parser.js';

export interface CsvOptions {
  /**
   * The most characters a record may hold, fields and commas together. The longest legitimate field of an import is
   * a remark (cut to 2,000 characters) or a list of aliases (300 characters each), so 1 MB is far past any real
   * record — and a file with a quote left open is far past it within the first megabyte, instead of being buffered
   * to its end (a 300 MB file ran out of memory).
   */
  readonly maxRecordLength?: number;
  /**
   * The first record is a header, which every record should match: one whose quotes hold a line break and that has
   * another number of fields than the header is then taken as swallowed by a stray quote too (see CsvParser.recover).
   */
  readonly header?: boolean;
}

const defaultMaxRecordLength = 2 ** 20;

/** Yields the records of a CSV stream, header included, with their line numbers. */
export function readCsv(
  input: Readable | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  options: CsvOptions = {},
): AsyncGenerator<CsvRecord> {
  return readThrough(
    input as AsyncIterable<string | Uint8Array>,
    new CsvParser(options.maxRecordLength ?? defaultMaxRecordLength, options.header ?? false),
  );
}

/** A data record of a CSV file as an object, by the header's column names. */
export interface CsvRow {
  readonly line: number;
  readonly row: Readonly<Record<string, string>>;
  readonly error?: string;
  /** See CsvRecord.broken. */
  readonly broken?: true;
}

export interface CsvObjectOptions {
  /** Called once the header is read, with its line and its column names. */
  readonly onHeader?: (line: number, columns: readonly string[]) => void;
}

/** Maps records to objects by the header row; names the line of a record with the wrong number of fields. */
export async function* readCsvObjects(
  input: Readable | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  required: readonly string[],
  options: CsvObjectOptions = {},
): AsyncGenerator<CsvRow> {
  let header: string[] | undefined;
  for await (const record of readCsv(input, { header: true })) {
    if (header === undefined) {
      header = record.fields.map((f) => f.trim().replace(/^\uFEFF/, ''));
      const missing = required.filter((name) => !header!.includes(name));
      if (missing.length > 0)
        throw new CsvHeaderError(
          `line ${record.line}: the header lacks the column(s) ${missing.join(', ')}; it has ${header.join(', ')}`,
          record.line,
        );
      options.onHeader?.(record.line, header);
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((name, i) => (row[name] = record.fields[i] ?? ''));
    let error = record.error;
    if (error === undefined && record.fields.length !== header.length) {
      error = `expected ${header.length} fields as in the header, found ${record.fields.length}`;
    }
    const line = record.line;
    yield error === undefined
      ? { line, row }
      : record.broken === true
        ? { line, row, error, broken: true }
        : { line, row, error };
  }
  if (header === undefined) throw new CsvHeaderError('the file is empty: expected a header line', undefined);
}

/** The CSV has no usable header: nothing can be read from it. */
export class CsvHeaderError extends Error {
  override readonly name = 'CsvHeaderError';

  /** `line`: the header's line, when the file has one. */
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
  }
}
