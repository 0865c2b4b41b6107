/**
 * The free texts of PNRGOV SSRs in AIRIMP form: slash-separated fields (`/P/GBR/123456789/GBR/12JUL64/M/…`) read into
 * documents (DOCS, DOCO), addresses (DOCA), contacts (CTCE, CTCM), minors (UMNR) and infants (INFT). Every traveller
 * carries a DOCS, so its reader cuts out only the fields it keeps and reads dates and codes in place.
 */
import { birthDate, expiryDate, fromDdmmmyy, type IsoDate } from './dates.js';
import { countryIn, lowerCase, phoneDigits } from './edifact-values.js';
import { plainObject, type Mutable } from './plain-objects.js';
import { countryRef, genderOf, type CountryRef } from './travel.types.js';
import type { PnrgovAddress, PnrgovDocument } from './pnrgov.types.js';

/** The slash-separated fields of an AIRIMP free text (`/P/GBR/123…` → ['P','GBR','123…']). */
export function slashFields(text: string): string[] {
  return (text.startsWith('/') ? text.slice(1) : text).split('/');
}

/**
 * Where the first fields of a free text lie, as `slashFields` would cut them, without making a string of each:
 * `split` built every field and was the largest cost of reading a DOCS. One instance serves all readers in turn
 * (they are synchronous and never nested).
 */
class FieldBounds {
  text = '';
  count = 0;
  readonly starts = new Int32Array(16);
  readonly ends = new Int32Array(16);

  /** Finds fields 0 … max-1 (fewer when the text has fewer). */
  read(text: string, max: number): this {
    this.text = text;
    let from = text.charCodeAt(0) === 47 ? 1 : 0; // a leading '/' opens the first field
    let k = 0;
    while (k < max) {
      this.starts[k] = from;
      const slash = text.indexOf('/', from);
      this.ends[k++] = slash < 0 ? text.length : slash;
      if (slash < 0) break;
      from = slash + 1;
    }
    this.count = k;
    return this;
  }

  /** Field `k`, '' when absent (as `slashFields(text)[k] ?? ''`). */
  field(k: number): string {
    return k < this.count ? this.text.slice(this.starts[k], this.ends[k]) : '';
  }

  /** Field `k` upper-cased (`field(k).toUpperCase()`): M and F, the usual genders, without a new string. */
  upper(k: number): string {
    if (k < this.count && this.ends[k]! - this.starts[k]! === 1) {
      const c = this.text.charCodeAt(this.starts[k]!);
      if (c === 77 || c === 109) return 'M';
      if (c === 70 || c === 102) return 'F';
    }
    return this.field(k).toUpperCase();
  }

  /** Field `k` as a country (`countryRef(field(k))`). */
  country(k: number): CountryRef | undefined {
    return k < this.count ? countryIn(this.text, this.starts[k]!, this.ends[k]!) : undefined;
  }

  /** Field `k` as an AIRIMP date (`fromDdmmmyy(field(k), rule, reference)`). */
  date(k: number, rule: 'birth' | 'expiry', reference: IsoDate): IsoDate | undefined {
    if (k >= this.count) return undefined;
    const from = this.starts[k]!;
    return this.ends[k]! - from === 7 ? ddmmmyyAt(this.text, from, rule, reference) : undefined;
  }
}

const fields = new FieldBounds();

const monthNames = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** 0…26 for a letter of either case (A and a are 1), 0 for anything else. */
function letter(c: number): number {
  if (c >= 97 && c <= 122) return c - 96;
  return c >= 65 && c <= 90 ? c - 64 : 0;
}

/** Month numbers (1…12) by the place of their three letters among all triples; 0 where no month is. */
const monthOfLetters = new Uint8Array(27 * 27 * 27);
monthNames.forEach((name, i) => {
  const [a, b, c] = [0, 1, 2].map((k) => letter(name.charCodeAt(k)));
  monthOfLetters[(a! * 27 + b!) * 27 + c!] = i + 1;
});

function twoDigitsAt(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
}

/**
 * The 7-character AIRIMP date at `text[from…]` (12JUL64), read in place: the same as `fromDdmmmyy` on that slice.
 * A month that is not plain ASCII goes to `fromDdmmmyy` itself, since some letters upper-case to ASCII ones (ı → I).
 */
function ddmmmyyAt(text: string, from: number, rule: 'birth' | 'expiry', reference: IsoDate): IsoDate | undefined {
  const a = letter(text.charCodeAt(from + 2));
  const b = letter(text.charCodeAt(from + 3));
  const c = letter(text.charCodeAt(from + 4));
  if (a === 0 || b === 0 || c === 0) {
    // Not three ASCII letters: no month, unless upper-casing makes one of letters that are not ASCII (ı → I).
    return (text.charCodeAt(from + 2) | text.charCodeAt(from + 3) | text.charCodeAt(from + 4)) > 127
      ? fromDdmmmyy(text.slice(from, from + 7), rule, reference)
      : undefined;
  }
  const month = monthOfLetters[(a * 27 + b) * 27 + c]!;
  const day = twoDigitsAt(text, from);
  const year = twoDigitsAt(text, from + 5);
  if (day < 0 || year < 0 || month === 0) return undefined;
  return rule === 'expiry' ? expiryDate(year, month, day, reference) : birthDate(year, month, day, reference);
}

/** The primary document of an SSR DOCS, from its fields (made by a constructor: see plain-objects.ts). */
const DocsDocument = plainObject(function DocsDocument(
  this: Mutable<PnrgovDocument>,
  f: FieldBounds,
  reference: IsoDate,
) {
  const genderCode = f.upper(5);
  const first = f.field(8);
  const middle = f.field(9);
  this.kind = 'document';
  this.source = 'DOCS';
  this.type = f.field(0);
  this.number = f.field(2);
  this.issuingState = f.country(1);
  this.nationality = f.country(3);
  this.dateOfBirth = f.date(4, 'birth', reference);
  this.gender = genderCode === 'M' || genderCode === 'F' ? genderCode : genderOf(genderCode);
  this.expiry = f.date(6, 'expiry', reference);
  this.issued = undefined;
  this.surname = f.field(7);
  this.givenNames = first === '' ? middle : middle === '' ? first : `${first} ${middle}`;
  this.placeOfBirth = undefined;
  this.applicableCountry = undefined;
  this.infant = genderCode === 'MI' || genderCode === 'FI';
});

/** SSR DOCS `/P/GBR/123456789/GBR/12JUL64/M/23AUG19/SURNAME/GIVEN/MIDDLE` → the primary document. */
export function readDocs(text: string, reference: IsoDate): PnrgovDocument {
  return new DocsDocument(fields.read(text, 10), reference);
}

/** SSR DOCO `/PLACE OF BIRTH/V/NUMBER/PLACE OF ISSUE/ISSUE DATE/APPLICABLE COUNTRY/I` → the other document. */
export function readDoco(text: string, reference: IsoDate): PnrgovDocument {
  const f = slashFields(text);
  return {
    kind: 'document',
    source: 'DOCO',
    type: f[1] ?? '',
    number: f[2] ?? '',
    issuingState: countryRef(f[3] ?? ''),
    nationality: undefined,
    dateOfBirth: undefined,
    gender: undefined,
    expiry: undefined,
    issued: fromDdmmmyy(f[4] ?? '', 'birth', reference),
    surname: '',
    givenNames: '',
    placeOfBirth: (f[0] ?? '') || undefined,
    applicableCountry: countryRef(f[5] ?? ''),
    infant: f[6] === 'I',
  };
}

/** SSR DOCA `/R/GBR/STREET/CITY/STATE/POSTCODE/I` → an address. */
export function readDoca(text: string): PnrgovAddress {
  const f = slashFields(text);
  return {
    kind: 'address',
    type: f[0] ?? '',
    country: countryRef(f[1] ?? ''),
    street: f[2] ?? '',
    city: f[3] ?? '',
    state: f[4] ?? '',
    postcode: f[5] ?? '',
    phone: undefined,
    email: undefined,
  };
}

/** SSR CTCE free text → e-mail; AIRIMP writes `@` as `//`, `_` as `..` and `-` as `./`. */
export function readCtce(text: string): string {
  let value = text.startsWith('/') ? text.slice(1) : text;
  // A language code may follow the address (`…//MAIL.EXAMPLE/EN`): as /\/[A-Z]{2}$/ at value.length - 3.
  const language = value.length - 3;
  if (
    language >= 0 &&
    value.charCodeAt(language) === 47 &&
    isUpperAscii(value.charCodeAt(language + 1)) &&
    isUpperAscii(value.charCodeAt(language + 2)) &&
    value.includes('//', 0) &&
    value.lastIndexOf('//') < language
  ) {
    value = value.slice(0, language);
  }
  // Each replacement only when there is something to replace (most addresses hold only the `//`).
  if (value.includes('//')) value = replacePairs(value, '//', '@');
  if (value.includes('..')) value = replacePairs(value, '..', '_');
  if (value.includes('./')) value = replacePairs(value, './', '-');
  return lowerCase(value);
}

/** `value.replaceAll(pair, by)` for a two-character `pair`: the builtin's general machinery cost more than the cut. */
function replacePairs(value: string, pair: string, by: string): string {
  let out = '';
  let from = 0;
  for (let at = value.indexOf(pair); at >= 0; at = value.indexOf(pair, from)) {
    out += value.slice(from, at) + by;
    from = at + 2;
  }
  return out + value.slice(from);
}

function isUpperAscii(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** SSR CTCM free text → the phone number (first field, digits and a leading + kept). */
export function readCtcm(text: string): string {
  return phoneDigits(fields.read(text, 1).field(0));
}

/** SSR UMNR free text (`/UM10`, `UM 10 YEARS`) → the minor's age when stated. */
export function readUmnr(text: string): { readonly age: number | undefined; readonly text: string } {
  const match = /UM\s*(\d{1,2})/.exec(text);
  return { age: match === null ? undefined : Number(match[1]), text };
}

/** SSR INFT `/SURNAME/GIVEN/12JAN23` → the infant's name and birth date. */
export function readInft(
  text: string,
  reference: IsoDate,
): { readonly surname: string; readonly givenNames: string; readonly dateOfBirth: IsoDate | undefined } {
  const f = slashFields(text);
  const dob = f.map((x) => fromDdmmmyy(x, 'birth', reference)).find((x) => x !== undefined);
  return {
    surname: f[0] ?? '',
    givenNames: /\d/.test(f[1] ?? '') ? '' : (f[1] ?? ''),
    dateOfBirth: dob,
  };
}
