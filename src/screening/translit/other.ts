/**
 * Hebrew, the Indian scripts, Ethiopic and Thai to a Latin spelling good enough for a phonetic skeleton: these
 * scripts appear among travellers' names and must neither raise false alerts nor stay unmatchable against their
 * romanised forms. Hebrew follows the simplified ISO 259 / Israeli passport practice, Devanagari (and the Indian
 * scripts laid out as it is) the Hunterian system (with the inherent vowel dropped at word end, as in Ram for राम),
 * Ethiopic (Ge'ez: Amharic, Tigrinya) the spellings Ethiopian and Eritrean documents use, Thai the RTGS initial
 * values.
 */

import { appendLossy } from './arabic.js';

const hebrew: Record<string, string> = {
  א: 'e',
  ב: 'b',
  ג: 'g',
  ד: 'd',
  ה: 'h',
  ז: 'z',
  ח: 'kh',
  ט: 't',
  י: 'y',
  כ: 'k',
  ך: 'k',
  ל: 'l',
  מ: 'm',
  ם: 'm',
  נ: 'n',
  ן: 'n',
  ס: 's',
  ע: 'e',
  פ: 'p',
  ף: 'f',
  צ: 'ts',
  ץ: 'ts',
  ק: 'k',
  ר: 'r',
  ש: 'sh',
  ת: 't',
};

/** Romanises a run of Hebrew letters: vav is V at a word start or doubled, else the vowel O/U. */
export function romaniseHebrew(run: string): string {
  const s = Array.from(run.normalize('NFD').replace(/\p{M}/gu, ''));
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === 'ו') {
      if (s[i + 1] === 'ו') {
        out += 'v';
        i++;
      } else out += i === 0 ? 'v' : 'o';
    } else out = appendLossy(out, hebrew[c] ?? '');
  }
  return out;
}

const devConsonants: Record<string, string> = {
  क: 'k',
  ख: 'kh',
  ग: 'g',
  घ: 'gh',
  ङ: 'n',
  च: 'ch',
  छ: 'chh',
  ज: 'j',
  झ: 'jh',
  ञ: 'n',
  ट: 't',
  ठ: 'th',
  ड: 'd',
  ढ: 'dh',
  ण: 'n',
  त: 't',
  थ: 'th',
  द: 'd',
  ध: 'dh',
  न: 'n',
  प: 'p',
  फ: 'ph',
  ब: 'b',
  भ: 'bh',
  म: 'm',
  य: 'y',
  र: 'r',
  ल: 'l',
  व: 'v',
  श: 'sh',
  ष: 'sh',
  स: 's',
  ह: 'h',
  ळ: 'l',
  // Composed with the nukta (NFC keeps these three whole): Tamil ன, ற, ழ are their twins.
  ऩ: 'n',
  ऱ: 'r',
  ऴ: 'l',
};
const devNukta: Record<string, string> = { क: 'q', ख: 'kh', ग: 'gh', ज: 'z', ड: 'r', ढ: 'rh', फ: 'f' };
const devVowels: Record<string, string> = {
  ऎ: 'e',
  ऒ: 'o',
  अ: 'a',
  आ: 'a',
  इ: 'i',
  ई: 'i',
  उ: 'u',
  ऊ: 'u',
  ऋ: 'ri',
  ए: 'e',
  ऐ: 'ai',
  ओ: 'o',
  औ: 'au',
};
const devMatras: Record<string, string> = {
  'ॆ': 'e',
  'ॊ': 'o',
  'ा': 'a',
  'ि': 'i',
  'ी': 'i',
  'ु': 'u',
  'ू': 'u',
  'ृ': 'ri',
  'े': 'e',
  'ै': 'ai',
  'ो': 'o',
  'ौ': 'au',
};

/** Letters of the other Indian scripts that Devanagari's layout lacks: Bengali ৎ, Gurmukhi tippi, Malayalam chillus. */
const indicOwn: Record<number, string> = {
  0x09ce: 'त्',
  0x0a70: 'ं',
  0x0d7a: 'ण्',
  0x0d7b: 'न्',
  0x0d7c: 'र्',
  0x0d7d: 'ल्',
  0x0d7e: 'ळ्',
  0x0d7f: 'क्',
};

/**
 * The Devanagari letter of a letter of another Indian script: Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu,
 * Kannada and Malayalam keep Devanagari's layout (ISCII's), each in its own block of 128 code points, so a letter
 * is the Devanagari one at the same offset. Letters without a Devanagari twin are spelled out.
 */
function asDevanagari(c: string): string {
  const cp = c.codePointAt(0)!;
  if (cp < 0x0980 || cp > 0x0d7f) return c;
  const spelled = indicOwn[cp];
  if (spelled !== undefined) return spelled;
  return String.fromCharCode(0x0900 + (cp & 0x7f));
}

/**
 * Romanises a run of Devanagari or of another Indian script (one or more words; see asDevanagari). The text is in
 * composed form (normaliseText): a vowel sign such as Bengali ো stays one sign (o), not the two it decomposes to.
 */
export function romaniseIndic(run: string): string {
  const s = Array.from(run.normalize('NFC')).flatMap((c) => Array.from(asDevanagari(c)));
  let out = '';
  let inherent = false; // a consonant was written and still carries its inherent "a"
  const flush = (): void => {
    if (inherent) out += 'a';
    inherent = false;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const cons = devConsonants[c];
    if (cons !== undefined) {
      flush();
      out += s[i + 1] === '\u093c' ? (devNukta[c] ?? cons) : cons;
      if (s[i + 1] === '\u093c') i++;
      inherent = true;
    } else if (devMatras[c] !== undefined) {
      inherent = false;
      out += devMatras[c];
    } else if (c === '\u094d') {
      inherent = false; // virama: no vowel
    } else if (devVowels[c] !== undefined) {
      flush();
      out += devVowels[c];
    } else if (c === 'ं' || c === 'ँ') {
      flush();
      out += 'n';
    } else if (c === 'ः') {
      flush();
      out += 'h';
    } else if (c === ' ') {
      inherent = false; // schwa deletion at a word end
      out += ' ';
    }
  }
  return out;
}

const thaiConsonants: Record<string, string> = {
  ก: 'k',
  ข: 'kh',
  ฃ: 'kh',
  ค: 'kh',
  ฅ: 'kh',
  ฆ: 'kh',
  ง: 'ng',
  จ: 'ch',
  ฉ: 'ch',
  ช: 'ch',
  ซ: 's',
  ฌ: 'ch',
  ญ: 'y',
  ฎ: 'd',
  ฏ: 't',
  ฐ: 'th',
  ฑ: 'th',
  ฒ: 'th',
  ณ: 'n',
  ด: 'd',
  ต: 't',
  ถ: 'th',
  ท: 'th',
  ธ: 'th',
  น: 'n',
  บ: 'b',
  ป: 'p',
  ผ: 'ph',
  ฝ: 'f',
  พ: 'ph',
  ฟ: 'f',
  ภ: 'ph',
  ม: 'm',
  ย: 'y',
  ร: 'r',
  ฤ: 'rue',
  ล: 'l',
  ฦ: 'lue',
  ว: 'w',
  ศ: 's',
  ษ: 's',
  ส: 's',
  ห: 'h',
  ฬ: 'l',
  อ: '',
  ฮ: 'h',
};
const thaiVowels: Record<string, string> = {
  ะ: 'a',
  'ั': 'a',
  า: 'a',
  ำ: 'am',
  'ิ': 'i',
  'ี': 'i',
  'ึ': 'ue',
  'ื': 'ue',
  'ุ': 'u',
  'ู': 'u',
  ๅ: '',
};
const thaiLeading: Record<string, string> = { เ: 'e', แ: 'ae', โ: 'o', ใ: 'ai', ไ: 'ai' };

/**
 * Reads a run of Thai letters one by one, a leading vowel (เ แ โ ใ ไ) after the consonant it precedes: how Lao,
 * laid out as Thai is, is read (southeast-asian.ts, romaniseLao). Thai itself is read by syllables (thai.ts).
 */
export function romaniseThaiLetters(run: string): string {
  const s = Array.from(run);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const lead = thaiLeading[c];
    if (lead !== undefined) {
      const next = s[i + 1];
      const cons = next === undefined ? undefined : thaiConsonants[next];
      if (cons !== undefined) {
        out += cons + lead;
        i++;
      } else out += lead;
    } else if (s[i + 1] === '์') {
      i++; // thanthakhat silences the letter it sits on
    } else {
      out += thaiConsonants[c] ?? thaiVowels[c] ?? '';
    }
  }
  return out;
}

/**
 * Ethiopic consonants by row (U+1200 + 8 × row): each row holds one consonant in its seven vowel orders (and an
 * eighth, labialised, form). Rows marked `w` are the labialised consonants (ቈ qw, ኰ kw, ጐ gw…). The ejectives and
 * the letters two sounds once had are spelled as names are spelled in Latin letters: ጠ T, ጨ CH, ጰ P, ሐ and ኀ H,
 * ሠ S, ጸ and ፀ TS; Tigrinya ኸ and ቐ as K and Q (TEKLE for ተኸለ). The glottal carriers አ and ዐ are vowels alone.
 */
const ethiopicRows = [
  'h', 'l', 'h', 'm', 's', 'r', 's', 'sh', 'q', 'qw', 'q', 'qw', 'b', 'v', 't', 'ch',
  'h', 'hw', 'n', 'ny', '', 'k', 'kw', 'k', 'kw', 'w', '', 'z', 'zh', 'y', 'd', 'd',
  'j', 'g', 'gw', 'ng', 't', 'ch', 'p', 'ts', 'ts', 'f', 'p', 'my',
]; // prettier-ignore
/**
 * The vowel of each order: first ä (written E in names: TESFAY, GEBRE; A on a glottal carrier: ABRAHAM), then
 * u, i, a, e, the sixth (ə or none: the bare consonant), o, and the labialised wa.
 */
const ethiopicVowels = ['e', 'u', 'i', 'a', 'e', '', 'o', 'wa'];

/** Romanises a run of Ethiopic syllables. */
export function romaniseEthiopic(run: string): string {
  let out = '';
  for (const ch of run) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x1200 || cp > 0x135f) {
      if (ch === ' ') out += ' ';
      continue;
    }
    const row = (cp - 0x1200) >> 3;
    const order = cp & 7;
    const consonant = ethiopicRows[row] ?? '';
    const vowel = consonant === '' && order === 0 ? 'a' : (ethiopicVowels[order] ?? '');
    out += consonant + (consonant.endsWith('w') && vowel.startsWith('w') ? vowel.slice(1) : vowel);
  }
  return out;
}
