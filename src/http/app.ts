/**
 * Builds the Fastify application: validation from TypeBox schemas, the OpenAPI 3.1 description generated from
 * the same schemas, one error handler, and every feature's routes. Nothing here listens; `server.ts` does.
 */
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifySchema,
  type RawServerDefault,
  type RouteOptions,
} from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import type { Store } from '../db/database.js';
import type { Logger } from '../logger.js';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { documentedResponses, ErrorResponse, installErrorHandling } from './errors.js';
import { systemRoutes } from './system.routes.js';
import { version } from '../version.js';
import type { Services } from '../services.js';
import { installAuth } from './auth.js';
import { installRawBodies, rawBodyDocument } from './raw-body.js';
import { installInputGuard, narrowDateFormats } from './input-guard.js';
import { authRoutes } from '../access/auth.routes.js';
import { usersRoutes } from '../access/users.routes.js';
import { tokensRoutes } from '../access/tokens.routes.js';
import { auditRoutes } from '../access/audit.routes.js';
import { AuditEntryView, TokenView, UserView } from '../access/access.schema.js';
import { watchlistsRoutes } from '../watchlists/watchlists.routes.js';
import { screeningRoutes } from '../screening/screening.routes.js';
import { travelRoutes } from '../travel/travel.routes.js';
import { inlineDispatch, type MessageDispatch } from '../travel/process-message.job.js';
import { rulesRoutes } from '../travel/rules.routes.js';
import { DocumentView, PersonView, RestrictedView, WatchlistView } from '../watchlists/watchlists.schema.js';

export interface AppDependencies {
  readonly config: Config;
  readonly store: Store;
  readonly logger: Logger;
  readonly services: Services;
  /** Hands a received message to processing: the job queue in a server; inline when absent (tests, one-shot use). */
  readonly dispatchMessage?: MessageDispatch;
}

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A word of a path segment, capitalised: "sign-in" → "SignIn", "openapi.json" → "OpenapiJson". */
const capitalised = (segment: string) =>
  segment
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');

/**
 * The operation id of a route, from its method and path, so that it stays as long as the route does and no two
 * routes share one: GET /api/users/:id → getApiUsersById.
 */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .split('/')
    .filter((segment) => segment.length > 0)
    .map((segment) => (segment.startsWith(':') ? `By${capitalised(segment.slice(1))}` : capitalised(segment)));
  return `${method.toLowerCase()}${words.join('')}`;
}

/**
 * A route's schema as the OpenAPI description shows it (the route keeps its own for validation): an operation id,
 * the raw media types as the body of a route that reads its body as a stream, and the responses every route can give.
 */
function describeRoute(schema: FastifySchema | undefined, route: RouteOptions): FastifySchema | undefined {
  if (schema === undefined || schema.hide === true) return schema;
  const rawBody = route.config?.rawBody === true;
  const method = [route.method].flat()[0] ?? 'GET';
  const response = documentedResponses(schema.response, rawBody || schema.body !== undefined);
  return {
    ...schema,
    operationId: schema.operationId ?? operationIdOf(method, route.url),
    ...(rawBody && schema.body === undefined ? { body: rawBodyDocument } : {}),
    ...(response === undefined ? {} : { response }),
  };
}

export async function buildApp(deps: AppDependencies): Promise<App> {
  // The logger type is named so that the instance's type matches `App` (pino's own type is narrower).
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-arguments
  const app = Fastify<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger>({
    loggerInstance: deps.logger.child({ component: 'http' }),
    bodyLimit: deps.config.bodyLimit,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false },
      onCreate: narrowDateFormats,
    },
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
    transform: ({ schema, url, route }) => ({ schema: describeRoute(schema, route) ?? schema, url }),
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lodestar API',
        version,
        description:
          'Watchlists, screening, flight monitoring and live figures for coordinated operations against human trafficking and migrant smuggling.',
      },
      tags: [
        { name: 'system', description: 'Liveness, readiness, API description' },
        { name: 'access', description: 'Sign-in, users, machine tokens' },
        { name: 'audit', description: 'The hash-chained audit log' },
        { name: 'watchlists', description: 'Wanted and missing persons, stolen and lost documents' },
        { name: 'screening', description: 'Persons and documents checked against the watchlists' },
        { name: 'flights', description: 'Passenger data (PAXLST, PNRGOV), flights, travellers, bookings, alerts' },
      ],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'a machine token (lst_…) with the scope the route needs',
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'lodestar_session',
            description: 'set by POST /api/auth/sign-in; writes also need the x-csrf-token header',
          },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: true },
    hsts: deps.config.access.cookieSecure,
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    keyGenerator: (request) => request.principal?.id ?? request.ip,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`too many requests: at most ${context.max} per ${context.after}; retry later`), {
        statusCode: 429,
        code: 'FST_ERR_RATE_LIMIT',
      }),
  });
  app.addSchema(ErrorResponse);
  app.addSchema(UserView);
  app.addSchema(TokenView);
  app.addSchema(AuditEntryView);
  for (const schema of [WatchlistView, PersonView, DocumentView, RestrictedView]) app.addSchema(schema);
  installErrorHandling(app);
  installAuth(app, deps.services);
  installRawBodies(app);
  installInputGuard(app);

  systemRoutes(app, deps.store, deps.services.index);
  authRoutes(app, deps.services, deps.config);
  usersRoutes(app, deps.services);
  tokensRoutes(app, deps.services);
  auditRoutes(app, deps.services);
  watchlistsRoutes(app, deps.services);
  screeningRoutes(app, deps.services, deps.config);
  rulesRoutes(app, deps.services);
  travelRoutes(app, deps.services, deps.dispatchMessage ?? inlineDispatch(deps.services.ingest));

  await app.ready();
  return app;
}
