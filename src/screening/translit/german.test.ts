import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { englishFromGerman, germanReadings, looksGermanTranscribed } from './german.js';

describe('German transcriptions of Cyrillic names', () => {
  it('gives the English spelling of the Duden forms', () => {
    const cases: [string, string][] = [
      ['wladimir', 'vladimir'],
      ['tjurin', 'tyurin'],
      ['gorbatschow', 'gorbachov'],
      ['chruschtschow', 'khrushchov'],
      ['jelzin', 'yeltsin'],
      ['schukow', 'shukov'],
      ['tschaikowski', 'chaikovski'],
      ['jewgeni', 'yevgeni'],
      ['uljanow', 'ulyanov'],
      ['medwedew', 'medvedev'],
      ['sergej', 'sergey'],
      ['dmitrij', 'dmitriy'],
      ['wassilij', 'vasiliy'],
      ['iwanowa', 'ivanova'],
      ['petrowitsch', 'petrovich'],
      ['solschenizyn', 'solshenitsyn'],
      ['pjotr', 'pyotr'],
    ];
    for (const [german, english] of cases) assert.equal(englishFromGerman(german), english, german);
  });

  it('leaves alone words without a German mark: Spanish J, Chinese W, plain names', () => {
    const plain = [
      'juan',
      'jose',
      'jorge',
      'alejandro',
      'rojas',
      'gonzalez',
      'wang',
      'wei',
      'edward',
      'marwan',
      'walid',
    ];
    for (const word of [...plain, 'ivan', 'petrov', 'mikhail', 'li', 'ab']) {
      assert.equal(looksGermanTranscribed(word), false, word);
      assert.equal(englishFromGerman(word), undefined, word);
    }
  });

  it('respells whole names, keeping what is not a word, and only names that change', () => {
    assert.deepEqual(germanReadings(['TJURIN, Wladimir', 'Ivan Petrov', 'Boris Jelzin']), [
      'TYURIN, Vladimir',
      'Boris Yeltsin',
    ]);
  });
});
