// Thai read after RTGS by syllables (thai.ts): names made up for these tests from common Thai name elements.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldThaiLatin, romaniseThai, thaiReadings } from './thai.js';

const cases: [string, string, string][] = [
  // [why, Thai, RTGS]
  ['a closed syllable without a vowel has O', 'สมชาย', 'somchai'],
  ['an open one A', 'ธนากร', 'thanakon'],
  ['a consonant alone at the end is the last syllable’s final', 'นคร', 'nakhon'],
  ['ญ closing a syllable is N', 'บุญมี', 'bunmi'],
  ['ร closing a syllable is N', 'ศิริพร', 'siriphon'],
  ['ร after a vowel sign, before a syllable, links with A', 'สุรชัย', 'surachai'],
  ['ล closing a syllable is N', 'กุล', 'kun'],
  ['a stop closing a syllable is T', 'ปิยะนุช', 'piyanut'],
  ['P closing', 'พรทิพย์', 'phonthip'],
  ['the thanthakhat silences its letter', 'สายสุนีย์', 'saisuni'],
  ['and its vowel', 'อดิศักดิ์', 'adisak'],
  ['and ท before a silenced ร', 'จันทร์เพ็ญ', 'chanphen'],
  ['ั with ย is AI', 'ชัยวัฒน์', 'chaiwat'],
  ['a vowel written before its consonant', 'วิเศษ', 'wiset'],
  ['เ–ิ is OE, ร after ส silent', 'ประเสริฐ', 'prasoet'],
  ['เ–ือ is UEA', 'เรือง', 'rueang'],
  ['แ with a final ว', 'แก้ว', 'kaeo'],
  ['อ between consonants is O', 'ทอง', 'thong'],
  ['ว between a consonant and a final is UA', 'ดวงใจ', 'duangchai'],
  ['ำ closes its syllable', 'ลำดวน', 'lamduan'],
  ['รร is A', 'ธรรม', 'tham'],
  ['รร before a final', 'ทิพวรรณ', 'thipwan'],
  ['a silent ห before a sonorant', 'สมหญิง', 'somying'],
  ['ศร is S', 'ศรี', 'si'],
  ['a syllable whose consonant is a final, then an open one', 'พงศกร', 'phongsakon'],
  ['tone marks are not read', 'มั่น', 'man'],
  ['words as spaced', 'สมชาย บุญมี', 'somchai bunmi'],
];

describe('romaniseThai', () => {
  for (const [why, thai, rtgs] of cases) {
    it(`${why}: ${thai} is ${rtgs}`, () => assert.equal(romaniseThai(thai), rtgs));
  }

  it('reads any string of Thai letters and marks without failing', () => {
    // Every letter and sign of the block, in runs of every length, including marks with nothing to sit on.
    const block = Array.from({ length: 0x5c }, (_, i) => String.fromCharCode(0x0e01 + i));
    for (let len = 1; len <= 4; len++) {
      for (let start = 0; start + len <= block.length; start++) {
        const out = romaniseThai(block.slice(start, start + len).join(''));
        assert.match(out, /^[a-z ]*$/);
      }
    }
    assert.equal(romaniseThai('์่'), '');
  });
});

describe('foldThaiLatin', () => {
  const pairs: [string, string][] = [
    // [RTGS, as bearers spell it]
    ['Siriphon', 'Siriporn'],
    ['Thongdi', 'Tongdee'],
    ['Charoen', 'Jaroen'],
    ['Somboon', 'Sombun'],
    ['Kun', 'Kul'],
    ['Piyanut', 'Piyanuch'],
    ['Natthaphon', 'Nattapon'],
    ['Wiset', 'Viset'],
    ['Si', 'Sri'],
    ['Chan', 'Charn'],
    ['Prasoet', 'Prasert'],
  ];
  for (const [rtgs, popular] of pairs) {
    it(`writes ${rtgs} and ${popular} alike`, () => assert.equal(foldThaiLatin(rtgs), foldThaiLatin(popular)));
  }

  it('keeps what is not a letter, and lower-cases', () => {
    assert.equal(foldThaiLatin('CHAROENSUK, Siriporn'), 'charensuk, siripon');
  });
});

describe('thaiReadings', () => {
  it('reads a name in Thai script whatever the nationality', () => {
    assert.deepEqual(thaiReadings(['ศิริพร ทองดี'], undefined), ['siripon tongdi']);
  });

  it("reads a Thai national's Latin name, and no one else's", () => {
    assert.deepEqual(thaiReadings(['Siriporn Tongdee'], ['THA']), ['siripon tongdi']);
    assert.deepEqual(thaiReadings(['Siriporn Tongdee'], 'TH'), ['siripon tongdi']);
    assert.deepEqual(thaiReadings(['John Philip'], ['USA']), []);
    assert.deepEqual(thaiReadings(['John Philip'], undefined), []);
  });

  it('gives no reading where the name reads the same', () => {
    assert.deepEqual(thaiReadings(['Somsak'], ['THA']), []);
  });
});
