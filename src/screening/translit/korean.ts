/**
 * Hangul to Latin by Revised Romanisation (decomposing each syllable into its jamo), and the common spellings
 * of Korean surnames (Lee/Yi/Rhee/Ri, Park/Pak/Bak, Kim/Gim, Choi/Choe, Jung/Chung/Jeong…) folded to one form.
 * McCune–Reischauer differs from RR mostly in k/g, t/d, p/b, ch/j and ŏ/eo, which the fuzzy token
 * comparison and the folded surnames absorb.
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
