/**
 * Names written by the Asian transliteration standards (Persian and Egyptian readings of Arabic letters, Hanyu Pinyin
 * and Wade–Giles, Korean Revised Romanisation, McCune–Reischauer and passport spellings), screened against the same
 * person written otherwise, among a few hundred others who share their surnames, so that candidate retrieval must find
 * the person too. Every name here is invented.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { DEFAULT_THRESHOLD, ScreeningEngine } from '../engine.js';

/** Persons on the list beside the ones looked for: common surnames with made-up given names, in Latin and in script. */
function others(): string[] {
  const out: string[] = [];
  const syllables = ['min', 'jae', 'sung', 'hyun', 'ho', 'jin', 'young', 'seok', 'wen', 'hua', 'ming', 'li'];
  const latin = ['Kim', 'Lee', 'Park', 'Yi', 'Choi', 'Wang', 'Li', 'Zhang', 'Chen', 'Liu', 'Xu', 'Lu', 'Cao'];
  for (const surname of latin) {
    for (let i = 0; i < syllables.length; i++) {
      out.push(`${surname} ${syllables[i]!}${syllables[(i * 5 + 3) % syllables.length]!}`);
      out.push(`${surname} ${syllables[(i + 4) % syllables.length]!}-${syllables[(i * 7 + 1) % syllables.length]!}`);
    }
  }
  const hangul = ['김', '이', '박', '윤', '노'];
  const hangulGiven = ['민준', '서연', '지훈', '수빈', '현우', '지민', '도윤', '하은'];
  const han = ['王', '李', '张', '吕', '徐', '曹', '钱', '郑'];
  const hanGiven = ['小明', '建国', '丽华', '志强', '秀英', '海波', '玉兰', '国平'];
  for (const s of hangul) for (const g of hangulGiven) out.push(s + g);
  for (const s of han) for (const g of hanGiven) out.push(s + g);
  const arabic = ['محمد حسینی', 'علی کرمانی', 'حسن الطوخي', 'محمود سعيد', 'امیر رضایی', 'جواد موسوی'];
  const persian = ['Mohammad Hosseini', 'Ali Kermani', 'Hassan Tokhy', 'Mahmoud Said', 'Amir Rezaei', 'Javad Mousavi'];
  for (let i = 0; i < 20; i++) {
    out.push(arabic[i % arabic.length]! + (i === 0 ? '' : ` ${arabic[(i * 5) % arabic.length]!.split(' ')[0]!}`));
    out.push(`${persian[i % persian.length]!} ${['Karimi', 'Ahmadi', 'Nouri', 'Saberi'][i % 4]!}`);
  }
  return out;
}

/** The persons looked for, by key, each under one spelling. */
const listed: [number, string][] = [
  [1, 'Omid Vahidi Sarabi'],
  [2, 'Kamran Zakeri Fard'],
  [3, 'Bahram Sabeti Rad'],
  [4, 'Gamil Hassan El Tokhy'],
  [5, 'Zulfiqar Ali Warraich'],
  [6, 'Lyu Guanghui'],
  [7, 'Tsao Peilin'],
  [8, 'Chien Shaoyun'],
  [9, 'Hsü Tien-chu'],
  [10, '이명섭'],
  [11, '김대석'],
  [12, 'Yun Suk-jin'],
  [13, '노무섭'],
  [14, 'Kim Bojung'],
  [15, '薛文涛'],
  [16, 'Park Sang-woo'],
];

let engine: ScreeningEngine;

before(() => {
  engine = new ScreeningEngine();
  for (const [key, name] of listed) {
    engine.add({ key, entityId: `listed-${key}`, names: [name], birthDates: [], nationalities: [], documents: [] });
  }
  others().forEach((name, i) =>
    engine.add({
      key: 1000 + i,
      entityId: `other-${i}`,
      names: [name],
      birthDates: [],
      nationalities: [],
      documents: [],
    }),
  );
});

/** The score of listed person `key` for a screening of `query` (0 when not returned), and whether it is the best hit. */
function screen(query: string, key: number): { score: number; best: boolean } {
  const hits = engine.screenPerson({ names: [query] }, { limit: 10 }).hits;
  return { score: hits.find((h) => h.key === key)?.score ?? 0, best: hits[0]?.key === key };
}

function assertMatches(query: string, key: number): void {
  const { score, best } = screen(query, key);
  const name = listed.find(([k]) => k === key)![1];
  assert.ok(score >= DEFAULT_THRESHOLD && best, `${query} ~ ${name}: ${score.toFixed(3)}${best ? '' : ', not best'}`);
}

function assertNoMatch(query: string, key: number): void {
  const { score } = screen(query, key);
  const name = listed.find(([k]) => k === key)![1];
  assert.ok(score < DEFAULT_THRESHOLD, `${query} ~ ${name}: ${score.toFixed(3)}`);
}

describe('Arabic script read with Persian and Egyptian letter values', () => {
  // BGN/PCGN 1958 Persian and UNGEGN: و is V where it is a consonant, ذ is Z, ث is S.
  it('reads و as V, ذ as Z and ث as S in a Persian name', () => {
    assertMatches('امید وحیدی سرابی', 1);
    assertMatches('کامران ذاکری فرد', 2);
    assertMatches('بهرام ثابتی راد', 3);
  });

  // Urdu writes ذ as Z too, and the article's alif after و is not spoken (Zulfiqar, not Zawalfiqar).
  it('reads ذوالفقار as Zulfiqar in an Urdu name', () => {
    assertMatches('ذوالفقار علی وڑائچ', 5);
  });

  // Egyptian practice writes ج as G (Gamal, Ragab); a name in Arabic letters only is read so as well.
  it('reads ج as G in a name written with Arabic letters only', () => {
    assertMatches('جميل حسن الطوخي', 4);
  });

  it('gives no letter a reading that makes another name of it', () => {
    // V is و, not ف: Farid is not Vahidi.
    assertNoMatch('امید فریدی سرابی', 1);
    // A Persian name has no Egyptian G: جمیل is Jamil, never Gamil.
    assertNoMatch('جمیل حسن تابش', 4);
  });
});

describe('Chinese: Pinyin Ü and Wade–Giles against Chinese characters', () => {
  // Hanyu Pinyin writes 吕 LÜ, ICAO Doc 9303 LU, PRC passports LYU.
  it('reads Ü as U, and LYU as the same syllable', () => {
    assertMatches('吕光辉', 6);
    assertMatches('Lü Guanghui', 6);
    assertMatches('Lu Guanghui', 6);
  });

  // Wade–Giles TS'AO is Pinyin CAO, CH'IEN QIAN, HSÜ XU: the characters are compared as the Latin names are.
  it('meets Wade–Giles spellings written together or apart', () => {
    assertMatches('曹培林', 7);
    assertMatches('钱少云', 8);
    assertMatches('徐天柱', 9);
  });

  it('keeps syllables that the standards tell apart', () => {
    // Wade–Giles HSÜ is XU (徐), not XUE (薛, Wade–Giles HSÜEH).
    assertNoMatch('Hsü Wen-tao', 15);
    // 路 is LU, but its given name is not this person's.
    assertNoMatch('路国平', 6);
  });
});

describe('Korean: Hangul against Revised Romanisation, McCune–Reischauer and passport spellings', () => {
  // ㅓ is EO in Revised Romanisation, Ŏ in McCune–Reischauer and U in passports; RR writes the surname 이 as I.
  it('meets a given name split in two, in any romanisation', () => {
    assertMatches('Yi Myŏng-sŏp', 10);
    assertMatches('Lee Myung-sub', 10);
    assertMatches('I Myeongseop', 10);
    assertMatches('Kim Tae-sŏk', 11);
    assertMatches('Kim Dae-suk', 11);
  });

  it('meets Hangul with a passport spelling whose surname it does not know', () => {
    assertMatches('윤석진', 12);
    assertMatches('No Moo-seop', 13);
  });

  // McCune–Reischauer PO is RR BO; JUNG, a surname spelling too (정), is a syllable of the given name here.
  it('meets Latin spellings of one name written together and apart', () => {
    assertMatches('Kim Po-jung', 14);
  });

  it('reads I as LEE only where it opens a Korean name', () => {
    assertNoMatch('I Sang-woo', 16);
    assertNoMatch('Park I. Sang', 16);
  });
});
