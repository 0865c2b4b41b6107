/**
 * Russian and other Cyrillic names as German writes them (the Duden transcription: Wladimir Tjurin, Michail
 * Gorbatschow, Boris Jelzin, Nikita Chruschtschow, Pjotr Tschaikowski) turned into the English (BGN/PCGN) spelling
 * that Lodestar's Cyrillic romanisation produces (Vladimir Tyurin, Mikhail Gorbachov, Boris Yeltsin). German writes
 * В as W, Й/Я/Ю/Е-glides with J, Ш as SCH, Ч as TSCH, Щ as SCHTSCH, Х as CH and Ц as Z: letters that the consonant
 * skeleton does not absorb (W is a glide to it, as in Arabic Marwan; J is a consonant, as in Jamal).
 *
 * The result is a second spelling of the name, screened besides the name itself, never instead of it. Only words
 * that show a German mark are respelled, because the same letters are ordinary elsewhere: J is Spanish (Juan,
 * Alejandro, Rojas), W is Chinese, English and Arabic (Wang, Edward, Marwan), Z is Spanish (Gonzalez). A mark is SCH;
 * an -OW or -EW ending, with the feminine and patronymic forms (-OWA, -OWNA, -OWITSCH); a consonant, J and a vowel
 * (Pjotr, Tjurin, Uljanow); a vowel and J at the end (Sergej, Dmitrij, Nikolaj); W and a consonant at the start
 * (Wladimir, Wsewolod) or after E or O (Jewgeni); LZ (Jelzin).
 *
 * Some marks are Russian as well as German: the -OW and -EW endings, TSCH, SCH in an -ENKO name (Timoschenko), and W
 * and a consonant at a word's start.
 * In a name with one of these, the other words are read too, for the two letters that alone are no mark: J before a
 * vowel (Ю, Я, Е at a word's start: Juri, Jakow, Jelena could be Spanish or Dutch) as Y, and W as V (Iwan could be
 * Polish): Juri Petrow is Yuri Petrov. Only these two: Z, CH and SS are ordinary in the Arabic, Spanish and Persian
 * names a J mark alone finds (Ramzan, Qassem). Duden writes З as S, as it writes С (Soja, Sergej): such a name with a
 * word starting S and a vowel gets a second reading with Z there (Soja Petrowa: Soya Petrova and Zoya Petrova).
 */
const VOWELS = 'aeiouy';
const isVowel = (c: string | undefined): boolean => c !== undefined && VOWELS.includes(c);
const GERMAN_ENDING = /(?:ow|ew)(?:a|na|itsch)?$/;

/** Whether a lower-case ASCII word shows a mark of German transcription (see the module comment). */
export function looksGermanTranscribed(word: string): boolean {
  if (word.length < 3) return false;
  if (word.includes('sch') || word.includes('lz') || GERMAN_ENDING.test(word)) return true;
  if (word.charCodeAt(0) === 119 && !isVowel(word[1])) return true;
  for (let i = 1; i < word.length; i++) {
    const c = word.charCodeAt(i);
    const last = i === word.length - 1;
    // J: after a consonant before a vowel, or after a vowel at the end.
    if (c === 106 && (last ? isVowel(word[i - 1]) : !isVowel(word[i - 1]) && isVowel(word[i + 1]))) return true;
    // W: after E or O before a consonant (Jewgeni, Lwow's -ow- inside longer names).
    if (c === 119 && !last && 'eo'.includes(word[i - 1]!) && !isVowel(word[i + 1]) && word[i + 1] !== 'h') return true;
  }
  return false;
}

/**
 * The English spelling of a German transcription of a Cyrillic name, or undefined when the word shows no German
 * mark or reads the same. Input and output are lower-case ASCII.
 */
export function englishFromGerman(word: string): string | undefined {
  if (!looksGermanTranscribed(word)) return undefined;
  return respelledFromGerman(word);
}

/** Whether a lower-case ASCII word shows a mark that is Russian as well as German (see the module comment). */
function hasRussianMark(word: string): boolean {
  return (
    GERMAN_ENDING.test(word) ||
    word.includes('tsch') ||
    (word.endsWith('enko') && word.includes('sch')) ||
    (word.charCodeAt(0) === 119 && word.length > 1 && !isVowel(word[1]))
  );
}

/** A lower-case ASCII word beside a Russian-marked one: J before a vowel as Y, W as V; undefined if none. */
function respelledBeside(word: string): string | undefined {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    out += c === 'w' ? 'v' : c === 'j' && isVowel(word[i + 1]) ? 'y' : c;
  }
  return out === word ? undefined : out;
}

/** A lower-case ASCII word respelled from German transcription (see englishFromGerman); undefined if the same. */
function respelledFromGerman(word: string): string | undefined {
  let out = '';
  for (let i = 0; i < word.length;) {
    const rest = word.slice(i);
    if (rest.startsWith('schtsch')) {
      out += 'shch';
      i += 7;
    } else if (rest.startsWith('tsch')) {
      out += 'ch';
      i += 4;
    } else if (rest.startsWith('sch')) {
      out += 'sh';
      i += 3;
    } else if (rest.startsWith('ch')) {
      out += 'kh';
      i += 2;
    } else if (rest.startsWith('ck')) {
      out += 'k';
      i += 2;
    } else if (rest.startsWith('ss') && isVowel(word[i - 1]) && isVowel(word[i + 2])) {
      // German doubles S between vowels to keep it voiceless (Wassili, Jossif): one S in English.
      out += 's';
      i += 2;
    } else {
      const c = word[i]!;
      out += c === 'w' ? 'v' : c === 'j' ? 'y' : c === 'z' ? 'ts' : c;
      i += 1;
    }
  }
  return out === word ? undefined : out;
}

/**
 * Each word's reading as written (see germanReadings), or null when it has none: names share their words. One cache
 * for words with a mark of their own (`marked`), one for the other words of a marked name.
 */
const respelled = new Map<string, string | null>();
const respelledNextTo = new Map<string, string | null>();
const MAX_CACHED_WORDS = 1 << 16;

function respell(word: string, marked: boolean): string | null {
  const cache = marked ? respelled : respelledNextTo;
  let known = cache.get(word);
  if (known === undefined) {
    if (cache.size >= MAX_CACHED_WORDS) cache.clear();
    const lower = word.toLowerCase();
    const english = marked ? englishFromGerman(lower) : respelledBeside(lower);
    // Written as the word was: TJURIN → TYURIN, Tjurin → Tyurin.
    known =
      english === undefined
        ? null
        : word === word.toUpperCase()
          ? english.toUpperCase()
          : word[0] === word[0]!.toUpperCase()
            ? english[0]!.toUpperCase() + english.slice(1)
            : english;
    cache.set(word, known);
  }
  return known;
}

/** Whether a character code is an ASCII letter. */
function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/**
 * Each name respelled in English where it shows German transcription, for names that change: the readings to screen
 * besides the names themselves. Words are runs of ASCII letters; everything else is kept as written. Every query
 * passes through here, and few names have a German word: a word without H, J, W or Z has no German mark (each mark
 * needs SCH, LZ or a J or W), so it is passed over without being cut out of the name.
 */
export function germanReadings(names: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const mark = nameMark(name);
    if (mark === NO_MARK) continue;
    const russian = mark === RUSSIAN_MARK;
    let reading = '';
    // name[0, copied) is in reading.
    let copied = 0;
    for (let i = 0; i < name.length;) {
      if (!isLetter(name.charCodeAt(i))) {
        i++;
        continue;
      }
      let end = i;
      while (end < name.length && isLetter(name.charCodeAt(end))) end++;
      const word = name.slice(i, end);
      const english = respell(word, true) ?? (russian ? respell(word, false) : null);
      if (english !== null) {
        reading += name.slice(copied, i) + english;
        copied = end;
      }
      i = end;
    }
    reading += name.slice(copied);
    out.push(reading);
    if (!russian) continue;
    // German writes both С and З as S at a word's start (Sergej, Soja): a name with such a word is read a second time
    // with Z there (Soja Petrowa as Zoya Petrova), the first reading keeping S (Sergey).
    const voiced = reading.replace(INITIAL_S, (s) => (s === 'S' ? 'Z' : 'z'));
    if (voiced !== reading) out.push(voiced);
  }
  return out;
}

/** An S at a word's start before a vowel (the letter alone, for the replacement to keep the rest). */
const INITIAL_S = /(?<![A-Za-z])[Ss](?=[AEIOUYaeiouy])/g;

/** No word of the name shows a German mark; one does; one shows a mark that is Russian too (see the module comment). */
const NO_MARK = 0;
const GERMAN_MARK = 1;
const RUSSIAN_MARK = 2;

/** How far a word of the name shows German transcription (looksGermanTranscribed) that reads differently in English. */
function nameMark(name: string): number {
  let mark = NO_MARK;
  for (let i = 0; i < name.length;) {
    let c = name.charCodeAt(i);
    if (!isLetter(c)) {
      i++;
      continue;
    }
    let end = i;
    let marked = false;
    while (end < name.length && isLetter((c = name.charCodeAt(end)))) {
      // h, j, w, z in either case (| 32 lower-cases an ASCII letter).
      const lower = c | 32;
      if (lower === 104 || lower === 106 || lower === 119 || lower === 122) marked = true;
      end++;
    }
    if (marked && respell(name.slice(i, end), true) !== null) {
      if (hasRussianMark(name.slice(i, end).toLowerCase())) return RUSSIAN_MARK;
      mark = GERMAN_MARK;
    }
    i = end;
  }
  return mark;
}
