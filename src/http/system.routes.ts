/** Liveness, readiness and the API description. These routes need no authentication. */
import type { App } from './app.js';
import { Type } from 'typebox';
import { sql } from 'kysely';
import type { Store } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';

const Health = Type.Object({ status: Type.Literal('ok') });
const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')], {
    description: 'embedded PGlite or a PostgreSQL server',
  }),
  checks: Type.Object({
    database: Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]),
    migrations: Type.Union([Type.Literal('ok'), Type.Literal('pending'), Type.Literal('unknown')]),
  }),
  pendingMigrations: Type.Optional(Type.Array(Type.String())),
});

export function systemRoutes(app: App, store: Store): void {
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
        summary: 'The database is reachable and its migrations are applied',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (request, reply) => {
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
      const ready = database === 'ok' && migrations === 'ok';
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'unavailable',
        database: store.kind,
        checks: { database, migrations },
        ...(pending.length > 0 ? { pendingMigrations: pending } : {}),
      });
    },
  );

  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());
}
