/**
 * Planted differences outside the name: birth dates a year apart, with day and month swapped or reduced to the
 * year, and document numbers misread by OCR (O/0, I/1, B/8, S/5, Z/2, G/6).
 */
import type { Rng } from './prng.js';
import { daysInMonth, isoDate } from './dates.js';

export type BirthDateVariant = 'exact' | 'year_off' | 'swapped' | 'year_only' | 'missing';

/** A birth date as a traveller's record may hold it, with the kind of difference from the listed one. */
export function birthDateVariant(rng: Rng, listed: string): { kind: BirthDateVariant; value: string } {
  const year = Number(listed.slice(0, 4));
  const month = Number(listed.slice(5, 7));
  const day = Number(listed.slice(8, 10));
  const p = rng.next();
  if (p < 0.6) return { kind: 'exact', value: listed };
  if (p < 0.72) {
    const y = year + (rng.chance(0.5) ? 1 : -1);
    return { kind: 'year_off', value: isoDate(y, month, Math.min(day, daysInMonth(y, month))) };
  }
  if (p < 0.8 && day <= 12 && day !== month) return { kind: 'swapped', value: isoDate(year, day, month) };
  if (p < 0.92) return { kind: 'year_only', value: String(year) };
  return { kind: 'missing', value: '' };
}

const confusions: Readonly<Record<string, string>> = {
  O: '0',
  '0': 'O',
  I: '1',
  '1': 'I',
  B: '8',
  '8': 'B',
  S: '5',
  '5': 'S',
  Z: '2',
  '2': 'Z',
  G: '6',
  '6': 'G',
};

/** A document number with one or two characters swapped for their OCR look-alikes (unchanged if none can be). */
export function ocrVariant(rng: Rng, number: string): string {
  const positions: number[] = [];
  for (let i = 0; i < number.length; i++) if (confusions[number[i]!] !== undefined) positions.push(i);
  if (positions.length === 0) return number;
  const chars = number.split(''); // document numbers are ASCII
  const swaps = positions.length > 3 && rng.chance(0.3) ? 2 : 1;
  for (let s = 0; s < swaps; s++) {
    const at = rng.pick(positions);
    chars[at] = confusions[number[at]!]!;
  }
  return chars.join('');
}
