/**
 * Compact name-pool notation and ICAO folding. Pools are written as text so hundreds of names stay readable:
 * entries are separated by `;` or new lines, `native=Latin1/Latin2` gives a native form with its romanisations,
 * and a Latin-script entry `Müller` or `Meijer/Meyer` gets its ICAO 9303 forms (MUELLER and MULLER) computed.
 */
import type { NamePart } from './types.js';

/** ICAO 9303 Part 3 §6 transliterations that are not a plain strip of the diacritic. */
const icaoSpecial: Readonly<Record<string, string>> = {
  Ä: 'Ae',
  ä: 'ae',
  Å: 'Aa',
  å: 'aa',
  Æ: 'Ae',
  æ: 'ae',
  Ö: 'Oe',
  ö: 'oe',
  Ø: 'Oe',
  ø: 'oe',
  Ü: 'Ue',
  ü: 'ue',
  ß: 'ss',
  ẞ: 'SS',
  Þ: 'Th',
  þ: 'th',
  Œ: 'Oe',
  œ: 'oe',
  Ð: 'D',
  ð: 'd',
  Đ: 'D',
  đ: 'd',
  Ł: 'L',
  ł: 'l',
  ı: 'i',
  Ħ: 'H',
  ħ: 'h',
};

/** Letters that a plain diacritic strip does not reduce to ASCII. */
const stripSpecial: Readonly<Record<string, string>> = {
  ...icaoSpecial,
  Ä: 'A',
  ä: 'a',
  Å: 'A',
  å: 'a',
  Ö: 'O',
  ö: 'o',
  Ø: 'O',
  ø: 'o',
  Ü: 'U',
  ü: 'u',
};

const specialPattern = /[ÄäÅåÆæÖöØøÜüßẞÞþŒœÐðĐđŁłıĦħ]/g;

function stripMarks(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

/** The ICAO 9303 form of a Latin-script name (Ä→AE, Ø→OE, ß→SS, other diacritics dropped), case kept. */
export function icaoFold(text: string): string {
  return stripMarks(text.replace(specialPattern, (c) => icaoSpecial[c] ?? c));
}

/** The older, diacritic-stripping form (Ä→A, Ø→O) that many systems still produce. */
export function plainFold(text: string): string {
  return stripMarks(text.replace(specialPattern, (c) => stripSpecial[c] ?? c));
}

/** The distinct non-empty strings of a list, first occurrence kept. */
export function unique(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    if (v !== '' && !seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  }
  return out;
}

function entries(text: string): string[] {
  return text
    .split(/[;\n]/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
}

/** A Latin-script part: the written form plus its ICAO and stripped forms and any listed spellings. */
export function latinPart(spellings: readonly string[]): NamePart {
  const native = spellings[0]!;
  return { native, latin: unique(spellings.flatMap((s) => [icaoFold(s), plainFold(s)])) };
}

/** Parses a Latin-script pool: `Müller; Meijer/Meyer; José Luis`. */
export function latinPool(text: string): NamePart[] {
  return entries(text).map((e) => latinPart(e.split('/').map((s) => s.trim())));
}

/** Parses a native-script pool with explicit romanisations: `محمد=Mohammed/Muhammad`. */
export function nativePool(text: string): NamePart[] {
  return entries(text).map((e) => {
    const [native, latin] = e.split('=');
    if (native === undefined || latin === undefined) throw new Error(`name pool entry without '=': ${e}`);
    return { native: native.trim(), latin: unique(latin.split('/').map((s) => s.trim())) };
  });
}

/** Parses a native-script pool whose romanisations come from transliteration systems (Cyrillic, Greek…). */
export function translitPool(text: string, systems: readonly ((native: string) => string)[]): NamePart[] {
  return entries(text).map((native) => translitPart(native, systems));
}

/** One part romanised by each system in order; duplicates are kept so system i stays at index i. */
export function translitPart(native: string, systems: readonly ((native: string) => string)[]): NamePart {
  return { native, latin: systems.map((s) => s(native)) };
}

/** Capitalises each word of a romanisation (`shcherbakov` → `Shcherbakov`, `abd al-rahman` kept lower after `-`). */
export function capitalise(text: string): string {
  return text.replace(/(^|[\s'])(\p{L})/gu, (_m, pre: string, c: string) => pre + c.toUpperCase());
}

/** Applies a letter map over a string, longest keys first (maps are built once per system). */
export function mapper(table: Readonly<Record<string, string>>): (text: string) => string {
  const keys = Object.keys(table).sort((a, b) => b.length - a.length);
  const pattern = new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return (text) => text.replace(pattern, (k) => table[k] ?? k);
}
