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

/** Each word's reading as written (see germanReadings), or null when it has none: names share their words. */
const respelled = new Map<string, string | null>();
const MAX_CACHED_WORDS = 1 << 16;

function respell(word: string): string | null {
  let known = respelled.get(word);
  if (known === undefined) {
    if (respelled.size >= MAX_CACHED_WORDS) respelled.clear();
    const english = englishFromGerman(word.toLowerCase());
    // Written as the word was: TJURIN → TYURIN, Tjurin → Tyurin.
    known =
      english === undefined
        ? null
        : word === word.toUpperCase()
          ? english.toUpperCase()
          : word[0] === word[0]!.toUpperCase()
            ? english[0]!.toUpperCase() + english.slice(1)
            : english;
    respelled.set(word, known);
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
    let reading: string | undefined;
    // name[0, copied) is in reading.
    let copied = 0;
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
      if (marked) {
        const english = respell(name.slice(i, end));
        if (english !== null) {
          reading = (reading ?? '') + name.slice(copied, i) + english;
          copied = end;
        }
      }
      i = end;
    }
    if (reading !== undefined) out.push(reading + name.slice(copied));
  }
  return out;
}
