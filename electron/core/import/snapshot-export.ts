import { emptySnapshot } from '../snapshot/load.js';
import { SNAPSHOT_FORMAT_VERSION } from '../snapshot/schema.js';
import type { GraphObject, TenantSnapshot } from '../snapshot/types.js';
import type { Store } from '../store/store.js';

export interface ExportOptions {
  readonly tenantId: string;
  /** Only these users' sign-ins and directory data (a case file about one user); default everything. */
  readonly userIds?: readonly string[];
  /** Only sign-ins at or after this instant. */
  readonly since?: string;
  /** Policies as they were at this instant (default: latest). */
  readonly asOf?: string;
  readonly exportedBy?: string;
  readonly note?: string;
  readonly now?: Date;
}

/**
 * The cache of one tenant as a tenant snapshot — the case file a helpdesk agent exports for
 * escalation and a colleague imports (or loads into the emulator to replay). Raw Graph JSON as cached.
 */
export function exportSnapshot(store: Store, options: ExportOptions): TenantSnapshot {
  const { tenantId } = options;
  const now = options.now ?? new Date();
  const snapshot = emptySnapshot();
  const org = store.directory.organization(tenantId);
  if (org) snapshot.organization.push(org.organization);
  const onlyUsers = options.userIds ? new Set(options.userIds) : null;
  const users = store.directory.users(tenantId).filter((u) => !onlyUsers || onlyUsers.has(u.id));
  snapshot.users = users;
  const memberships = store.directory.allMemberships(tenantId);
  const groups = new Map<string, GraphObject>();
  const roles = new Map<string, GraphObject>();
  for (const user of users) {
    const list = memberships[user.id] ?? [];
    snapshot.transitiveMemberOf[user.id] = list;
    for (const m of list) {
      if (typeof m.id !== 'string') continue;
      const type = String(m['@odata.type'] ?? '');
      if (type.endsWith('.group')) groups.set(m.id, m);
      if (type.endsWith('.directoryRole')) roles.set(m.id, m);
    }
  }
  snapshot.groups = [...groups.values()];
  snapshot.directoryRoles = [...roles.values()];
  snapshot.servicePrincipals = store.directory.servicePrincipals(tenantId);
  snapshot.customSecurityAttributeDefinitions = store.directory.attributeDefinitions(tenantId);
  snapshot.attributeSets = [...new Set(snapshot.customSecurityAttributeDefinitions.map((d) => d.attributeSet).filter((s): s is string => typeof s === 'string'))]
    .map((id) => ({ id }));
  snapshot.conditionalAccessPolicies = store.policies.policiesAsOf(tenantId, options.asOf);
  snapshot.namedLocations = store.policies.namedLocations(tenantId);
  const signIns = onlyUsers
    ? [...onlyUsers].flatMap((userId) => store.signIns.forUser({ tenantId, userId, since: options.since }))
    : store.signIns.forTenant({ tenantId, since: options.since });
  snapshot.signIns = signIns;
  snapshot.formatVersion = SNAPSHOT_FORMAT_VERSION;
  snapshot.meta = {
    source: 'Lockout Lens cache export', tenantId, exportedAt: now.toISOString(),
    ...(options.exportedBy ? { exportedBy: options.exportedBy } : {}),
    ...(options.note ? { note: options.note } : {}),
    ...(options.asOf ? { policiesAsOf: options.asOf } : {}),
  };
  return snapshot;
}
