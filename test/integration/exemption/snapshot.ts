/**
 * A small tenant for the end-to-end exemption tests: one Mac user locked out by "require a
 * compliant device for macOS", the Jamf Connect client and Jamf's custom "Conditional Access Policy
 * API" app (Jamf Connect asks for api://<API>/jamfconnect, so the API app is the CA resource and the
 * exemption target — graph-facts §2.9), and operators with different role mixes.
 */
import type { TenantSnapshot } from '../../../electron/core/snapshot/types.js';

export const TENANT_ID = '4f1c2b9e-7a55-4c1e-9d3a-0b8e6f2a1c11';
export const JC_APP_ID = '6a0e4c2b-1d3f-4e5a-8b7c-9d0e1f2a3b4c';
export const API_APP_ID = '7b1f5d3c-2e4a-4f6b-9c8d-0e1f2a3b4c5d';
export const API_SP_ID = '8c2a6e4d-3f5b-4a7c-8d9e-1f2a3b4c5d6e';
export const JC_SP_ID = '9d3b7f5e-4a6c-4b8d-9eaf-2a3b4c5d6e7f';
export const POLICY_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
export const USER_ID = 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e';
export const USER_UPN = 'mac.user@contoso-test.example';
export const USER_PASSWORD = 'Mac-Passw0rd!';
export const ROPG_SCOPE = `api://${API_APP_ID}/jamfconnect openid email profile`;

export const ROLES = {
  ada: '8424c6f0-a189-499e-bbd0-26c1753c96d4',
  aaa: '58a13ea3-c632-46ae-9ee0-9c0d43cd7f3d',
  caa: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
  ga: '62e90394-69f5-4237-9190-012177145e10',
  reportsReader: '4a5d8f65-41da-4de4-8968-e035b65339cf',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
} as const;

const ROLE_NAMES: Record<string, string> = {
  [ROLES.ada]: 'Attribute Definition Administrator',
  [ROLES.aaa]: 'Attribute Assignment Administrator',
  [ROLES.caa]: 'Conditional Access Administrator',
  [ROLES.ga]: 'Global Administrator',
  [ROLES.reportsReader]: 'Reports Reader',
  [ROLES.securityReader]: 'Security Reader',
};

/** Operators: upn → role template ids. */
export const OPERATORS: Record<string, string[]> = {
  'admin@contoso-test.example': [ROLES.ada, ROLES.aaa, ROLES.caa, ROLES.reportsReader],
  'no-ada@contoso-test.example': [ROLES.aaa, ROLES.caa, ROLES.reportsReader],
  'no-aaa@contoso-test.example': [ROLES.ada, ROLES.caa, ROLES.reportsReader],
  // Security Reader: can read the policies (to plan), cannot change them.
  'no-caa@contoso-test.example': [ROLES.ada, ROLES.aaa, ROLES.securityReader, ROLES.reportsReader],
  'ga@contoso-test.example': [ROLES.ga],
};

function operatorId(i: number): string {
  return `c0000000-0000-4000-8000-00000000000${i}`;
}

export function applications(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { includeApplications: ['All'], excludeApplications: [], includeUserActions: [], includeAuthenticationContextClassReferences: [], applicationFilter: null, ...extra };
}

export function makeSnapshot(policyApplications: Record<string, unknown> = applications()): TenantSnapshot {
  const operators = Object.entries(OPERATORS).map(([upn, roles], i) => ({ upn, roles, id: operatorId(i) }));
  return {
    formatVersion: 1,
    meta: { name: 'exemption e2e tenant', generatedAt: '2026-12-01T08:00:00Z' },
    organization: [{ id: TENANT_ID, displayName: 'Contoso Test', verifiedDomains: [{ name: 'contoso-test.example', isDefault: true }] }],
    users: [
      { id: USER_ID, userPrincipalName: USER_UPN, displayName: 'Mac User', accountEnabled: true, userType: 'Member', 'x-emulator': { password: USER_PASSWORD } },
      ...operators.map((o) => ({ id: o.id, userPrincipalName: o.upn, displayName: o.upn.split('@')[0], accountEnabled: true, userType: 'Member', 'x-emulator': { password: 'Operator-1!', operator: true } })),
    ],
    groups: [],
    directoryRoles: Object.entries(ROLE_NAMES).map(([templateId, displayName]) => ({ id: `role-${templateId}`, roleTemplateId: templateId, displayName })),
    transitiveMemberOf: Object.fromEntries(operators.map((o) => [o.id, o.roles.map((r) => ({ '@odata.type': '#microsoft.graph.directoryRole', id: `role-${r}`, roleTemplateId: r, displayName: ROLE_NAMES[r] }))])),
    servicePrincipals: [
      { id: JC_SP_ID, appId: JC_APP_ID, displayName: 'Jamf Connect', servicePrincipalType: 'Application', accountEnabled: true, tags: ['JamfConnect'], customSecurityAttributes: null },
      {
        id: API_SP_ID, appId: API_APP_ID, displayName: 'Jamf Connect - Conditional Access Policy API', servicePrincipalType: 'Application', accountEnabled: true,
        servicePrincipalNames: [`api://${API_APP_ID}`, API_APP_ID],
        oauth2PermissionScopes: [{ id: 'd1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a', value: 'jamfconnect', type: 'User', isEnabled: true }],
        customSecurityAttributes: null,
      },
    ],
    applications: [
      { id: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b', appId: JC_APP_ID, displayName: 'Jamf Connect', isFallbackPublicClient: true },
    ],
    attributeSets: [],
    customSecurityAttributeDefinitions: [],
    conditionalAccessPolicies: [{
      id: POLICY_ID,
      displayName: 'Require compliant device for macOS',
      state: 'enabled',
      createdDateTime: '2026-11-01T09:00:00Z',
      modifiedDateTime: null,
      templateId: null,
      conditions: {
        userRiskLevels: [], signInRiskLevels: [], clientAppTypes: ['all'], servicePrincipalRiskLevels: [],
        platforms: { includePlatforms: ['macOS'], excludePlatforms: [] },
        locations: null, devices: null, clientApplications: null,
        applications: policyApplications,
        users: { includeUsers: [USER_ID], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [] },
      },
      grantControls: { operator: 'OR', builtInControls: ['compliantDevice'], customAuthenticationFactors: [], termsOfUse: [] },
      sessionControls: null,
    }],
    namedLocations: [],
    signIns: [],
  };
}
