import type { TenantSnapshot } from '../../../electron/core/snapshot/types.js';
import { JAMF_CONNECT_APP } from './harness.js';

/**
 * Adds `count` Jamf Connect sign-ins to a snapshot, spread over the last `days` days (ending a
 * minute ago), deterministic ids, several sharing a second so window edges get exercised.
 */
export function withBulkSignIns(snapshot: TenantSnapshot, count: number, days = 30, now = Date.now()): TenantSnapshot {
  const users = snapshot.users.filter((u) => typeof u.id === 'string').slice(0, 20);
  const span = days * 86_400_000 - 120_000;
  const signIns = Array.from({ length: count }, (_, i) => {
    const user = users[i % users.length]!;
    const t = now - 60_000 - Math.floor((i / count) * span / 1000) * 1000;
    return {
      id: `bulk-${String(i).padStart(6, '0')}-0000-4000-8000-000000000000`,
      createdDateTime: new Date(t).toISOString().replace('.000Z', 'Z'),
      userId: user.id, userPrincipalName: String(user.userPrincipalName).toLowerCase(), userDisplayName: user.displayName,
      appId: JAMF_CONNECT_APP, appDisplayName: 'Jamf Connect',
      resourceId: '00000003-0000-0000-c000-000000000000', resourceDisplayName: 'Microsoft Graph',
      isInteractive: i % 3 !== 0, signInEventTypes: [i % 3 !== 0 ? 'interactiveUser' : 'nonInteractiveUser'],
      authenticationProtocol: 'ropc', clientAppUsed: 'Mobile Apps and Desktop clients',
      conditionalAccessStatus: i % 5 === 0 ? 'failure' : 'success',
      status: { errorCode: i % 5 === 0 ? 53003 : 0 },
      appliedConditionalAccessPolicies: [],
      correlationId: `c-${i}`,
    };
  });
  return { ...snapshot, signIns: [...snapshot.signIns, ...signIns] };
}
