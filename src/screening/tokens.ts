/**
 * Name parts: romanised words turned into the tokens the index and scorer compare. Word order and commas do not
 * matter ("SMITH, John" = "John Smith"). Particles and titles are kept but flagged so they weigh little: a name
 * with or without al-, bin, van or de is the same name, and "Dr." or "Shaykh" says nothing of identity.
 * Arabic compound names are rebuilt into one token whatever the spelling: Abd al-Rahman, Abdulrahman,
 * Abdel Rahman, Abdurrahman → abdrahman; Abu Bakr / Abubakar → abubakr; Nasr ad-Din / Nasreddin → nasrdin;
 * Habib Allah / Habibullah → habiblah; then Korean surname spellings are folded (Rhee/Yi/Lee).
 */
import { isSyllabic, romaniseName, type RomanWord } from './normalize.js';
import { joinReadsApart, lastVowelSlots, skeleton } from './phonetic.js';
import type { Script } from './scripts.js';
import { arabicAlternative, writesPersian } from './translit/arabic.js';
import { foldChineseRomanisation, isChineseSurname, isChineseWord } from './translit/chinese.js';
import {
  foldKoreanRomanisation,
  foldKoreanSurname,
  isKoreanSurname,
  isKoreanWord,
  koreanSurnameSpellings,
} from './translit/korean.js';

export const TOKEN_PARTICLE = 1;
export const TOKEN_TITLE = 2;
export const TOKEN_INITIAL = 4;
/** Romanised from a script without short vowels: compare by skeleton only. */
export const TOKEN_LOSSY = 8;
/** Romanised from a non-Latin script. */
export const TOKEN_TRANSLIT = 16;
/** Romanised from a syllabic script (Chinese, Korean, Japanese): syllables must agree, not just consonants. */
export const TOKEN_SYLLABIC = 32;
/**
 * Has, as its alternative, the spelling all romanisations of its Chinese or Korean syllables fold to (see
 * foldChineseNames, foldKoreanGivenNames; and a word romanised from Chinese characters or Hangul, syllablesFolded): it
 * may join others by it (joinedMatch), and the score bound treats it as a token of any shape (token-sketch.ts).
 */
export const TOKEN_FOLDED = 64;
/**
 * Romanised from Hangul: its vowels are known, so Latin spellings are compared with it with O and U as one vowel
 * (translit/korean.ts, koreanVowelsMerged).
 */
export const TOKEN_HANGUL = 128;

/** The most name parts kept per name: longer names are cut (and are garbage or lists, not names). */
export const MAX_TOKENS = 10;
const MAX_TOKEN_LENGTH = 40;

/** One name part, romanised. */
export interface PreparedToken {
  readonly ascii: string;
  /** The alternative spelling (ICAO old forms: Ä→A) when it differs. */
  readonly alt: string | undefined;
  /** Consonant-class skeleton, or "~" + ascii when the word has no consonant (Wu, Yao, Ai). */
  readonly skel: string;
  /** Vowel slots aligned with the skeleton (see phonetic.ts). */
  readonly slots: string;
  readonly flags: number;
  /**
   * The word as written when the text is the folded form of a Korean surname spelling (Ri, Yi and Rhee are LEE; Chang
   * is JANG), else undefined: the same syllables are given names in Chinese, which blocking keys written together with
   * the syllable before or after them as written (Chang Sheng is Changsheng; blocking-keys.ts, joinedPairs).
   */
  readonly written?: string;
}

/**
 * The Arabic article in the forms names write it, assimilated (ar-Rashid, ash-Shami, ad-Din) or as South Asian names
 * write it onto the name before it (Zaki-ur-Rehman, Nasir-ud-Din, Anis-us-Salam).
 */
const articles = new Set([
  'al',
  'el',
  'ul',
  'ur',
  'ud',
  'us',
  'il',
  'ol',
  'ar',
  'as',
  'ash',
  'ad',
  'adh',
  'at',
  'ath',
  'az',
  'an',
]);

/** Name particles: articles and patronymic or nobiliary links in the languages watchlists write. */
export const particles = new Set([
  ...articles,
  'bin',
  'ibn',
  'bint',
  'binti',
  'binte',
  'bte',
  'ben',
  'bent',
  'ould',
  'wuld',
  'walad',
  'van',
  'von',
  'der',
  'den',
  'de',
  'da',
  'del',
  'della',
  'dello',
  'delle',
  'dei',
  'degli',
  'di',
  'du',
  'des',
  'dos',
  'das',
  'do',
  'la',
  'le',
  'les',
  'lo',
  'ter',
  'ten',
  'te',
  'y',
  'zu',
  'zur',
  'ap',
  'af',
  'av',
  'st',
  'mac',
  'mc',
  'ou',
]);

/**
 * The article's forms that South Asian names write onto the name before it rather than the one after (Ziaul Haq for
 * Zia ul-Haq, Fazlur Rehman for Fazl ur Rehman, Hameedul Hassan): blocking keys the two written together.
 */
export const trailingArticles = new Set(['ul', 'ur', 'ud', 'us']);

/** Honorifics, ranks and religious titles: not part of the identity. */
export const titles = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'miss',
  'sir',
  'prof',
  'haji',
  'hajji',
  'hadji',
  'hajj',
  'alhaj',
  'alhaji',
  'sheikh',
  'shaykh',
  'shaikh',
  'sheik',
  'cheikh',
  'sheykh',
  'mullah',
  'mulla',
  'maulana',
  'mawlana',
  'maulvi',
  'mawlawi',
  'mawlavi',
  'moulavi',
  'qari',
  'mufti',
  'imam',
  'colonel',
  'col',
  'general',
  'gen',
  'commandant',
  'commander',
  'captain',
  'capt',
  'major',
  'maj',
  'lieutenant',
  'lt',
  'sgt',
  'sergeant',
  'brigadier',
  'admiral',
  'emir',
  'prince',
  'princess',
  'king',
  'judge',
  'engineer',
  'eng',
  'father',
  'brother',
  'sister',
  'doctor',
  'ustadh',
  'ustaz',
  'hafiz',
  'sayyed',
  'seyed',
  'sayed',
  'syed',
  'sheikha',
  'shaykha',
  'mme',
  'mlle',
  'herr',
  'frau',
  'senor',
  'sr',
  'sra',
  'don',
  'dona',
  'mister',
]);

// abd + the article written into the word ("abdul", "abdel", "abdur" before a sun letter…).
const abdHeads = /^abd(?:[aeiou]{1,2}(?:[lrsdtzn]|sh)?)?$/;
const abuHeads = new Set(['abu', 'abou', 'abo', 'abw', 'aboo']);
// The second half of "Nasr ad-Din", "Habib Allah" when written as its own word (Latin or Arabic script).
const dinWord = /^(?:[aeiou]?[dl]?d(?:i|ee)n|dyn)$/;
const lahWord = /^(?:[aeiou]llah|lah|llh)$/;
// The same written onto the name (Nasreddin, Habibullah).
const dinSuffix = /^(.{3,}?)(?:[aeiou][dl]din|[aeiou]ddeen|aldin|eldin|uldin)$/;
const lahSuffix = /^(.{3,}?)(?:ullah|allah|ollah|ulla|ulah)$/;

function stripArticlePrefix(rest: string): string {
  // Abdul-Aziz, Abdel-Nasser, Abd al-Rahman, Abdurrahman: drop the linking vowel and article or its assimilation.
  const m = /^(?:[aeiou]l|[aeiou]?([bcdfghjklmnpqrstvwxyz])\1|ou|u|e|o|a)(.+)$/.exec(rest);
  if (m === null || m[2]!.length < 2) return rest;
  return (m[1] ?? '') + m[2]!;
}

function joinCompounds(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let w = words[i]!;
    const next = words[i + 1];
    // Each pattern below needs a certain start or end: those cheap tests skip the regular expressions for most words.
    if (next !== undefined && ((w.startsWith('abd') && abdHeads.test(w)) || abuHeads.has(w))) {
      // "Abd al Rahman", "Abu al-Walid": skip a separate article, then join.
      let j = i + 1;
      if (articles.has(words[j]!) && words[j + 1] !== undefined) j++;
      const head = w.startsWith('abd') ? 'abd' : 'abu';
      const tail = words[j]!;
      out.push(head + (tail.startsWith('al') && tail.length > 4 ? tail.slice(2) : tail));
      i = j;
      continue;
    }
    if (w.length > 5 && w.startsWith('abd')) w = 'abd' + stripArticlePrefix(w.slice(3));
    else if (w.length > 5 && (w.startsWith('abou') || w.startsWith('abu'))) {
      w = 'abu' + w.slice(w.startsWith('abou') ? 4 : 3);
    }
    // X ad-Din / X al-Din / X Allah as separate words: join onto the previous name.
    const isDin = w.length <= 6 && w.endsWith('n') && dinWord.test(w);
    if ((isDin || (w.length >= 3 && w.length <= 5 && lahWord.test(w))) && out.length > 0) {
      let prevIdx = out.length - 1;
      if (articles.has(out[prevIdx]!) && prevIdx > 0) {
        out.pop();
        prevIdx--;
      }
      out[prevIdx] = out[prevIdx]! + (isDin ? 'din' : 'lah');
      continue;
    }
    const din = w.endsWith('din') || w.endsWith('deen') ? dinSuffix.exec(w) : null;
    if (din !== null) w = din[1]! + 'din';
    const lah = w.endsWith('lah') || w.endsWith('lla') ? lahSuffix.exec(w) : null;
    if (lah !== null && !w.startsWith('abd')) w = lah[1]! + 'lah';
    out.push(w);
  }
  return out;
}

/**
 * Titles that are also common given names or surnames (Stephen King, Don Brown, John Major, Emir Kusturica): a title
 * only when they open a name written in order (no comma) and more follows ("King Abdullah", "Prince Faisal"). As a
 * title, "King" weighed nothing, and "Jeremy King" alerted on a listed "Commandant Jérôme".
 */
const nameLikeTitles = new Set(['king', 'prince', 'princess', 'major', 'judge', 'don', 'emir', 'general', 'captain']);

function flagsOf(word: string, script: Script, lossy: boolean, leading: boolean): number {
  let f = 0;
  if (particles.has(word)) f |= TOKEN_PARTICLE;
  else if (titles.has(word) && (leading || !nameLikeTitles.has(word))) f |= TOKEN_TITLE;
  else if (word.length === 1 && !lossy) f |= TOKEN_INITIAL;
  if (lossy) f |= TOKEN_LOSSY;
  if (script !== 'latin') f |= TOKEN_TRANSLIT;
  if (isSyllabic(script)) f |= TOKEN_SYLLABIC;
  return f;
}

/** The skeleton used for a token: consonant classes, or the word itself when it has no consonant. */
export function tokenSkeleton(ascii: string, lossy = false): string {
  const s = skeleton(ascii, lossy);
  return s.length > 0 ? s : '~' + ascii;
}

/**
 * Skeletons and vowel slots of the words seen: names share their words, and a word's are always the same. One
 * map for words read as plain spellings and one for lossy ones (a key string per lookup would cost more).
 */
const skeletons = new Map<string, { readonly skel: string; readonly slots: string }>();
const lossySkeletons = new Map<string, { readonly skel: string; readonly slots: string }>();
const MAX_CACHED_SKELETONS = 1 << 16;

function cachedSkeleton(text: string, lossy: boolean): { readonly skel: string; readonly slots: string } {
  const cache = lossy ? lossySkeletons : skeletons;
  let known = cache.get(text);
  if (known === undefined) {
    if (cache.size >= MAX_CACHED_SKELETONS) cache.clear();
    const skel = tokenSkeleton(text, lossy);
    known = { skel, slots: lastVowelSlots() };
    cache.set(text, known);
  }
  return known;
}

/**
 * tokenSkeleton(a + b) of two lower-case words, made from their own (cached) skeletons where the join changes no
 * reading (phonetic.ts, joinReadsApart); otherwise the joined word is read whole.
 */
export function joinedTokenSkeleton(a: string, b: string): string {
  if (!joinReadsApart(a, b)) return tokenSkeleton(a + b);
  const ta = cachedSkeleton(a, false).skel;
  const tb = cachedSkeleton(b, false).skel;
  // A word with no consonant class has '~' and its spelling instead (tokenSkeleton).
  const sa = ta.charCodeAt(0) === 126 ? '' : ta;
  const sb = tb.charCodeAt(0) === 126 ? '' : tb;
  if (sa.length === 0 && sb.length === 0) return `~${a}${b}`;
  if (sa.length === 0) return sb;
  if (sb.length === 0) return sa;
  return sa.charCodeAt(sa.length - 1) === sb.charCodeAt(0) ? sa + sb.slice(1) : sa + sb;
}

/**
 * Tokens of words in plain Latin letters (no alternative spelling, not from another script), by their text after
 * compound rebuilding: one map for a name's first token and one for the others (see flagsOf). A traveller's name is
 * rarely seen twice but its words are seen all the time, and such a token depends on its text alone.
 */
const plainTokens = new Map<string, PreparedToken>();
const plainLeadingTokens = new Map<string, PreparedToken>();
const MAX_CACHED_TOKENS = 1 << 16;

function plainToken(word: string, leading: boolean): PreparedToken {
  const cache = leading ? plainLeadingTokens : plainTokens;
  let token = cache.get(word);
  if (token === undefined) {
    if (cache.size >= MAX_CACHED_TOKENS) cache.clear();
    const asWritten = word.length > MAX_TOKEN_LENGTH ? word.slice(0, MAX_TOKEN_LENGTH) : word;
    const text = foldKoreanSurname(asWritten);
    const { skel, slots } = cachedSkeleton(text, false);
    token = {
      ascii: text,
      alt: undefined,
      skel,
      slots,
      flags: flagsOf(text, 'latin', false, leading),
      ...(text === asWritten ? {} : { written: asWritten }),
    };
    cache.set(word, token);
  }
  return token;
}

/** Whether every word is plain Latin (see plainToken). */
function allPlain(words: readonly RomanWord[]): boolean {
  for (const w of words) if (w.script !== 'latin' || w.lossy || w.alt !== undefined) return false;
  return true;
}

/**
 * "MARZOUK, Musa Abu" is Musa Abu Marzouk: a list that writes the surname first leaves the "Abu" (or "Abd") of a
 * kunya at the end, cut from the name it leads. Such a name is read in its spoken order, so that joinCompounds joins
 * ABU MARZOUK as it does where the name is written in order. "ZUBAYR, Abu" is the kunya Abu Zubayr the same way; but
 * "HASHIM, Abdul" is read as written: "Abdul" alone is a given name as often as the head of a compound (on the
 * development set, reading it in order lost as many names as it found). Null when the name is not of that form.
 */
const kunyaHeads = new Set([...abuHeads, 'abd', 'abdul', 'abdel', 'abdal', 'abdur']);
function kunyaInOrder(raw: string): string | null {
  const comma = raw.indexOf(',');
  if (comma < 0) return null;
  const name = raw.trimEnd();
  const space = name.lastIndexOf(' ');
  // One comma, and after it a given name whose last word is the head (or that is an Abu alone).
  if (space < comma || name.indexOf(',', comma + 1) >= 0) return null;
  if (!kunyaHeads.has(name.slice(space + 1).toLowerCase())) return null;
  const given = name.slice(comma + 1).trim();
  return given.includes(' ') || abuHeads.has(given.toLowerCase()) ? `${given} ${name.slice(0, comma).trim()}` : null;
}

/**
 * Whether a name is written family name first, then a comma and the given names ("SABURI NEZHAD, Hasan"), and not read
 * in spoken order by kunyaInOrder: its last given name and its first family name are neighbours when it is spoken
 * (Hasan Saburi Nezhad), though they are its last and first tokens. Compounds that one list writes as one word and
 * another splits, at the comma, into the given names' end and the family name's start are joined across that wrap
 * (blocking-keys.ts, joinedPairs; name-match.ts, compareNames): NAZHAD, Hasan Saburi is SABURINEZHAD, Hasan; ZADEH,
 * Mohammed Khalil is KHALILZADEH, Mohammad; POUR, Peyman Dehghan is DEHGHANPOUR, Peyman. Persian family names are
 * often such compounds (-zadeh, -nejad, -pour, -far, -shahi). `tokens` are the name's (prepareName): a ring has three
 * at least, and words at both ends. An article, a title or an initial at either end is no part of a compound split at
 * the comma: "AL-KAMEL, Salah Ali" is not ALALI, nor "AL-KAMEL, Ahmed Hassan" ALHASSAN. But the Abd of a theophoric
 * name and the article after it are ("UR-REHMAN, Abd" is Abd ur-Rehman, ABDUR REHMAN).
 */
export function readAsRing(raw: string, tokens: readonly PreparedToken[]): boolean {
  if (tokens.length < 3) return false;
  const comma = raw.indexOf(',');
  if (comma < 0 || raw.indexOf(',', comma + 1) >= 0) return false;
  if (raw.slice(0, comma).trim() === '' || raw.slice(comma + 1).trim() === '') return false;
  if (kunyaInOrder(raw) !== null) return false;
  const first = tokens[0]!.flags;
  const last = tokens[tokens.length - 1]!;
  if (((first | last.flags) & (TOKEN_PARTICLE | TOKEN_TITLE | TOKEN_INITIAL)) === 0) return true;
  return (first & (TOKEN_TITLE | TOKEN_INITIAL)) === 0 && last.ascii === 'abd';
}

/** Splits, romanises and normalises one name into tokens. Never throws. */
export function prepareName(raw: string): PreparedToken[] {
  // Read in spoken order, but still a name written surname first (see inOrder).
  const words = romaniseName(kunyaInOrder(raw) ?? raw);
  if (words.length === 0) return [];
  // Compound rebuilding works on the primary spellings; a word's alternative survives only if untouched.
  const joined = joinCompounds(words.map((w) => w.text));
  const inOrder = joined.length > 1 && !raw.includes(',');
  const tokens: PreparedToken[] = [];
  if (allPlain(words)) {
    const n = Math.min(joined.length, MAX_TOKENS);
    for (let i = 0; i < n; i++) tokens.push(plainToken(joined[i]!, inOrder && i === 0));
    return foldRomanisedSyllables(tokens);
  }
  const byText = new Map(words.map((w) => [w.text, w]));
  const lossyAll = words.every((w) => w.lossy);
  let persian: boolean | undefined;
  for (const j of joined) {
    if (tokens.length >= MAX_TOKENS) break;
    const source = byText.get(j);
    const asWritten = j.length > MAX_TOKEN_LENGTH ? j.slice(0, MAX_TOKEN_LENGTH) : j;
    const text = foldKoreanSurname(asWritten);
    const lossy = source?.lossy ?? lossyAll;
    const script = source?.script ?? words[0]!.script;
    const { skel, slots } = cachedSkeleton(text, lossy);
    let alt = source?.alt;
    let flags = flagsOf(text, script, lossy, inOrder && tokens.length === 0);
    if (alt === undefined && (flags & (TOKEN_PARTICLE | TOKEN_TITLE)) === 0) {
      if (script === 'arabic') alt = arabicAlternative(text, (persian ??= writesPersian(raw)));
      else if ((script === 'han' || script === 'hangul') && koreanSurnameSpellings(text) === undefined) {
        alt = syllablesFolded(text, script === 'han');
        if (alt !== undefined) flags |= TOKEN_FOLDED;
        if (script === 'hangul') flags |= TOKEN_HANGUL;
      }
    }
    tokens.push({
      ascii: text,
      alt,
      skel,
      slots,
      flags,
      ...(text === asWritten ? {} : { written: asWritten }),
    });
  }
  return foldRomanisedSyllables(tokens);
}

/**
 * A word romanised from Chinese characters or Hangul, folded as the Latin spellings of a Chinese or Korean name are
 * (foldChineseNames, foldKoreanGivenNames), or undefined where the folding leaves it as it is. The scorer compares
 * syllables by these foldings (name-match.ts, foldedOf), and blocking keys them, so that 曹 (CAO) meets Wade–Giles
 * TSAO and 钱 (QIAN) CHIEN, and 명 (MYEONG) the passport's MYUNG and McCune–Reischauer's MYONG.
 */
function syllablesFolded(text: string, chinese: boolean): string | undefined {
  const folded = chinese ? foldChineseRomanisation(text) : foldKoreanRomanisation(text);
  return folded === text || folded.length === 0 ? undefined : folded;
}

/**
 * Chinese and Korean names written in Latin letters get, for each word of romanised syllables, the spelling every
 * romanisation folds to as its alternative (foldChineseNames, foldKoreanGivenNames). Many surnames are both (Wang,
 * Li, Chang, Han, Song): a name with a Chinese surname is read as Chinese when it has no Korean surname, or when a
 * word is spelled as only Pinyin or Wade–Giles spell (X, Q, ZH, HS, TS, TZ, IH, IA, IE, UO: Korean romanisations
 * write YA, YE, WO), and as Korean otherwise.
 */
function foldRomanisedSyllables(tokens: PreparedToken[]): PreparedToken[] {
  return isChineseName(tokens) ? foldChineseNames(tokens) : foldKoreanGivenNames(koreanSurnameI(tokens));
}

/**
 * Revised Romanisation writes the surname 이 as I (I Myeongbak), as the South Korean government's own table does, where
 * passports write LEE, YI or RHEE. A one-letter word is an initial anywhere else, so I is read as LEE only where it
 * opens a name written in order and every other word reads as romanised Korean syllables (isKoreanWord) with no Korean
 * surname among them: "I Myeong-bak", not "Ivan I. Petrov" or "I. Kim".
 */
function koreanSurnameI(tokens: PreparedToken[]): PreparedToken[] {
  const first = tokens[0];
  if (tokens.length < 2 || first === undefined || first.ascii !== 'i' || (first.flags & TOKEN_TRANSLIT) !== 0) {
    return tokens;
  }
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if ((t.flags & (TOKEN_TRANSLIT | TOKEN_INITIAL)) !== 0 || !isKoreanWord(t.ascii) || isKoreanSurname(t.ascii)) {
      return tokens;
    }
  }
  const { skel, slots } = cachedSkeleton('lee', false);
  tokens[0] = { ascii: 'lee', alt: undefined, skel, slots, flags: first.flags & ~TOKEN_INITIAL, written: 'i' };
  return tokens;
}

const chineseOnly = /x|q|zh|hs|ts|tz|ih|ia|ie|uo/;

/**
 * Whether a name reads as Chinese in Latin letters: two words or more, a common Chinese surname (a two-letter one
 * only beside another word of Chinese syllables; see isChineseSurname), and no Korean surname unless a word is
 * spelled as only Chinese romanisations spell (see foldRomanisedSyllables).
 */
function isChineseName(tokens: readonly PreparedToken[]): boolean {
  if (tokens.length < 2) return false;
  // Most names have no Chinese surname: a set lookup per word says so before any pattern is tried.
  let surname = false;
  let shortSurname = false;
  for (const t of tokens) {
    if ((t.flags & (TOKEN_TRANSLIT | TOKEN_LOSSY)) !== 0) return false;
    if ((t.flags & (TOKEN_INITIAL | TOKEN_TITLE | TOKEN_PARTICLE)) !== 0) continue;
    // A word with Ü is read without its umlaut (see foldChineseNames): HSÜ is the surname HSU.
    const w = t.written ?? t.alt ?? t.ascii;
    if (isChineseSurname(w, false)) surname = true;
    else if (isChineseSurname(w, true)) shortSurname = true;
  }
  if (!surname && !shortSurname) return false;
  let only = false;
  let words = 0;
  for (const t of tokens) {
    if ((t.flags & (TOKEN_INITIAL | TOKEN_TITLE | TOKEN_PARTICLE)) !== 0) continue;
    const w = t.written ?? t.ascii;
    if (!isChineseWord(w)) continue;
    words++;
    if (chineseOnly.test(w)) only = true;
  }
  if (!surname && words < 2) return false;
  return only || !hasKoreanSurname(tokens);
}

/**
 * In a Chinese name (isChineseName), each word of Chinese syllables gets the spelling Pinyin and Wade–Giles fold to
 * as its alternative (CHANG Hsiao-ming and ZHANG Xiaoming both fold to JANG SIAO MING; translit/chinese.ts), keyed,
 * counted and scored as the Korean alternatives are. A surname respelled as a Korean one (Chang is JANG) keeps that.
 * A word written with Ü (Hanyu Pinyin Lü, Wade–Giles Hsü, Hsüeh) has its umlaut-free spelling as its alternative
 * (normalize.ts; the German rule's UE is its text): in Chinese the diaeresis only marks the vowel, so that spelling is
 * the one folded (HSÜ is XU, not the XUE that HSUE would be).
 */
function foldChineseNames(tokens: PreparedToken[]): PreparedToken[] {
  return withFoldedAlternatives(
    tokens,
    (t) => (t.flags & TOKEN_PARTICLE) === 0 && t.written === undefined && isChineseWord(t.alt ?? t.ascii),
    foldChineseRomanisation,
    true,
  );
}

/**
 * Gives each token `folds` accepts (not an initial or a title, without an alternative yet) its spelling folded by
 * `fold` as its alternative, flagged TOKEN_FOLDED, where the folding changes it. With `fromAlt`, a token with an
 * alternative spelling already has that one folded in its place.
 */
function withFoldedAlternatives(
  tokens: PreparedToken[],
  folds: (t: PreparedToken) => boolean,
  fold: (word: string) => string,
  fromAlt = false,
): PreparedToken[] {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if ((t.flags & (TOKEN_INITIAL | TOKEN_TITLE)) !== 0 || (t.alt !== undefined && !fromAlt) || !folds(t)) continue;
    const folded = fold(t.alt ?? t.ascii);
    if (folded !== t.ascii && folded.length > 0) tokens[i] = { ...t, alt: folded, flags: t.flags | TOKEN_FOLDED };
  }
  return tokens;
}

/**
 * Whether a name may be Korean written in Latin letters: it has a Korean surname (see isKoreanSurname). Names
 * romanised here from Hangul carry TOKEN_SYLLABIC and are compared syllable by syllable already. Most names have no
 * Korean surname.
 */
function hasKoreanSurname(tokens: readonly PreparedToken[]): boolean {
  if (tokens.length < 2) return false;
  let surname = false;
  for (const t of tokens) {
    if ((t.flags & TOKEN_TRANSLIT) !== 0) return false;
    if (!surname && (t.flags & (TOKEN_PARTICLE | TOKEN_TITLE)) === 0 && isKoreanSurname(t.ascii)) surname = true;
  }
  return surname;
}

/**
 * In a name with a Korean surname, each other word that reads as romanised Korean syllables gets the spelling all
 * romanisations fold to as its alternative (Chae-hyok and Jae-hyeok both fold to JAE HYOG; see
 * foldKoreanRomanisation), as the surname already has one spelling (Ri, Yi, Rhee are LEE). Alternatives are keyed
 * (TokenTable.altSkelHash), count in the quick score, and an alternative equal to the other side's spelling or
 * alternative is a variant for the scorer. The spelling as written stays the token's text, so a Cantonese or
 * Burmese name that shares a surname with Korean ones is compared as before (Kam Kong is still Kamkong).
 */
function foldKoreanGivenNames(tokens: PreparedToken[]): PreparedToken[] {
  if (!hasKoreanSurname(tokens)) return tokens;
  return withFoldedAlternatives(
    tokens,
    (t) => koreanSurnameSpellings(t.ascii) === undefined && isKoreanWord(t.ascii),
    foldKoreanRomanisation,
  );
}
