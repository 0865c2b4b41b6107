/**
 * Every culture the generator knows, with its share of synthetic watchlist entries. The shares loosely follow
 * the origins of trafficking victims and offenders in public reports, not any real list.
 */
import { Weighted } from '../prng.js';
import { amharic, hausa, somali, wolof, yoruba } from './africa.js';
import { arabic } from './arabic.js';
import { armenian, georgian } from './caucasus.js';
import { chinese } from './chinese.js';
import { russian } from './cyrillic.js';
import { greek } from './greek.js';
import { filipino, portuguese, spanish } from './iberian.js';
import { japanese, korean } from './korean-japanese.js';
import { czech, nordic, polish, turkish } from './nordic-central.js';
import { indonesian, thai, vietnamese } from './southeast-asia.js';
import type { Culture } from './types.js';
import { ukrainian } from './ukrainian.js';
import { hebrew, hindi, persian } from './west-south-asia.js';
import { dutch, english, french, german } from './western.js';

/** Cultures with their relative weight among listed persons and travellers. */
export const cultureWeights: readonly (readonly [Culture, number])[] = [
  [arabic, 12],
  [spanish, 10],
  [russian, 5],
  [ukrainian, 4],
  [chinese, 6],
  [english, 6],
  [hindi, 5],
  [portuguese, 5],
  [french, 4],
  [turkish, 4],
  [german, 3],
  [persian, 3],
  [vietnamese, 3],
  [filipino, 3],
  [polish, 2],
  [thai, 2],
  [indonesian, 2],
  [dutch, 1.5],
  [nordic, 1.5],
  [georgian, 1.5],
  [armenian, 1.5],
  [korean, 1.5],
  [czech, 1],
  [greek, 1],
  [japanese, 1],
  [hebrew, 1],
  [hausa, 4],
  [yoruba, 4],
  [wolof, 3],
  [amharic, 3],
  [somali, 3],
];

/** Draws a culture according to the weights. */
export const cultureTable = new Weighted(cultureWeights);

/** Every culture, by key. */
export const cultures: ReadonlyMap<string, Culture> = new Map(cultureWeights.map(([c]) => [c.key, c]));

/** Per-culture country tables, built once. */
export const countryTables: ReadonlyMap<string, Weighted<string>> = new Map(
  cultureWeights.map(([c]) => [c.key, new Weighted(c.countries)]),
);

/** Particles a variant may add to a name of this culture (al-Masri for Masri, van Dijk for Dijk). */
export const addableParticles: Readonly<Record<string, readonly string[]>> = {
  arabic: ['al-', 'el-'],
  dutch: ['van', 'van der', 'de'],
  spanish: ['de', 'del'],
  portuguese: ['da', 'dos', 'de'],
  filipino: ['de', 'dela'],
  french: ['de', 'le'],
  german: ['von'],
  persian: ['al-'],
  hausa: ['dan'],
};
