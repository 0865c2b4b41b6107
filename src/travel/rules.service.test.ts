import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachBackend } from '../../test/database.js';
import { testServices } from '../../test/services.js';
import { isAppError } from '../errors.js';
import type { Principal } from '../access/policy.js';
import type { Services } from '../services.js';
import { builtinRules } from './rules/builtin.js';

const noRequest = { ip: null, requestId: null };
const fraAnalyst: Principal = {
  kind: 'user',
  id: 'a',
  name: 'analyst@fr',
  country: 'FRA',
  roles: ['analyst'],
  sessionId: 's',
};
const deuAnalyst: Principal = { ...fraAnalyst, country: 'DEU', name: 'analyst@de' };

const minorAlone = {
  id: 'minor-alone',
  title: 'A minor with no adult on the booking',
  subject: 'traveller',
  when: {
    all: [
      { fact: 'traveller.minor', op: 'eq', value: true },
      { fact: 'traveller.companions.adultCount', op: 'eq', value: 0 },
    ],
  },
  severity: 'high',
  countries: ['FRA'],
  enabled: true,
};

describeEachBackend('targeting rules', (database) => {
  let services: Services;
  before(() => {
    services = testServices(database());
  });

  it('installs the built-in indicators as version 1 and runs them everywhere', async () => {
    const active = await services.rules.activeRules('FRA');
    assert.equal(active.length, builtinRules.length);
    const listed = await services.rules.list(fraAnalyst);
    assert.ok(listed.every((r) => r.builtin && r.rule.version === 1 && r.enabledHere));
  });

  it('stores a new rule, then a new version of it, and names where a bad rule is wrong', async () => {
    const first = await services.rules.save(fraAnalyst, minorAlone, noRequest);
    assert.equal(first.version, 1);
    const second = await services.rules.save(fraAnalyst, { ...minorAlone, severity: 'medium' }, noRequest);
    assert.equal(second.version, 2);
    const rows = await database()
      .db.selectFrom('rules')
      .select('version')
      .where('id', '=', 'minor-alone')
      .orderBy('version')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.version),
      [1, 2],
    );
    await assert.rejects(
      services.rules.save(
        fraAnalyst,
        { ...minorAlone, when: { all: [{ fact: 'traveller.minor', op: 'resembles', value: true }] } },
        noRequest,
      ),
      (error: unknown) => isAppError(error, 'request.invalid') && error.location?.field === 'when.all[0].op',
    );
    await assert.rejects(
      services.rules.save(fraAnalyst, { ...minorAlone, countries: ['DEU'] }, noRequest),
      /only your own country/,
    );
    assert.ok(
      (await services.rules.activeRules('FRA')).some(
        (r) => r.rule.id === 'minor-alone' && r.rule.severity === 'medium',
      ),
    );
    assert.ok(!(await services.rules.activeRules('DEU')).some((r) => r.rule.id === 'minor-alone'));
  });

  it('lets a country switch a rule off for itself only', async () => {
    await services.rules.setEnabled(deuAnalyst, 'cash-payment', false, noRequest);
    assert.ok(!(await services.rules.activeRules('DEU')).some((r) => r.rule.id === 'cash-payment'));
    assert.ok((await services.rules.activeRules('FRA')).some((r) => r.rule.id === 'cash-payment'));
    await assert.rejects(
      services.rules.setEnabled(deuAnalyst, 'no-such-rule', false, noRequest),
      /no rule no-such-rule/,
    );
  });
});
