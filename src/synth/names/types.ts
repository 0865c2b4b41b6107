/**
 * The shapes of synthetic names. A name is a list of tokens (given names, patronymics, particles, surnames), each
 * carrying its native-script form and its usual romanisations, so one person can be written several ways — the
 * very variation a screening engine has to see through.
 */
import type { Rng } from '../prng.js';

/** ISO 15924 script codes of the scripts the generator writes. */
export type Script =
  'Latn' | 'Cyrl' | 'Arab' | 'Grek' | 'Geor' | 'Armn' | 'Hani' | 'Hang' | 'Jpan' | 'Deva' | 'Thai' | 'Hebr' | 'Ethi';

export type Gender = 'male' | 'female';

/**
 * One name element in every form the generator knows. `latin[0]` is what a passport of the culture's own
 * country prints (ICAO 9303 for Cyrillic, pinyin, Revised Romanisation, ICAO folding of diacritics…); the rest
 * are other systems or customary spellings. For Latin-script cultures `native` keeps the diacritics.
 */
export interface NamePart {
  readonly native: string;
  readonly latin: readonly string[];
  /** A second native writing (kana for a kanji name). */
  readonly nativeAlt?: string;
}

/** What a token is: lets variants drop particles, reorder surnames or reduce given names to initials. */
export type TokenRole = 'given' | 'middle' | 'patronymic' | 'particle' | 'surname';

export interface NameToken {
  readonly role: TokenRole;
  readonly part: NamePart;
}

/** A structured person name of one culture. */
export interface PersonName {
  readonly culture: string;
  readonly script: Script;
  readonly tokens: readonly NameToken[];
  /** Family name first in the culture's own order (Chinese, Korean, Japanese, Vietnamese, Hungarian). */
  readonly surnameFirst: boolean;
  /** Separator between tokens in native script: '' for Chinese, Japanese and Korean, ' ' otherwise. */
  readonly nativeJoin: string;
  /**
   * Romanisation systems are consistent across tokens (Cyrillic, Greek, Korean, Chinese): `latin[i]` of every
   * token belongs to the same system i. Otherwise (Arabic, Persian) each token varies on its own.
   */
  readonly systematic: boolean;
}

/** A culture: where its people come from and how its names are built. */
export interface Culture {
  readonly key: string;
  readonly script: Script;
  /** Nationalities (ISO alpha-3) with relative weights. */
  readonly countries: readonly (readonly [alpha3: string, weight: number])[];
  /** Builds a full name for a person of this gender. */
  name(rng: Rng, gender: Gender): PersonName;
  /** Surname tokens of another family (a maiden or previous name). */
  surname(rng: Rng, gender: Gender): readonly NameToken[];
  /** Short or familiar forms used as weak aliases (nicknames, a kunya). */
  nickname?(rng: Rng, name: PersonName, gender: Gender): string | undefined;
}

/** Builds a name record with the usual defaults (given names first, space-joined, per-token variants). */
export function makeName(
  culture: string,
  script: Script,
  tokens: readonly NameToken[],
  options: { surnameFirst?: boolean; nativeJoin?: string; systematic?: boolean } = {},
): PersonName {
  return {
    culture,
    script,
    tokens,
    surnameFirst: options.surnameFirst ?? false,
    nativeJoin: options.nativeJoin ?? ' ',
    systematic: options.systematic ?? false,
  };
}

/** A token of the given role. */
export function token(role: TokenRole, part: NamePart): NameToken {
  return { role, part };
}
