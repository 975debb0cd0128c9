/**
 * Operator sign-in and sign-out for the open tenant profile. Sign-in is MSAL's interactive flow
 * (system browser, PKCE, loopback redirect) with the READ scopes only — write scopes are asked for
 * by incremental consent when an exemption is applied (core/auth/scopes.ts).
 */
import { IpcError } from '../contract/envelope.js';
import { mapAuthError } from '../core/auth/errors.js';
import type { AppContext } from './context.js';
import { noteAccount, noteReachability, rebuildLiveSession, requireLive, toIpcError } from './live-session.js';

export async function signInToLiveTenant(ctx: AppContext): Promise<void> {
  const r = requireLive(ctx, 'Signing in');
  const { workspace, openBrowser, profile } = r.live;
  let account;
  try {
    // signInInteractive asks for READ_SCOPES (least privilege) and gives up after 5 minutes.
    account = await workspace.session.signInInteractive(openBrowser, r.account ? { loginHint: r.account.username } : {});
  } catch (error) {
    const mapped = toIpcError(mapAuthError(error));
    if (mapped.code === 'offline') noteReachability(ctx, r, false);
    if (mapped.code === 'signInRequired') throw new IpcError('signInRequired', `Signing in to '${profile.name}' failed: ${mapped.message}`);
    throw mapped;
  }
  if (r.closed) return;
  if (r.tenantId && account.tenantId.toLowerCase() !== r.tenantId.toLowerCase()) {
    // MSAL signed in against the profile's authority, so this means a guest/home-tenant account: rows stay keyed by the profile's tenant.
    ctx.ports.log.warn('signed-in account belongs to another home tenant', { profile: profile.name });
  }
  r.tenantId ??= account.tenantId.toLowerCase();
  noteAccount(ctx, r, account);
  rebuildLiveSession(ctx, r);
  ctx.ports.log.info('signed in to tenant', { profile: profile.name });
}

/** Removes the signed-in account from the profile's token cache; the cache of tenant data stays. */
export async function signOutOfLiveTenant(ctx: AppContext): Promise<void> {
  const r = requireLive(ctx, 'Signing out');
  if (r.job) {
    r.job.abort.abort();
    await r.job.done.catch(() => {});
  }
  const session = r.live.workspace.session;
  await session.signOut();
  // signOut clears the secret store once no account is left; a second account (rare) stays signed in.
  const remaining = (await session.accounts())[0] ?? null;
  noteAccount(ctx, r, remaining);
  rebuildLiveSession(ctx, r);
  ctx.ports.log.info('signed out of tenant', { profile: r.live.profile.name });
}
