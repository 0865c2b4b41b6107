/**
 * The one access policy. Every route declares the permission it needs; every service asks this module whether a
 * caller may see a record. It is pure: it decides from the caller (principal) and the record's owner fields only.
 * Modelled on INTERPOL's rules on the processing of data: the country that records data owns it and may restrict
 * it to named countries; everyone else who hits it learns only that a record exists and whom to contact.
 */

export const roles = ['admin', 'coordinator', 'analyst', 'officer', 'auditor'] as const;
/** admin: manages its country's users and tokens · coordinator: operation-wide view · analyst: passenger
 * information unit work · officer: checks at the border · auditor: reads the audit log. */
export type Role = (typeof roles)[number];

export const scopes = ['screen', 'messages:push', 'watchlists:read', 'watchlists:write', 'flights:read'] as const;
/** What a machine token may do; a token has no roles. */
export type Scope = (typeof scopes)[number];

/** Who is calling. `operator` is the CLI on the machine that holds the data: it acts with every permission. */
export type Principal =
  | {
      readonly kind: 'user';
      readonly id: string;
      readonly name: string;
      readonly country: string;
      readonly roles: readonly Role[];
      readonly sessionId: string;
      /** Signed in with a password an admin gave: until it is changed, the person may only manage themself. */
      readonly mustChangePassword?: boolean;
    }
  | {
      readonly kind: 'token';
      readonly id: string;
      readonly name: string;
      readonly country: string;
      readonly scopes: readonly Scope[];
    }
  | { readonly kind: 'operator'; readonly id: string; readonly name: string; readonly country: undefined };

interface PermissionRule {
  /** Roles that hold the permission. */
  readonly roles: readonly Role[];
  /** Token scopes that grant it (none: people only). */
  readonly scopes: readonly Scope[];
  readonly description: string;
}

const everyone: readonly Role[] = roles;

/** The permission table. A route names one of these; `authorize` is the only reader. */
export const permissions = {
  'self.manage': { roles: everyone, scopes: [], description: 'see oneself, sign out, change one’s password' },
  'users.read': { roles: ['admin'], scopes: [], description: 'list and see the users of one’s country' },
  'users.manage': { roles: ['admin'], scopes: [], description: 'create, change and disable users of one’s country' },
  'tokens.manage': {
    roles: ['admin'],
    scopes: [],
    description: 'create, list and revoke machine tokens of one’s country',
  },
  'audit.read': { roles: ['auditor'], scopes: [], description: 'search and verify the audit log of one’s country' },
  'screening.run': {
    roles: ['officer', 'analyst', 'coordinator', 'admin'],
    scopes: ['screen'],
    description: 'screen persons and documents against the watchlists',
  },
  'watchlists.read': {
    roles: ['officer', 'analyst', 'coordinator', 'admin'],
    scopes: ['watchlists:read'],
    description: 'browse watchlists and their entries',
  },
  'watchlists.write': {
    roles: ['analyst', 'admin'],
    scopes: ['watchlists:write'],
    description: 'create lists, import and change entries of one’s country',
  },
  'messages.push': {
    roles: ['analyst', 'admin'],
    scopes: ['messages:push'],
    description: 'push passenger data messages',
  },
  'rules.read': {
    roles: ['analyst', 'coordinator', 'admin'],
    scopes: ['flights:read'],
    description: 'see the targeting rules and whether they run for one’s country',
  },
  'rules.write': {
    roles: ['analyst', 'admin'],
    scopes: [],
    description: 'write targeting rules and switch them for one’s country',
  },
  // Passenger lists are for the country's analysts; a coordinator's need is the operation's figures, not who flew.
  'flights.read': {
    roles: ['analyst', 'admin'],
    scopes: ['flights:read'],
    description: 'see flights, travellers and bookings',
  },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof permissions;

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

const allow: Decision = { allowed: true };

/** Why a person whose password an admin set may do nothing else yet (an initial password is known to two people). */
const passwordChangeFirst =
  'your password must be changed first: it was set by an admin; change it with POST /api/auth/password';

/** May `principal` use `permission` at all? (Which records it may then see is decided per record below.) */
export function authorize(principal: Principal, permission: Permission): Decision {
  const rule: PermissionRule = permissions[permission];
  switch (principal.kind) {
    case 'operator':
      return allow;
    case 'user':
      if (principal.mustChangePassword === true && permission !== 'self.manage')
        return { allowed: false, reason: passwordChangeFirst };
      return principal.roles.some((role) => rule.roles.includes(role))
        ? allow
        : { allowed: false, reason: `your roles (${principal.roles.join(', ')}) do not allow ${permission}` };
    case 'token':
      if (rule.scopes.length === 0)
        return { allowed: false, reason: `${permission} is for people, not machine tokens` };
      return principal.scopes.some((scope) => rule.scopes.includes(scope))
        ? allow
        : { allowed: false, reason: `this token lacks the scope ${rule.scopes.join(' or ')}` };
  }
}

/** A record's owner fields, as every owned record carries them. */
export interface OwnedRecord {
  readonly ownerCountry: string;
  /** Countries the owner allows to see the details; empty or absent means every participating country. */
  readonly restrictedTo?: readonly string[] | undefined;
}

/** May `principal` see the details of a shared record (a watchlist entry, a check, a flight)? */
export function canSeeRecord(principal: Principal, record: OwnedRecord): boolean {
  if (principal.kind === 'operator') return true;
  if (principal.country === record.ownerCountry) return true;
  const restricted = record.restrictedTo;
  return restricted === undefined || restricted.length === 0 || restricted.includes(principal.country);
}

/** May `principal` administer a record that belongs to one country only (a user, a token)? */
export function canAdminister(principal: Principal, ownerCountry: string): boolean {
  return principal.kind === 'operator' || principal.country === ownerCountry;
}

/** What someone who may not see a restricted record learns of it: that it exists, and whom to contact. */
export interface RestrictedNotice {
  readonly restricted: true;
  readonly contactCountry: string;
  readonly message: string;
}

/** Presents `record` as its details, or as a restricted notice when the owner has not shared it with the caller. */
export function presentOwned<T extends OwnedRecord, P>(
  principal: Principal,
  record: T,
  present: (record: T) => P,
): P | RestrictedNotice {
  if (canSeeRecord(principal, record)) return present(record);
  return {
    restricted: true,
    contactCountry: record.ownerCountry,
    message: `a record exists; its owner restricts it — contact the national central bureau of ${record.ownerCountry}`,
  };
}

/** A victim's record, as far as the policy needs it. */
export interface VictimRecord {
  readonly ownerCountry: string;
  readonly minor: boolean;
}

/**
 * Victims' identities are visible only to those who need them: analysts (and, for adults, officers) of the owner
 * country. A minor's identity only to the owner's analysts. Everyone else sees the record without identity.
 */
export function canSeeVictimIdentity(principal: Principal, victim: VictimRecord): boolean {
  if (principal.kind === 'operator') return true;
  if (principal.kind !== 'user' || principal.country !== victim.ownerCountry) return false;
  const allowed: readonly Role[] = victim.minor ? ['analyst'] : ['analyst', 'officer'];
  return principal.roles.some((role) => allowed.includes(role));
}

/** May an auditor see this audit entry? Entries about its country's actors or subjects. */
export function canSeeAuditEntry(
  principal: Principal,
  entry: { actorCountry: string | null; subjectCountry: string | null },
) {
  if (principal.kind === 'operator') return true;
  return entry.actorCountry === principal.country || entry.subjectCountry === principal.country;
}
