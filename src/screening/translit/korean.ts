/**
 * Hangul to Latin by Revised Romanisation (decomposing each syllable into its jamo), and the common spellings
 * of Korean surnames (Lee/Yi/Rhee/Ri, Park/Pak/Bak, Kim/Gim, Choi/Choe, Jung/Chung/Jeong…) folded to one form.
 * McCune–Reischauer differs from RR mostly in k/g, t/d, p/b, ch/j and ŏ/eo: names written in Latin letters meet
 * across romanisations through foldKoreanRomanisation (see tokens.ts), as Hangul names do through foldSyllables.
 */

const initials = ['g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h'];
const medials = [
  'a',
  'ae',
  'ya',
  'yae',
  'eo',
  'e',
  'yeo',
  'ye',
  'o',
  'wa',
  'wae',
  'oe',
  'yo',
  'u',
  'wo',
  'we',
  'wi',
  'yu',
  'eu',
  'ui',
  'i',
];
const finals = [
  '',
  'k',
  'k',
  'k',
  'n',
  'n',
  'n',
  't',
  'l',
  'k',
  'm',
  'l',
  'l',
  'l',
  'p',
  'l',
  'm',
  'p',
  'p',
  't',
  't',
  'ng',
  't',
  't',
  'k',
  't',
  'p',
  't',
];

/** Hangul surnames (the first syllable of a name) in their most common passport spelling. */
const hangulSurnames: Record<string, string> = {
  이: 'lee',
  리: 'lee',
  박: 'park',
  김: 'kim',
  최: 'choi',
  정: 'jeong',
  강: 'kang',
  조: 'cho',
  윤: 'yun',
  장: 'jang',
  임: 'lim',
  림: 'lim',
  한: 'han',
  오: 'oh',
  서: 'seo',
  신: 'shin',
  권: 'kwon',
  황: 'hwang',
  안: 'ahn',
  송: 'song',
  류: 'yu',
  유: 'yu',
  홍: 'hong',
  전: 'jeon',
  고: 'ko',
  문: 'mun',
  양: 'yang',
  손: 'son',
  배: 'bae',
  백: 'baek',
  허: 'heo',
  노: 'noh',
  로: 'noh',
  남: 'nam',
  심: 'sim',
  하: 'ha',
  곽: 'kwak',
  성: 'seong',
  차: 'cha',
  주: 'ju',
  우: 'woo',
  구: 'gu',
  민: 'min',
  나: 'na',
  라: 'na',
  진: 'jin',
  지: 'ji',
  엄: 'eom',
  채: 'chae',
  원: 'won',
  천: 'cheon',
  방: 'bang',
  공: 'kong',
  현: 'hyun',
  함: 'ham',
  변: 'byun',
  염: 'yeom',
  여: 'yeo',
  추: 'chu',
  도: 'do',
  석: 'seok',
  선: 'sun',
  설: 'seol',
  마: 'ma',
  길: 'gil',
  연: 'yeon',
  표: 'pyo',
  명: 'myung',
  기: 'ki',
  반: 'ban',
  왕: 'wang',
  금: 'geum',
  옥: 'ok',
  육: 'yuk',
  인: 'in',
  맹: 'maeng',
  제: 'je',
  모: 'mo',
  탁: 'tak',
  국: 'kuk',
  은: 'eun',
  용: 'yong',
};
const compoundSurnames = new Set(['남궁', '황보', '제갈', '선우', '독고', '사공', '서문']);

/** Spellings of Korean surnames folded to one form, applied to every Latin name token. */
const surnameVariants: Record<string, readonly string[]> = {
  lee: ['yi', 'rhee', 'ri', 'rhie', 'ree', 'rhi', 'yee', 'lie'],
  park: ['pak', 'bak', 'bahk', 'pag'],
  kim: ['gim', 'kym'],
  choi: ['choe', 'chey', 'choy', 'chwe'],
  jeong: ['jung', 'chung', 'cheong', 'joung', 'chong', 'jong'],
  kang: ['gang'],
  cho: ['jo'],
  yun: ['yoon', 'youn'],
  jang: ['chang'],
  lim: ['im', 'rim', 'yim'],
  seo: ['suh', 'seoh'],
  shin: ['sin', 'shinn'],
  kwon: ['gwon', 'kwun'],
  ahn: [],
  yu: ['yoo', 'ryu', 'ryoo', 'you', 'rhyu'],
  jeon: ['chun', 'jun', 'chon', 'jeun'],
  ko: ['koh', 'go'],
  mun: ['moon'],
  son: ['sohn'],
  bae: ['pae'],
  baek: ['paek', 'paik', 'baik'],
  heo: ['hur', 'huh', 'hurh'],
  noh: ['roh'],
  sim: ['shim'],
  kwak: ['gwak'],
  seong: ['sung'],
  ju: ['joo'],
  gu: ['koo', 'ku', 'goo'],
  eom: ['um', 'uhm'],
  hyun: ['hyeon'],
  byun: ['byeon', 'pyun', 'pyon'],
};
const variantToSurname = new Map<string, string>();
for (const [canonical, variants] of Object.entries(surnameVariants)) {
  for (const v of variants) variantToSurname.set(v, canonical);
}

/** Every spelling folded to `folded` (itself first), or undefined when it is not a folded Korean surname. */
export function koreanSurnameSpellings(folded: string): readonly string[] | undefined {
  return spellingsOf.get(folded);
}
const spellingsOf = new Map(Object.entries(surnameVariants).map(([k, v]) => [k, [k, ...v]]));

/** The folded form of a Korean surname spelling, or the token itself when it is not one. */
export function foldKoreanSurname(token: string): string {
  return variantToSurname.get(token) ?? token;
}

function syllable(cp: number): string {
  const s = cp - 0xac00;
  const i = Math.floor(s / 588);
  const m = Math.floor((s % 588) / 28);
  const f = s % 28;
  return (initials[i] ?? '') + (medials[m] ?? '') + (finals[f] ?? '');
}

/**
 * Romanises a run of Hangul syllables. A run that is the whole name is read as surname + given name; a single
 * syllable as a surname; any other run (a given name written apart) as one word.
 */
export function romaniseHangul(run: string, wholeName: boolean): string {
  const chars = Array.from(run).filter((c) => {
    const cp = c.codePointAt(0)!;
    return cp >= 0xac00 && cp <= 0xd7a3;
  });
  if (chars.length === 0) return '';
  const roman = (cs: readonly string[]): string => cs.map((c) => syllable(c.codePointAt(0)!)).join('');
  if (chars.length === 1) return hangulSurnames[chars[0]!] ?? roman(chars);
  if (wholeName && chars.length >= 2 && chars.length <= 4) {
    const two = chars[0]! + chars[1]!;
    if (chars.length >= 3 && compoundSurnames.has(two)) return `${roman(chars.slice(0, 2))} ${roman(chars.slice(2))}`;
    const surname = hangulSurnames[chars[0]!] ?? roman(chars.slice(0, 1));
    return `${surname} ${roman(chars.slice(1))}`;
  }
  return roman(chars);
}

/**
 * Korean surnames as the tokens carry them (variant spellings are folded first, see foldKoreanSurname): those with
 * several spellings, and the others of three letters or more. Ma, Na, Ha, Do, In and the like are as often names,
 * particles or syllables of other languages.
 */
const latinSurnames = new Set([
  ...Object.keys(surnameVariants),
  ...Object.values(hangulSurnames).filter((s) => s.length >= 3),
]);

/** Whether a Latin word is one of the Korean surnames (in its folded spelling; see latinSurnames). */
export function isKoreanSurname(word: string): boolean {
  return latinSurnames.has(word);
}

/**
 * One to three Korean syllables in Latin letters, in any of the romanisations in use: an initial consonant (the
 * tense doubles, and McCune–Reischauer's aspirates written with an h, included), a vowel (Revised Romanisation's
 * digraphs, McCune–Reischauer's with the breve dropped, and the passport spellings oo, ee, ou), and a final among k,
 * n, t, l, m, p, ng (g, d, b as some write them). Apostrophes are gone before this (normalize.ts).
 */
const koreanWord =
  /^(?:(?:kk|tt|pp|ss|jj|ch|sh|th|ph|kh|[gkndtrlmbpsjhwy])?(?:wae|yae|yeo|yeu|ae|ya|ye|eo|eu|oe|wa|we|wi|wo|ui|yo|yu|oo|ee|ou|a|e|i|o|u)(?:ng|[kgndtlmbp])?){1,3}$/;

/** Whether a Latin word reads as one to three romanised Korean syllables. */
export function isKoreanWord(word: string): boolean {
  return word.length <= 15 && koreanWord.test(word);
}

/** Folds the spelling differences between romanisations of Chinese and Korean syllables. */
export function foldSyllables(s: string): string {
  return s
    .replace(/eo/g, 'o')
    .replace(/eu/g, 'u')
    .replace(/oo/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/ou/g, 'o')
    .replace(/hs/g, 's')
    .replace(/(?:ch|zh|j|q)/g, 'j')
    .replace(/sh|x/g, 's')
    .replace(/ts|tz/g, 'z')
    .replace(/k/g, 'g')
    .replace(/t/g, 'd')
    .replace(/p/g, 'b')
    .replace(/r/g, 'l')
    .replace(/h$/g, '');
}

/**
 * The spelling differences between romanisations of Korean syllables written in Latin letters, folded as
 * foldSyllables folds the syllables of a Hangul name, so both meet: McCune–Reischauer writes the plain stops and
 * affricate voiceless where Revised Romanisation writes them voiced (Kyŏng-ho / Gyeong-ho, Tong-sŏk / Dong-seok,
 * Pŏm-chun / Beom-jun, Chae-il / Jae-il), its ŏ and ŭ lose their breves (o, u) where RR writes eo and eu, and
 * passports write oo, ee, ou. Before that: aspirates written th, ph or kh, and tense consonants doubled or not.
 */
export function foldKoreanRomanisation(word: string): string {
  return foldSyllables(word.replace(/([kgtdpbsj])\1/g, '$1').replace(/([tpk])h/g, '$1'));
}

/**
 * Folded Korean syllables (foldSyllables, foldKoreanRomanisation) with O and U as one vowel, for comparing a name in
 * Hangul with Latin spellings: ㅓ is EO in Revised Romanisation, Ŏ (O) in McCune–Reischauer and U in passport
 * spellings (Myeong-bak, Myŏng-bak, Myung-bak; Seok-yeol, Suk-yeol; Hyeon, Hyun), and ㅡ EU in RR and Ŭ (U) in MR
 * (Seung-man, Sŭng-man): no letter tells ㅗ, ㅓ, ㅜ and ㅡ apart in every romanisation. Only where one side is Hangul,
 * whose vowels are known: Latin spellings compared with each other keep O and U apart (Chu is not Cho), and so do
 * Chinese syllables (Zhou, Zhu).
 */
export function koreanVowelsMerged(folded: string): string {
  return folded.replace(/u/g, 'o');
}
