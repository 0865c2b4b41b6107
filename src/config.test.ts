import assert from 'node:assert/strict';
import os from 'node:os';
import { describe, it } from 'node:test';
import { loadConfig, loadTestSettings } from './config.js';
import { isAppError } from './errors.js';

describe('loadConfig', () => {
  it('defaults to the embedded database in ./data on 127.0.0.1:8080', () => {
    const config = loadConfig({}, {}, '/srv/lodestar');
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 8080);
    assert.deepEqual(config.database, { kind: 'pglite', dataDir: '/srv/lodestar/data' });
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.database));
  });

  it('uses a PostgreSQL server when DATABASE_URL is set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app:secret@db.example:5433/lodestar',
      LODESTAR_DB_POOL_SIZE: '20',
    });
    assert.deepEqual(config.database, {
      kind: 'postgres',
      url: 'postgres://app:secret@db.example:5433/lodestar',
      poolSize: 20,
    });
  });

  it('processes one batch at a time on the embedded database, and on PostgreSQL three with a screening thread and two without, unless told', () => {
    assert.equal(loadConfig({}).ingestConcurrency, 1);
    const server = { DATABASE_URL: 'postgres://db.example/lodestar' };
    assert.equal(loadConfig({ ...server, LODESTAR_SCREENING_THREAD: 'true' }).ingestConcurrency, 3);
    assert.equal(loadConfig({ ...server, LODESTAR_SCREENING_THREAD: 'false' }).ingestConcurrency, 2);
    assert.equal(loadConfig({ ...server, LODESTAR_SCREENING_THREAD: 'false' }).screeningThread, false);
    // By default, wherever there is a core to spare.
    assert.equal(loadConfig(server).screeningThread, os.availableParallelism() > 1);
    assert.throws(() => loadConfig({ LODESTAR_SCREENING_THREAD: 'maybe' }), /LODESTAR_SCREENING_THREAD/);
    assert.equal(
      loadConfig({ DATABASE_URL: 'postgres://db.example/lodestar', LODESTAR_INGEST_CONCURRENCY: '8' })
        .ingestConcurrency,
      8,
    );
    assert.throws(() => loadConfig({ LODESTAR_INGEST_CONCURRENCY: '0' }), /LODESTAR_INGEST_CONCURRENCY/);
  });

  it('lets command-line flags override the environment', () => {
    const config = loadConfig(
      { LODESTAR_HOST: '0.0.0.0', LODESTAR_PORT: '9000', LODESTAR_DATA_DIR: '/a' },
      { host: '::1', port: '9100', dataDir: '/b' },
    );
    assert.equal(config.host, '::1');
    assert.equal(config.port, 9100);
    assert.deepEqual(config.database, { kind: 'pglite', dataDir: '/b' });
  });

  const rejected: [string, Record<string, string>, Record<string, string>, RegExp][] = [
    [
      'a DATABASE_URL that is not a URL',
      { DATABASE_URL: 'not a url' },
      {},
      /^DATABASE_URL: is not a URL; expected postgres:\/\//,
    ],
    [
      'a DATABASE_URL of another scheme',
      { DATABASE_URL: 'mysql://u@h/db' },
      {},
      /^DATABASE_URL: scheme "mysql:" is not supported/,
    ],
    [
      'a DATABASE_URL without a database',
      { DATABASE_URL: 'postgres://u@h:5432' },
      {},
      /^DATABASE_URL: names no database/,
    ],
    [
      'a port that is not a number',
      { LODESTAR_PORT: 'eighty' },
      {},
      /^LODESTAR_PORT: expected a whole number from 0 to 65535, got "eighty"/,
    ],
    [
      'a port out of range',
      { LODESTAR_PORT: '70000' },
      {},
      /^LODESTAR_PORT: expected a whole number from 0 to 65535, got 70000/,
    ],
    ['a --port flag that is not a number', {}, { port: '80a' }, /^--port: expected a whole number/],
    ['a negative body limit', { LODESTAR_BODY_LIMIT: '-5' }, {}, /^LODESTAR_BODY_LIMIT: expected a whole number/],
    ['an unknown log level', { LODESTAR_LOG_LEVEL: 'loud' }, {}, /^LODESTAR_LOG_LEVEL: expected one of fatal, error/],
    [
      'a boolean that is not one',
      { LODESTAR_RUN_JOBS: 'maybe' },
      {},
      /^LODESTAR_RUN_JOBS: expected true or false, got "maybe"/,
    ],
    ['a host with a space', { LODESTAR_HOST: 'my host' }, {}, /^LODESTAR_HOST: "my host" is not a host name/],
    [
      'a pool size of zero',
      { DATABASE_URL: 'postgres://h/db', LODESTAR_DB_POOL_SIZE: '0' },
      {},
      /^LODESTAR_DB_POOL_SIZE: expected a whole number from 1/,
    ],
  ];
  for (const [title, env, overrides, message] of rejected) {
    it(`rejects ${title} with one line naming the setting`, () => {
      assert.throws(
        () => loadConfig(env, overrides),
        (error: unknown) =>
          isAppError(error, 'config.invalid') && message.test(error.message) && !error.message.includes('\n'),
      );
    });
  }
});

describe('loadTestSettings', () => {
  it('validates LODESTAR_TEST_DATABASE_URL', () => {
    assert.equal(loadTestSettings({}).postgresUrl, undefined);
    assert.equal(
      loadTestSettings({ LODESTAR_TEST_DATABASE_URL: 'postgres://h/test' }).postgresUrl,
      'postgres://h/test',
    );
    assert.throws(
      () => loadTestSettings({ LODESTAR_TEST_DATABASE_URL: 'http://h/test' }),
      /LODESTAR_TEST_DATABASE_URL: scheme/,
    );
  });
});
