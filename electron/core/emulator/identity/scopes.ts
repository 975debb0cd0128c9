/**
 * Scope strings → one resource and its scopes, as the v2 endpoint reads them: OIDC scopes
 * (openid profile email offline_access) ride along with the scopes of exactly one resource;
 * `https://graph.microsoft.com/X`, `00000003-…/X` and bare `X` are Graph; `api://<app>/<scope>` is
 * the tenant's own API (Jamf's "Conditional Access Policy API" app). Baseline-only requests get a
 * Graph token (graph-facts §2.9: CA still evaluates them, against WAAD, when policies exclude resources).
 */
import type { GraphObject } from '../../snapshot/types.js';
import { WELL_KNOWN_APP_IDS } from '../../policy/types.js';
import type { EmulatorState } from '../state.js';

export const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
const GRAPH_PREFIXES = ['https://graph.microsoft.com/', `${WELL_KNOWN_APP_IDS.microsoftGraph}/`];

/**
 * Delegated Graph permissions the emulator knows (the ones this app and Jamf Connect use, plus
 * neighbours a tenant admin might consent to). An unknown name is AADSTS650053 like Entra.
 */
export const GRAPH_DELEGATED_SCOPES: readonly string[] = [
  'User.Read', 'User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'People.Read', 'People.Read.All',
  'Directory.Read.All', 'Directory.ReadWrite.All', 'Directory.AccessAsUser.All', 'Group.Read.All', 'GroupMember.Read.All',
  'Member.Read.Hidden', 'Organization.Read.All', 'AuditLog.Read.All', 'Reports.Read.All',
  'Policy.Read.All', 'Policy.Read.ConditionalAccess', 'Policy.ReadWrite.ConditionalAccess',
  'Application.Read.All', 'Application.ReadWrite.All', 'RoleManagement.Read.Directory', 'RoleManagement.Read.All',
  'CustomSecAttributeDefinition.Read.All', 'CustomSecAttributeDefinition.ReadWrite.All',
  'CustomSecAttributeAssignment.Read.All', 'CustomSecAttributeAssignment.ReadWrite.All',
  'IdentityRiskyUser.Read.All', 'IdentityRiskEvent.Read.All', 'Agreement.Read.All', 'DeviceManagementManagedDevices.Read.All',
  'Device.Read.All',
];
const GRAPH_SCOPE_BY_LOWER = new Map(GRAPH_DELEGATED_SCOPES.map((s) => [s.toLowerCase(), s]));

export interface ResolvedScopes {
  /** appId of the audience. */
  readonly resourceAppId: string;
  readonly resourceDisplayName: string;
  /** How the client wrote resource scopes: used to echo them back in the same form (MSAL cache keys). */
  readonly resourcePrefix: string;
  /** Canonical resource scope names (no prefix), e.g. AuditLog.Read.All or jamfconnect. */
  readonly resourceScopes: string[];
  readonly oidcScopes: string[];
  /** `.default` was asked for. */
  readonly defaultScope: boolean;
  /** The scopes exactly as the request listed them (drives the evaluator's baseline-scope rule). */
  readonly requested: string[];
}

export type ScopeProblem = { code: number; params: Record<string, string> };

export function splitScopes(raw: string | null | undefined): string[] {
  return (raw ?? '').split(/[\s+]+/).map((s) => s.trim()).filter(Boolean);
}

export function resolveScopes(state: EmulatorState, requested: readonly string[], clientName: string): ResolvedScopes | ScopeProblem {
  const oidc: string[] = [];
  let resource: { appId: string; name: string; prefix: string; sp?: GraphObject } | undefined;
  const scopes: string[] = [];
  let defaultScope = false;
  for (const s of requested) {
    if (OIDC_SCOPES.has(s.toLowerCase())) { oidc.push(s.toLowerCase()); continue; }
    let target: { appId: string; name: string; prefix: string; sp?: GraphObject };
    let name: string;
    const graphPrefix = GRAPH_PREFIXES.find((p) => s.toLowerCase().startsWith(p.toLowerCase()));
    if (graphPrefix || !s.includes('/')) {
      name = graphPrefix ? s.slice(graphPrefix.length) : s;
      target = { appId: WELL_KNOWN_APP_IDS.microsoftGraph, name: 'Microsoft Graph', prefix: graphPrefix ?? '' };
    } else {
      const cut = s.lastIndexOf('/');
      const resourceUri = s.slice(0, cut);
      name = s.slice(cut + 1);
      const sp = state.findServicePrincipalByResource(resourceUri);
      if (!sp || typeof sp.appId !== 'string') return { code: 500011, params: { resource: resourceUri, tenant: state.tenantId } };
      target = { appId: sp.appId, name: typeof sp.displayName === 'string' ? sp.displayName : sp.appId, prefix: `${resourceUri}/`, sp };
    }
    if (resource && resource.appId !== target.appId) return { code: 28000, params: {} };
    resource ??= target;
    if (name === '.default') { defaultScope = true; continue; }
    if (target.appId === WELL_KNOWN_APP_IDS.microsoftGraph) {
      const canonical = GRAPH_SCOPE_BY_LOWER.get(name.toLowerCase());
      if (!canonical) return { code: 650053, params: { appName: clientName, scope: name, resource: WELL_KNOWN_APP_IDS.microsoftGraph } };
      scopes.push(canonical);
    } else {
      const published = Array.isArray(target.sp?.oauth2PermissionScopes) ? (target.sp!.oauth2PermissionScopes as { value?: unknown }[]) : null;
      if (published && published.length > 0 && !published.some((p) => typeof p.value === 'string' && p.value.toLowerCase() === name.toLowerCase())) {
        return { code: 650053, params: { appName: clientName, scope: name, resource: target.appId } };
      }
      scopes.push(name);
    }
  }
  const r = resource ?? { appId: WELL_KNOWN_APP_IDS.microsoftGraph, name: 'Microsoft Graph', prefix: '' };
  return {
    resourceAppId: r.appId,
    resourceDisplayName: r.name,
    resourcePrefix: r.prefix,
    resourceScopes: [...new Set(scopes)],
    oidcScopes: [...new Set(oidc)],
    defaultScope,
    requested: [...requested],
  };
}

export function isScopeProblem(r: ResolvedScopes | ScopeProblem): r is ScopeProblem {
  return 'code' in r;
}
