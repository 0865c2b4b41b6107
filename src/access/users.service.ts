/** Users of a country: created by that country's admin (or, for the first admin, by the operator on the CLI). */
import type { Db } from '../db/database.js';
import { findCountry } from '../countries/countries.js';
import { AppError } from '../errors.js';
import type { AuditService, RequestContext } from './audit.service.js';
import { canAdminister, roles as knownRoles, type Principal, type Role } from './policy.js';
import { checkPasswordRules, hashPassword } from './secrets.js';
import {
  findUserByEmail,
  findUserById,
  insertUser,
  listUsersOfCountry,
  revokeUserSessions,
  updateUser,
  withoutSecret,
  type User,
  type UserChanges,
} from './users.repository.js';

export interface NewUserInput {
  readonly email: string;
  readonly name?: string | undefined;
  /** Defaults to the creating admin's country; an admin may create users of their own country only. */
  readonly country?: string | undefined;
  readonly roles: readonly Role[];
  /** The initial password; the user must change it at first sign-in unless created by the operator. */
  readonly password: string;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The canonical code of a country a user or token may belong to, or a `request.invalid` naming the field. */
export function requireCountry(code: string, field = 'country'): string {
  const country = findCountry(code);
  if (country === undefined)
    throw new AppError('request.invalid', `${field}: unknown country code "${code}"`, { location: { field } });
  return country.code;
}

function requireRoles(roles: readonly string[]): Role[] {
  if (roles.length === 0)
    throw new AppError('request.invalid', 'roles: at least one role is needed', { location: { field: 'roles' } });
  for (const role of roles) {
    if (!(knownRoles as readonly string[]).includes(role)) {
      throw new AppError('request.invalid', `roles: unknown role "${role}"; known: ${knownRoles.join(', ')}`, {
        location: { field: 'roles' },
      });
    }
  }
  return [...new Set(roles)] as Role[];
}

export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** Creates a user. An admin creates users of their own country; the operator creates any (the first admin). */
  async create(principal: Principal, input: NewUserInput, context: RequestContext): Promise<User> {
    const email = input.email.trim();
    if (!emailPattern.test(email) || email.length > 254) {
      throw new AppError('request.invalid', `email: "${email}" is not an email address`, {
        location: { field: 'email' },
      });
    }
    const country = requireCountry(input.country ?? principal.country ?? '', 'country');
    if (!canAdminister(principal, country)) {
      throw new AppError(
        'auth.forbidden',
        `an admin of ${principal.country ?? '?'} may create users of that country only`,
        { location: { field: 'country' } },
      );
    }
    const roles = requireRoles(input.roles);
    checkPasswordRules(input.password);
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction().execute(async (trx) => {
      if ((await findUserByEmail(trx, email)) !== undefined) {
        throw new AppError('resource.conflict', `a user with email ${email} exists already`, {
          location: { field: 'email' },
        });
      }
      const user = await insertUser(trx, {
        email,
        name: input.name?.trim() || email,
        country,
        roles,
        passwordHash,
        mustChangePassword: principal.kind !== 'operator',
      });
      await this.audit.record(
        principal,
        { action: 'user.create', subject: { type: 'user', id: user.id, country }, details: { roles } },
        context,
        trx,
      );
      return withoutSecret(user);
    });
  }

  async list(principal: Principal): Promise<User[]> {
    return listUsersOfCountry(this.db, principal.country);
  }

  /** One user the principal may administer; `resource.not_found` for absent and for another country's. */
  async get(principal: Principal, id: string): Promise<User> {
    const user = await findUserById(this.db, id);
    if (user === undefined || !canAdminister(principal, user.country))
      throw new AppError('resource.not_found', 'not found');
    return withoutSecret(user);
  }

  async update(principal: Principal, id: string, changes: UserChanges, context: RequestContext): Promise<User> {
    const roles = changes.roles === undefined ? undefined : requireRoles(changes.roles);
    return this.db.transaction().execute(async (trx) => {
      const existing = await findUserById(trx, id);
      if (existing === undefined || !canAdminister(principal, existing.country))
        throw new AppError('resource.not_found', 'not found');
      if (
        principal.kind === 'user' &&
        principal.id === id &&
        (changes.disabled === true || (roles !== undefined && !roles.includes('admin')))
      ) {
        throw new AppError('resource.conflict', 'an admin cannot disable themself or remove their own admin role');
      }
      const updated = await updateUser(trx, id, { ...changes, roles });
      if (updated === undefined) throw new AppError('resource.not_found', 'not found');
      if (changes.disabled === true || roles !== undefined) await revokeUserSessions(trx, id);
      await this.audit.record(
        principal,
        {
          action: 'user.update',
          subject: { type: 'user', id, country: existing.country },
          details: { changes: { ...changes, roles } },
        },
        context,
        trx,
      );
      return withoutSecret(updated);
    });
  }
}
