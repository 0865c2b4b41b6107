// Tests of matcher version 2: frequency-weighted names, birth dates as strong evidence and as a blocking key,
// lazy explanations, the compacted index and the flat document index. Names are made up for these tests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentIndex } from './document-index.js';
import { DEFAULT_THRESHOLD, ScreeningEngine } from './engine.js';
import { dateEffect, DATE_PARTIAL_WEAK_NAME } from './score.js';
import { DATE_MISMATCH, DATE_NEAR, DATE_PARTIAL, DATE_YEAR_OFF, DATE_YEAR_WRONG } from './dates.js';
import type { PersonQuery, PersonRecord, ScreeningHit } from './types.js';

function record(key: number, names: string[], extra: Partial<PersonRecord> = {}): PersonRecord {
  return { key, entityId: `e${key}`, names, birthDates: [], nationalities: [], documents: [], ...extra };
}

const given = ['Mohammed', 'Ali', 'Ahmed', 'Hassan', 'Omar', 'Youssef'];
const family = ['Rahman', 'Haddad', 'Saleh', 'Nasser', 'Karim', 'Aziz'];

/** A list where a few given names and family names are very frequent, plus two persons to find. */
function crowdedList(): ScreeningEngine {
  const engine = new ScreeningEngine({ expectedPersons: 2000 });
  let key = 0;
  for (let i = 0; i < 1800; i++) {
    const rare = `Qz${(i * 7919).toString(36)}`;
    engine.add(record(key++, [`${given[i % 6]!} ${given[(i >> 3) % 6]!} ${family[(i >> 1) % 6]!} ${rare}`]));
  }
  engine.add(record(5000, ['Mohammed Ali Haddad']));
  engine.add(record(5001, ['Mohammed Ali Drevenkar'], { birthDates: ['1971-04-12'] }));
  return engine;
}

function scoreOf(engine: ScreeningEngine, key: number, q: Parameters<ScreeningEngine['screenPerson']>[0]): number {
  return engine.screenPerson(q, { limit: 20 }).hits.find((h) => h.key === key)?.score ?? 0;
}

describe('screening v2: frequent and rare tokens', () => {
  const engine = crowdedList();

  it('a name made only of frequent tokens scores below the same name with a rare one', () => {
    // Two frequent tokens never make a match; three, all agreeing, may (the development set's operating point),
    // but always less than a name that carries a rare token.
    const two = scoreOf(engine, 5000, { names: ['Mohammed Ali'] });
    assert.ok(two > 0 && two < DEFAULT_THRESHOLD, `Mohammed Ali: score ${two}`);
    const rare = scoreOf(engine, 5001, { names: ['Mohammed Ali Drevenkar'] });
    for (const name of ['Mohammed Ali Hadad', 'Muhammad Ali Haddad']) {
      const s = scoreOf(engine, 5000, { names: [name] });
      assert.ok(s > two && s < rare - 0.1, `${name}: score ${s}, rare-name score ${rare}`);
    }
  });

  it('a rare surname matches, and a birth date makes it certain', () => {
    const nameOnly = scoreOf(engine, 5001, { names: ['Mohamed Drevenkar'] });
    const withDate = scoreOf(engine, 5001, { names: ['Mohamed Drevenkar'], birthDate: '1971-04-12' });
    assert.ok(withDate >= DEFAULT_THRESHOLD, `score ${withDate}`);
    assert.ok(withDate > nameOnly);
  });

  it('a contradicting birth date takes a rare-name match below the threshold', () => {
    const s = scoreOf(engine, 5001, { names: ['Mohammed Ali Drevenkar'], birthDate: '1989-11-30' });
    assert.ok(s < DEFAULT_THRESHOLD, `score ${s}`);
  });

  it('a birth date years away says another person more surely than a slip of the year', () => {
    const q = (birthDate: string) => scoreOf(engine, 5001, { names: ['Mohammed Ali Drevenkar'], birthDate });
    const near = q('1973-01-20');
    const slip = q('1981-04-12');
    const far = q('1986-01-20');
    assert.ok(far < near, `years away ${far}, two years away ${near}`);
    assert.ok(near < slip - 0.05, `two years away and the month other ${near}, a slip of the year ${slip}`);
    assert.equal(slip, q('1973-04-12'), 'one digit of the year written wrong counts as the year alone two years off');
  });

  it('a birth date of the same year with month and day both other counts against as a year off with the month other', () => {
    const q = (birthDate: string) => scoreOf(engine, 5001, { names: ['Mohammed Ali Drevenkar'], birthDate });
    const bothOther = q('1971-09-27');
    assert.equal(bothOther, q('1972-09-27'), 'two of the three parts of the date other');
    const dayOther = q('1971-04-27');
    assert.ok(bothOther < dayOther - 0.1, `month and day other ${bothOther}, the day only ${dayOther}`);
    // 1 January is what many registries and passports write for a date they know only the year of.
    assert.equal(q('1971-01-01'), dayOther, '1 January counts as one part other');
  });
});

describe('screening: a full name with another full birth date', () => {
  // Wozniaks and Marcins, among them one Marcin Piotr Wozniak born 14 October 1984: his name is shared in part by many.
  const engine = new ScreeningEngine({ expectedPersons: 400 });
  let key = 0;
  for (let i = 0; i < 100; i++) engine.add(record(key++, [`Marcin Q${(i * 7919).toString(36)}x Nowak`]));
  for (let i = 0; i < 100; i++) engine.add(record(key++, [`Z${(i * 7919).toString(36)}k Wozniak`]));
  const listed = { birthDates: ['1984-10-14'], nationalities: ['POL'], gender: 'male' as const };
  engine.add(record(5000, ['Marcin Piotr Wozniak'], listed));
  const q = (birthDate: string) =>
    scoreOf(engine, 5000, { names: ['MARCIN PIOTR WOZNIAK'], birthDate, nationality: 'POL', gender: 'male' });

  it('alerts when only the day, or only the year, is other: the same date written wrong', () => {
    for (const d of ['1984-10-20', '1986-10-14', '1994-10-14']) {
      assert.ok(q(d) >= DEFAULT_THRESHOLD, `${d}: score ${q(d)}`);
    }
  });

  it('does not alert when two of the three parts of the date are other: a namesake', () => {
    for (const d of ['1984-03-27', '1986-08-08', '1985-03-14']) {
      assert.ok(q(d) < DEFAULT_THRESHOLD, `${d}: score ${q(d)}`);
    }
    assert.ok(q('1991-03-02') < q('1986-08-08'), 'years apart count against more');
  });
});

describe('screening: a birth year other', () => {
  const engine = new ScreeningEngine();
  engine.add(record(0, ['Raimunda Araujo Lacerda'], { birthDates: ['1999'] }));
  engine.add(record(1, ['Raimunda Araujo Lacerda'], { birthDates: ['1999-03-10'] }));
  const dateOf = (key: number, birthDate: string) =>
    engine
      .screenPerson({ names: ['Raimunda Araujo Lacerda'], birthDate })
      .hits.find((h) => h.key === key)
      ?.explanation.find((f) => f.feature === 'birthDate');

  it('counts against where one side gives the year alone: the one part both give disagrees', () => {
    const yearOnly = dateOf(0, '2000-03-10');
    assert.equal(yearOnly?.how, 'mismatch');
    assert.equal(yearOnly?.contribution, dateEffect[DATE_NEAR], 'as a date of the same year with the day other');
    assert.equal(dateOf(0, '1999-07-01')?.contribution, dateEffect[DATE_PARTIAL]);
    assert.equal(dateOf(0, '2001-03-10')?.contribution, dateEffect[DATE_MISMATCH], 'two years off: another date');
  });

  it('counts for where month and day agree: a slip of the year', () => {
    const slip = dateOf(1, '2000-03-10');
    assert.equal(slip?.how, 'year_off');
    assert.equal(slip?.contribution, dateEffect[DATE_YEAR_OFF]);
    assert.ok(dateEffect[DATE_YEAR_OFF] > 0);
    assert.equal(
      dateOf(1, '2001-03-10')?.contribution,
      dateEffect[DATE_YEAR_WRONG],
      'two years off, month and day agreeing',
    );
  });
});

describe('screening v2: birth dates find persons listed under other names', () => {
  it('ranks a person with the same full birth date, without a match', () => {
    const engine = new ScreeningEngine();
    engine.add(record(0, ['Branimir Tokarczuk'], { birthDates: ['1966-09-17'] }));
    engine.add(record(1, ['Ottilie Fairweather'], { birthDates: ['1980-01-02'] }));
    const hit = engine.screenPerson({ names: ['Leopold Marchetti'], birthDate: '1966-09-17' }).hits[0];
    assert.equal(hit?.key, 0);
    assert.equal(hit?.match, false);
  });

  /**
   * The hit of one listed person (key 0) for one query on two lists: one where nobody else has the query's birth date,
   * one where 400 others do.
   */
  function onRareAndCrowded(listed: PersonRecord, query: PersonQuery) {
    const rare = new ScreeningEngine();
    const crowded = new ScreeningEngine();
    for (let i = 1; i <= 400; i++) {
      const other = record(i, [`Person${i.toString(36)} Other${(i * 7).toString(36)}`], { birthDates: ['1900-01-01'] });
      rare.add(other);
      crowded.add({ ...other, birthDates: [query.birthDate!] });
    }
    rare.add(listed);
    crowded.add(listed);
    const onRare = rare.screenPerson(query).hits.find((h) => h.key === 0);
    const onCrowded = crowded.screenPerson(query).hits.find((h) => h.key === 0);
    assert.ok(onRare !== undefined && onCrowded !== undefined);
    return { onRare, onCrowded };
  }

  it('lifts a name agreeing in part by an exact date only as far as the date is rare in the list', () => {
    const { onRare, onCrowded } = onRareAndCrowded(
      record(0, ['Jan Tokarczuk Wilamowski'], { birthDates: ['1966-09-17'], nationalities: ['POL'] }),
      { names: ['Jan Lesniewski'], birthDate: '1966-09-17', nationality: 'PL' },
    );
    assert.ok(onRare.score > onCrowded.score + 0.1, `rare date ${onRare.score}, shared date ${onCrowded.score}`);
    assert.equal(onCrowded.match, false);
  });

  it('lifts a name sharing one word of two by an exact date only as far as the date is rare', () => {
    // A name score between DATE_EXACT_NAME_MIN and DATE_EXACT_NAME_FLOOR: a namesake born the same day where many are.
    const { onRare, onCrowded } = onRareAndCrowded(
      record(0, ['Matvei Zotov'], { birthDates: ['2011-07-23'], nationalities: ['RUS'] }),
      { names: ['Matvei Aleksandrov'], birthDate: '2011-07-23', nationality: 'RU' },
    );
    assert.ok(onRare.score > onCrowded.score + 0.15, `rare date ${onRare.score}, shared date ${onCrowded.score}`);
  });

  it('lifts a name sharing one word of two by a birth year less than a name agreeing more', () => {
    // Listed with the year of birth only: the relative of the same family name born that year is not an alert (see
    // DATE_PARTIAL_NAME_FLOOR); the listed person under a spelling of the full name is.
    const engine = crowdedList();
    engine.add(record(6000, ['Gila Almogrady'], { birthDates: ['1987'], nationalities: ['ISR'] }));
    const query = (name: string) => ({ names: [name], birthDate: '1987-04-10', nationality: 'IL' });
    const yearOf = (hit: ScreeningHit | undefined) => hit?.explanation.find((f) => f.feature === 'birthDate');
    const relative = engine.screenPerson(query('Orly Almogrady')).hits.find((h) => h.key === 6000);
    assert.equal(relative?.match, false, `score ${relative?.score}`);
    assert.equal(yearOf(relative)?.contribution, DATE_PARTIAL_WEAK_NAME);
    const person = engine.screenPerson(query('Gilah Almogradi')).hits.find((h) => h.key === 6000);
    assert.equal(person?.match, true, `score ${person?.score}`);
    assert.equal(yearOf(person)?.contribution, dateEffect[DATE_PARTIAL]);
  });

  it('does not block on a year alone', () => {
    const engine = new ScreeningEngine();
    engine.add(record(0, ['Branimir Tokarczuk'], { birthDates: ['1966'] }));
    assert.equal(engine.screenPerson({ names: ['Leopold Marchetti'], birthDate: '1966-09-17' }).hits.length, 0);
  });
});

describe('screening v2: explanations on demand', () => {
  const engine = new ScreeningEngine();
  engine.add(record(0, ['Fenella Oyelaran-Quist'], { birthDates: ['1975-03-08'] }));
  engine.add(record(1, ['Fenella Brannigan']));
  const q = { names: ['Fenella Oyelaran Quist'], birthDate: '1975-03-08' };

  it('gives the same scores whatever is explained', () => {
    const all = engine.screenPerson(q, { explain: 'all' }).hits;
    const none = engine.screenPerson(q, { explain: 'none' }).hits;
    assert.deepEqual(
      none.map((h) => [h.key, h.score]),
      all.map((h) => [h.key, h.score]),
    );
    assert.ok(none.every((h) => h.explanation.length === 0));
    assert.ok(all.every((h) => h.explanation.length > 0));
  });

  it('explains only matches when asked', () => {
    const hits = engine.screenPerson(q, { explain: 'matches' }).hits;
    assert.ok(hits.some((h) => h.match));
    for (const h of hits) assert.equal(h.explanation.length > 0, h.match);
  });
});

describe('screening v2: compacted index', () => {
  it('follows removals and replacements after compaction', () => {
    const engine = new ScreeningEngine();
    for (let i = 0; i < 6000; i++) engine.add(record(i, [`Ingvar${i.toString(36)} Sollberg${(i * 31).toString(36)}`]));
    engine.add(record(6000, ['Cordelia Vantongeren']));
    engine.compact();
    assert.equal(engine.screenPerson({ names: ['Cordelia Vantongeren'] }).hits[0]?.key, 6000);
    engine.remove(6000);
    assert.equal(engine.screenPerson({ names: ['Cordelia Vantongeren'] }).hits.length, 0);
    engine.add(record(17, ['Cordelia Vantongeren']));
    engine.add(record(17, ['Aurelio Pettersen-Mbeki']));
    assert.equal(engine.screenPerson({ names: ['Cordelia Vantongeren'] }).hits.length, 0);
    assert.equal(engine.screenPerson({ names: ['Aurelio Pettersen Mbeki'] }).hits[0]?.key, 17);
    for (let i = 100; i < 3000; i++) engine.remove(i);
    engine.compact();
    assert.equal(engine.screenPerson({ names: ['Aurelio Pettersen Mbeki'] }).hits[0]?.key, 17);
    assert.equal(engine.screenPerson({ names: ['Cordelia Vantongeren'] }).hits.length, 0);
    assert.equal(engine.size, 6000 - 2900);
    // It holds the postings of the live persons, no more: those of 17's replaced name, unlinked before the compaction,
    // are not brought back by it.
    const fresh = new ScreeningEngine();
    for (let i = 0; i < 6000; i++) {
      if (i >= 100 && i < 3000) continue;
      fresh.add(
        i === 17
          ? record(17, ['Aurelio Pettersen-Mbeki'])
          : record(i, [`Ingvar${i.toString(36)} Sollberg${(i * 31).toString(36)}`]),
      );
    }
    fresh.compact();
    assert.equal(engine.postings, fresh.postings);
  });
});

describe('document index (flat)', () => {
  it('keeps numbers as written, folds OCR confusions, checks the state and removes', () => {
    const index = new DocumentIndex();
    for (let k = 0; k < 5000; k++)
      index.add(k, [{ number: `P${(k * 7919 + 100000).toString(36).toUpperCase()}X`, country: 'FR' }]);
    index.add(9000, [
      { number: 'ab-102-3456', country: 'DEU', type: 'passport' },
      { number: 'Z5678G', type: 'id' },
    ]);
    const found: number[] = [];
    index.forEachMatch({ number: 'AB1O23456' }, (entry, exact) => {
      found.push(index.ownerOf(entry));
      assert.equal(exact, false);
      const hit = index.hit(entry, 'x', exact);
      assert.deepEqual([hit.number, hit.country, hit.type, hit.how], ['ab-102-3456', 'DEU', 'passport', 'ocr']);
    });
    assert.deepEqual(found, [9000]);
    assert.equal(
      index.forEachMatch({ number: 'AB1023456', country: 'D' }, () => {}),
      1,
    );
    assert.equal(
      index.forEachMatch({ number: 'AB1023456', country: 'FR' }, () => {}),
      0,
    );
    assert.equal(
      index.forEachMatch({ number: 'AB1023456', country: 'JP' }, () => {}),
      0,
    );
    assert.equal(
      index.forEachMatch({ number: '25678 6', country: 'JP' }, () => {}),
      1,
    );
    assert.equal(index.size, 5002);
    index.remove(9000);
    assert.equal(
      index.forEachMatch({ number: 'AB1023456' }, () => {}),
      0,
    );
    assert.equal(index.size, 5000);
  });
});

describe('document index (flat): many removals', () => {
  it('finds every remaining number and none of the removed ones', () => {
    const index = new DocumentIndex();
    // Digits only, so no two numbers meet through OCR folding.
    const number = (k: number, d: number): string => `N${((k * 2654435761 + d * 97) >>> 0).toString(10)}`;
    for (let k = 0; k < 4000; k++) index.add(k, [{ number: number(k, 0) }, { number: number(k, 1) }]);
    for (let k = 0; k < 4000; k += 3) index.remove(k);
    for (let k = 0; k < 4000; k++) {
      for (let d = 0; d < 2; d++) {
        const owners: number[] = [];
        index.forEachMatch({ number: number(k, d) }, (entry) => owners.push(index.ownerOf(entry)));
        assert.deepEqual(owners, k % 3 === 0 ? [] : [k], `person ${k} document ${d}`);
      }
    }
  });
});

describe('screening v2: limits', () => {
  it('returns more hits than the engine fully scores by default when asked', () => {
    const engine = new ScreeningEngine();
    for (let i = 0; i < 60; i++) engine.add(record(i, [`Evander Quillfeather${'x'.repeat(i % 7)} ${i}`]));
    assert.equal(engine.screenPerson({ names: ['Evander Quillfeather'] }, { limit: 50 }).hits.length, 50);
  });
});

describe('screening v2.3: the other names of a person', () => {
  it('lets another name of the person confirm what the best name leaves unmatched, and says so', () => {
    const alone = new ScreeningEngine();
    alone.add(record(0, ['Omar Haddad Quenneville']));
    const withAlias = new ScreeningEngine();
    withAlias.add(record(0, ['Omar Haddad Quenneville', 'Tarkhanov Ilyas']));
    const query = { names: ['Omar Haddad Tarkhanov'] };
    const before = alone.screenPerson(query).hits[0]!;
    const after = withAlias.screenPerson(query).hits[0]!;
    assert.ok(after.score > before.score, `${after.score} > ${before.score}`);
    const alias = after.explanation.find((f) => f.feature === 'name.alias');
    assert.deepEqual(alias && [alias.query, alias.candidate, alias.how], ['TARKHANOV', 'TARKHANOV', 'exact']);
  });
});
