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

/**
 * For each last letter of a word, the first letters of a next word that would change how the two are read joined
 * (bits a = 1 … z = 1 << 25; all set: read the join whole). skeleton() reads ahead only from s, c, t, d, z, k, g, p, q,
 * j and h: SH, CH, CK, CE, TH, TS, TZ, DJ, DH, DZH, ZH, KH, GH, PH; a J before a consonant and a final H after a vowel
 * are silent. A vowel (Y and W read as vowels) or another consonant ends its reading where it stands. The longer
 * spellings across a join (S + CH, TS + CH) read as the two parts do, their classes being the same (S).
 */
const joinBreakers = new Int32Array(26);
{
  const bits = (letters: string): number => {
    let m = 0;
    for (const c of letters) m |= 1 << (c.charCodeAt(0) - 97);
    return m;
  };
  for (const [last, next] of [
    ['s', 'h'],
    ['k', 'h'],
    ['g', 'h'],
    ['p', 'h'],
    ['z', 'h'],
    ['t', 'hszc'],
    ['d', 'jzh'],
    ['c', 'hkeiy'],
  ] as const) {
    joinBreakers[last.charCodeAt(0) - 97] = bits(next);
  }
  joinBreakers[7] = -1; // h
  joinBreakers[9] = -1; // j
}

/**
 * Whether skeleton(a + b) is the skeletons of the two lower-case a–z words one after the other, the class where they
 * meet written once (as skeleton() writes a class repeated across vowels): the last letter of `a` and the first of
 * `b` are no pair joinBreakers lists, `b` does not begin with the J that a vowel before it would make a vowel, nor is
 * it a lone H (a final H after a vowel is dropped). Blocking keys every pair of adjacent words written together
 * (tokens.ts, joinedTokenSkeleton); at a million persons most pairs are new, and reading each joined word letter by
 * letter was a sixth of the index's build.
 */
export function joinReadsApart(a: string, b: string): boolean {
  const last = a.charCodeAt(a.length - 1) - 97;
  const first = b.charCodeAt(0) - 97;
  return (
    b.length >= 2 &&
    first !== 9 /* j */ &&
    last >= 0 &&
    last < 26 &&
    first >= 0 &&
    first < 26 &&
    (joinBreakers[last]! & (1 << first)) === 0
  );
}
