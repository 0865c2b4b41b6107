// Tests of the person index through the engine: postings follow additions, growth and removals exactly; every key a
// query asks for may be walked; ties and word weights do not depend on the order persons came in or the table's size.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateKey } from './blocking-keys.js';
import { parseDate } from './dates.js';
import { ScreeningEngine } from './engine.js';
import { PersonIndex } from './person-index.js';
import { PersonStore } from './person-store.js';
import { prepareQuery } from './score.js';
import { TokenTable } from './token-table.js';
import { hashString, SEED_SKELETON } from './token-table.js';
import { tokenSkeleton } from './tokens.js';
import type { PersonQuery, PersonRecord, ScreenOptions } from './types.js';

function record(key: number, names: string[], extra: Partial<PersonRecord> = {}): PersonRecord {
  return { key, entityId: `e${key}`, names, birthDates: [], nationalities: [], documents: [], ...extra };
}

/** A made-up name for each i < 26³: its first word ends in three letters of its own. */
function filler(i: number): string {
  const letter = (n: number) => String.fromCharCode(97 + (Math.floor(n) % 26));
  return `Person${letter(i)}${letter(i / 26)}${letter(i / 676)} Filler`;
}

const none = { explain: 'none' } as const;

describe('person index: postings', () => {
  // The default table has 65,536 buckets, eight a person: the 8,193rd person makes it grow.
  const grown = new ScreeningEngine();
  for (let i = 0; i < 8192; i++) grown.add(record(i, [filler(i)]));
  grown.add(record(8192, ['Zebulon Quaxley']));
  const query = { names: ['Zebulon Quaxley'] };

  it('links a person added as the table grows once', () => {
    // Linked by the growth and again after it, its postings were doubled and its blocking score with them.
    const sized = new ScreeningEngine({ expectedPersons: 10_000 });
    for (let i = 0; i <= 8192; i++) sized.add(i < 8192 ? record(i, [filler(i)]) : record(8192, query.names));
    assert.equal(grown.postings, sized.postings);
    assert.deepEqual(grown.screenPerson(query, none), sized.screenPerson(query, none));
    assert.deepEqual(
      grown.screenPerson(query, none).hits.map((h) => [h.entityId, h.score]),
      [['e8192', 1]],
    );
  });

  it('keeps no posting of a person removed after the table grew', () => {
    const engine = new ScreeningEngine();
    for (let i = 0; i < 8192; i++) engine.add(record(i, [filler(i)]));
    engine.add(record(8192, ['Zebulon Quaxley']));
    const postings = engine.postings;
    assert.equal(engine.remove(8192), true);
    assert.deepEqual(engine.screenPerson(query, none).hits, []);
    assert.deepEqual(engine.screenPerson(query, { ...none, matchesOnly: true }).hits, []);
    engine.compact();
    assert.deepEqual(engine.screenPerson(query, none).hits, []);
    // Its keys (two words, their pair, the words joined, the initials' keys) are gone, and only they.
    assert.ok(engine.postings < postings);
    engine.add(record(8192, ['Zebulon Quaxley']));
    assert.equal(engine.postings, postings);
  });

  it('compacts to the postings of the live persons, as an index built of them alone', () => {
    const churned = new ScreeningEngine();
    const fresh = new ScreeningEngine();
    for (let i = 0; i < 3000; i++) churned.add(record(i, [filler(i)], { birthDates: ['1970-01-02'] }));
    churned.compact();
    for (let i = 0; i < 3000; i += 3) churned.remove(i);
    for (let i = 1; i < 3000; i += 3) churned.add(record(i, [filler(i + 5000)]));
    churned.compact();
    for (let i = 0; i < 3000; i++) {
      if (i % 3 === 0) continue;
      fresh.add(
        record(i, [i % 3 === 1 ? filler(i + 5000) : filler(i)], i % 3 === 2 ? { birthDates: ['1970-01-02'] } : {}),
      );
    }
    fresh.compact();
    assert.equal(churned.postings, fresh.postings);
    for (const names of [[filler(3)], [filler(5004)], [filler(5)]]) {
      assert.deepEqual(churned.screenPerson({ names }, none), fresh.screenPerson({ names }, none));
    }
  });
});

describe('person index: the keys a query walks', () => {
  // Nine listed names of sixteen words each, asked about, ask for 46 keys each that someone has (sixteen words, fifteen
  // pairs, fifteen neighbours written together): more than the 256 taken at first. The person looked for comes last.
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'bu', 'do', 'fe', 'gi', 'ho', 'ja'];
  const word = (i: number) =>
    syllables[i % 15]! + syllables[Math.floor(i / 15) % 15]! + syllables[Math.floor(i / 225) % 15]!;
  const engine = new ScreeningEngine();
  const others = Array.from({ length: 9 }, (_, i) => Array.from({ length: 16 }, (_, j) => word(16 * i + j)).join(' '));
  others.forEach((name, i) => engine.add(record(i, [name])));
  engine.add(record(100, ['Peyman Ghasemzadeh']));
  for (let i = 0; i < 40; i++) engine.add(record(200 + i, [`Peyman ${word(i + 2000)}`]));

  it('finds a person whose name is asked last of ten as when it is asked first', () => {
    const alerts = (names: string[]) =>
      engine.screenPerson({ names }, { ...none, matchesOnly: true, limit: 64 }).hits.find((h) => h.key === 100);
    const first = alerts(['Peyman Ghasemzadeh', ...others]);
    assert.equal(first?.match, true);
    assert.deepEqual(alerts([...others, 'Peyman Ghasemzadeh']), first);
  });

  it('walks the same keys whatever the order of the names', () => {
    const q = (names: string[]): PersonQuery => ({ names });
    const forward = engine.screenPerson(q(['Peyman Ghasemzadeh', ...others]), { ...none, limit: 64 });
    const backward = engine.screenPerson(q([...others].reverse().concat('Peyman Ghasemzadeh')), { ...none, limit: 64 });
    assert.deepEqual(backward, forward);
  });
});

describe('person index: the same list, the same answers', () => {
  const namesakes = 100;
  /** Namesakes (keys 0 …) among unrelated persons, added in the given order, compacted early or not. */
  function build(descending: boolean, compactEarly: boolean): ScreeningEngine {
    const e = new ScreeningEngine();
    for (let i = 0; i < 300; i++) e.add(record(1000 + i, [filler(i)]));
    if (compactEarly) e.compact();
    const keys = Array.from({ length: namesakes }, (_, i) => i);
    if (descending) keys.reverse();
    for (const k of keys) e.add(record(k, ['Sergei Ivanov']));
    return e;
  }
  const q = { names: ['Sergei Ivanov'] };

  it('breaks ties between namesakes by the lower key, whatever order they were added in', () => {
    for (const options of [
      { ...none, limit: 5 },
      { ...none, limit: 5, matchesOnly: true },
    ] as ScreenOptions[]) {
      const answers = [false, true].flatMap((descending) =>
        [false, true].map((early) => build(descending, early).screenPerson(q, options)),
      );
      assert.deepEqual(
        answers[0]!.hits.map((h) => h.key),
        [0, 1, 2, 3, 4],
      );
      for (const a of answers) assert.deepEqual(a, answers[0]);
    }
  });

  it('ranks blocking candidates of equal sums by lower key, compacted or not', () => {
    // 600 namesakes added by ascending key, not compacted: the walk meets them newest first, and the buffer selectTop
    // sorts into would slide each through its equals (heapSelect takes over); compacted, oldest first.
    const store = new PersonStore();
    const index = new PersonIndex(store);
    for (let k = 0; k < 700; k++) {
      store.put(record(k, [k < 600 ? 'Sergei Ivanov' : filler(k)]));
      index.insert(k);
    }
    const q = prepareQuery({ names: ['Sergei Ivanov'] }, new TokenTable());
    const ranked = (): number[] => {
      const out = new Int32Array(160);
      const n = index.candidates(q.table, q.names, q.count, 160, out);
      return Array.from(out.subarray(0, n));
    };
    const expected = Array.from({ length: 160 }, (_, k) => k);
    assert.deepEqual(ranked(), expected);
    index.compact();
    assert.deepEqual(ranked(), expected);
  });

  it('scores the same whatever the size of its table', () => {
    // LAMALAK's skeleton key and the date's share a bucket of the default table (65,536 buckets), not of one sized
    // for 100,000 persons: counted by bucket, the date seemed two persons', and lifted a partial name less.
    const date = dateKey(parseDate('1983-04-17'));
    const word = hashString(tokenSkeleton('lamalak'), SEED_SKELETON);
    assert.equal(word & 0xffff, date & 0xffff);
    assert.notEqual(word & 0xfffff, date & 0xfffff);
    const small = new ScreeningEngine();
    const large = new ScreeningEngine({ expectedPersons: 100_000 });
    for (const e of [small, large]) {
      e.add(record(0, ['Nadia Ferrant Oulmes'], { birthDates: ['1983-04-17'] }));
      e.add(record(1, ['Lamalak Doru']));
      for (let i = 0; i < 50; i++) e.add(record(10 + i, [filler(i)]));
    }
    const query = { names: ['Ferrant'], birthDate: '1983-04-17' };
    const answer = small.screenPerson(query, none);
    assert.equal(answer.hits[0]?.key, 0);
    assert.deepEqual(answer, large.screenPerson(query, none));
  });
});
