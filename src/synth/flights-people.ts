/**
 * Travellers of synthetic flights as a passenger list carries them: `travellerAt` gives the person (planted from a
 * listed person now and then, with the variant screening must see through); this completes what a passport always
 * has and a query may lack — full birth date, gender, nationality, a document with expiry and often issue date —
 * deterministically, and reshapes unlisted draws into the family members and minors a booking pattern needs.
 */
import { daysInMonth, isoDate } from './dates.js';
import { passportNumber, idCardNumber } from './doc-numbers.js';
import { personAt } from './persons.js';
import { deriveSeed, Rng } from './prng.js';
import { travellerAt, type SynthQuery } from './queries.js';

/** A travel document as API data gives it. */
export interface SynthTravelDocument {
  readonly type: 'P' | 'I';
  readonly number: string;
  /** ICAO/ISO alpha-3 issuing state. */
  readonly issuer: string;
  readonly expiry: string;
  /** Issue date: on or after the holder's birth, on or before the travel date, before the expiry. */
  readonly issued: string;
  /** Whether the carrier sends the issue date (DTM+182); many do not. */
  readonly issuedSent: boolean;
}

/** One person on a flight. */
export interface SynthPassenger {
  readonly id: string;
  readonly surname: string;
  readonly givenNames: string;
  /** `YYYY-MM-DD`. */
  readonly birthDate: string;
  readonly gender: 'M' | 'F';
  readonly nationality: string;
  readonly document: SynthTravelDocument;
  /** Checked bags declared in the API list; undefined when the carrier sends none. */
  readonly bags: number | undefined;
  /** Listed persons this traveller is (empty for nobody). */
  readonly expectedIds: readonly string[];
}

// Its own random stream, so completing a traveller never shifts the draws of `travellerAt` itself.
const completionStream = 104;

const pad = (n: number) => String(n).padStart(2, '0');

/** Adds days to an ISO date (UTC calendar arithmetic). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole years from `birth` to `on`. */
export function ageAt(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5, 10) < birth.slice(5, 10) ? years - 1 : years;
}

/** Whole days from `from` to `to` (ISO dates). */
function daysBetween(from: string, to: string): number {
  return Math.round(
    (Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000,
  );
}

/** The same day `years` later (28 February for a 29th in a common year). */
export function addYears(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  const month = Number(date.slice(5, 7));
  return isoDate(year, month, Math.min(Number(date.slice(8, 10)), daysInMonth(year, month)));
}

/** Passports and identity cards issued before the holder's 16th birthday are valid 5 years, others 10. */
function validityYears(birth: string, issued: string): number {
  return ageAt(birth, issued) < 16 ? 5 : 10;
}

/**
 * Issue and expiry dates of a document held on `on` by someone born on `birth`, issued about `back` days before
 * `on`: moved later when that would be before the birth or the document would have expired by `on` (a child's
 * passport lasts 5 years). The same inputs give the same dates, so a traveller re-aged by a booking pattern gets a
 * document that fits the new birth date without a new draw.
 */
export function documentDates(birth: string, on: string, back: number): { issued: string; expiry: string } {
  const lived = Math.max(0, daysBetween(birth, on));
  let days = back > lived ? back % (lived + 1) : back;
  let issued = addDays(on, -days);
  let expiry = addYears(issued, validityYears(birth, issued));
  if (expiry <= on) {
    // Later, within as many 365-day years as it lasts: valid on the travel date. The holder is older then, so the
    // validity does not shorten.
    days %= 365 * validityYears(birth, issued);
    issued = addDays(on, -days);
    expiry = addYears(issued, validityYears(birth, issued));
  }
  return { issued, expiry };
}

/**
 * The same traveller with another birth date (a booking pattern's adult, child or crew member): the document is
 * re-dated to fit it, keeping how long before travel it was issued where that still fits.
 */
export function withBirthDate(p: SynthPassenger, birthDate: string, on: string): SynthPassenger {
  const dates = documentDates(birthDate, on, daysBetween(p.document.issued, on));
  return { ...p, birthDate, document: { ...p.document, ...dates } };
}

/** A birth date giving an age in [min, max] on `on`. */
export function birthDateForAge(rng: Rng, on: string, min: number, max: number): string {
  return addDays(on, -(min * 365 + rng.int((max - min + 1) * 365 - 2) + 1));
}

// Passport names are MRZ-transliterated: upper-case Latin letters, spaces, hyphens and apostrophes only.
function mrzName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z '-]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function fullBirthDate(rng: Rng, value: string): string | undefined {
  if (value.length === 10) return value;
  if (value.length === 7) return `${value}-${pad(rng.range(1, 28))}`;
  if (value.length === 4) return `${value}-${pad(rng.range(1, 12))}-${pad(rng.range(1, 28))}`;
  return undefined;
}

/** Options shared by every traveller of one generation run. */
export interface PeopleOptions {
  readonly seed: number;
  /** Size of the watchlist generated with the same seed (planted travellers are drawn from it). */
  readonly personCount: number;
  readonly hitRate: number;
}

/**
 * The complete passenger for `travellerAt(seed, index, …)` on a flight leaving on `departure`: gaps in a planted
 * traveller are filled from the listed person (a passport has what the list may lack), others drawn.
 */
export function passengerAt(options: PeopleOptions, index: number, departure: string): SynthPassenger {
  const q: SynthQuery = travellerAt(options.seed, index, options.personCount, options.hitRate);
  const rng = new Rng(deriveSeed(options.seed, completionStream, index));
  // `synth-p-000190` is person index 189.
  const listed = q.expectedIds.length > 0 ? personAt(options.seed, Number(q.expectedIds[0]!.slice(8)) - 1) : undefined;
  const surname = mrzName(q.surname) || mrzName(q.givenNames);
  const givenNames = q.surname === '' ? '' : mrzName(q.givenNames);
  // A passport gives the whole date: where the traveller's record has only its year (or year and month), a planted
  // traveller's is the listed person's, when the list gives it whole.
  const whole = listed !== undefined && listed.birthDate.length === 10 && listed.birthDate.startsWith(q.birthDate);
  const birthDate = whole
    ? listed.birthDate
    : (fullBirthDate(rng, q.birthDate) ??
      (listed === undefined ? undefined : fullBirthDate(rng, listed.birthDate)) ??
      birthDateForAge(rng, departure, 18, 70));
  const gender = (q.gender || listed?.gender || (rng.chance(0.5) ? 'male' : 'female')) === 'male' ? 'M' : 'F';
  const nationality = q.nationality || listed?.nationalities[0] || q.documentCountry || 'GBR';
  const issuer = q.documentCountry || nationality;
  const type = q.documentNumber !== '' || rng.chance(0.93) ? 'P' : 'I';
  const number =
    q.documentNumber || (type === 'P' ? passportNumber(rng, issuer) : idCardNumber(rng, issuer)).replace(/\W/g, '');
  // About 1 % hold a document issued in the month before travel (an indicator); the rest older ones.
  const recent = rng.chance(0.01);
  const dates = documentDates(birthDate, departure, recent ? rng.range(1, 28) : rng.range(60, 3600));
  return {
    id: q.id,
    surname,
    givenNames,
    birthDate,
    gender,
    nationality,
    document: {
      type,
      number,
      issuer,
      ...dates,
      issuedSent: recent || rng.chance(0.5),
    },
    // Most carriers send a bag count; a few travellers check none (an indicator on long-haul flights).
    bags: rng.chance(0.7) ? (rng.chance(0.05) ? 0 : rng.range(1, 2)) : undefined,
    expectedIds: q.expectedIds,
  };
}

/** The same person with some fields replaced (family members, refugees); `withBirthDate` changes the age. */
export function reshape(p: SynthPassenger, changes: Partial<Omit<SynthPassenger, 'id' | 'birthDate'>>): SynthPassenger {
  return { ...p, ...changes };
}
