/**
 * Synthetic watchlisted persons. Person i of seed s is a pure function of (s, i): the writers stream them without
 * holding the list, and queries and flight travellers regenerate the listed person they are planted from.
 */
import { isoDate, isoMonth, daysInMonth, REFERENCE_DATE } from './dates.js';
import { idCardNumber, passportNumber } from './doc-numbers.js';
import { countryTables, cultureTable } from './names/index.js';
import type { Culture, Gender, PersonName, Script } from './names/types.js';
import { nameForms } from './person-names.js';
import { deriveSeed, Rng, streams, Weighted } from './prng.js';

export type NoticeType = 'red' | 'yellow' | 'blue' | 'green' | 'diffusion';

/** A travel document held by a listed person: passport (P) or identity card (ID). */
export interface PersonDocument {
  readonly type: 'P' | 'ID';
  readonly number: string;
  /** Issuing state, ISO alpha-3. */
  readonly country: string;
}

export interface SynthPerson {
  readonly index: number;
  /** Stable entity id: `synth-p-000001` for index 0. */
  readonly id: string;
  readonly culture: string;
  /** The structured name every written form derives from (not written out; variants are built from it). */
  readonly structured: PersonName;
  readonly name: string;
  /** Script of the primary name (ISO 15924). */
  readonly nameScript: Script;
  /** Per token of `structured`, the romanisation the primary name uses; undefined when it is in native script. */
  readonly nameSpelling: readonly number[] | undefined;
  readonly aliases: readonly string[];
  readonly previousNames: readonly string[];
  readonly weakAliases: readonly string[];
  /** `YYYY-MM-DD`, or partial `YYYY-MM` / `YYYY` when the owner only knows that much. */
  readonly birthDate: string;
  /** ISO alpha-3 codes; one, sometimes two. */
  readonly nationalities: readonly string[];
  readonly gender: Gender;
  readonly noticeType: NoticeType;
  readonly ownerCountry: string;
  /** When not empty, only these countries (and the owner) may see the record's details. */
  readonly restrictedTo: readonly string[];
  readonly documents: readonly PersonDocument[];
  readonly minor: boolean;
}

/** The id of the person at an index. */
export function personId(index: number): string {
  return `synth-p-${String(index + 1).padStart(6, '0')}`;
}

const noticeTable = new Weighted<NoticeType>([
  ['red', 35],
  ['yellow', 25],
  ['blue', 15],
  ['green', 8],
  ['diffusion', 17],
]);

/** Share of men by notice type: wanted persons are mostly men, missing persons mostly women and girls. */
const maleShare: Readonly<Record<NoticeType, number>> = {
  red: 0.82,
  yellow: 0.4,
  blue: 0.65,
  green: 0.85,
  diffusion: 0.75,
};

/** Countries taking part in a multinational operation, as owners of records about foreigners and restriction targets. */
export const participantTable = new Weighted<string>([
  ...(['USA', 'FRA', 'DEU', 'ESP', 'ITA', 'GBR'] as const).map((c) => [c, 6] as const),
  ...(['NLD', 'BEL', 'GRC', 'ARE', 'THA', 'BRA', 'MEX', 'NGA', 'IND', 'TUR'] as const).map((c) => [c, 3] as const),
  ...(['ARG', 'ZAF', 'KEN', 'MAR', 'EGY', 'CHN', 'RUS', 'UKR', 'POL', 'COL', 'CAN'] as const).map(
    (c) => [c, 2] as const,
  ),
  ...(
    ['SWE', 'CHE', 'PRT', 'PER', 'SEN', 'GHA', 'CIV', 'MYS', 'SGP', 'AUS', 'JPN', 'KOR', 'PHL', 'IDN', 'SAU'] as const
  ).map((c) => [c, 1] as const),
]);

const secondNationalities = ['USA', 'GBR', 'FRA', 'DEU', 'CAN', 'TUR', 'ITA', 'ESP', 'SWE', 'NLD', 'BEL', 'AUS'];

/** Age in whole years: minors for a share of missing persons, adults skewed young with a long tail. */
function drawAge(rng: Rng, notice: NoticeType): { age: number; minor: boolean } {
  const minor = (notice === 'yellow' && rng.chance(0.55)) || (notice === 'blue' && rng.chance(0.05));
  if (minor) return { age: rng.chance(0.6) ? rng.range(12, 17) : rng.range(1, 11), minor };
  return { age: Math.min(85, 18 + Math.floor(-Math.log(1 - rng.next()) * 12)), minor };
}

/** A birth date for an age on the reference date; partial for a share of adults. */
export function drawBirthDate(rng: Rng, age: number, minor: boolean): string {
  const month = rng.range(1, 12);
  const year = REFERENCE_DATE.year - age - (month > REFERENCE_DATE.month ? 1 : 0);
  const day = rng.range(1, daysInMonth(year, month));
  const p = rng.next();
  if (minor || p < 0.84) return isoDate(year, month, day);
  return p < 0.88 ? isoMonth(year, month) : String(year);
}

function drawDocuments(rng: Rng, nationalities: readonly string[]): PersonDocument[] {
  const p = rng.next();
  const count = p < 0.25 ? 0 : p < 0.8 ? 1 : 2;
  const docs: PersonDocument[] = [];
  const home = nationalities[0]!;
  if (count >= 1) {
    docs.push(
      rng.chance(0.85)
        ? { type: 'P', number: passportNumber(rng, home), country: home }
        : { type: 'ID', number: idCardNumber(rng, home), country: home },
    );
  }
  if (count === 2) {
    const second = nationalities[1];
    if (second !== undefined) docs.push({ type: 'P', number: passportNumber(rng, second), country: second });
    else if (docs[0]!.type === 'P') docs.push({ type: 'ID', number: idCardNumber(rng, home), country: home });
    else docs.push({ type: 'P', number: passportNumber(rng, home), country: home });
  }
  return docs;
}

/** Draws the nationalities of a person of a culture: one, or two for a few. */
export function drawNationalities(rng: Rng, culture: Culture): string[] {
  const first = countryTables.get(culture.key)!.draw(rng);
  if (!rng.chance(0.06)) return [first];
  const second = rng.pick(secondNationalities);
  return second === first ? [first] : [first, second];
}

/** The person at `index` for `seed`: deterministic, independent of every other index. */
export function personAt(seed: number, index: number): SynthPerson {
  const rng = new Rng(deriveSeed(seed, streams.person, index));
  const noticeType = noticeTable.draw(rng);
  const culture = cultureTable.draw(rng);
  const gender: Gender = rng.chance(maleShare[noticeType]) ? 'male' : 'female';
  const { age, minor } = drawAge(rng, noticeType);
  const birthDate = drawBirthDate(rng, age, minor);
  const nationalities = drawNationalities(rng, culture);
  const structured = culture.name(rng, gender);
  const forms = nameForms(rng, culture, structured, gender, minor);
  const home = noticeType === 'yellow' ? 0.7 : 0.55;
  const ownerCountry = rng.chance(home) ? nationalities[0]! : participantTable.draw(rng);
  const restrictedTo: string[] = [];
  if (rng.chance(0.12)) {
    const n = rng.range(1, 4);
    for (let i = 0; i < n; i++) {
      const c = participantTable.draw(rng);
      if (c !== ownerCountry && !restrictedTo.includes(c)) restrictedTo.push(c);
    }
  }
  return {
    index,
    id: personId(index),
    culture: culture.key,
    structured,
    ...forms,
    birthDate,
    nationalities,
    gender,
    noticeType,
    ownerCountry,
    restrictedTo,
    documents: drawDocuments(rng, nationalities),
    minor,
  };
}

/** Persons 0 … count-1 of a seed, one at a time. */
export function* persons(seed: number, count: number): Generator<SynthPerson> {
  for (let i = 0; i < count; i++) yield personAt(seed, i);
}
