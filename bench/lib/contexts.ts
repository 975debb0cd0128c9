/**
 * Turns generated sign-in log rows into the evaluator's SignInContext, so the evaluator benchmark
 * runs on the mix of clients, platforms, networks and devices a real tenant's log holds (browser
 * sign-ins, desktop apps, Jamf Connect ROPG checks…) rather than one repeated context. The user
 * part comes from the project's own diagnosis helpers (signInUserOf, membershipIds); only the
 * mapping of log fields to context fields is bench glue — the project has no "log row → context"
 * function because the diagnosis builds contexts for the *next* check, not past rows.
 */
import { membershipIds, signInUserOf } from '../../electron/core/diagnosis/context.js';
import type { RawJson } from '../../electron/core/diagnosis/types.js';
import type { ClientAppType, DevicePlatform, RiskLevel, SignInContext } from '../../electron/core/policy/types.js';

const obj = (o: RawJson, key: string): RawJson => {
  const v = o[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as RawJson) : {};
};
const str = (o: RawJson, key: string): string | null => (typeof o[key] === 'string' ? (o[key] as string) : null);

function clientAppType(used: string | null): ClientAppType {
  switch ((used ?? '').toLowerCase()) {
    case 'browser': return 'browser';
    case 'mobile apps and desktop clients': return 'mobileAppsAndDesktopClients';
    case 'exchange activesync': return 'exchangeActiveSync';
    default: return 'other';
  }
}

function platform(os: string | null): DevicePlatform {
  const v = (os ?? '').toLowerCase();
  if (v.startsWith('mac')) return 'macOS';
  if (v.startsWith('windows phone')) return 'windowsPhone';
  if (v.startsWith('windows')) return 'windows';
  if (v.startsWith('ios') || v.startsWith('ipad')) return 'iOS';
  if (v.startsWith('android')) return 'android';
  if (v.startsWith('linux') || v.startsWith('ubuntu')) return 'linux';
  return 'unknown';
}

function risk(v: string | null): RiskLevel {
  return v === 'low' || v === 'medium' || v === 'high' ? v : 'none';
}

export interface ContextSource {
  readonly usersById: ReadonlyMap<string, RawJson>;
  /** user id → transitiveMemberOf objects. */
  readonly memberships: Readonly<Record<string, readonly RawJson[]>>;
  /** Client app ids that ask only for baseline scopes (Jamf Connect's ROPG check). */
  readonly baselineScopeClients: ReadonlySet<string>;
}

/** null when the row names a user the directory does not hold (then there is nothing to evaluate). */
export function contextFromSignIn(row: RawJson, src: ContextSource): SignInContext | null {
  const userId = str(row, 'userId');
  const user = userId ? src.usersById.get(userId) : undefined;
  if (!user || !userId) return null;
  const { groupIds, roleTemplateIds } = membershipIds(src.memberships[userId] ?? []);
  const appId = str(row, 'appId') ?? '';
  const resource = str(row, 'resourceId');
  const device = obj(row, 'deviceDetail');
  const deviceId = str(device, 'deviceId');
  const ropg = str(row, 'authenticationProtocol') === 'ropc';
  const type = clientAppType(str(row, 'clientAppUsed'));
  return {
    user: signInUserOf(user),
    groupIds,
    roleTemplateIds,
    clientAppId: appId,
    resourceAppId: resource,
    scopes: src.baselineScopeClients.has(appId.toLowerCase()) ? ['openid', 'profile', 'email'] : [`${resource ?? appId}/.default`],
    clientAppType: type,
    platform: platform(str(device, 'operatingSystem')),
    ipAddress: str(row, 'ipAddress'),
    country: str(obj(row, 'location'), 'countryOrRegion'),
    device: deviceId ? {
      deviceId,
      displayName: str(device, 'displayName'),
      operatingSystem: str(device, 'operatingSystem'),
      isCompliant: device['isCompliant'] === true ? 'True' : 'False',
      trustType: str(device, 'trustType'),
    } : null,
    signInRisk: risk(str(row, 'riskLevelDuringSignIn')),
    userRisk: risk(str(row, 'riskLevelAggregated')),
    authenticationFlow: null,
    capabilities: { interactive: !ropg && type === 'browser', mfaSatisfied: false, approvedClientApp: false, compliantClientApp: false },
  };
}
