/**
 * Machine-readable zones of travel documents (ICAO Doc 9303): TD1, TD2, TD3 and the MRV-A/MRV-B visas. Lodestar
 * judges validity itself — every 7-3-1 check digit, real dates, a known sex code — so ICAO specimens (state `UTO`)
 * validate as they should. Characters an OCR often confuses are corrected in typed fields (O→0 in a date, 0→O in a
 * state code) and each correction is reported as a warning. A zone that is not an MRZ at all throws MrzParseError;
 * a zone with a wrong check digit parses, with `valid: false` and an error naming line, position and field.
 */
import { birthDate, expiryDate, todayUtc, type IsoDate } from './dates.js';
import {
  mrzCheckDigit,
  mrzLayouts,
  type MrzCharClass,
  type MrzField,
  type MrzFieldName,
  type MrzFormat,
  type MrzLayout,
} from './mrz-layouts.js';
import { countryRef, genderOf, type CountryRef, type Gender } from './travel.types.js';

export { mrzCheckDigit, type MrzFieldName, type MrzFormat } from './mrz-layouts.js';

/** Stable codes of MRZ errors that stop parsing. */
export const mrzErrorCodes = {
  /** No MRZ characters at all. */
  'mrz.empty': 'empty MRZ',
  /** The line count and lengths match no ICAO layout (3×30, 2×36, 2×44). */
  'mrz.layout': 'not an MRZ layout',
  /** A character outside A–Z, 0–9 and `<` that no OCR correction explains. */
  'mrz.charset': 'invalid MRZ character',
} as const;

export type MrzErrorCode = keyof typeof mrzErrorCodes;

/** A zone that cannot be read as an MRZ: says which line and position, what was expected and what was found. */
export class MrzParseError extends Error {
  override readonly name = 'MrzParseError';
  readonly code: MrzErrorCode;
  readonly line: number;
  readonly position: number;
  readonly field: MrzFieldName | undefined;
  readonly expected: string;
  readonly found: string;

  constructor(
    code: MrzErrorCode,
    at: { line: number; position: number; field?: MrzFieldName; expected: string; found: string },
  ) {
    super(
      `${mrzErrorCodes[code]}: expected ${at.expected}, found ${at.found} at line ${at.line}, position ${at.position}` +
        (at.field === undefined ? '' : ` (${at.field})`),
    );
    this.code = code;
    this.line = at.line;
    this.position = at.position;
    this.field = at.field;
    this.expected = at.expected;
    this.found = at.found;
  }
}

/** Codes of findings on a readable MRZ: errors make it invalid, warnings do not. */
export type MrzIssueCode =
  | 'mrz.charset'
  | 'mrz.check_digit'
  | 'mrz.invalid_date'
  | 'mrz.invalid_sex'
  | 'mrz.document_code'
  | 'mrz.unknown_country'
  | 'mrz.partial_date'
  | 'mrz.ocr_corrected'
  | 'mrz.normalised';

/** One finding, located by line, 1-based position and field. */
export interface MrzIssue {
  readonly code: MrzIssueCode;
  readonly severity: 'error' | 'warning';
  readonly field: MrzFieldName | undefined;
  readonly line: number;
  readonly position: number;
  readonly message: string;
}

/** What the zone says. Dates are ISO with the century inferred; codes are kept as printed and resolved. */
export interface MrzDocument {
  readonly kind: 'mrz';
  readonly format: MrzFormat;
  /** The document code as printed (`P<`, `PD`, `I<`, `ID`, `V<`…) and its family. */
  readonly documentCode: string;
  readonly documentType: 'passport' | 'identity-card' | 'visa' | 'other';
  readonly issuingState: CountryRef | undefined;
  readonly surname: string;
  readonly givenNames: string;
  /** True when the name fills its field to the last position: it may have been truncated. */
  readonly nameMayBeTruncated: boolean;
  readonly documentNumber: string;
  readonly nationality: CountryRef | undefined;
  readonly dateOfBirth: IsoDate | undefined;
  readonly sex: Gender | undefined;
  readonly expiryDate: IsoDate | undefined;
  /** Expired on the reference date; undefined when the expiry date is unreadable. */
  readonly expired: boolean | undefined;
  /** Optional data (personal number on TD3), fillers removed. */
  readonly optionalData: string;
  readonly optionalData2: string;
  /** All check digits right, dates real, sex code valid: no issue of severity error. */
  readonly valid: boolean;
  readonly issues: readonly MrzIssue[];
  /** The lines after normalisation and OCR correction. */
  readonly lines: readonly string[];
}

/** Options: the date the century of DOB (past) and expiry (near) is inferred against; `correct` OCR confusions. */
export interface MrzOptions {
  readonly referenceDate?: IsoDate;
  /** Apply OCR corrections to typed fields (default true); each one is reported as a warning. */
  readonly correct?: boolean;
}

const toDigit: Readonly<Record<string, string>> = {
  O: '0',
  Q: '0',
  D: '0',
  I: '1',
  L: '1',
  Z: '2',
  S: '5',
  G: '6',
  B: '8',
};
const toLetter: Readonly<Record<string, string>> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '6': 'G', '8': 'B' };

function allowed(c: string, chars: MrzCharClass): boolean {
  if (c === '<') return true;
  const isDigit = c >= '0' && c <= '9';
  const isLetter = c >= 'A' && c <= 'Z';
  switch (chars) {
    case 'numeric':
      return isDigit;
    case 'alpha':
      return isLetter;
    case 'sex':
      return c === 'M' || c === 'F' || c === 'X';
    case 'alphanumeric':
      return isDigit || isLetter;
  }
}

function splitLines(input: string | readonly string[]): string[] {
  const raw = typeof input === 'string' ? input.split(/\r?\n|\r/) : [...input];
  let lines = raw.map((l) => l.replace(/[ \t]/g, '')).filter((l) => l !== '');
  // A zone pasted as one run of characters: cut it at the layout's line length.
  if (lines.length === 1) {
    const only = lines[0]!;
    const width = only.length === 88 ? 44 : only.length === 72 ? 36 : only.length === 90 ? 30 : 0;
    if (width > 0) lines = only.match(new RegExp(`.{${width}}`, 'g')) ?? lines;
  }
  return lines;
}

function layoutOf(lines: readonly string[]): MrzLayout {
  const n = lines.length;
  const widths = lines.map((l) => l.length);
  const same = (w: number) => widths.every((x) => x === w);
  const visa = lines[0]?.startsWith('V') ?? false;
  if (n === 3 && same(30)) return mrzLayouts.TD1;
  if (n === 2 && same(36)) return visa ? mrzLayouts.MRVB : mrzLayouts.TD2;
  if (n === 2 && same(44)) return visa ? mrzLayouts.MRVA : mrzLayouts.TD3;
  throw new MrzParseError('mrz.layout', {
    line: 1,
    position: 1,
    expected: '3 lines of 30, or 2 lines of 36 or 44 characters',
    found: `${n} line${n === 1 ? '' : 's'} of ${[...new Set(widths)].join('/')} characters`,
  });
}

/** Parses an MRZ (lines as one string or an array) into a document with its validity and located issues. */
export function parseMrz(input: string | readonly string[], options: MrzOptions = {}): MrzDocument {
  const reference = options.referenceDate ?? todayUtc();
  const correct = options.correct ?? true;
  const issues: MrzIssue[] = [];
  const issue = (
    code: MrzIssueCode,
    severity: 'error' | 'warning',
    field: MrzField | undefined,
    line: number,
    position: number,
    message: string,
  ) => issues.push(Object.freeze({ code, severity, field: field?.name, line, position, message }));

  let lines = splitLines(input);
  if (lines.length === 0)
    throw new MrzParseError('mrz.empty', { line: 1, position: 1, expected: 'MRZ lines', found: 'nothing' });
  // Lower case and the guillemet that OCR engines read for `<` are normalised, with one warning.
  const normalised = lines.map((l) => l.toUpperCase().replace(/[«‹]/g, '<'));
  if (normalised.some((l, i) => l !== lines[i]))
    issue('mrz.normalised', 'warning', undefined, 1, 1, 'lower case or « characters normalised');
  lines = normalised;
  const layout = layoutOf(lines);
  const chars = lines.map((l) => l.split(''));

  for (const field of layout.fields) {
    const row = chars[field.line - 1]!;
    for (let k = 0; k < field.length; k++) {
      const at = field.start - 1 + k;
      const c = row[at]!;
      if (allowed(c, field.chars)) continue;
      // Names may hold only letters: a digit there is an OCR slip like any other.
      const fix =
        field.chars === 'numeric'
          ? toDigit[c]
          : field.chars === 'alpha' || field.chars === 'sex'
            ? toLetter[c]
            : undefined;
      if (correct && fix !== undefined && allowed(fix, field.chars)) {
        row[at] = fix;
        issue('mrz.ocr_corrected', 'warning', field, field.line, at + 1, `${field.name}: read ${c} as ${fix}`);
        continue;
      }
      const isMrzChar = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '<';
      if (!isMrzChar) {
        throw new MrzParseError('mrz.charset', {
          line: field.line,
          position: at + 1,
          field: field.name,
          expected: 'A–Z, 0–9 or <',
          found: JSON.stringify(c),
        });
      }
      if (field.chars === 'sex') continue; // reported below as mrz.invalid_sex
      issue('mrz.charset', 'error', field, field.line, at + 1, `${field.name}: ${c} is not allowed here`);
    }
  }
  lines = chars.map((r) => r.join(''));
  const get = (name: MrzFieldName): string => {
    const field = layout.fields.find((x) => x.name === name);
    return field === undefined ? '' : lines[field.line - 1]!.slice(field.start - 1, field.start - 1 + field.length);
  };
  const fieldOf = (name: MrzFieldName) => layout.fields.find((x) => x.name === name)!;

  for (const check of layout.checks) {
    const digitField = fieldOf(check.digit);
    const printed = get(check.digit);
    const data = check.over.map(([line, start, end]) => lines[line - 1]!.slice(start - 1, end)).join('');
    const expected = mrzCheckDigit(data);
    // An optional-data check digit may be `<` when the optional data is all filler.
    if (printed === '<' && /^<*$/.test(data)) continue;
    if (String(expected) !== printed) {
      issue(
        'mrz.check_digit',
        'error',
        digitField,
        digitField.line,
        digitField.start,
        `${check.digit}: computed ${expected}, printed ${printed}`,
      );
    }
  }

  let documentNumber = get('documentNumber');
  let optionalData = get('optionalData');
  if (layout.format === 'TD1' && get('documentNumberCheckDigit') === '<') {
    // Long number: it continues in the optional data; its check digit is the last character before the first filler.
    const tail = optionalData.split('<')[0] ?? '';
    const digit = tail.slice(-1);
    documentNumber = `${documentNumber}${tail.slice(0, -1)}`;
    optionalData = optionalData.slice(tail.length);
    const withFiller = mrzCheckDigit(`${get('documentNumber')}<${tail.slice(0, -1)}`);
    if (String(mrzCheckDigit(documentNumber)) !== digit && String(withFiller) !== digit) {
      const f = fieldOf('optionalData');
      issue(
        'mrz.check_digit',
        'error',
        f,
        1,
        f.start + tail.length - 1,
        `documentNumber (long): computed ${mrzCheckDigit(documentNumber)}, printed ${digit}`,
      );
    }
  } else if (layout.format === 'TD1') {
    const f = fieldOf('documentNumberCheckDigit');
    const expected = mrzCheckDigit(documentNumber);
    if (String(expected) !== get('documentNumberCheckDigit')) {
      issue(
        'mrz.check_digit',
        'error',
        f,
        1,
        f.start,
        `documentNumberCheckDigit: computed ${expected}, printed ${get('documentNumberCheckDigit')}`,
      );
    }
  }

  const date = (name: 'dateOfBirth' | 'expiryDate'): IsoDate | undefined => {
    const raw = get(name);
    const f = fieldOf(name);
    if (raw.includes('<')) {
      issue('mrz.partial_date', 'warning', f, f.line, f.start, `${name} ${raw} is incomplete`);
      return undefined;
    }
    const yy = Number(raw.slice(0, 2));
    const mm = Number(raw.slice(2, 4));
    const dd = Number(raw.slice(4, 6));
    const value = name === 'dateOfBirth' ? birthDate(yy, mm, dd, reference) : expiryDate(yy, mm, dd, reference);
    if (value === undefined) issue('mrz.invalid_date', 'error', f, f.line, f.start, `${name} ${raw} is not a date`);
    return value;
  };
  const state = (name: 'issuingState' | 'nationality'): CountryRef | undefined => {
    const ref = countryRef(get(name));
    const f = fieldOf(name);
    if (ref !== undefined && !ref.known)
      issue('mrz.unknown_country', 'warning', f, f.line, f.start, `${name} ${ref.code} is not an ISO or ICAO code`);
    return ref;
  };

  const sexRaw = get('sex');
  const sex = genderOf(sexRaw);
  if (sex === undefined) {
    const f = fieldOf('sex');
    issue('mrz.invalid_sex', 'error', f, f.line, f.start, `sex ${sexRaw} is not M, F, X or <`);
  }
  const documentCode = get('documentCode');
  const first = documentCode[0] ?? '';
  const documentType =
    first === 'P'
      ? 'passport'
      : first === 'V'
        ? 'visa'
        : first === 'I' || first === 'A' || first === 'C'
          ? 'identity-card'
          : 'other';
  const codeOk =
    layout.format === 'TD3'
      ? first === 'P'
      : layout.format === 'MRVA' || layout.format === 'MRVB'
        ? first === 'V'
        : documentType === 'identity-card' && documentCode[1] !== 'V';
  if (!codeOk) {
    const f = fieldOf('documentCode');
    issue(
      'mrz.document_code',
      'error',
      f,
      f.line,
      f.start,
      `document code ${documentCode} does not fit a ${layout.format} layout`,
    );
  }

  const nameField = get('name');
  const [primary = '', ...rest] = nameField.replace(/<+$/, '').split('<<');
  const words = (x: string) =>
    x
      .split('<')
      .filter((w) => w !== '')
      .join(' ');
  const expiry = date('expiryDate');
  const optional2 = layout.format === 'TD1' ? get('optionalData2') : '';
  return Object.freeze({
    kind: 'mrz',
    format: layout.format,
    documentCode: documentCode.replace(/<+$/, ''),
    documentType,
    issuingState: state('issuingState'),
    surname: words(primary),
    givenNames: words(rest.join('<<')),
    nameMayBeTruncated: !nameField.endsWith('<'),
    documentNumber: documentNumber.replace(/<+$/, '').replace(/</g, ''),
    nationality: state('nationality'),
    dateOfBirth: date('dateOfBirth'),
    sex,
    expiryDate: expiry,
    expired: expiry === undefined ? undefined : expiry < reference,
    optionalData: optionalData.replace(/<+/g, ' ').trim(),
    optionalData2: optional2.replace(/<+/g, ' ').trim(),
    valid: !issues.some((i) => i.severity === 'error'),
    issues: Object.freeze(issues),
    lines: Object.freeze(lines),
  });
}
