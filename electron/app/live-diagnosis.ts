/**
 * Diagnosis of a user of the open tenant profile, read from the SQLite cache (diagnoseFromStore),
 * optionally after fetching the user's latest sign-ins and memberships (refresh). When the tenant
 * cannot be reached the cache answers and the view says how old it is — never a silent stale view.
 */
import { IpcError } from '../contract/envelope.js';
import type { DiagnosisView } from '../contract/schemas.js';
import { diagnoseFromStore } from '../core/diagnosis/from-store.js';
import { inferJamfConfigFrom, UserNotFoundError } from '../core/diagnosis/from-snapshot.js';
import type { Diagnosis, DiagnosisConfig } from '../core/diagnosis/types.js';
import { userSignInsResource } from '../core/sync/targeted-sync.js';
import type { AppContext } from './context.js';
import { toDiagnosisView } from './diagnosis-view.js';
import { lastSyncOf, type LiveRuntime } from './live-session.js';
import { syncUserNow } from './sync-jobs.js';

const DAY_MS = 86_400_000;

/** The profile's (or Settings') Jamf Connect client ids win; the rest of the configuration is inferred from the cache. */
function configuredConfig(ctx: AppContext, r: LiveRuntime, tenantId: string, userId: string, now: string): DiagnosisConfig | undefined {
  const fromProfile = r.live.profile.jamfConnect.clientIds;
  const ids = fromProfile.length ? fromProfile : ctx.settings.get().jamfConnectAppIds;
  if (!ids.length) return undefined;
  const store = r.live.workspace.store;
  const since = new Date(Date.parse(now) - 30 * DAY_MS).toISOString();
  const base = inferJamfConfigFrom({ servicePrincipals: store.directory.servicePrincipals(tenantId), signIns: store.signIns.forUser({ tenantId, userId, since, limit: 5000 }) }, userId, now);
  // ROPG scopes stay inferred from the log (the resource of the latest check): the profile's value is
  // usually just the schema default, and a wrong guess would hide a baseline-scope lockout.
  const { apiAppId } = r.live.profile.jamfConnect;
  return { ...base, jamfConnectAppIds: [...ids], ...(apiAppId ? { customApiAppId: apiAppId } : {}) };
}

/** Diagnose from the cache only (no network). */
export function diagnoseLiveFromCache(ctx: AppContext, r: LiveRuntime, userRef: string, days: number): { diagnosis: Diagnosis; user: Record<string, unknown> } {
  const tenantId = r.tenantId;
  const profile = r.live.profile;
  if (!tenantId) {
    throw new IpcError('signInRequired', `The profile '${profile.name}' names its tenant by domain (${profile.tenant}); its tenant id, and so its cache, is known only after the first sign-in.`);
  }
  const store = r.live.workspace.store;
  const user = store.directory.user(tenantId, userRef.trim());
  if (!user) {
    throw new IpcError('notFound', `No user ${userRef} in the cache of '${profile.name}'.${r.account ? ' Diagnose with refresh (or sync the user) to fetch them from the tenant.' : ' Sign in, then sync the user.'}`);
  }
  const userId = String(user.id ?? '');
  const now = ctx.ports.now().toISOString();
  const config = configuredConfig(ctx, r, tenantId, userId, now);
  try {
    const diagnosis = diagnoseFromStore(store, tenantId, userId || userRef, {
      days, now, profileName: profile.name,
      ...(config ? { config } : {}),
      ...(lastSyncOf(ctx, tenantId) ? { asOf: lastSyncOf(ctx, tenantId)! } : {}),
    });
    return { diagnosis, user };
  } catch (error) {
    if (error instanceof UserNotFoundError) throw new IpcError('notFound', `No user ${userRef} in the cache of '${profile.name}'.`);
    throw error;
  }
}

/**
 * runDiagnosis on a live session. refresh: fetch first when signed in (even after a failed call —
 * that is how the app notices the tenant is back); offline or an expired sign-in falls back to the
 * cache, other failures (no such user in the tenant, missing permission) are answered as errors.
 */
export async function runLiveDiagnosis(ctx: AppContext, r: LiveRuntime, userRef: string, days: number, refresh: boolean): Promise<DiagnosisView> {
  let fallback: string | null = null;
  if (refresh && r.account) {
    try {
      await syncUserNow(ctx, r, userRef, days);
    } catch (error) {
      if (!(error instanceof IpcError) || (error.code !== 'offline' && error.code !== 'signInRequired')) throw error;
      fallback = error.code === 'offline' ? 'the tenant could not be reached' : 'the sign-in has expired — sign in again';
    }
  } else if (refresh) {
    fallback = 'nobody is signed in to this tenant';
  }
  const { diagnosis, user } = diagnoseLiveFromCache(ctx, r, userRef, days);
  const view = toDiagnosisView(diagnosis, user, ctx.ports.now());
  const freshness = r.tenantId ? r.live.workspace.store.syncState.freshness(r.tenantId, userSignInsResource({ id: diagnosis.user.id })) : null;
  const stale = fallback ?? (refresh ? null : 'not refreshed from the tenant');
  if (stale) {
    view.warnings.unshift(`Shown from the cache as of ${freshness ?? 'never (this user\'s sign-ins were never synced)'}: ${stale}.`);
  }
  return view;
}
