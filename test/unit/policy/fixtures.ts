/**
 * Builders for policy-evaluator tests: a Jamf Connect ROPG sign-in context, a directory, and raw
 * Graph conditionalAccessPolicy JSON shaped as Graph returns it.
 */
import type { EvaluationDirectory, ServicePrincipalInfo, SignInContext } from '../../../electron/core/policy/types.js';

export const USER_ID = '11111111-1111-1111-1111-111111111111';
export const JAMF_CONNECT_APP = '22222222-2222-2222-2222-222222222222';
export const JAMF_CA_API_APP = '33333333-3333-3333-3333-333333333333';
export const GRAPH = '00000003-0000-0000-c000-000000000000';
export const WAAD = '00000002-0000-0000-c000-000000000000';
export const EXCHANGE = '00000002-0000-0ff1-ce00-000000000000';
export const AZURE_PORTAL = 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c';
export const GROUP_NESTED = '3f2a0000-0000-0000-0000-00000000000a';
export const GLOBAL_ADMIN_ROLE = '62e90394-69f5-4237-9190-012177145e10';
export const OSLO_LOCATION = '44444444-4444-4444-4444-444444444444';
export const V6_LOCATION = '55555555-5555-5555-5555-555555555555';
export const COUNTRY_LOCATION = '66666666-6666-6666-6666-666666666666';
export const UNTRUSTED_LOCATION = '77777777-7777-7777-7777-777777777777';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A Jamf Connect ROPG password check from an unregistered Mac, custom-API scope variant. */
export function ropgContext(overrides: Partial<Mutable<SignInContext>> = {}): SignInContext {
  return {
    user: { id: USER_ID, userPrincipalName: 'ada@contoso.com', userType: 'member' },
    groupIds: [GROUP_NESTED],
    roleTemplateIds: [],
    clientAppId: JAMF_CONNECT_APP,
    resourceAppId: JAMF_CA_API_APP,
    scopes: [`api://${JAMF_CA_API_APP}/jamfconnect`, 'openid', 'email', 'profile'],
    clientAppType: 'mobileAppsAndDesktopClients',
    platform: 'macOS',
    ipAddress: '203.0.113.7',
    country: 'NO',
    device: null,
    signInRisk: 'none',
    userRisk: 'none',
    capabilities: { interactive: false, mfaSatisfied: false, approvedClientApp: false, compliantClientApp: false },
    ...overrides,
  };
}

/** The default-scope variant: openid profile email only (baseline scopes). */
export function ropgBaselineContext(overrides: Partial<Mutable<SignInContext>> = {}): SignInContext {
  return ropgContext({ resourceAppId: GRAPH, scopes: ['openid', 'profile', 'email'], ...overrides });
}

export function sp(appId: string, displayName: string, attrs?: ServicePrincipalInfo['customSecurityAttributes']): ServicePrincipalInfo {
  return attrs === undefined ? { appId, displayName } : { appId, displayName, customSecurityAttributes: attrs };
}

export const EXEMPT_ATTRS = {
  JamfConnect: { '@odata.type': '#microsoft.graph.customSecurityAttributeValue', Exempt: 'Exempt' },
};

export function directory(overrides: Partial<Mutable<EvaluationDirectory>> = {}): EvaluationDirectory {
  const sps = [
    sp(JAMF_CONNECT_APP, 'Jamf Connect', EXEMPT_ATTRS),
    sp(JAMF_CA_API_APP, 'Jamf Connect - Conditional Access Policy API', EXEMPT_ATTRS),
    sp(GRAPH, 'Microsoft Graph', null),
    sp(WAAD, 'Windows Azure Active Directory', null),
  ];
  const locations: [string, Record<string, unknown>][] = [
    [
      OSLO_LOCATION,
      {
        '@odata.type': '#microsoft.graph.ipNamedLocation',
        id: OSLO_LOCATION,
        displayName: 'Oslo office',
        isTrusted: true,
        ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '203.0.113.0/24' }],
      },
    ],
    [
      V6_LOCATION,
      {
        '@odata.type': '#microsoft.graph.ipNamedLocation',
        id: V6_LOCATION,
        displayName: 'Bergen v6',
        isTrusted: true,
        ipRanges: [{ '@odata.type': '#microsoft.graph.iPv6CidrRange', cidrAddress: '2001:db8:abcd::/48' }],
      },
    ],
    [
      UNTRUSTED_LOCATION,
      {
        '@odata.type': '#microsoft.graph.ipNamedLocation',
        id: UNTRUSTED_LOCATION,
        displayName: 'Guest Wi-Fi',
        isTrusted: false,
        ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '198.51.100.0/24' }],
      },
    ],
    [
      COUNTRY_LOCATION,
      {
        '@odata.type': '#microsoft.graph.countryNamedLocation',
        id: COUNTRY_LOCATION,
        displayName: 'Nordics',
        countriesAndRegions: ['NO', 'SE', 'DK'],
        includeUnknownCountriesAndRegions: false,
        countryLookupMethod: 'clientIpAddress',
      },
    ],
  ];
  return {
    servicePrincipalsByAppId: new Map(sps.map((s) => [s.appId, s])),
    namedLocations: new Map(locations),
    ...overrides,
  };
}

let counter = 0;

/** A raw policy: All users, All resources, no other conditions, grant mfa — override any part. */
export function policy(parts: {
  id?: string;
  displayName?: string;
  state?: string;
  users?: Record<string, unknown> | null;
  applications?: Record<string, unknown>;
  conditions?: Record<string, unknown>;
  grantControls?: Record<string, unknown> | null;
  sessionControls?: Record<string, unknown> | null;
}): Record<string, unknown> {
  counter++;
  const users = parts.users === undefined ? { includeUsers: ['All'], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [] } : parts.users;
  return {
    id: parts.id ?? `pol-${counter}`,
    displayName: parts.displayName ?? `Policy ${counter}`,
    state: parts.state ?? 'enabled',
    conditions: {
      clientAppTypes: ['all'],
      signInRiskLevels: [],
      userRiskLevels: [],
      servicePrincipalRiskLevels: [],
      ...(users === null ? {} : { users }),
      applications: { includeApplications: ['All'], excludeApplications: [], includeUserActions: [], includeAuthenticationContextClassReferences: [], ...(parts.applications ?? {}) },
      ...(parts.conditions ?? {}),
    },
    grantControls: parts.grantControls === undefined ? { operator: 'OR', builtInControls: ['mfa'], customAuthenticationFactors: [], termsOfUse: [] } : parts.grantControls,
    sessionControls: parts.sessionControls ?? null,
  };
}

export function grant(builtInControls: string[], operator: 'AND' | 'OR' = 'OR', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { operator, builtInControls, customAuthenticationFactors: [], termsOfUse: [], ...extra };
}

export const EXEMPT_FILTER = { mode: 'exclude', rule: 'CustomSecurityAttribute.JamfConnect_Exempt -eq "Exempt"' };

import { evaluatePolicy } from '../../../electron/core/policy/evaluate.js';
import type { ConditionName, ConditionTrace, PolicyEvaluation } from '../../../electron/core/policy/types.js';

export function evalOne(p: unknown, ctx: SignInContext = ropgContext(), dir: EvaluationDirectory = directory()): PolicyEvaluation {
  return evaluatePolicy(p, ctx, dir);
}

export function cond(ev: PolicyEvaluation, name: ConditionName): ConditionTrace {
  const t = ev.conditions.find((c) => c.condition === name);
  if (!t) throw new Error(`no ${name} trace on ${ev.policyId} (cannotEvaluate: ${ev.cannotEvaluate ?? '-'})`);
  return t;
}

export function rules(t: ConditionTrace, kind: 'include' | 'exclude'): string[] {
  return (t.rulesSatisfied ?? []).filter((r) => r.kind === kind).map((r) => r.rule);
}
