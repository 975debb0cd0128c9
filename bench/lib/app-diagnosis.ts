/**
 * The app's diagnosis read path, composed from the project's own parts: DataReader (cache-first or
 * online-first reads through sync) → DiagnosisInput → diagnose(). The project has no single
 * "diagnose this user from the cache / from Graph" function yet (the main-process service will wire
 * the same pieces); when it lands, this file should call it instead.
 */
import type { GraphResources } from '../../electron/core/graph/resources.js';
import { loadAadstsCatalogue } from '../../electron/core/diagnosis/aadsts.js';
import { DEFAULT_ROPG_SCOPES } from '../../electron/core/diagnosis/context.js';
import { diagnose } from '../../electron/core/diagnosis/diagnose.js';
import type { Diagnosis, DiagnosisConfig } from '../../electron/core/diagnosis/types.js';
import type { Store } from '../../electron/core/store/store.js';
import { DataReader } from '../../electron/core/sync/read-api.js';

export interface AppDiagnoser {
  /** Diagnoses one user (id or UPN) over `days`, online (refreshing the cache) or from the cache alone. */
  diagnose(user: { id?: string; upn?: string }, options: { days: number; online: boolean }): Promise<Diagnosis>;
}

export function appDiagnoser(store: Store, tenantId: string, graph: GraphResources | null, jamf: { clientIds: readonly string[]; apiAppId?: string },
  now: () => Date = () => new Date()): AppDiagnoser {
  const catalogue = loadAadstsCatalogue();
  const reader = new DataReader(store, tenantId, graph, now);
  const config: DiagnosisConfig = {
    jamfConnectAppIds: jamf.clientIds,
    ...(jamf.apiAppId ? { customApiAppId: jamf.apiAppId } : {}),
    ropgScopes: DEFAULT_ROPG_SCOPES,
  };
  return {
    async diagnose(user, { days, online }) {
      const mode = { online };
      const idOrUpn = user.id ?? user.upn!;
      // The three reads are independent (the sign-in filter takes a UPN as well as an id): run them together.
      const [u, signIns, policies] = await Promise.all([
        reader.user(idOrUpn, mode),
        reader.userSignIns({ ...(user.id ? { userId: user.id } : {}), ...(user.upn ? { upn: user.upn } : {}), appIds: jamf.clientIds, days }, mode),
        reader.policies([...jamf.clientIds, ...(jamf.apiAppId ? [jamf.apiAppId] : [])], mode),
      ]);
      if (!u.value.user) throw new Error(`user ${idOrUpn} is not in the cache`);
      return diagnose({
        user: u.value.user,
        memberships: u.value.memberships,
        signIns: signIns.value,
        policies: policies.value,
        namedLocations: store.policies.namedLocations(tenantId),
        servicePrincipals: store.directory.servicePrincipals(tenantId),
        config,
        now: now().toISOString(),
        days,
        visibility: { appliedPoliciesVisible: 'unknown', customSecurityAttributesReadable: 'unknown' },
        source: { kind: online ? 'live' : 'cache', ...(signIns.status.asOf ? { asOf: signIns.status.asOf } : {}) },
      }, catalogue);
    },
  };
}
