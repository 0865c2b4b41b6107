/** Services over a test database, with the test configuration. */
import { createServices, type Services } from '../src/services.js';
import { testConfig } from './app.js';
import type { TestDatabase } from './database.js';

export function testServices(database: TestDatabase, env: Record<string, string> = {}): Services {
  return createServices(database.store, testConfig(env));
}
