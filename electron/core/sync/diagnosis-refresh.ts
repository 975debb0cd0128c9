import type { AppError } from '../graph/app-error.js';
import { mapGraphError } from '../graph/errors.js';
import type { GraphResources } from '../graph/resources.js';
import type { Store } from '../store/store.js';
import { namedLocationsPart, partRunner, policiesPart, servicePrincipalsPart, syncUser, type PartResult, type UserSyncResult } from './directory-sync.js';
import { syncUserSignIns, type TargetedSyncResult } from './targeted-sync.js';

/**
 * The refresh a lockout diagnosis needs, and nothing more: the directory objects it reads —
 * policies, named locations, the Jamf Connect apps' service principals (one `appId in (…)`
 * request) — and, in `refreshForDiagnosis`, the user, their memberships and their sign-ins.
 * Unlike syncDirectory it does not fetch the organization or the attribute definitions (the
 * diagnosis reads neither). Every request is independent, so all run at once; the pacing
 * middleware spaces the two CA reads (1 request/s) and the sign-in pages (5 / 10 s).
 */
export interface DiagnosisDirectoryInput {
  readonly store: Store;
  readonly graph: GraphResources;
  readonly tenantId: string;
  /** Apps whose service principals the diagnosis reads: the Jamf Connect client ids and the API app. */
  readonly appIds: readonly string[];
  readonly now?: () => Date;
  readonly signal?: AbortSignal;
}

export interface DiagnosisDirectoryResult {
  readonly asOf: string;
  readonly policies: PartResult & { readonly added?: number; readonly deleted?: number };
  readonly namedLocations: PartResult;
  readonly servicePrincipals: PartResult;
}

export async function refreshDiagnosisDirectory(input: DiagnosisDirectoryInput): Promise<DiagnosisDirectoryResult> {
  const asOf = (input.now ?? (() => new Date()))().toISOString();
  const part = partRunner(input.store, input.tenantId, asOf);
  const [policies, namedLocations, servicePrincipals] = await Promise.all([
    policiesPart(part, input, asOf), namedLocationsPart(part, input, asOf), servicePrincipalsPart(part, input, asOf),
  ]);
  return { asOf, policies, namedLocations, servicePrincipals };
}

export interface DiagnosisRefreshInput {
  readonly store: Store;
  readonly graph: GraphResources;
  readonly tenantId: string;
  /** The user by object id and/or UPN (at least one). */
  readonly user: { readonly id?: string; readonly upn?: string };
  /** Jamf Connect client ids: the apps whose sign-ins are read. */
  readonly clientAppIds: readonly string[];
  /** The Jamf Connect API app, whose service principal is read beside the clients'. */
  readonly apiAppId?: string;
  readonly days: number;
  readonly now?: () => Date;
  readonly signal?: AbortSignal;
}

export type Outcome<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly error: AppError };

export interface DiagnosisRefreshResult extends DiagnosisDirectoryResult {
  readonly user: Outcome<UserSyncResult>;
  readonly signIns: Outcome<TargetedSyncResult>;
}

/**
 * Everything one diagnosis reads, refreshed from Graph into the cache at once. Parts fail on their
 * own (a missing scope for sign-ins must not hide the policies); the caller diagnoses from the
 * cache afterwards and says which parts are stale.
 */
export async function refreshForDiagnosis(input: DiagnosisRefreshInput): Promise<DiagnosisRefreshResult> {
  const { store, graph, tenantId, user, now, signal } = input;
  const idOrUpn = user.id ?? user.upn;
  if (!idOrUpn) throw new Error('refreshForDiagnosis: a user id or UPN is needed');
  const outcome = <T>(p: Promise<T>): Promise<Outcome<T>> =>
    p.then((v) => ({ ok: true as const, ...v }), (error: unknown) => ({ ok: false as const, error: mapGraphError(error) }));
  const [userResult, signIns, directory] = await Promise.all([
    outcome(syncUser({ store, graph, tenantId, idOrUpn, ...(now ? { now } : {}), ...(signal ? { signal } : {}) })),
    outcome(syncUserSignIns({ store, graph, tenantId, appIds: input.clientAppIds, user, days: input.days, ...(now ? { now } : {}), ...(signal ? { signal } : {}) })),
    refreshDiagnosisDirectory({ store, graph, tenantId, appIds: [...input.clientAppIds, ...(input.apiAppId ? [input.apiAppId] : [])], ...(now ? { now } : {}), ...(signal ? { signal } : {}) }),
  ]);
  return { ...directory, user: userResult, signIns };
}
