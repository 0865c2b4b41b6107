/** Factories for realistic, unique rows, built through the services (so they are audited like real ones). */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Role, Scope } from '../src/access/policy.js';
import type { Services } from '../src/services.js';
import type { App } from '../src/http/app.js';

export const operator = { kind: 'operator' as const, id: 'operator:test', name: 'test operator', country: undefined };

/** A machine token of the Netherlands' passenger information unit that may push messages, and nothing else. */
export const nldFeed = {
  kind: 'token' as const,
  id: 'tok',
  name: 'NLD PIU feed',
  country: 'NLD',
  scopes: ['messages:push' as const],
};
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
    headers: (write = false): Record<string, string> =>
      write ? { cookie: header, 'x-csrf-token': csrf } : { cookie: header },
  };
}

export interface TestPerson {
  readonly id: string;
  readonly name: string;
  readonly aliases?: string[];
  readonly birthDate?: string;
  readonly nationality?: string;
  readonly gender?: string;
  readonly documentNumber?: string;
  readonly documentCountry?: string;
  readonly noticeType?: string;
  readonly restrictedTo?: string[];
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A watchlist of `ownerCountry` holding `persons`, imported through the real importer; the index has caught up. */
export async function buildWatchlist(
  services: Services,
  options: {
    ownerCountry?: string;
    id?: string;
    /** The list's own match threshold (else the matcher's default). */
    matchThreshold?: number;
    persons?: TestPerson[];
    documents?: { number: string; issuingState: string; status?: string; type?: string }[];
  } = {},
) {
  counter += 1;
  const id = options.id ?? `list-${counter}-${randomUUID().slice(0, 6)}`;
  const kind = options.documents !== undefined && options.persons === undefined ? 'documents' : 'mixed';
  const list = await services.watchlists.create(
    operator,
    {
      id,
      name: `List ${counter}`,
      kind,
      ownerCountry: options.ownerCountry ?? 'FRA',
      matchThreshold: options.matchThreshold,
    },
    noRequest,
  );
  if (options.persons !== undefined) {
    const header =
      'id,name,aliases,birthDate,nationality,gender,documentNumber,documentCountry,noticeType,restrictedTo';
    const rows = options.persons.map((p) =>
      [
        p.id,
        p.name,
        (p.aliases ?? []).join('|'),
        p.birthDate ?? '',
        p.nationality ?? '',
        p.gender ?? '',
        p.documentNumber ?? '',
        p.documentCountry ?? '',
        p.noticeType ?? '',
        (p.restrictedTo ?? []).join('|'),
      ]
        .map(csvCell)
        .join(','),
    );
    const summary = await services.imports.importStream(
      operator,
      id,
      Readable.from([`${header}\n${rows.join('\n')}\n`]),
      { format: 'csv' },
      noRequest,
    );
    if (summary.rejected > 0) throw new Error(`buildWatchlist: ${summary.rejected} persons rejected`);
  }
  if (options.documents !== undefined) {
    const rows = options.documents.map((d) =>
      [d.number, d.type ?? 'P', d.issuingState, d.status ?? 'stolen'].join(','),
    );
    const summary = await services.imports.importStream(
      operator,
      id,
      Readable.from([`number,type,issuingState,status\n${rows.join('\n')}\n`]),
      { format: 'sltd' },
      noRequest,
    );
    if (summary.rejected > 0) throw new Error(`buildWatchlist: ${summary.rejected} documents rejected`);
  }
  await services.index.catchUp();
  return list;
}
