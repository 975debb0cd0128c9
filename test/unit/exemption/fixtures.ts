/** Raw Graph-shaped objects for the planner tests, written from the documented shapes (graph-facts §2.1–2.2, §4). */
export const JAMF_APP_ID = '11111111-2222-4333-8444-555555555555';
export const JAMF_SP_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

export function policy(id: string, applications: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    displayName: `Policy ${id}`,
    state: 'enabled',
    createdDateTime: '2026-01-01T00:00:00Z',
    modifiedDateTime: null,
    templateId: null,
    conditions: {
      userRiskLevels: [],
      signInRiskLevels: [],
      clientAppTypes: ['all'],
      servicePrincipalRiskLevels: [],
      platforms: { includePlatforms: ['macOS'], excludePlatforms: [] },
      locations: null,
      devices: null,
      clientApplications: null,
      applications: {
        includeApplications: ['All'],
        excludeApplications: [],
        includeUserActions: [],
        includeAuthenticationContextClassReferences: [],
        applicationFilter: null,
        ...applications,
      },
      users: { includeUsers: ['All'], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [] },
    },
    grantControls: { operator: 'OR', builtInControls: ['compliantDevice'], customAuthenticationFactors: [], termsOfUse: [] },
    sessionControls: null,
    ...extra,
  };
}

export const target = { id: JAMF_SP_ID, appId: JAMF_APP_ID, displayName: 'Jamf Connect', customSecurityAttributes: null };

export const noAttributes = { attributeSet: null, definition: null };

export const existingAttributes = {
  attributeSet: { id: 'LockoutLens', description: 'x', maxAttributesPerSet: null },
  definition: {
    id: 'LockoutLens_JamfConnectExempt', attributeSet: 'LockoutLens', name: 'JamfConnectExempt', type: 'String',
    status: 'Available', isCollection: false, isSearchable: true, usePreDefinedValuesOnly: true,
    allowedValues: [{ id: 'Exempt', isActive: true }],
  },
};

export const OUR_RULE = 'CustomSecurityAttribute.LockoutLens_JamfConnectExempt -eq "Exempt"';
