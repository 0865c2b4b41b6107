/**
 * The composition root: builds every service once from the store and the configuration, passing each its
 * dependencies explicitly. The HTTP app and the CLI both take their services from here.
 */
import type { Config } from './config.js';
import type { Store } from './db/database.js';
import { AuditService } from './access/audit.service.js';
import { AuthService } from './access/auth.service.js';
import { TokensService } from './access/tokens.service.js';
import { UsersService } from './access/users.service.js';

export interface Services {
  readonly audit: AuditService;
  readonly auth: AuthService;
  readonly users: UsersService;
  readonly tokens: TokensService;
}

export function createServices(store: Store, config: Config): Services {
  const audit = new AuditService(store.db);
  return {
    audit,
    auth: new AuthService(store.db, audit, config.access),
    users: new UsersService(store.db, audit),
    tokens: new TokensService(store.db, audit),
  };
}
