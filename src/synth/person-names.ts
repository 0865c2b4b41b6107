/**
 * How a listed person's name is written on the list: the primary name (native script or a romanisation, given
 * names first or the family name upper-cased), strong aliases (other romanisations, the native form), previous
 * names (a maiden name) and weak aliases (nicknames, a kunya, a street name).
 */
import { renderName, type RenderOptions } from './names/render.js';
import type { Culture, Gender, NamePart, NameToken, PersonName, Script } from './names/types.js';
import type { Rng } from './prng.js';

export interface NameForms {
  readonly name: string;
  readonly nameScript: Script;
  /**
   * Per token of the structured name, the romanisation (index into its `latin`) the primary name is written with;
   * undefined when the primary name is in native script. Variants start from it, so a variant changes only what
   * its kind says (a typo does not also change a romanisation).
   */
  readonly nameSpelling: readonly number[] | undefined;
  readonly aliases: readonly string[];
  readonly previousNames: readonly string[];
  readonly weakAliases: readonly string[];
}

const monikers = [
  'El Flaco',
  'El Gordo',
  'Chino',
  'Lobo',
  'Baba',
  'Tiger',
  'Doc',
  'Mama',
  'Big Man',
  'Le Grand',
  'Shaggy',
  'Kaka',
  'Boss',
  'Zorro',
  'Papa',
  'Kid',
  'Tio',
  'Malik',
  'Prince',
  'Sultan',
];

/** A per-token variant chooser for non-systematic cultures: mostly the usual spelling, sometimes another. */
export function tokenVariants(rng: Rng, usual: number): (part: NamePart, index: number) => number {
  const draws: number[] = [];
  // Cached by token position so rendering the same name twice with one chooser gives the same spelling.
  return (part, index) => (draws[index] ??= rng.chance(usual) ? 0 : rng.int(part.latin.length));
}

/** Render options for a romanised form: one system for systematic names, per-token spellings otherwise. */
export function latinStyle(rng: Rng, name: PersonName, usual: number, upper: boolean): RenderOptions {
  const variant = name.systematic ? (rng.chance(usual) ? 0 : rng.int(5)) : tokenVariants(rng, usual);
  return { script: 'latin', variant, upperSurname: upper };
}

/** The name with its surname tokens replaced (a maiden or previous name). */
export function withSurname(name: PersonName, surname: readonly NameToken[]): PersonName {
  const kept = name.tokens.filter((t) => t.role !== 'surname' && t.role !== 'particle');
  const tokens = name.surnameFirst ? [...surname, ...kept] : [...kept, ...surname];
  return { ...name, tokens };
}

/** Builds the written forms of a listed person's name. */
export function nameForms(rng: Rng, culture: Culture, name: PersonName, gender: Gender, minor: boolean): NameForms {
  const latinCulture = culture.script === 'Latn';
  const upper = rng.chance(0.35);
  const nativePrimary = latinCulture ? rng.chance(0.65) : rng.chance(0.3);
  const primaryStyle: RenderOptions = nativePrimary
    ? { script: 'native', upperSurname: upper }
    : latinStyle(rng, name, 0.75, upper);
  const primary = renderName(name, primaryStyle);
  // A per-token chooser caches what it drew for each position, so asking again draws nothing new.
  const v = primaryStyle.variant ?? 0;
  const nameSpelling = nativePrimary
    ? undefined
    : name.tokens.map((t, i) => (typeof v === 'number' ? v : v(t.part, i)));
  const taken = new Set([primary]);
  const aliases: string[] = [];
  const add = (list: string[], value: string | undefined) => {
    if (value === undefined || value === '' || taken.has(value) || taken.size > 4) return;
    taken.add(value);
    list.push(value);
  };
  if (!latinCulture && !nativePrimary && rng.chance(0.6)) add(aliases, renderName(name, { script: 'native' }));
  if (!latinCulture && nativePrimary && rng.chance(0.8)) add(aliases, renderName(name, { script: 'latin' }));
  if (latinCulture && nativePrimary && rng.chance(0.25)) add(aliases, renderName(name, { script: 'latin' }));
  if (rng.chance(0.45)) add(aliases, renderName(name, latinStyle(rng, name, 0.2, false)));
  const previousNames: string[] = [];
  if (gender === 'female' && !minor && rng.chance(0.15)) {
    add(previousNames, renderName(withSurname(name, culture.surname(rng, gender)), primaryStyle));
  }
  const weakAliases: string[] = [];
  if (rng.chance(0.2)) add(weakAliases, culture.nickname?.(rng, name, gender) ?? rng.pick(monikers));
  return {
    name: primary,
    nameScript: nativePrimary ? culture.script : 'Latn',
    nameSpelling,
    aliases,
    previousNames,
    weakAliases,
  };
}
