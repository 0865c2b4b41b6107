/**
 * Cyrillic to Latin. One canonical romanisation (English BGN/PCGN style, close to ICAO 9303) is produced; the
 * other schemes (ICAO, GOST 7.79, French, German) differ from it in ways the phonetic skeleton absorbs:
 * vowels and y/i/j-glides are dropped, SH/SCH/CH/SHCH fold together, ZH/J/Z are near, KH/H/CH near.
 * Ukrainian and Belarusian Г is H (ICAO, the Ukrainian national system of 2010 and the Belarusian one), detected by
 * the letters only they use (і ї є ґ, Belarusian ў).
 * Many Ukrainian names are written with Russian letters only (Галина, Олег, Гнатюк): a name without the letters
 * Ukrainian lacks (ё ъ ы э, and the Serbian, Macedonian and Central Asian letters) has each word's Ukrainian reading
 * as an alternative, by the Ukrainian national system (Cabinet of Ministers resolution 55 of 2010, the spelling of
 * Ukrainian passports): Галина Гончаренко is Halyna Honcharenko besides Galina Goncharenko.
 * Bulgarian writes Щ as SHT (the official system of 2009, in Bulgarian passports) where Russian has SHCH, which no
 * skeleton folds (SHTEREV is STRF, SHCHEREV SRF): a word with Щ, in a name not marked Ukrainian, has its Bulgarian
 * reading as its alternative instead.
 */
import { ofNationality } from '../../countries/countries.js';

const base: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  // Ukrainian, Belarusian
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
  ў: 'u',
  // Serbian, Macedonian
  ђ: 'dj',
  ј: 'j',
  љ: 'lj',
  њ: 'nj',
  ћ: 'c',
  џ: 'dz',
  ѓ: 'gj',
  ќ: 'kj',
  ѕ: 'dz',
  // Kazakh, Kyrgyz, Tajik, Uzbek, Tatar, Bashkir, Mongolian
  ә: 'a',
  ғ: 'gh',
  қ: 'q',
  ң: 'ng',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  ҳ: 'h',
  ҷ: 'j',
  ӣ: 'i',
  ӯ: 'u',
  ҙ: 'z',
  ҫ: 's',
  ӑ: 'a',
  ӗ: 'e',
  ӳ: 'u',
  ҝ: 'g',
  ҹ: 'ch',
  ӏ: '',
};

const table = new Map<number, string>();
for (const [k, v] of Object.entries(base)) table.set(k.codePointAt(0)!, v);

const ukrainianMarks = /[іїєґў]/u;
// Letters Ukrainian does not write: Russian ё ъ ы э, Serbian and Macedonian ђ ѓ ѕ ј љ њ ћ ќ џ, and the extended
// Cyrillic of Central Asia and the Caucasus (from Ѡ on, but for Ґ).
const notUkrainian = /[ёъыэђѓѕјљњћќџ\u0460-\u0490\u0492-\u052f]/u;

/** Romanises a run of lower-case Cyrillic letters (unknown letters are dropped). */
export function romaniseCyrillic(run: string, context: string): string {
  const ukrainian = ukrainianMarks.test(context);
  let out = '';
  let previous = '';
  for (const ch of run) {
    // ЗГ is ZGH in the Ukrainian system, so that it is not read as Ж (ZH): Згурський is Zghurskyi.
    if (ukrainian && ch === 'г') out += previous === 'з' ? 'gh' : 'h';
    else if (ukrainian && ch === 'и') out += 'y';
    else out += table.get(ch.codePointAt(0)!) ?? '';
    previous = ch;
  }
  return out;
}

// The Ukrainian national system (2010) writes the iotated vowels and Й with Y at a word's start, with I inside it.
const ukrainianInitial = new Map(Object.entries({ є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' }));
const ukrainianInner = new Map(Object.entries({ є: 'ie', ї: 'i', й: 'i', ю: 'iu', я: 'ia', г: 'h', и: 'y' }));

/** A word of lower-case Cyrillic letters by the Ukrainian national system of 2010 (KMU resolution 55). */
export function ukrainianReading(word: string): string {
  let out = '';
  let previous = '';
  for (const ch of word) {
    if (ch === 'г' && previous === 'з') out += 'gh';
    else
      out +=
        (previous === '' ? ukrainianInitial.get(ch) : undefined) ??
        ukrainianInner.get(ch) ??
        table.get(ch.codePointAt(0)!) ??
        '';
    previous = ch;
  }
  return out;
}

/**
 * The other spelling of a Cyrillic word whose romanisation (romaniseCyrillic) is `romanised`, in a name `context`:
 * the Bulgarian one where it has Щ and the name is not marked Ukrainian, else its Ukrainian reading where the name
 * could be Ukrainian (see the module comment); undefined when that is the same.
 */
export function cyrillicAlternative(word: string, context: string, romanised: string): string | undefined {
  if (romanised.includes('shch') && !ukrainianMarks.test(context)) return bulgarianReading(romanised);
  if (notUkrainian.test(context)) return undefined;
  const ukrainian = ukrainianReading(word);
  return ukrainian !== romanised && ukrainian.length > 0 ? ukrainian : undefined;
}

/** The Bulgarian reading of a romanised word with Щ (SHT for SHCH), or undefined when it has none. */
export function bulgarianReading(word: string): string | undefined {
  return word.includes('shch') ? word.replace(/shch/g, 'sht') : undefined;
}

/**
 * Latin spellings of Russian names by standards whose letters the English spelling reads otherwise, read back to the
 * spelling romaniseCyrillic gives (BGN/PCGN, close to ICAO):
 *  - GOST R 52535.1-2006 (Russian passports of 2006–2010) writes Ц as TC: Tcoi, Kuznetcov are Tsoi, Kuznetsov;
 *  - GOST 7.79-2000 system B writes Х as X, Ц as C (CZ before E, I, Y, J), Щ as SHH and Й as J: Xabarov, Coj,
 *    Anatolij are Khabarov, Tsoy, Anatoliy.
 * X and C are ordinary letters in most Latin names (Alexander, Victor, Carlos), so only a name that looks Russian gets
 * the reading: a word starting TC and a vowel (no English word does), a word with a Russian ending (-OV, -EV, -OVA,
 * -EVA, -OVNA, -EVNA, -OVICH, -EVICH, -SKII, -SKIY, -SKIJ, -SKAYA, -SKAIA, -SKAJA, -ENKO, or -IJ, -YJ for -ий, -ый), or a
 * person of a country where Russian names are written in Cyrillic. The reading is screened besides the name, never
 * instead of it.
 */
/** The Russian endings (see above) by their last letter. */
const RUSSIAN_ENDINGS = new Map<number, readonly string[]>([
  [118, ['ov', 'ev']],
  [106, ['ij', 'yj']],
  [97, ['ova', 'eva', 'ovna', 'evna', 'skaya', 'skaia', 'skaja']],
  [111, ['enko']],
  [105, ['skii']],
  [121, ['skiy']],
  [104, ['ovich', 'evich']],
]);
const CYRILLIC_COUNTRIES = new Set(['RUS', 'BLR', 'UKR', 'KAZ', 'KGZ', 'TJK', 'UZB', 'TKM', 'MDA', 'SUN']);
const NO_READINGS: readonly string[] = Object.freeze([]);

/** Whether a lower-cased ASCII letter code is a vowel (Y included). */
function isVowelCode(c: number): boolean {
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121;
}

/** Whether an ASCII letter code, either case. */
function isAsciiLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

/** Whether the name has an X, or a C not in CH, CK or CT: the letters the reading changes (either case). */
function hasGostLetter(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i) | 32;
    if (c === 120) return true;
    if (c === 99) {
      const d = name.charCodeAt(i + 1) | 32;
      if (d !== 104 && d !== 107 && d !== 116) return true;
    }
  }
  return false;
}

/** Whether name[from, end) ends with the lower-case `ending`, in either case. */
function endsWith(name: string, from: number, end: number, ending: string): boolean {
  const start = end - ending.length;
  if (start < from) return false;
  for (let k = 0; k < ending.length; k++) {
    if ((name.charCodeAt(start + k) | 32) !== ending.charCodeAt(k)) return false;
  }
  return true;
}

/** Whether a word of the name looks Russian (see russianLatinReadings). Words are runs of ASCII letters. */
function looksRussian(name: string): boolean {
  for (let i = 0; i < name.length;) {
    if (!isAsciiLetter(name.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    while (end < name.length && isAsciiLetter(name.charCodeAt(end))) end++;
    if (end - i >= 3) {
      if (
        (name.charCodeAt(i) | 32) === 116 &&
        (name.charCodeAt(i + 1) | 32) === 99 &&
        isVowelCode(name.charCodeAt(i + 2) | 32)
      ) {
        return true;
      }
      const endings = RUSSIAN_ENDINGS.get(name.charCodeAt(end - 1) | 32);
      if (endings !== undefined) for (const ending of endings) if (endsWith(name, i + 1, end, ending)) return true;
    }
    i = end;
  }
  return false;
}

/** A lower-case ASCII word in GOST R 52535.1 or GOST 7.79 B spelling respelled (see russianLatinReadings). */
export function englishFromGost(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    const d = word[i + 1];
    if (c === 'x') out += 'kh';
    else if (c === 's' && d === 'h' && word[i + 2] === 'h') {
      out += 'shch';
      i += 2;
    } else if (c === 't' && d === 'c' && d !== undefined && isVowelCode(word.charCodeAt(i + 2))) {
      out += 'ts';
      i++;
    } else if (c === 'c' && d === 'z') {
      out += 'ts';
      i++;
    } else if (c === 'c' && d !== 'h' && d !== 'k' && d !== 't') out += 'ts';
    else if (c === 'j' && i > 0 && isVowelCode(word.charCodeAt(i - 1))) out += 'y';
    else out += c;
  }
  return out;
}

/** A word respelled by englishFromGost, written as it was: XABAROV → KHABAROV, Xabarov → Khabarov. */
function respellGost(word: string): string {
  const lower = word.toLowerCase();
  const english = englishFromGost(lower);
  if (english === lower) return word;
  if (word === lower) return english;
  if (word === word.toUpperCase()) return english.toUpperCase();
  return word[0] === lower[0] ? english : english[0]!.toUpperCase() + english.slice(1);
}

/**
 * Each Latin name read as GOST R 52535.1 or GOST 7.79 B spelling where it looks Russian (see above), for names that
 * change: the readings to screen besides the names themselves. Most names have no X and no C outside CH and CK, and
 * cost one pass over their letters.
 */
export function russianLatinReadings(
  names: readonly string[],
  nationalities: readonly string[] | string | undefined,
): readonly string[] {
  let out: string[] | undefined;
  let country: boolean | undefined;
  for (const name of names) {
    if (!hasGostLetter(name)) continue;
    if (!looksRussian(name)) {
      country ??= ofNationality(nationalities, CYRILLIC_COUNTRIES);
      if (!country) continue;
    }
    const reading = name.replace(/[A-Za-z]+/g, respellGost);
    if (reading !== name) (out ??= []).push(reading);
  }
  return out ?? NO_READINGS;
}
