/**
 * Hebrew, Devanagari and Thai to a Latin spelling good enough for a phonetic skeleton: these scripts appear
 * among travellers' names and must neither raise false alerts nor stay unmatchable against their romanised
 * forms. Hebrew follows the simplified ISO 259 / Israeli passport practice, Devanagari the Hunterian system
 * (with the inherent vowel dropped at word end, as in Ram for राम), Thai the RTGS initial values.
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
};
const devNukta: Record<string, string> = { क: 'q', ख: 'kh', ग: 'gh', ज: 'z', ड: 'r', ढ: 'rh', फ: 'f' };
const devVowels: Record<string, string> = {
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

/** Romanises a run of Devanagari (one or more words). */
export function romaniseDevanagari(run: string): string {
  const s = Array.from(run.normalize('NFD'));
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

/** Romanises a run of Thai; a leading vowel (เ แ โ ใ ไ) is read after the consonant it precedes. */
export function romaniseThai(run: string): string {
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
