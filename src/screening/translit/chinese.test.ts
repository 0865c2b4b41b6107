import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareName } from '../tokens.js';
import { foldChineseRomanisation, isChineseWord, pinyinOf } from './chinese.js';

describe('Chinese names in Latin letters', () => {
  it('reads words of one to three syllables of Pinyin or Wade–Giles', () => {
    for (const w of ['xiaoping', 'hsiao', 'zedong', 'tse', 'chih', 'jingguo', 'enlai', 'hsueh', 'tzu']) {
      assert.ok(isChineseWord(w), w);
    }
    for (const w of ['john', 'peter', 'vladimir', 'nguyen', 'mohammed', 'smith', 'schmidt'])
      assert.ok(!isChineseWord(w), w);
  });

  it('rewrites Wade–Giles in Pinyin, and leaves Pinyin as it is', () => {
    const table: [string, string][] = [
      ['hsiao', 'xiao'],
      ['tse', 'ze'],
      ['tung', 'tong'],
      ['chih', 'chi'],
      ['jih', 'ri'],
      ['jen', 'ren'],
      ['tzu', 'zi'],
      ['ssu', 'si'],
      ['chien', 'chian'],
      ['hsieh', 'xie'],
      ['yueh', 'yue'],
      ['kuei', 'kui'],
      ['ko', 'ke'],
      ['erh', 'er'],
    ];
    for (const [wg, pinyin] of table) assert.equal(pinyinOf(wg), pinyin, wg);
    for (const w of ['xiaoping', 'zedong', 'jiang', 'zhou', 'kong', 'hou']) assert.equal(pinyinOf(w), w, w);
  });

  it('folds a syllable in either system to one spelling, and different syllables apart', () => {
    const same: [string, string][] = [
      ['chang', 'zhang'],
      ['hsiao', 'xiao'],
      ['teng', 'deng'],
      ['chou', 'zhou'],
      ['hsu', 'xu'],
      ['tsai', 'cai'],
      ['chien', 'jian'],
      ['kuo', 'guo'],
      ['jen', 'ren'],
      ['tzu', 'zi'],
      ['hsueh', 'xue'],
      ['ko', 'ge'],
      ['shih', 'shi'],
      ['hsiung', 'xiong'],
      ['ching', 'qing'],
      ['chung', 'zhong'],
      ['tsetung', 'zedong'],
    ];
    for (const [wg, pinyin] of same) {
      assert.equal(foldChineseRomanisation(wg), foldChineseRomanisation(pinyin), `${wg} / ${pinyin}`);
    }
    for (const [a, b] of [
      ['ming', 'min'],
      ['jian', 'xian'],
      ['zhou', 'zhao'],
      ['hong', 'heng'],
    ]) {
      assert.notEqual(foldChineseRomanisation(a!), foldChineseRomanisation(b!), `${a} / ${b}`);
    }
  });

  it('gives the folded spelling as an alternative in a Chinese name only', () => {
    const alts = (name: string) => prepareName(name).map((t) => [t.ascii, t.alt]);
    assert.deepEqual(alts('TENG Hsiao-ping'), [
      ['teng', 'deng'],
      ['hsiao', 'siao'],
      ['ping', 'bing'],
    ]);
    // No Chinese surname: the words are left as written.
    assert.deepEqual(alts('Tina Novak'), [
      ['tina', undefined],
      ['novak', undefined],
    ]);
    // A Chinese surname, and a given name that is not Chinese syllables.
    assert.deepEqual(alts('Peter Hsiao'), [
      ['peter', undefined],
      ['hsiao', 'siao'],
    ]);
    // A surname both Korean and Chinese, given names Korean romanisations also write: read as Korean.
    assert.deepEqual(alts('Lee Seung-hoon'), [
      ['lee', undefined],
      ['seung', 'sung'],
      ['hoon', 'hun'],
    ]);
    // The same surname with a word only Chinese romanisations write (IE): read as Chinese.
    assert.deepEqual(alts('Wang Chien-ming'), [
      ['wang', undefined],
      ['chien', 'jian'],
      ['ming', undefined],
    ]);
  });
});
