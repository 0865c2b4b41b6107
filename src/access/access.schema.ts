/** Request and response schemas of the access routes, and the presenters that pick the fields clients see. */
import { Type, type Static } from 'typebox';
import { roles, scopes } from './policy.js';
import type { AuditEntry } from './audit.js';
import type { ApiToken } from './tokens.repository.js';
import type { User } from './users.repository.js';
import { maxPasswordLength, minPasswordLength } from './secrets.js';

const RoleSchema = Type.Enum(roles);
const ScopeSchema = Type.Enum(scopes);
const Country = Type.String({ minLength: 1, maxLength: 3, description: 'ISO 3166 alpha-3 (or alpha-2) or ICAO code' });
export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const UserView = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    country: Type.String(),
    roles: Type.Array(RoleSchema),
    mustChangePassword: Type.Boolean(),
    disabled: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'User' },
);

export function presentUser(user: User): Static<typeof UserView> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    country: user.country,
    roles: [...user.roles],
    mustChangePassword: user.mustChangePassword,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
  };
}

export const SignInBody = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export const SignedInView = Type.Object({
  user: Type.Ref('User'),
  csrfToken: Type.String({
    description: `send it in the x-csrf-token header of every write made with the session cookie`,
  }),
  expiresAt: Type.String({ format: 'date-time' }),
});
export const MeView = Type.Object({
  kind: Type.Union([Type.Literal('user'), Type.Literal('token')]),
  id: Type.String(),
  name: Type.String(),
  country: Type.String(),
  roles: Type.Array(RoleSchema),
  mustChangePassword: Type.Boolean({
    description: 'the password was set by an admin: until it is changed, every other route answers 403',
  }),
});
export const PasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    newPassword: Type.String({ minLength: minPasswordLength, maxLength: maxPasswordLength }),
  },
  { additionalProperties: false },
);

export const NewUserBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    country: Type.Optional(Country),
    roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 5 }),
    password: Type.String({
      minLength: minPasswordLength,
      maxLength: maxPasswordLength,
      description: 'initial password, to be changed at first sign-in',
    }),
  },
  { additionalProperties: false },
);
export const UserChangesBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, maxItems: 5 })),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TokenView = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    country: Type.String(),
    scopes: Type.Array(ScopeSchema),
    prefix: Type.String({ description: 'the first characters of the token, to recognise it' }),
    createdBy: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    useCount: Type.Integer(),
  },
  { $id: 'ApiToken' },
);

export function presentToken(token: ApiToken): Static<typeof TokenView> {
  return {
    id: token.id,
    name: token.name,
    country: token.country,
    scopes: [...token.scopes],
    prefix: token.prefix,
    createdBy: token.createdBy,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    useCount: token.useCount,
  };
}

export const NewTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: scopes.length }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
);
export const CreatedTokenView = Type.Object({
  token: Type.String({ description: 'the secret: shown this once, store it now' }),
  record: Type.Ref('ApiToken'),
});

export const AuditEntryView = Type.Object(
  {
    seq: Type.Integer(),
    at: Type.String({ format: 'date-time' }),
    actor: Type.Object({
      kind: Type.String(),
      id: Type.Union([Type.String(), Type.Null()]),
      name: Type.Union([Type.String(), Type.Null()]),
      country: Type.Union([Type.String(), Type.Null()]),
    }),
    action: Type.String(),
    subject: Type.Union([
      Type.Object({
        type: Type.String(),
        id: Type.Union([Type.String(), Type.Null()]),
        country: Type.Union([Type.String(), Type.Null()]),
      }),
      Type.Null(),
    ]),
    outcome: Type.String(),
    details: Type.Record(Type.String(), Type.Unknown()),
    ip: Type.Union([Type.String(), Type.Null()]),
    requestId: Type.Union([Type.String(), Type.Null()]),
    hash: Type.String(),
  },
  { $id: 'AuditEntry' },
);

export function presentAuditEntry(entry: AuditEntry): Static<typeof AuditEntryView> {
  return {
    seq: entry.seq,
    at: entry.at.toISOString(),
    actor: { kind: entry.actorKind, id: entry.actorId, name: entry.actorName, country: entry.actorCountry },
    action: entry.action,
    subject:
      entry.subjectType === null
        ? null
        : { type: entry.subjectType, id: entry.subjectId, country: entry.subjectCountry },
    outcome: entry.outcome,
    details: { ...entry.details },
    ip: entry.ip,
    requestId: entry.requestId,
    hash: entry.hash,
  };
}

export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(Type.String({ maxLength: 100, description: 'actor id (user or token)' })),
    country: Type.Optional(Country),
    action: Type.Optional(Type.String({ maxLength: 100 })),
    subjectType: Type.Optional(Type.String({ maxLength: 50 })),
    subject: Type.Optional(Type.String({ maxLength: 200, description: 'subject id' })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'entries older than this seq (paging)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  },
  { additionalProperties: false },
);
export const AuditVerifyView = Type.Object({
  ok: Type.Boolean(),
  entries: Type.Integer(),
  head: Type.Object({ seq: Type.Integer(), hash: Type.String() }),
  firstBroken: Type.Union([Type.Object({ seq: Type.Integer(), reason: Type.String() }), Type.Null()]),
});
