/**
 * Realistic, varied Conditional Access policies for benchmarks and property tests: the shapes
 * real tenants export (graph-facts §2.2–2.3) — MFA baselines with and without Jamf-style app
 * filters, include-mode filters, legacy-auth blocks, platform/device/location rules, guest and
 * role targeting, risk policies, authentication strength, session-only policies, user actions,
 * auth contexts, device-code-flow blocks — in all three states, some referencing objects that do
 * not exist (stale ids are normal in real tenants and must not break anyone).
 */
import type { GraphObject } from '../snapshot/types.js';
import { guidFrom } from './ids.js';
import { Prng } from './prng.js';
import { FIRST_PARTY_APPS, ROLE_TEMPLATES } from './well-known.js';

export interface PolicyReferences {
  readonly groupIds?: readonly string[];
  readonly userIds?: readonly string[];
  readonly namedLocationIds?: readonly string[];
  /** App ids that can be targeted besides Microsoft's (e.g. Jamf Connect, its API app). */
  readonly appIds?: readonly string[];
}

type Template = (rng: Prng, refs: Required<PolicyReferences>, n: number) => { name: string; conditions: GraphObject; grant: GraphObject | null; session?: GraphObject };

const grant = (controls: string[], operator: 'AND' | 'OR' = 'OR', extra: GraphObject = {}): GraphObject => ({
  operator,
  builtInControls: controls,
  customAuthenticationFactors: [],
  termsOfUse: [],
  authenticationStrength: null,
  ...extra,
});

const users = (u: Partial<Record<string, unknown>>): GraphObject => ({
  includeUsers: [],
  excludeUsers: [],
  includeGroups: [],
  excludeGroups: [],
  includeRoles: [],
  excludeRoles: [],
  includeGuestsOrExternalUsers: null,
  excludeGuestsOrExternalUsers: null,
  ...u,
});

const apps = (a: Partial<Record<string, unknown>> = {}): GraphObject => ({
  includeApplications: ['All'],
  excludeApplications: [],
  includeUserActions: [],
  includeAuthenticationContextClassReferences: [],
  applicationFilter: null,
  ...a,
});

const conditions = (c: GraphObject): GraphObject => ({
  userRiskLevels: [],
  signInRiskLevels: [],
  clientAppTypes: ['all'],
  servicePrincipalRiskLevels: [],
  insiderRiskLevels: null,
  platforms: null,
  locations: null,
  devices: null,
  clientApplications: null,
  authenticationFlows: null,
  ...c,
});

const pickSome = <T>(rng: Prng, items: readonly T[], max: number): T[] => {
  const out = new Set<T>();
  const k = rng.int(1, Math.max(1, Math.min(max, items.length)));
  while (out.size < k && out.size < items.length) out.add(rng.pick(items));
  return [...out];
};

const adminRoles = Object.values(ROLE_TEMPLATES).map((r) => r.id);
const attrRule = (rng: Prng): string =>
  rng.pick([
    'CustomSecurityAttribute.JamfConnect_isExemptMFA -eq "Exempt"',
    'CustomSecurityAttribute.AppGovernance_Tier -in ["Tier0","Tier1"]',
    'CustomSecurityAttribute.CAExemptions_Exempt -contains "Device"',
    'CustomSecurityAttribute.JamfConnect_isExemptMFA -eq "Exempt" -or CustomSecurityAttribute.AppGovernance_Tier -eq "Lab"',
  ]);

const TEMPLATES: Template[] = [
  (rng, r) => ({
    name: 'Require MFA for all users',
    conditions: conditions({ users: users({ includeUsers: ['All'], excludeGroups: pickSome(rng, r.groupIds, 1) }), applications: apps(rng.chance(0.5) ? { applicationFilter: { mode: 'exclude', rule: attrRule(rng) } } : {}) }),
    grant: grant(['mfa']),
  }),
  (rng, r) => ({
    name: 'Block legacy authentication',
    conditions: conditions({ users: users({ includeUsers: ['All'], excludeUsers: pickSome(rng, r.userIds, 2) }), applications: apps(), clientAppTypes: ['exchangeActiveSync', 'other'] }),
    grant: grant(['block']),
  }),
  (rng, r) => ({
    name: `Require compliant device on ${rng.pick(['macOS', 'windows', 'iOS', 'android'])}`,
    conditions: conditions({
      users: users({ includeGroups: pickSome(rng, r.groupIds, 3) }),
      applications: apps(rng.chance(0.3) ? { applicationFilter: { mode: 'exclude', rule: attrRule(rng) } } : {}),
      platforms: { includePlatforms: [rng.pick(['macOS', 'windows', 'iOS', 'android', 'linux'])], excludePlatforms: [] },
    }),
    grant: grant(rng.chance(0.5) ? ['compliantDevice'] : ['compliantDevice', 'domainJoinedDevice']),
  }),
  (rng, r) => ({
    name: 'Block outside trusted locations',
    conditions: conditions({ users: users({ includeGroups: pickSome(rng, r.groupIds, 2) }), applications: apps(), locations: { includeLocations: ['All'], excludeLocations: rng.chance(0.5) ? ['AllTrusted'] : pickSome(rng, r.namedLocationIds, 2) } }),
    grant: grant(['block']),
  }),
  (rng, r) => ({
    name: 'Browser-only access for contractors',
    conditions: conditions({ users: users({ includeGroups: pickSome(rng, r.groupIds, 1) }), applications: apps(), clientAppTypes: ['mobileAppsAndDesktopClients', 'exchangeActiveSync', 'other'] }),
    grant: grant(['block']),
  }),
  (rng) => ({
    name: 'Require MFA for administrators',
    conditions: conditions({ users: users({ includeRoles: pickSome(rng, adminRoles, 6) }), applications: apps() }),
    grant: grant(['mfa']),
  }),
  (rng) => ({
    name: 'Require MFA for guests',
    conditions: conditions({
      users: users({
        includeGuestsOrExternalUsers: {
          guestOrExternalUserTypes: rng.pick(['internalGuest,b2bCollaborationGuest', 'b2bCollaborationGuest,b2bCollaborationMember,b2bDirectConnectUser,otherExternalUser']),
          externalTenants: rng.chance(0.7)
            ? { '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants', membershipKind: 'all' }
            : { '@odata.type': '#microsoft.graph.conditionalAccessEnumeratedExternalTenants', membershipKind: 'enumerated', members: [rng.guid()] },
        },
      }),
      applications: apps(),
    }),
    grant: grant(['mfa']),
  }),
  (rng) => ({
    name: 'Sign-in risk: require MFA',
    conditions: conditions({ users: users({ includeUsers: ['All'] }), applications: apps(), signInRiskLevels: rng.chance(0.5) ? ['high', 'medium'] : ['high'] }),
    grant: grant(['mfa']),
  }),
  () => ({
    name: 'User risk: require password change',
    conditions: conditions({ users: users({ includeUsers: ['All'] }), applications: apps(), userRiskLevels: ['high'] }),
    grant: grant(['mfa', 'passwordChange'], 'AND'),
  }),
  (rng, r) => ({
    name: 'Phishing-resistant MFA for admin portals',
    conditions: conditions({ users: users({ includeRoles: pickSome(rng, adminRoles, 4), excludeUsers: pickSome(rng, r.userIds, 1) }), applications: apps({ includeApplications: ['MicrosoftAdminPortals'] }) }),
    grant: grant([], 'OR', { authenticationStrength: { id: '00000000-0000-0000-0000-000000000004', displayName: 'Phishing-resistant MFA', policyType: 'builtIn', requirementsSatisfied: 'mfa' } }),
  }),
  (rng) => ({
    name: 'Sign-in frequency on unmanaged devices',
    conditions: conditions({
      users: users({ includeUsers: ['All'] }),
      applications: apps({ includeApplications: ['Office365'] }),
      devices: { deviceFilter: { mode: 'include', rule: rng.pick(['device.isCompliant -ne True', 'device.trustType -ne "ServerAD" -and device.isCompliant -ne True', 'device.extensionAttribute1 -ne "SAW"']) } },
    }),
    grant: null,
    session: { signInFrequency: { isEnabled: true, type: 'hours', value: rng.pick([1, 4, 8, 12]), authenticationType: 'primaryAndSecondaryAuthentication', frequencyInterval: 'timeBased' }, persistentBrowser: null, cloudAppSecurity: null, applicationEnforcedRestrictions: null, disableResilienceDefaults: null },
  }),
  (rng, r) => ({
    name: 'Include-mode app filter: tiered apps need compliant device',
    conditions: conditions({ users: users({ includeUsers: ['All'], excludeGroups: pickSome(rng, r.groupIds, 1) }), applications: apps({ includeApplications: [], applicationFilter: { mode: 'include', rule: attrRule(rng) } }) }),
    grant: grant(['compliantDevice']),
  }),
  (rng, r) => ({
    name: 'Specific apps require MFA',
    conditions: conditions({
      users: users({ includeUsers: ['All'] }),
      applications: apps({ includeApplications: pickSome(rng, [...Object.values(FIRST_PARTY_APPS).map((a) => a.appId), ...r.appIds], 3), excludeApplications: rng.chance(0.3) ? [rng.guid()] : [] }),
    }),
    grant: grant(['mfa']),
  }),
  () => ({
    name: 'Require MFA to register security info',
    conditions: conditions({ users: users({ includeUsers: ['All'] }), applications: apps({ includeApplications: [], includeUserActions: ['urn:user:registersecurityinfo'] }) }),
    grant: grant(['mfa']),
  }),
  (rng) => ({
    name: 'Authentication context: sensitive actions',
    conditions: conditions({ users: users({ includeUsers: ['All'] }), applications: apps({ includeApplications: [], includeAuthenticationContextClassReferences: [`c${rng.int(1, 25)}`] }) }),
    grant: grant(['mfa', 'compliantDevice'], 'AND'),
  }),
  (rng, r) => ({
    name: 'Block device code flow',
    conditions: conditions({ users: users({ includeUsers: ['All'], excludeGroups: pickSome(rng, r.groupIds, 1) }), applications: apps(), authenticationFlows: { transferMethods: 'deviceCodeFlow' } }),
    grant: grant(['block']),
  }),
  (rng, r) => ({
    name: 'Block countries',
    conditions: conditions({ users: users({ includeUsers: ['All'] }), applications: apps(), locations: { includeLocations: pickSome(rng, r.namedLocationIds, 2), excludeLocations: [] } }),
    grant: grant(['block']),
  }),
];

const STATES = ['enabled', 'enabled', 'enabled', 'enabled', 'enabled', 'enabled', 'enabledForReportingButNotEnforced', 'enabledForReportingButNotEnforced', 'enabledForReportingButNotEnforced', 'disabled'];

/** `n` policies, deterministic for `seed`. Ids are GUIDs derived from the seed and position. */
export function generatePolicies(n: number, seed: number, refs: PolicyReferences = {}): GraphObject[] {
  const rng = new Prng(seed ^ 0x5ca1ab1e);
  const full: Required<PolicyReferences> = {
    // Without references, point at ids that exist nowhere (stale references, as in real tenants).
    groupIds: refs.groupIds?.length ? refs.groupIds : [rng.guid(), rng.guid(), rng.guid()],
    userIds: refs.userIds?.length ? refs.userIds : [rng.guid(), rng.guid()],
    namedLocationIds: refs.namedLocationIds?.length ? refs.namedLocationIds : [rng.guid(), rng.guid()],
    appIds: refs.appIds ?? [],
  };
  const out: GraphObject[] = [];
  for (let i = 0; i < n; i++) {
    const t = TEMPLATES[i < TEMPLATES.length ? i : rng.int(0, TEMPLATES.length - 1)]!(rng, full, i);
    const created = Date.UTC(2024, 0, 1) + rng.int(0, 900) * 86_400_000;
    out.push({
      id: guidFrom(`synthetic-policy:${seed}`, String(i)),
      templateId: null,
      displayName: `CA${String(i + 1).padStart(3, '0')} – ${t.name}`,
      createdDateTime: new Date(created).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      modifiedDateTime: new Date(created + rng.int(0, 60) * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      state: STATES[rng.int(0, STATES.length - 1)]!,
      conditions: t.conditions,
      grantControls: t.grant,
      sessionControls: t.session ?? null,
    });
  }
  return out;
}
