/**
 * Thai to Latin letters after the Royal Thai General System (RTGS), the romanisation of Thai passports and lists:
 * สมชาย is SOMCHAI, บุญมี BUNMI, จันทร์เพ็ญ CHANPHEN, ประเสริฐ PRASOET. Thai writes a syllable's vowel before,
 * above, below or after its consonant, or not at all, and a consonant closing a syllable is read otherwise than one
 * opening it (ญ is Y first and N last, จ CH and T, ร R and N), so the letters are read syllable by syllable:
 *  - a vowel written before its consonant (เ แ โ ใ ไ) is read after it, with the marks that make one vowel with it
 *    (เ–า AO, เ–ีย IA, เ–ือ UEA, เ–ิ and เ–อ OE);
 *  - a syllable opens with a consonant, or two that are read together (กร, ปล, คว…; ห before a sonorant is silent, หญ
 *    is Y; ศร, สร and ทร are S), and is closed by a consonant that no vowel follows, read as a final (K, T, P, N,
 *    M, NG; ย I, ว O; ร after a vowel sign, before another syllable, links with A: สุรชัย is SURACHAI);
 *  - a syllable that writes no vowel has O where a final closes it (สม SOM, พร PHON) and A where it is open (สวัสดิ์
 *    SAWAT, ธนากร THANAKON); อ is a vowel (O) between two consonants (ทอง THONG), ว between a consonant and a final is
 *    UA (ดวง DUANG), and รร is A (ธรรม THAM);
 *  - a letter under the thanthakhat (์) is not read, with its vowel (ศักดิ์ SAK) and, in ทร์, with the T before it
 *    (จันทร์ CHAN); tone marks are not written.
 * Which consonants open a syllable is not written either: where a word could be read two ways (พงศกร is PHONGSAKON),
 * this takes a consonant that no vowel follows as a final. The skeleton does not read vowels, so a vowel read wrong
 * costs little; a consonant read wrong (a final Y for N, a silent letter read) is what kept Thai names from their
 * Latin spellings.
 */

import { ofNationality } from '../../countries/countries.js';
import { scriptOf } from '../scripts.js';

/** Consonants as they open a syllable. */
const INITIAL: Record<string, string> = {
  ก: 'k', ข: 'kh', ฃ: 'kh', ค: 'kh', ฅ: 'kh', ฆ: 'kh', ง: 'ng', จ: 'ch', ฉ: 'ch', ช: 'ch', ซ: 's', ฌ: 'ch',
  ญ: 'y', ฎ: 'd', ฏ: 't', ฐ: 'th', ฑ: 'th', ฒ: 'th', ณ: 'n', ด: 'd', ต: 't', ถ: 'th', ท: 'th', ธ: 'th', น: 'n',
  บ: 'b', ป: 'p', ผ: 'ph', ฝ: 'f', พ: 'ph', ฟ: 'f', ภ: 'ph', ม: 'm', ย: 'y', ร: 'r', ฤ: 'rue', ล: 'l', ฦ: 'lue',
  ว: 'w', ศ: 's', ษ: 's', ส: 's', ห: 'h', ฬ: 'l', อ: '', ฮ: 'h',
}; // prettier-ignore

/** Consonants as they close a syllable (RTGS: the stops as K, T, P; the sonorants as N). */
const FINAL: Record<string, string> = {
  ก: 'k', ข: 'k', ฃ: 'k', ค: 'k', ฅ: 'k', ฆ: 'k', ง: 'ng', จ: 't', ช: 't', ซ: 't', ฌ: 't', ญ: 'n', ฎ: 't', ฏ: 't',
  ฐ: 't', ฑ: 't', ฒ: 't', ณ: 'n', ด: 't', ต: 't', ถ: 't', ท: 't', ธ: 't', น: 'n', บ: 'p', ป: 'p', พ: 'p', ฟ: 'p',
  ภ: 'p', ม: 'm', ย: 'i', ร: 'n', ล: 'n', ว: 'o', ศ: 't', ษ: 't', ส: 't', ฬ: 'n',
}; // prettier-ignore

/** Vowels written before their consonant. */
const BEFORE: Record<string, string> = { เ: 'e', แ: 'ae', โ: 'o', ใ: 'ai', ไ: 'ai' };

/** Vowel signs written above, below or after the consonant (ั alone is A; ัว is UA, read apart). */
const AFTER: Record<string, string> = {
  ะ: 'a', 'ั': 'a', า: 'a', ำ: 'am', 'ิ': 'i', 'ี': 'i', 'ึ': 'ue', 'ื': 'ue', 'ุ': 'u', 'ู': 'u', ๅ: '',
}; // prettier-ignore

/** The second consonants of a cluster read together, by first consonant. */
const CLUSTERS: Record<string, string> = {
  ก: 'รลว', ข: 'รลว', ค: 'รลว', ป: 'รล', พ: 'รล', ผ: 'ล', ต: 'ร', บ: 'รล',
}; // prettier-ignore
/** Clusters read as one sound: ร is silent after ศ, ส, ซ and ท (as S). */
const SILENT_R: Record<string, string> = { ศ: 's', ส: 's', ซ: 's', ท: 's' };
/** Sonorants a silent ห leads (it only gives the tone). */
const LED_BY_H = 'งญนมยรลว';

const THANTHAKHAT = '์';
const MAITAIKHU = '็';

function isConsonant(c: string | undefined): boolean {
  return c !== undefined && c >= 'ก' && c <= 'ฮ';
}

function isVowelSign(c: string | undefined): boolean {
  return c !== undefined && (AFTER[c] !== undefined || c === MAITAIKHU);
}

/** The letters that are read: without tone marks, repetition marks, and what the thanthakhat silences. */
function readLetters(run: string): string[] {
  const out: string[] = [];
  for (const c of run) {
    if (c >= '่' && c <= '๋') continue; // tone marks
    if (c === 'ๆ' || c === 'ฯ') continue;
    if (c !== THANTHAKHAT) {
      out.push(c);
      continue;
    }
    // The letter under it, and a vowel sign between them (ศักดิ์: ดิ์).
    if (isVowelSign(out[out.length - 1]) && isConsonant(out[out.length - 2])) out.length -= 2;
    else if (isConsonant(out[out.length - 1])) {
      const silenced = out.pop();
      // ทร์ and ตร์ after a closed syllable are silent together (จันทร์ is CHAN, อินทร์ IN).
      const before = out[out.length - 1];
      if (silenced === 'ร' && (before === 'ท' || before === 'ต') && isConsonant(out[out.length - 2])) out.pop();
    }
  }
  return out;
}

/** Whether the consonant at i may open a syllable: a vowel sign, a vowel of the next syllable or a final follows it. */
function mayOpen(s: readonly string[], i: number): boolean {
  const next = s[i + 1];
  return isVowelSign(next) || isConsonant(next) || (next !== undefined && BEFORE[next] !== undefined);
}

/**
 * Whether the consonant at i closes a syllable: no vowel sign follows it, and the word ends after it, or the next
 * syllable opens after it (a consonant that may open one, not the second of a cluster with it). A consonant alone at
 * the end cannot be a syllable: the one before it opens that syllable then (ธนากร is THA-NA-KON, นคร NA-KHON).
 */
function closes(s: readonly string[], i: number): boolean {
  if (!isConsonant(s[i])) return false;
  const next = s[i + 1];
  if (next === undefined || next === ' ' || BEFORE[next] !== undefined) return true;
  if (!isConsonant(next) || !mayOpen(s, i + 1)) return false;
  // ร after a vowel sign, before another syllable, links with A (สุรชัย is SURACHAI, จิรวัฒน์ CHIRAWAT).
  if (s[i] === 'ร' && isVowelSign(s[i - 1])) return false;
  return !(CLUSTERS[s[i]!]?.includes(next) === true && isVowelSign(s[i + 2]));
}

/** The final read after `vowel`: ย and ว make a diphthong with it. */
function finalAfter(vowel: string, c: string): string {
  if (c === 'ย') return vowel.endsWith('i') ? '' : 'i';
  if (c === 'ว') return vowel === 'o' || vowel === 'u' ? '' : 'o';
  return FINAL[c] ?? '';
}

/** Romanises a run of Thai (words as spaced) after RTGS; see the top of this file. */
export function romaniseThai(run: string): string {
  const s = readLetters(run);
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    const before = BEFORE[c];
    if (before === undefined && !isConsonant(c)) {
      out += c === ' ' ? ' ' : (AFTER[c] ?? '');
      i++;
      continue;
    }
    let at = before === undefined ? i : i + 1;
    if (!isConsonant(s[at])) {
      out += before ?? '';
      i = at;
      continue;
    }
    // The consonants that open the syllable.
    const first = s[at]!;
    let initial = INITIAL[first] ?? '';
    at++;
    const second = s[at];
    // A cluster needs a vowel after it, or a vowel written before and a letter after it (แก้ว is KAEO, แกว่ง KWAENG).
    const vowelAfter = isVowelSign(s[at + 1]) || (before !== undefined && s[at + 1] !== undefined && s[at + 1] !== ' ');
    if (first === 'ห' && second !== undefined && LED_BY_H.includes(second) && (vowelAfter || s[at + 1] === 'อ')) {
      initial = INITIAL[second] ?? '';
      at++;
    } else if (first === 'อ' && second === 'ย') {
      initial = 'y';
      at++;
    } else if (second === 'ร' && SILENT_R[first] !== undefined && vowelAfter) {
      initial = SILENT_R[first]!;
      at++;
    } else if (second !== undefined && CLUSTERS[first]?.includes(second) === true && vowelAfter) {
      initial += INITIAL[second]!;
      at++;
    }
    // The vowel.
    let vowel: string;
    if (before !== undefined) {
      vowel = before;
      const v = s[at];
      if (before === 'e') {
        if (v === 'า') {
          at++;
          if (s[at] === 'ะ') {
            at++;
            vowel = 'o';
          } else vowel = 'ao';
        } else if (v === 'ี' && s[at + 1] === 'ย') {
          at += 2;
          vowel = 'ia';
        } else if (v === 'ื' && s[at + 1] === 'อ') {
          at += 2;
          vowel = 'uea';
        } else if (v === 'ิ' || (v === 'อ' && !isVowelSign(s[at + 1]))) {
          at++;
          vowel = 'oe';
        } else if (v === MAITAIKHU || v === 'ะ') at++;
      } else if (v === MAITAIKHU || v === 'ะ') at++;
    } else {
      const v = s[at];
      if (v === 'ั' && s[at + 1] === 'ว') {
        at += 2;
        vowel = 'ua';
      } else if (v !== undefined && AFTER[v] !== undefined) {
        at++;
        vowel = AFTER[v]!;
        // ือ: the อ only carries the vowel.
        if (v === 'ื' && s[at] === 'อ') at++;
      } else if (v === MAITAIKHU) {
        at++;
        vowel = 'o';
      } else if (v === 'ร' && s[at + 1] === 'ร') {
        // รร: A, and N unless a final follows.
        at += 2;
        vowel = closes(s, at) ? 'a' : 'an';
      } else if (v === 'อ' && (closes(s, at) || isConsonant(s[at + 1]))) {
        at++;
        vowel = 'o';
      } else if (v === 'ว' && closes(s, at + 1) && !isVowelSign(s[at + 1])) {
        at++;
        vowel = 'ua';
      } else vowel = closes(s, at) ? 'o' : 'a';
    }
    out += initial + vowel;
    // The consonant that closes it (ำ and ะ close the syllable themselves).
    if (vowel !== 'am' && s[at - 1] !== 'ะ' && closes(s, at)) {
      out += finalAfter(vowel, s[at]!);
      at++;
    }
    i = at;
  }
  return out;
}

/**
 * A Thai name is written in Latin letters after RTGS (SIRIPHON THONGDI) or as its bearer spells it (SIRIPORN
 * TONGDEE): aspirates written plain (PH, TH, KH as P, T, K), จ as J, ว as V, long vowels doubled (OO, EE), an R after a
 * vowel that is not read (PORN for พร, CHARN for ชาญ), a final L or CH for the N and T RTGS writes (KUL, PIYANUCH),
 * consonants doubled (NATTAPON), ศรี as SRI. foldThaiLatin writes either as one spelling: SIRIPON TONGDI. It merges
 * letters Thai keeps apart (ป and พ, ต and ท), as the spellings bearers choose do. On the 82 Thai words of the
 * synthetic name pools, the RTGS and the popular spelling fold to the same for 75.
 */
export function foldThaiLatin(name: string): string {
  return name.toLowerCase().replace(/[a-z]+/g, foldWord);
}

function foldWord(word: string): string {
  return word
    .replace(/([ptk])h/g, '$1')
    .replace(/j/g, 'ch')
    .replace(/v/g, 'w')
    .replace(/oo/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/ue/g, 'u')
    .replace(/oe/g, 'e')
    .replace(/^sr/, 's')
    .replace(/([aeiou])r(?=[^aeiouy]|$)/g, '$1')
    .replace(/l$/, 'n')
    .replace(/ch$/, 't')
    .replace(/([bcdfgklmnpstw])\1/g, '$1');
}

const NO_READINGS: readonly string[] = Object.freeze([]);
const THAILAND: ReadonlySet<string> = new Set(['THA']);

/** Whether a string has a character of the Thai block (scripts.ts). */
function hasThai(name: string): boolean {
  for (let i = 0; i < name.length; i++) if (scriptOf(name.charCodeAt(i)) === 'thai') return true;
  return false;
}

/**
 * The names of a Thai person in the one spelling foldThaiLatin writes, for names that change: the readings to screen
 * besides the names themselves, on the list's side and the query's, so that ศิริพร, SIRIPHON and SIRIPORN meet. A name
 * in Thai script is read so (romanised after RTGS, then folded); a name in Latin letters where the person is of
 * Thailand (a Latin name alone does not say it is Thai: folding JOHN to CHON would make him Korean). Every query
 * passes through here: a name without Thai letters, of a person of no Thai nationality, costs one pass over its
 * letters and no allocation.
 */
export function thaiReadings(
  names: readonly string[],
  nationalities: readonly string[] | string | undefined,
): readonly string[] {
  let out: string[] | undefined;
  let thai: boolean | undefined;
  for (const name of names) {
    let reading: string;
    if (hasThai(name)) reading = foldThaiLatin(name.replace(/[\u0e00-\u0e7f]+/g, (run) => romaniseThai(run)));
    else {
      thai ??= ofNationality(nationalities, THAILAND);
      if (!thai) continue;
      reading = foldThaiLatin(name);
    }
    if (reading !== name.toLowerCase()) (out ??= []).push(reading);
  }
  return out ?? NO_READINGS;
}
