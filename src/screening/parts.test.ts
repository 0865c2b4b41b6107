// Table-driven tests of the pure parts: documents, dates, normalisation; property tests of robustness.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  DATE_EXACT,
  DATE_FAR,
  DATE_MISMATCH,
  DATE_NEAR,
  DATE_YEAR_WRONG,
  DATE_PARTIAL,
  DATE_SWAPPED,
  DATE_YEAR_OFF,
  compareDates,
  parseDate,
} from './dates.js';
import { cleanDocumentNumber, foldDocumentNumber } from './documents.js';
import { ScreeningEngine } from './engine.js';
import { normaliseText, romaniseName } from './normalize.js';
import { skeleton } from './phonetic.js';
import { joinedTokenSkeleton, prepareName, tokenSkeleton } from './tokens.js';

describe('document numbers', () => {
  const same: [string, string][] = [
    ['AB1023456', 'AB 102 3456'],
    ['AB1023456', 'A81O23456'],
    ['X1234567', 'XI234567'],
    ['Z5678G', '25678 6'],
    ['L898902C3', 'L898902C3<<'],
  ];
  for (const [a, b] of same) {
    it(`${a} folds like ${b}`, () => {
      assert.equal(foldDocumentNumber(cleanDocumentNumber(a)), foldDocumentNumber(cleanDocumentNumber(b)));
    });
  }

  it('screens documents with OCR confusions and the issuing state', () => {
    const engine = new ScreeningEngine();
    engine.add({
      key: 0,
      entityId: 'e0',
      names: ['Test Person'],
      birthDates: [],
      nationalities: [],
      documents: [{ number: 'AB1023456', country: 'FRA', type: 'passport' }],
    });
    assert.equal(engine.screenDocument({ number: 'AB1023456', country: 'FR' })[0]?.how, 'exact');
    assert.equal(engine.screenDocument({ number: 'A8IO23456' })[0]?.how, 'ocr');
    assert.equal(engine.screenDocument({ number: 'AB1023456', country: 'DEU' }).length, 0);
    assert.equal(engine.screenDocument({ number: 'AB1023457' }).length, 0);
    const hit = engine.screenPerson({ names: ['Someone Else'], documents: [{ number: 'ab-102-3456' }] }).hits[0];
    assert.ok(hit?.explanation.some((f) => f.feature === 'document'));
    engine.remove(0);
    assert.equal(engine.screenDocument({ number: 'AB1023456' }).length, 0);
  });
});

describe('birth dates', () => {
  const cases: [string, string, number][] = [
    ['1962-05-14', '1962-05-14', DATE_EXACT],
    ['1962', '1962-05-14', DATE_PARTIAL],
    ['1962-05', '1962-05-14', DATE_PARTIAL],
    ['1962-05-14', '1963-05-14', DATE_YEAR_OFF],
    ['1962-05-04', '1962-04-05', DATE_SWAPPED],
    ['1962-05-14', '1964-01-02', DATE_MISMATCH],
    ['1962-05-14', '1975-01-02', DATE_FAR],
    ['1962', '1995-01-02', DATE_FAR],
    // The year alone other, by a few years or by a slip of one digit (or two swapped), the rest agreeing: the person's
    // date written wrong as likely as another person's.
    ['1962-05-14', '1964-05-14', DATE_YEAR_WRONG],
    ['1962-05', '1964-05-14', DATE_YEAR_WRONG],
    ['1962-05-14', '1972-05-14', DATE_YEAR_WRONG],
    ['1962-05-14', '1926-05-14', DATE_YEAR_WRONG],
    // Where one side gives the year alone, no month and day agree to say the year was written wrong: one year off is
    // near, more a mismatch, far a far.
    ['1962', '1963-05-14', DATE_NEAR],
    ['1962', '1965', DATE_MISMATCH],
    ['1962', '1982-05-14', DATE_MISMATCH],
    ['1962-05-14', '1972-06-14', DATE_FAR],
    ['14.05.1962', '1962-05-14', DATE_EXACT],
    // The same year with one part of the date other is near; with both month and day other, two parts are wrong, as
    // with a year off and the month wrong, unless one side is 1 January (written for a date known by its year only).
    ['1962-05-14', '1962-05-27', DATE_NEAR],
    ['1962-05-14', '1962-09-14', DATE_NEAR],
    ['1962-05', '1962-09-27', DATE_NEAR],
    ['1962-05-14', '1962-09-27', DATE_MISMATCH],
    ['1962-05-14', '1963-09-27', DATE_MISMATCH],
    ['1962-01-01', '1962-09-27', DATE_NEAR],
    ['1962-09-27', '1962-01-01', DATE_NEAR],
  ];
  for (const [q, c, want] of cases) {
    it(`${q} vs ${c}`, () => assert.equal(compareDates(parseDate(q), parseDate(c)), want));
  }
  it('rejects nonsense', () => {
    assert.equal(parseDate('yesterday'), 0);
    assert.equal(parseDate('1962-13-01'), 0);
  });
});

describe('normalisation', () => {
  const cases: [string, string[]][] = [
    ['ＭＵＬＬＥＲ', ['muller']],
    ['Müller', ['mueller']],
    ["O'Brien", ['obrien']],
    ['Jean-Luc\u200d Picard', ['jean', 'luc', 'picard']],
    ['Þór Ægisson', ['thor', 'aegisson']],
  ];
  for (const [raw, words] of cases) {
    it(raw, () =>
      assert.deepEqual(
        romaniseName(raw).map((w) => w.text),
        words,
      ),
    );
  }
  it('gives the same skeleton to romanisation variants', () => {
    for (const group of [
      ['muhammad', 'mohammed', 'mohamed', 'mohamad'],
      ['husayn', 'hussein', 'hussain'],
      ['yusuf', 'youssef', 'yousef'],
      ['shchukin', 'chtchoukine', 'schtschukin'],
    ]) {
      assert.equal(new Set(group.map((w) => skeleton(w))).size, 1, group.join('/'));
    }
  });
  it('reads two words joined as it reads the joined word, for any words (property)', () => {
    // Spellings the reading looks ahead from, and across a join (S + CH, T + CH, D + ZH, A + J, A + H).
    const piece = fc.constantFrom(
      ...'abcdefghijklmnopqrstuvwxyz'.split(''),
      ...['sch', 'tsch', 'shch', 'chtch', 'ch', 'sh', 'kh', 'gh', 'th', 'dzh', 'dj', 'qu', 'ck', 'ts', 'tz', 'ph'],
      ...['zh', 'ce', 'ci', 'ou', 'ah', 'aj'],
    );
    const word = fc.array(piece, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(word, word, (a, b) => joinedTokenSkeleton(a, b) === tokenSkeleton(a + b)),
      { numRuns: 20_000 },
    );
    assert.equal(joinedTokenSkeleton('abdul', 'rahman'), 'BDLRHMN');
    assert.equal(joinedTokenSkeleton('karas', 'hin'), 'KRSN'); // SH across the join, not KRS + HN
  });
  it('romanises Ethiopic and the Indian scripts laid out as Devanagari', () => {
    const words = (n: string): string[] => romaniseName(n).map((w) => w.text);
    assert.deepEqual(words('ተስፋይ ገብረሚካኤል'), ['tesfay', 'gebremikael']);
    assert.deepEqual(words('አብርሃም ጸጋይ'), ['abrham', 'tsegay']);
    assert.deepEqual(words('መሓሪ፡ተኽለ'), ['mehari', 'tekle']);
    assert.deepEqual(words('মোহাম্মদ'), ['mohammad']);
    assert.deepEqual(words('ਸਿੰਘ'), ['singh']);
    assert.deepEqual(words('ગીતા પટેલ'), ['gita', 'patel']);
    assert.deepEqual(words('முருகன்'), ['murukan']);
    assert.deepEqual(words('രാമൻ'), ['raman']);
  });
  it('romanises Khmer, Lao and Burmese (one word a Burmese syllable)', () => {
    const words = (n: string): string[] => romaniseName(n).map((w) => w.text);
    assert.deepEqual(words('ហ៊ុន សែន'), ['hon', 'saen']);
    assert.deepEqual(words('សុខ ដារ៉ា'), ['sok', 'dara']);
    assert.deepEqual(words('ສຸວັນນະ ພູມາ'), ['sufanna', 'phuma']);
    assert.deepEqual(words('အောင်ဆန်းစုကြည်'), ['aung', 'san', 'su', 'kyi']);
    assert.deepEqual(words('မင်းအောင်လှိုင်'), ['min', 'aung', 'hlaing']);
    assert.deepEqual(words('ဝင်းမြင့်'), ['win', 'myin']);
    assert.deepEqual(words('ရွှေ'), ['shwe']);
  });
  it('rebuilds Arabic compound names', () => {
    for (const n of ['Abd al-Rahman', 'Abdulrahman', 'Abdel Rahman', 'Abdurrahman', 'عبد الرحمن']) {
      assert.equal(prepareName(n)[0]?.skel, 'BDRHMN', n);
    }
  });
  it('reads a kunya cut by surname-first order in spoken order, the Abu alone after the comma too', () => {
    const skeletons = (n: string): string[] => prepareName(n).map((t) => t.skel);
    const pairs: [string, string][] = [
      ['MARZOUK, Musa Abu', 'Musa Abu Marzouk'],
      ['ZUBAYR, Abu', 'Abu Zubayr'],
      ['JIHAD, Abou', 'Abou Jihad'],
    ];
    for (const [written, spoken] of pairs) {
      assert.deepEqual(skeletons(written), skeletons(spoken), written);
    }
    // "Abdul" alone is a given name as often as the head of a compound: "HASHIM, Abdul" keeps its two words.
    assert.equal(prepareName('HASHIM, Abdul').length, 2);
  });
});

describe('robustness (properties)', () => {
  const engine = new ScreeningEngine();
  engine.add({
    key: 0,
    entityId: 'e0',
    names: ['Muhammad Yusuf Haddad', 'محمد يوسف حداد'],
    birthDates: ['1970'],
    nationalities: ['SY'],
    documents: [],
  });
  engine.add({
    key: 1,
    entityId: 'e1',
    names: ['王建国', 'Wang Jianguo'],
    birthDates: [],
    nationalities: [],
    documents: [],
  });
  // Letters and signs of the abugidas romanised letter by letter (Indian, Ethiopic, Lao, Burmese, Khmer), in any order.
  const abugida = fc
    .array(
      fc.oneof(
        fc.integer({ min: 0x0900, max: 0x0d7f }),
        fc.integer({ min: 0x0e80, max: 0x0eff }),
        fc.integer({ min: 0x1000, max: 0x109f }),
        fc.integer({ min: 0x1200, max: 0x139f }),
        fc.integer({ min: 0x1780, max: 0x17ff }),
        fc.constant(0x20),
      ),
      { maxLength: 60 },
    )
    .map((cps) => String.fromCodePoint(...cps));
  const anyText = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 50 }),
    abugida,
  );

  it('normalisation never throws', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        normaliseText(s);
        for (const t of prepareName(s)) assert.match(t.ascii, /^[a-z]*$/);
      }),
    );
  });

  it('screening never throws and scores stay in [0, 1]', () => {
    fc.assert(
      fc.property(anyText, fc.option(fc.string({ maxLength: 12 })), (s, d) => {
        const r = engine.screenPerson({
          names: [s, `${s} Haddad`],
          birthDate: d ?? undefined,
          nationality: d ?? undefined,
          gender: d ?? undefined,
        });
        for (const h of r.hits) assert.ok(h.score >= 0 && h.score <= 1 && Number.isFinite(h.score));
      }),
      { numRuns: 300 },
    );
  });

  it('copes with huge, empty and mixed-script names', () => {
    for (const s of [
      '',
      ' ',
      'x'.repeat(10000),
      'Muhammad محمد Мухаммад 穆罕默德 무함마드 '.repeat(300),
      '\u0000\u0007\u200b',
    ]) {
      const r = engine.screenPerson({ names: [s] });
      for (const h of r.hits) assert.ok(h.score >= 0 && h.score <= 1);
    }
    engine.add({
      key: 2,
      entityId: 'e2',
      names: ['y'.repeat(10000), ''],
      birthDates: ['not a date'],
      nationalities: ['??'],
      documents: [{ number: '' }],
    });
  });
});
