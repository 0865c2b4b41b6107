/**
 * Small normalisations the fact builders compare by: names as API and PNR write them (O'NEILL vs ONEILL, titles,
 * middle names), contact values written differently by different PNR elements, and date arithmetic on the ISO
 * strings the parsers produce.
 */
import type { IsoDate, LocalDateTime } from '../dates.js';

/**
 * A pure string function remembered for the last `limit` distinct inputs: the rules rebuild a flight's facts after
 * each of its messages, and the same names come back every time. Results must not be mutated.
 */
function remembered<T>(limit: number, compute: (s: string) => T): (s: string) => T {
  const seen = new Map<string, T>();
  return (s) => {
    let value = seen.get(s);
    if (value === undefined) {
      value = compute(s);
      if (seen.size >= limit) seen.clear();
      seen.set(s, value);
    }
    return value;
  };
}

/** Whether `name` is already its own key: upper-case ASCII letters, words one space apart (as EDIFACT sends them). */
function isPlainKey(name: string): boolean {
  const n = name.length;
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) continue;
    if (c === 32 && i > 0 && i < n - 1 && name.charCodeAt(i - 1) !== 32) continue;
    return false;
  }
  return true;
}

const computeNameKey = remembered(50_000, (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[-/]/g, ' ')
    .replace(/[^\p{L} ]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim(),
);

/**
 * Upper case, accents and everything but letters removed, hyphens and runs of spaces as one space:
 * `O'Neill` → `ONEILL`, `García-López` → `GARCIA LOPEZ`.
 */
export function nameKey(name: string): string {
  return isPlainKey(name) ? name : computeNameKey(name);
}

/** The words of `nameKey(name)`, shared and frozen. */
const nameWords = remembered(50_000, (name: string): readonly string[] => Object.freeze(nameKey(name).split(' ')));

/** The first given name only: PNR names often drop the middle names the document carries. */
export function firstGivenKey(givenNames: string): string {
  const key = nameKey(givenNames);
  const space = key.indexOf(' ');
  return space < 0 ? key : key.slice(0, space);
}

/** Surname + first given name, the key both linking passes compare. */
export function personKey(surname: string, givenNames: string): string {
  return `${nameKey(surname).replace(/ /g, '')}/${firstGivenKey(givenNames)}`;
}

/**
 * Whether two surnames may be one family's: they share a word of two letters or more that is not a particle. Compound surnames
 * (GARCIA LOPEZ, a child carrying both parents' names) would otherwise read as strangers.
 */
export function sameFamilyName(a: string, b: string): boolean {
  const words = nameWords(a);
  return nameWords(b).some((w) => w.length >= 2 && !particles.has(w) && words.includes(w));
}

// Particles say nothing about kinship: DA SILVA and DA COSTA are strangers.
const particles = new Set([
  'AL',
  'BEN',
  'BIN',
  'DA',
  'DAS',
  'DE',
  'DEL',
  'DELLA',
  'DEN',
  'DER',
  'DI',
  'DO',
  'DOS',
  'DU',
  'EL',
  'LA',
  'LE',
  'VAN',
  'VON',
  'Y',
]);

const payerWords = remembered(10_000, (payer: string): ReadonlySet<string> => new Set(nameWords(payer)));

/** Whether a free-text payer name ("MARCO VIDAL", "VIDAL/MARCO MR") names this person (surname and first name). */
export function payerNames(payer: string, surname: string, givenNames: string): boolean {
  const words = payerWords(payer);
  const given = firstGivenKey(givenNames);
  return given !== '' && words.has(given) && nameWords(surname).every((w) => words.has(w));
}

/** Digits only, an international `00` prefix dropped; undefined when too short to identify a line. */
export function phoneKey(raw: string): string | undefined {
  const digits = raw.replace(/\D+/g, '').replace(/^00/, '');
  return digits.length >= 6 ? digits : undefined;
}

/** Trimmed lower-case e-mail; undefined when it has no `@`. */
export function emailKey(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  return email.includes('@') ? email : undefined;
}

/**
 * A masked card as `vendor:masked:expiry`. PNRGOV never carries the full number, so two cards with the same
 * vendor, visible digits and expiry are taken for one card: close enough for an indicator a human reviews.
 */
export function cardKey(
  vendor: string | undefined,
  masked: string | undefined,
  expiry: string | undefined,
): string | undefined {
  if (masked === undefined || masked === '') return undefined;
  return `${vendor ?? ''}:${masked.toUpperCase()}:${expiry ?? ''}`;
}

/** Milliseconds since the epoch of a `YYYY-MM-DD[THH:MM]` value read as UTC; undefined when unreadable. */
export function instant(value: LocalDateTime | undefined, offsetMinutes = 0): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value.length === 10 ? value : `${value}Z`);
  return Number.isNaN(ms) ? undefined : ms - offsetMinutes * 60_000;
}

/** Whole years from `birth` to `on` (both ISO dates); undefined when either is missing or birth is later. */
export function ageOn(birth: IsoDate | undefined, on: IsoDate | undefined): number | undefined {
  if (birth === undefined || on === undefined || birth.length < 10 || on.length < 10) return undefined;
  let years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  if (on.slice(5, 10) < birth.slice(5, 10)) years -= 1;
  return years >= 0 && Number.isFinite(years) ? years : undefined;
}

/** Whole days from `from` to `to` (ISO dates or date-times, only the date counts). */
export function daysBetween(from: IsoDate | undefined, to: IsoDate | undefined): number | undefined {
  const a = instant(from?.slice(0, 10));
  const b = instant(to?.slice(0, 10));
  return a === undefined || b === undefined ? undefined : Math.round((b - a) / 86_400_000);
}

/** Appends a value once (kept in first-seen order, small lists: a linear scan beats a Set here). */
export function pushUnique<T>(list: T[], value: T | undefined): void {
  if (value !== undefined && !list.includes(value)) list.push(value);
}
