/** Liveness, readiness and the API description. These routes need no authentication. */
import type { App } from './app.js';
import { Type } from 'typebox';
import { sql } from 'kysely';
import type { Store } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';
import type { WatchlistIndex } from '../screening/watchlist-index.js';

const Health = Type.Object({ status: Type.Literal('ok') });
const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')], {
    description: 'embedded PGlite or a PostgreSQL server',
  }),
  checks: Type.Object({
    database: Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]),
    migrations: Type.Union([Type.Literal('ok'), Type.Literal('pending'), Type.Literal('unknown')]),
    screeningIndex: Type.Union([Type.Literal('ok'), Type.Literal('loading')], {
      description: 'loading while a starting server reads the watchlists: screenings answer 503 until it is done',
    }),
  }),
  pendingMigrations: Type.Optional(Type.Array(Type.String())),
  screeningIndexLoading: Type.Optional(
    Type.Object(
      { persons: Type.Integer(), of: Type.Integer() },
      { description: 'while loading: the persons read so far, of those the lists hold' },
    ),
  ),
});

export function systemRoutes(app: App, store: Store, index: Pick<WatchlistIndex, 'loadProgress'>): void {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'The process is alive', response: { 200: Health } },
    },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'The database is reachable, its migrations are applied and the screening index is loaded',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (request, reply) => {
      // As the request found it (the checks below take a while).
      const loading = index.loadProgress;
      let database: 'ok' | 'unreachable' = 'ok';
      let migrations: 'ok' | 'pending' | 'unknown' = 'unknown';
      let pending: string[] = [];
      try {
        await sql`select 1`.execute(store.db);
        pending = await pendingMigrations(store.db);
        migrations = pending.length === 0 ? 'ok' : 'pending';
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        database = 'unreachable';
      }
      const ready = database === 'ok' && migrations === 'ok' && loading === undefined;
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'unavailable',
        database: store.kind,
        checks: { database, migrations, screeningIndex: loading === undefined ? 'ok' : 'loading' },
        ...(pending.length > 0 ? { pendingMigrations: pending } : {}),
        ...(loading === undefined ? {} : { screeningIndexLoading: { persons: loading.persons, of: loading.of } }),
      });
    },
  );

  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());
}
