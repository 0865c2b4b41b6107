/** Factories for realistic, unique rows, built through the services (so they are audited like real ones). */
import { randomUUID } from 'node:crypto';
import type { Role, Scope } from '../src/access/policy.js';
import type { Services } from '../src/services.js';
import type { App } from '../src/http/app.js';

export const operator = { kind: 'operator' as const, id: 'operator:test', name: 'test operator', country: undefined };
const noRequest = { ip: null, requestId: null };

let counter = 0;

export interface TestUser {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly country: string;
  readonly roles: readonly Role[];
}

/** A user of `country` with `roles`, created by the operator (so no forced password change). */
export async function buildUser(
  services: Services,
  options: { country?: string; roles?: Role[] } = {},
): Promise<TestUser> {
  counter += 1;
  const email = `officer.${counter}.${randomUUID().slice(0, 8)}@police.example`;
  const password = `correct horse ${randomUUID()}`;
  const country = options.country ?? 'FRA';
  const roles = options.roles ?? ['officer'];
  const user = await services.users.create(
    operator,
    { email, country, roles, password, name: `Test User ${counter}` },
    noRequest,
  );
  return { id: user.id, email, password, country: user.country, roles };
}

/** A machine token of `country` with `scopes`. */
export async function buildToken(
  services: Services,
  options: { country?: string; scopes?: Scope[]; expiresInDays?: number } = {},
) {
  counter += 1;
  return services.tokens.create(
    operator,
    {
      name: `feed ${counter}`,
      country: options.country ?? 'FRA',
      scopes: options.scopes ?? ['screen'],
      expiresInDays: options.expiresInDays,
    },
    noRequest,
  );
}

export interface Session {
  readonly cookie: string;
  readonly csrf: string;
  /** Headers for a cookie-authenticated request; `write` adds the CSRF token. */
  headers(write?: boolean): Record<string, string>;
}

/** Signs in through the HTTP API and returns the session cookie and CSRF token. */
export async function signIn(app: App, user: { email: string; password: string }): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: user.email, password: user.password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'lodestar_session');
  if (cookie === undefined) throw new Error('no session cookie');
  const csrf = res.json<{ csrfToken: string }>().csrfToken;
  const header = `lodestar_session=${cookie.value}`;
  return {
    cookie: header,
    csrf,
    headers: (write = false): Record<string, string> => (write ? { cookie: header, 'x-csrf-token': csrf } : { cookie: header }),
  };
}
