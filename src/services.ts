/**
 * The composition root: builds every service once from the store and the configuration, passing each its
 * dependencies explicitly. The HTTP app and the CLI both take their services from here.
 */
import type { Config } from './config.js';
import type { Store } from './db/database.js';
import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';
import { ScreeningService } from './screening/screening.service.js';
import { WatchlistIndex } from './screening/watchlist-index.js';
import { IngestService } from './travel/ingest.service.js';
import { FlightsService } from './travel/flights.service.js';
import { RulesService } from './travel/rules.service.js';
import { AuditService } from './access/audit.service.js';
import { AuthService } from './access/auth.service.js';
import { TokensService } from './access/tokens.service.js';
import { UsersService } from './access/users.service.js';
import { ImportService } from './watchlists/import.service.js';
import { WatchlistsService } from './watchlists/watchlists.service.js';

export interface Services {
  readonly audit: AuditService;
  readonly auth: AuthService;
  readonly users: UsersService;
  readonly tokens: TokensService;
  readonly watchlists: WatchlistsService;
  readonly imports: ImportService;
  /** The in-memory screening index; `load()` it before screening, `start()` it to follow changes. */
  readonly index: WatchlistIndex;
  readonly screening: ScreeningService;
  readonly ingest: IngestService;
  readonly flights: FlightsService;
  readonly rules: RulesService;
}

export function createServices(store: Store, config: Config, logger: Logger = silentLogger()): Services {
  const audit = new AuditService(store.db);
  const index = new WatchlistIndex(store.db, logger.child({ component: 'screening-index' }), {
    screeningThread: config.screeningThread,
  });
  const rules = new RulesService(store.db, audit);
  return {
    rules,
    index,
    screening: new ScreeningService(store.db, index, audit),
    ingest: new IngestService(store.db, index, rules, audit),
    flights: new FlightsService(store.db, audit),
    audit,
    auth: new AuthService(store.db, audit, config.access),
    users: new UsersService(store.db, audit),
    tokens: new TokensService(store.db, audit),
    watchlists: new WatchlistsService(store.db, audit),
    imports: new ImportService(store.db, audit),
  };
}
