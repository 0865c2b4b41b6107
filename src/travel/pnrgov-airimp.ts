/**
 * The free texts of PNRGOV SSRs in AIRIMP form: slash-separated fields (`/P/GBR/123456789/GBR/12JUL64/M/…`) read into
 * documents (DOCS, DOCO), addresses (DOCA), contacts (CTCE, CTCM), minors (UMNR) and infants (INFT). Every traveller
 * carries a DOCS, so its reader cuts out only the fields it keeps and reads dates and codes in place.
 */
import { birthDate, expiryDate, fromDdmmmyy, type IsoDate } from './dates.js';
import { countryIn, lowerCase, phoneDigits } from './edifact-values.js';
import { none, plainObject, type Mutable } from './plain-objects.js';
import { countryRef, genderOf, type CountryRef } from './travel.types.js';
import type { PnrgovAddress, PnrgovDocument } from './pnrgov.types.js';

/** The slash-separated fields of an AIRIMP free text (`/P/GBR/123…` → ['P','GBR','123…']). */
export function slashFields(text: string): string[] {
  return (text.startsWith('/') ? text.slice(1) : text).split('/');
}

/**
 * The fields of an SSR free text as its reader should see them: without a status and count some systems put first
 * (`HK1/P/GBR/…`, which would shift every field by one) and without a passenger association left at the end.
 */
function ssrFields(text: string): string[] {
  return text.slice(fieldsStart(text), associationStart(text)).split('/');
}

function isDigitAscii(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Where the first field of an SSR free text starts: after a leading `/`, or after a leading status and count
 * (`^[A-Z]{2}\d+/`, as `HK1/`); 0 otherwise. Not for e-mail addresses, whose first field may look like one.
 */
function fieldsStart(text: string): number {
  const c = text.charCodeAt(0);
  if (c === 47) return 1;
  if (!isUpperAscii(c) || !isUpperAscii(text.charCodeAt(1))) return 0;
  let i = 2;
  while (isDigitAscii(text.charCodeAt(i))) i++;
  if (i === 2 || text.charCodeAt(i) !== 47) return 0;
  return text.charCodeAt(i + 1) === 47 ? i + 2 : i + 1; // `HK1//P/…`: the `/` that opens the fields, as usual
}

/** A name association at the end of a free text: `-1SMITH/JOHNMR`, `-1.1`. */
const nameAssociation = /-\d{1,3}(?:\.\d{1,3}|[A-Z][A-Z /-]*)$/i;

/**
 * Where a passenger association the sender left at the end of a free text starts — a name association
 * (`…/JOHN-1SMITH/JOHNMR`, `…-1.1`) or an Amadeus passenger number (`…/P1`) — else the text's length. A phone
 * written with a dash (`7700-900123`) keeps it: the digits after the dash are not followed by a name.
 */
function associationStart(text: string): number {
  let end = text.length;
  if (text.includes('-')) {
    const match = nameAssociation.exec(text);
    if (match !== null) end = match.index;
  }
  // `/P1`, `/P12`: a slash, P and one or two digits, the last field (no field of these SSRs is P and a number).
  const slash = text.lastIndexOf('/', end - 1);
  const digits = end - slash - 2;
  if (slash > 0 && (digits === 1 || digits === 2) && (text.charCodeAt(slash + 1) | 32) === 112) {
    let all = true;
    for (let i = slash + 2; i < end; i++) all &&= isDigitAscii(text.charCodeAt(i));
    if (all) end = slash;
  }
  return end;
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

  /** Finds fields 0 … max-1 (fewer when the text has fewer) of `text` from `start` (after a leading '/') to `end`. */
  read(text: string, max: number, start = text.charCodeAt(0) === 47 ? 1 : 0, end = text.length): this {
    this.text = text;
    let from = start;
    let k = 0;
    while (k < max) {
      this.starts[k] = from;
      let slash = text.indexOf('/', from);
      if (slash >= end) slash = -1;
      this.ends[k++] = slash < 0 ? end : slash;
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
  const infant = genderCode === 'MI' || genderCode === 'FI' || genderCode === 'UI';
  this.kind = 'document';
  this.source = 'DOCS';
  this.type = f.field(0);
  this.number = f.field(2);
  this.issuingState = f.country(1);
  this.nationality = f.country(3);
  this.dateOfBirth = f.date(4, 'birth', reference);
  this.gender =
    genderCode === 'M' || genderCode === 'F' ? genderCode : genderOf(infant ? genderCode.slice(0, 1) : genderCode);
  this.expiry = f.date(6, 'expiry', reference);
  this.issued = undefined;
  this.surname = f.field(7);
  this.givenNames = first === '' ? middle : middle === '' ? first : `${first} ${middle}`;
  this.placeOfBirth = undefined;
  this.applicableCountry = undefined;
  this.infant = infant;
});

/**
 * SSR DOCS `/P/GBR/123456789/GBR/12JUL64/M/23AUG19/SURNAME/GIVEN/MIDDLE` → the primary document. A status and count
 * sent first (`HK1/P/…`) and a passenger association left at the end (`-1SMITH/JOHNMR`, `/P1`) are not fields. Each
 * field given but unreadable (a date not DDMMMYY, a gender not M, F, U, X or an infant's MI, FI, UI, a country code
 * no one uses) is read as absent and described in `problems`.
 */
export function readDocs(text: string, reference: IsoDate, problems?: string[]): PnrgovDocument {
  const f = fields.read(text, 10, fieldsStart(text), associationStart(text));
  const doc = new DocsDocument(f, reference);
  if (problems !== undefined) docsProblems(f, doc, problems);
  return doc;
}

/** What `readDocs` could not read of the fields of `f` (a field read as absent though given). */
function docsProblems(f: FieldBounds, doc: PnrgovDocument, problems: string[]): void {
  // Each field is cut out only when its value is missing: in the usual DOCS none is.
  if (doc.issuingState?.known === false) problems.push(unknownCountry('DOCS issuing state', doc.issuingState));
  if (doc.nationality?.known === false) problems.push(unknownCountry('DOCS nationality', doc.nationality));
  if (doc.dateOfBirth === undefined) notDate(problems, 'DOCS birth date', f.field(4));
  const gender = doc.gender === undefined ? f.field(5) : '';
  if (gender !== '') problems.push(`DOCS gender ${JSON.stringify(gender)} is not M, F, U, X, MI, FI or UI`);
  if (doc.expiry === undefined) notDate(problems, 'DOCS expiry date', f.field(6));
}

function unknownCountry(name: string, country: CountryRef): string {
  return `${name} ${JSON.stringify(country.code)} is not a country code`;
}

/** Notes that `raw`, the value of the date field `name`, is not a date (nothing when it is empty). */
function notDate(problems: string[], name: string, raw: string): void {
  if (raw !== '') problems.push(`${name} ${JSON.stringify(raw)} is not a DDMMMYY date`);
}

/** SSR DOCO `/PLACE OF BIRTH/V/NUMBER/PLACE OF ISSUE/ISSUE DATE/APPLICABLE COUNTRY/I` → the other document. */
export function readDoco(text: string, reference: IsoDate, problems?: string[]): PnrgovDocument {
  const f = ssrFields(text);
  const issued = fromDdmmmyy(f[4] ?? '', 'birth', reference);
  if (problems !== undefined && issued === undefined) notDate(problems, 'DOCO issue date', f[4] ?? '');
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
    issued,
    surname: '',
    givenNames: '',
    placeOfBirth: (f[0] ?? '') || undefined,
    applicableCountry: countryRef(f[5] ?? ''),
    infant: f[6] === 'I',
  };
}

/** SSR DOCA `/R/GBR/STREET/CITY/STATE/POSTCODE/I` → an address. */
export function readDoca(text: string): PnrgovAddress {
  // No name association is looked for: an address (`FLAT 2-3B/LONDON`) may end as one does.
  const f = text.slice(fieldsStart(text)).split('/');
  return {
    kind: 'address',
    type: f[0] ?? '',
    country: countryRef(f[1] ?? ''),
    street: f[2] ?? '',
    city: f[3] ?? '',
    state: f[4] ?? '',
    postcode: f[5] ?? '',
    phone: undefined,
    phones: none,
    email: undefined,
  };
}

/**
 * SSR CTCE free text → e-mail. AIRIMP writes `@` as `//`, `_` as `..` and `-` as `./`, read left to right in one
 * pass (`JOHN.///MAIL.EXAMPLE` is john-@mail.example); a language code (`/EN`) and a passenger association
 * (`-1SMITH/JOHNMR`, `/P1`) after the address are not part of it.
 */
export function readCtce(text: string): string {
  const start = text.charCodeAt(0) === 47 ? 1 : 0;
  let end = associationStart(text);
  // A language code may follow the address (`…//MAIL.EXAMPLE/EN`): /\/[A-Z]{2}$/ after the `//` and its domain.
  const language = end - 3;
  if (
    language > start &&
    text.charCodeAt(language) === 47 &&
    isUpperAscii(text.charCodeAt(language + 1)) &&
    isUpperAscii(text.charCodeAt(language + 2))
  ) {
    const at = text.lastIndexOf('//', language - 1);
    if (at >= start && at + 2 < language) end = language;
  }
  return lowerCase(decodeEmail(text, start, end));
}

/** `text[from…to)` with the AIRIMP e-mail escapes decoded, each pair as it comes from the left. */
function decodeEmail(text: string, from: number, to: number): string {
  let out = '';
  let run = from; // start of the characters not copied yet
  for (let i = from; i < to - 1; i++) {
    const c = text.charCodeAt(i);
    const d = text.charCodeAt(i + 1);
    const by = c === 47 && d === 47 ? '@' : c === 46 && d === 46 ? '_' : c === 46 && d === 47 ? '-' : '';
    if (by === '') continue;
    out += text.slice(run, i) + by;
    i++;
    run = i + 1;
  }
  return out + text.slice(run, to);
}

function isUpperAscii(c: number): boolean {
  return c >= 65 && c <= 90;
}

/**
 * SSR CTCM free text → the phone number (first field, digits and a leading + kept); a language code and a passenger
 * association (`-1SMITH/JOHNMR`) after it are not part of it.
 */
export function readCtcm(text: string): string {
  return phoneDigits(fields.read(text, 1, fieldsStart(text), associationStart(text)).field(0));
}

/** A contact an OSI remark gives: an e-mail (CTCE) or a phone (CTCM mobile, CTCH home, CTCB business…). */
export type OsiContact = { readonly kind: 'email' | 'phone'; readonly value: string };

/** `CTC` + E, M, H, B, A, P or T, then the contact (an optional 3-letter city code before a phone number). */
const osiContact = /^CTC([EMHBAPT])[\s/-]*(.*)$/;
const cityThenPhone = /^(?:[A-Z]{3}[\s/]+)?(\+?\d[\d\s().-]*)/;

/**
 * An OSI contact remark (IFT 4:28: `CTCE JOHN.SMITH//MAIL.EXAMPLE`, `CTCM 447700900123`, `CTCH LON 44 20 7946 0018`)
 * → its e-mail or phone, decoded as SSR CTCE and CTCM are; undefined for any other remark, or one without a contact.
 */
export function readOsiContact(text: string): OsiContact | undefined {
  const match = osiContact.exec(text);
  if (match === null) return undefined;
  const rest = match[2]!.trim();
  if (match[1] === 'E') {
    const email = readCtce(rest);
    return email.includes('@') ? { kind: 'email', value: email } : undefined;
  }
  const phone = cityThenPhone.exec(rest.slice(0, associationStart(rest)));
  if (phone === null) return undefined;
  const digits = phoneDigits(phone[1]!);
  return digits.replace('+', '').length >= 6 ? { kind: 'phone', value: digits } : undefined;
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
  const f = ssrFields(text);
  const dob = f.map((x) => fromDdmmmyy(x, 'birth', reference)).find((x) => x !== undefined);
  return {
    surname: f[0] ?? '',
    givenNames: /\d/.test(f[1] ?? '') ? '' : (f[1] ?? ''),
    dateOfBirth: dob,
  };
}
