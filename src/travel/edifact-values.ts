/**
 * Small value readers that run on nearly every segment of a PAXLST or PNRGOV message, written with char codes: a
 * regular expression test or replace costs more than the rest of reading a typical segment. Each names the
 * expression it stands for and returns exactly what that expression would.
 */
import { countryRef, type CountryRef } from './travel.types.js';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `/^\d{1,max}$/.test(raw) ? Number(raw) : undefined`: a count of at most `maxDigits` ASCII digits. */
export function smallNumber(raw: string, maxDigits: number): number | undefined {
  const n = raw.length;
  if (n === 0 || n > maxDigits) return undefined;
  // Added up while checked: `Number(raw)` read the string a second time. Exact up to 15 digits (longer: parsed).
  let value = 0;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (!isDigit(c)) return undefined;
    value = value * 10 + (c - 48);
  }
  return n <= 15 ? value : Number(raw);
}

/** `value.replace(/^0+(?=\d)/, '')`: a flight number without its leading zeros (`0012` → `12`, `000` → `0`). */
export function withoutLeadingZeros(value: string): string {
  let i = 0;
  // charCodeAt past the end is NaN, which is no digit: a last zero is kept.
  while (value.charCodeAt(i) === 48 && isDigit(value.charCodeAt(i + 1))) i++;
  return i === 0 ? value : value.slice(i);
}

function isPhoneChar(c: number): boolean {
  return isDigit(c) || c === 43; // '+'
}

/** `value.replace(/[^\d+]/g, '')`: the digits and plus signs of a phone number, the same string when it has no other. */
export function phoneDigits(value: string): string {
  let out = '';
  let run = 0; // start of the current run of kept characters
  for (let i = 0, n = value.length; i < n; i++) {
    if (isPhoneChar(value.charCodeAt(i))) continue;
    if (i > run) out += value.slice(run, i);
    run = i + 1;
  }
  return run === 0 ? value : out + value.slice(run);
}

/**
 * `value.toLowerCase()`, the value itself when it holds no capital letter and nothing past ASCII: e-mail addresses
 * mostly arrive in lower case, and upper-casing rules of all of Unicode run for a string held two bytes per character.
 */
export function lowerCase(value: string): string {
  for (let i = 0, n = value.length; i < n; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return value.toLowerCase();
  }
  return value;
}

/** Country references by the code as sent (null: not looked up yet), for codes of one to three capital letters. */
const countriesByCode = new Array<CountryRef | undefined | null>(27 * 27 * 27).fill(null);

/**
 * `countryRef(raw)`, looked up by the letters of the code rather than by the string: a list names the same few
 * countries thousands of times, and a look-up by a string just cut from the text hashes it every time.
 */
export function countryOf(raw: string): CountryRef | undefined {
  return countryIn(raw, 0, raw.length);
}

/** `countryRef(text.slice(from, to))`, the slice cut only for a code not of one to three capital letters. */
export function countryIn(text: string, from: number, to: number): CountryRef | undefined {
  const n = to - from;
  if (n === 0 || n > 3) return countryRef(text.slice(from, to));
  let place = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 65 || c > 90) return countryRef(text.slice(from, to));
    place = place * 27 + (c - 64);
  }
  const cached = countriesByCode[place];
  if (cached !== null) return cached; // (never out of range: `place` < 27³)
  return (countriesByCode[place] = countryRef(text.slice(from, to)));
}
