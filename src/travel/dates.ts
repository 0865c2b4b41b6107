/**
 * Dates as travel messages and documents write them (YYMMDD, DDMMYY, 12JUL64, YYMMDDHHMM…) turned into ISO 8601
 * strings. Two-digit years carry no century, so it is inferred against a reference date (the flight date, or the
 * day of a check): a birth date lies in the past; an expiry date lies within fifty years either side, so a document
 * that expired last year stays expired instead of jumping a century ahead.
 */

/** A calendar date as `YYYY-MM-DD`; lexical order is chronological order. */
export type IsoDate = string;

const months: Readonly<Record<string, number>> = {
  JAN: 1,
  FEB: 2,
  MAR: 3,
  APR: 4,
  MAY: 5,
  JUN: 6,
  JUL: 7,
  AUG: 8,
  SEP: 9,
  OCT: 10,
  NOV: 11,
  DEC: 12,
};

const twoDigits = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

function pad(n: number, width = 2): string {
  return width === 2 && n >= 0 && n < 100 ? twoDigits[n]! : String(n).padStart(width, '0');
}

function digits(text: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `YYYY-MM-DD` for a real calendar day, undefined otherwise. */
export function isoDate(year: number, month: number, day: number): IsoDate | undefined {
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (year > 9999) return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  // One string made at once: the template made one for each piece it added (the result is too short to be a rope).
  return String.fromCharCode(
    48 + Math.floor(year / 1000),
    48 + (Math.floor(year / 100) % 10),
    48 + (Math.floor(year / 10) % 10),
    48 + (year % 10),
    45,
    48 + Math.floor(month / 10),
    48 + (month % 10),
    45,
    48 + Math.floor(day / 10),
    48 + (day % 10),
  );
}

/** The year of an ISO date. */
export function yearOf(date: IsoDate): number {
  return (
    (date.charCodeAt(0) - 48) * 1000 +
    (date.charCodeAt(1) - 48) * 100 +
    (date.charCodeAt(2) - 48) * 10 +
    (date.charCodeAt(3) - 48)
  );
}

/** A birth date from two-digit year parts: the latest such day not after `reference`. */
export function birthDate(yy: number, month: number, day: number, reference: IsoDate): IsoDate | undefined {
  const refYear = yearOf(reference);
  let year = refYear - (((refYear % 100) - yy + 100) % 100);
  let date = isoDate(year, month, day);
  if (date !== undefined && date > reference) {
    year -= 100;
    date = isoDate(year, month, day);
  }
  // 29 February of a century year that is not a leap year: the other century may hold it.
  if (date === undefined && month === 2 && day === 29) date = isoDate(year - 100, month, day);
  return date;
}

/** An expiry (or other document) date from two-digit year parts: the century within fifty years of `reference`. */
export function expiryDate(yy: number, month: number, day: number, reference: IsoDate): IsoDate | undefined {
  const refYear = yearOf(reference);
  let year = refYear - (refYear % 100) + yy;
  if (year - refYear >= 50) year -= 100;
  else if (refYear - year > 50) year += 100;
  return isoDate(year, month, day);
}

/** How a two-digit year is placed: `birth` in the past, `expiry` near the reference, `recent` at or before it. */
export type CenturyRule = 'birth' | 'expiry' | 'recent';

function resolve(yy: number, month: number, day: number, rule: CenturyRule, reference: IsoDate): IsoDate | undefined {
  return rule === 'expiry' ? expiryDate(yy, month, day, reference) : birthDate(yy, month, day, reference);
}

/** `YYMMDD` → ISO date, the century chosen by `rule`; undefined when not a real date. */
export function fromYymmdd(text: string, rule: CenturyRule, reference: IsoDate): IsoDate | undefined {
  if (text.length !== 6) return undefined;
  const yy = twoDigitsAt(text, 0);
  const mm = twoDigitsAt(text, 2);
  const dd = twoDigitsAt(text, 4);
  if (yy < 0 || mm < 0 || dd < 0) return undefined;
  return resolve(yy, mm, dd, rule, reference);
}

/** `digits(text, at, 2)`. */
function twoDigitsAt(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
}

/** `CCYYMMDD` → ISO date; undefined when not a real date. */
export function fromCcyymmdd(text: string): IsoDate | undefined {
  if (text.length !== 8) return undefined;
  const y = digits(text, 0, 4);
  return y < 0 ? undefined : isoDate(y, digits(text, 4, 2), digits(text, 6, 2));
}

/** A date with a time of day, `YYYY-MM-DDTHH:MM`, local to wherever the message says. */
export type LocalDateTime = string;

/** `THH:MM` by minute of the day (24:00 included), each made once. */
const timeSuffixes: string[] = new Array<string>(25 * 60).fill('');

/**
 * `date` at the time `hhmm` (HHMM, or HHMMSS as some senders write it: the seconds are checked and dropped, a local
 * date-time is kept to the minute); the date alone for no time, undefined for a time that is not one.
 */
function withTime(date: IsoDate | undefined, hhmm: string): LocalDateTime | undefined {
  if (date === undefined) return undefined;
  if (hhmm === '') return date;
  if (hhmm.length !== 4 && hhmm.length !== 6) return undefined;
  const h = digits(hhmm, 0, 2);
  const m = digits(hhmm, 2, 2);
  if (h < 0 || h > 24 || m < 0 || m > 59) return undefined;
  if (hhmm.length === 6) {
    const sec = digits(hhmm, 4, 2);
    if (sec < 0 || sec > 59) return undefined;
  }
  const minute = h * 60 + m;
  let suffix = timeSuffixes[minute]!;
  if (suffix === '') suffix = timeSuffixes[minute] = `T${pad(h)}:${pad(m)}`;
  return date + suffix;
}

/**
 * A UN/EDIFACT DTM value in format 101 (YYMMDD), 102 (CCYYMMDD), 201 (YYMMDDHHMM), 203 (CCYYMMDDHHMM) or, when the
 * format is not given, whichever the length says. Undefined when the value is not a real date.
 */
export function fromDtm(
  value: string,
  format: string,
  rule: CenturyRule,
  reference: IsoDate,
): LocalDateTime | undefined {
  // The usual case first: a date of birth or expiry, its format not given.
  if (format === '' && value.length === 6) return fromYymmdd(value, rule, reference);
  const f =
    format !== ''
      ? format
      : value.length === 8
        ? '102'
        : value.length === 10
          ? '201'
          : value.length === 12
            ? '203'
            : '101';
  switch (f) {
    case '101':
      return fromYymmdd(value, rule, reference);
    case '102':
      return fromCcyymmdd(value);
    case '201':
      return value.length === 10 ? withTime(fromYymmdd(value.slice(0, 6), rule, reference), value.slice(6)) : undefined;
    case '203':
      return value.length === 12 ? withTime(fromCcyymmdd(value.slice(0, 8)), value.slice(8)) : undefined;
    default:
      return undefined;
  }
}

/** PADIS `DDMMYY` (+ optional `HHMM` or `HHMMSS`) → ISO date or date-time; the century is the nearest to `reference`. */
export function fromDdmmyy(date: string, time: string, reference: IsoDate): LocalDateTime | undefined {
  if (date.length !== 6) return undefined;
  const dd = digits(date, 0, 2);
  const mm = digits(date, 2, 2);
  const yy = digits(date, 4, 2);
  if (dd < 0 || mm < 0 || yy < 0) return undefined;
  return withTime(expiryDate(yy, mm, dd, reference), time);
}

/** AIRIMP `DDMMMYY` (12JUL64, as SSR DOCS writes dates) → ISO date, the century chosen by `rule`. */
export function fromDdmmmyy(text: string, rule: CenturyRule, reference: IsoDate): IsoDate | undefined {
  if (text.length !== 7) return undefined;
  const dd = digits(text, 0, 2);
  const mm = months[text.slice(2, 5).toUpperCase()];
  const yy = digits(text, 5, 2);
  if (dd < 0 || yy < 0 || mm === undefined) return undefined;
  return resolve(yy, mm, dd, rule, reference);
}

const dayMillis = 86_400_000;
/** The UTC day `todayUtc()` last gave, and the clock readings it holds for (`[dayStart, dayStart + dayMillis)`). */
let today = '';
let dayStart = Number.NaN;

/**
 * Today in UTC as an ISO date: the default reference when a message carries no date at all. The parsers ask for it
 * once per interchange, and making a Date and its ISO string cost as much as reading a small message: the day is
 * kept until the clock leaves it.
 */
export function todayUtc(now?: Date): IsoDate {
  if (now !== undefined) return now.toISOString().slice(0, 10);
  const ms = Date.now();
  if (!(ms >= dayStart && ms < dayStart + dayMillis)) {
    today = new Date(ms).toISOString().slice(0, 10);
    dayStart = ms - (((ms % dayMillis) + dayMillis) % dayMillis);
  }
  return today;
}
