/** An in-process Lodestar app on a test database, for HTTP tests through `app.inject`. */
import type { Config } from '../src/config.js';
import { loadConfig } from '../src/config.js';
import { buildApp, type App } from '../src/http/app.js';
import { silentLogger } from '../src/logger.js';
import { createServices, type Services } from '../src/services.js';
import type { TestDatabase } from './database.js';

export function testConfig(overrides: Record<string, string> = {}): Config {
  // Screening on this thread unless a test asks for the screening thread: one worker per test's services would
  // outlive the tests that do not close them.
  return loadConfig({ LODESTAR_LOG_LEVEL: 'silent', LODESTAR_SCREENING_THREAD: 'false', ...overrides });
}

/** The app over `database`; pass `services` to share them (and their screening index) with the test. */
export async function buildTestApp(
  database: TestDatabase,
  env: Record<string, string> = {},
  services?: Services,
): Promise<App> {
  const config = testConfig(env);
  return buildApp({
    config,
    store: database.store,
    logger: silentLogger(),
    services: services ?? createServices(database.store, config),
  });
}
