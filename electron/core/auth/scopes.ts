import type { CloudName } from '../net/clouds.js';

/**
 * Delegated Microsoft Graph permissions, least privilege first (graph-facts §1.4, §2.4, §4.3, §5).
 *
 * READ — asked at sign-in, enough for every diagnosis:
 *   AuditLog.Read.All                       sign-in logs (the least-privileged scope for /auditLogs/signIns)
 *   Directory.Read.All                      users, transitive groups and roles, organization; Microsoft's
 *                                           sign-in docs long required it beside AuditLog.Read.All ("known issue")
 *   Policy.Read.All                         CA policies and named locations, and the appliedConditionalAccessPolicies
 *                                           of each sign-in (silently omitted without it)
 *   Application.Read.All                    service principals (the Jamf Connect apps) by appId
 *   CustomSecAttributeAssignment.Read.All   the exemption attribute on the Jamf Connect app (null without it)
 *   CustomSecAttributeDefinition.Read.All   whether the attribute set / definition exists, its allowed values
 * No write scope is ever requested at sign-in.
 */
export const READ_SCOPES = [
  'AuditLog.Read.All',
  'Directory.Read.All',
  'Policy.Read.All',
  'Application.Read.All',
  'CustomSecAttributeAssignment.Read.All',
  'CustomSecAttributeDefinition.Read.All',
] as const;

/**
 * WRITE — requested by incremental consent only when an operator applies an exemption:
 *   Policy.ReadWrite.ConditionalAccess           add the application-filter exclusion to a policy
 *   CustomSecAttributeAssignment.ReadWrite.All   put the attribute value on the Jamf Connect service principal
 *   CustomSecAttributeDefinition.ReadWrite.All   create the attribute set / definition when missing
 */
export const WRITE_SCOPES = [
  'Policy.ReadWrite.ConditionalAccess',
  'CustomSecAttributeAssignment.ReadWrite.All',
  'CustomSecAttributeDefinition.ReadWrite.All',
] as const;

export type GraphScope = (typeof READ_SCOPES)[number] | (typeof WRITE_SCOPES)[number];

/**
 * Scope strings as sent to the identity platform. Bare names mean Microsoft Graph in the public
 * cloud; national clouds need the resource of their own Graph (https://graph.microsoft.us/…,
 * https://microsoftgraph.chinacloudapi.cn/…).
 */
export function qualifyScopes(scopes: readonly string[], cloud: CloudName, graphBaseUrl: string): string[] {
  if (cloud === 'public' || cloud === 'emulator') return [...scopes];
  const base = graphBaseUrl.replace(/\/+$/, '');
  return scopes.map((s) => (s.includes('://') || s === 'openid' || s === 'profile' || s === 'offline_access' || s === 'email' ? s : `${base}/${s}`));
}
