/**
 * Sync jobs of the open tenant profile, run in the background with `jobProgress` events:
 *   user      — the user and their transitive groups/roles, then their Jamf Connect sign-ins (one
 *               filtered request, both event types); the directory first if it was never synced,
 *               because a diagnosis without the CA policies would be evaluated against nothing;
 *   directory — CA policies (versioned), named locations, the Jamf Connect service principals,
 *               attribute definitions, the organization;
 *   full      — the directory, then every sign-in of the Jamf Connect apps over the retention
 *               period in resumable windows.
 * One job at a time per tenant. A job never rejects into the void: its outcome is kept and its end
 * (success or failure) is always announced with `finished: true`.
 */
import { randomUUID } from 'node:crypto';
import { IpcError } from '../contract/envelope.js';
import type { JobProgress } from '../contract/schemas.js';
import { AppError } from '../core/graph/app-error.js';
import type { Workspace } from '../core/profiles/workspace.js';
import { detectJamfConnectApps, syncDirectory, syncUser, type DirectorySyncResult, type PartResult } from '../core/sync/directory-sync.js';
import { runFullSync } from '../core/sync/full-sync.js';
import { refreshForDiagnosis } from '../core/sync/diagnosis-refresh.js';
import { syncUserSignIns } from '../core/sync/targeted-sync.js';
import type { AppContext } from './context.js';
import { jamfAppIdsOf, rebuildLiveSession, reachTenant, requireLive, type LiveRuntime } from './live-session.js';

export type SyncKind = 'user' | 'directory' | 'full';

type Report = (phase: string, done: number, total: number | null, message: string) => void;

interface JobOutcome { readonly ok: boolean; readonly message: string; readonly error?: IpcError }

/** Starts a job and answers its id at once; the outcome arrives as jobProgress events. */
export function startSyncJob(ctx: AppContext, kind: SyncKind, user: string | undefined): { jobId: string } {
  const r = requireLive(ctx, 'Sync');
  const { jobId } = launch(ctx, r, kind, user);
  return { jobId };
}

/**
 * The targeted user sync a `runDiagnosis {refresh:true}` waits for: same job, same events. A job
 * already running is waited for first (refusing the diagnosis would leave the agent with nothing).
 */
export async function syncUserNow(ctx: AppContext, r: LiveRuntime, user: string, days: number): Promise<void> {
  if (r.job) await r.job.done;
  const { outcome } = launch(ctx, r, 'user', user, days);
  const result = await outcome;
  if (result.error) throw result.error;
}

function launch(ctx: AppContext, r: LiveRuntime, kind: SyncKind, user: string | undefined, days?: number): { jobId: string; outcome: Promise<JobOutcome> } {
  if (r.job) throw new IpcError('preconditionFailed', `A ${r.job.kind} sync of this tenant is already running (job ${r.job.jobId}); wait for it to finish.`);
  if (!r.account) throw new IpcError('signInRequired', `Sign in to '${r.live.profile.name}' before syncing; the cache is shown until then.`);
  if (kind === 'user' && !user?.trim()) throw new IpcError('invalidInput', 'user: a user sync needs the user principal name or object id.');
  const jobId = `sync-${randomUUID()}`;
  const abort = new AbortController();
  // After the tenant closed only the final event is sent, so a renderer waiting on the job is never left hanging.
  const emit = (p: Omit<JobProgress, 'jobId' | 'kind'>) => {
    if (r.closed && !p.finished) return;
    // A host that cannot deliver (window gone) must not turn into a failed or unhandled job.
    try { ctx.ports.emit('jobProgress', { jobId, kind: 'sync', ...p }); } catch (error) { ctx.ports.log.warn('progress event not delivered', { jobId, message: (error as Error).message }); }
  };
  const report: Report = (phase, done, total, message) => emit({ phase, done, total, message, finished: false });
  const outcome = (async (): Promise<JobOutcome> => {
    try {
      const message = await reachTenant(ctx, r, (ws, tenantId) => runKind(ctx, r, ws, tenantId, kind, user?.trim(), days, abort.signal, report));
      return { ok: true, message };
    } catch (error) {
      const ipc = error instanceof IpcError ? error : new IpcError('internal', (error as Error)?.message ?? String(error));
      return { ok: false, message: ipc.message, error: ipc };
    }
  })().then((result) => {
    if (r.job?.jobId === jobId) r.job = null;
    try {
      rebuildLiveSession(ctx, r);
    } catch (error) {
      ctx.ports.log.error('rebuilding the session after a sync failed', { message: (error as Error).message });
    }
    const cancelled = abort.signal.aborted;
    const phase = cancelled ? 'cancelled' : result.ok ? 'done' : 'failed';
    const message = cancelled ? `The sync was stopped (the tenant was closed or signed out); ${result.ok ? result.message || 'nothing was lost' : 'what was stored so far is kept'}.` : result.message;
    emit({ phase, done: 1, total: 1, message, finished: true });
    if (!result.ok && !cancelled) ctx.ports.log.warn('sync failed', { jobId, kind, message: result.message });
    return result;
  });
  r.job = { jobId, kind, abort, done: outcome.then(() => undefined) };
  return { jobId, outcome };
}

async function runKind(ctx: AppContext, r: LiveRuntime, ws: Workspace, tenantId: string, kind: SyncKind, user: string | undefined,
  days: number | undefined, signal: AbortSignal, report: Report): Promise<string> {
  const now = () => ctx.ports.now();
  const store = ws.store;
  // A user sync after the first one is a diagnosis refresh: the user, memberships and sign-ins AND the
  // policies, named locations and Jamf Connect apps, all at once (about one page latency), so the
  // "why" is never explained from policies someone has changed since the last directory sync.
  const firstSync = store.syncState.freshness(tenantId, 'policies') === null;
  const needsDirectory = kind !== 'user' || firstSync;
  const total = 1 + (needsDirectory ? 1 : 0) + (kind === 'user' ? (firstSync ? 2 : 1) : kind === 'full' ? 1 : 0);
  let step = 0;
  const lines: string[] = [];

  report('apps', step, total, 'Finding the Jamf Connect apps');
  const appIds = await jamfAppIds(ctx, r, ws, signal);
  step++;
  const apiAppId = r.live.profile.jamfConnect.apiAppId;
  if (kind === 'user' && !firstSync && appIds.length > 0) {
    const window = days ?? ctx.settings.get().diagnosisDays;
    report('refresh', step, total, `Reading ${user}'s groups, roles and sign-ins of the last ${window} day(s), and the current policies`);
    const ref = user!.includes('@') ? { upn: user! } : { id: user! };
    const result = await refreshForDiagnosis({ store, graph: ws.graph, tenantId, user: ref, clientAppIds: appIds, ...(apiAppId ? { apiAppId } : {}), days: window, now, signal });
    // The user and their sign-ins are the diagnosis: without them the job failed. Stale policies are said, not fatal.
    if (!result.user.ok) throw result.user.error;
    if (!result.signIns.ok) throw result.signIns.error;
    const stale = (['policies', 'namedLocations', 'servicePrincipals'] as const).filter((k) => !result[k].ok);
    lines.push(`${String(result.user.user.userPrincipalName ?? user)}: ${result.signIns.fetched} sign-in(s) since ${result.signIns.since}, ${result.user.memberships} group(s)/role(s)`);
    for (const k of stale) lines.push(`${k} NOT refreshed — ${(result[k] as Extract<PartResult, { ok: false }>).error.message}`);
  } else {
    if (needsDirectory) {
      report('directory', step, total, 'Reading policies, named locations and the Jamf Connect apps');
      const result = await syncDirectory({ store, graph: ws.graph, tenantId, appIds: [...appIds, ...(apiAppId ? [apiAppId] : [])], now, signal });
      lines.push(describeDirectory(result));
      step++;
    }
    if (kind === 'user') {
      report('user', step, total, `Reading ${user} and their groups and roles`);
      const synced = await syncUser({ store, graph: ws.graph, tenantId, idOrUpn: user!, now, signal });
      step++;
      const window = days ?? ctx.settings.get().diagnosisDays;
      report('signIns', step, total, `Reading ${String(synced.user.userPrincipalName ?? user)}'s sign-ins of the last ${window} day(s)`);
      // No app id known at all: every app's sign-ins of this one user (still one request), so the
      // diagnosis can recognise Jamf Connect from the log itself.
      const s = await syncUserSignIns({ store, graph: ws.graph, tenantId, appIds, user: { id: synced.user.id }, days: window, now, signal });
      lines.push(`${String(synced.user.userPrincipalName ?? user)}: ${s.fetched} sign-in(s) since ${s.since}, ${synced.memberships} group(s)/role(s)`);
    }
  }
  if (kind === 'full') {
    if (appIds.length === 0) throw new AppError('invalid_input', 'No Jamf Connect app is known for this tenant: add its client id to the profile or to Settings, then sync again.');
    const retention = Math.min(r.live.profile.retentionDays, ctx.settings.get().retentionDays);
    report('signIns', step, total, `Reading every Jamf Connect sign-in of the last ${retention} day(s)`);
    const result = await runFullSync({
      store, graph: ws.graph, tenantId, appIds, days: retention, now, signal,
      // The long phase counts its own units (time windows), so a progress bar moves with it.
      onProgress: (p) => report('signIns', p.windowsDone, p.windowsTotal, `${p.windowsDone}/${p.windowsTotal} time windows, ${p.rows} sign-in(s)`),
    });
    lines.push(`${result.rows} sign-in(s) over ${result.windows} window(s)${result.resumed ? ' (resumed)' : ''}${result.status === 'cancelled' ? ' — cancelled, the next full sync resumes' : ''}`);
  }
  const purged = store.purgeOlderThan(r.live.profile.retentionDays, now(), tenantId);
  if (purged.signIns) lines.push(`retention: removed ${purged.signIns} sign-in(s) older than ${r.live.profile.retentionDays} days`);
  return lines.join('; ');
}

/** The profile's or settings' client ids; otherwise looked up once per session by name in the tenant. */
async function jamfAppIds(ctx: AppContext, r: LiveRuntime, ws: Workspace, signal: AbortSignal): Promise<string[]> {
  const known = jamfAppIdsOf(ctx, r);
  if (known.length || r.detectedAppIds) return known;
  const found = await detectJamfConnectApps(ws.graph, signal);
  r.detectedAppIds = found.map((a) => a.appId.toLowerCase());
  return [...r.detectedAppIds];
}

/** One line per failed part; an offline directory sync fails the job (nothing was read at all). */
function describeDirectory(result: DirectorySyncResult): string {
  const parts = Object.entries(result).filter((e): e is [string, PartResult] => e[0] !== 'asOf');
  const failed = parts.filter(([, p]) => !p.ok) as [string, Extract<PartResult, { ok: false }>][];
  const offline = failed.find(([, p]) => p.error.code === 'offline' || p.error.code === 'auth_required');
  if (offline && failed.length === parts.length) throw offline[1].error;
  const ok = parts.filter(([, p]) => p.ok).map(([k, p]) => `${k} ${(p as { count: number }).count}`);
  return [`directory: ${ok.join(', ') || 'nothing'}`, ...failed.map(([k, p]) => `${k} NOT SYNCED — ${p.error.message}`)].join('; ');
}
