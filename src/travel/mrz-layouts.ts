/**
 * ICAO Doc 9303 machine-readable zone layouts (Parts 4–7): where each field sits, what characters it may hold and
 * which check digit guards it. Positions are 1-based, as the standard writes them.
 */

/** TD1 (ID card 3×30), TD2 (2×36), TD3 (passport 2×44), MRV-A (visa 2×44), MRV-B (visa 2×36). */
export type MrzFormat = 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB';

/** The fields the parsers report issues against. */
export type MrzFieldName =
  | 'documentCode'
  | 'issuingState'
  | 'name'
  | 'documentNumber'
  | 'documentNumberCheckDigit'
  | 'nationality'
  | 'dateOfBirth'
  | 'dateOfBirthCheckDigit'
  | 'sex'
  | 'expiryDate'
  | 'expiryDateCheckDigit'
  | 'optionalData'
  | 'optionalDataCheckDigit'
  | 'optionalData2'
  | 'compositeCheckDigit';

/** What a field may hold, which decides the OCR corrections that may be applied to it. */
export type MrzCharClass = 'alpha' | 'numeric' | 'alphanumeric' | 'sex';

/** One field: line, first position, length, character class. */
export interface MrzField {
  readonly name: MrzFieldName;
  readonly line: number;
  readonly start: number;
  readonly length: number;
  readonly chars: MrzCharClass;
}

/** A check digit: the field it sits in and the ranges ([line, start, end], 1-based inclusive) it is computed over. */
export interface MrzCheck {
  readonly digit: MrzFieldName;
  readonly over: readonly (readonly [line: number, start: number, end: number])[];
}

/** A whole layout: line count and length, fields, check digits. */
export interface MrzLayout {
  readonly format: MrzFormat;
  readonly lines: number;
  readonly length: number;
  readonly fields: readonly MrzField[];
  readonly checks: readonly MrzCheck[];
}

function f(name: MrzFieldName, line: number, start: number, length: number, chars: MrzCharClass): MrzField {
  return { name, line, start, length, chars };
}

// TD3, TD2 and both visas share line 2 up to the expiry check digit; only the tail differs.
function twoLineLayout(format: MrzFormat, length: 44 | 36, visa: boolean): MrzLayout {
  const optionalEnd = visa ? length : length - (length === 44 ? 2 : 1);
  const fields: MrzField[] = [
    f('documentCode', 1, 1, 2, 'alpha'),
    f('issuingState', 1, 3, 3, 'alpha'),
    f('name', 1, 6, length - 5, 'alpha'),
    f('documentNumber', 2, 1, 9, 'alphanumeric'),
    f('documentNumberCheckDigit', 2, 10, 1, 'numeric'),
    f('nationality', 2, 11, 3, 'alpha'),
    f('dateOfBirth', 2, 14, 6, 'numeric'),
    f('dateOfBirthCheckDigit', 2, 20, 1, 'numeric'),
    f('sex', 2, 21, 1, 'sex'),
    f('expiryDate', 2, 22, 6, 'numeric'),
    f('expiryDateCheckDigit', 2, 28, 1, 'numeric'),
    f('optionalData', 2, 29, optionalEnd - 28, 'alphanumeric'),
  ];
  const checks: MrzCheck[] = [
    { digit: 'documentNumberCheckDigit', over: [[2, 1, 9]] },
    { digit: 'dateOfBirthCheckDigit', over: [[2, 14, 19]] },
    { digit: 'expiryDateCheckDigit', over: [[2, 22, 27]] },
  ];
  if (!visa && length === 44) {
    fields.push(f('optionalDataCheckDigit', 2, 43, 1, 'numeric'));
    checks.push({ digit: 'optionalDataCheckDigit', over: [[2, 29, 42]] });
  }
  if (!visa) {
    fields.push(f('compositeCheckDigit', 2, length, 1, 'numeric'));
    checks.push({
      digit: 'compositeCheckDigit',
      over: [
        [2, 1, 10],
        [2, 14, 20],
        [2, 22, length - 1],
      ],
    });
  }
  return { format, lines: 2, length, fields, checks };
}

/** TD1: three lines of 30; the document number may overflow into the optional data (see mrz.ts). */
const td1: MrzLayout = {
  format: 'TD1',
  lines: 3,
  length: 30,
  fields: [
    f('documentCode', 1, 1, 2, 'alpha'),
    f('issuingState', 1, 3, 3, 'alpha'),
    f('documentNumber', 1, 6, 9, 'alphanumeric'),
    f('documentNumberCheckDigit', 1, 15, 1, 'numeric'),
    f('optionalData', 1, 16, 15, 'alphanumeric'),
    f('dateOfBirth', 2, 1, 6, 'numeric'),
    f('dateOfBirthCheckDigit', 2, 7, 1, 'numeric'),
    f('sex', 2, 8, 1, 'sex'),
    f('expiryDate', 2, 9, 6, 'numeric'),
    f('expiryDateCheckDigit', 2, 15, 1, 'numeric'),
    f('nationality', 2, 16, 3, 'alpha'),
    f('optionalData2', 2, 19, 11, 'alphanumeric'),
    f('compositeCheckDigit', 2, 30, 1, 'numeric'),
    f('name', 3, 1, 30, 'alpha'),
  ],
  checks: [
    { digit: 'dateOfBirthCheckDigit', over: [[2, 1, 6]] },
    { digit: 'expiryDateCheckDigit', over: [[2, 9, 14]] },
    {
      digit: 'compositeCheckDigit',
      over: [
        [1, 6, 30],
        [2, 1, 7],
        [2, 9, 15],
        [2, 19, 29],
      ],
    },
  ],
};

/** Every layout by format. */
export const mrzLayouts: Readonly<Record<MrzFormat, MrzLayout>> = {
  TD1: td1,
  TD2: twoLineLayout('TD2', 36, false),
  TD3: twoLineLayout('TD3', 44, false),
  MRVA: twoLineLayout('MRVA', 44, true),
  MRVB: twoLineLayout('MRVB', 36, true),
};

/** The ICAO 7-3-1 check digit of a run of MRZ characters (`<` counts 0, A–Z 10–35); -1 if a character is invalid. */
export function mrzCheckDigit(value: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    let v: number;
    if (c >= 48 && c <= 57) v = c - 48;
    else if (c >= 65 && c <= 90) v = c - 55;
    else if (c === 60) v = 0;
    else return -1;
    sum += v * weights[i % 3]!;
  }
  return sum % 10;
}
