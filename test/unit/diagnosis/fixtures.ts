/**
 * Hand-built tenants for the diagnosis scenario tests. Shapes follow Graph's JSON (graph-facts §1–§2);
 * expectations in the tests come from Microsoft's and Jamf's documented behaviour, not from the engine.
 */
import type { TenantSnapshot } from '../../../electron/core/snapshot/types.js';

export const JAMF_CLIENT = 'c0ffee00-0000-4000-8000-00000000c11e';
export const CUSTOM_API = 'c0ffee00-0000-4000-8000-0000000000a1';
export const GRAPH = '00000003-0000-0000-c000-000000000000';
export const WAAD = '00000002-0000-0000-c000-000000000000';
export const USER_ID = '11111111-1111-4111-8111-111111111111';
export const UPN = 'ana@contoso.example';
export const NOW = '2026-11-20T12:00:00Z';
export const TRUSTED_LOCATION_ID = 'loc-office';

export const P_DEVICE = 'pol-device';
export const P_BLOCK_OUTSIDE = 'pol-location';
export const P_MFA = 'pol-mfa';

type Json = Record<string, unknown>;

/** An "All resources" policy for all users, Mobile apps and desktop clients included. */
export function policy(id: string, displayName: string, grant: Json, extra: { conditions?: Json; state?: string; modifiedDateTime?: string } = {}): Json {
  return {
    id,
    displayName,
    state: extra.state ?? 'enabled',
    createdDateTime: '2026-01-01T00:00:00Z',
    modifiedDateTime: extra.modifiedDateTime ?? '2026-01-02T00:00:00Z',
    conditions: {
      users: { includeUsers: ['All'], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [] },
      applications: { includeApplications: ['All'], excludeApplications: [] },
      clientAppTypes: ['all'],
      ...(extra.conditions ?? {}),
    },
    grantControls: grant,
  };
}

export const deviceGrant = { operator: 'OR', builtInControls: ['compliantDevice'] };
export const blockGrant = { operator: 'OR', builtInControls: ['block'] };
export const mfaGrant = { operator: 'OR', builtInControls: ['mfa'] };

export function devicePolicy(extra: Parameters<typeof policy>[3] = {}): Json {
  return policy(P_DEVICE, 'Require compliant device', deviceGrant, extra);
}
export function locationPolicy(): Json {
  return policy(P_BLOCK_OUTSIDE, 'Block outside trusted locations', blockGrant, {
    conditions: { locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] } },
  });
}
export function mfaPolicy(): Json {
  return policy(P_MFA, 'MFA for all resources', mfaGrant);
}

export function applied(id: string, displayName: string, result: string, controls: string[]): Json {
  return { id, displayName, result, enforcedGrantControls: controls, enforcedSessionControls: [] };
}

let seq = 0;
export interface SignInSpec {
  readonly at: string;
  readonly code: number;
  readonly policies?: Json[] | null;
  readonly appId?: string;
  readonly resourceId?: string;
  readonly audiences?: string[] | null;
  readonly ip?: string;
  readonly country?: string;
  readonly id?: string;
  readonly correlationId?: string;
  readonly userId?: string;
  readonly failureReason?: string;
  readonly v1?: boolean;
}

/** A beta-shaped Jamf Connect ROPG sign-in row (graph-facts §1.4 example). */
export function signIn(spec: SignInSpec): Json {
  seq += 1;
  const id = spec.id ?? `si-${seq}`;
  const row: Json = {
    id,
    createdDateTime: spec.at,
    userId: spec.userId ?? USER_ID,
    userPrincipalName: UPN,
    appId: spec.appId ?? JAMF_CLIENT,
    appDisplayName: 'Jamf Connect',
    resourceId: spec.resourceId ?? GRAPH,
    resourceDisplayName: 'Microsoft Graph',
    correlationId: spec.correlationId ?? `corr-${id}`,
    ipAddress: spec.ip ?? '198.51.100.7',
    clientAppUsed: 'Mobile Apps and Desktop clients',
    isInteractive: true,
    conditionalAccessStatus: spec.code === 0 ? 'success' : 'failure',
    status: { errorCode: spec.code, failureReason: spec.failureReason ?? (spec.code === 0 ? '' : `failure ${spec.code}`), additionalDetails: '' },
    deviceDetail: { deviceId: '', operatingSystem: 'MacOs', browser: '', isCompliant: false, isManaged: false, trustType: '' },
    location: { city: 'Oslo', state: 'Oslo', countryOrRegion: spec.country ?? 'NO', geoCoordinates: {} },
  };
  if (!spec.v1) {
    row.signInEventTypes = ['interactiveUser'];
    row.authenticationProtocol = 'ropc';
    row.conditionalAccessAudiences = spec.audiences === undefined ? [spec.resourceId ?? GRAPH] : spec.audiences;
    if (row.conditionalAccessAudiences === null) delete row.conditionalAccessAudiences;
  }
  if (spec.policies !== null) row.appliedConditionalAccessPolicies = spec.policies ?? [];
  return row;
}

export interface TenantSpec {
  readonly policies?: Json[];
  readonly signIns?: Json[];
  readonly user?: Json;
  readonly servicePrincipals?: Json[];
  readonly namedLocations?: Json[];
  readonly meta?: Json;
  readonly memberships?: Json[] | null;
}

export function jamfSp(csa?: Json | null): Json {
  return { id: 'sp-jamf', appId: JAMF_CLIENT, displayName: 'Jamf Connect', tags: ['JamfConnect'], ...(csa !== undefined ? { customSecurityAttributes: csa } : {}) };
}
export function apiSp(csa?: Json | null): Json {
  return {
    id: 'sp-api',
    appId: CUSTOM_API,
    displayName: 'Jamf Connect – Conditional Access Policy API',
    servicePrincipalNames: [`api://${CUSTOM_API}`],
    oauth2PermissionScopes: [{ id: 'scope-1', value: 'jamfconnect', type: 'User' }],
    ...(csa !== undefined ? { customSecurityAttributes: csa } : {}),
  };
}
export const EXEMPT_CSA = { JamfConnect: { '@odata.type': '#microsoft.graph.customSecurityAttributeValue', isExemptMFA: 'Exempt' } };
export const EXEMPT_FILTER = { mode: 'exclude', rule: 'CustomSecurityAttribute.JamfConnect_isExemptMFA -eq "Exempt"' };

export function tenant(spec: TenantSpec = {}): TenantSnapshot {
  return {
    formatVersion: 1,
    meta: { generatedAt: NOW, ...(spec.meta ?? {}) },
    organization: [{ id: 'org-1', displayName: 'Contoso' }],
    users: [spec.user ?? { id: USER_ID, userPrincipalName: UPN, displayName: 'Ana Berg', accountEnabled: true, userType: 'Member' }],
    groups: [],
    directoryRoles: [],
    transitiveMemberOf: spec.memberships === null ? {} : { [USER_ID]: spec.memberships ?? [] },
    servicePrincipals: spec.servicePrincipals ?? [jamfSp(), apiSp(), { id: 'sp-graph', appId: GRAPH, displayName: 'Microsoft Graph' }, { id: 'sp-waad', appId: WAAD, displayName: 'Windows Azure Active Directory' }],
    attributeSets: [],
    customSecurityAttributeDefinitions: [],
    conditionalAccessPolicies: spec.policies ?? [],
    namedLocations: spec.namedLocations ?? [
      { '@odata.type': '#microsoft.graph.ipNamedLocation', id: TRUSTED_LOCATION_ID, displayName: 'Office', isTrusted: true, ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '203.0.113.0/24' }] },
    ],
    signIns: spec.signIns ?? [],
  };
}

/** ISO time `minutes` before NOW. */
export function ago(minutes: number): string {
  return new Date(Date.parse(NOW) - minutes * 60_000).toISOString().replace(/\.000Z$/, 'Z');
}
