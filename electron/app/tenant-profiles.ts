/**
 * Tenant profiles behind the first-run and Settings views: list (with who is signed in and when the
 * cache was last synced), add, remove. Profiles live under ctx.dataDir/profiles (core ProfileStore);
 * the built-in demo profile is not listed here — the demo is opened with openDemoTenant.
 */
import { IpcError } from '../contract/envelope.js';
import type { TenantProfileInputView, TenantProfileSummary } from '../contract/schemas.js';
import { connect } from '../core/auth/connection.js';
import { createAuthSession, type AccountSummary } from '../core/auth/session.js';
import { AppError } from '../core/graph/app-error.js';
import { DEMO_PROFILE_NAME } from '../core/profiles/demo-profile.js';
import { FULL_SYNC_JOB_KEY, WATERMARK_KEY } from '../core/sync/full-sync.js';
import { TenantProfileSchema, type TenantProfile, type TenantProfileInput } from '../core/profiles/schema.js';
import type { AppContext } from './context.js';
import { appStore } from './exemption-workflow.js';
import { closeLiveTenant, lastSyncOf, liveRuntime, profileStoreOf } from './live-session.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Accounts in the profile's token cache — read locally, no network. Null when the cache cannot be read. */
async function cachedAccounts(ctx: AppContext, profile: TenantProfile): Promise<AccountSummary[] | null> {
  const open = liveRuntime(ctx);
  if (open && open.live.profile.name === profile.name) return open.live.workspace.session.accounts();
  if (profile.cloud === 'emulator' && !ctx.ports.emulator) return null;
  try {
    const connection = connect(profile, ctx.ports.emulator);
    return await createAuthSession({ connection, secretStore: ctx.ports.secretStoreFor(profile.name) }).accounts();
  } catch (error) {
    ctx.ports.log.warn('token cache unreadable', { profile: profile.name, message: (error as Error).message });
    return null;
  }
}

/** The tenant id the profile's cache rows are keyed by, when it is known without asking the network. */
function knownTenantId(ctx: AppContext, profile: TenantProfile, accounts: readonly AccountSummary[] | null): string | null {
  // The emulator's own tenant wins over whatever the profile names (core/auth/connection.ts).
  if (profile.cloud === 'emulator') return ctx.ports.emulator?.tenantId ?? null;
  if (GUID.test(profile.tenant)) return profile.tenant.toLowerCase();
  return accounts?.[0]?.tenantId ?? null;
}

async function summaryOf(ctx: AppContext, profile: TenantProfile): Promise<TenantProfileSummary> {
  const accounts = await cachedAccounts(ctx, profile);
  return {
    name: profile.name,
    displayName: profile.displayName ?? profile.name,
    tenant: profile.tenant,
    cloud: profile.cloud,
    clientId: profile.clientId,
    jamfConnectClientIds: [...profile.jamfConnect.clientIds],
    signedInAs: accounts?.[0]?.username ?? null,
    lastSync: lastSyncOf(ctx, knownTenantId(ctx, profile, accounts)),
  };
}

/** Every stored profile but the demo. Unreadable profile files are logged and left out (never fatal). */
export async function listTenantProfiles(ctx: AppContext): Promise<TenantProfileSummary[]> {
  const { profiles, problems } = profileStoreOf(ctx).list();
  for (const p of problems) ctx.ports.log.warn('tenant profile unreadable', { file: p.file, message: p.message });
  const out: TenantProfileSummary[] = [];
  for (const p of profiles) if (p.name !== DEMO_PROFILE_NAME) out.push(await summaryOf(ctx, p));
  return out;
}

export async function addTenantProfile(ctx: AppContext, input: TenantProfileInputView): Promise<TenantProfileSummary> {
  if (input.name.toLowerCase() === DEMO_PROFILE_NAME) throw new IpcError('invalidInput', "name: 'demo' is the built-in demo tenant; choose another name.");
  if (input.cloud === 'emulator' && !ctx.ports.emulator) {
    throw new IpcError('invalidInput', 'cloud: the Entra emulator is only available in development builds; choose public, usgov or china.');
  }
  const store = profileStoreOf(ctx);
  // Names are compared case-insensitively: on macOS and Windows two such profile files would be one file.
  if (store.list().profiles.some((p) => p.name.toLowerCase() === input.name.toLowerCase())) {
    throw new IpcError('invalidInput', `name: a tenant profile named '${input.name}' already exists.`);
  }
  const candidate: TenantProfileInput = {
    name: input.name,
    ...(input.displayName ? { displayName: input.displayName } : {}),
    tenant: input.tenant.trim(),
    clientId: input.clientId.toLowerCase(),
    cloud: input.cloud,
    jamfConnect: { clientIds: input.jamfConnectClientIds.map((id) => id.toLowerCase()), source: 'manual' },
  };
  const parsed = TenantProfileSchema.safeParse(candidate);
  if (!parsed.success) {
    // "field: message; field: message", named as the form names them (the renderer puts each next to its field).
    const formPath = (path: readonly PropertyKey[]) => path.map(String).join('.').replace(/^jamfConnect\.clientIds/, 'jamfConnectClientIds') || 'profile';
    throw new IpcError('invalidInput', parsed.error.issues.map((i) => `${formPath(i.path)}: ${i.message}`).join('; '));
  }
  try {
    return await summaryOf(ctx, store.save(parsed.data));
  } catch (error) {
    if (error instanceof AppError && error.code === 'profile_invalid') throw new IpcError('invalidInput', error.message);
    throw error;
  }
}

/**
 * Every cached sign-in of the tenant, and the bookkeeping that says they were synced: a full sync's
 * watermark left behind would make a re-added profile sync only from there and miss the rest.
 */
function forgetSignIns(ctx: AppContext, tenantId: string): void {
  const store = appStore(ctx);
  store.transaction(() => {
    // Retention purge with zero days (and a second of slack) = every cached sign-in of this tenant.
    store.purgeOlderThan(0, new Date(ctx.ports.now().getTime() + 1000), tenantId);
    const job = store.syncState.get<{ jobId?: unknown }>(tenantId, FULL_SYNC_JOB_KEY);
    if (typeof job?.jobId === 'string') store.syncState.deleteJob(tenantId, job.jobId);
    store.syncState.delete(tenantId, FULL_SYNC_JOB_KEY);
    store.syncState.delete(tenantId, WATERMARK_KEY);
    for (const f of store.syncState.allFreshness(tenantId)) {
      if (f.resource.startsWith('signIns:')) store.syncState.delete(tenantId, `fresh:${f.resource}`);
    }
  });
}

/**
 * Deletes the profile file and its token cache, and the tenant's cached sign-ins when no other
 * profile reads the same tenant (with their sync watermarks). Kept: the tenant's cached users,
 * memberships, policy versions, named locations and service principals (the store has no per-tenant
 * delete for them yet) and the audit log (append-only).
 */
export async function removeTenantProfile(ctx: AppContext, name: string): Promise<TenantProfileSummary[]> {
  if (name === DEMO_PROFILE_NAME) throw new IpcError('preconditionFailed', 'The built-in demo tenant cannot be removed.');
  const store = profileStoreOf(ctx);
  let profile: TenantProfile;
  try {
    profile = store.get(name);
  } catch (error) {
    if (error instanceof AppError && error.code === 'profile_not_found') throw new IpcError('notFound', `There is no tenant profile named '${name}'.`);
    throw error;
  }
  const open = liveRuntime(ctx);
  if (open && open.live.profile.name === name) {
    await closeLiveTenant(ctx);
    ctx.session = null;
  }
  const accounts = await cachedAccounts(ctx, profile);
  const tenantId = knownTenantId(ctx, profile, accounts);
  store.remove(name);
  await ctx.ports.secretStoreFor(name).clear();
  if (tenantId) {
    const others = store.list().profiles.filter((p) => p.name !== DEMO_PROFILE_NAME);
    const shared = await Promise.all(others.map(async (p) => knownTenantId(ctx, p, await cachedAccounts(ctx, p)) === tenantId));
    if (!shared.some(Boolean)) forgetSignIns(ctx, tenantId);
  }
  ctx.ports.log.info('tenant profile removed', { profile: name });
  return listTenantProfiles(ctx);
}
