/**
 * Script detection by code point ranges. The transliterator dispatches on it, and the scorer uses it to know
 * when a name came through a lossy transliteration (Arabic and Hebrew omit short vowels).
 */

/** The writing systems the engine distinguishes. */
export type Script =
  | 'latin'
  | 'cyrillic'
  | 'greek'
  | 'georgian'
  | 'armenian'
  | 'arabic'
  | 'hebrew'
  | 'indic'
  | 'ethiopic'
  | 'khmer'
  | 'lao'
  | 'burmese'
  | 'thai'
  | 'kana'
  | 'han'
  | 'hangul'
  | 'other';

/** The script of one code point, or 'other' for digits, punctuation and unsupported scripts. */
export function scriptOf(cp: number): Script {
  if (cp < 0x80) return (cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a ? 'latin' : 'other';
  // Latin-1, Extended-A and -B, the IPA extensions (Azerbaijani ə, the ɛ ɔ ɓ ɗ ŋ of African orthographies) and
  // Extended Additional (Vietnamese).
  if (cp <= 0x02af || (cp >= 0x1e00 && cp <= 0x1eff))
    return cp >= 0xc0 && cp !== 0xd7 && cp !== 0xf7 ? 'latin' : 'other';
  if (cp >= 0x0370 && cp <= 0x03ff) return 'greek';
  if (cp >= 0x1f00 && cp <= 0x1fff) return 'greek';
  if (cp >= 0x0400 && cp <= 0x052f) return 'cyrillic';
  if (cp >= 0x0530 && cp <= 0x058f) return 'armenian';
  if (cp >= 0x0590 && cp <= 0x05ff) return 'hebrew';
  if ((cp >= 0x0600 && cp <= 0x06ff) || (cp >= 0x0750 && cp <= 0x077f) || (cp >= 0xfb50 && cp <= 0xfeff)) {
    return cp === 0xfeff ? 'other' : 'arabic';
  }
  // Devanagari and the Indian scripts laid out as it is, 128 code points each (Bengali, Gurmukhi, Gujarati, Oriya,
  // Tamil, Telugu, Kannada, Malayalam).
  if (cp >= 0x0900 && cp <= 0x0d7f) return 'indic';
  if (cp >= 0x1200 && cp <= 0x139f) return cp === 0x1361 || cp === 0x1362 ? 'other' : 'ethiopic';
  if (cp >= 0x0e00 && cp <= 0x0e7f) return 'thai';
  if (cp >= 0x0e80 && cp <= 0x0eff) return 'lao';
  if (cp >= 0x1000 && cp <= 0x109f) return 'burmese';
  if (cp >= 0x1780 && cp <= 0x17ff) return 'khmer';
  if ((cp >= 0x10a0 && cp <= 0x10ff) || (cp >= 0x1c90 && cp <= 0x1cbf)) return 'georgian';
  if ((cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f) || (cp >= 0xac00 && cp <= 0xd7af)) {
    return 'hangul';
  }
  if ((cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x31f0 && cp <= 0x31ff) || (cp >= 0xff66 && cp <= 0xff9f)) {
    return 'kana';
  }
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2ebef)) {
    return 'han';
  }
  if (cp >= 0xf900 && cp <= 0xfaff) return 'han';
  return 'other';
}

/** The dominant script of a text (most letters), 'other' when it has no letters the engine knows. */
export function dominantScript(text: string): Script {
  const counts = new Map<Script, number>();
  for (const ch of text) {
    const s = scriptOf(ch.codePointAt(0)!);
    if (s !== 'other') counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  let best: Script = 'other';
  let bestCount = 0;
  for (const [s, n] of counts) {
    if (n > bestCount) {
      best = s;
      bestCount = n;
    }
  }
  return best;
}

/** Scripts that write consonants and long vowels only, so their romanisation must be compared by skeleton. */
export function isAbjad(script: Script): boolean {
  return script === 'arabic' || script === 'hebrew';
}
