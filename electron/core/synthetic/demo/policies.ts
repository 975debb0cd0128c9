/**
 * Conditional Access policies and named locations of the demo tenant — the set such tenants
 * really have (docs/demo-tenant.md explains each and which story it drives).
 */
import type { GraphObject } from '../../snapshot/types.js';
import { ROLE_TEMPLATES } from '../well-known.js';
import { DATES, EXEMPT_FILTER_RULE, IP, LOCATION_NAMES, id } from './constants.js';
import { groupId } from './directory.js';

export const namedLocationId = (key: keyof typeof LOCATION_NAMES): string => id(`namedLocation:${key}`);

export function buildNamedLocations(): GraphObject[] {
  const ip = (key: 'hq' | 'oslo' | 'guestWifi', trusted: boolean, ranges: string[]): GraphObject => ({
    '@odata.type': '#microsoft.graph.ipNamedLocation',
    id: namedLocationId(key),
    displayName: LOCATION_NAMES[key],
    createdDateTime: '2023-02-01T09:00:00Z',
    modifiedDateTime: '2025-06-12T11:00:00Z',
    isTrusted: trusted,
    ipRanges: ranges.map((cidrAddress) => ({
      '@odata.type': cidrAddress.includes(':') ? '#microsoft.graph.iPv6CidrRange' : '#microsoft.graph.iPv4CidrRange',
      cidrAddress,
    })),
  });
  return [
    ip('hq', true, [IP.hqV4, IP.hqV6]),
    ip('oslo', true, [IP.osloV4]),
    ip('guestWifi', false, [IP.guestWifiV4]),
    {
      '@odata.type': '#microsoft.graph.countryNamedLocation',
      id: namedLocationId('allowedCountries'),
      displayName: LOCATION_NAMES.allowedCountries,
      createdDateTime: '2023-02-01T09:05:00Z',
      modifiedDateTime: '2024-10-01T09:05:00Z',
      countriesAndRegions: ['NO', 'SE', 'DK', 'FI', 'DE', 'GB', 'US'],
      includeUnknownCountriesAndRegions: false,
      countryLookupMethod: 'clientIpAddress',
    },
  ];
}

export type PolicyKey = 'ca001' | 'ca002' | 'ca003' | 'ca004' | 'ca010' | 'ca011' | 'ca012' | 'ca020' | 'ca021' | 'ca030' | 'ca099';
export const policyId = (key: PolicyKey): string => id(`policy:${key}`);

interface PolicyInput {
  readonly key: PolicyKey;
  readonly displayName: string;
  readonly description: string;
  readonly state: 'enabled' | 'disabled' | 'enabledForReportingButNotEnforced';
  readonly created: string;
  readonly modified: string;
  readonly users: Partial<Record<'includeUsers' | 'excludeUsers' | 'includeGroups' | 'excludeGroups' | 'includeRoles' | 'excludeRoles', string[]>> & {
    excludeGuestsOrExternalUsers?: GraphObject;
  };
  readonly filter?: GraphObject;
  readonly clientAppTypes?: string[];
  readonly platforms?: string[];
  readonly locations?: { include: string[]; exclude: string[] };
  readonly grant: string[];
}

const breakGlass = [groupId('breakGlass')];

function policy(p: PolicyInput): GraphObject {
  return {
    id: policyId(p.key),
    templateId: null,
    displayName: p.displayName,
    description: p.description,
    createdDateTime: p.created,
    modifiedDateTime: p.modified,
    state: p.state,
    conditions: {
      userRiskLevels: [],
      signInRiskLevels: [],
      clientAppTypes: p.clientAppTypes ?? ['all'],
      servicePrincipalRiskLevels: [],
      insiderRiskLevels: null,
      platforms: p.platforms ? { includePlatforms: p.platforms, excludePlatforms: [] } : null,
      locations: p.locations ? { includeLocations: p.locations.include, excludeLocations: p.locations.exclude } : null,
      devices: null,
      clientApplications: null,
      authenticationFlows: null,
      applications: {
        includeApplications: ['All'],
        excludeApplications: [],
        includeUserActions: [],
        includeAuthenticationContextClassReferences: [],
        applicationFilter: p.filter ?? null,
      },
      users: {
        includeUsers: p.users.includeUsers ?? [],
        excludeUsers: p.users.excludeUsers ?? [],
        includeGroups: p.users.includeGroups ?? [],
        excludeGroups: p.users.excludeGroups ?? [],
        includeRoles: p.users.includeRoles ?? [],
        excludeRoles: p.users.excludeRoles ?? [],
        includeGuestsOrExternalUsers: null,
        excludeGuestsOrExternalUsers: p.users.excludeGuestsOrExternalUsers ?? null,
      },
    },
    grantControls: { operator: 'OR', builtInControls: p.grant, customAuthenticationFactors: [], termsOfUse: [], authenticationStrength: null },
    sessionControls: null,
  };
}

const exemptFilter = { mode: 'exclude', rule: EXEMPT_FILTER_RULE };

const adminRoles = [
  ROLE_TEMPLATES.globalAdministrator.id,
  ROLE_TEMPLATES.conditionalAccessAdministrator.id,
  ROLE_TEMPLATES.securityAdministrator.id,
  ROLE_TEMPLATES.helpdeskAdministrator.id,
  ROLE_TEMPLATES.userAdministrator.id,
  ROLE_TEMPLATES.intuneAdministrator.id,
  ROLE_TEMPLATES.attributeDefinitionAdministrator.id,
  ROLE_TEMPLATES.attributeAssignmentAdministrator.id,
];

const allGuestTypes = {
  guestOrExternalUserTypes: 'internalGuest,b2bCollaborationGuest,b2bCollaborationMember,b2bDirectConnectUser,otherExternalUser,serviceProvider',
  externalTenants: { '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants', membershipKind: 'all' },
};

export const POLICY_INPUTS: readonly PolicyInput[] = [
  {
    key: 'ca001',
    displayName: 'CA001 – Require MFA for all users (all resources)',
    description: 'Baseline MFA. Apps tagged JamfConnect_isExemptMFA = Exempt are excluded by an application filter (added 2025-03 per Jamf\'s guide).',
    state: 'enabled',
    created: '2024-02-12T09:00:00Z',
    modified: '2025-03-06T10:20:00Z',
    users: { includeUsers: ['All'], excludeGroups: breakGlass },
    filter: exemptFilter,
    grant: ['mfa'],
  },
  {
    key: 'ca002',
    displayName: 'CA002 – Block legacy authentication',
    description: 'Exchange ActiveSync and other legacy clients (IMAP, POP, SMTP AUTH) are blocked.',
    state: 'enabled',
    created: '2024-02-12T09:05:00Z',
    modified: '2024-02-12T09:05:00Z',
    users: { includeUsers: ['All'], excludeGroups: breakGlass },
    clientAppTypes: ['exchangeActiveSync', 'other'],
    grant: ['block'],
  },
  {
    key: 'ca003',
    displayName: 'CA003 – Require MFA for administrators',
    description: 'Privileged roles always need MFA, on every resource. No app exclusions.',
    state: 'enabled',
    created: '2024-02-12T09:10:00Z',
    modified: '2025-11-03T14:00:00Z',
    users: { includeRoles: adminRoles, excludeGroups: breakGlass },
    grant: ['mfa'],
  },
  {
    key: 'ca004',
    displayName: 'CA004 – Block access from outside allowed countries',
    description: 'Sign-ins from countries outside the "Allowed countries" named location are blocked.',
    state: 'enabled',
    created: '2024-05-21T08:00:00Z',
    modified: '2024-10-01T09:10:00Z',
    users: { includeUsers: ['All'], excludeGroups: breakGlass },
    locations: { include: ['All'], exclude: [namedLocationId('allowedCountries')] },
    grant: ['block'],
  },
  {
    key: 'ca010',
    displayName: 'CA010 – macOS: require compliant device (pilot)',
    description: 'Pilot ring for macOS compliance. Ran in report-only from 2026-11-04, switched On 2026-11-18. No Jamf Connect exclusion yet.',
    state: 'enabled',
    created: DATES.ca010Created,
    modified: DATES.ca010Enabled,
    users: { includeGroups: [groupId('macPilot')], excludeGroups: breakGlass },
    platforms: ['macOS'],
    grant: ['compliantDevice'],
  },
  {
    key: 'ca011',
    displayName: 'CA011 – Engineering: require compliant device on macOS',
    description: 'Engineering Macs must be compliant. Jamf Connect exempted in 2025 by tagging the Jamf Connect client app.',
    state: 'enabled',
    created: '2025-04-14T12:00:00Z',
    modified: '2025-04-20T08:45:00Z',
    users: { includeGroups: [groupId('engineering')], excludeGroups: breakGlass },
    filter: exemptFilter,
    platforms: ['macOS'],
    grant: ['compliantDevice'],
  },
  {
    key: 'ca012',
    displayName: 'CA012 – Design: require compliant device on macOS (testing Jamf exemption)',
    description: 'Report-only trial with the Jamf Connect exemption filter: sign-ins must show "Report-only: Not applied" before this is switched On.',
    state: 'enabledForReportingButNotEnforced',
    created: '2026-10-20T09:30:00Z',
    modified: '2026-10-27T13:15:00Z',
    users: { includeGroups: [groupId('design')], excludeGroups: breakGlass },
    filter: exemptFilter,
    platforms: ['macOS'],
    grant: ['compliantDevice'],
  },
  {
    key: 'ca020',
    displayName: 'CA020 – Finance: block access outside trusted locations',
    description: 'Finance may only sign in from the offices (trusted named locations).',
    state: 'enabled',
    created: '2025-01-08T10:00:00Z',
    modified: '2025-01-08T10:00:00Z',
    users: { includeGroups: [groupId('finance')], excludeGroups: breakGlass },
    locations: { include: ['All'], exclude: ['AllTrusted'] },
    grant: ['block'],
  },
  {
    key: 'ca021',
    displayName: 'CA021 – Contractors: browser access only',
    description: 'Contractors and partner guests may use the browser only; desktop, mobile and legacy clients are blocked.',
    state: 'enabled',
    created: '2025-02-17T11:00:00Z',
    modified: '2025-02-17T11:00:00Z',
    users: { includeGroups: [groupId('contractors')] },
    clientAppTypes: ['mobileAppsAndDesktopClients', 'exchangeActiveSync', 'other'],
    grant: ['block'],
  },
  {
    key: 'ca030',
    displayName: 'CA030 – Require compliant device for all users (trial)',
    description: 'Report-only trial of tenant-wide device compliance. Guests excluded.',
    state: 'enabledForReportingButNotEnforced',
    created: '2026-10-05T09:00:00Z',
    modified: '2026-10-05T09:00:00Z',
    users: { includeUsers: ['All'], excludeGroups: breakGlass, excludeGuestsOrExternalUsers: allGuestTypes },
    grant: ['compliantDevice'],
  },
  {
    key: 'ca099',
    displayName: 'CA099 – (old) Require approved client app on mobile',
    description: 'Replaced by Intune app protection. Kept disabled for reference.',
    state: 'disabled',
    created: '2023-06-01T09:00:00Z',
    modified: '2025-09-30T15:00:00Z',
    users: { includeUsers: ['All'], excludeGroups: breakGlass },
    platforms: ['android', 'iOS'],
    grant: ['approvedApplication'],
  },
];

export function buildPolicies(): GraphObject[] {
  return POLICY_INPUTS.map(policy);
}
