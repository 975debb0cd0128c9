import type { GraphResources } from '../graph/resources.js';
import type { RawObject, RawSignIn } from '../store/index.js';
import type { Store } from '../store/store.js';
import { refreshDiagnosisDirectory } from './diagnosis-refresh.js';
import { syncUser } from './directory-sync.js';
import { readWithFallback, type Read, type ReadMode } from './offline.js';
import { syncUserSignIns, userSignInsResource } from './targeted-sync.js';

/**
 * The reads the diagnosis and the UI make, each honouring a ReadMode: from Graph when online
 * (refreshing the cache), from the cache when offline or when Graph fails — always saying which.
 */
export class DataReader {
  constructor(private readonly store: Store, private readonly tenantId: string,
    private readonly graph: GraphResources | null, private readonly now: () => Date = () => new Date()) {}

  userSignIns(q: { userId?: string; upn?: string; appIds: readonly string[]; days: number; signal?: AbortSignal },
    mode: ReadMode): Promise<Read<RawSignIn[]>> {
    const since = new Date(this.now().getTime() - q.days * 86_400_000).toISOString();
    return readWithFallback({
      mode: this.effective(mode), now: this.now,
      cachedAsOf: () => this.store.syncState.freshness(this.tenantId, userSignInsResource(q)),
      readCache: () => this.store.signIns.forUser({ tenantId: this.tenantId, userId: q.userId, upn: q.upn, appIds: q.appIds, since }),
      refresh: async () => (await syncUserSignIns({
        store: this.store, graph: this.graph!, tenantId: this.tenantId, appIds: q.appIds,
        user: { id: q.userId, upn: q.upn }, days: q.days, now: this.now, signal: q.signal,
      })).asOf,
    });
  }

  user(idOrUpn: string, mode: ReadMode, signal?: AbortSignal): Promise<Read<{ user: RawObject | null; memberships: RawObject[] }>> {
    const cached = () => this.store.directory.user(this.tenantId, idOrUpn);
    return readWithFallback({
      mode: this.effective(mode), now: this.now,
      cachedAsOf: () => { const u = cached(); return u ? this.store.syncState.freshness(this.tenantId, `user:${u.id}`) : null; },
      readCache: () => { const u = cached(); return { user: u, memberships: u ? this.store.directory.memberships(this.tenantId, u.id) : [] }; },
      refresh: async () => (await syncUser({ store: this.store, graph: this.graph!, tenantId: this.tenantId, idOrUpn, now: this.now, signal })).asOf,
    });
  }

  /**
   * Policies as of now (or, offline, as last fetched). Online it refreshes what a diagnosis reads
   * with them — policies, named locations, the apps' service principals (`appIds`: Jamf Connect
   * clients and API app) — not the whole directory (syncDirectory adds organization + attribute definitions).
   */
  policies(appIds: readonly string[], mode: ReadMode, signal?: AbortSignal): Promise<Read<RawObject[]>> {
    return readWithFallback({
      mode: this.effective(mode), now: this.now,
      cachedAsOf: () => this.store.syncState.freshness(this.tenantId, 'policies'),
      readCache: () => this.store.policies.policiesAsOf(this.tenantId),
      refresh: async () => {
        const result = await refreshDiagnosisDirectory({ store: this.store, graph: this.graph!, tenantId: this.tenantId, appIds, now: this.now, ...(signal ? { signal } : {}) });
        if (!result.policies.ok) throw result.policies.error;
        return result.asOf;
      },
    });
  }

  private effective(mode: ReadMode): ReadMode {
    return this.graph ? mode : { ...mode, online: false };
  }
}
