/**
 * A Conditional Access policy rendered readably: who, what, where, which conditions, which grant,
 * which session controls, in the portal's words. Every referenced object is named from the snapshot,
 * or shown as "unknown object <id>" when it no longer exists — stale references never throw.
 */
type Raw = Readonly<Record<string, unknown>>;

const obj = (v: unknown): Raw | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : null);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export interface NameLookup {
  /** Display name of a user, group, role, service principal (by id or appId) or named location. */
  name(id: string): string | null;
}

const SPECIAL: Readonly<Record<string, string>> = {
  All: 'all',
  None: 'none',
  GuestsOrExternalUsers: 'guests and external users',
  Office365: 'Office 365',
  MicrosoftAdminPortals: 'Microsoft admin portals',
  AllTrusted: 'all trusted locations',
};

function named(ids: readonly string[], lookup: NameLookup, kind: string): string {
  return ids
    .map((id) => SPECIAL[id] ?? lookup.name(id) ?? `unknown ${kind} ${id}`)
    .join(', ');
}

function includeExclude(include: string, exclude: string): string {
  return exclude ? `${include || 'nobody'}; excluding ${exclude}` : include || 'nobody';
}

export function describeUsers(policy: Raw, lookup: NameLookup): string {
  const users = obj(obj(policy.conditions)?.users);
  if (!users) return 'no users condition (cannot apply to anyone)';
  const inc = [
    list(users.includeUsers).length ? `users: ${named(list(users.includeUsers), lookup, 'user')}` : '',
    list(users.includeGroups).length ? `groups: ${named(list(users.includeGroups), lookup, 'group')}` : '',
    list(users.includeRoles).length ? `roles: ${named(list(users.includeRoles), lookup, 'role')}` : '',
    obj(users.includeGuestsOrExternalUsers) ? 'guests or external users' : '',
  ].filter(Boolean);
  const exc = [
    list(users.excludeUsers).length ? `users: ${named(list(users.excludeUsers), lookup, 'user')}` : '',
    list(users.excludeGroups).length ? `groups: ${named(list(users.excludeGroups), lookup, 'group')}` : '',
    list(users.excludeRoles).length ? `roles: ${named(list(users.excludeRoles), lookup, 'role')}` : '',
    obj(users.excludeGuestsOrExternalUsers) ? 'guests or external users' : '',
  ].filter(Boolean);
  return includeExclude(inc.join('; '), exc.join('; '));
}

export function describeResources(policy: Raw, lookup: NameLookup): string {
  const apps = obj(obj(policy.conditions)?.applications);
  if (!apps) return 'no target resources';
  const actions = list(apps.includeUserActions);
  if (actions.length) return `user actions: ${actions.join(', ')}`;
  const contexts = list(apps.includeAuthenticationContextClassReferences);
  if (contexts.length) return `authentication contexts: ${contexts.join(', ')}`;
  const include = named(list(apps.includeApplications), lookup, 'app').replace(/^all$/, 'all resources');
  let exclude = named(list(apps.excludeApplications), lookup, 'app');
  const filter = obj(apps.applicationFilter);
  if (filter && typeof filter.rule === 'string') {
    const text = `apps where ${filter.rule}`;
    if (filter.mode === 'include') return `${include ? include + '; ' : ''}plus ${text}${exclude ? `; excluding ${exclude}` : ''}`;
    exclude = exclude ? `${exclude}; ${text}` : text;
  }
  return includeExclude(include, exclude);
}

export function describeConditions(policy: Raw, lookup: NameLookup): string[] {
  const c = obj(policy.conditions) ?? {};
  const out: string[] = [];
  const clientTypes = list(c.clientAppTypes).filter((t) => t !== 'all');
  if (clientTypes.length) out.push(`client apps: ${clientTypes.join(', ')}`);
  const platforms = obj(c.platforms);
  if (platforms) out.push(`platforms: ${list(platforms.includePlatforms).join(', ') || 'none'}${list(platforms.excludePlatforms).length ? ` except ${list(platforms.excludePlatforms).join(', ')}` : ''}`);
  const locations = obj(c.locations);
  if (locations) {
    out.push(`locations: ${includeExclude(named(list(locations.includeLocations), lookup, 'location'), named(list(locations.excludeLocations), lookup, 'location'))}`);
  }
  const device = obj(c.devices)?.deviceFilter;
  const deviceFilter = obj(device);
  if (deviceFilter && typeof deviceFilter.rule === 'string') out.push(`devices ${deviceFilter.mode === 'include' ? 'matching' : 'not matching'} ${deviceFilter.rule}`);
  if (list(c.signInRiskLevels).length) out.push(`sign-in risk: ${list(c.signInRiskLevels).join(', ')}`);
  if (list(c.userRiskLevels).length) out.push(`user risk: ${list(c.userRiskLevels).join(', ')}`);
  const flows = obj(c.authenticationFlows);
  if (flows && typeof flows.transferMethods === 'string') out.push(`authentication flows: ${flows.transferMethods}`);
  return out;
}

const CONTROL_WORDS: Readonly<Record<string, string>> = {
  block: 'block access',
  mfa: 'require multifactor authentication',
  compliantDevice: 'require a compliant device',
  domainJoinedDevice: 'require a hybrid-joined device',
  approvedApplication: 'require an approved client app',
  compliantApplication: 'require an app protection policy',
  passwordChange: 'require a password change',
};

export function describeGrant(policy: Raw): string {
  const grant = obj(policy.grantControls);
  if (!grant) return 'no grant controls (session controls only)';
  const parts = list(grant.builtInControls).map((c) => CONTROL_WORDS[c] ?? c);
  const strength = obj(grant.authenticationStrength);
  if (strength) parts.push(`require authentication strength ${typeof strength.displayName === 'string' ? strength.displayName : String(strength.id ?? '')}`);
  if (list(grant.termsOfUse).length) parts.push('require terms of use');
  if (parts.length === 0) return 'no grant controls';
  return parts.join(grant.operator === 'AND' ? ' and ' : ' or ');
}

export function describeSession(policy: Raw): string | null {
  const session = obj(policy.sessionControls);
  if (!session) return null;
  const parts = Object.entries(session)
    .filter(([, v]) => v !== null && v !== undefined && v !== false)
    .map(([k]) => k);
  return parts.length ? parts.join(', ') : null;
}

export function describeState(state: unknown): string {
  if (state === 'enabled') return 'On';
  if (state === 'disabled') return 'Off';
  if (state === 'enabledForReportingButNotEnforced') return 'Report-only';
  return typeof state === 'string' ? `unknown state ${state}` : 'no state';
}
