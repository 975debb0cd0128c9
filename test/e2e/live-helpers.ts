/**
 * A live tenant for browser tests: the Entra/Graph emulator on the demo tenant (at today's date, so
 * token lifetimes and "expires in" read true), the app opened with that emulator as its cloud, and
 * a tenant profile 'northwind' whose scripted sign-in picks the demo's admin operator.
 */
import type { Page } from 'playwright-core';
import { loadShippedDemoSnapshot } from '../../electron/app/demo.js';
import { demoOperator } from '../../electron/app/session.js';
import { EMULATOR_OPERATOR_CLIENT_ID, startEmulator, type RunningEmulator } from '../../electron/core/emulator/index.js';
import { ProfileStore } from '../../electron/core/profiles/profile-store.js';
import { openApp, type BrowserSuite, type HarnessApp, type HarnessOptions } from './harness.js';

export const NORTHWIND = 'Northwind (emulator)';

export interface LiveApp {
  readonly h: HarnessApp;
  readonly page: Page;
  readonly emulator: RunningEmulator;
  readonly operator: string;
  /** Stop the emulator now (the tenant becomes unreachable); close() does it too. */
  stopEmulator(): Promise<void>;
  close(): Promise<void>;
}

export async function startEmulatorAt(now: Date): Promise<{ emulator: RunningEmulator; operator: string }> {
  const snapshot = await loadShippedDemoSnapshot(now);
  const operator = demoOperator(snapshot);
  if (!operator) throw new Error('the demo snapshot names no operator with the exemption roles');
  return { emulator: await startEmulator({ snapshot, ingestionDelaySeconds: 0, log: () => {} }), operator };
}

/** The emulator profile as a file (the form has no field for emulatorOperator: it exists for development and tests only). */
export function saveNorthwindProfile(h: HarnessApp, emulator: RunningEmulator, operator: string): void {
  new ProfileStore(h.app.dataDir).save({
    name: 'northwind', displayName: NORTHWIND, tenant: emulator.tenantId,
    clientId: EMULATOR_OPERATOR_CLIENT_ID, cloud: 'emulator', emulatorOperator: operator,
  });
}

/** The app on its first-run screen with the 'northwind' profile listed. */
export async function startLiveApp(suite: BrowserSuite, options: Omit<HarnessOptions, 'now' | 'emulator'> = {}): Promise<LiveApp> {
  const now = new Date();
  const { emulator, operator } = await startEmulatorAt(now);
  let stopped = false;
  const stopEmulator = async () => {
    if (!stopped) await emulator.stop();
    stopped = true;
  };
  let h: HarnessApp;
  try {
    h = await openApp(suite.browser, suite.server, { ...options, now, emulator: { origin: emulator.origin, tenantId: emulator.tenantId, caCertPem: emulator.caCertPem } });
  } catch (error) {
    await stopEmulator();
    throw error;
  }
  h.page.setDefaultTimeout(60_000); // Graph pacing: CA requests one per second, sign-ins 5 per 10 s
  saveNorthwindProfile(h, emulator, operator);
  await h.page.reload();
  await h.page.waitForSelector('html[data-app-state="loaded"]');
  return { h, page: h.page, emulator, operator, stopEmulator, close: async () => { await h.close(); await stopEmulator(); } };
}

/** Open 'northwind' from the first-run list and sign in from the status bar. */
export async function openAndSignIn(live: LiveApp): Promise<void> {
  const { page } = live;
  await page.getByRole('button', { name: `Open ${NORTHWIND}` }).click();
  const status = page.getByRole('contentinfo', { name: 'Status' });
  await status.getByRole('button', { name: 'Sign in' }).click();
  await status.getByText(live.operator).waitFor();
  await status.getByText('Online', { exact: true }).waitFor();
}
