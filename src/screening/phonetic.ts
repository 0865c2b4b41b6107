/**
 * The phonetic skeleton of a romanised word: the sequence of its consonant classes, vowels dropped and
 * doubled letters collapsed. It is what survives between romanisations: Arabic writes no short vowels, and
 * Muhammad, Mohammed, Mohamed and محمد ("mhmd") all give MHMD; Hussein/Husayn/حسين give HSN; Yusuf/Youssef SF.
 * The classes come from the romanisation standards, not from any list of names:
 *  - vowels, W and Y drop (و/ي are written W/U/O/OU and Y/I/E/EE; й/ы/-ий endings give Y/I/J);
 *  - SH, SCH, CH, SHCH, SCHTSCH, CHTCH, TSCH, TCH → S (ш/щ/ч in English, French, German; ش SH/CH/SCH;
 *    ICAO strips Ş, Š, Č to S and C), and TS/TZ → S;
 *  - ZH, J, DJ, DZH → J (ж ZH/J; ج J/DJ); KH → H (خ KH/H, х KH/H); GH → G; TH → T; DH → D; PH/V → F;
 *  - Q, K, CK, hard C, QU → K; C before E/I/Y → S; X → KS;
 *  - a final H after a vowel drops (Fatimah/Fatima, ة), and J at a word end or before a consonant is a vowel
 *    (Jurij/Yuriy).
 */

function isVowel(c: string | undefined): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || c === 'y' || c === 'w';
}

/** Vowel-slot bits: which vowels a slot between two consonants holds. */
export const SLOT_A = 1;
export const SLOT_I = 2;
export const SLOT_U = 4;
/** Two or more vowel letters (a long vowel or diphthong: ee, ou, ai, ay). */
export const SLOT_LONG = 8;
/** A letter that may stand for any vowel or none (ع, hamza). */
export const SLOT_ANY = 16;

function vowelBits(c: string, lossy: boolean): number {
  if (lossy) {
    if (c === 'a') return SLOT_A;
    if (c === 'y') return SLOT_I;
    if (c === 'w' || c === 'o') return SLOT_U;
    return SLOT_ANY;
  }
  if (c === 'a') return SLOT_A;
  if (c === 'e') return SLOT_A | SLOT_I;
  if (c === 'i' || c === 'y') return SLOT_I;
  return SLOT_U;
}

let slots = '';
/** The vowel slots of the last skeleton() call: one character per slot (before, between and after consonants). */
export function lastVowelSlots(): string {
  return slots;
}

/**
 * The consonant-class skeleton of a lower-case a–z word (may be empty for an all-vowel word). Also records the
 * word's vowel slots (see lastVowelSlots): for a word from Arabic script, which long vowels it writes; for a
 * Latin one, which vowels it spells, so حسين (with ي) can be told from Hassan.
 */
export function skeleton(word: string, lossy = false): string {
  let out = '';
  const n = word.length;
  let i = 0;
  slots = '';
  let bits = 0;
  let letters = 0;
  let lastVowel = '';
  const push = (cls: string): void => {
    if (out.length === 0 || out[out.length - 1] !== cls) {
      slots += String.fromCharCode(64 + (letters >= 2 && !lossy ? bits | SLOT_LONG : bits));
      bits = 0;
      letters = 0;
      out += cls;
    }
  };
  while (i < n) {
    const c = word[i]!;
    const d = word[i + 1];
    if (isVowel(c)) {
      bits |= vowelBits(c, lossy);
      letters++;
      lastVowel = c;
      i++;
      continue;
    }
    if (word.startsWith('schtsch', i)) {
      push('S');
      i += 7;
      continue;
    }
    if (word.startsWith('shch', i) || word.startsWith('chtch', i) || word.startsWith('tsch', i)) {
      push('S');
      i += word.startsWith('chtch', i) ? 5 : 4;
      continue;
    }
    if (word.startsWith('sch', i) || word.startsWith('tch', i) || word.startsWith('dzh', i)) {
      push(c === 'd' ? 'J' : 'S');
      i += 3;
      continue;
    }
    switch (c) {
      case 's':
        push('S');
        i += d === 'h' ? 2 : 1;
        continue;
      case 'c':
        if (d === 'h') {
          push('S');
          i += 2;
        } else if (d === 'k') {
          push('K');
          i += 2;
        } else {
          push(d === 'e' || d === 'i' || d === 'y' ? 'S' : 'K');
          i++;
        }
        continue;
      case 't':
        if (d === 'h') push('T');
        else if (d === 's' || d === 'z') push('S');
        else push('T');
        i += d === 'h' || d === 's' || d === 'z' ? 2 : 1;
        continue;
      case 'd':
        if (d === 'j' || (d === 'z' && word[i + 2] === 'h')) {
          push('J');
          i += d === 'j' ? 2 : 3;
        } else {
          push('D');
          i += d === 'h' ? 2 : 1;
        }
        continue;
      case 'z':
        push(d === 'h' ? 'J' : 'Z');
        i += d === 'h' ? 2 : 1;
        continue;
      case 'k':
        push(d === 'h' ? 'H' : 'K');
        i += d === 'h' ? 2 : 1;
        continue;
      case 'g':
        push('G');
        i += d === 'h' ? 2 : 1;
        continue;
      case 'p':
        push(d === 'h' ? 'F' : 'P');
        i += d === 'h' ? 2 : 1;
        continue;
      case 'q':
        push('K');
        i += d === 'u' && isVowel(word[i + 2]) ? 2 : 1;
        continue;
      case 'x':
        push('K');
        push('S');
        i++;
        continue;
      case 'v':
      case 'f':
        push('F');
        i++;
        continue;
      case 'j':
        // A J closing a syllable is the Slavic й (Jurij, Nikolaj): a vowel here.
        if ((d === undefined || !isVowel(d)) && i > 0 && isVowel(word[i - 1])) {
          i++;
          continue;
        }
        push('J');
        i++;
        continue;
      case 'h':
        // A final H after a vowel is the ة / -ah ending and is often not written: drop it.
        if (d === undefined && i > 0 && isVowel(word[i - 1])) {
          i++;
          continue;
        }
        push('H');
        i++;
        continue;
      default:
        if (c >= 'a' && c <= 'z') push(c.toUpperCase());
        i++;
    }
  }
  // A lone final E is silent in French and English spellings (Abderrahmane, Karime): no vowel.
  if (!lossy && letters === 1 && lastVowel === 'e') bits = 0;
  slots += String.fromCharCode(64 + (letters >= 2 && !lossy ? bits | SLOT_LONG : bits));
  return out;
}
