/**
 * Users condition (Graph conditionalAccessUsers; entra concept-conditional-access-users-groups.md).
 * Inclusions: All, None, user ids, GuestsOrExternalUsers (legacy keyword), groups (transitive —
 * ctx.groupIds is already resolved), directory roles by *template* id, and
 * includeGuestsOrExternalUsers (types + external tenants). Exclusions of the same kinds win over
 * inclusions ("Exclusions … take precedence", Entra policy docs).
 */
import { flags, lowerSet, optObject, optString, PolicyShapeError, strArray, type RawObject } from '../raw.js';
import type { ConditionTrace, GuestOrExternalUserType } from '../types.js';
import { trace, type EvalEnv, type Rule } from './env.js';

const GUEST_TYPES: ReadonlySet<string> = new Set([
  'internalGuest',
  'b2bCollaborationGuest',
  'b2bCollaborationMember',
  'b2bDirectConnectUser',
  'otherExternalUser',
  'serviceProvider',
]);

interface GuestRule {
  readonly types: ReadonlySet<string>;
  /** 'all' or the enumerated tenant ids (lower-cased). */
  readonly tenants: 'all' | ReadonlySet<string>;
}

export interface CompiledUsers {
  readonly includeAll: boolean;
  readonly includeNone: boolean;
  readonly includeGuestsKeyword: boolean;
  readonly includeUsers: ReadonlySet<string>;
  readonly includeGroups: readonly string[];
  readonly includeRoles: readonly string[];
  readonly includeGuests: GuestRule | null;
  readonly excludeGuestsKeyword: boolean;
  readonly excludeUsers: ReadonlySet<string>;
  readonly excludeGroups: readonly string[];
  readonly excludeRoles: readonly string[];
  readonly excludeGuests: GuestRule | null;
  /** The policy targets workload identities (clientApplications) instead of users. */
  readonly workloadIdentityOnly: boolean;
}

function compileGuests(raw: RawObject | null, path: string): GuestRule | null {
  if (!raw) return null;
  const types = flags(optString(raw, 'guestOrExternalUserTypes', path)).filter((t) => t !== 'none');
  for (const t of types) {
    if (!GUEST_TYPES.has(t)) throw new PolicyShapeError(`${path}.guestOrExternalUserTypes has unknown value '${t}'`);
  }
  if (types.length === 0) return null;
  const ext = optObject(raw, 'externalTenants', path);
  let tenants: GuestRule['tenants'] = 'all';
  if (ext) {
    const odataType = typeof ext['@odata.type'] === 'string' ? (ext['@odata.type'] as string) : '';
    const kind = optString(ext, 'membershipKind', `${path}.externalTenants`) ?? (odataType.toLowerCase().includes('enumerated') ? 'enumerated' : 'all');
    if (kind === 'enumerated') tenants = lowerSet(strArray(ext, 'members', `${path}.externalTenants`));
    else if (kind !== 'all') throw new PolicyShapeError(`${path}.externalTenants.membershipKind has unknown value '${kind}'`);
  }
  return { types: new Set(types), tenants };
}

export function compileUsers(conditions: RawObject): CompiledUsers {
  const users = optObject(conditions, 'users', 'conditions');
  if (!users) {
    const clientApps = optObject(conditions, 'clientApplications', 'conditions');
    if (clientApps && strArray(clientApps, 'includeServicePrincipals', 'conditions.clientApplications').length > 0) {
      return { ...EMPTY, workloadIdentityOnly: true };
    }
    throw new PolicyShapeError('policy has no conditions.users block');
  }
  const path = 'conditions.users';
  const inc = strArray(users, 'includeUsers', path);
  const exc = strArray(users, 'excludeUsers', path);
  const incLower = lowerSet(inc);
  const excLower = lowerSet(exc);
  return {
    includeAll: incLower.has('all'),
    includeNone: incLower.has('none'),
    includeGuestsKeyword: incLower.has('guestsorexternalusers'),
    includeUsers: incLower,
    includeGroups: [...lowerSet(strArray(users, 'includeGroups', path))],
    includeRoles: [...lowerSet(strArray(users, 'includeRoles', path))],
    includeGuests: compileGuests(optObject(users, 'includeGuestsOrExternalUsers', path), `${path}.includeGuestsOrExternalUsers`),
    excludeGuestsKeyword: excLower.has('guestsorexternalusers'),
    excludeUsers: excLower,
    excludeGroups: [...lowerSet(strArray(users, 'excludeGroups', path))],
    excludeRoles: [...lowerSet(strArray(users, 'excludeRoles', path))],
    excludeGuests: compileGuests(optObject(users, 'excludeGuestsOrExternalUsers', path), `${path}.excludeGuestsOrExternalUsers`),
    workloadIdentityOnly: false,
  };
}

const EMPTY: CompiledUsers = {
  includeAll: false,
  includeNone: false,
  includeGuestsKeyword: false,
  includeUsers: new Set(),
  includeGroups: [],
  includeRoles: [],
  includeGuests: null,
  excludeGuestsKeyword: false,
  excludeUsers: new Set(),
  excludeGroups: [],
  excludeRoles: [],
  excludeGuests: null,
  workloadIdentityOnly: false,
};

function guestMatch(rule: GuestRule, type: GuestOrExternalUserType | null, tenant: string | null): string | null {
  if (!type || !rule.types.has(type)) return null;
  // Internal guests have no external home tenant; the tenant selection applies to external users.
  if (type === 'internalGuest' || rule.tenants === 'all') return type;
  return tenant && rule.tenants.has(tenant) ? type : null;
}

type Hit = { rule: string; why: string };

function findMatch(
  env: EvalEnv,
  users: ReadonlySet<string>,
  groups: readonly string[],
  roles: readonly string[],
  guestsKeyword: boolean,
  guests: GuestRule | null,
): Hit | null {
  const p = env.p;
  if (p.userId && users.has(p.userId)) return { rule: 'userId', why: `user ${p.ctx.user.userPrincipalName ?? p.ctx.user.id} is listed` };
  for (const g of groups) if (p.groupIds.has(g)) return { rule: 'groupId', why: `user is in group ${g} (transitive)` };
  for (const r of roles) if (p.roleIds.has(r)) return { rule: 'roleId', why: `user holds directory role ${r}` };
  if (guestsKeyword && p.guestType) return { rule: 'guest', why: `user is a guest or external user (${p.guestType})` };
  if (guests) {
    const t = guestMatch(guests, p.guestType, p.externalTenantId);
    if (t) {
      const tenantNote = t === 'internalGuest' || guests.tenants === 'all' ? '' : ` from tenant ${p.externalTenantId}`;
      return { rule: t, why: `user is a ${t}${tenantNote}` };
    }
  }
  return null;
}

export function evaluateUsers(c: CompiledUsers, env: EvalEnv): ConditionTrace {
  if (c.workloadIdentityOnly) return trace('users', false, 'not included: the policy targets workload identities (service principals), not users');
  const excluded = findMatch(env, c.excludeUsers, c.excludeGroups, c.excludeRoles, c.excludeGuestsKeyword, c.excludeGuests);
  let included: Hit | null = null;
  if (c.includeAll) included = { rule: 'allUsers', why: 'All users' };
  else if (!c.includeNone || c.includeUsers.size > 1) {
    included = findMatch(env, c.includeUsers, c.includeGroups, c.includeRoles, c.includeGuestsKeyword, c.includeGuests);
  }
  const rules: Rule[] = [];
  if (included) rules.push({ kind: 'include', rule: included.rule });
  if (excluded) rules.push({ kind: 'exclude', rule: excluded.rule });
  if (excluded) return trace('users', false, `excluded: ${excluded.why}${included ? ` (exclusion wins over included: ${included.why})` : ''}`, rules);
  if (included) return trace('users', true, `included: ${included.why}`, rules);
  if (c.includeNone && c.includeUsers.size === 1) return trace('users', false, 'not included: the policy includes None');
  return trace('users', false, 'not included: user matches no included user, group, role or guest type');
}

