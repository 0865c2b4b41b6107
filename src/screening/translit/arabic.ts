/**
 * Arabic script (Arabic, Persian, Urdu, Pashto letters) to a Latin consonant spelling. Arabic writes consonants
 * and long vowels only, so the output ("mhmd" for محمد) is never compared letter by letter with an English
 * spelling: the scorer compares its phonetic skeleton, in which vowels, W and Y drop and the romanisation
 * classes meet (ق Q/K/G, ث TH/T, ذ DH/D, خ KH/H, ش SH/CH/SCH). The article ال is split off as its own word
 * ("al"), as Latin spellings write it (al-, el-, ar-, ad-, as-…) or leave it out.
 */

const letters: Record<string, string> = {
  ا: 'a',
  أ: 'a',
  إ: 'i',
  آ: 'a',
  ٱ: 'a',
  ء: 'e',
  ؤ: 'u',
  ئ: 'i',
  ى: 'a',
  ب: 'b',
  ت: 't',
  ث: 'th',
  ج: 'j',
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ذ: 'dh',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'sh',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  ع: 'e',
  غ: 'gh',
  ف: 'f',
  ق: 'q',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  ة: 'a',
  و: 'w',
  ي: 'y',
  // Persian, Urdu, Pashto, Kurdish
  پ: 'p',
  چ: 'ch',
  ژ: 'zh',
  گ: 'g',
  ک: 'k',
  ی: 'y',
  ے: 'y',
  ۍ: 'y',
  ې: 'e',
  ۀ: 'a',
  ہ: 'h',
  ھ: 'h',
  ٹ: 't',
  ڈ: 'd',
  ڑ: 'r',
  ں: 'n',
  ڤ: 'v',
  ۆ: 'o',
  ێ: 'e',
  ڵ: 'l',
  ڕ: 'r',
  ټ: 't',
  ډ: 'd',
  ړ: 'r',
  ږ: 'zh',
  ښ: 'sh',
  ځ: 'dz',
  څ: 'ts',
  ڼ: 'n',
  ګ: 'g',
  ۇ: 'u',
  ۋ: 'v',
  // Short vowel marks when a text carries them
  '\u064e': 'a',
  '\u0650': 'i',
  '\u064f': 'u',
  '\u064b': '',
  '\u064c': '',
  '\u064d': '',
  '\u0652': '',
  '\u0651': '',
  '\u0670': 'a',
  '\u0640': '',
};

const table = new Map<number, string>();
for (const [k, v] of Object.entries(letters)) table.set(k.codePointAt(0)!, v);

const digraphFirst = new Set(['s', 'k', 't', 'd', 'z', 'g', 'p', 'c']);

/**
 * Appends a letter's romanisation; where a consonant meets a following H and the two would read as one digraph
 * (س+ه is not ش), a neutral vowel is written between them, since the skeleton drops it.
 */
export function appendLossy(out: string, letter: string): string {
  if (letter.startsWith('h') && out.length > 0 && digraphFirst.has(out[out.length - 1]!)) return out + 'e' + letter;
  return out + letter;
}

/** Romanises one Arabic-script word (no spaces), splitting off the definite article. */
export function romaniseArabicWord(word: string): string {
  // The name of God is written without its vowels and doubled L: read it as Latin spellings write it.
  if (word === 'الله' || word === 'لله') return 'allah';
  if (word.length > 5 && word.endsWith('الله')) return romaniseArabicWord(word.slice(0, -4)) + 'allah';
  let w = word;
  let prefix = '';
  // و "and" / ب "with" are never written attached to names; only the article is split.
  if (w.length > 3 && w.startsWith('ال')) {
    prefix = 'al ';
    w = w.slice(2);
  }
  // ع and hamza are written as "e" here, a vowel that the scorer reads as "any vowel or none" (Saad, Sa'd,
  // Said); a word-initial ع is a plain vowel in Latin spellings (Abd, Ali, Umar).
  let out = '';
  for (const ch of w) out = appendLossy(out, out === '' && ch === 'ع' ? 'a' : (table.get(ch.codePointAt(0)!) ?? ''));
  return prefix + out;
}

/** Romanises a run of Arabic-script letters, word by word. */
export function romaniseArabic(run: string): string {
  return run
    .split(/\s+/u)
    .map((w) => romaniseArabicWord(w))
    .join(' ');
}

/**
 * Letters only Persian and Urdu write (پ چ ژ گ, Persian ک and ی, Urdu ہ ھ ے ٹ ڈ ڑ ں): a name that has one is read
 * with the Persian letter values (arabicAlternative), one without with the Egyptian ones.
 */
const persianLetters = /[\u067e\u0686\u0698\u06af\u06a9\u06cc\u06c0\u06c1\u06be\u06d2\u0679\u0688\u0691\u06ba]/u;

/** Whether a text has a letter of the Persian or Urdu alphabet that Arabic does not use (see persianLetters). */
export function writesPersian(text: string): boolean {
  return persianLetters.test(text);
}

/**
 * The other reading of a word romanised by romaniseArabicWord, or undefined when it has none: one reading, so a word
 * with many such letters has two spellings, never more.
 *  - In Persian and Urdu (BGN/PCGN 1958 Persian, UNGEGN): و is V where it is a consonant, first in a word or before
 *    a vowel letter (Vahid, Javad, Parviz, Mousavi; Nowruz, Mousa keep their vowel, and so does the و before the
 *    article of Zolfaghar and Abolfazl); ذ is Z (Zakeri, Zulfiqar; ظ is Z already) and ث S (Sabeti; ص is S
 *    already). ض, Z too (Reza, Ramazan), is written D as د is, and keeps it: read as Z it made رضا REZA in every
 *    Mohammad Reza, and near namesakes alerted (on the development set, five more false alerts). Latin spellings
 *    meet by the scorer's Z against D (name-match.ts, zAsD: RAMAZAN, RAMADAN).
 *  - In Arabic script without those letters, the Egyptian practice: ج is G (Gamal, Ragab, Hegazi), and ذ, ث are Z, S
 *    as Egyptian and Levantine speech reads them (Zaki, Sarwat).
 * The primary reading keeps W, DH, TH and J: the Gulf, Iraqi and Maghrebi spellings and the standards of the UN and the
 * Library of Congress write those.
 */
export function arabicAlternative(word: string, persian: boolean): string | undefined {
  // The article's alif after و is not spoken (Dhu al-Fiqar is Zulfiqar, Abu al-Fazl Abolfazl): the vowel is و's.
  let alt = word
    .replace(/dh/g, 'z')
    .replace(/th/g, 's')
    .replace(/(?<=.)wal(?=[^aeiouwy])/g, 'wl');
  alt = persian ? alt.replace(/^w|w(?=[yw]|a(?!l[^aeiouwy]))/g, 'v') : alt.replace(/j/g, 'g');
  return alt === word ? undefined : alt;
}
