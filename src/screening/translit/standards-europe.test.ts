/**
 * Names written by the European and Caucasian transliteration standards, and by the invisible characters that split
 * words, screened against the same person written otherwise. Every name here is invented.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_THRESHOLD, ScreeningEngine } from '../engine.js';
import { romaniseName } from '../normalize.js';
import { russianLatinReadings } from './cyrillic.js';
import { germanReadings } from './german.js';

/** Others on the list beside the person looked for, so that a match must also be the best one. */
const OTHERS = ['Bartholomew Quennell', 'Ingrid Solvang', 'Ivan Petrov', 'Wang Wei', 'Maria Papadopoulou'];

/** The score of `listed` for a screening of `query`, and whether it is the best hit. */
function screen(query: string, listed: string, nationality?: string): { score: number; best: boolean } {
  const engine = new ScreeningEngine();
  engine.add({ key: 0, entityId: 'listed', names: [listed], birthDates: [], nationalities: [], documents: [] });
  OTHERS.forEach((name, i) =>
    engine.add({ key: i + 1, entityId: `other-${i}`, names: [name], birthDates: [], nationalities: [], documents: [] }),
  );
  const hits = engine.screenPerson({ names: [query], nationality }, { limit: 10 }).hits;
  const hit = hits.find((h) => h.key === 0);
  return { score: hit?.score ?? 0, best: hits[0]?.key === 0 };
}

function assertMatches(query: string, listed: string, nationality?: string): void {
  const { score, best } = screen(query, listed, nationality);
  assert.ok(score >= DEFAULT_THRESHOLD && best, `${query} ~ ${listed}: ${score.toFixed(3)}${best ? '' : ', not best'}`);
}

function assertNoMatch(query: string, listed: string): void {
  const { score } = screen(query, listed);
  assert.ok(score < DEFAULT_THRESHOLD, `${query} ~ ${listed}: ${score.toFixed(3)}`);
}

const words = (name: string): string[] => romaniseName(name).map((w) => w.text);

describe('format characters inside a word', () => {
  it('are deleted, so a joiner, soft hyphen or direction mark does not split the word', () => {
    assert.deepEqual(words('Ta\u200dmsin Orl\u00adwick'), ['tamsin', 'orlwick']);
    assert.deepEqual(words('Bre\u200cnnar Kov\u2060\u200ealtz\ufeff'), ['brennar', 'kovaltz']);
    // Controls and line separators still separate words.
    assert.deepEqual(words('Tamsin\u0000Orlwick\u2028Bay'), ['tamsin', 'orlwick', 'bay']);
    assertMatches('Ta\u200dmsin Orlwick', 'Tamsin Orlwick');
    assertMatches('Bre\u200cnnar Ko\u200cvaltz\u200cczek', 'Brennar Kovaltzczek');
  });

  it('keep a Persian compound written with a zero-width non-joiner (standard Persian spelling) one word', () => {
    assertMatches('فرهاد علی\u200cپور', 'Farhad Alipour');
    assertMatches('کیوان تقی\u200cنژاد', 'Keyvan Taghinejad');
  });

  it('no longer cut a word into a short name that matches someone else', () => {
    assertNoMatch('Jo\u200bhenna Vastrel', 'Jo Vastrel');
    assertNoMatch('Mar\u200cisola Duartez', 'Mar Duartez');
  });
});

describe('Azerbaijani Ə and the IPA letters of African orthographies', () => {
  it('reads Ə as A (the MRZ of Azerbaijani passports) or E, inside the word', () => {
    assert.deepEqual(
      romaniseName('Zəfər Məlikzadə').map((w) => [w.text, w.alt]),
      [
        ['zafar', 'zefer'],
        ['malikzada', 'melikzade'],
      ],
    );
    assertMatches('Zəfər Məlikzadə', 'Zafar Malikzada');
    assertMatches('Zəfər Məlikzadə', 'Zefer Melikzade');
  });

  it('folds Ɛ, Ɔ, Ɓ, Ɗ, Ƙ, Ŋ to their plain letters', () => {
    assert.deepEqual(words('Ɛfuɔ Ɓalɗo Ƙanŋa'), ['efuo', 'baldo', 'kannga']);
  });

  it('no longer leaves the letters around Ə as initials that match anyone', () => {
    assertNoMatch('Əsgərli Qudrətov', 'L. R. Qudratovich');
    assertNoMatch('Ələsgər Tağızadə', 'L. R. Tagizada');
  });
});

describe('Ukrainian and Belarusian names (Ukrainian national system 2010; Belarusian ў)', () => {
  it('reads Г as H in a name written with Russian letters only, as an alternative', () => {
    assertMatches('Галина Гордієнко'.replace('і', 'и'), 'Halyna Hordyenko');
    assertMatches('Олег Гребенюк', 'Oleh Hrebeniuk');
    assertMatches('Олег Гребенюк', 'Oleg Grebenyuk');
  });

  it('takes ў as a Belarusian mark', () => {
    assertMatches('Глеб Гаўрылюк', 'Hleb Haurylyuk');
  });

  it('writes ЗГ as ZGH (KMU 2010), not as the ZH of Ж', () => {
    assert.ok(words('Ігор Згарук').includes('zgharuk'));
    assertMatches('Ігор Згарук', 'Ihor Zgharuk');
  });

  it('gives no Ukrainian reading to a name with a Russian-only letter', () => {
    assert.equal(
      romaniseName('Глеб Гырдымов').find((w) => w.text === 'gleb')?.alt,
      undefined,
      'ы is not Ukrainian, so Г stays G',
    );
  });
});

describe('Russian names in German (Duden) transcription', () => {
  it('reads J and W beside a Russian-German word, and initial S as З too', () => {
    assertMatches('Juri Sidorow', 'Юрий Сидоров');
    assertMatches('Soja Kirjanowa', 'Зоя Кирьянова');
    assertMatches('Iwan Saikow', 'Иван Зайков');
    assert.deepEqual(germanReadings(['Soja Petrowa']), ['Soya Petrova', 'Zoya Petrova']);
  });

  it('does not read J, Z or S otherwise in a name whose only mark is a J (Arabic and Spanish names)', () => {
    assert.deepEqual(germanReadings(['Ramzan Hajaj', 'Juan Sanchez', 'Jasmin Saadi']), ['Ramzan Hayay']);
  });
});

describe('Greek γκ at the start of a word (ELOT 743 GK, BGN/PCGN 1962 G)', () => {
  it('reads it G, with GK as the alternative', () => {
    assert.deepEqual(
      romaniseName('Γκούσκος').map((w) => [w.text, w.alt]),
      [['gouskos', 'gkouskos']],
    );
    assertMatches('Σπύρος Γκούσκος', 'Spyros Gouskos');
    assertMatches('Σπύρος Γκούσκος', 'Spyros Gkouskos');
  });
});

describe('GOST R 52535.1-2006 and GOST 7.79 B spellings of Russian names', () => {
  it('reads TC, X, C and CZ as TS, KH, TS in a name that looks Russian', () => {
    assert.deepEqual(russianLatinReadings(['Oleg Tcarev', 'Xoroshev, Pavel', 'Arkadij Cvetkov'], undefined), [
      'Oleg Tsarev',
      'Khoroshev, Pavel',
      'Arkadiy Tsvetkov',
    ]);
    assertMatches('Boris Tcoi', 'Борис Цой');
    assertMatches('Gennadij Xolodov', 'Геннадий Холодов');
    assertMatches('Vadim Xolod', 'Вадим Холод', 'RUS');
  });

  it('leaves X and C alone in names that do not look Russian', () => {
    assert.deepEqual(russianLatinReadings(['Victor Cole', 'Alexander Fox', 'Xavier Whitcomb'], ['FRA']), []);
    assertNoMatch('Xavier Cole', 'Khavier Tsole');
  });
});

describe('ICAO 9303 before 2006: UXX for Ü, NXX for Ñ', () => {
  it('reads them as the letters they stand for', () => {
    assert.deepEqual(
      romaniseName('Guxxnter Nuxxnez').map((w) => [w.text, w.alt]),
      [
        ['guenter', 'gunter'],
        ['nuenez', 'nunez'],
      ],
    );
    assertMatches('Guxxnter Brxxckner'.replace('rxx', 'ruxx'), 'Günter Brückner');
    assertMatches('Iñigo Peñalosa', 'Inxxigo Penxxalosa');
  });
});
