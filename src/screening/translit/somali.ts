/**
 * Somali names as the official Latin orthography of Somali (1972) writes them, read as the Arabic-derived and English
 * spellings of the same names write them. Somali spells two Arabic sounds with letters English uses otherwise:
 *  - X is the pharyngeal ḥ (Arabic ح), written H elsewhere: XASAN is Hassan, MAXAMED Mohamed, FAARAX Farah;
 *  - C is the pharyngeal ʿayn (Arabic ع), which romanisations of Arabic names mostly leave unwritten: CALI is Ali,
 *    CUMAR Umar, CABDI Abdi, JAAMAC Jama, NIMCO Nimo;
 * and writes a long vowel doubled, where other spellings write it once: YUUSUF is Yusuf, XUSEEN Husein (the consonant
 * skeleton then finds Hussein), MUUSE Muse and Musa.
 *
 * The result is a second spelling of the name, screened besides the name itself, never instead of it (as the German
 * readings are, german.ts). Only a name that shows Somali orthography gets one, because X and C are ordinary letters
 * elsewhere (Alexander, Carlos, Felix): the name must have a word with an X, or a C that is not part of CH (Somali
 * writes no CH), and either that word writes a doubled A, I or U (Somali long vowels: Cabdullaahi, Ismaaciil, Faarax;
 * English and Dutch double E and O, and these rarely beside an X or C: Aaron Felix gets none) or the person is of a
 * country where Somali is written: Somalia, Djibouti, and Ethiopia and Kenya, whose Somali regions are large.
 */
import { ofNationality } from '../../countries/countries.js';

const SOMALI_COUNTRIES = new Set(['SOM', 'DJI', 'ETH', 'KEN']);

/** Whether a lower-cased ASCII vowel code. */
function isVowel(c: number): boolean {
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117;
}

/** No word of the name has an X or a C outside CH; one has, without a doubled A, I or U; one has, with one. */
const NO_MARK = 0;
const CONSONANT = 1;
const CONSONANT_AND_LONG_VOWEL = 2;

/** How far the name shows Somali orthography in one of its words (either case). */
function somaliMark(name: string): number {
  let mark = NO_MARK;
  let consonant = false;
  let long = false;
  for (let i = 0; i <= name.length; i++) {
    const c = i < name.length ? name.charCodeAt(i) | 32 : 0;
    if (c < 97 || c > 122) {
      if (consonant) mark = long ? CONSONANT_AND_LONG_VOWEL : CONSONANT;
      if (mark === CONSONANT_AND_LONG_VOWEL) return mark;
      consonant = false;
      long = false;
      continue;
    }
    if (c === 120 || (c === 99 && (name.charCodeAt(i + 1) | 32) !== 104)) consonant = true;
    else if ((c === 97 || c === 105 || c === 117) && (name.charCodeAt(i - 1) | 32) === c) long = true;
  }
  return mark;
}

/**
 * Text in Somali orthography respelled: X as H, C (not in CH) left out, doubled vowels written once; everything else,
 * and the case, kept as written.
 */
export function englishFromSomali(text: string): string {
  let out = '';
  // A capital C left out at the start of a word passes its capital on (Cali: Ali).
  let capital = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const c = text.charCodeAt(i) | 32;
    if (c === 120) {
      out += ch === 'X' ? 'H' : 'h';
      continue;
    }
    if (c === 99 && (text.charCodeAt(i + 1) | 32) !== 104) {
      const before = out.length === 0 ? 0 : out.charCodeAt(out.length - 1) | 32;
      capital = ch === 'C' && (before < 97 || before > 122);
      continue;
    }
    if (isVowel(c) && out.length > 0 && (out.charCodeAt(out.length - 1) | 32) === c) continue;
    out += capital ? ch.toUpperCase() : ch;
    capital = false;
  }
  return out;
}

const NO_READINGS: readonly string[] = Object.freeze([]);

/**
 * Each name read as Somali orthography where it shows it (see the module comment), for names that change: the
 * readings to screen besides the names themselves. Every query passes through here: most names have no mark, and
 * cost one pass over their letters and no allocation.
 */
export function somaliReadings(
  names: readonly string[],
  nationalities: readonly string[] | string | undefined,
): readonly string[] {
  let out: string[] | undefined;
  let country: boolean | undefined;
  for (const name of names) {
    const mark = somaliMark(name);
    if (mark === NO_MARK) continue;
    if (mark === CONSONANT) {
      country ??= ofNationality(nationalities, SOMALI_COUNTRIES);
      if (!country) continue;
    }
    const reading = englishFromSomali(name);
    if (reading !== name) (out ??= []).push(reading);
  }
  return out ?? NO_READINGS;
}
