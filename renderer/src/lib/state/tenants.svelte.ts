/** Tenant profiles (add, open, remove), sign-in to the open tenant, imports and sync. */
import type { ErrorInfo } from '../../../../electron/contract/envelope.ts';
import type { ImportKindView, TenantProfileInputView, TenantProfileSummary } from '../../../../electron/contract/schemas.ts';
import { call } from '../api.ts';
import { adoptState, app, openedTenant, refreshSettings, shown } from './app.svelte.ts';

export const tenants = $state({
  profiles: null as TenantProfileSummary[] | null,
  listError: null as ErrorInfo | null,
  /** The last open/sign-in/sign-out/remove that failed, for the place that started it. */
  error: null as ErrorInfo | null,
  /** Which action runs now ("open:contoso", "signIn", …), to disable its button and say so. */
  busy: null as string | null,
  syncError: null as ErrorInfo | null,
});

export async function loadProfiles(): Promise<void> {
  const r = await call('listTenantProfiles', {});
  if (r.ok) Object.assign(tenants, { profiles: r.value, listError: null });
  else tenants.listError = r.error;
}

/** Answers the envelope so the form can place field errors next to their fields. */
export async function addProfile(input: TenantProfileInputView) {
  const r = await call('addTenantProfile', input);
  if (r.ok) await loadProfiles();
  return r;
}

async function run(busy: string, work: () => Promise<ErrorInfo | null>): Promise<boolean> {
  tenants.busy = busy;
  tenants.error = null;
  try {
    const error = await work();
    tenants.error = error ? shown(error) : null;
    return error === null;
  } finally {
    tenants.busy = null;
  }
}

export function openProfile(name: string): Promise<boolean> {
  return run(`open:${name}`, async () => {
    const r = await call('openTenant', { name });
    if (!r.ok) return r.error;
    openedTenant(r.value);
    return null;
  });
}

export function signIn(): Promise<boolean> {
  return run('signIn', async () => {
    const r = await call('signInToTenant', {});
    if (!r.ok) return r.error;
    adoptState(r.value);
    void loadProfiles();
    return null;
  });
}

export function signOut(): Promise<boolean> {
  return run('signOut', async () => {
    const r = await call('signOutOfTenant', {});
    if (!r.ok) return r.error;
    adoptState(r.value);
    void loadProfiles();
    return null;
  });
}

export function removeProfile(name: string): Promise<boolean> {
  return run(`remove:${name}`, async () => {
    const r = await call('removeTenantProfile', { name });
    if (!r.ok) return r.error;
    tenants.profiles = r.value;
    // Removing the open profile closes it in main; ask what is open now.
    if (app.state?.profile === name) {
      const s = await call('getAppState', {});
      if (s.ok) adoptState(s.value);
    }
    return null;
  });
}

/** Start a sync of the open tenant; its progress arrives as jobProgress events (see jobs.svelte.ts). */
export async function syncNow(kind: 'directory' | 'full' = 'directory'): Promise<void> {
  tenants.syncError = null;
  const r = await call('startSync', { kind });
  if (!r.ok) tenants.syncError = shown(r.error);
}

export interface ImportOutcome {
  readonly kind: ImportKindView;
  readonly summary: string;
  readonly warnings: string[];
}

export const imports = $state({
  busy: null as ImportKindView | null,
  last: null as ImportOutcome | null,
  error: null as ErrorInfo | null,
});

/** Main shows the open-file dialog; a cancelled dialog is no news and leaves the last result as it was. */
export async function importFile(kind: ImportKindView): Promise<void> {
  imports.busy = kind;
  imports.error = null;
  const r = await call('importFile', { kind });
  imports.busy = null;
  if (!r.ok) {
    imports.error = shown(r.error);
    return;
  }
  imports.last = r.value;
  // A case file opens as the current tenant; a Jamf Connect profile changes the client ids in use.
  const s = await call('getAppState', {});
  if (s.ok) {
    if (kind === 'caseFile') openedTenant(s.value);
    else adoptState(s.value);
  }
  if (kind === 'jamfProfile') await Promise.all([refreshSettings(), loadProfiles()]);
}
