/**
 * Small value readers that run on nearly every segment of a PAXLST or PNRGOV message, written with char codes: a
 * regular expression test or replace costs more than the rest of reading a typical segment. Each names the
 * expression it stands for and returns exactly what that expression would.
 */

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `/^\d{1,max}$/.test(raw) ? Number(raw) : undefined`: a count of at most `maxDigits` ASCII digits. */
export function smallNumber(raw: string, maxDigits: number): number | undefined {
  const n = raw.length;
  if (n === 0 || n > maxDigits) return undefined;
  for (let i = 0; i < n; i++) if (!isDigit(raw.charCodeAt(i))) return undefined;
  return Number(raw);
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
