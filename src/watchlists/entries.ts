/**
 * Watchlist entries as Lodestar holds them, and the validation every import path and API shares. Pure: a raw row
 * becomes a clean entry, or a `RowError` that says which field is wrong and why.
 */
import { findCountry } from '../countries/countries.js';

export const noticeTypes = [
  'red',
  'yellow',
  'blue',
  'green',
  'black',
  'orange',
  'purple',
  'un',
  'diffusion',
  'national',
] as const;
/** INTERPOL notice colours (red: wanted, yellow: missing, …), a diffusion, or a national alert. */
export type NoticeType = (typeof noticeTypes)[number];

export const documentStatuses = ['stolen', 'lost', 'revoked', 'invalidated', 'stolen_blank'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

export type AliasKind = 'alias' | 'weakAlias' | 'previousName';
export type Gender = 'male' | 'female' | 'other';

export interface PersonDocument {
  readonly number: string;
  readonly type: string | null;
  readonly country: string | null;
}

/** A person entry ready to be stored. */
export interface PersonInput {
  readonly kind: 'person';
  readonly entityId: string;
  readonly name: string;
  readonly aliases: readonly { readonly name: string; readonly kind: AliasKind }[];
  readonly birthDates: readonly string[];
  readonly nationalities: readonly string[];
  readonly gender: Gender | null;
  readonly documents: readonly PersonDocument[];
  readonly noticeType: NoticeType | null;
  readonly ownerCountry: string | null;
  readonly restrictedTo: readonly string[];
  readonly reference: string | null;
  readonly remarks: string | null;
}

/** A stolen, lost or revoked travel document ready to be stored. */
export interface DocumentInput {
  readonly kind: 'document';
  readonly entityId: string;
  readonly number: string;
  readonly type: string | null;
  readonly issuingState: string | null;
  readonly status: DocumentStatus;
  readonly reportedAt: string | null;
  readonly ownerCountry: string | null;
  readonly restrictedTo: readonly string[];
  readonly reference: string | null;
}

/** A stored person entry. */
export interface PersonEntry extends Omit<PersonInput, 'ownerCountry'> {
  readonly key: number;
  readonly listId: string;
  readonly ownerCountry: string;
  readonly updatedAt: Date;
}

/** A stored document entry. */
export interface DocumentEntry extends Omit<DocumentInput, 'ownerCountry'> {
  readonly key: number;
  readonly listId: string;
  readonly ownerCountry: string;
  readonly updatedAt: Date;
}

/** A row that cannot be loaded: which field and why. */
export class RowError extends Error {
  override readonly name = 'RowError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export const maxNameLength = 300;
export const maxIdLength = 200;

// C0 and C1 controls, and the invisible format characters that only hide differences between two names.
// eslint-disable-next-line no-control-regex
const invisible = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

// A lone surrogate: half of a character, from text cut in the middle of one or mis-decoded. PostgreSQL cannot
// store it in JSONB (aliases) and silently turns it into U+FFFD in text, so it is refused wherever it is read.
const loneSurrogate = /\p{Cs}/u;

function requireWellFormed(raw: string, field: string): void {
  if (loneSurrogate.test(raw))
    throw new RowError(field, 'is not well-formed Unicode (a lone surrogate: cut or mis-encoded text)');
}

/** A name as stored: Unicode NFC, invisible and control characters removed, whitespace collapsed. */
export function cleanName(raw: string, field: string): string {
  requireWellFormed(raw, field);
  const name = raw.normalize('NFC').replace(invisible, ' ').replace(/\s+/g, ' ').trim();
  if (name.length > maxNameLength)
    throw new RowError(field, `longer than ${maxNameLength} characters (${name.length})`);
  if (!/[\p{L}\p{N}]/u.test(name))
    throw new RowError(field, name.length === 0 ? 'is empty' : `"${name}" has no letters`);
  return name;
}

/** An identifier as stored: trimmed, non-empty, of sane length, without control characters. */
export function cleanId(raw: string, field: string): string {
  const id = raw.trim();
  if (id.length === 0) throw new RowError(field, 'is empty');
  if (id.length > maxIdLength) throw new RowError(field, `longer than ${maxIdLength} characters`);
  requireWellFormed(id, field);
  if (invisible.test(id)) {
    invisible.lastIndex = 0;
    throw new RowError(field, 'contains control characters');
  }
  return id;
}

export const maxTextLength = 2000;

// Control characters other than tab and line breaks: a NUL cannot be stored at all, the others only garble.
// eslint-disable-next-line no-control-regex
const textControls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * Free text as stored (a reference, remarks, notes), or null when empty: NFC, control characters replaced by a space
 * as in names (the text is kept, not the row lost), cut to `maxLength` on a character boundary.
 */
export function cleanText(raw: string, field: string, maxLength = maxTextLength): string | null {
  requireWellFormed(raw, field);
  const text = raw.normalize('NFC').replace(textControls, ' ').replace(/ {2,}/g, ' ').trim();
  if (text === '') return null;
  const cut = text.slice(0, maxLength);
  // Cutting between the halves of a surrogate pair would leave the very lone surrogate refused above.
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** An ISO 8601 date, full (`1980-02-29`) or partial (`1980`, `1980-02`), checked to exist and to be plausible. */
export function cleanDate(raw: string, field: string, today = new Date()): string {
  const value = raw.trim();
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (match === null)
    throw new RowError(field, `"${value.slice(0, 40)}" is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)`);
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (year < 1850 || year > today.getUTCFullYear()) throw new RowError(field, `${value} is not a plausible year`);
  if (month !== undefined && (month < 1 || month > 12)) throw new RowError(field, `${value} has no month ${month}`);
  if (month !== undefined && day !== undefined) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const max = month === 2 && !leap ? 28 : daysInMonth[month - 1]!;
    if (day < 1 || day > max) throw new RowError(field, `${value} does not exist (day ${day} of month ${month})`);
  }
  return value;
}

/** A full ISO 8601 date (`2024-09-30`), for a column of type date, which cannot hold a year or a month alone. */
export function cleanFullDate(raw: string, field: string, today = new Date()): string {
  const value = cleanDate(raw, field, today);
  if (value.length !== 10) throw new RowError(field, `${value} is not a full date (expected YYYY-MM-DD)`);
  return value;
}

/** A country code as stored (canonical alpha-3 or ICAO code). */
export function cleanCountry(raw: string, field: string): string {
  const country = findCountry(raw);
  if (country === undefined) throw new RowError(field, `unknown country code "${raw.trim().slice(0, 20)}"`);
  return country.code;
}

/**
 * A state as access control names it (an entry's owner, the countries it is restricted to): its ISO alpha-3, as a
 * user's country is, so that D restricts an entry to DEU's users. An ICAO code of no state (XXA, UNO) is refused.
 */
export function cleanState(raw: string, field: string): string {
  const country = findCountry(raw);
  if (country === undefined) throw new RowError(field, `unknown country code "${raw.trim().slice(0, 20)}"`);
  if (country.state === undefined) throw new RowError(field, `${country.code} (${country.name}) is not a state`);
  return country.state;
}

/** A document number as compared: upper case, without spaces, dashes, dots or slashes. */
export function cleanDocumentNumber(raw: string, field: string): string {
  const value = raw.toUpperCase().replace(/[\s\-./]/g, '');
  if (value.length === 0) throw new RowError(field, 'is empty');
  if (value.length > 40) throw new RowError(field, 'longer than 40 characters');
  if (!/^[A-Z0-9<]+$/.test(value))
    throw new RowError(field, `"${raw.slice(0, 40)}" has characters a document number cannot have`);
  return value;
}

export function cleanGender(raw: string | undefined, field: string): Gender | null {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'u' || value === 'unknown') return null;
  if (value === 'male' || value === 'm') return 'male';
  if (value === 'female' || value === 'f') return 'female';
  if (value === 'other' || value === 'x') return 'other';
  throw new RowError(field, `"${value.slice(0, 20)}" is not a gender (male, female, other)`);
}

export function cleanNoticeType(raw: string | undefined, field: string): NoticeType | null {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '') return null;
  if ((noticeTypes as readonly string[]).includes(value)) return value as NoticeType;
  throw new RowError(field, `"${value.slice(0, 20)}" is not a notice type (${noticeTypes.join(', ')})`);
}

export function cleanStatus(raw: string, field: string): DocumentStatus {
  const value = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if ((documentStatuses as readonly string[]).includes(value)) return value as DocumentStatus;
  throw new RowError(field, `"${value.slice(0, 20)}" is not a status (${documentStatuses.join(', ')})`);
}

/** Distinct values, first occurrence first. */
export function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
