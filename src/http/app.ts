/**
 * Builds the Fastify application: validation from TypeBox schemas, the OpenAPI 3.1 description generated from
 * the same schemas, one error handler, and every feature's routes. Nothing here listens; `server.ts` does.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import type { Store } from '../db/database.js';
import type { Logger } from '../logger.js';
import { ErrorResponse, installErrorHandling } from './errors.js';
import { systemRoutes } from './system.routes.js';
import { version } from '../version.js';

export interface AppDependencies {
  readonly config: Config;
  readonly store: Store;
  readonly logger: Logger;
}

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export async function buildApp(deps: AppDependencies): Promise<App> {
  // The logger type is named so that the instance's type matches `App` (pino's own type is narrower).
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-arguments
  const app = Fastify<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger>({
    loggerInstance: deps.logger.child({ component: 'http' }),
    bodyLimit: deps.config.bodyLimit,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(swagger, {
    // Shared schemas appear under their $id (ErrorResponse, …) rather than generated names.
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lodestar API',
        version,
        description:
          'Watchlists, screening, flight monitoring and live figures for coordinated operations against human trafficking and migrant smuggling.',
      },
      tags: [{ name: 'system', description: 'Liveness, readiness, API description' }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.addSchema(ErrorResponse);
  installErrorHandling(app);

  systemRoutes(app, deps.store);

  await app.ready();
  return app;
}
