/** SQL of users and their sessions. */
import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database, UserTable } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Role } from './policy.js';

/** PostgreSQL's SQLSTATE for a unique index refusing a row. */
const uniqueViolation = '23505';

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly country: string;
  readonly roles: readonly Role[];
  readonly mustChangePassword: boolean;
  readonly disabled: boolean;
  readonly lockedUntil: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface UserWithSecret extends User {
  readonly passwordHash: string;
  readonly failedSignIns: number;
}

function toUser(row: Selectable<UserTable>): UserWithSecret {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    country: row.country,
    roles: row.roles as Role[],
    mustChangePassword: row.must_change_password,
    disabled: row.disabled_at !== null,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    passwordHash: row.password_hash,
    failedSignIns: row.failed_sign_ins,
  };
}

/** Drops the secret fields before a user leaves the access module. */
export function withoutSecret(user: UserWithSecret): User {
  const { passwordHash: _hash, failedSignIns: _failed, ...rest } = user;
  return rest;
}

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly country: string;
  readonly roles: readonly Role[];
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
}

export async function insertUser(db: Kysely<Database>, user: NewUser): Promise<UserWithSecret> {
  const row = await db
    .insertInto('users')
    .values({
      email: user.email,
      name: user.name,
      country: user.country,
      roles: [...user.roles],
      password_hash: user.passwordHash,
      must_change_password: user.mustChangePassword,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      // Two admins creating one email at once both pass the service's check; the unique index stops the second.
      if ((error as { code?: unknown }).code === uniqueViolation)
        throw new AppError('resource.conflict', `a user with email ${user.email} exists already`, {
          location: { field: 'email' },
          cause: error,
        });
      throw error;
    });
  return toUser(row);
}

/**
 * The user with this email in any case. Both sides are lowered by the database: JavaScript's toLowerCase and
 * PostgreSQL's lower() disagree on some letters ('İ'), and the unique index is on lower(email).
 */
export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserWithSecret | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(email)`, '=', sql`lower(${email})`)
    .executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

export async function findUserById(db: Kysely<Database>, id: string): Promise<UserWithSecret | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

export async function listUsersOfCountry(db: Db, country: string | undefined): Promise<User[]> {
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .$if(country !== undefined, (q) => q.where('country', '=', country!))
    .orderBy('email')
    .execute();
  return rows.map((r) => withoutSecret(toUser(r)));
}

export async function countAdmins(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql<boolean>`'admin' = any(roles)`)
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

export interface UserChanges {
  readonly name?: string | undefined;
  readonly roles?: readonly Role[] | undefined;
  readonly disabled?: boolean | undefined;
}

export async function updateUser(
  db: Kysely<Database>,
  id: string,
  changes: UserChanges,
): Promise<UserWithSecret | undefined> {
  const row = await db
    .updateTable('users')
    .set({
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.roles === undefined ? {} : { roles: [...changes.roles] }),
      ...(changes.disabled === undefined ? {} : { disabled_at: changes.disabled ? new Date() : null }),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

/** How failed password checks lock an account: after `limit` in a row, until `lockUntil`. */
export interface LockoutRule {
  readonly limit: number;
  readonly now: Date;
  readonly lockUntil: Date;
}

/**
 * Reserves a password check: counts it as failed before the password is verified, so that checks made at once cannot
 * all pass an unlocked account (one statement, serialised by the row's lock). Locks the account when the count
 * reaches the limit; a lock that has expired starts the count again. Returns the check's place in the row of failures
 * (1 for the first), for `clearFailedPasswordChecks`, or undefined when the account is locked: then nothing is verified.
 */
export async function reservePasswordCheck(
  db: Kysely<Database>,
  id: string,
  rule: LockoutRule,
): Promise<number | undefined> {
  const expired = sql<boolean>`(locked_until is not null and locked_until <= ${rule.now}::timestamptz)`;
  const count = sql<number>`case when ${expired} then 1 else failed_sign_ins + 1 end`;
  const row = await db
    .updateTable('users')
    .set({
      failed_sign_ins: count,
      locked_until: sql`case when ${count} >= ${rule.limit} then ${rule.lockUntil}::timestamptz else null end`,
    })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', rule.now)]))
    .returning('failed_sign_ins')
    .executeTakeFirst();
  return row?.failed_sign_ins;
}

/**
 * After a check that passed, at `place` in the row (see reservePasswordCheck): removes it and the checks reserved
 * before it from the count, and unlocks. Checks reserved after it, still being verified, stay counted, so a sign-in
 * does not wipe the failures of guesses made at the same time. (Should the lock have expired and the count started
 * again meanwhile, the count cannot go below 0.)
 */
export async function clearFailedPasswordChecks(
  db: Kysely<Database>,
  id: string,
  place: number,
  limit: number,
): Promise<void> {
  const count = sql<number>`greatest(failed_sign_ins - ${place}::int, 0)`;
  await db
    .updateTable('users')
    .set({
      failed_sign_ins: count,
      locked_until: sql`case when ${count} >= ${limit} then locked_until else null end`,
    })
    .where('id', '=', id)
    .execute();
}

export async function setPassword(
  db: Kysely<Database>,
  id: string,
  passwordHash: string,
  mustChange: boolean,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      must_change_password: mustChange,
      password_changed_at: new Date(),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export interface SessionRow {
  readonly id: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export async function insertSession(
  db: Kysely<Database>,
  session: {
    tokenHash: string;
    csrfToken: string;
    userId: string;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<SessionRow> {
  const row = await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      csrf_token: session.csrfToken,
      user_id: session.userId,
      expires_at: session.expiresAt,
      ip: session.ip,
      user_agent: session.userAgent,
      revoked_at: null,
    })
    .returning(['id', 'user_id', 'csrf_token', 'expires_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, userId: row.user_id, csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

/** The live session with this token digest and its user, or undefined (unknown, expired, revoked, user disabled). */
export async function findLiveSession(db: Db, tokenHash: string, now: Date) {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.csrf_token',
      'users.id',
      'users.email',
      'users.country',
      'users.roles',
      'users.must_change_password',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  return row;
}

export async function revokeSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes every session of a user except `keep` (after a password change, or when the user is disabled). */
export async function revokeUserSessions(db: Kysely<Database>, userId: string, keep?: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .$if(keep !== undefined, (q) => q.where('id', '!=', keep!))
    .execute();
}
