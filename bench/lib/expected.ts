/**
 * Independent expectations read straight from the cache with SQL (not through the code under
 * test), so a diagnosis that silently drops or invents attempts fails its check.
 */
import type { Store } from '../../electron/core/store/store.js';

/** Jamf Connect attempts = distinct correlation ids of the user's rows of these apps in [since, until]. */
export function expectedAttempts(store: Store, tenantId: string, userId: string, appIds: readonly string[], since: string, until: string): number {
  const row = store.db.prepare(`SELECT count(DISTINCT coalesce(correlation_id, id)) AS n FROM sign_ins
    WHERE tenant_id = ? AND user_id = ? AND created_at >= ? AND created_at <= ?
      AND app_id IN (SELECT lower(value) FROM json_each(?))`).get(tenantId, userId, since, until, JSON.stringify(appIds)) as { n: number };
  return row.n;
}
