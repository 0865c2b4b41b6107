/**
 * The rows of an import file as the import reads them, one format's reader each: JSON lines for FollowTheMoney, the
 * streaming CSV reader for the two CSV formats. A row is parsed only when the import asks (so a bad one costs only
 * itself), can name the entity of a row it rejected (so a replacing import keeps that entry), and says when rows near
 * it may be missing from what was read (so a replacing import removes nothing). Notices are said of the file itself.
 */
import { AppError } from '../errors.js';
import { CsvHeaderError, readCsvObjects } from './csv.js';
import { RowError } from './entries.js';
import {
  documentCsvColumns,
  documentCsvRequired,
  parseDocumentCsvRow,
  parseFtmLine,
  parsePersonCsvRow,
  personCsvColumns,
  personCsvRequired,
  rejectedDocumentCsvEntityId,
  rejectedFtmEntityId,
  rejectedPersonCsvEntityId,
  unknownColumnWarnings,
  type ImportFormat,
  type ParsedRow,
} from './formats.js';
import { notUtf8, readLines } from './utf8.js';

export interface RawRow {
  readonly kind: 'row';
  readonly line: number;
  parse(warnings: string[]): ParsedRow;
  /** The entity id of a row `parse` rejected, where it can still be read. */
  rejectedId(): string | undefined;
  /**
   * Set when rows near this one may be missing from what was read — a quote left open, a record or line past the
   * length limit — with what happened: the file cannot then be taken as the whole list.
   */
  readonly incomplete?: string;
}

/** A warning about the file rather than a row (an unknown CSV column), on the line it concerns. */
export interface FileNotice {
  readonly kind: 'notice';
  readonly line: number;
  readonly reason: string;
}

type Input = AsyncIterable<string | Uint8Array>;

async function* ftmRows(input: Input): AsyncGenerator<RawRow> {
  // Not readline: it decodes bytes that are not UTF-8 as U+FFFD, which would be stored, and holds a line of any
  // length (a file without line breaks, whole).
  for await (const { line, text, error } of readLines(input)) {
    if (error !== undefined) {
      const row: RawRow = {
        kind: 'row',
        line,
        parse: () => {
          throw new RowError(error === notUtf8 ? 'encoding' : 'line', error);
        },
        // The id of a line with a mis-encoded name is often still readable: `replace` must keep that entry.
        rejectedId: () => rejectedFtmEntityId(text),
      };
      // A line past the limit is not read at all: which entity it held, and whether it held only one, is unknown.
      yield error === notUtf8 ? row : { ...row, incomplete: `line ${line}: ${error}` };
      continue;
    }
    if (text.trim().length === 0) continue;
    yield {
      kind: 'row',
      line,
      parse: (warnings) => parseFtmLine(text, warnings),
      rejectedId: () => rejectedFtmEntityId(text),
    };
  }
}

async function* csvRows(input: Input, format: 'csv' | 'sltd'): AsyncGenerator<RawRow | FileNotice> {
  const persons = format === 'csv';
  const notices: FileNotice[] = [];
  const onHeader = (line: number, columns: readonly string[]) => {
    for (const reason of unknownColumnWarnings(columns, persons ? personCsvColumns : documentCsvColumns))
      notices.push({ kind: 'notice', line, reason });
  };
  try {
    const records = readCsvObjects(input, persons ? personCsvRequired : documentCsvRequired, { onHeader });
    for await (const { line, row, error, broken } of records) {
      yield* notices.splice(0);
      const parsed: RawRow = {
        kind: 'row',
        line,
        parse: (warnings) => {
          if (error !== undefined) throw new RowError('csv', error);
          return persons ? parsePersonCsvRow(row, warnings) : parseDocumentCsvRow(row);
        },
        rejectedId: () => (persons ? rejectedPersonCsvEntityId(row) : rejectedDocumentCsvEntityId(row)),
      };
      yield broken === true ? { ...parsed, incomplete: `line ${line}: ${error}` } : parsed;
    }
    // A file of a header alone.
    yield* notices.splice(0);
  } catch (error) {
    if (error instanceof CsvHeaderError) {
      throw new AppError(
        'request.invalid',
        error.message,
        error.line === undefined ? {} : { location: { line: error.line } },
      );
    }
    throw error;
  }
}

/** The rows of `input` in `format`, in order, with the notices about the file where they arise. */
export function rowsOf(input: Input, format: ImportFormat): AsyncGenerator<RawRow | FileNotice> {
  return format === 'ftm' ? ftmRows(input) : csvRows(input, format);
}
