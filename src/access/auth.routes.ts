/** Sign-in, sign-out, who am I, password change. */
import { Type } from 'typebox';
import type { App } from '../http/app.js';
import { errorResponses } from '../http/errors.js';
import { csrfHeader, principalOf, requestContext, sessionCookie, userOf } from '../http/auth.js';
import type { Config } from '../config.js';
import type { Services } from '../services.js';
import { MeView, PasswordBody, SignInBody, SignedInView, presentUser } from './access.schema.js';

const errors = errorResponses(400, 401, 403);

export function authRoutes(app: App, services: Services, config: Config): void {
  app.post(
    '/api/auth/sign-in',
    {
      config: { access: 'public', rateLimit: { max: config.access.signInRatePerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['access'],
        summary: 'Sign in with email and password; sets the HTTP-only session cookie',
        body: SignInBody,
        response: { 200: SignedInView, ...errors, 429: Type.Ref('ErrorResponse') },
      },
    },
    async (request, reply) => {
      const signedIn = await services.auth.signIn(request.body.email, request.body.password, {
        ...requestContext(request),
        userAgent: request.headers['user-agent'] ?? null,
      });
      void reply.setCookie(sessionCookie, signedIn.sessionToken, {
        httpOnly: true,
        secure: config.access.cookieSecure,
        sameSite: 'strict',
        path: '/',
        expires: signedIn.expiresAt,
      });
      return {
        user: presentUser(signedIn.user),
        csrfToken: signedIn.csrfToken,
        expiresAt: signedIn.expiresAt.toISOString(),
      };
    },
  );

  app.post(
    '/api/auth/sign-out',
    {
      config: { access: { permission: 'self.manage' } },
      schema: { tags: ['access'], summary: 'End the current session', response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await services.auth.signOut(userOf(request), requestContext(request));
      void reply.clearCookie(sessionCookie, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: { permission: 'self.manage' } },
      schema: { tags: ['access'], summary: 'The signed-in person', response: { 200: MeView, ...errors } },
    },
    (request) => {
      const me = principalOf(request);
      return {
        kind: 'user' as const,
        id: me.id,
        name: me.name,
        country: me.country ?? '',
        roles: me.kind === 'user' ? [...me.roles] : [],
        mustChangePassword: me.kind === 'user' && me.mustChangePassword === true,
      };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: { permission: 'self.manage' } },
      schema: {
        tags: ['access'],
        summary: `Change one's password (ends one's other sessions); needs the ${csrfHeader} header`,
        body: PasswordBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await services.auth.changePassword(
        userOf(request),
        request.body.currentPassword,
        request.body.newPassword,
        requestContext(request),
      );
      return reply.code(204).send(null);
    },
  );
}
