import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  authorize,
  canAdminister,
  canSeeRecord,
  canSeeVictimIdentity,
  permissions,
  presentOwned,
  roles,
  scopes,
  type Principal,
  type Role,
} from './policy.js';

const user = (country: string, ...r: Role[]): Principal => ({
  kind: 'user',
  id: 'u',
  name: 'u',
  country,
  roles: r,
  sessionId: 's',
});
const token = (country: string, ...s: (typeof scopes)[number][]): Principal => ({
  kind: 'token',
  id: 't',
  name: 't',
  country,
  scopes: s,
});

describe('access policy', () => {
  it('refuses a person with a password to change everything but managing themself, whatever their roles', () => {
    const initial: Principal = { ...(user('FRA', ...roles) as Principal & { kind: 'user' }), mustChangePassword: true };
    for (const permission of Object.keys(permissions) as (keyof typeof permissions)[]) {
      const decision = authorize(initial, permission);
      assert.equal(decision.allowed, permission === 'self.manage', permission);
      if (!decision.allowed) assert.match(decision.reason, /password must be changed first/);
    }
  });

  it('grants each permission to exactly the roles of its table row', () => {
    for (const [permission, rule] of Object.entries(permissions)) {
      for (const role of roles) {
        const decision = authorize(user('FRA', role), permission as keyof typeof permissions);
        assert.equal(decision.allowed, (rule.roles as readonly Role[]).includes(role), `${role} → ${permission}`);
      }
    }
  });

  it('grants tokens only their scopes, and never people-only permissions', () => {
    assert.equal(authorize(token('FRA', 'screen'), 'screening.run').allowed, true);
    assert.deepEqual(authorize(token('FRA', 'messages:push'), 'screening.run'), {
      allowed: false,
      reason: 'this token lacks the scope screen',
    });
    assert.deepEqual(authorize(token('FRA', ...scopes), 'users.manage'), {
      allowed: false,
      reason: 'users.manage is for people, not machine tokens',
    });
  });

  const records: [string, Principal, { ownerCountry: string; restrictedTo?: string[] }, boolean][] = [
    [
      'the owner sees its restricted record',
      user('FRA', 'officer'),
      { ownerCountry: 'FRA', restrictedTo: ['DEU'] },
      true,
    ],
    ['a named country sees it', user('DEU', 'officer'), { ownerCountry: 'FRA', restrictedTo: ['DEU'] }, true],
    ['another country does not', user('ITA', 'coordinator'), { ownerCountry: 'FRA', restrictedTo: ['DEU'] }, false],
    ['an unrestricted record is shared with all', user('ITA', 'officer'), { ownerCountry: 'FRA' }, true],
    ['an empty restriction list means shared', user('ITA', 'officer'), { ownerCountry: 'FRA', restrictedTo: [] }, true],
    [
      'a token of a named country sees it',
      token('DEU', 'screen'),
      { ownerCountry: 'FRA', restrictedTo: ['DEU'] },
      true,
    ],
  ];
  for (const [title, principal, record, expected] of records) {
    it(title, () => assert.equal(canSeeRecord(principal, record), expected));
  }

  it('tells a caller who may not see a restricted record only whom to contact', () => {
    const record = { ownerCountry: 'FRA', restrictedTo: ['DEU'], name: 'SECRET NAME' };
    const shown = presentOwned(user('ITA', 'officer'), record, (r) => ({ name: r.name }));
    assert.deepEqual(Object.keys(shown).sort(), ['contactCountry', 'message', 'restricted']);
    assert.ok(!JSON.stringify(shown).includes('SECRET NAME'));
    assert.deepEqual(
      presentOwned(user('DEU', 'officer'), record, (r) => ({ name: r.name })),
      { name: 'SECRET NAME' },
    );
  });

  it('shows victims’ identities to the owner’s analysts, adults’ also to its officers, and minors’ to nobody else', () => {
    const adult = { ownerCountry: 'FRA', minor: false };
    const minor = { ownerCountry: 'FRA', minor: true };
    assert.equal(canSeeVictimIdentity(user('FRA', 'analyst'), minor), true);
    assert.equal(canSeeVictimIdentity(user('FRA', 'officer'), minor), false);
    assert.equal(canSeeVictimIdentity(user('FRA', 'officer'), adult), true);
    assert.equal(canSeeVictimIdentity(user('FRA', 'coordinator', 'admin'), adult), false);
    assert.equal(canSeeVictimIdentity(user('DEU', 'analyst'), adult), false);
    assert.equal(canSeeVictimIdentity(token('FRA', ...scopes), adult), false);
  });

  it('lets an admin administer its own country only', () => {
    assert.equal(canAdminister(user('FRA', 'admin'), 'FRA'), true);
    assert.equal(canAdminister(user('FRA', 'admin'), 'DEU'), false);
    assert.equal(canAdminister({ kind: 'operator', id: 'o', name: 'o', country: undefined }, 'DEU'), true);
  });
});
