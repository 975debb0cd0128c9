/**
 * Apps of the demo tenant: Microsoft first-party service principals, the Jamf Connect client
 * (public client flows on), Jamf's custom "Conditional Access Policy API" app (exposes the
 * `jamfconnect` scope), a second Jamf Connect registration for the lab with public client flows
 * OFF (the AADSTS7000218 story), the Lockout Lens client itself, and the custom security
 * attribute the tenant already uses to exempt apps (set `JamfConnect`, attribute `isExemptMFA`).
 */
import type { GraphObject } from '../../snapshot/types.js';
import { FIRST_PARTY_APPS, MICROSOFT_SERVICES_TENANT_ID } from '../well-known.js';
import {
  EXEMPT_ATTRIBUTE,
  JAMF_API_APP_ID,
  JAMF_CLIENT_APP_ID,
  JAMF_LAB_CLIENT_APP_ID,
  LOCKOUT_LENS_APP_ID,
  TENANT_ID,
  id,
} from './constants.js';

export const JAMF_API_SCOPE_ID = id('scope:jamfconnect');
/** Microsoft Graph delegated permission User.Read (Graph permissions reference). */
const GRAPH_USER_READ_SCOPE_ID = 'e1fe6dd8-ba31-4d61-89e7-88639da4683d';

export const APP_NAMES = {
  jamfClient: 'Jamf Connect',
  jamfApi: 'Jamf Connect – Conditional Access Policy API',
  jamfLab: 'Jamf Connect (Lab Macs)',
  lockoutLens: 'Lockout Lens',
} as const;

const exemptValue = {
  [EXEMPT_ATTRIBUTE.set]: { '@odata.type': '#microsoft.graph.customSecurityAttributeValue', [EXEMPT_ATTRIBUTE.name]: EXEMPT_ATTRIBUTE.value },
};

function firstPartySp(app: { appId: string; displayName: string }): GraphObject {
  return {
    id: id(`sp:${app.appId}`),
    appId: app.appId,
    displayName: app.displayName,
    appOwnerOrganizationId: MICROSOFT_SERVICES_TENANT_ID,
    servicePrincipalType: 'Application',
    accountEnabled: true,
    appRoleAssignmentRequired: false,
    tags: [],
    customSecurityAttributes: null,
  };
}

function tenantSp(appId: string, displayName: string, csa: GraphObject | null, tags: string[] = ['WindowsAzureActiveDirectoryIntegratedApp']): GraphObject {
  return {
    id: id(`sp:${appId}`),
    appId,
    displayName,
    appOwnerOrganizationId: TENANT_ID,
    servicePrincipalType: 'Application',
    accountEnabled: true,
    appRoleAssignmentRequired: false,
    tags,
    customSecurityAttributes: csa,
  };
}

export const spObjectId = (appId: string): string => id(`sp:${appId}`);

export function buildServicePrincipals(): GraphObject[] {
  return [
    ...Object.values(FIRST_PARTY_APPS).map(firstPartySp),
    // Tagged in 2025 following Jamf's article (tag on the client app) — still there.
    tenantSp(JAMF_CLIENT_APP_ID, APP_NAMES.jamfClient, exemptValue),
    // Tagged when the tenant moved to the custom-API ROPG scope (Jamf's current guidance).
    tenantSp(JAMF_API_APP_ID, APP_NAMES.jamfApi, exemptValue),
    tenantSp(JAMF_LAB_CLIENT_APP_ID, APP_NAMES.jamfLab, null),
    tenantSp(LOCKOUT_LENS_APP_ID, APP_NAMES.lockoutLens, null),
  ];
}

function application(appId: string, displayName: string, extra: GraphObject): GraphObject {
  return {
    id: id(`application:${appId}`),
    appId,
    displayName,
    signInAudience: 'AzureADMyOrg',
    createdDateTime: '2025-03-04T10:00:00Z',
    identifierUris: [],
    isFallbackPublicClient: false,
    publicClient: { redirectUris: [] },
    web: { redirectUris: [], implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false } },
    api: { oauth2PermissionScopes: [], requestedAccessTokenVersion: 2 },
    requiredResourceAccess: [],
    ...extra,
  };
}

const jamfRequiredAccess = [
  { resourceAppId: JAMF_API_APP_ID, resourceAccess: [{ id: JAMF_API_SCOPE_ID, type: 'Scope' }] },
  { resourceAppId: FIRST_PARTY_APPS.microsoftGraph.appId, resourceAccess: [{ id: GRAPH_USER_READ_SCOPE_ID, type: 'Scope' }] },
];

export function buildApplications(): GraphObject[] {
  return [
    application(JAMF_CLIENT_APP_ID, APP_NAMES.jamfClient, {
      description: 'Jamf Connect – OIDC endpoint (login window and menu bar). ROPG password checks use this client id.',
      isFallbackPublicClient: true,
      publicClient: { redirectUris: ['https://127.0.0.1/jamfconnect'] },
      requiredResourceAccess: jamfRequiredAccess,
    }),
    application(JAMF_API_APP_ID, APP_NAMES.jamfApi, {
      description: "Jamf's custom API app: the ROPG resource that Conditional Access can exclude. No redirect URI, no public client flows.",
      identifierUris: [`api://${JAMF_API_APP_ID}`],
      api: {
        requestedAccessTokenVersion: 2,
        oauth2PermissionScopes: [
          {
            id: JAMF_API_SCOPE_ID,
            value: 'jamfconnect',
            type: 'User',
            isEnabled: true,
            adminConsentDisplayName: 'Jamf Connect access',
            adminConsentDescription: 'Lets Jamf Connect verify the user password against this API.',
            userConsentDisplayName: 'Jamf Connect access',
            userConsentDescription: 'Lets Jamf Connect verify your password.',
          },
        ],
      },
    }),
    application(JAMF_LAB_CLIENT_APP_ID, APP_NAMES.jamfLab, {
      description: 'Second Jamf Connect registration for the lab Macs — created without "Allow public client flows".',
      createdDateTime: '2026-11-13T14:00:00Z',
      isFallbackPublicClient: false,
      publicClient: { redirectUris: ['https://127.0.0.1/jamfconnect'] },
      requiredResourceAccess: jamfRequiredAccess,
    }),
    application(LOCKOUT_LENS_APP_ID, APP_NAMES.lockoutLens, {
      description: 'Lockout Lens desktop app (system browser + PKCE, device code fallback).',
      isFallbackPublicClient: true,
      publicClient: { redirectUris: ['http://localhost'] },
    }),
  ];
}

export function buildAttributeSets(): GraphObject[] {
  return [{ id: EXEMPT_ATTRIBUTE.set, description: 'Attributes that exempt apps from Conditional Access policies (Jamf Connect).', maxAttributesPerSet: 25 }];
}

export function buildAttributeDefinitions(): GraphObject[] {
  return [
    {
      id: `${EXEMPT_ATTRIBUTE.set}_${EXEMPT_ATTRIBUTE.name}`,
      attributeSet: EXEMPT_ATTRIBUTE.set,
      name: EXEMPT_ATTRIBUTE.name,
      description: 'Exempt from MFA and device policies (value Exempt).',
      type: 'String',
      status: 'Available',
      isCollection: false,
      isSearchable: true,
      usePreDefinedValuesOnly: true,
      // Graph returns these only with $expand=allowedValues; the snapshot keeps them inline.
      allowedValues: [{ id: EXEMPT_ATTRIBUTE.value, isActive: true }],
    },
  ];
}
