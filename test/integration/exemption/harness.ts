/**
 * Test harness: the real emulator on a random port, the real MSAL sign-in as a demo operator
 * (scripted sign-in page), the real SQLite audit log in a temp dir. CA throttling stays ON but with
 * a shorter interval (and the pacer's interval to match) so a suite of applies runs in seconds;
 * the pacing arithmetic itself is unit-tested on a virtual clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../electron/core/emulator/index.js';
import { signInToEmulator, type OperatorSession } from '../../../electron/core/exemption/operator-session.js';
import { openStore, type Store } from '../../../electron/core/store/index.js';
import type { TenantSnapshot } from '../../../electron/core/snapshot/types.js';
import { gatherPlanState } from '../../../electron/core/exemption/gather.js';
import { planExemption, type PlanInput } from '../../../electron/core/exemption/plan.js';
import { resolveAttributeSettings } from '../../../electron/core/exemption/settings.js';
import { acquireMissingScopes, preflightPlan } from '../../../electron/core/exemption/preflight.js';
import type { ExemptionPlan } from '../../../electron/core/exemption/types.js';

export const CA_INTERVAL_MS = 150;

export interface Harness {
  readonly emulator: RunningEmulator;
  readonly store: Store;
  signIn(upn: string): Promise<OperatorSession>;
}

export async function harness(t: { after: (fn: () => Promise<void> | void) => void }, snapshot: TenantSnapshot): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'll-exempt-e2e-'));
  const emulator = await startEmulator({ snapshot, seed: 7, throttle: { conditionalAccessIntervalMs: CA_INTERVAL_MS } });
  const store = openStore(join(dir, 'cache.sqlite'));
  t.after(async () => { store.close(); await emulator.stop(); rmSync(dir, { recursive: true, force: true }); });
  return {
    emulator,
    store,
    signIn: (upn) => signInToEmulator(emulator, upn, { pacer: { minIntervalMs: CA_INTERVAL_MS + 50, backoffMs: 200 } }),
  };
}

export async function planFor(session: OperatorSession, targetAppId: string, policyIds: string[], extra: Partial<PlanInput> = {}): Promise<ExemptionPlan> {
  const settings = resolveAttributeSettings(extra.attribute);
  const g = await gatherPlanState(session.graph, targetAppId, settings);
  return planExemption({ tenantId: session.tenantId, policies: g.policies, policyIds, target: g.target, existing: g.existing, attribute: settings, ...extra });
}

/** Preflight with incremental consent of the missing write scopes; returns the final preflight. */
export async function preflightWithConsent(session: OperatorSession, plan: ExemptionPlan) {
  let operator = await session.identity();
  let pre = preflightPlan(plan, operator);
  const before = pre;
  if (pre.missingScopes.length) {
    operator = await acquireMissingScopes(pre, operator, session, async () => (await session.identity()).scopes);
    pre = preflightPlan(plan, operator);
  }
  return { before, after: pre, operator };
}

export function writesIn(emulator: RunningEmulator): { method: string; path: string; status: number }[] {
  return emulator.control.requestLog()
    .filter((e) => e.method !== 'GET' && !e.path.startsWith('/_control') && /\/(v1\.0|beta)\//.test(e.path))
    .map((e) => ({ method: e.method, path: e.path, status: e.status }));
}
