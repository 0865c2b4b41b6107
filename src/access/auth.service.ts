/**
 * Authentication: people sign in with a password (argon2id) and get a session (an HTTP-only cookie holding a random
 * secret, and a CSRF token for writes); machines present a bearer token. Both end as a `Principal`.
 */
import type { AccessConfig } from '../config.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { AuditedBatch, AuditService, RequestContext } from './audit.service.js';
import type { Principal, Role } from './policy.js';
import {
  checkPasswordRules,
  decoyPasswordHash,
  digestSecret,
  hashPassword,
  machineTokenPrefix,
  newSecret,
  verifyPassword,
} from './secrets.js';
import { countTokenUses, findTokenByHash, isTokenValid, type ApiToken } from './tokens.repository.js';
import { tokenPrefix } from './tokens.service.js';
import {
  clearFailedPasswordChecks,
  findLiveSession,
  findUserByEmail,
  findUserById,
  insertSession,
  reservePasswordCheck,
  revokeSession,
  revokeUserSessions,
  setPassword,
  withoutSecret,
  type LockoutRule,
  type User,
} from './users.repository.js';

export interface SignedIn {
  /** The session secret: goes into the HTTP-only cookie, never into a response body. */
  readonly sessionToken: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
  readonly user: User;
}

export interface SessionPrincipal {
  readonly principal: Principal & { kind: 'user' };
  readonly csrfToken: string;
}

/** Tokens remembered by the hash of their secret (what a token may do never changes; its revocation is checked at each use). */
const TOKEN_CACHE_SIZE = 1000;

/** Thrown by a token's use when the token stopped being valid since it was read. */
class TokenNoLongerValid extends Error {}

/** A token's principal, and its use being recorded: await `recorded` before answering the request. */
export interface TokenUse {
  readonly principal: Principal & { kind: 'token' };
  readonly recorded: Promise<void>;
}

/**
 * Token uses, counted and audited with the entries of one transaction of the audit log's group commit: one statement
 * counts the uses of all of them, one entry records each.
 */
const tokenUses: AuditedBatch<{ readonly token: ApiToken; readonly at: Date }, void> = {
  async run(trx, items) {
    const uses = new Map<string, { uses: number; at: Date }>();
    for (const { token, at } of items) {
      const counted = uses.get(token.id);
      if (counted === undefined) uses.set(token.id, { uses: 1, at });
      else {
        counted.uses++;
        if (at > counted.at) counted.at = at;
      }
    }
    await countTokenUses(trx, uses);
    return items.map(({ token }) => ({
      value: undefined,
      facts: { action: 'token.use', subject: tokenSubject(token) },
    }));
  },
};

function tokenPrincipal(token: ApiToken): Principal & { kind: 'token' } {
  return { kind: 'token', id: token.id, name: token.name, country: token.country, scopes: token.scopes };
}

function tokenSubject(token: ApiToken) {
  return { type: 'api_token', id: token.id, country: token.country };
}

const badCredentials = 'email or password is wrong, or the account is locked after repeated failures';

/**
 * What the audit log keeps of a bearer token no token has: its first characters, as many as a token's stored `prefix`
 * (enough to recognise a mistyped or leaked token, far too few to use one), and only characters a token may have.
 */
export function unknownTokenPrefix(bearer: string): string {
  return tokenPrefix(bearer).replace(/[^A-Za-z0-9_-]/g, '?');
}

export class AuthService {
  /**
   * Tokens by the digest of their secret, as last read: a token's name, country, scopes and expiry never change, so a
   * request need not read them again; whether it was revoked is read again at each use.
   */
  private readonly tokens = new Map<string, ApiToken>();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly config: AccessConfig,
  ) {}

  /** Checks a password; locks the account after repeated failures. The same answer for every kind of failure. */
  async signIn(
    email: string,
    password: string,
    context: RequestContext & { userAgent: string | null },
  ): Promise<SignedIn> {
    const user = await findUserByEmail(this.db, email.trim());
    const now = new Date();
    if (user === undefined) {
      await verifyPassword(decoyPasswordHash, password);
      await this.audit.record(
        undefined,
        { action: 'session.sign_in', outcome: 'denied', details: { reason: 'unknown email' } },
        context,
      );
      throw new AppError('auth.required', badCredentials);
    }
    const actor: Principal = {
      kind: 'user',
      id: user.id,
      name: user.email,
      country: user.country,
      roles: user.roles,
      sessionId: '',
    };
    const subject = { type: 'user', id: user.id, country: user.country };
    const deny = async (reason: string): Promise<never> => {
      await this.audit.record(
        actor,
        { action: 'session.sign_in', subject, outcome: 'denied', details: { reason } },
        context,
      );
      throw new AppError('auth.required', badCredentials);
    };
    if (user.disabled) {
      // Nothing to count: the answer is the same whatever the password. Hashed all the same, to take as long.
      await verifyPassword(decoyPasswordHash, password);
      return deny('disabled');
    }
    // Counted before it is verified, so that guesses sent at once are limited like guesses sent in turn.
    const place = await reservePasswordCheck(this.db, user.id, this.lockoutRule(now));
    if (place === undefined) {
      await verifyPassword(decoyPasswordHash, password);
      return deny('locked');
    }
    if (!(await verifyPassword(user.passwordHash, password))) return deny('wrong password');
    const sessionToken = newSecret();
    const csrfToken = newSecret(24);
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlHours * 3_600_000);
    const session = await this.db.transaction().execute(async (trx) => {
      await clearFailedPasswordChecks(trx, user.id, place, this.config.lockoutAttempts);
      const row = await insertSession(trx, {
        tokenHash: digestSecret(sessionToken),
        csrfToken,
        userId: user.id,
        expiresAt,
        ip: context.ip,
        userAgent: context.userAgent,
      });
      await this.audit.record(
        { ...actor, sessionId: row.id },
        { action: 'session.sign_in', subject, details: { session: row.id } },
        context,
        trx,
      );
      return row;
    });
    return { sessionToken, csrfToken: session.csrfToken, expiresAt, user: withoutSecret(user) };
  }

  /** The principal of a session cookie, or undefined when the cookie is unknown, expired or revoked. */
  async authenticateSession(sessionToken: string): Promise<SessionPrincipal | undefined> {
    if (sessionToken.length === 0 || sessionToken.length > 200) return undefined;
    const row = await findLiveSession(this.db, digestSecret(sessionToken), new Date());
    if (row === undefined) return undefined;
    return {
      principal: {
        kind: 'user',
        id: row.id,
        name: row.email,
        country: row.country,
        roles: row.roles as Role[],
        sessionId: row.session_id,
        // Read at every request, so the password change that clears it takes effect at once.
        mustChangePassword: row.must_change_password,
      },
      csrfToken: row.csrf_token,
    };
  }

  /**
   * The principal of a machine token, and the recording of its use (counted and audited). Throws `auth.required` for
   * an unknown, expired or revoked token (the message says which, since the caller already holds the token).
   */
  async authenticateToken(bearer: string, context: RequestContext): Promise<TokenUse> {
    if (!bearer.startsWith(machineTokenPrefix) || bearer.length > 200) {
      throw new AppError('auth.required', 'the bearer token is not a Lodestar machine token');
    }
    const digest = digestSecret(bearer);
    const known = this.tokens.get(digest);
    if (known !== undefined) {
      try {
        return await this.useToken(known, context);
      } catch (error) {
        if (!(error instanceof TokenNoLongerValid)) throw error;
        // Revoked or expired since it was read: read it again, and refuse it as such below.
        this.tokens.delete(digest);
      }
    }
    const token = await findTokenByHash(this.db, digest);
    if (token === undefined) {
      await this.audit.record(
        undefined,
        {
          action: 'token.use',
          outcome: 'denied',
          details: { reason: 'unknown token', prefix: unknownTokenPrefix(bearer) },
        },
        context,
      );
      throw new AppError('auth.required', 'the bearer token is not valid');
    }
    const refused =
      token.revokedAt !== null
        ? 'revoked'
        : token.expiresAt !== null && token.expiresAt <= new Date()
          ? 'expired'
          : undefined;
    if (refused !== undefined) {
      await this.audit.record(
        tokenPrincipal(token),
        { action: 'token.use', subject: tokenSubject(token), outcome: 'denied', details: { reason: refused } },
        context,
      );
      throw new AppError('auth.required', `the bearer token was ${refused}`);
    }
    if (this.tokens.size >= TOKEN_CACHE_SIZE) this.tokens.delete(this.tokens.keys().next().value!);
    this.tokens.set(digest, token);
    // Just read, and neither revoked nor expired: no need to read it again.
    return this.recordUse(token, context);
  }

  /**
   * Checks that the token is still valid (a read: revoked on any server, it is refused at its next use everywhere;
   * throws TokenNoLongerValid) and starts recording its use. The use's count and entry are deferred to the audit log's
   * next commit, which the entry of what the token does goes into as well, so a request answered with one entry of its
   * own commits once, not twice in turn (bench:screening, single screenings over HTTP; see ARCHITECTURE.md).
   */
  private async useToken(token: ApiToken, context: RequestContext): Promise<TokenUse> {
    if (!(await isTokenValid(this.db, token.id, new Date()))) throw new TokenNoLongerValid();
    return this.recordUse(token, context);
  }

  /** Starts recording a use of a token known to be valid (see useToken). */
  private recordUse(token: ApiToken, context: RequestContext): TokenUse {
    const principal = tokenPrincipal(token);
    const recorded = this.audit.recordDeferred(principal, context, tokenUses, { token, at: new Date() });
    // Awaited before the answer (http/auth.ts); a failure before then is not an unhandled rejection.
    recorded.catch(() => undefined);
    return { principal, recorded };
  }

  async signOut(principal: Principal & { kind: 'user' }, context: RequestContext): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await revokeSession(trx, principal.sessionId);
      await this.audit.record(
        principal,
        { action: 'session.sign_out', subject: { type: 'user', id: principal.id, country: principal.country } },
        context,
        trx,
      );
    });
  }

  /**
   * Changes the caller's password after checking the current one; ends the caller's other sessions. Wrong current
   * passwords count with failed sign-ins: the one that locks the account, or any try while it is locked, ends this
   * session, so that a session left open cannot be used to guess the password.
   */
  async changePassword(
    principal: Principal & { kind: 'user' },
    current: string,
    next: string,
    context: RequestContext,
  ): Promise<void> {
    checkPasswordRules(next, 'newPassword');
    const user = await findUserById(this.db, principal.id);
    if (user === undefined) throw new AppError('resource.not_found', 'not found');
    const subject = { type: 'user', id: user.id, country: user.country };
    const place = await reservePasswordCheck(this.db, user.id, this.lockoutRule(new Date()));
    if (place === undefined) {
      await verifyPassword(decoyPasswordHash, current);
      return this.endLockedSession(principal, subject, 'locked', context);
    }
    if (!(await verifyPassword(user.passwordHash, current))) {
      const reason = 'wrong current password';
      if (place >= this.config.lockoutAttempts) return this.endLockedSession(principal, subject, reason, context);
      await this.audit.record(
        principal,
        { action: 'user.password_change', subject, outcome: 'denied', details: { reason } },
        context,
      );
      throw new AppError('auth.forbidden', 'the current password is wrong', { location: { field: 'currentPassword' } });
    }
    await clearFailedPasswordChecks(this.db, user.id, place, this.config.lockoutAttempts);
    if (current === next)
      throw new AppError('request.invalid', 'the new password must differ from the current one', {
        location: { field: 'newPassword' },
      });
    const passwordHash = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      await setPassword(trx, user.id, passwordHash, false);
      await revokeUserSessions(trx, user.id, principal.sessionId);
      await this.audit.record(principal, { action: 'user.password_change', subject }, context, trx);
    });
  }

  /** The lockout of this configuration for a password check at `now`. */
  private lockoutRule(now: Date): LockoutRule {
    return {
      limit: this.config.lockoutAttempts,
      now,
      lockUntil: new Date(now.getTime() + this.config.lockoutMinutes * 60_000),
    };
  }

  /** Refuses a password change on a locked account, and ends the session that tried it. */
  private async endLockedSession(
    principal: Principal & { kind: 'user' },
    subject: { type: string; id: string; country: string },
    reason: string,
    context: RequestContext,
  ): Promise<never> {
    await this.db.transaction().execute(async (trx) => {
      await revokeSession(trx, principal.sessionId);
      await this.audit.record(
        principal,
        {
          action: 'user.password_change',
          subject,
          outcome: 'denied',
          details: { reason, locked: true, session: 'ended' },
        },
        context,
        trx,
      );
    });
    throw new AppError(
      'auth.required',
      'the account is locked after repeated wrong passwords: this session has ended, sign in again later',
    );
  }
}
