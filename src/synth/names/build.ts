/**
 * The common way a culture's names are put together: one or two given names, an optional middle name or
 * patronymic, one or two surnames (with particles such as van der, de la, al-), gendered surname forms.
 * Each culture file declares its pools and quirks and gets a `Culture` from `defineCulture`.
 */
import type { Rng } from '../prng.js';
import type { Culture, Gender, NamePart, NameToken, PersonName, Script } from './types.js';
import { makeName, token } from './types.js';
import { latinPart, latinPool } from './pool.js';

/** A surname with the particle that belongs to it, if any. */
export interface SurnameEntry {
  readonly particle?: NamePart;
  readonly part: NamePart;
}

/** Wraps plain parts as surname entries. */
export function plainSurnames(parts: readonly NamePart[]): SurnameEntry[] {
  return parts.map((part) => ({ part }));
}

export interface CultureSpec {
  readonly key: string;
  readonly script: Script;
  readonly countries: readonly (readonly [string, number])[];
  readonly male: readonly NamePart[];
  /** Composes a given name instead of drawing from the pools (Chinese and Korean syllables). */
  readonly givenName?: (rng: Rng, gender: Gender) => NamePart;
  readonly female: readonly NamePart[];
  /** Surname pool; entries may carry their own particle (`van den Berg`). */
  readonly surnames: readonly SurnameEntry[];
  /** Share of surnames drawn from `composeSurname` instead of the pool. */
  readonly composedShare?: number;
  readonly composeSurname?: (rng: Rng) => NamePart;
  /** Particles that precede some surnames (`van der`, `de la`, `al-`), as parts, with their probability. */
  readonly particles?: readonly NamePart[];
  readonly particleShare?: number;
  readonly secondGiven?: number;
  readonly secondSurname?: number;
  readonly feminine?: (surname: NamePart) => NamePart;
  /** A middle token (patronymic from a father's name, Vietnamese middle name, Filipino mother's surname). */
  readonly middle?: (rng: Rng, gender: Gender) => NameToken | readonly NameToken[] | undefined;
  /** A culture-specific weak alias (a kunya, a street name); overrides the nickname table. */
  readonly weakAlias?: (rng: Rng, gender: Gender) => string | undefined;
  /** Share of people known by a single name (Indonesia, parts of India); their one name is a given name. */
  readonly singleName?: number;
  readonly surnameFirst?: boolean;
  readonly nativeJoin?: string;
  readonly systematic?: boolean;
  /** Familiar forms by native given name (Саша for Александр, Pepe for José). */
  readonly nicknames?: Readonly<Record<string, string>>;
  /** Turns a nickname (native) into a part when romanisations are needed. */
  readonly nicknamePart?: (native: string) => NamePart;
}

/** Picks a surname of the spec (pool or composed), feminised for women. */
function drawSurname(spec: CultureSpec, rng: Rng, gender: Gender): SurnameEntry {
  const entry: SurnameEntry =
    spec.composeSurname !== undefined && rng.chance(spec.composedShare ?? 0.3)
      ? { part: spec.composeSurname(rng) }
      : rng.pick(spec.surnames);
  if (gender === 'female' && spec.feminine !== undefined) return { ...entry, part: spec.feminine(entry.part) };
  return entry;
}

function surnameTokens(spec: CultureSpec, rng: Rng, gender: Gender): NameToken[] {
  const tokens: NameToken[] = [];
  const count = rng.chance(spec.secondSurname ?? 0) ? 2 : 1;
  for (let i = 0; i < count; i++) {
    const entry = drawSurname(spec, rng, gender);
    if (entry.particle !== undefined) tokens.push(token('particle', entry.particle));
    else if (spec.particles !== undefined && rng.chance(spec.particleShare ?? 0)) {
      tokens.push(token('particle', rng.pick(spec.particles)));
    }
    tokens.push(token('surname', entry.part));
  }
  return tokens;
}

/** A `Culture` from a declarative spec. */
export function defineCulture(spec: CultureSpec): Culture {
  const options = {
    surnameFirst: spec.surnameFirst ?? false,
    nativeJoin: spec.nativeJoin ?? ' ',
    systematic: spec.systematic ?? false,
  };
  return {
    key: spec.key,
    script: spec.script,
    countries: spec.countries,
    name(rng: Rng, gender: Gender): PersonName {
      const pool = gender === 'male' ? spec.male : spec.female;
      const first = spec.givenName?.(rng, gender) ?? rng.pick(pool);
      if (rng.chance(spec.singleName ?? 0)) {
        return makeName(spec.key, spec.script, [token('given', first)], options);
      }
      const given: NameToken[] = [token('given', first)];
      if (pool.length > 0 && rng.chance(spec.secondGiven ?? 0)) {
        const second = rng.pick(pool);
        if (second.native !== first.native) given.push(token('given', second));
      }
      const middle = spec.middle?.(rng, gender);
      if (middle !== undefined) given.push(...('role' in middle ? [middle] : middle));
      const surname = surnameTokens(spec, rng, gender);
      return makeName(spec.key, spec.script, [...given, ...surname], options);
    },
    surname(rng: Rng, gender: Gender) {
      return surnameTokens(spec, rng, gender);
    },
    nickname(rng: Rng, name: PersonName, gender: Gender): string | undefined {
      if (spec.weakAlias !== undefined) return spec.weakAlias(rng, gender);
      const given = name.tokens.find((t) => t.role === 'given');
      if (given === undefined || spec.nicknames === undefined) return undefined;
      const nick = spec.nicknames[given.part.native];
      if (nick === undefined) return undefined;
      return spec.nicknamePart === undefined ? nick : spec.nicknamePart(nick).latin[0];
    },
  };
}

/** Parses a Latin-script surname pool where leading lower-case words are particles: `van den Berg; de la Cruz`. */
export function latinSurnamePool(text: string): SurnameEntry[] {
  return latinPool(text).map((part) => {
    const match = /^((?:[a-zà-ÿ']+\s+)+)(\S.*)$/u.exec(part.native);
    if (match === null) return { part };
    const surname = latinPart([match[2]!]);
    return { particle: latinPart([match[1]!.trim()]), part: surname };
  });
}
