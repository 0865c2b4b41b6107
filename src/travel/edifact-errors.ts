/**
 * The one error type of the EDIFACT, PAXLST and PNRGOV parsers, and the warnings they attach to their results.
 * A parser either returns immutable data (possibly with warnings) or throws `EdifactParseError`, nothing else, so
 * the ingestion pipeline can store the raw message with a precise, stable error.
 */

/** Every stable code an EDIFACT-family parser may throw, with what it means. */
export const edifactErrorCodes = {
  /** The input holds nothing but whitespace. */
  'edifact.empty': 'empty message',
  /** Bytes given to the parser are not valid in the character set the interchange declares (UTF-8 by default). */
  'edifact.encoding': 'invalid character encoding',
  /** A control character (NUL and the like; not a line break or tab) inside a segment, where no data may hold it. */
  'edifact.bad_character': 'character not allowed',
  /** The UNA service string advice is cut short or repeats a separator. */
  'edifact.una_invalid': 'invalid UNA service string advice',
  /** A segment tag is not three upper-case letters or digits (often: wrong or missing separators). */
  'edifact.bad_tag': 'invalid segment tag',
  /** The input ends inside a segment, a message or an interchange. */
  'edifact.truncated': 'message truncated',
  /** A segment arrived where the envelope structure does not allow it. */
  'edifact.unexpected_segment': 'unexpected segment',
  /** A mandatory element of a service segment (UNB, UNH…) is empty. */
  'edifact.missing_element': 'missing element',
  /** Non-blank data follows the interchange trailer UNZ. */
  'edifact.trailing_data': 'data after the interchange trailer',
  /** The message is not of the type this parser reads (e.g. a PNRGOV given to the PAXLST parser). */
  'edifact.wrong_message_type': 'wrong message type',
  /** A PAXLST message lacks a segment the list cannot do without (BGM, TDT). */
  'paxlst.missing_segment': 'PAXLST segment missing',
  /** A PAXLST element holds a value of the wrong form (a date that is not a date, a count that is not a number). */
  'paxlst.invalid_value': 'invalid PAXLST value',
  /** A PNRGOV segment sits where the message structure does not allow it (a TIF before any SRC…). */
  'pnrgov.unexpected_segment': 'unexpected PNRGOV segment',
  /** A PNRGOV element holds a value of the wrong form. */
  'pnrgov.invalid_value': 'invalid PNRGOV value',
} as const;

export type EdifactErrorCode = keyof typeof edifactErrorCodes;

/** Where a problem sits and what the parser expected there. */
export interface EdifactErrorDetails {
  /** Segment number: within its message (UNH = 1, as UNT counts), or within the interchange for service segments. */
  readonly segment: number;
  /** Tag of the segment at fault ('' when the input ended before one). */
  readonly tag: string;
  /** Character offset in the decoded input (byte offset for encoding errors). */
  readonly offset: number;
  readonly expected: string;
  readonly found: string;
}

/** A malformed EDIFACT interchange or message: says what was expected, what arrived and where. */
export class EdifactParseError extends Error {
  override readonly name = 'EdifactParseError';
  readonly code: EdifactErrorCode;
  readonly segment: number;
  readonly tag: string;
  readonly offset: number;
  readonly expected: string;
  readonly found: string;

  constructor(code: EdifactErrorCode, details: EdifactErrorDetails, note?: string) {
    const where = details.tag === '' ? `segment ${details.segment}` : `segment ${details.segment} (${details.tag})`;
    super(
      `${edifactErrorCodes[code]}: expected ${details.expected}, found ${details.found} at ${where}, offset ${details.offset}` +
        (note === undefined ? '' : ` — ${note}`),
    );
    this.code = code;
    this.segment = details.segment;
    this.tag = details.tag;
    this.offset = details.offset;
    this.expected = details.expected;
    this.found = details.found;
  }
}

/** True when `error` is an EdifactParseError, optionally of the given code. */
export function isEdifactParseError(error: unknown, code?: EdifactErrorCode): error is EdifactParseError {
  return error instanceof EdifactParseError && (code === undefined || error.code === code);
}

/** Stable codes of the non-fatal findings parsers attach to their results. */
export type EdifactWarningCode =
  | 'edifact.unt_count'
  | 'edifact.unt_reference'
  | 'edifact.une_count'
  | 'edifact.une_reference'
  | 'edifact.unz_count'
  | 'edifact.unz_reference'
  | 'edifact.no_interchange_header'
  | 'paxlst.cnt_mismatch'
  // A list complete in itself (or assembled from its parts) with no CNT+42 or CNT+41: its total was not checked.
  | 'paxlst.cnt_missing'
  | 'paxlst.unknown_country'
  | 'paxlst.invalid_date'
  // A value of the wrong form the list is read without (a bag weight or count that is not a number).
  | 'paxlst.invalid_value'
  | 'paxlst.unknown_segment'
  // A TDT naming another flight than the first TDT: its legs are kept, the list's flight is the first TDT's.
  | 'paxlst.several_flights'
  | 'paxlst.part_flight_differs'
  | 'paxlst.part_missing'
  // Parts of a multi-part list whose final marks disagree: two parts marked final, or a part after the final one.
  | 'paxlst.final_part_conflict'
  | 'pnrgov.eqn_mismatch'
  | 'pnrgov.invalid_date'
  // A value of the wrong form the PNR is read without (a DOCS gender, a birth date, a country code).
  | 'pnrgov.invalid_value'
  | 'pnrgov.unknown_segment'
  // An SSR naming a traveller reference that no TIF of its booking has.
  | 'pnrgov.unmatched_reference';

/** A non-fatal finding: the data was read, but something in it disagrees with itself or the standard. */
export interface EdifactWarning {
  readonly code: EdifactWarningCode;
  readonly message: string;
  readonly segment: number;
  readonly offset: number;
}

/** Shortens a value for an error message so a 50 MB garbage input never ends up in a log line. */
export function describeFound(value: string): string {
  if (value.length === 0) return 'nothing';
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(shown);
}
