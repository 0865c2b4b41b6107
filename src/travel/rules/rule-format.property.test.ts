import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isAppError } from '../../errors.js';
import { type FactDef, factCatalogue } from './catalogue.js';
import { compileRule, evaluateRules } from './evaluate.js';
import { operatorTypes } from './rule-conditions.js';
import { operators, validateRule } from './rule-format.js';
import { buildBooking, buildFactSet, buildTraveller } from './rules.factories.js';
import { compilePattern, unsafePatternReason } from './safe-regex.js';

const facts = [...factCatalogue.values()];
const factNames = facts.map((f) => f.name);

/** validateRule either returns a rule or throws request.invalid with a field path — nothing else. */
function returnsOrRejects(json: unknown): void {
  try {
    validateRule(json);
  } catch (error) {
    assert.ok(isAppError(error, 'request.invalid'), `unexpected ${String(error)}`);
    assert.equal(typeof error.location?.field, 'string');
    assert.ok(error.message.startsWith(`${error.location!.field!}: `));
  }
}

const anyValue = fc.jsonValue({ maxDepth: 3 });

// Rule-shaped JSON with random parts: reaches the deep checks that arbitrary JSON almost never gets to.
const nearCondition = fc.letrec<{ cond: unknown }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      fact: fc.oneof(fc.constantFrom(...factNames), fc.string()),
      op: fc.oneof(fc.constantFrom(...operators), fc.string()),
      value: anyValue,
    }),
    fc.record({ all: fc.array(tie('cond'), { maxLength: 4 }) }),
    fc.record({ any: fc.oneof(fc.array(tie('cond'), { maxLength: 4 }), anyValue) }),
    fc.record({ not: tie('cond') }),
    fc.record({
      atLeast: fc.oneof(fc.integer({ min: -1, max: 5 }), anyValue),
      of: fc.oneof(fc.array(tie('cond'), { maxLength: 4 }), anyValue),
    }),
    anyValue,
  ),
})).cond;

const nearRule = fc.record(
  {
    id: fc.oneof(fc.constant('r-1'), anyValue),
    version: fc.oneof(fc.constant(1), anyValue),
    title: fc.oneof(fc.constant('A rule'), anyValue),
    subject: fc.oneof(fc.constantFrom('traveller', 'booking', 'flight'), anyValue),
    when: nearCondition,
    severity: fc.oneof(fc.constantFrom('low', 'medium', 'high'), anyValue),
    countries: fc.oneof(fc.constant('all'), fc.array(fc.constantFrom('FRA', 'D', 'XXB', 'ZZZ', '')), anyValue),
    enabled: fc.oneof(fc.boolean(), anyValue),
  },
  { requiredKeys: [] },
);

function scalarFor(def: FactDef): fc.Arbitrary<unknown> {
  switch (def.type) {
    case 'number':
      return fc.integer({ min: -5, max: 200 });
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fc.constantFrom('1999-12-31', '2024-10-01');
    case 'datetime':
      return fc.constantFrom('2024-10-01', '2024-10-01T12:10');
    case 'country':
      return fc.constantFrom('FRA', 'D', 'xxb', 'IRL');
    default:
      return def.values === undefined ? fc.string({ maxLength: 12 }) : fc.constantFrom(...def.values);
  }
}

// Well-typed comparisons for every fact, with an operator that applies to its type.
const validComparison = fc.constantFrom(...facts).chain((def) => {
  const ops = operators.filter((op) => operatorTypes[op].includes(def.type));
  return fc.constantFrom(...ops).chain((op) => {
    const value =
      op === 'exists'
        ? fc.boolean()
        : op === 'matches'
          ? fc.constantFrom('^A', '[0-9]{3}$', '^(MR|MRS) ')
          : op === 'in'
            ? fc.array(scalarFor(def), { minLength: 1, maxLength: 4 })
            : op === 'between'
              ? fc
                  .tuple(scalarFor(def), scalarFor(def))
                  .map(([a, b]) => ((a as number) <= (b as number) ? [a, b] : [b, a]))
              : scalarFor(def);
    return value.map((v) => ({ subject: def.subject, cond: { fact: def.name, op, value: v } }));
  });
});

describe('validateRule on arbitrary input (property)', () => {
  it('arbitrary JSON: returns a rule or throws request.invalid with a path, never anything else', () => {
    fc.assert(fc.property(anyValue, returnsOrRejects), { numRuns: 2000 });
  });

  it('rule-shaped JSON with random parts: the same', () => {
    fc.assert(fc.property(nearRule, returnsOrRejects), { numRuns: 3000 });
  });

  it('well-typed rules validate, re-validate to the same rule, and evaluate without throwing', () => {
    const set = buildFactSet({
      travellers: [buildTraveller(), buildTraveller({ companions: undefined })],
      bookings: [buildBooking()],
    });
    fc.assert(
      fc.property(fc.array(validComparison, { minLength: 1, maxLength: 5 }), fc.boolean(), (parts, useAll) => {
        // The subject that may read every fact used.
        const subject = parts.some((p) => p.subject === 'traveller')
          ? 'traveller'
          : parts.some((p) => p.subject === 'booking')
            ? 'booking'
            : 'flight';
        const conds = parts.map((p) => p.cond);
        const json = {
          id: 'p',
          version: 1,
          title: 'p',
          subject,
          when: useAll ? { all: conds } : { any: conds },
          severity: 'low',
          countries: 'all',
          enabled: true,
        };
        const rule = validateRule(json);
        assert.deepEqual(validateRule(JSON.parse(JSON.stringify(rule))), rule);
        const hits = evaluateRules([compileRule(rule)], set);
        for (const h of hits) assert.ok(h.matched.length >= 1);
      }),
      { numRuns: 1500 },
    );
  });

  it('a group wrapped in more groups is judged as the group itself', () => {
    // The scanner must see what a group holds at any depth: `((a|aa))+` backtracks exactly as `(a|aa)+` does.
    const atoms = ['a', 'aa', 'a*', 'b+', '[ab]', '\\w', '.', 'a?', 'b{2,5}'];
    const body = fc
      .array(fc.array(fc.constantFrom(...atoms), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 })
      .map((branches) => branches.map((b) => b.join('')).join('|'));
    const wrap = fc.array(fc.constantFrom('(', '(?:', '(?<g>'), { maxLength: 3 });
    fc.assert(
      fc.property(body, wrap, fc.constantFrom('+', '*', '?', '{2}', '{1,9}'), (inner, opens, quantifier) => {
        // A named group may appear once only.
        const names = opens.map((o, i) => (o === '(?<g>' ? `(?<g${i}>` : o));
        const plain = `(${inner})${quantifier}$`;
        const nested = `(${names.join('')}${inner}${')'.repeat(names.length)})${quantifier}$`;
        assert.equal(unsafePatternReason(nested) === undefined, unsafePatternReason(plain) === undefined, nested);
      }),
      { numRuns: 1000 },
    );
  });

  it('every brace the engine reads as a repetition is checked against the bound', () => {
    const digits = fc.stringMatching(/^\d{1,8}$/);
    const brace = fc.oneof(
      digits.map((n) => `{${n}}`),
      digits.map((n) => `{${n},}`),
      fc.tuple(digits, digits).map(([a, b]) => `{${a},${b}}`),
    );
    fc.assert(
      fc.property(brace, fc.constantFrom('a', '(?:ab)', '[ab]', '\\d'), (b, atom) => {
        const pattern = `^${atom}${b}$`;
        let engine: boolean;
        try {
          new RegExp(pattern, 'iu');
          engine = true;
        } catch {
          engine = false; // `{5,2}`: out of order, a syntax error
        }
        const numbers = b.slice(1, -1).split(',');
        const max = numbers[1] === '' ? Infinity : Number(numbers[1] ?? numbers[0]);
        const reason = unsafePatternReason(pattern);
        if (!engine) assert.notEqual(reason, undefined, pattern);
        else if (max > 100) assert.match(reason ?? 'accepted', /repetition above 100/, pattern);
        else assert.equal(reason, undefined, pattern);
      }),
      { numRuns: 1000 },
    );
  });

  it('patterns it accepts run fast on adversarial subjects', () => {
    const tokens = [
      'a',
      'a*',
      'a+',
      '(a|b)',
      '(?:a+)',
      'a?',
      '[ab]*',
      '.',
      '.*',
      '(a*)',
      'b',
      '$',
      '^',
      '{2,5}',
      '+',
      '\\w+',
    ];
    const subjects = [`${'a'.repeat(300)}!`, 'ab'.repeat(150), `${'a'.repeat(255)}b`];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { minLength: 1, maxLength: 12 }), (parts) => {
        const pattern = parts.join('');
        if (unsafePatternReason(pattern) !== undefined) return;
        const test = compilePattern(pattern);
        const start = performance.now();
        for (const s of subjects) test(s);
        // Only an exponential (catastrophic) pattern takes seconds on 300 characters; quadratic ones are bounded by
        // the 256-character cap. The bound is loose on purpose: this is a safety property, not a speed target.
        assert.ok(performance.now() - start < 2000, `${pattern} backtracks catastrophically`);
      }),
      { numRuns: 500 },
    );
  });
});
