/**
 * Travel-document numbers in the shape each issuing state uses (German passports: C01X00T47 from a restricted
 * alphabet; French: 09AA12345; British and US: nine digits; Chinese: E12345678; Spanish DNI with its check letter;
 * visa stickers: the issuing state's code and nine digits). Templates are compiled once into arrays of alphabets so
 * the hot loop only draws characters. A state's passport, identity-card and visa formats are either one format
 * (Dutch passports and cards) or never produce the same string: doc-serials.ts relies on it to keep the numbers of
 * a generated set unique.
 */
import type { Rng } from './prng.js';

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
// Many states avoid letters that OCR confuses with digits in the alphanumeric part.
const ALNUM = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

/**
 * A template: `9` a digit, `A` a letter, `X` an alphanumeric, `[…]` one of the listed characters, anything else
 * literal. Returns one alphabet per position.
 */
export function compileTemplate(template: string): readonly string[] {
  const out: string[] = [];
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c === '[') {
      const end = template.indexOf(']', i);
      out.push(template.slice(i + 1, end));
      i = end;
    } else if (c === '9') out.push(DIGITS);
    else if (c === 'A') out.push(LETTERS);
    else if (c === 'X') out.push(ALNUM);
    else out.push(c);
  }
  return out;
}

/** Passport number templates by issuing state (ISO alpha-3). */
const passportTemplates: Readonly<Record<string, string>> = {
  DEU: '[CFGHJK][CFGHJKLMNPRTVWXYZ0123456789][CFGHJKLMNPRTVWXYZ0123456789]XXXXXX',
  FRA: '99AA99999',
  GBR: '[12345]99999999',
  USA: '[5A]99999999',
  CAN: 'AA999999',
  AUS: '[PNEM]A9999999',
  ITA: 'AA9999999',
  ESP: 'AAA999999',
  NLD: 'AAXXXXXX9',
  BEL: 'AA999999',
  RUS: '[67]99999999',
  UKR: 'AA999999',
  CHN: '[EG]99999999',
  IND: '[JKLMNPRSTUVZ]9999999',
  TUR: '[UZ]99999999',
  NGA: 'A99999999',
  BRA: 'AA999999',
  MEX: '[GN]99999999',
  JPN: '[TM]A9999999',
  KOR: '[MS]99999999',
  PHL: 'P9999999A',
  IDN: '[ABCX]9999999',
  THA: 'AA9999999',
  VNM: '[BCN]9999999',
  SYR: '99999999',
  IRQ: 'A9999999',
  EGY: 'A99999999',
  IRN: '[EKU]99999999',
  AFG: 'P99999999',
  PAK: 'AA9999999',
  POL: 'AA9999999',
  CZE: '99999999',
  SWE: '99999999',
  NOR: '99999999',
  DNK: '99999999',
  FIN: 'AA9999999',
  GRC: 'AA9999999',
  GEO: '99AA99999',
  ARM: 'A[ABKR]9999999',
  ETH: 'EP9999999',
  ERI: '[P]9999999',
  SOM: 'P00999999',
  SEN: 'A99999999',
  MAR: 'AA9999999',
  DZA: '999999999',
  TUN: 'A999999',
  ISR: '[23]9999999',
  COL: '[AP]E999999',
  VEN: '999999999',
  PER: '9999999',
  ARG: '99999999A',
};

/**
 * National identity card number templates; other states fall back to nine digits. Where nine digits could read as
 * the state's passport number, the state has its own: the US passport card, the Russian internal passport (series
 * and number), a British residence card, a French card that starts with a letter.
 */
const idTemplates: Readonly<Record<string, string>> = {
  DEU: '[LMNPRTVWXY]XXXXXXXX',
  FRA: '[ABCDEFGHJKLMNPRSTUVWXYZ]XXXXXXXX',
  USA: 'C99999999',
  GBR: 'AA9999999',
  RUS: '9999999999',
  ITA: 'CA99999AA',
  ESP: '99999999',
  NLD: 'AAXXXXXX9',
  BEL: '999999999999',
  TUR: '[123456789]9999999999',
  CHN: '[123456]99999999999999999',
  UKR: '999999999',
  POL: 'AAA999999',
  ROU: 'AA999999',
  PRT: '99999999',
  BRA: '999999999',
  NGA: '99999999999',
};

const compiledPassports = new Map(Object.entries(passportTemplates).map(([k, v]) => [k, compileTemplate(v)]));
const compiledIds = new Map(Object.entries(idTemplates).map(([k, v]) => [k, compileTemplate(v)]));
const fallbackPassport = compileTemplate('A99999999');
const fallbackPassport2 = compileTemplate('AA9999999');
const fallbackId = compileTemplate('999999999');

/** Draws a string from a compiled template. */
export function drawTemplate(rng: Rng, alphabets: readonly string[]): string {
  let out = '';
  for (const alphabet of alphabets) out += alphabet.length === 1 ? alphabet : alphabet[rng.int(alphabet.length)]!;
  return out;
}

/** The check letter of a Spanish DNI (the number modulo 23 indexes a fixed alphabet). */
export function dniLetter(digits: string): string {
  return 'TRWAGMYFPDXBNJZSQVHLCKE'[Number(digits) % 23]!;
}

/** What a document number is: a passport (also diplomatic and service), an identity card, a visa or permit. */
export type DocumentFormatKind = 'P' | 'ID' | 'V';

/** A state's format for a kind of document: an alphabet per position, and whether a DNI check letter follows. */
export interface DocumentFormat {
  readonly alphabets: readonly string[];
  readonly dniLetter: boolean;
}

const visaFormats = new Map<string, readonly string[]>();

/** The number format a state uses for a kind of document. */
export function documentFormat(state: string, kind: DocumentFormatKind): DocumentFormat {
  if (kind === 'P') {
    const alphabets =
      compiledPassports.get(state) ?? (state.charCodeAt(0) % 2 === 0 ? fallbackPassport : fallbackPassport2);
    return { alphabets, dniLetter: false };
  }
  if (kind === 'ID') return { alphabets: compiledIds.get(state) ?? fallbackId, dniLetter: state === 'ESP' };
  let alphabets = visaFormats.get(state);
  if (alphabets === undefined) {
    // A Schengen-style sticker number: the state's code, then nine digits (FRA123456789).
    alphabets = compileTemplate(`${state.replace(/./g, (c) => `[${c}]`)}999999999`);
    visaFormats.set(state, alphabets);
  }
  return { alphabets, dniLetter: false };
}

/**
 * A passport number in the issuing state's format, drawn at random (a listed person's, a traveller's). States
 * without a known format get one letter and eight digits, or two letters and seven — the common shapes.
 */
export function passportNumber(rng: Rng, state: string): string {
  return drawTemplate(rng, documentFormat(state, 'P').alphabets);
}

/** A national identity card number in the issuing state's format, drawn at random. */
export function idCardNumber(rng: Rng, state: string): string {
  const format = documentFormat(state, 'ID');
  const number = drawTemplate(rng, format.alphabets);
  return format.dniLetter ? number + dniLetter(number) : number;
}
