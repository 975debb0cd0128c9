/**
 * One user's slice of a tenant profile's cache as a tenant snapshot: what the offline tools that
 * work on snapshots (the evaluator, what-if) need — the user, their memberships, the policies,
 * named locations and service principals as last synced — without a network call.
 */
import { AppError } from '../graph/app-error.js';
import { exportSnapshot } from '../import/snapshot-export.js';
import type { TenantSnapshot } from '../snapshot/types.js';
import { withWorkspace, type ProfileLocation } from './workspace.js';

export interface CacheSnapshotOptions extends ProfileLocation {
  readonly user: string;
}

export function userSnapshotFromCache(options: CacheSnapshotOptions): Promise<TenantSnapshot> {
  return withWorkspace(options, async (ws) => {
    const tenantId = await ws.tenantId();
    const user = ws.store.directory.user(tenantId, options.user.trim());
    const id = user && typeof user.id === 'string' ? user.id : null;
    if (!id) {
      throw new AppError('invalid_input', `no user '${options.user}' in the cache of profile '${ws.profile.name}': run 'lockout-lens sync --profile ${ws.profile.name} --user ${options.user}' first`);
    }
    return exportSnapshot(ws.store, { tenantId, userIds: [id] });
  });
}
