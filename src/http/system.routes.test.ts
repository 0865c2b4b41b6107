import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { buildTestApp, testConfig } from '../../test/app.js';
import { describeEachBackend } from '../../test/database.js';
import { openEmbedded, type Store } from '../db/database.js';
import { silentLogger } from '../logger.js';
import { buildApp, type App } from './app.js';
import { createServices } from '../services.js';

describeEachBackend('system routes', (database) => {
  let app: App;
  before(async () => {
    app = await buildTestApp(database());
  });
  after(() => app.close());

  it('answers /healthz', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  it('answers /readyz with the store and checks', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      status: 'ready',
      database: database().kind,
      checks: { database: 'ok', migrations: 'ok', screeningIndex: 'ok' },
    });
  });

  it('serves a valid OpenAPI 3.1 description and the browsable docs', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(res.statusCode, 200);
    const spec = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    assert.equal(spec.openapi, '3.1.0');
    assert.ok('/readyz' in spec.paths && '/healthz' in spec.paths);
    const validator = new Validator();
    const result = await validator.validate(spec);
    assert.equal(validator.version, '3.1');
    assert.deepEqual(result.errors ?? [], []);
    assert.equal(result.valid, true);
    const docs = await app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(docs.statusCode, 200);
    assert.match(String(docs.headers['content-type']), /text\/html/);
  });

  it('answers an unknown route with the error shape and a request id', async () => {
    const res = await app.inject({ method: 'GET', url: '/no/such/route' });
    assert.equal(res.statusCode, 404);
    const body = res.json<{ error: { code: string; requestId: string } }>();
    assert.equal(body.error.code, 'resource.not_found');
    assert.equal(body.error.requestId, String(res.headers['x-request-id']));
  });
});

describe('readiness before migrations', () => {
  let store: Store;
  let app: App;
  before(async () => {
    store = await openEmbedded('memory://');
    const config = testConfig();
    app = await buildApp({ config, store, logger: silentLogger(), services: createServices(store, config) });
  });
  after(async () => {
    await app.close();
    await store.close();
  });

  it('answers 503 and names the pending migrations', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.statusCode, 503);
    const body = res.json<{ status: string; checks: { migrations: string }; pendingMigrations: string[] }>();
    assert.equal(body.status, 'unavailable');
    assert.equal(body.checks.migrations, 'pending');
    assert.ok(body.pendingMigrations.includes('0001_foundation'));
  });
});
