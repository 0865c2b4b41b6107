import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareName } from '../tokens.js';
import { foldKoreanRomanisation, isKoreanWord, koreanVowelsMerged } from './korean.js';

describe('Korean names in Latin letters', () => {
  it('reads words made of romanised Korean syllables, in any romanisation', () => {
    for (const w of ['jae', 'chae', 'hyeok', 'hyok', 'gyeongho', 'kyongho', 'songthaek', 'il', 'young', 'kkot']) {
      assert.ok(isKoreanWord(w), w);
    }
    for (const w of ['john', 'peter', 'xiaoping', 'mg', 'nguyen', 'vladimir']) assert.ok(!isKoreanWord(w), w);
  });

  it('folds McCune–Reischauer, Revised Romanisation and passport spellings to one', () => {
    const same: [string, string][] = [
      ['chae', 'jae'],
      ['hyok', 'hyeok'],
      ['kyong', 'gyeong'],
      ['tong', 'dong'],
      ['pom', 'beom'],
      ['chun', 'jun'],
      ['thaek', 'taek'],
      ['ssang', 'sang'],
      ['young', 'yeong'],
    ];
    for (const [a, b] of same) assert.equal(foldKoreanRomanisation(a), foldKoreanRomanisation(b), `${a} / ${b}`);
    assert.notEqual(foldKoreanRomanisation('min'), foldKoreanRomanisation('jae'));
    // Against Hangul, ㅓ's spellings in RR, McCune–Reischauer and passports (EO, Ŏ as O, U) meet too.
    const merged = (w: string): string => koreanVowelsMerged(foldKoreanRomanisation(w));
    for (const [a, b] of [
      ['myeong', 'myung'],
      ['myong', 'myung'],
      ['seok', 'suk'],
    ]) {
      assert.equal(merged(a!), merged(b!), `${a} / ${b}`);
    }
  });

  it('gives the folded spelling as an alternative only in a name with a Korean surname', () => {
    const korean = prepareName('KIM Chae-hyok');
    assert.deepEqual(
      korean.map((t) => [t.ascii, t.alt]),
      [
        ['kim', undefined],
        ['chae', 'jae'],
        ['hyok', 'hyog'],
      ],
    );
    assert.deepEqual(
      prepareName('Tina Novak').map((t) => t.alt),
      [undefined, undefined],
    );
  });
});
