// Property tests of the engine's fast paths against their plain definitions, on made-up names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { nameKeys } from './blocking-keys.js';
import { ScreeningEngine } from './engine.js';
import type { NameContext } from './name-match.js';
import { tokenSimilarity } from './name-match.js';
import { lastVowelSlots } from './phonetic.js';
import { PersonStore } from './person-store.js';
import { QuickScorer, quickScore } from './prerank.js';
import { prepareQuery } from './score.js';
import { SimilarityMemo } from './similarity-memo.js';
import { SEED_SKELETON, TokenTable, hashString } from './token-table.js';
import { TOKEN_INITIAL, TOKEN_LOSSY, TOKEN_PARTICLE, TOKEN_TITLE, prepareName, tokenSkeleton } from './tokens.js';
import type { PersonRecord } from './types.js';

// A small vocabulary, so that queries and persons share tokens and skeletons often.
const words = [
  'anna',
  'ana',
  'hanna',
  'marek',
  'marec',
  'olsen',
  'olson',
  'quill',
  'brand',
  'brandt',
  'vey',
  'de',
  'al',
  'j',
  'a',
  'm',
  'k',
  'tavish',
  'tavis',
  'ruslo',
  'korrin',
  'kor',
  'rin',
  'corin',
  'pell',
];
const dates = ['1970-01-02', '1970-02-01', '1971-01-02', '1970', '1985-07-30'];

const name = fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 5 }).map((w) => w.join(' '));
const person = fc.record({
  names: fc.array(name, { minLength: 0, maxLength: 4 }),
  birthDates: fc.array(fc.constantFrom(...dates), { maxLength: 2 }),
});
const query = fc.record({
  names: fc.array(name, { minLength: 1, maxLength: 3 }),
  birthDate: fc.option(fc.constantFrom(...dates), { nil: undefined }),
});

function record(key: number, p: { names: string[]; birthDates: string[] }): PersonRecord {
  return { key, entityId: `e${key}`, names: p.names, birthDates: p.birthDates, nationalities: [], documents: [] };
}

describe('QuickScorer', () => {
  it('scores every candidate as quickScore does', () => {
    fc.assert(
      fc.property(
        fc.array(person, { minLength: 1, maxLength: 12 }),
        query,
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 64, maxLength: 64 }),
        (persons, q, weights) => {
          const store = new PersonStore();
          persons.forEach((p, key) => store.put(record(key, p)));
          const prepared = prepareQuery(q, new TokenTable());
          const ctx: NameContext = {
            queryWeight: Float64Array.from(weights),
            queryInfo: new Float64Array(64),
            dateInfo: 1,
            candidateWeight: () => 1,
            similarity: () => 0,
          };
          const scorer = new QuickScorer();
          scorer.prepare(prepared, ctx);
          for (let key = 0; key < persons.length; key++) {
            assert.equal(scorer.score(store, key), quickScore(store, prepared, key, ctx));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('falls back to quickScore for queries with more distinct skeletons than bits', () => {
    const store = new PersonStore();
    store.put(record(0, { names: ['anna marek olsen'], birthDates: [] }));
    // 40 distinct made-up tokens: more than the 31 bits of the fast path.
    const many = Array.from({ length: 40 }, (_, i) => `zq${String.fromCharCode(97 + (i % 26))}${i}x`);
    const names = [];
    for (let i = 0; i < many.length; i += 5) names.push(many.slice(i, i + 5).join(' '));
    names.push('anna olsen');
    const prepared = prepareQuery({ names }, new TokenTable());
    const ctx: NameContext = {
      queryWeight: new Float64Array(prepared.table.size).fill(1),
      queryInfo: new Float64Array(prepared.table.size),
      dateInfo: 1,
      candidateWeight: () => 1,
      similarity: () => 0,
    };
    const scorer = new QuickScorer();
    scorer.prepare(prepared, ctx);
    const s = scorer.score(store, 0);
    assert.ok(s > 0);
    assert.equal(s, quickScore(store, prepared, 0, ctx));
  });
});

describe('similarity memo', () => {
  it('answers a repeated pair exactly as the first time (no rounding)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...words),
        fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 }),
        (a, bs) => {
          const qt = new TokenTable();
          const ct = new TokenTable();
          const qi = qt.intern(prepareName(a)[0]!);
          const memo = new SimilarityMemo(qt, ct);
          for (const b of bs) {
            const ci = ct.intern(prepareName(b)[0]!);
            const expected = tokenSimilarity(qt, qi, ct, ci);
            assert.equal(memo.similarity(qi, ci), expected);
            assert.equal(memo.similarity(qi, ci), expected);
          }
        },
      ),
    );
  });

  it('scores a candidate the same whichever candidates were scored before it', () => {
    // "ali" is as similar to "aly" as to the particle "al": a memoised similarity rounded to float32 used to lose
    // that tie once "aly" had been seen, pairing "ali" with "al" and scoring "aly al" 0.22 instead of 0.56.
    const alone = new ScreeningEngine();
    alone.add(record(0, { names: ['aly al'], birthDates: [] }));
    const engine = new ScreeningEngine();
    engine.add(record(0, { names: ['aly al'], birthDates: [] }));
    engine.add(record(1, { names: ['aly'], birthDates: [] }));
    const expected = alone.screenPerson({ names: ['ali'] }).hits[0]?.score;
    const both = engine.screenPerson({ names: ['ali'] }, { limit: 2 }).hits;
    const first = both.find((h) => h.key === 0)?.score;
    assert.ok(expected !== undefined && expected > 0.4, `score alone ${expected}`);
    assert.equal(first, expected);
  });
});

describe('screening fast paths', () => {
  it('explains each hit with the evidence it was scored with', () => {
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 30 }), query, (persons, q) => {
        const engine = new ScreeningEngine();
        persons.forEach((p, key) => engine.add(record(key, p)));
        const explained = engine.screenPerson(q, { limit: 10, explain: 'all' }).hits;
        const plain = engine.screenPerson(q, { limit: 10, explain: 'none' }).hits;
        assert.deepEqual(
          explained.map((h) => [h.key, h.score]),
          plain.map((h) => [h.key, h.score]),
        );
        for (const h of explained) {
          // The parts of the explanation add up to the score (before clamping to [0, 1]).
          let sum = 0;
          for (const f of h.explanation) if (f.feature !== 'name.token') sum += f.contribution;
          const clamped = Math.min(1, Math.max(0, sum));
          // Hit scores are rounded to three decimals.
          assert.ok(Math.abs(clamped - h.score) <= 0.0005 + 1e-9, `key ${h.key}: ${clamped} vs ${h.score}`);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives each document hit its number as written', () => {
    const engine = new ScreeningEngine();
    engine.add({
      key: 0,
      entityId: 'e0',
      names: ['Test Person'],
      birthDates: [],
      nationalities: [],
      documents: [{ number: 'AB1023456' }, { number: 'cd-778 899' }],
    });
    assert.equal(engine.screenDocument({ number: 'AB1023456' })[0]?.number, 'AB1023456');
    assert.equal(engine.screenDocument({ number: 'ab 1023456' })[0]?.number, 'AB1023456');
    assert.equal(engine.screenDocument({ number: 'A8IO23456' })[0]?.number, 'AB1023456');
    assert.equal(engine.screenDocument({ number: 'CD778899' })[0]?.number, 'cd-778 899');
    assert.equal(engine.screenDocument({ number: 'C0778899' })[0]?.number, 'cd-778 899');
  });
});

describe('word caches', () => {
  // Latin, Arabic-script and Cyrillic spellings: lossy and non-lossy tokens share the skeleton cache.
  const spellings = [...words, 'محمد', 'حسين', 'عبد الرحمن', 'Шевченко', 'xi jinping', 'abdul rahman', 'nasr ad din'];
  const anyName = fc.array(fc.constantFrom(...spellings), { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));

  it('gives every token the skeleton and vowel slots computed afresh', () => {
    fc.assert(
      fc.property(anyName, (raw) => {
        // Twice: the second call is answered from the cache.
        for (const tokens of [prepareName(raw), prepareName(raw)]) {
          for (const t of tokens) {
            assert.equal(t.skel, tokenSkeleton(t.ascii, (t.flags & TOKEN_LOSSY) !== 0));
            assert.equal(t.slots, lastVowelSlots());
          }
        }
      }),
    );
  });

  it('keys adjacent tokens written together by the hash of their joined skeleton', () => {
    fc.assert(
      fc.property(anyName, (raw) => {
        const table = new TokenTable();
        const ids = prepareName(raw).map((t) => table.intern(t));
        const eligible = ids.filter((id) => (table.flags[id]! & (TOKEN_PARTICLE | TOKEN_TITLE | TOKEN_INITIAL)) === 0);
        for (let round = 0; round < 2; round++) {
          const keys: number[] = [];
          nameKeys(table, ids, 0, ids.length, keys);
          const hashes = keys.filter((_k, at) => at % 2 === 0);
          for (let i = 0; i + 1 < eligible.length; i++) {
            const joined = tokenSkeleton(table.ascii[eligible[i]!]! + table.ascii[eligible[i + 1]!]!);
            assert.ok(hashes.includes(hashString(joined, SEED_SKELETON)), `${raw}: ${joined}`);
          }
        }
      }),
    );
  });
});
