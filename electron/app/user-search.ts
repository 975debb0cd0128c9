/**
 * The people picker on a live tenant: the cache answers first (works offline), then — when signed
 * in — Graph's users whose UPN or display name starts with the query. Results are merged by object
 * id, cached users first, so a user synced earlier keeps their place.
 */
import type { UserSummary } from '../contract/schemas.js';
import type { AppContext } from './context.js';
import { reachTenant, type LiveRuntime } from './live-session.js';

type RawUser = Record<string, unknown>;

function summary(u: RawUser): UserSummary | null {
  const id = typeof u.id === 'string' ? u.id : '';
  if (!id) return null;
  const upn = typeof u.userPrincipalName === 'string' ? u.userPrincipalName : '';
  const name = typeof u.displayName === 'string' && u.displayName ? u.displayName : upn;
  return { id, userPrincipalName: upn, displayName: name || id, accountEnabled: typeof u.accountEnabled === 'boolean' ? u.accountEnabled : null };
}

export async function searchLiveUsers(ctx: AppContext, r: LiveRuntime, query: string, limit: number): Promise<UserSummary[]> {
  const q = query.trim();
  const cached = r.tenantId ? r.live.workspace.store.directory.searchUsers(r.tenantId, q, limit) : [];
  let remote: RawUser[] = [];
  if (q && r.account) {
    try {
      remote = await reachTenant(ctx, r, (ws) => ws.graph.searchUsers(q, limit));
    } catch (error) {
      // The cache still answers; the connectivity flag (reachTenant) already tells the UI when it was the network.
      ctx.ports.log.warn('user search in the tenant failed; answering from the cache', { code: (error as { code?: string }).code });
    }
  }
  const seen = new Set<string>();
  const out: UserSummary[] = [];
  for (const u of [...cached, ...remote]) {
    const s = summary(u);
    if (!s || seen.has(s.id.toLowerCase())) continue;
    seen.add(s.id.toLowerCase());
    out.push(s);
    if (out.length >= limit) break;
  }
  return out;
}
