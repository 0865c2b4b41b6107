import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { builtinRule } from './builtin.js';
import { appliesIn, compileRule, evaluateRules } from './evaluate.js';
import { type Rule, validateRule } from './rule-format.js';
import { buildBooking, buildDocument, buildFactSet, buildTraveller } from './rules.factories.js';

function rule(subject: string, when: unknown, extra: Record<string, unknown> = {}): Rule {
  return validateRule({
    id: 't',
    version: 3,
    title: 'test',
    subject,
    when,
    severity: 'low',
    countries: 'all',
    enabled: true,
    ...extra,
  });
}

const maria = buildTraveller({
  surname: 'SANTOS',
  givenNames: 'MARIA',
  age: 16,
  minor: true,
  adult: false,
  nationality: 'BRA',
  bags: undefined,
  dateOfBirth: '2008-05-01',
  document: buildDocument({ issuer: 'BRA', expiresOn: '2029-01-01' }),
});
const set = buildFactSet({ travellers: [maria], bookings: [buildBooking()] });
const fires = (r: Rule) => evaluateRules([r], set).length === 1;

describe('evaluateRules', () => {
  it('runs the rules it is given; appliesIn says where a rule runs by default, country codes in any form', () => {
    const minor = { fact: 'traveller.minor', op: 'eq', value: true };
    assert.ok(fires(rule('traveller', minor)));
    // Which rules are in force for a country is the rules service's choice (a country may switch on a rule that is
    // off by default): evaluation runs what it is handed.
    assert.ok(fires(rule('traveller', minor, { enabled: false })));
    const germany = rule('traveller', minor, { countries: ['DEU'] });
    assert.ok(appliesIn(germany, 'deu') && appliesIn(germany, 'D') && !appliesIn(germany, 'FRA'));
    assert.ok(!appliesIn(rule('traveller', minor, { enabled: false }), 'FRA'));
    assert.ok(appliesIn(rule('traveller', minor), 'FRA'));
  });

  it('atLeast holds when n of its conditions do, and names the ones that hold (or, under not, that fail)', () => {
    const minor = { fact: 'traveller.minor', op: 'eq', value: true };
    const brazilian = { fact: 'traveller.nationality', op: 'eq', value: 'BRA' };
    const crew = { fact: 'traveller.role', op: 'eq', value: 'crew' };
    const old = { fact: 'traveller.age', op: 'gte', value: 60 };
    const of = [minor, crew, brazilian, old];
    for (const [n, expected] of [
      [1, true],
      [2, true],
      [3, false],
      [4, false],
    ] as const) {
      assert.equal(fires(rule('traveller', { atLeast: n, of })), expected, `atLeast ${n}`);
    }
    const [hit] = evaluateRules([rule('traveller', { atLeast: 2, of })], set);
    assert.deepEqual(
      hit!.matched.map((m) => [m.fact, m.actual, m.negated]),
      [
        ['traveller.minor', true, false],
        ['traveller.nationality', 'BRA', false],
      ],
    );
    const [negated] = evaluateRules([rule('traveller', { not: { atLeast: 3, of } })], set);
    assert.deepEqual(
      negated!.matched.map((m) => [m.fact, m.actual, m.negated]),
      [
        ['traveller.role', 'passenger', true],
        ['traveller.age', 16, true],
      ],
    );
  });

  it('atLeast agrees with counting its conditions one by one, for any mix and any n', () => {
    const pool = [
      { fact: 'traveller.minor', op: 'eq', value: true },
      { fact: 'traveller.role', op: 'eq', value: 'crew' },
      { fact: 'traveller.nationality', op: 'eq', value: 'BRA' },
      { fact: 'traveller.age', op: 'gte', value: 60 },
      { fact: 'traveller.bags', op: 'exists', value: false },
      { fact: 'traveller.surname', op: 'eq', value: 'SANTOS' },
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 8 }), fc.nat(), (of, k) => {
        const n = 1 + (k % of.length);
        const held = of.filter((c) => fires(rule('traveller', c))).length;
        assert.equal(fires(rule('traveller', { atLeast: n, of })), held >= n);
      }),
      { numRuns: 300 },
    );
  });

  it('applies each operator, an absent fact matching nothing but exists: false', () => {
    const cases: [unknown, boolean][] = [
      [{ fact: 'traveller.age', op: 'lt', value: 18 }, true],
      [{ fact: 'traveller.age', op: 'lte', value: 15 }, false],
      [{ fact: 'traveller.age', op: 'gt', value: 15 }, true],
      [{ fact: 'traveller.age', op: 'gte', value: 17 }, false],
      [{ fact: 'traveller.age', op: 'between', value: [16, 16] }, true],
      [{ fact: 'traveller.age', op: 'ne', value: 16 }, false],
      [{ fact: 'traveller.nationality', op: 'eq', value: 'BRA' }, true],
      [{ fact: 'traveller.nationality', op: 'in', value: ['PRT', 'BR'] }, true],
      [{ fact: 'traveller.dateOfBirth', op: 'gte', value: '2008-05-01' }, true],
      [{ fact: 'traveller.document.expiresOn', op: 'lt', value: '2029-01-01' }, false],
      [{ fact: 'traveller.bookingLocators', op: 'contains', value: 'ABC123' }, true],
      [{ fact: 'traveller.surname', op: 'matches', value: '^san' }, true],
      [{ fact: 'traveller.bookingLocators', op: 'matches', value: '^ABC\\d{3}$' }, true],
      [{ fact: 'booking.contacts.emails', op: 'exists', value: true }, true],
      // bags is absent: every comparison is false, exists false is true, and not inverts as written
      [{ fact: 'traveller.bags', op: 'eq', value: 0 }, false],
      [{ fact: 'traveller.bags', op: 'ne', value: 0 }, false],
      [{ fact: 'traveller.bags', op: 'lt', value: 5 }, false],
      [{ fact: 'traveller.bags', op: 'exists', value: false }, true],
      [{ not: { fact: 'traveller.bags', op: 'eq', value: 0 } }, true],
    ];
    for (const [when, expected] of cases) assert.equal(fires(rule('traveller', when)), expected, JSON.stringify(when));
  });

  it('explains a hit: the facts that made each part hold, with their values, negations marked', () => {
    const r = rule('traveller', {
      all: [
        { fact: 'traveller.minor', op: 'eq', value: true },
        {
          any: [
            { fact: 'traveller.age', op: 'lt', value: 12 },
            { fact: 'booking.oneWay', op: 'exists', value: true },
          ],
        },
        { not: { fact: 'traveller.nationality', op: 'in', value: ['FRA'] } },
      ],
    });
    const [hit] = evaluateRules([r], set);
    assert.deepEqual(hit, {
      ruleId: 't',
      ruleVersion: 3,
      title: 'test',
      severity: 'low',
      subject: {
        kind: 'traveller',
        key: maria.key,
        surname: 'SANTOS',
        givenNames: 'MARIA',
        bookingLocators: ['ABC123'],
      },
      matched: [
        { fact: 'traveller.minor', op: 'eq', expected: true, actual: true, negated: false },
        { fact: 'booking.oneWay', op: 'exists', expected: true, actual: false, negated: false },
        { fact: 'traveller.nationality', op: 'in', expected: ['FRA'], actual: 'BRA', negated: true },
      ],
    });
  });

  it('reads a date-only value against a date-time fact as the whole day', () => {
    // The flight departs 2024-10-01T12:10; the booking was created 2024-09-01T10:00.
    const dep = (op: string, value: unknown) => fires(rule('flight', { fact: 'flight.scheduledDeparture', op, value }));
    const cases: [string, unknown, boolean][] = [
      ['eq', '2024-10-01', true],
      ['eq', '2024-09-30', false],
      ['eq', '2024-10-01T12:10', true],
      ['eq', '2024-10-01T12:11', false],
      ['ne', '2024-10-01', false],
      ['ne', '2024-10-02', true],
      ['in', ['2024-09-01', '2024-10-01'], true],
      ['in', ['2024-09-30', '2024-10-02', '2024-10-01T12:09'], false],
      ['in', ['2024-10-01T12:10', '2024-10-05'], true],
      ['lt', '2024-10-01', false],
      ['lt', '2024-10-02', true],
      ['lte', '2024-10-01', true],
      ['lte', '2024-09-30', false],
      ['gt', '2024-10-01', false],
      ['gt', '2024-09-30', true],
      ['gte', '2024-10-01', true],
      ['gte', '2024-10-02', false],
      ['between', ['2024-09-29', '2024-10-01'], true],
      ['between', ['2024-10-01', '2024-10-01'], true],
      ['between', ['2024-10-01T12:11', '2024-10-01'], false],
      ['between', ['2024-10-01T12:00', '2024-10-01'], true],
      ['between', ['2024-10-02', '2024-10-03'], false],
    ];
    for (const [op, value, expected] of cases) assert.equal(dep(op, value), expected, `${op} ${JSON.stringify(value)}`);
    const created = (op: string, value: unknown) =>
      evaluateRules([rule('booking', { fact: 'booking.createdAt', op, value })], set).length === 1;
    assert.ok(created('eq', '2024-09-01') && created('lte', '2024-09-01') && !created('gt', '2024-09-01'));
    // A date fact is compared as before: its values are days already.
    assert.ok(fires(rule('traveller', { fact: 'traveller.dateOfBirth', op: 'eq', value: '2008-05-01' })));
  });

  it('compares a date-time fact with date-only values as whole days, for any times (property)', () => {
    const day = fc.constantFrom('2024-09-30', '2024-10-01', '2024-10-02');
    const time = fc.tuple(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 59 }));
    const at = fc
      .tuple(day, time)
      .map(([d, [h, m]]) => `${d}T${String(h).padStart(2, '0')}:${String(h === 24 ? 0 : m).padStart(2, '0')}`);
    // The oracle: the fact's own day against the days written.
    const oracle: Record<string, (d: string, v: readonly string[]) => boolean> = {
      eq: (d, [v]) => d === v,
      ne: (d, [v]) => d !== v,
      lt: (d, [v]) => d < v!,
      lte: (d, [v]) => d <= v!,
      gt: (d, [v]) => d > v!,
      gte: (d, [v]) => d >= v!,
      in: (d, v) => v.includes(d),
      between: (d, [lo, hi]) => d >= lo! && d <= hi!,
    };
    fc.assert(
      fc.property(
        at,
        fc.constantFrom(...Object.keys(oracle)),
        fc.array(day, { minLength: 2, maxLength: 2 }),
        (x, op, days) => {
          const values = [...days].sort();
          const value = op === 'in' || op === 'between' ? values : values[0];
          const flightSet = buildFactSet({ flight: { scheduledDeparture: x } });
          const fired =
            evaluateRules([rule('flight', { fact: 'flight.scheduledDeparture', op, value })], flightSet).length === 1;
          assert.equal(fired, oracle[op]!(x.slice(0, 10), values), `${x} ${op} ${JSON.stringify(value)}`);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('runs booking rules per booking and flight rules once', () => {
    const two = buildFactSet({ bookings: [buildBooking(), buildBooking({ locator: 'XYZ789', oneWay: true })] });
    const hits = evaluateRules([builtinRule('one-way-ticket')], two);
    assert.deepEqual(
      hits.map((h) => h.subject),
      [{ kind: 'booking', locator: 'XYZ789' }],
    );
    const flightRule = rule('flight', { fact: 'flight.passengerCount', op: 'eq', value: 0 });
    assert.deepEqual(evaluateRules([flightRule], two)[0]!.subject, {
      kind: 'flight',
      carrier: 'LA',
      number: '417',
    });
  });

  it('gives a traveller rule the booking its locators name, and none when the push lacks it', () => {
    const cash = rule('traveller', { fact: 'booking.payment.kinds', op: 'contains', value: 'cash' });
    const paid = buildFactSet({
      travellers: [maria, buildTraveller({ bookingLocators: ['NOPE00'] })],
      bookings: [buildBooking({ paymentKinds: ['cash'] })],
    });
    assert.deepEqual(
      evaluateRules([cash], paid).map((h) => (h.subject.kind === 'traveller' ? h.subject.key : '')),
      [maria.key],
    );
  });

  it('compiles a rule once and accepts compiled rules', () => {
    const r = builtinRule('cash-payment');
    assert.equal(compileRule(r), compileRule(r));
    const cash = buildFactSet({ bookings: [buildBooking({ paymentKinds: ['cash'] })] });
    assert.equal(evaluateRules([compileRule(r)], cash).length, 1);
  });

  it('tests at most the first 256 characters of a long value', () => {
    const long = buildFactSet({ travellers: [buildTraveller({ surname: `${'A'.repeat(300)}Z` })] });
    const endsInZ = rule('traveller', { fact: 'traveller.surname', op: 'matches', value: 'Z$' });
    assert.equal(evaluateRules([endsInZ], long).length, 0);
  });
});
