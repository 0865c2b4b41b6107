/**
 * From any string to lower-case ASCII words: NFKC (full-width and compatibility forms fold), control, format and
 * zero-width characters removed, case folded, look-alike Cyrillic/Greek letters inside Latin words mapped back
 * to Latin (a forged "Ivаn" with a Cyrillic а is still Ivan), then each run of one script romanised by its
 * module. Words keep their script so the scorer knows which came through a lossy transliteration.
 */
import { type Script, isAbjad, scriptOf } from './scripts.js';
import { romaniseArabic } from './translit/arabic.js';
import { romaniseArmenian, romaniseGeorgian } from './translit/caucasian.js';
import { romaniseHan } from './translit/cjk.js';
import { cyrillicAlternative, romaniseCyrillic } from './translit/cyrillic.js';
import { greekAlternative, romaniseGreek } from './translit/greek.js';
import { romaniseKana } from './translit/kana.js';
import { romaniseHangul } from './translit/korean.js';
import { latinAlternative, latinPrimary } from './translit/latin.js';
import { romaniseEthiopic, romaniseIndic, romaniseHebrew } from './translit/other.js';
import { romaniseThai } from './translit/thai.js';
import { romaniseBurmese, romaniseKhmer, romaniseLao } from './translit/southeast-asian.js';

/** Longest name considered; longer input (garbage or an attack) is cut, which keeps screening time bounded. */
export const MAX_NAME_LENGTH = 256;

/** One romanised word of a name. */
export interface RomanWord {
  /** Lower-case a–z only. */
  readonly text: string;
  /** The other accepted spelling when a letter has two (Müller: mueller / muller). */
  readonly alt: string | undefined;
  readonly script: Script;
  /** True when the source script omits vowels, so only the consonant skeleton is meaningful. */
  readonly lossy: boolean;
}

/** Scripts written in syllables whose romanisations are standard per syllable (Chinese, Korean, Japanese). */
export function isSyllabic(script: Script): boolean {
  return script === 'han' || script === 'hangul' || script === 'kana';
}

/**
 * Format characters (Unicode category Cf: zero-width joiner and non-joiner, zero-width space, word joiner, soft hyphen,
 * direction marks and embeddings, the byte-order mark) and the combining grapheme joiner are deleted: they sit inside
 * words without separating them. Standard Persian spelling puts a ZWNJ inside compound names (تقی‌زاده is Taghizadeh),
 * and one pasted into a Latin name (Jo‍hn) would otherwise split it and dodge screening.
 */
const formatChar = /[\p{Cf}\u034f]/u;
/** Format characters, and the controls, line and paragraph separators and Hangul fillers that separate words. */
const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u034f\u115f\u1160\u3164\uffa0]/gu;
/** What an invisible character becomes: nothing for a format character, else a space. */
const unseen = (c: string): string => (formatChar.test(c) ? '' : ' ');

/** NFKC, without control, format and zero-width characters, case folded, whitespace collapsed, length capped. */
export function normaliseText(raw: string): string {
  const cut = raw.length > MAX_NAME_LENGTH * 4 ? raw.slice(0, MAX_NAME_LENGTH * 4) : raw;
  const clean = isPrintableAscii(cut)
    ? collapseSpaces(cut.toLowerCase())
    : cut.normalize('NFKC').replace(invisible, unseen).toLowerCase().replace(/\s+/gu, ' ').trim();
  return clean.length > MAX_NAME_LENGTH ? clean.slice(0, MAX_NAME_LENGTH) : clean;
}

/**
 * Whether every character is printable ASCII (space to tilde), as most names travellers give are. Such text is its
 * own NFKC form and holds no invisible character, and its only white space is the space itself: normaliseText then
 * needs only to lower-case it and collapse its spaces, without the Unicode passes.
 */
function isPrintableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126) return false;
  }
  return true;
}

/** Runs of spaces made one, none at either end. */
function collapseSpaces(s: string): string {
  return s.includes('  ') ? s.replace(/ {2,}/g, ' ').trim() : s.trim();
}

// Cyrillic and Greek letters that look like Latin ones (lower case: the text is case folded first).
const homoglyphs = new Map<string, string>(
  Object.entries({
    а: 'a',
    в: 'b',
    е: 'e',
    к: 'k',
    м: 'm',
    н: 'h',
    о: 'o',
    р: 'p',
    с: 'c',
    т: 't',
    у: 'y',
    х: 'x',
    і: 'i',
    ј: 'j',
    ѕ: 's',
    ԁ: 'd',
    ԛ: 'q',
    ԝ: 'w',
    ү: 'y',
    α: 'a',
    β: 'b',
    ε: 'e',
    ζ: 'z',
    η: 'h',
    ι: 'i',
    κ: 'k',
    μ: 'm',
    ν: 'v',
    ο: 'o',
    ρ: 'p',
    τ: 't',
    υ: 'u',
    χ: 'x',
  }),
);

/** Maps look-alike letters of other scripts to Latin inside words that are mostly Latin. */
function foldHomoglyphs(word: string): string {
  let latin = 0;
  let other = 0;
  for (const ch of word) {
    const s = scriptOf(ch.codePointAt(0)!);
    if (s === 'latin') latin++;
    else if (s === 'cyrillic' || s === 'greek') other++;
  }
  if (other === 0 || latin < other) return word;
  let out = '';
  for (const ch of word) out += homoglyphs.get(ch) ?? ch;
  return out;
}

const apostrophes = new Set(["'", '’', '‘', 'ʼ', 'ʻ', '`', '´', 'ʿ', 'ʾ']);

function romaniseRun(script: Script, run: string, context: string): string {
  switch (script) {
    case 'cyrillic':
      return romaniseCyrillic(run, context);
    case 'greek':
      return romaniseGreek(run);
    case 'georgian':
      return romaniseGeorgian(run);
    case 'armenian':
      return romaniseArmenian(run);
    case 'arabic':
      return romaniseArabic(run);
    case 'hebrew':
      return romaniseHebrew(run);
    case 'indic':
      return romaniseIndic(run);
    case 'ethiopic':
      return romaniseEthiopic(run);
    case 'khmer':
      return romaniseKhmer(run);
    case 'lao':
      return romaniseLao(run);
    case 'burmese':
      return romaniseBurmese(run);
    case 'thai':
      return romaniseThai(run);
    case 'kana':
      return romaniseKana(run);
    case 'han':
      return romaniseHan(run, run === context);
    case 'hangul':
      return romaniseHangul(run, run === context);
    default:
      return '';
  }
}

const nonAscii = /[\u0080-\uffff]/;
const APOSTROPHE = 39;
const BACKTICK = 96;

/**
 * romaniseName of a normalised text that is all ASCII (most names travellers give): words are the runs of
 * a–z, apostrophes join, anything else separates; no homoglyph, no alternative spelling, no other script.
 */
function asciiWords(text: string): RomanWord[] {
  const words: RomanWord[] = [];
  let word = '';
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (c >= 97 && c <= 122) continue;
    if (i > from) word += text.slice(from, i);
    from = i + 1;
    if (c === APOSTROPHE || c === BACKTICK) continue;
    if (word.length > 0) words.push({ text: word, alt: undefined, script: 'latin', lossy: false });
    word = '';
  }
  return words;
}

/**
 * Editions of ICAO Doc 9303 before 2006 let Ü be written UXX and Ñ NXX (MUXXLLER, MUNXXOZ), and some issuers still do:
 * those are read as the letters they stand for, so that they fold as Ü (UE or U) and Ñ (N) do. No name is spelled
 * with UXX or NXX otherwise.
 */
function oldIcaoLetters(text: string): string {
  return text.includes('xx') ? text.replace(/([nu])xx/g, (_, letter: string) => (letter === 'u' ? 'ü' : 'ñ')) : text;
}

/** Romanises a whole name into words, whatever its scripts. Never throws; may return no words. */
export function romaniseName(raw: string): RomanWord[] {
  const clean = oldIcaoLetters(normaliseText(raw));
  if (!nonAscii.test(clean)) return asciiWords(clean);
  const text = clean
    .split(' ')
    .map((w) => foldHomoglyphs(w))
    .join(' ');
  const words: RomanWord[] = [];
  let primary = '';
  let alt = '';
  let hasAlt = false;
  let runScript: Script = 'other';
  let run = '';
  const endWord = (): void => {
    if (primary.length > 0) {
      words.push({ text: primary, alt: hasAlt && alt !== primary ? alt : undefined, script: 'latin', lossy: false });
    }
    primary = '';
    alt = '';
    hasAlt = false;
  };
  const endRun = (): void => {
    if (run.length === 0) return;
    for (const w of romaniseRun(runScript, run, text).split(' ')) {
      if (w.length === 0) continue;
      // Cyrillic and Greek runs are single words (a space ends a run), so `run` is the word `w` romanises.
      const alt =
        runScript === 'cyrillic'
          ? cyrillicAlternative(run, text, w)
          : runScript === 'greek'
            ? greekAlternative(run, w)
            : undefined;
      words.push({ text: w, alt, script: runScript, lossy: isAbjad(runScript) });
    }
    run = '';
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const script = scriptOf(cp);
    if (script === 'latin') {
      endRun();
      const p = latinPrimary(cp);
      if (p === undefined) continue;
      const a = latinAlternative(cp);
      primary += p;
      alt += a ?? p;
      if (a !== undefined) hasAlt = true;
      continue;
    }
    if (script === 'other') {
      // Apostrophes and combining marks join; anything else (space, hyphen, comma, digit, dot) separates.
      if (apostrophes.has(ch) || /\p{M}/u.test(ch)) continue;
      endWord();
      endRun();
      continue;
    }
    endWord();
    if (script !== runScript) endRun();
    runScript = script;
    run += ch;
  }
  endWord();
  endRun();
  return words;
}
