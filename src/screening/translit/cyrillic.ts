/**
 * Cyrillic to Latin. One canonical romanisation (English BGN/PCGN style, close to ICAO 9303) is produced; the
 * other schemes (ICAO, GOST 7.79, French, German) differ from it in ways the phonetic skeleton absorbs:
 * vowels and y/i/j-glides are dropped, SH/SCH/CH/SHCH fold together, ZH/J/Z are near, KH/H/CH near.
 * Ukrainian Г is H (ICAO and the Ukrainian national system), detected by the letters only Ukrainian uses.
 * Bulgarian writes Щ as SHT (the official system of 2009, in Bulgarian passports) where Russian has SHCH, which no
 * skeleton folds (SHTEREV is STRF, SHCHEREV SRF): a word with Щ has its Bulgarian reading as an alternative.
 */

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

const ukrainianMarks = /[іїєґ]/u;

/** Romanises a run of lower-case Cyrillic letters (unknown letters are dropped). */
export function romaniseCyrillic(run: string, context: string): string {
  const ukrainian = ukrainianMarks.test(context);
  let out = '';
  for (const ch of run) {
    if (ukrainian && ch === 'г') out += 'h';
    else if (ukrainian && ch === 'и') out += 'y';
    else out += table.get(ch.codePointAt(0)!) ?? '';
  }
  return out;
}

/** The Bulgarian reading of a romanised word with Щ (SHT for SHCH), or undefined when it has none. */
export function bulgarianReading(word: string): string | undefined {
  return word.includes('shch') ? word.replace(/shch/g, 'sht') : undefined;
}
