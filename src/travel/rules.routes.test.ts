/**
 * The rules routes answer exactly what RulesService returns, as JSON (their response schemas name every field: the
 * serializer drops any other), and leave a rule's body to the service: a bad rule gets the service's message, naming
 * the field at fault, and no value is coerced on the way (the app's ajv would turn "true" into true).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp } from '../../test/app.js';
import { describeEachBackend } from '../../test/database.js';
import { buildUser, signIn, type Session } from '../../test/factories.js';
import { testServices } from '../../test/services.js';
import { AppError } from '../errors.js';
import type { App } from '../http/app.js';
import type { Services } from '../services.js';
import { presentRule } from './rules.schema.js';

/** What a client reads of a value sent as JSON: a Date as its ISO string, no undefined field. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** A rule using every kind of condition and value, with codes the service normalises (NL → NLD, DE → DEU). */
const oneWayPaidByOthers = {
  id: 'deu-one-way-paid-by-others',
  title: 'One-way trip paid in cash or by someone else',
  description: 'A booking to the Netherlands or Germany, one way, paid by a third party or in cash',
  source: 'Test handbook, section 2',
  subject: 'booking',
  when: {
    all: [
      { fact: 'booking.oneWay', op: 'eq', value: true },
      {
        any: [
          { fact: 'booking.payment.kinds', op: 'contains', value: 'cash' },
          { not: { fact: 'booking.payer.isTraveller', op: 'eq', value: true } },
        ],
      },
      { fact: 'booking.createdAt', op: 'between', value: ['2024-01-01', '2024-12-31T23:59'] },
      { fact: 'flight.arrivalCountry', op: 'in', value: ['NL', 'DEU'] },
      { fact: 'booking.contacts.emails', op: 'matches', value: '@example\\.' },
      { fact: 'booking.travellerCount', op: 'gte', value: 1 },
    ],
  },
  severity: 'medium',
  countries: ['DE'],
  enabled: false,
};

describeEachBackend('the rules routes', (database) => {
  let services: Services;
  let app: App;
  let session: Session;
  before(async () => {
    services = testServices(database());
    app = await buildTestApp(database(), {}, services);
    session = await signIn(app, await buildUser(services, { country: 'DEU', roles: ['analyst'] }));
  });
  after(() => app.close());

  const post = (url: string, payload: string, method: 'POST' | 'PUT' = 'POST') =>
    app.inject({
      method,
      url,
      headers: { ...session.headers(true), 'content-type': 'application/json' },
      payload,
    });

  it('answers a rule written as the service stored it, as the list shows it', async (t) => {
    const save = t.mock.method(services.rules, 'save');
    const first = await post('/api/rules', JSON.stringify(oneWayPaidByOthers));
    assert.equal(first.statusCode, 201, first.body);
    const stored = await save.mock.calls[0]!.result!;
    assert.deepEqual(first.json(), asJson(presentRule(stored)));
    assert.deepEqual(stored.rule.countries, ['DEU']);
    assert.deepEqual([stored.builtin, stored.ownerCountry, stored.enabledHere], [false, 'DEU', false]);

    const { description: _left, ...without } = oneWayPaidByOthers;
    const second = await post('/api/rules', JSON.stringify({ ...without, severity: 'high' }));
    assert.equal(second.statusCode, 201, second.body);
    assert.deepEqual(second.json(), asJson(presentRule(await save.mock.calls[1]!.result!)));
    assert.equal(second.json<{ version: number }>().version, 2);
    assert.ok(!('description' in second.json<object>()));
    // The very entry GET /api/rules lists for it.
    const listed = await app.inject({ method: 'GET', url: '/api/rules', headers: session.headers() });
    const entry = listed.json<{ id: string }[]>().find((r) => r.id === oneWayPaidByOthers.id);
    assert.deepEqual(second.json(), entry);
  });

  it('lists the rules as the service returns them', async (t) => {
    const list = t.mock.method(services.rules, 'list');
    const res = await app.inject({ method: 'GET', url: '/api/rules', headers: session.headers() });
    assert.equal(res.statusCode, 200);
    const views = await list.mock.calls[0]!.result!;
    assert.deepEqual(res.json(), asJson(views.map(presentRule)));
    assert.ok(views.some((v) => v.builtin && v.ownerCountry === null && v.rule.source !== undefined));
    const own = views.find((v) => v.rule.id === oneWayPaidByOthers.id);
    assert.deepEqual([own?.ownerCountry, own?.rule.version, own?.enabledHere], ['DEU', 2, false]);
  });

  it("answers a bad rule with the service's message, naming the field at fault", async (t) => {
    const save = t.mock.method(services.rules, 'save');
    const bad: [string, Record<string, unknown>, string][] = [
      ['an unknown property', { colour: 'red' }, 'colour'],
      ['a title that is not a string', { title: 5 }, 'title'],
      ['"true" for enabled', { enabled: 'true' }, 'enabled'],
      ['one country not in a list', { countries: 'DEU' }, 'countries'],
      ['no condition', { when: undefined }, 'when'],
      ['"true" for a yes-or-no fact', { when: { fact: 'booking.oneWay', op: 'eq', value: 'true' } }, 'when.value'],
      [
        'a nested unknown operator',
        { when: { all: [{ fact: 'booking.oneWay', op: 'is', value: true }] } },
        'when.all[0].op',
      ],
    ];
    for (const [i, [what, change, field]] of bad.entries()) {
      const res = await post('/api/rules', JSON.stringify({ ...oneWayPaidByOthers, id: `bad-${i}`, ...change }));
      assert.equal(res.statusCode, 400, what);
      const refusal = await save.mock.calls[i]!.result!.then(
        () => assert.fail(`${what}: stored`),
        (error: unknown) => error,
      );
      assert.ok(refusal instanceof AppError && refusal.location?.field === field, `${what}: ${String(refusal)}`);
      const { error } = res.json<{ error: { code: string; message: string; field?: string } }>();
      assert.deepEqual([error.code, error.message], ['request.invalid', refusal.message], what);
      assert.ok(error.field?.endsWith(field.replace(/\[(\d+)\]/g, '.$1')), `${what}: field ${error.field}`);
    }
    // The version is the server's: one sent is ignored, whatever it is.
    const versioned = await post(
      '/api/rules',
      JSON.stringify({ ...oneWayPaidByOthers, id: 'versioned', version: 'x' }),
    );
    assert.equal(versioned.statusCode, 201, versioned.body);
    assert.equal(versioned.json<{ version: number }>().version, 1);
  });

  it('refuses a body that is not an object as a route whose schema is checked does', async (t) => {
    const save = t.mock.method(services.rules, 'save');
    for (const payload of ['[]', '"a rule"', '5', 'null']) {
      const res = await post('/api/rules', payload);
      const checked = await post('/api/rules/cash-payment/enabled', payload, 'PUT');
      assert.equal(res.statusCode, 400, payload);
      assert.deepEqual(
        { ...res.json<{ error: object }>().error, requestId: '' },
        { ...checked.json<{ error: object }>().error, requestId: '' },
        payload,
      );
    }
    assert.equal(save.mock.callCount(), 0);
  });
});
