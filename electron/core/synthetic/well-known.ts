/**
 * Microsoft's published identifiers and message texts the generated tenants use. Role template
 * ids are from Microsoft Entra built-in roles (entra-docs permissions-reference.md, checked
 * 2026-12); first-party app ids are Microsoft's fixed application ids.
 */
export const ROLE_TEMPLATES = {
  globalAdministrator: { id: '62e90394-69f5-4237-9190-012177145e10', displayName: 'Global Administrator' },
  conditionalAccessAdministrator: { id: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9', displayName: 'Conditional Access Administrator' },
  securityAdministrator: { id: '194ae4cb-b126-40b2-bd5b-6091b380977d', displayName: 'Security Administrator' },
  attributeAssignmentAdministrator: { id: '58a13ea3-c632-46ae-9ee0-9c0d43cd7f3d', displayName: 'Attribute Assignment Administrator' },
  attributeDefinitionAdministrator: { id: '8424c6f0-a189-499e-bbd0-26c1753c96d4', displayName: 'Attribute Definition Administrator' },
  globalReader: { id: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', displayName: 'Global Reader' },
  reportsReader: { id: '4a5d8f65-41da-4de4-8968-e035b65339cf', displayName: 'Reports Reader' },
  securityReader: { id: '5d6b6bb7-de71-4623-b4af-96380a352509', displayName: 'Security Reader' },
  helpdeskAdministrator: { id: '729827e3-9c14-49f7-bb1b-9608f156bbb8', displayName: 'Helpdesk Administrator' },
  userAdministrator: { id: 'fe930be7-5e62-47db-91af-98c3a49a38b1', displayName: 'User Administrator' },
  intuneAdministrator: { id: '3a2c62db-5318-420d-8d74-23affee5d9d5', displayName: 'Intune Administrator' },
} as const;
export type RoleKey = keyof typeof ROLE_TEMPLATES;

/** Microsoft first-party application ids (service principals present in every tenant). */
export const FIRST_PARTY_APPS = {
  microsoftGraph: { appId: '00000003-0000-0000-c000-000000000000', displayName: 'Microsoft Graph' },
  windowsAzureActiveDirectory: { appId: '00000002-0000-0000-c000-000000000000', displayName: 'Windows Azure Active Directory' },
  exchangeOnline: { appId: '00000002-0000-0ff1-ce00-000000000000', displayName: 'Office 365 Exchange Online' },
  sharePointOnline: { appId: '00000003-0000-0ff1-ce00-000000000000', displayName: 'Office 365 SharePoint Online' },
  microsoftTeams: { appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', displayName: 'Microsoft Teams' },
  officeHome: { appId: '4765445b-32c6-49b0-83e6-1d93765276ca', displayName: 'OfficeHome' },
  microsoftOffice: { appId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', displayName: 'Microsoft Office' },
  azurePortal: { appId: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', displayName: 'Azure Portal' },
} as const;

/** Tenant id Microsoft's own first-party apps are registered in (appOwnerOrganizationId). */
export const MICROSOFT_SERVICES_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

/** Entra ID P1 / P2 service plan ids (AAD_PREMIUM, AAD_PREMIUM_P2). */
export const SERVICE_PLANS = {
  entraIdP1: '41781fb2-bc02-4b7c-bd55-b576c07bb09d',
  entraIdP2: 'eec0eb4f-6444-4f95-aba0-50c24d67f998',
  exchangeOnlinePlan2: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
} as const;

/** OIDC scopes Jamf Connect's ROPG check asks for by default (baseline scopes only). */
export const JAMF_DEFAULT_ROPG_SCOPES = ['openid', 'profile', 'email'] as const;

/** `status` of a sign-in for each AADSTS code the stories use (failureReason as the log shows it). */
export const SIGN_IN_ERRORS: Record<number, { failureReason: string; additionalDetails: string }> = {
  0: { failureReason: 'Other.', additionalDetails: '' },
  50053: {
    failureReason: "The account is locked, you've tried to sign in too many times with an incorrect user ID or password.",
    additionalDetails: 'Smart lockout: the account is temporarily locked to prevent unauthorized use.',
  },
  50055: { failureReason: 'The password is expired.', additionalDetails: "The user's password is expired, and therefore their login or session was ended." },
  50057: { failureReason: 'The user account is disabled.', additionalDetails: 'The account has been disabled by an administrator.' },
  50076: {
    failureReason:
      "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.",
    additionalDetails: 'MFA required in Azure AD',
  },
  50126: { failureReason: 'Error validating credentials due to invalid username or password.', additionalDetails: 'The user didn\'t enter the right credentials.' },
  53000: {
    failureReason: 'Device is not in required device state: compliant. Conditional Access policy requires a compliant device, and the device is not compliant.',
    additionalDetails: 'The user must enroll their device with an approved MDM provider like Intune.',
  },
  53003: {
    failureReason: 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
    additionalDetails: 'Blocked by Conditional Access.',
  },
  7000218: {
    failureReason: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    additionalDetails: 'The application is not configured as a public client: "Allow public client flows" is off.',
  },
};
