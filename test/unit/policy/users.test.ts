import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GLOBAL_ADMIN_ROLE, GROUP_NESTED, USER_ID, cond, evalOne, policy, ropgContext, rules } from './fixtures.js';

const EMPTY = { includeUsers: [], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [] };
const users = (u: Record<string, unknown>) => policy({ users: { ...EMPTY, ...u } });

describe('users condition', () => {
  it('All users includes a member', () => {
    const t = cond(evalOne(users({ includeUsers: ['All'] })), 'users');
    assert.equal(t.matched, true);
    assert.deepEqual(rules(t, 'include'), ['allUsers']);
  });

  it('None includes nobody', () => {
    const t = cond(evalOne(users({ includeUsers: ['None'] })), 'users');
    assert.equal(t.matched, false);
    assert.match(t.reason, /None/);
  });

  it('a listed user id is included (case-insensitive GUID compare)', () => {
    const t = cond(evalOne(users({ includeUsers: [USER_ID.toUpperCase()] })), 'users');
    assert.equal(t.matched, true);
    assert.deepEqual(rules(t, 'include'), ['userId']);
  });

  it('group membership is transitive via ctx.groupIds and the reason names the group', () => {
    const t = cond(evalOne(users({ includeGroups: [GROUP_NESTED] })), 'users');
    assert.equal(t.matched, true);
    assert.deepEqual(rules(t, 'include'), ['groupId']);
    assert.match(t.reason, new RegExp(`group ${GROUP_NESTED} \\(transitive\\)`));
  });

  it('a group the user is not in does not include them', () => {
    assert.equal(cond(evalOne(users({ includeGroups: ['99999999-0000-0000-0000-000000000000'] })), 'users').matched, false);
  });

  it('roles compare role template ids', () => {
    const ctx = ropgContext({ roleTemplateIds: [GLOBAL_ADMIN_ROLE] });
    const t = cond(evalOne(users({ includeRoles: [GLOBAL_ADMIN_ROLE] }), ctx), 'users');
    assert.equal(t.matched, true);
    assert.deepEqual(rules(t, 'include'), ['roleId']);
    assert.equal(cond(evalOne(users({ includeRoles: [GLOBAL_ADMIN_ROLE] })), 'users').matched, false);
  });

  it('exclusion wins over inclusion: All users minus a break-glass group the user is in', () => {
    const t = cond(evalOne(users({ includeUsers: ['All'], excludeGroups: [GROUP_NESTED] })), 'users');
    assert.equal(t.matched, false);
    assert.deepEqual(rules(t, 'include'), ['allUsers']);
    assert.deepEqual(rules(t, 'exclude'), ['groupId']);
    assert.match(t.reason, /^excluded: user is in group/);
  });

  it('excluded by role and by user id', () => {
    const ctx = ropgContext({ roleTemplateIds: [GLOBAL_ADMIN_ROLE] });
    assert.equal(cond(evalOne(users({ includeUsers: ['All'], excludeRoles: [GLOBAL_ADMIN_ROLE] }), ctx), 'users').matched, false);
    assert.equal(cond(evalOne(users({ includeUsers: ['All'], excludeUsers: [USER_ID] })), 'users').matched, false);
  });

  it('legacy GuestsOrExternalUsers keyword matches guests, not members', () => {
    const guest = ropgContext({ user: { id: USER_ID, userType: 'guest', externalTenantId: 'aaaa0000-0000-0000-0000-000000000001' } });
    const t = cond(evalOne(users({ includeUsers: ['GuestsOrExternalUsers'] }), guest), 'users');
    assert.equal(t.matched, true);
    assert.deepEqual(rules(t, 'include'), ['guest']);
    assert.equal(cond(evalOne(users({ includeUsers: ['GuestsOrExternalUsers'] })), 'users').matched, false);
    assert.equal(cond(evalOne(users({ includeUsers: ['All'], excludeUsers: ['GuestsOrExternalUsers'] }), guest), 'users').matched, false);
  });

  describe('includeGuestsOrExternalUsers', () => {
    const TENANT_A = 'aaaa0000-0000-0000-0000-000000000001';
    const TENANT_B = 'bbbb0000-0000-0000-0000-000000000002';
    const b2bGuest = ropgContext({ user: { id: USER_ID, userType: 'guest', guestOrExternalUserType: 'b2bCollaborationGuest', externalTenantId: TENANT_A } });
    const internalGuest = ropgContext({ user: { id: USER_ID, userType: 'guest' } });
    const guests = (types: string, externalTenants: Record<string, unknown>) => ({ guestOrExternalUserTypes: types, externalTenants });
    const all = { '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants', membershipKind: 'all' };
    const only = (id: string) => ({ '@odata.type': '#microsoft.graph.conditionalAccessEnumeratedExternalTenants', membershipKind: 'enumerated', members: [id] });

    it('matches the guest type with all external tenants', () => {
      const t = cond(evalOne(users({ includeGuestsOrExternalUsers: guests('b2bCollaborationGuest,b2bDirectConnectUser', all) }), b2bGuest), 'users');
      assert.equal(t.matched, true);
      assert.deepEqual(rules(t, 'include'), ['b2bCollaborationGuest']);
    });

    it('does not match another guest type', () => {
      assert.equal(cond(evalOne(users({ includeGuestsOrExternalUsers: guests('b2bDirectConnectUser', all) }), b2bGuest), 'users').matched, false);
    });

    it('enumerated tenants: only users from a listed tenant', () => {
      assert.equal(cond(evalOne(users({ includeGuestsOrExternalUsers: guests('b2bCollaborationGuest', only(TENANT_A)) }), b2bGuest), 'users').matched, true);
      assert.equal(cond(evalOne(users({ includeGuestsOrExternalUsers: guests('b2bCollaborationGuest', only(TENANT_B)) }), b2bGuest), 'users').matched, false);
    });

    it('an internal guest (no home tenant) is inferred from userType guest and ignores the tenant list', () => {
      const t = cond(evalOne(users({ includeGuestsOrExternalUsers: guests('internalGuest', only(TENANT_B)) }), internalGuest), 'users');
      assert.equal(t.matched, true);
      assert.deepEqual(rules(t, 'include'), ['internalGuest']);
    });

    it('a member is not a guest', () => {
      assert.equal(cond(evalOne(users({ includeGuestsOrExternalUsers: guests('internalGuest,b2bCollaborationGuest', all) })), 'users').matched, false);
    });

    it('excludeGuestsOrExternalUsers excludes the matching guest from All users', () => {
      const t = cond(evalOne(users({ includeUsers: ['All'], excludeGuestsOrExternalUsers: guests('b2bCollaborationGuest', all) }), b2bGuest), 'users');
      assert.equal(t.matched, false);
      assert.deepEqual(rules(t, 'exclude'), ['b2bCollaborationGuest']);
    });

    it('an unknown guest type makes the policy unevaluable', () => {
      const ev = evalOne(users({ includeGuestsOrExternalUsers: guests('unknownFutureValue', all) }), b2bGuest);
      assert.equal(ev.result, 'unknown');
      assert.match(ev.cannotEvaluate ?? '', /unknownFutureValue/);
    });
  });
});
