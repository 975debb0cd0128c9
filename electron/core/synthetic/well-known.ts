/**
 * Microsoft's published identifiers and message texts the generated tenants use. Role template
 * ids are from Microsoft Entra built-in roles (entra-docs permissions-reference.md, checked
 * 2026-12); first-party app ids are Microsoft's fixed application ids.
 */
import { pickRoles } from '../directory-roles.js';
export const ROLE_TEMPLATES = pickRoles([
  'globalAdministrator',
  'conditionalAccessAdministrator',
  'securityAdministrator',
  'attributeAssignmentAdministrator',
  'attributeDefinitionAdministrator',
  'globalReader',
  'reportsReader',
  'securityReader',
  'helpdeskAdministrator',
  'userAdministrator',
  'intuneAdministrator',
]);
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
