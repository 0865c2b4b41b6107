/**
 * Dates for synthetic records. Everything is relative to a fixed reference date, never the clock, so the same
 * seed gives the same ages next year too.
 */

/** Synthetic data is generated "as of" this date (ages, report dates). */
export const REFERENCE_DATE = { year: 2025, month: 6, day: 30 } as const;

const pad2: readonly string[] = Array.from({ length: 32 }, (_v, i) => String(i).padStart(2, '0'));

/** Days in a month of a year (Gregorian). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** An ISO date `YYYY-MM-DD` (years 1000–9999). */
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad2[month]!}-${pad2[day]!}`;
}

/** An ISO year-month `YYYY-MM`. */
export function isoMonth(year: number, month: number): string {
  return `${year}-${pad2[month]!}`;
}

/** Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; undefined when malformed or impossible. */
export function parsePartialDate(text: string): { year: number; month?: number; day?: number } | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  if (m[2] === undefined) return { year };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  if (m[3] === undefined) return { year, month };
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}
