/**
 * Test helpers over the committed demo tenant: load it once (through the real loader), look
 * things up, and rebuild a Conditional Access SignInContext from a sign-in log row + the
 * directory — the way the diagnosis engine has to, from data only.
 */
import { fileURLToPath } from 'node:url';
import { loadSnapshotFile } from '../../../electron/core/snapshot/load.js';
import type { GraphObject, TenantSnapshot } from '../../../electron/core/snapshot/types.js';
import type { ClientAppType, DevicePlatform, EvaluationDirectory, SignInContext } from '../../../electron/core/policy/types.js';

export const DEMO_PATH = fileURLToPath(new URL('../../../resources/demo-tenant.json', import.meta.url));

let cached: Promise<TenantSnapshot> | null = null;
export function demo(): Promise<TenantSnapshot> {
  cached ??= loadSnapshotFile(DEMO_PATH).then((r) => {
    if (!r.ok) throw new Error(`demo tenant does not load: ${r.error.message}`);
    return r.snapshot;
  });
  return cached;
}

export const userByUpn = (s: TenantSnapshot, upn: string): GraphObject | undefined =>
  s.users.find((u) => String(u.userPrincipalName).toLowerCase() === upn.toLowerCase() || String(u.mail ?? '').toLowerCase() === upn.toLowerCase());

export const signInsOf = (s: TenantSnapshot, userId: string): GraphObject[] =>
  s.signIns.filter((x) => x.userId === userId).sort((a, b) => String(a.createdDateTime).localeCompare(String(b.createdDateTime)));

export const meta = (s: TenantSnapshot): Record<string, any> => s.meta as Record<string, any>;

const CLIENT_APP_TYPES: Record<string, ClientAppType> = {
  Browser: 'browser',
  'Mobile Apps and Desktop clients': 'mobileAppsAndDesktopClients',
  'Exchange ActiveSync': 'exchangeActiveSync',
};
const PLATFORMS: Record<string, DevicePlatform> = { MacOs: 'macOS', Windows10: 'windows', Ios: 'iOS', Android: 'android' };

/** The CA view of a demo sign-in. Scopes: the user's Mac profile for ROPG, a resource scope otherwise. */
export function contextFromSignIn(s: TenantSnapshot, signIn: GraphObject): SignInContext {
  const user = s.users.find((u) => u.id === signIn.userId)!;
  const memberOf = s.transitiveMemberOf[String(user.id)] ?? [];
  const isType = (o: GraphObject, t: string) => String(o['@odata.type']).toLowerCase() === t;
  const device = signIn.deviceDetail as Record<string, any>;
  const location = signIn.location as Record<string, any>;
  const ropg = signIn.authenticationProtocol === 'ropc';
  const mac = (user['x-emulator'] as Record<string, any> | undefined)?.mac;
  return {
    user: { id: String(user.id), userPrincipalName: String(user.userPrincipalName), userType: user.userType === 'Guest' ? 'guest' : 'member', ...(user.userType === 'Guest' ? { externalTenantId: String(signIn.homeTenantId) } : {}) },
    groupIds: memberOf.filter((o) => isType(o, '#microsoft.graph.group')).map((o) => String(o.id)),
    roleTemplateIds: memberOf.filter((o) => isType(o, '#microsoft.graph.directoryrole')).map((o) => String(o.roleTemplateId)),
    clientAppId: String(signIn.appId),
    resourceAppId: String(signIn.resourceId),
    scopes: ropg ? (mac?.ropgScopes as string[]) : ['https://graph.microsoft.com/Files.ReadWrite.All'],
    clientAppType: CLIENT_APP_TYPES[String(signIn.clientAppUsed)] ?? 'other',
    platform: PLATFORMS[String(device.operatingSystem)] ?? 'unknown',
    ipAddress: String(signIn.ipAddress),
    country: String(location.countryOrRegion),
    device: device.deviceId ? { deviceId: device.deviceId, isCompliant: device.isCompliant, trustType: 'AzureAD', operatingSystem: 'Windows' } : null,
    signInRisk: 'none',
    userRisk: 'none',
    capabilities: ropg || signIn.clientAppUsed === 'IMAP'
      ? { interactive: false, mfaSatisfied: false, approvedClientApp: false, compliantClientApp: false }
      : { interactive: true, mfaSatisfied: true, approvedClientApp: false, compliantClientApp: false },
  };
}

/** The directory as it was at `at` (baseline-scope enforcement switched on at a known date). */
export function directoryAt(s: TenantSnapshot, at: string): EvaluationDirectory {
  const since = meta(s).tenantSettings.baselineScopeEnforcementSinceDateTime as string;
  return {
    servicePrincipalsByAppId: new Map(s.servicePrincipals.map((sp) => [String(sp.appId), { appId: String(sp.appId), id: String(sp.id), displayName: String(sp.displayName), customSecurityAttributes: (sp.customSecurityAttributes ?? null) as any }])),
    namedLocations: new Map(s.namedLocations.map((l) => [String(l.id), l])),
    baselineScopeEnforcement: at >= since ? 'enabled' : 'disabled',
  };
}

/** Policies as they stood at `at` (meta.policyHistory records CA010's report-only fortnight). */
export function policiesAt(s: TenantSnapshot, at: string): GraphObject[] {
  const history = (meta(s).policyHistory ?? []) as { policyId: string; changedDateTime: string; state: string }[];
  return s.conditionalAccessPolicies
    .filter((p) => String(p.createdDateTime) <= at)
    .map((p) => {
      const changes = history.filter((h) => h.policyId === p.id && h.changedDateTime <= at);
      return changes.length ? { ...p, state: changes[changes.length - 1]!.state } : p;
    });
}
