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
  /** A long job's last progress line, for the status bar. */
  job: null as string | null,
});

export async function refreshAppState(): Promise<void> {
  const [state, settings] = await Promise.all([call('getAppState', {}), call('getSettings', {})]);
  app.loading = false;
  if (state.ok) app.state = state.value;
  else app.error = state.error;
  if (settings.ok) app.settings = settings.value;
  applyTheme();
}

export async function openDemoTenant(): Promise<void> {
  app.loading = true;
  const r = await call('openDemoTenant', {});
  app.loading = false;
  if (r.ok) {
    app.state = r.value;
    app.error = null;
    app.view = 'diagnosis';
  } else app.error = r.error;
}

export async function closeTenant(): Promise<void> {
  const r = await call('closeTenant', {});
  if (r.ok) app.state = r.value;
}

export function applyTheme(): void {
  const theme = app.settings?.theme ?? 'system';
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

export function hasTenant(): boolean {
  return app.state !== null && app.state.mode !== 'none';
}
