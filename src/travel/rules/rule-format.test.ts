import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../../errors.js';
import { validateRule } from './rule-format.js';
import { unsafePatternReason } from './safe-regex.js';

const base = {
  id: 'cash-payment',
  version: 1,
  title: 'Ticket paid in cash',
  subject: 'booking',
  when: { all: [{ fact: 'booking.payment.kinds', op: 'contains', value: 'cash' }] },
  severity: 'medium',
  countries: ['FRA', 'D'],
  enabled: true,
};

/** Asserts that validating `json` fails with request.invalid at `path`, the message matching `message`. */
function rejects(json: unknown, path: string, message: RegExp): void {
  assert.throws(
    () => validateRule(json),
    (error: unknown) => {
      assert.ok(isAppError(error, 'request.invalid'), String(error));
      assert.equal(error.location?.field, path);
      assert.match(error.message, message);
      assert.ok(error.message.startsWith(`${path}: `));
      return true;
    },
  );
}

const withWhen = (when: unknown) => ({ ...base, when });
const cond = (c: Record<string, unknown>) => withWhen({ all: [{ fact: 'booking.oneWay', op: 'eq', value: true }, c] });

describe('validateRule', () => {
  it('accepts a rule and normalises it: country codes to nationality keys, frozen', () => {
    const rule = validateRule(base);
    assert.deepEqual(rule.countries, ['FRA', 'DEU']);
    assert.equal(rule.description, undefined);
    assert.ok(Object.isFrozen(rule) && Object.isFrozen(rule.when));
    const nationality = validateRule({
      ...base,
      subject: 'traveller',
      when: { fact: 'traveller.nationality', op: 'in', value: ['D', 'xxb'] },
    });
    assert.deepEqual(nationality.when, { fact: 'traveller.nationality', op: 'in', value: ['DEU', 'XXB'] });
  });

  it('rejects what is not a rule object, and unknown or missing top-level fields', () => {
    rejects([], 'rule', /expected a JSON object/);
    rejects({ ...base, colour: 'red' }, 'colour', /unknown property/);
    rejects({ ...base, id: 'Cash Payment' }, 'id', /lower-case/);
    rejects({ ...base, version: 1.5 }, 'version', /positive integer/);
    rejects({ ...base, title: ' ' }, 'title', /non-empty/);
    rejects({ ...base, subject: 'airport' }, 'subject', /traveller, booking, flight/);
    rejects({ ...base, severity: 'critical' }, 'severity', /low, medium, high/);
    rejects({ ...base, countries: ['FRA', 'ZZZ'] }, 'countries[1]', /country code/);
    rejects({ ...base, countries: [] }, 'countries', /"all"/);
    rejects({ ...base, enabled: 'yes' }, 'enabled', /true or false/);
    rejects({ ...base, when: undefined }, 'when', /needs a condition/);
  });

  it('rejects unknown facts, facts the subject cannot see, and prototype names', () => {
    rejects(cond({ fact: 'booking.colour', op: 'eq', value: 'red' }), 'when.all[1].fact', /unknown fact/);
    rejects(cond({ fact: 'constructor', op: 'eq', value: 'x' }), 'when.all[1].fact', /unknown fact/);
    rejects(
      cond({ fact: 'traveller.minor', op: 'eq', value: true }),
      'when.all[1].fact',
      /booking rule cannot read traveller/,
    );
  });

  it('rejects unknown operators and operators that do not fit the fact type', () => {
    rejects(cond({ fact: 'booking.oneWay', op: 'like', value: true }), 'when.all[1].op', /unknown operator/);
    rejects(
      cond({ fact: 'booking.oneWay', op: 'lt', value: 1 }),
      'when.all[1].op',
      /lt does not apply to booking.oneWay \(boolean\)/,
    );
    rejects(cond({ fact: 'booking.payment.kinds', op: 'eq', value: 'cash' }), 'when.all[1].op', /eq does not apply/);
    rejects(cond({ fact: 'booking.groupSize', op: 'contains', value: 3 }), 'when.all[1].op', /contains does not apply/);
  });

  it('rejects values of the wrong type for the operator, naming the element', () => {
    rejects(cond({ fact: 'booking.groupSize', op: 'gte', value: '10' }), 'when.all[1].value', /expected a number/);
    rejects(cond({ fact: 'booking.oneWay', op: 'eq' }), 'when.all[1].value', /missing/);
    rejects(
      cond({ fact: 'booking.payment.kinds', op: 'contains', value: 'csh' }),
      'when.all[1].value',
      /one of card, cash/,
    );
    rejects(
      cond({ fact: 'booking.groupSize', op: 'in', value: [1, 'two'] }),
      'when.all[1].value[1]',
      /expected a number/,
    );
    rejects(cond({ fact: 'booking.groupSize', op: 'in', value: [] }), 'when.all[1].value', /list of 1 to 500/);
    rejects(cond({ fact: 'booking.groupSize', op: 'between', value: [5] }), 'when.all[1].value', /\[low, high\]/);
    rejects(cond({ fact: 'booking.groupSize', op: 'between', value: [9, 5] }), 'when.all[1].value', /low ≤ high/);
    rejects(cond({ fact: 'booking.createdAt', op: 'lt', value: '2024-13-01' }), 'when.all[1].value', /YYYY-MM-DD/);
    rejects(cond({ fact: 'booking.oneWay', op: 'exists', value: 'yes' }), 'when.all[1].value', /true or false/);
    rejects(cond({ fact: 'booking.payer.name', op: 'matches', value: 7 }), 'when.all[1].value', /pattern string/);
    rejects(cond({ fact: 'booking.oneWay', op: 'eq', value: true, extra: 1 }), 'when.all[1].extra', /unknown property/);
  });

  it('rejects malformed groups and nesting past the limit', () => {
    rejects(withWhen({ all: [] }), 'when.all', /list of 1 to 32/);
    rejects(withWhen({ any: 'x' }), 'when.any', /list of 1 to 32/);
    rejects(
      withWhen({ all: [{ fact: 'booking.oneWay', op: 'eq', value: true }], any: [] }),
      'when.any',
      /unknown property/,
    );
    rejects(withWhen({ all: [42] }), 'when.all[0]', /condition object/);
    rejects(withWhen({ some: [] }), 'when', /expected all, any, not, atLeast/);
    const yes = { fact: 'booking.oneWay', op: 'eq', value: true };
    rejects(withWhen({ atLeast: 0, of: [yes] }), 'when.atLeast', /whole number from 1 to 1/);
    rejects(withWhen({ atLeast: 3, of: [yes, yes] }), 'when.atLeast', /from 1 to 2/);
    rejects(withWhen({ atLeast: 1.5, of: [yes, yes] }), 'when.atLeast', /whole number/);
    rejects(withWhen({ atLeast: '2', of: [yes, yes] }), 'when.atLeast', /whole number/);
    rejects(withWhen({ atLeast: 1 }), 'when.of', /list of 1 to 32/);
    rejects(withWhen({ of: [yes] }), 'when.atLeast', /whole number/);
    rejects(withWhen({ atLeast: 1, of: [yes], any: [yes] }), 'when.atLeast', /unknown property/);
    rejects(withWhen({ atLeast: 1, of: [yes, { fact: 'x' }] }), 'when.of[1].fact', /unknown fact/);
    assert.deepEqual(validateRule(withWhen({ atLeast: 2, of: [yes, yes] })).when, { atLeast: 2, of: [yes, yes] });
    let deep: unknown = { fact: 'booking.oneWay', op: 'eq', value: true };
    for (let i = 0; i < 6; i++) deep = { not: deep };
    rejects(withWhen(deep), 'when.not.not.not.not.not.not', /deeper than 6/);
    const wide = Array.from({ length: 3 }, () => ({
      any: Array.from({ length: 30 }, () => ({ fact: 'booking.oneWay', op: 'eq', value: true })),
    }));
    rejects(withWhen({ all: wide }), 'when.all[2].any[0]', /more than 64 conditions/);
  });

  it('refuses unsafe patterns for matches, accepts simple anchored ones', () => {
    const m = (value: string) => cond({ fact: 'booking.payer.name', op: 'matches', value });
    validateRule(m('^(MR|MRS) [A-Z]+$'));
    validateRule(m('^[A-Z]{2,20}(?:SON)?$'));
    rejects(m('^(A+)+$'), 'when.all[1].value', /repeated group may not contain a repetition/);
    rejects(m('(A|AA)*B'), 'when.all[1].value', /repeated group/);
    rejects(m('(?:X[0-9]*){3}'), 'when.all[1].value', /repeated group/);
    rejects(m('A*A*A*B'), 'when.all[1].value', /more than 2 variable-length repetitions/);
    rejects(m('(A)\\1'), 'when.all[1].value', /back-references/);
    rejects(m('(?=A)B'), 'when.all[1].value', /look-arounds/);
    rejects(m('A{1,1000}'), 'when.all[1].value', /repetition above 100/);
    rejects(m('X'.repeat(201)), 'when.all[1].value', /longer than 200/);
    rejects(m('(unclosed'), 'when.all[1].value', /unbalanced|not a valid pattern/);
    rejects(m(''), 'when.all[1].value', /empty pattern/);
    assert.equal(unsafePatternReason('[(]+\\)+'), undefined, 'escaped and class parentheses are atoms');
  });

  it('refuses an alternation repeated through nested groups, and large bounds of any length', () => {
    const m = (value: string) => cond({ fact: 'booking.payer.name', op: 'matches', value });
    rejects(m('((A|AA))+$'), 'when.all[1].value', /repeated group/);
    rejects(m('(?:(?:A|AA))+$'), 'when.all[1].value', /repeated group/);
    rejects(m('(?:X(?:A|AA))*$'), 'when.all[1].value', /repeated group/);
    rejects(m('(A|AA){1,99999}$'), 'when.all[1].value', /repeated group|repetition above 100/);
    rejects(m('A{0,99999}A{0,99999}$'), 'when.all[1].value', /repetition above 100/);
    rejects(m('A{100000}'), 'when.all[1].value', /repetition above 100/);
    rejects(m('A{2,}'), 'when.all[1].value', /repetition above 100/);
    rejects(m('A{2'), 'when.all[1].value', /brace must be a repetition/);
    validateRule(m('^\\p{Lu}{2,30}$'));
    validateRule(m('^A{0100}$'));
    validateRule(m('^[{}]+\\{$'));
  });
});
