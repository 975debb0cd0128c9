/**
 * The diagnosis for a tenant profile, from its local cache (offline: refreshing the cache is the sync
 * job's work). The profile supplies the tenant id and the Jamf Connect configuration; with no client
 * ids configured, the configuration is inferred from the cached service principals (from-snapshot.ts).
 */
import { withWorkspace, type ProfileLocation } from '../profiles/workspace.js';
import { diagnoseFromStore } from './from-store.js';
import type { Diagnosis, DiagnosisConfig } from './types.js';

export interface ProfileDiagnosisOptions extends ProfileLocation {
  readonly user: string;
  readonly days: number;
  readonly now?: string;
}

export function diagnoseFromProfile(options: ProfileDiagnosisOptions): Promise<Diagnosis> {
  return withWorkspace(options, async (ws) => {
    const tenantId = await ws.tenantId();
    const jc = ws.profile.jamfConnect;
    const config: DiagnosisConfig | undefined = jc.clientIds.length
      ? { jamfConnectAppIds: jc.clientIds, ...(jc.apiAppId ? { customApiAppId: jc.apiAppId } : {}), ropgScopes: jc.ropgScopes }
      : undefined;
    const fresh = ws.store.syncState.allFreshness(tenantId).map((f) => f.asOf).sort();
    return diagnoseFromStore(ws.store, tenantId, options.user, {
      days: options.days,
      ...(options.now ? { now: options.now } : {}),
      ...(config ? { config } : {}),
      profileName: ws.profile.name,
      ...(fresh.length ? { asOf: fresh[fresh.length - 1]! } : {}),
    });
  });
}
