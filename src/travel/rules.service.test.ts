import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachBackend } from '../../test/database.js';
import { operator } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import { up as addRuleOwner } from '../db/migrations/0013_rule_owner.js';
import { isAppError } from '../errors.js';
import type { Principal } from '../access/policy.js';
import type { Services } from '../services.js';
import { builtinRules, weakIndicatorIds } from './rules/builtin.js';
import { evaluateRules } from './rules/evaluate.js';
import { buildCompanions, buildFactSet, buildTraveller } from './rules/rules.factories.js';

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
const fraAdmin: Principal = { ...fraAnalyst, id: 'b', name: 'admin@fr', roles: ['admin'] };
const deuAdmin: Principal = { ...deuAnalyst, id: 'c', name: 'admin@de', roles: ['admin'] };

const forbidden = (pattern: RegExp) => (error: unknown) =>
  isAppError(error, 'auth.forbidden') && pattern.test(error.message);

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

  it('installs the built-ins before a first save, so no one takes a built-in’s id', async () => {
    // Nothing has read the rules yet on this fresh database.
    const cash = builtinRules.find((r) => r.id === 'cash-payment')!;
    await assert.rejects(
      services.rules.save(fraAnalyst, { ...cash, countries: ['FRA'] }, noRequest),
      forbidden(/built-in/),
    );
  });

  it('installs the built-ins as version 1: the weak indicators off by default, the rest running everywhere', async () => {
    const active = await services.rules.activeRules('FRA');
    assert.deepEqual(
      active.map((r) => r.rule.id).sort(),
      builtinRules
        .filter((r) => !(weakIndicatorIds as readonly string[]).includes(r.id))
        .map((r) => r.id)
        .sort(),
    );
    const listed = await services.rules.list(fraAnalyst);
    assert.equal(listed.length, builtinRules.length);
    assert.ok(listed.every((r) => r.builtin && r.rule.version === 1 && r.enabledHere === r.rule.enabled));
  });

  it('stores a new rule, then a new version of it, and names where a bad rule is wrong', async () => {
    const first = await services.rules.save(fraAnalyst, minorAlone, noRequest);
    assert.equal(first.rule.version, 1);
    const second = await services.rules.save(fraAnalyst, { ...minorAlone, severity: 'medium' }, noRequest);
    assert.equal(second.rule.version, 2);
    // The answer is the version stored as the list shows it: whose it is, when written, whether it runs here.
    assert.deepEqual(
      second,
      (await services.rules.list(fraAnalyst)).find((v) => v.rule.id === 'minor-alone'),
    );
    assert.deepEqual(
      [second.builtin, second.ownerCountry, second.createdBy, second.enabledHere],
      [false, 'FRA', 'analyst@fr', true],
    );
    assert.ok(second.createdAt instanceof Date && second.createdAt >= first.createdAt);
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

  it('lets a country switch a rule off or on for itself only, over the rule’s own default and countries', async () => {
    const runs = async (country: string, id: string) =>
      (await services.rules.activeRules(country)).some((r) => r.rule.id === id);
    // Off for DEU, a built-in that runs everywhere.
    await services.rules.setEnabled(deuAnalyst, 'shared-contact', false, noRequest);
    assert.ok(!(await runs('DEU', 'shared-contact')) && (await runs('FRA', 'shared-contact')));
    // On for FRA, a weak indicator that runs nowhere by default.
    assert.ok(!(await runs('FRA', 'cash-payment')));
    await services.rules.setEnabled(fraAnalyst, 'cash-payment', true, noRequest);
    assert.ok((await runs('FRA', 'cash-payment')) && !(await runs('DEU', 'cash-payment')));
    const view = (await services.rules.list(fraAnalyst)).find((v) => v.rule.id === 'cash-payment')!;
    assert.deepEqual([view.rule.enabled, view.enabledHere], [false, true]);
    // On for DEU, FRA's own rule listed for FRA only: DEU's flights are checked by it, and it fires there.
    assert.ok(!(await runs('DEU', 'minor-alone')));
    await services.rules.setEnabled(deuAnalyst, 'minor-alone', true, noRequest);
    const deu = await services.rules.activeRules('DEU');
    const child = buildTraveller({ age: 9, minor: true, adult: false, companions: buildCompanions() });
    const hits = evaluateRules(deu, buildFactSet({ travellers: [child] }));
    assert.deepEqual(hits.map((h) => h.ruleId).sort(), ['minor-alone', 'unaccompanied-minor']);
    await services.rules.setEnabled(deuAnalyst, 'minor-alone', false, noRequest);
    assert.ok(!(await runs('DEU', 'minor-alone')));
    await assert.rejects(
      services.rules.setEnabled(deuAnalyst, 'no-such-rule', false, noRequest),
      /no rule no-such-rule/,
    );
  });

  it('lets no person re-version a built-in or write a rule for all countries; the operator may', async () => {
    const group = builtinRules.find((r) => r.id === 'group-single-contact')!;
    for (const who of [fraAnalyst, fraAdmin]) {
      await assert.rejects(
        services.rules.save(who, { ...group, countries: ['FRA'] }, noRequest),
        forbidden(/built-in rule: only the operator/),
      );
    }
    await assert.rejects(
      services.rules.save(fraAnalyst, { ...minorAlone, id: 'fra-everywhere', countries: 'all' }, noRequest),
      forbidden(/only your own country/),
    );
    assert.ok(!(await services.rules.list(fraAnalyst)).some((v) => v.rule.id === 'fra-everywhere'));
    assert.ok((await services.rules.activeRules('DEU')).some((r) => r.rule.id === 'group-single-contact'));
    // The operator changes a built-in for everyone; it stays a built-in of no country.
    const changed = await services.rules.save(operator, { ...group, severity: 'high' }, noRequest);
    assert.deepEqual([changed.rule.version, changed.builtin, changed.ownerCountry], [2, true, null]);
    const view = (await services.rules.list(deuAnalyst)).find((v) => v.rule.id === 'group-single-contact')!;
    assert.deepEqual([view.rule.severity, view.builtin, view.ownerCountry], ['high', true, null]);
    // A country still switches a built-in for itself.
    await services.rules.setEnabled(fraAnalyst, 'group-single-contact', false, noRequest);
    assert.ok(!(await services.rules.activeRules('FRA')).some((r) => r.rule.id === 'group-single-contact'));
    assert.ok((await services.rules.activeRules('DEU')).some((r) => r.rule.id === 'group-single-contact'));
  });

  it('lets only the owner country (and the operator) change its rule, and audits it under that country', async () => {
    const fraRule = { ...minorAlone, id: 'fra-owned' };
    await services.rules.save(fraAnalyst, fraRule, noRequest);
    for (const who of [deuAnalyst, deuAdmin]) {
      await assert.rejects(services.rules.save(who, { ...fraRule, countries: ['DEU'] }, noRequest), (error: unknown) =>
        isAppError(error, 'resource.not_found'),
      );
    }
    // Another person of the owner country may, and so may the operator.
    assert.equal((await services.rules.save(fraAdmin, { ...fraRule, severity: 'low' }, noRequest)).rule.version, 2);
    const byOperator = await services.rules.save(operator, { ...fraRule, severity: 'medium' }, noRequest);
    assert.deepEqual([byOperator.rule.version, byOperator.ownerCountry], [3, 'FRA'], 'still FRA’s rule');
    const view = (await services.rules.list(deuAnalyst)).find((v) => v.rule.id === 'fra-owned')!;
    assert.deepEqual([view.rule.severity, view.ownerCountry, view.enabledHere], ['medium', 'FRA', false]);
    assert.ok((await services.rules.activeRules('FRA')).some((r) => r.rule.id === 'fra-owned'));
    const entries = await database()
      .db.selectFrom('audit_log')
      .select(['action', 'subject_country'])
      .where('subject_type', '=', 'rule')
      .where('subject_id', '=', 'fra-owned')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      entries.map((e) => `${e.action} ${e.subject_country}`),
      ['rule.create FRA', 'rule.update FRA', 'rule.update FRA'],
    );
  });

  it('stores every one of concurrent saves of one rule as its own version, each audited once', async () => {
    const saves = await Promise.all(
      (['low', 'medium', 'high', 'low'] as const).map((severity, i) =>
        services.rules.save(
          { ...fraAnalyst, name: `analyst${i}@fr` },
          { ...minorAlone, id: 'raced', severity },
          noRequest,
        ),
      ),
    );
    assert.deepEqual(saves.map((r) => r.rule.version).sort(), [1, 2, 3, 4]);
    const rows = await database()
      .db.selectFrom('rules')
      .select(['version', 'created_by'])
      .where('id', '=', 'raced')
      .orderBy('version')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.version),
      [1, 2, 3, 4],
    );
    // Each writer is answered with the version it wrote, not one written meanwhile.
    assert.deepEqual(
      saves.map((r) => `${r.createdBy} v${r.rule.version}`).sort(),
      rows.map((r) => `${r.created_by} v${r.version}`).sort(),
    );
    const audited = await database()
      .db.selectFrom('audit_log')
      .select(['actor_name', 'details'])
      .where('subject_type', '=', 'rule')
      .where('subject_id', '=', 'raced')
      .execute();
    assert.deepEqual(
      audited.map((e) => `${e.actor_name} v${(e.details as { version: number }).version}`).sort(),
      rows.map((r) => `${r.created_by} v${r.version}`).sort(),
    );
  });

  it('gives stored rules their first version’s country as owner; built-ins none', async () => {
    const db = database().db;
    const deuUser = await services.users.create(
      operator,
      {
        email: 'owner.backfill@police.example',
        country: 'DEU',
        roles: ['analyst'],
        password: 'a long enough password 1',
        name: 'B',
      },
      noRequest,
    );
    // As before owners existed: a DEU person's rule that FRA wrote over, a built-in FRA wrote over, a rule whose
    // writer is unknown but names one country, and one naming all.
    await db.schema.alterTable('rules').dropColumn('owner_country').execute();
    const row = (id: string, version: number, by: string, countries: unknown, builtin = false) => ({
      id,
      version,
      definition: JSON.stringify({ ...minorAlone, id, version, countries }),
      builtin,
      created_by: by,
    });
    await db
      .insertInto('rules' as never)
      .values([
        row('old-deu', 1, deuUser.email, ['DEU']),
        row('old-deu', 2, 'analyst@fr', ['FRA']),
        row('cash-payment', 2, 'analyst@fr', ['FRA']),
        row('old-ita', 1, 'someone gone', ['ITA']),
        row('old-all', 1, 'someone gone', 'all'),
      ] as never)
      .execute();
    await addRuleOwner(db as never);
    const owners = await db
      .selectFrom('rules')
      .select(['id', 'version', 'owner_country'])
      .where('id', 'in', ['old-deu', 'cash-payment', 'old-ita', 'old-all', 'fra-owned'])
      .orderBy('id')
      .orderBy('version')
      .execute();
    assert.deepEqual(
      owners.map((o) => `${o.id} v${o.version} ${o.owner_country}`),
      [
        'cash-payment v1 null',
        'cash-payment v2 null',
        'fra-owned v1 FRA',
        'fra-owned v2 FRA',
        'fra-owned v3 FRA',
        'old-all v1 null',
        'old-deu v1 DEU',
        'old-deu v2 DEU',
        'old-ita v1 ITA',
      ],
    );
  });
  it('brings the built-ins a release changed up to date, where nobody else re-versioned them; once', async () => {
    const { db } = database();
    const current = (id: string) => builtinRules.find((r) => r.id === id)!;
    const stored = (id: string, version: number, by: string, changes: Record<string, unknown>) => ({
      id,
      version,
      definition: JSON.stringify({ ...current(id), ...changes, version }),
      builtin: true,
      owner_country: null,
      created_by: by,
    });
    // As an earlier release left them: the one-way ticket on everywhere, the stateless codes on and then re-versioned
    // by the operator, and no combination rule yet.
    await db
      .deleteFrom('rules')
      .where('id', 'in', ['one-way-ticket', 'stateless-or-refugee', 'several-weak-indicators'])
      .execute();
    await db
      .insertInto('rules')
      .values([
        stored('one-way-ticket', 1, 'lodestar', { enabled: true }),
        stored('stateless-or-refugee', 1, 'lodestar', { enabled: true }),
        stored('stateless-or-refugee', 2, operator.name, { enabled: true, severity: 'high' }),
      ])
      .execute();
    await services.rules.installBuiltins();
    await services.rules.installBuiltins();
    const rows = await db
      .selectFrom('rules')
      .select(['id', 'version', 'created_by', 'definition'])
      .where('id', 'in', ['one-way-ticket', 'stateless-or-refugee', 'several-weak-indicators'])
      .orderBy('id')
      .orderBy('version')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.id, r.version, r.created_by, (r.definition as { enabled: boolean }).enabled]),
      [
        ['one-way-ticket', 1, 'lodestar', true],
        ['one-way-ticket', 2, 'lodestar', false],
        ['several-weak-indicators', 1, 'lodestar', true],
        ['stateless-or-refugee', 1, 'lodestar', true],
        ['stateless-or-refugee', 2, operator.name, true],
      ],
    );
    assert.deepEqual(rows[1]!.definition, { ...JSON.parse(JSON.stringify(current('one-way-ticket'))), version: 2 });
    const running = (await services.rules.activeRules('ITA')).map((r) => r.rule.id);
    assert.ok(running.includes('stateless-or-refugee') && running.includes('several-weak-indicators'));
    assert.ok(!running.includes('one-way-ticket'));
  });
});
