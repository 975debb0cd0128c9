/**
 * A tenant profile opened in the app: its workspace (MSAL session, paced Graph client, the app's one
 * SQLite cache) and the TenantSession the views read, rebuilt from the cache after every sync.
 *
 * Opening never touches the network: the session is the cache as of the last sync, and "online"
 * turns true only once the operator is signed in and Graph answers. A profile whose tenant is named
 * by domain and was never signed in has no tenant id yet, so its cache cannot be read; it opens
 * empty and says so, and sign-in fills it in.
 */
import { IpcError } from '../contract/envelope.js';
import type { AccountSummary } from '../core/auth/session.js';
import { AppError } from '../core/graph/app-error.js';
import { mapGraphError } from '../core/graph/errors.js';
import { exportSnapshot } from '../core/import/snapshot-export.js';
import { ProfileStore } from '../core/profiles/profile-store.js';
import { DEMO_PROFILE_NAME } from '../core/profiles/demo-profile.js';
import type { TenantProfile } from '../core/profiles/schema.js';
import { openWorkspace, type Workspace } from '../core/profiles/workspace.js';
import { emptySnapshot } from '../core/snapshot/load.js';
import type { AppContext, LiveTenant, TenantSession } from './context.js';
import { appStore } from './exemption-workflow.js';
import { sessionFromSnapshot } from './session.js';

const DAY_MS = 86_400_000;

/** A sync job of the open tenant (sync-jobs.ts runs it); one at a time. */
export interface RunningJob {
  readonly jobId: string;
  readonly kind: 'user' | 'directory' | 'full';
  readonly abort: AbortController;
  readonly done: Promise<void>;
}

/** What the app knows about the open live tenant beyond its TenantSession. */
export interface LiveRuntime {
  /** Replaced (never mutated) when the profile is edited while open: see replaceLiveProfile. */
  live: LiveTenant;
  /** Null while a domain-named profile has never been signed in. */
  tenantId: string | null;
  account: AccountSummary | null;
  /** The last Graph (or token) call failed because the tenant could not be reached. */
  unreachable: boolean;
  job: RunningJob | null;
  /** Jamf Connect client ids found by name in the tenant (when the profile and settings name none). */
  detectedAppIds: string[] | null;
  closed: boolean;
}

const runtimes = new WeakMap<AppContext, LiveRuntime>();

export function liveRuntime(ctx: AppContext): LiveRuntime | null {
  const r = runtimes.get(ctx);
  return r && !r.closed && ctx.session?.live === r.live ? r : null;
}

/** The runtime of the open live tenant, or a clear refusal for the demo, a case file or nothing open. */
export function requireLive(ctx: AppContext, what: string): LiveRuntime {
  const r = liveRuntime(ctx);
  if (r) return r;
  if (!ctx.session) throw new IpcError('noTenant', 'No tenant is open. Open a tenant profile first.');
  throw new IpcError('preconditionFailed', `${what} needs a tenant profile; the ${ctx.session.mode === 'demo' ? 'demo tenant is a built-in snapshot' : 'open case file is read-only'}.`);
}

export function profileStoreOf(ctx: AppContext): ProfileStore {
  return new ProfileStore(ctx.dataDir);
}

export function getProfile(ctx: AppContext, name: string): TenantProfile {
  if (name === DEMO_PROFILE_NAME) throw new IpcError('preconditionFailed', "'demo' is the built-in demo tenant; open it with the demo button.");
  try {
    return profileStoreOf(ctx).get(name);
  } catch (error) {
    if (error instanceof AppError && error.code === 'profile_not_found') throw new IpcError('notFound', `There is no tenant profile named '${name}'.`);
    if (error instanceof AppError && error.code === 'profile_invalid') throw new IpcError('invalidInput', `The profile '${name}' cannot be read: ${error.message}`);
    throw error;
  }
}

/** Close the open live tenant's workspace and stop its job. Safe to call when none is open. */
export async function closeLiveTenant(ctx: AppContext): Promise<void> {
  const r = runtimes.get(ctx);
  if (!r) return;
  runtimes.delete(ctx);
  r.closed = true;
  if (r.job) {
    r.job.abort.abort();
    await r.job.done.catch(() => {});
  }
  // The store is the app's (appStore), shared with the audit log: the workspace does not own it.
  r.live.workspace.close();
}

/**
 * Opens a profile from the cache, offline. `closePrevious` runs once the profile is known to be
 * openable, so a typo'd name leaves the tenant that was open untouched.
 */
export async function openLiveTenant(ctx: AppContext, name: string, closePrevious: () => Promise<void>): Promise<TenantSession> {
  const profile = getProfile(ctx, name);
  if (profile.cloud === 'emulator' && !ctx.ports.emulator) {
    throw new IpcError('preconditionFailed', `The profile '${name}' uses the Entra emulator, which this build does not run. Use the demo tenant instead.`);
  }
  await closePrevious();
  ctx.session = null;
  let workspace: Workspace;
  try {
    workspace = openWorkspace({
      configDir: ctx.dataDir,
      profileName: name,
      secretStore: ctx.ports.secretStoreFor(name),
      store: appStore(ctx),
      ...(profile.cloud === 'emulator' && ctx.ports.emulator ? { emulator: ctx.ports.emulator } : {}),
    });
  } catch (error) {
    if (error instanceof AppError) throw new IpcError('invalidInput', error.message);
    throw error;
  }
  const { connection } = workspace;
  const live: LiveTenant = {
    profile,
    workspace,
    openBrowser: ctx.ports.openBrowserFor({
      profileName: name,
      authorityHost: connection.cloud.authorityHost,
      transport: connection.transport,
      ...(profile.emulatorOperator ? { emulatorOperator: profile.emulatorOperator } : {}),
    }),
  };
  // Reading the token cache is local (no network): it tells who is signed in and, for a
  // domain-named profile, which tenant id the cache rows are keyed by.
  const account = (await workspace.session.accounts().catch(() => []))[0] ?? null;
  const runtime: LiveRuntime = { live, tenantId: null, account, unreachable: false, job: null, detectedAppIds: null, closed: false };
  runtime.tenantId = await workspace.tenantId().catch(() => null);
  let session: TenantSession;
  try {
    session = buildLiveSession(ctx, runtime);
  } catch (error) {
    workspace.close();
    throw error;
  }
  runtimes.set(ctx, runtime);
  ctx.session = session;
  return session;
}

/** Latest freshness stamp of anything synced for the tenant (ISO), or null when nothing was. */
export function lastSyncOf(ctx: AppContext, tenantId: string | null): string | null {
  if (!tenantId) return null;
  let latest: string | null = null;
  for (const f of appStore(ctx).syncState.allFreshness(tenantId)) if (typeof f.asOf === 'string' && (!latest || f.asOf > latest)) latest = f.asOf;
  return latest;
}

/** The client ids treated as Jamf Connect: the profile's, else the operator's setting, else those found by name. */
export function jamfAppIdsOf(ctx: AppContext, r: LiveRuntime): string[] {
  const fromProfile = r.live.profile.jamfConnect.clientIds;
  if (fromProfile.length) return [...fromProfile];
  const configured = ctx.settings.get().jamfConnectAppIds;
  if (configured.length) return [...configured];
  return r.detectedAppIds ? [...r.detectedAppIds] : [];
}

export function isOnline(r: LiveRuntime): boolean {
  return r.account !== null && !r.unreachable;
}

/** The TenantSession for the runtime's current cache contents. Small on purpose: it runs after every sync. */
export function buildLiveSession(ctx: AppContext, r: LiveRuntime): TenantSession {
  const { profile } = r.live;
  const retentionDays = Math.min(profile.retentionDays, ctx.settings.get().retentionDays);
  const now = ctx.ports.now();
  const snapshot = r.tenantId
    ? exportSnapshot(appStore(ctx), { tenantId: r.tenantId, since: new Date(now.getTime() - retentionDays * DAY_MS).toISOString(), now })
    : emptySnapshot();
  const base = sessionFromSnapshot(snapshot, { mode: 'tenant', configuredAppIds: jamfAppIdsOf(ctx, r), online: isOnline(r) });
  const org = snapshot.organization[0] as { displayName?: unknown } | undefined;
  return {
    ...base,
    live: r.live,
    tenantId: r.tenantId ?? profile.tenant,
    tenantName: typeof org?.displayName === 'string' && org.displayName ? org.displayName : profile.displayName ?? profile.name,
    operator: r.account?.username ?? null,
    asOf: lastSyncOf(ctx, r.tenantId),
  };
}

/** Replace ctx.session with a fresh build, if this runtime is still the open one. */
export function rebuildLiveSession(ctx: AppContext, r: LiveRuntime): void {
  if (r.closed || ctx.session?.live !== r.live) return;
  ctx.session = buildLiveSession(ctx, r);
}

/** Re-read the open live tenant's cache into its session (after an exemption write, an import…); no-op otherwise. */
export function refreshLiveSession(ctx: AppContext): void {
  const r = liveRuntime(ctx);
  if (r) rebuildLiveSession(ctx, r);
}

/**
 * The open tenant's profile was saved with new settings (a Jamf Connect profile import): use them now,
 * not from the next open. The workspace — MSAL session, running job, exemption plans — is kept.
 */
export function replaceLiveProfile(ctx: AppContext, profile: TenantProfile): boolean {
  const r = liveRuntime(ctx);
  if (!r || r.live.profile.name !== profile.name) return false;
  r.live = { ...r.live, profile };
  ctx.session = buildLiveSession(ctx, r);
  return true;
}

/** Record whether the tenant answered; tell the renderer when "online" changes. */
export function noteReachability(ctx: AppContext, r: LiveRuntime, reachable: boolean): void {
  const before = isOnline(r);
  r.unreachable = !reachable;
  const after = isOnline(r);
  if (ctx.session?.live === r.live) ctx.session.online = after;
  if (before !== after && !r.closed) ctx.ports.emit('connectivityChanged', { online: after });
}

/** The signed-in account changed (sign-in, sign-out): update who the session names and its online flag. */
export function noteAccount(ctx: AppContext, r: LiveRuntime, account: AccountSummary | null): void {
  const before = isOnline(r);
  r.account = account;
  if (account) r.unreachable = false;
  if (before !== isOnline(r) && !r.closed) ctx.ports.emit('connectivityChanged', { online: isOnline(r) });
}

/**
 * Runs a call that reaches the tenant, keeping the online flag true to what happened, and turns
 * core errors into the contract's codes with the message the operator needs.
 */
export async function reachTenant<T>(ctx: AppContext, r: LiveRuntime, fn: (ws: Workspace, tenantId: string) => Promise<T>): Promise<T> {
  if (!r.account) throw new IpcError('signInRequired', `Sign in to '${r.live.profile.name}' first; until then only the cache can be read.`);
  const tenantId = r.tenantId ?? r.account.tenantId;
  try {
    const value = await fn(r.live.workspace, tenantId);
    noteReachability(ctx, r, true);
    return value;
  } catch (error) {
    const mapped = error instanceof IpcError ? error : toIpcError(mapGraphError(error));
    if (mapped.code === 'offline') noteReachability(ctx, r, false);
    throw mapped;
  }
}

/** Core AppError → contract error; the message is kept (it is already written for the operator). */
export function toIpcError(error: AppError): IpcError {
  switch (error.code) {
    case 'offline': return new IpcError('offline', `${error.message} The cache is still shown.`);
    case 'throttled': return new IpcError('offline', error.message);
    case 'auth_required': case 'auth_failed': return new IpcError('signInRequired', error.message);
    case 'missing_scope': case 'missing_role': case 'no_premium_licence': return new IpcError('missingPermission', error.message);
    case 'cancelled': return new IpcError('cancelled', error.message);
    case 'not_found': return new IpcError('notFound', error.message);
    case 'tenant_not_found': case 'invalid_input': case 'profile_invalid': return new IpcError('invalidInput', error.message);
    case 'profile_not_found': return new IpcError('notFound', error.message);
    case 'bad_request': return new IpcError('preconditionFailed', error.message);
    default: return new IpcError('internal', error.message);
  }
}
