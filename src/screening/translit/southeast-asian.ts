/**
 * Khmer, Lao and Burmese to a Latin spelling good enough for a phonetic skeleton, as these countries' documents and
 * lists spell names: Khmer after the UNGEGN system (final aspirates written plain: សុខ is SOK), Lao as Lao passports
 * write it (the French-based spellings: ວ is V, ຊ is S), Burmese after the conventions names follow in Latin letters
 * (AUNG, KYAW, HTUN, HLA, SHWE), one word a syllable, as names are written in Latin letters (အောင်ဆန်းစုကြည် is
 * AUNG SAN SU KYI). Tones and vowel length are not written: the skeleton does not read them.
 */
import { romaniseThaiLetters } from './other.js';

// ---------------------------------------------------------------- Khmer

/** Khmer consonants U+1780 … U+17A2 (អ carries a vowel alone). */
const khmerConsonants = [
  'k', 'kh', 'k', 'kh', 'ng', 'ch', 'chh', 'ch', 'chh', 'nh', 'd', 'th', 'd', 'th', 'n', 't',
  'th', 't', 'th', 'n', 'b', 'ph', 'p', 'ph', 'm', 'y', 'r', 'l', 'v', 's', 's', 's',
  'h', 'l', '',
]; // prettier-ignore
/** Independent vowels U+17A3 … U+17B3. */
const khmerVowels = ['a', 'a', 'e', 'ei', 'o', 'ou', 'ou', 'au', 'ru', 'ru', 'lu', 'lu', 'ae', 'ai', 'ao', 'ao', 'au'];
/** Vowel signs U+17B6 … U+17C8 (ំ is M, ះ H). */
const khmerSigns = [
  'a', 'e', 'ei', 'oe', 'eu', 'o', 'ou', 'uo', 'aeu', 'oea', 'ie', 'e', 'ae', 'ai', 'ao', 'au', 'm', 'h', '',
]; // prettier-ignore

/** An aspirate closing a word is written plain (UNGEGN): SOKH is SOK. */
function plainFinal(word: string): string {
  return word.replace(/(k|ch|t|p)h+$/, '$1');
}

/** Romanises a run of Khmer (words as spaced; a subscript consonant follows the one above it). */
export function romaniseKhmer(run: string): string {
  let out = '';
  for (const ch of run) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x1780 && cp <= 0x17a2) out += khmerConsonants[cp - 0x1780]!;
    else if (cp >= 0x17a3 && cp <= 0x17b3) out += khmerVowels[cp - 0x17a3]!;
    else if (cp >= 0x17b6 && cp <= 0x17c8) out += khmerSigns[cp - 0x17b6]!;
    else if (ch === ' ') out += ' ';
  }
  return out.split(' ').map(plainFinal).join(' ');
}

// ---------------------------------------------------------------- Lao

/**
 * Lao letters are laid out as their Thai twins are, 128 code points later: a Lao letter is read as the Thai one
 * (romaniseThaiLetters), except where Lao spells it otherwise: ວ V (as Thai ฟ's F), ຊ S, ົ a vowel, ຼ L, ໜ N, ໝ M.
 */
const laoOwn: Record<number, string> = {
  0x0ea7: 'ฟ',
  0x0e8a: 'ซ',
  0x0ebb: 'ุ',
  0x0ebc: 'ล',
  0x0edc: 'น',
  0x0edd: 'ม',
};

/** Romanises a run of Lao. */
export function romaniseLao(run: string): string {
  let thai = '';
  for (const ch of run) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x0e80 || cp > 0x0eff) thai += ch;
    else thai += laoOwn[cp] ?? String.fromCharCode(cp - 0x80);
  }
  return romaniseThaiLetters(thai);
}

// ---------------------------------------------------------------- Burmese

/** Burmese consonants U+1000 … U+1021 (အ carries a vowel alone). */
const burmeseConsonants = [
  'k', 'kh', 'g', 'g', 'ng', 's', 's', 'z', 'z', 'ny', 'ny', 't', 'ht', 'd', 'd', 'n',
  't', 'ht', 'd', 'd', 'n', 'p', 'ph', 'b', 'b', 'm', 'y', 'y', 'l', 'w', 'th', 'h',
  'l', '',
]; // prettier-ignore
/** Independent vowels U+1023 … U+102A. */
const burmeseVowels = ['i', 'i', 'u', 'u', '', 'e', '', 'aw'];
const ASAT = 0x103a;
const VIRAMA = 0x1039;
const DOT_BELOW = 0x1037;

/** What a final consonant (with asat) sounds like after a syllable with no vowel sign: ဝင်း WIN, ဆန်း SAN. */
const bareFinals: Record<string, string> = { ng: 'in', ny: 'i', k: 'et', s: 'it', t: 'at', n: 'an', m: 'an', p: 'at' };

/** One Burmese syllable's parts, read in storage order. */
interface Syllable {
  onset: string;
  medial: string;
  vowel: string;
  final: string;
}

function spell(s: Syllable): string {
  let onset = s.onset;
  let medial = s.medial;
  // Medial H: ရှ and လျှ are SH, otherwise the H comes first (HLA, HMWE, HNIN).
  if (medial.includes('h')) {
    medial = medial.replace('h', '');
    if (onset === 'y' || (onset === 'l' && medial.includes('y'))) {
      onset = 'sh';
      medial = medial.replace('y', '');
    } else onset = 'h' + onset;
  }
  // Medial Y after KH is CH (CHIT), after the others Y (KYAW, MYINT).
  if (medial.includes('y') && onset === 'kh') {
    onset = 'ch';
    medial = medial.replace('y', '');
  }
  let vowel = s.vowel;
  if (vowel === 'ea') vowel = 'aw';
  if (vowel === 'iu') vowel = 'o';
  let final = s.final;
  // Medial W with a final and no vowel sign is U (ထွန်း HTUN, ကွတ် KUT).
  if (final !== '' && vowel === '' && medial.includes('w')) {
    medial = medial.replace('w', '');
    vowel = 'u';
    final = final === 'm' || final === 'n' ? 'n' : final === 'ng' ? 'ng' : 't';
  }
  if (final !== '') {
    if (vowel === '') {
      vowel = '';
      final = bareFinals[final] ?? 'a' + final;
    } else if (vowel === 'aw' && final === 'ng') {
      vowel = 'au';
    } else if (vowel === 'o' && final === 'ng') {
      vowel = 'ai';
    } else if (vowel === 'i' && (final === 'n' || final === 'm')) {
      vowel = 'ei';
      final = 'n';
    } else if (vowel === 'u' && (final === 'n' || final === 'm')) {
      vowel = 'ou';
      final = 'n';
    }
  } else if (vowel === '') vowel = 'a';
  return onset + medial + vowel + final;
}

/**
 * Romanises a run of Burmese, one word a syllable: a syllable starts at a consonant that neither closes the one
 * before (asat ်) nor is stacked under it (virama ္).
 */
export function romaniseBurmese(run: string): string {
  const cps = Array.from(run, (c) => c.codePointAt(0)!);
  const words: string[] = [];
  let syl: Syllable | undefined;
  const end = (): void => {
    if (syl !== undefined) words.push(spell(syl));
    syl = undefined;
  };
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!;
    if (cp >= 0x1000 && cp <= 0x1021) {
      const letter = burmeseConsonants[cp - 0x1000]!;
      // The creaky-tone dot may come between a final and its asat (င့်).
      const after = cps[i + 1] === DOT_BELOW && cps[i + 2] === ASAT ? ASAT : cps[i + 1];
      if (after === ASAT || after === VIRAMA) {
        // A final: closes the syllable (a stacked consonant also opens the next, read as its onset).
        if (syl === undefined) syl = { onset: '', medial: '', vowel: '', final: '' };
        syl.final = letter;
        if (after === VIRAMA) {
          // The stacked consonant, after the virama, opens the next syllable.
          end();
          const next = cps[i + 2];
          const onset = next !== undefined && next >= 0x1000 && next <= 0x1021 ? burmeseConsonants[next - 0x1000]! : '';
          syl = { onset, medial: '', vowel: '', final: '' };
          i += 2;
          continue;
        }
        i += cps[i + 1] === DOT_BELOW ? 2 : 1;
        continue;
      }
      end();
      syl = { onset: letter, medial: '', vowel: '', final: '' };
    } else if (cp >= 0x1023 && cp <= 0x102a) {
      end();
      syl = { onset: '', medial: '', vowel: burmeseVowels[cp - 0x1023]!, final: '' };
    } else if (syl === undefined) {
      if (cp === 0x20) words.push(' ');
    } else if (cp === 0x102b || cp === 0x102c) syl.vowel += 'a';
    else if (cp === 0x102d || cp === 0x102e) syl.vowel += 'i';
    else if (cp === 0x102f || cp === 0x1030) syl.vowel += 'u';
    else if (cp === 0x1031) syl.vowel = 'e' + syl.vowel;
    else if (cp === 0x1032) syl.vowel += 'e';
    else if (cp === 0x1036) syl.final = 'n';
    else if (cp === 0x103b || cp === 0x103c) syl.medial += 'y';
    else if (cp === 0x103d) syl.medial += 'w';
    else if (cp === 0x103e) syl.medial += 'h';
    else if (cp === 0x20) {
      end();
      words.push(' ');
    }
  }
  end();
  return words.join(' ').replace(/ {2,}/g, ' ').trim();
}
