/** Machine tokens: created by a country's admin (or the operator), shown once, stored as a digest, revocable. */
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { AuditService, RequestContext } from './audit.service.js';
import { canAdminister, scopes as knownScopes, type Principal, type Scope } from './policy.js';
import { digestSecret, machineTokenPrefix, newSecret } from './secrets.js';
import { findTokenById, insertToken, listTokensOfCountry, revokeToken, type ApiToken } from './tokens.repository.js';
import { requireCountry } from './users.service.js';

export interface NewTokenInput {
  readonly name: string;
  readonly country?: string | undefined;
  readonly scopes: readonly string[];
  /** Days until it expires; undefined: never. */
  readonly expiresInDays?: number | undefined;
}

export interface CreatedToken {
  /** The secret, shown this once and never again. */
  readonly token: string;
  readonly record: ApiToken;
}

/** The first characters of a token, kept to recognise it: the marker and six characters of the secret. */
export function tokenPrefix(token: string): string {
  return token.slice(0, machineTokenPrefix.length + 6);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A token id as given (on the command line, say), or a `request.invalid` before the database sees it. */
function requireTokenId(id: string): string {
  if (!uuidPattern.test(id))
    throw new AppError('request.invalid', `id: "${id}" is not a token id (a UUID)`, { location: { field: 'id' } });
  return id;
}

function requireScopes(scopes: readonly string[]): Scope[] {
  if (scopes.length === 0)
    throw new AppError('request.invalid', 'scopes: at least one scope is needed', { location: { field: 'scopes' } });
  for (const scope of scopes) {
    if (!(knownScopes as readonly string[]).includes(scope)) {
      throw new AppError('request.invalid', `scopes: unknown scope "${scope}"; known: ${knownScopes.join(', ')}`, {
        location: { field: 'scopes' },
      });
    }
  }
  return [...new Set(scopes)] as Scope[];
}

export class TokensService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, input: NewTokenInput, context: RequestContext): Promise<CreatedToken> {
    const name = input.name.trim();
    if (name.length === 0 || name.length > 200)
      throw new AppError('request.invalid', 'name: 1 to 200 characters', { location: { field: 'name' } });
    const country = requireCountry(input.country ?? principal.country ?? '', 'country');
    if (!canAdminister(principal, country)) {
      throw new AppError(
        'auth.forbidden',
        `an admin of ${principal.country ?? '?'} may create tokens of that country only`,
        { location: { field: 'country' } },
      );
    }
    const scopes = requireScopes(input.scopes);
    const days = input.expiresInDays;
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650)) {
      throw new AppError('request.invalid', 'expiresInDays: a whole number of days from 1 to 3650', {
        location: { field: 'expiresInDays' },
      });
    }
    const token = `${machineTokenPrefix}${newSecret()}`;
    const record = await this.db.transaction().execute(async (trx) => {
      const created = await insertToken(trx, {
        name,
        country,
        scopes,
        tokenHash: digestSecret(token),
        prefix: tokenPrefix(token),
        createdBy: principal.name,
        expiresAt: days === undefined ? null : new Date(Date.now() + days * 86_400_000),
      });
      await this.audit.record(
        principal,
        { action: 'token.create', subject: { type: 'api_token', id: created.id, country }, details: { name, scopes } },
        context,
        trx,
      );
      return created;
    });
    return { token, record };
  }

  async list(principal: Principal): Promise<ApiToken[]> {
    return listTokensOfCountry(this.db, principal.country);
  }

  async revoke(principal: Principal, id: string, context: RequestContext): Promise<ApiToken> {
    requireTokenId(id);
    return this.db.transaction().execute(async (trx) => {
      const token = await findTokenById(trx, id);
      if (token === undefined || !canAdminister(principal, token.country))
        throw new AppError('resource.not_found', 'not found');
      await revokeToken(trx, id);
      await this.audit.record(
        principal,
        { action: 'token.revoke', subject: { type: 'api_token', id, country: token.country } },
        context,
        trx,
      );
      return { ...token, revokedAt: token.revokedAt ?? new Date() };
    });
  }
}
