/**
 * Building the evaluator's inputs from plain Graph JSON: the signing-in user, the directory (SPs by
 * appId, named locations), the resource a set of scopes targets, and the SignInContext of Jamf
 * Connect's next password check. Shared by the diagnosis prediction, what-if and `lockout-lens evaluate`.
 */
import { profileScopes } from '../policy/scopes.js';
import { WELL_KNOWN_APP_IDS } from '../policy/types.js';
import type { DeviceProperties, EvaluationDirectory, ServicePrincipalInfo, SignInContext, SignInUser } from '../policy/types.js';
import { isObj, sameId, str, strList } from './read.js';
import type { Attempt, RawJson } from './types.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Jamf Connect's default ROPG scopes (graph-facts §7). */
export const DEFAULT_ROPG_SCOPES: readonly string[] = ['openid', 'profile', 'email'];

/** Scopes as a user types them: space-, comma- or "+"-separated (Jamf profiles use "+"). */
export function splitScopes(text: string): string[] {
  return text.split(/[\s+,]+/).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** True when every scope is a baseline scope — the evaluator's own definition (policy/scopes.ts). */
export function isBaselineOnly(scopes: readonly string[]): boolean {
  return profileScopes(scopes).onlyBaseline;
}

/**
 * The resource a scope list targets: the first scope with a resource prefix (`api://<appId>/x`,
 * `api://<identifier-uri>/x`, `https://…/x`) decides; bare scopes (openid, User.Read) mean Graph.
 */
export function resourceForScopes(scopes: readonly string[], servicePrincipals: readonly RawJson[]): string {
  for (const scope of scopes) {
    const slash = scope.lastIndexOf('/');
    if (slash <= 0 || !/^[a-z][a-z0-9+.-]*:\/\//i.test(scope)) continue;
    const resourceUri = scope.slice(0, slash);
    const bare = resourceUri.replace(/^api:\/\//i, '');
    if (GUID.test(bare)) return bare.toLowerCase();
    if (/^https:\/\/graph\.microsoft\.com$/i.test(resourceUri)) return WELL_KNOWN_APP_IDS.microsoftGraph;
    const sp = servicePrincipals.find((s) => (strList(s, 'servicePrincipalNames') ?? []).some((n) => n.toLowerCase() === resourceUri.toLowerCase()));
    const appId = sp ? str(sp, 'appId') : null;
    if (appId) return appId;
  }
  return WELL_KNOWN_APP_IDS.microsoftGraph;
}

/** Does the scope list ask for the given app's API (`api://<appId>/…` or one of its identifier URIs)? */
export function scopesTarget(scopes: readonly string[], appId: string, servicePrincipals: readonly RawJson[]): boolean {
  return sameId(resourceForScopes(scopes, servicePrincipals), appId);
}

/**
 * The user as the users condition sees it. Graph's user object does not name the external-user kind;
 * an `#EXT#` UPN marks a B2B account from another tenant (collaboration guest, or member when its
 * userType is Member), a Guest without it is an internal guest — Entra's definitions of those types.
 */
export function signInUserOf(user: RawJson): SignInUser {
  const guest = (str(user, 'userType') ?? '').toLowerCase() === 'guest';
  const upn = str(user, 'userPrincipalName');
  const external = !!upn && upn.toUpperCase().includes('#EXT#');
  const kind = guest ? (external ? 'b2bCollaborationGuest' : 'internalGuest') : external ? 'b2bCollaborationMember' : null;
  return {
    id: str(user, 'id') ?? '',
    ...(upn ? { userPrincipalName: upn } : {}),
    userType: guest ? 'guest' : 'member',
    ...(kind ? { guestOrExternalUserType: kind } : {}),
  };
}

/** Group ids and role template ids out of transitiveMemberOf (roles are matched by template id). */
export function membershipIds(memberships: readonly RawJson[]): { groupIds: string[]; roleTemplateIds: string[] } {
  const groupIds: string[] = [];
  const roleTemplateIds: string[] = [];
  for (const m of memberships) {
    const type = (str(m, '@odata.type') ?? '').toLowerCase();
    if (type.endsWith('directoryrole') || str(m, 'roleTemplateId')) {
      const t = str(m, 'roleTemplateId');
      if (t) roleTemplateIds.push(t);
    } else if (type === '' || type.endsWith('.group')) {
      const id = str(m, 'id');
      if (id) groupIds.push(id);
    }
  }
  return { groupIds, roleTemplateIds };
}

export function buildDirectory(
  servicePrincipals: readonly RawJson[],
  namedLocations: readonly RawJson[],
  options: { baselineScopeEnforcement?: 'enabled' | 'disabled'; baselineScopePlaceholderAppId?: string } = {},
): EvaluationDirectory {
  const sps = new Map<string, ServicePrincipalInfo>();
  for (const sp of servicePrincipals) {
    const appId = str(sp, 'appId');
    if (!appId) continue;
    const csa = sp['customSecurityAttributes'];
    const info: ServicePrincipalInfo = {
      appId,
      ...(str(sp, 'id') ? { id: str(sp, 'id')! } : {}),
      ...(str(sp, 'displayName') ? { displayName: str(sp, 'displayName')! } : {}),
      ...(csa === null ? { customSecurityAttributes: null } : isObj(csa) ? { customSecurityAttributes: csa as ServicePrincipalInfo['customSecurityAttributes'] } : {}),
    };
    // The evaluator looks resources up by appId; keep both spellings so a case difference cannot hide an SP.
    sps.set(appId, info);
    sps.set(appId.toLowerCase(), info);
  }
  const locations = new Map<string, RawJson>();
  for (const loc of namedLocations) {
    const id = str(loc, 'id');
    if (id) locations.set(id, loc);
  }
  return {
    servicePrincipalsByAppId: sps,
    namedLocations: locations,
    ...(options.baselineScopeEnforcement ? { baselineScopeEnforcement: options.baselineScopeEnforcement } : {}),
    ...(options.baselineScopePlaceholderAppId ? { baselineScopePlaceholderAppId: options.baselineScopePlaceholderAppId } : {}),
  };
}

/** Device filter properties of the registered device a sign-in named. */
export function deviceFromAttempt(device: Attempt['device']): DeviceProperties | null {
  if (!device) return null;
  return {
    deviceId: device.deviceId,
    displayName: device.displayName,
    operatingSystem: device.operatingSystem,
    isCompliant: device.isCompliant === null ? null : device.isCompliant ? 'True' : 'False',
    trustType: device.trustType,
  };
}

export interface JamfCheckContextInput {
  readonly user: RawJson;
  readonly memberships: readonly RawJson[];
  readonly clientAppId: string;
  readonly resourceAppId: string | null;
  readonly scopes: readonly string[];
  readonly latest: Attempt | null;
}

/**
 * The next Jamf Connect password check as CA will see it: a public desktop client doing ROPG on an
 * unregistered Mac (unless the latest sign-in named a device), from the latest sign-in's IP and
 * country, unable to show any UI. Risk is assumed none: a future sign-in's risk is not knowable.
 */
export function jamfCheckContext(input: JamfCheckContextInput): SignInContext {
  const { groupIds, roleTemplateIds } = membershipIds(input.memberships);
  return {
    user: signInUserOf(input.user),
    groupIds,
    roleTemplateIds,
    clientAppId: input.clientAppId,
    resourceAppId: input.resourceAppId,
    scopes: input.scopes,
    clientAppType: 'mobileAppsAndDesktopClients',
    platform: 'macOS',
    ipAddress: input.latest?.ipAddress ?? null,
    country: input.latest?.country ?? null,
    device: deviceFromAttempt(input.latest?.device ?? null),
    signInRisk: 'none',
    userRisk: 'none',
    authenticationFlow: null,
    capabilities: { interactive: false, mfaSatisfied: false, approvedClientApp: false, compliantClientApp: false },
  };
}
