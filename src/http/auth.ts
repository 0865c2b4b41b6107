/**
 * Authentication and authorisation for every route, in one place. Each route declares `config.access`: 'public'
 * or the permission it needs; a route without a declaration refuses to register. Before anything else runs, the
 * caller is identified (bearer token or session cookie: 401 if neither is valid), the permission is checked
 * against the access policy (403), and a cookie-authenticated write must carry the session's CSRF token (403). Each
 * 403 of a known caller is on the audit record (access.denied).
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { authorize, permissions, type Permission, type Principal } from '../access/policy.js';
import type { RequestContext } from '../access/audit.service.js';
import { sameSecret } from '../access/secrets.js';
import type { Services } from '../services.js';
import type { App } from './app.js';

export type RouteAccess = 'public' | { readonly permission: Permission };

/** A route and the access it declared, as the authorisation matrix test reads them. */
export interface DeclaredRoute {
  readonly method: string;
  readonly url: string;
  readonly access: RouteAccess;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    /** Every route with its declared access, in registration order. */
    declaredRoutes: DeclaredRoute[];
  }
  interface FastifyRequest {
    principal: Principal | undefined;
    /** A bearer token's use being recorded (counted and audited): awaited before the answer goes out. */
    tokenUse: Promise<void> | undefined;
  }
}

export const sessionCookie = 'lodestar_session';
export const csrfHeader = 'x-csrf-token';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes that come from plugins (the browsable docs) and are public by nature. */
function isPluginPublic(url: string): boolean {
  return url === '/docs' || url.startsWith('/docs/');
}

/** The request's origin, for the audit log. */
export function requestContext(request: FastifyRequest): RequestContext {
  return { ip: request.ip, requestId: request.id };
}

/** The authenticated caller of a route that required a permission. */
export function principalOf(request: FastifyRequest): Principal {
  const principal = request.principal;
  if (principal === undefined) throw new AppError('auth.required', 'authentication required');
  return principal;
}

/** The signed-in person of a route that only people may use. */
export function userOf(request: FastifyRequest): Principal & { kind: 'user' } {
  const principal = principalOf(request);
  if (principal.kind !== 'user') throw new AppError('auth.forbidden', 'only a signed-in person may do this');
  return principal;
}

/**
 * How a route needing `permission` may be authenticated, as its OpenAPI description says: a bearer token with one of
 * the scopes that grant it, or a session; a session only when no scope grants it (people only: tokens get 403).
 */
export function securityOf(permission: Permission): Record<string, string[]>[] {
  const scopes: readonly string[] = permissions[permission].scopes;
  return scopes.length === 0 ? [{ session: [] }] : [{ bearer: [...scopes] }, { session: [] }];
}

export function installAuth(app: App, services: Services): void {
  app.decorateRequest('principal', undefined);
  app.decorateRequest('tokenUse', undefined);
  const declared: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declared);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (isPluginPublic(route.url)) return;
    if (access === undefined)
      throw new Error(`route ${route.method.toString()} ${route.url} declares no access (config.access)`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') declared.push({ method, url: route.url, access });
    }
    // The OpenAPI description says how to authenticate each protected route.
    if (access !== 'public' && route.schema !== undefined) {
      route.schema = { ...route.schema, security: securityOf(access.permission) };
    }
  });

  /**
   * Refuses a known caller (403), the refusal on the audit record first: who was refused what, and why. A request
   * without valid credentials is not recorded here (anyone may send one; the log would fill with noise).
   */
  async function refuse(request: FastifyRequest, principal: Principal, permission: Permission, reason: string) {
    await services.audit.record(
      principal,
      {
        action: 'access.denied',
        outcome: 'denied',
        details: { method: request.method, route: request.routeOptions.url, permission, reason },
      },
      requestContext(request),
    );
    return new AppError('auth.forbidden', reason);
  }

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;

    const authorization = request.headers.authorization;
    let csrfToken: string | undefined;
    let principal: Principal;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (match === null) throw new AppError('auth.required', 'the Authorization header must be "Bearer <token>"');
      const use = await services.auth.authenticateToken(match[1]!, requestContext(request));
      principal = use.principal;
      request.tokenUse = use.recorded;
    } else {
      const cookie = request.cookies[sessionCookie];
      const session = cookie === undefined ? undefined : await services.auth.authenticateSession(cookie);
      if (session === undefined) {
        throw new AppError(
          'auth.required',
          cookie === undefined
            ? 'authentication required: sign in or send a bearer token'
            : 'the session is not valid or has expired: sign in again',
        );
      }
      principal = session.principal;
      csrfToken = session.csrfToken;
    }
    request.principal = principal;

    const decision = authorize(principal, access.permission);
    if (!decision.allowed) throw await refuse(request, principal, access.permission, decision.reason);

    if (csrfToken !== undefined && !safeMethods.has(request.method)) {
      const sent = request.headers[csrfHeader];
      if (typeof sent !== 'string' || !sameSecret(sent, csrfToken)) {
        throw await refuse(
          request,
          principal,
          access.permission,
          `a write with a session cookie must send the session's CSRF token in the ${csrfHeader} header`,
        );
      }
    }
  });

  // No answer to a token's request goes out before the token's use is on the record (its count and audit entry were
  // deferred to the commit of the request's own entry: AuthService.useToken). An error answer waits as well; a use that
  // cannot be recorded turns the answer into that error.
  app.addHook('onSend', async (request) => {
    const use = request.tokenUse;
    if (use === undefined) return;
    request.tokenUse = undefined;
    services.audit.flushDeferred();
    await use;
  });
}
