/** App-wide state: the open tenant, the current view, the theme. */
import type { AppState, Settings } from '../../../../electron/contract/schemas.ts';
import type { ErrorInfo } from '../../../../electron/contract/envelope.ts';
import { call } from '../api.ts';

export type View = 'diagnosis' | 'signIns' | 'policies' | 'exemptions' | 'settings';

export const app = $state({
  state: null as AppState | null,
  settings: null as Settings | null,
  view: 'diagnosis' as View,
  loading: true,
  error: null as ErrorInfo | null,
  /**
   * Bumped whenever a different tenant (or the same one in another mode) is opened, so views drop
   * what they showed for the previous one instead of mixing two tenants on one screen.
   */
  tenantEpoch: 0,
});

/** Which tenant is open: a profile is one tenant even when its id becomes known only at sign-in. */
function tenantKey(s: AppState | null): string {
  if (!s) return 'none';
  return s.mode === 'tenant' ? `tenant|${s.profile ?? ''}` : `${s.mode}|${s.tenant?.id ?? ''}`;
}

/** Take a fresh AppState from main; a change of tenant starts the views afresh. */
export function adoptState(next: AppState): void {
  if (tenantKey(next) !== tenantKey(app.state)) app.tenantEpoch++;
  app.state = next;
}

/**
 * Errors say something about the app's state too: an 'offline' answer means the tenant could not
 * be reached just now, so the offline banner shows without waiting for a connectivity event.
 */
export function noteError(error: ErrorInfo): void {
  if (error.code === 'offline' && app.state) app.state.online = false;
}

/** An error worth showing: a cancelled dialog or sign-in window is the operator's choice, not a problem. */
export function shown(error: ErrorInfo): ErrorInfo | null {
  noteError(error);
  return error.code === 'cancelled' ? null : error;
}

export async function refreshAppState(): Promise<void> {
  const [state, settings] = await Promise.all([call('getAppState', {}), call('getSettings', {})]);
  app.loading = false;
  if (state.ok) adoptState(state.value);
  else app.error = state.error;
  if (settings.ok) app.settings = settings.value;
  applyTheme();
}

export async function refreshSettings(): Promise<void> {
  const settings = await call('getSettings', {});
  if (settings.ok) app.settings = settings.value;
}

/** After opening a tenant (demo, profile or case file): show its diagnosis view. */
export function openedTenant(next: AppState): void {
  adoptState(next);
  app.error = null;
  app.view = 'diagnosis';
}

export async function openDemoTenant(): Promise<void> {
  app.loading = true;
  const r = await call('openDemoTenant', {});
  app.loading = false;
  if (r.ok) openedTenant(r.value);
  else app.error = r.error;
}

export async function closeTenant(): Promise<void> {
  const r = await call('closeTenant', {});
  if (r.ok) adoptState(r.value);
}

export function applyTheme(): void {
  const theme = app.settings?.theme ?? 'system';
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

export function hasTenant(): boolean {
  return app.state !== null && app.state.mode !== 'none';
}

/** Live features (fresh sign-ins, sync) need a tenant profile, a signed-in operator and a connection. */
export function isLive(): boolean {
  const s = app.state;
  return s !== null && s.mode === 'tenant' && s.operator !== null && s.online;
}
