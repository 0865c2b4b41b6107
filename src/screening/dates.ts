/**
 * Birth dates as evidence. Dates are packed into one integer (year·10000 + month·100 + day, 0 for an unknown
 * part) so a million persons' dates are one Int32Array. Watchlists give partial dates (`1962`, `1962-05`),
 * several candidate dates, and clerks swap day and month or miss the year by one.
 */

/** How a query date relates to a candidate date, strongest agreement first. */
export const DATE_EXACT = 1;
export const DATE_PARTIAL = 2;
export const DATE_SWAPPED = 3;
/** The year one off, the month agreeing, and the day agreeing or unknown: a slip of the year. */
export const DATE_YEAR_OFF = 4;
export const DATE_NEAR = 5;
/**
 * The year alone other, the month agreeing, and the day agreeing or unknown: two to FAR_YEARS - 1 years apart, or
 * farther by a slip of one of the year's digits. As likely the same person's date written wrong as another person's.
 * Where one side gives the year alone, a year other is near (one off) or a mismatch: these counted as a slip of the
 * year (+0.03 one year off, -0.3 more) and lifted namesakes to alerts. At 100,000 synthetic persons (seed 1), false
 * alerts of 20,000 flight travellers 562 to 417 for one year off (2.37.0) and to 408 for more (2.38.0; travellers
 * falsely alerted 525 to 391), planted travellers found as before (172 of 179 among 100,000); non-matching queries that
 * alert 124 to 102 and 98 of 4,911, planted queries found as before (4,895 of 5,089); development set: ranked first
 * 11,803 to 11,813 and 11,814, top 10 12,700 and found 11,034 as before, false alerts 19. One year off counted neither
 * for nor against (0) took 75 false flight alerts away, not 145.
 */
export const DATE_YEAR_WRONG = 6;
/** Two or three of the date's parts other, the years less than FAR_YEARS apart: another person's date, most likely. */
export const DATE_MISMATCH = 7;
/**
 * Years FAR_YEARS or more apart, and not a slip of one of the year's digits: another person's date rather than the
 * same person's written wrong (see score.ts, dateEffect).
 */
export const DATE_FAR = 8;
export const DATE_NONE = 0;
/** Birth years at least this far apart are DATE_FAR. */
export const FAR_YEARS = 5;

/** Packs an ISO 8601 date (possibly partial), or DD.MM.YYYY / DD/MM/YYYY / YYYYMMDD, into an integer; 0 if invalid. */
export function parseDate(text: string): number {
  const s = text.trim();
  let m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T.*)?$/.exec(s);
  if (m === null) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m !== null) return pack(Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0));
  const e = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s);
  if (e !== null) return pack(Number(e[3]), Number(e[2]), Number(e[1]));
  return 0;
}

function pack(y: number, mo: number, d: number): number {
  if (y < 1000 || y > 2999 || mo > 12 || d > 31) return 0;
  return y * 10000 + mo * 100 + (mo === 0 ? 0 : d);
}

// At module level: a closure made per call costs more than the formatting (every explained hit formats a date).
function p2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** The ISO text of a packed date (`1962`, `1962-05`, `1962-05-14`). */
export function formatDate(packed: number): string {
  const y = Math.floor(packed / 10000);
  const mo = Math.floor(packed / 100) % 100;
  const d = packed % 100;
  return mo === 0 ? `${y}` : d === 0 ? `${y}-${p2(mo)}` : `${y}-${p2(mo)}-${p2(d)}`;
}

/** Compares two packed dates and returns a DATE_* code. */
export function compareDates(q: number, c: number): number {
  if (q === 0 || c === 0) return DATE_NONE;
  const qy = Math.floor(q / 10000);
  const cy = Math.floor(c / 10000);
  const qm = Math.floor(q / 100) % 100;
  const cm = Math.floor(c / 100) % 100;
  const qd = q % 100;
  const cd = c % 100;
  const monthsKnown = qm !== 0 && cm !== 0;
  const daysKnown = qd !== 0 && cd !== 0;
  if (qy === cy) {
    if (!monthsKnown) return DATE_PARTIAL;
    if (qm === cm) {
      if (!daysKnown) return DATE_PARTIAL;
      return qd === cd ? DATE_EXACT : DATE_NEAR;
    }
    if (daysKnown && qd === cm && qm === cd) return DATE_SWAPPED;
    // Month and day both other than listed: two of the date's three parts wrong, as with a year off and another part
    // wrong (DATE_MISMATCH), unless one side is 1 January, the day many registries and passports write for a date
    // they know only the year of.
    if (daysKnown && qd !== cd && !janFirst(q) && !janFirst(c)) return DATE_MISMATCH;
    return DATE_NEAR;
  }
  const years = Math.abs(qy - cy);
  // Where one side gives the year alone, the one part both give disagrees, and no month and day agree to say the
  // year was written wrong: one year off is near, more a mismatch (see the numbers at DATE_YEAR_WRONG).
  if (!monthsKnown) return years === 1 ? DATE_NEAR : years < FAR_YEARS || yearSlip(qy, cy) ? DATE_MISMATCH : DATE_FAR;
  if (years === 1) return qm === cm && (!daysKnown || qd === cd) ? DATE_YEAR_OFF : DATE_MISMATCH;
  const restAgrees = qm === cm && (!daysKnown || qd === cd);
  if (years < FAR_YEARS) return restAgrees ? DATE_YEAR_WRONG : DATE_MISMATCH;
  // 1975 written 1985 or 1957, the rest of the date agreeing, is a clerk's slip, not another person's date.
  return restAgrees && yearSlip(qy, cy) ? DATE_YEAR_WRONG : DATE_FAR;
}

/** Whether a packed full date is 1 January (numbers only: a hot path). */
function janFirst(packed: number): boolean {
  return packed % 10000 === 101;
}

/** Whether two four-digit years differ in one digit, or by two adjacent digits swapped (numbers only: a hot path). */
function yearSlip(a: number, b: number): boolean {
  let count = 0;
  // The lowest differing digit of each year, and the digit above it.
  let a0 = 0;
  let a1 = 0;
  let b0 = 0;
  let b1 = 0;
  for (let p = 0, x = a, y = b; p < 4; p++, x = (x - (x % 10)) / 10, y = (y - (y % 10)) / 10) {
    if (x % 10 === y % 10) continue;
    if (count++ > 0) continue;
    a0 = x % 10;
    b0 = y % 10;
    a1 = ((x - a0) / 10) % 10;
    b1 = ((y - b0) / 10) % 10;
  }
  // Two differing digits are a swap only when they are adjacent and each is the other's: then the digit above the
  // lowest differs too, so the second differing digit is that one.
  return count === 1 || (count === 2 && a0 === b1 && a1 === b0);
}

/** The best (lowest code other than none) comparison of a query date with any of a candidate's dates. */
export function bestDateMatch(q: number, dates: ArrayLike<number>, start: number, end: number): number {
  let best = DATE_NONE;
  let bestAt = -1;
  for (let i = start; i < end; i++) {
    const r = compareDates(q, dates[i]!);
    if (r !== DATE_NONE && (best === DATE_NONE || r < best)) {
      best = r;
      bestAt = i;
    }
  }
  lastBestAt = bestAt;
  return best;
}

let lastBestAt = -1;
/** Index (in the array given to bestDateMatch) of the date that gave its answer, -1 if none. */
export function lastBestDateIndex(): number {
  return lastBestAt;
}
