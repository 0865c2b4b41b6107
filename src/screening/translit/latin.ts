/**
 * Latin letters with diacritics folded to ASCII the way ICAO Doc 9303 Part 3 §6 prescribes, with the older or
 * foreign alternative kept (Ä→AE or A, Ö→OE or O, Ü→UE or U, Å→AA or A, Ø→OE or O) so both spellings of a
 * name match. Everything not listed folds by Unicode decomposition (Á→A, Ç→C, Š→S, Ž→Z).
 */

/** Letters whose ICAO form differs from plain decomposition: [primary, alternative]. */
const special: Record<string, readonly [string, string]> = {
  ä: ['ae', 'a'],
  å: ['aa', 'a'],
  æ: ['ae', 'ae'],
  ö: ['oe', 'o'],
  ø: ['oe', 'o'],
  ü: ['ue', 'u'],
  ß: ['ss', 'ss'],
  ẞ: ['ss', 'ss'],
  þ: ['th', 'th'],
  ð: ['d', 'dh'],
  đ: ['d', 'dj'],
  ĳ: ['ij', 'ij'],
  œ: ['oe', 'oe'],
  ł: ['l', 'l'],
  ı: ['i', 'i'],
  ħ: ['h', 'h'],
  ŋ: ['ng', 'ng'],
  ŀ: ['l', 'l'],
  ſ: ['s', 's'],
  ƒ: ['f', 'f'],
  ɨ: ['i', 'i'],
  ǝ: ['e', 'e'],
  // Azerbaijani Ə: passports write it A in the MRZ (Əliyev is ALIYEV); E is the older and Russian-based form (Eliyev).
  ə: ['a', 'e'],
  // Letters of the IPA block that African orthographies (Hausa, Fula, Akan, Ewe, Lingala, Bambara) write in names;
  // ICAO 9303 gives them no form, so they fold to the plain letter they are written beside in English.
  ɛ: ['e', 'e'],
  ɔ: ['o', 'o'],
  ɓ: ['b', 'b'],
  ɗ: ['d', 'd'],
  ɖ: ['d', 'd'],
  ƙ: ['k', 'k'],
  ƴ: ['y', 'y'],
  ɲ: ['ny', 'ny'],
  ɣ: ['gh', 'g'],
  ʋ: ['v', 'v'],
  ʊ: ['u', 'u'],
  ɪ: ['i', 'i'],
  ʉ: ['u', 'u'],
  ɑ: ['a', 'a'],
  ʃ: ['sh', 'sh'],
  ʒ: ['zh', 'zh'],
  // Glottal stop and pharyngeal (ʔ, ʕ) are silent, as the apostrophes of ʿayn and hamza are.
  ʔ: ['', ''],
  ʕ: ['', ''],
  ŉ: ['n', 'n'],
  ĸ: ['k', 'q'],
  // Transliterations of Arabic (ʿayn, hamza) and Hebrew use modifier letters and half rings: silent here.
  ʿ: ['', ''],
  ʾ: ['', ''],
  ʻ: ['', ''],
  ʼ: ['', ''],
};

const primaryTable = new Map<number, string>();
const altTable = new Map<number, string>();

// Fold every lower-case Latin letter of Latin-1, Extended-A/B, IPA and Extended Additional once at load time.
function fill(from: number, to: number): void {
  for (let cp = from; cp <= to; cp++) {
    const ch = String.fromCodePoint(cp);
    if (ch.toLowerCase() !== ch) continue;
    const sp = special[ch];
    if (sp !== undefined) {
      primaryTable.set(cp, sp[0]);
      if (sp[1] !== sp[0]) altTable.set(cp, sp[1]);
      continue;
    }
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
    if (/^[a-z]+$/.test(base)) primaryTable.set(cp, base);
  }
}
fill(0xc0, 0x2af);
fill(0x1e00, 0x1eff);
for (const [ch, [p, a]] of Object.entries(special)) {
  const cp = ch.codePointAt(0)!;
  primaryTable.set(cp, p);
  if (a !== p) altTable.set(cp, a);
}

/** The ICAO 9303 ASCII form of one lower-case Latin letter, or undefined when it has none. */
export function latinPrimary(cp: number): string | undefined {
  if (cp >= 0x61 && cp <= 0x7a) return String.fromCharCode(cp);
  return primaryTable.get(cp);
}

/** The alternative (pre-ICAO / national) ASCII form when it differs from the primary one. */
export function latinAlternative(cp: number): string | undefined {
  return altTable.get(cp);
}
