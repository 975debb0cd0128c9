/**
 * Child process of exemption-kills.test.ts: signs in to the emulator as the admin operator, plans the
 * exemption for both policies, consents to the write scopes, and applies — but parks (waits forever)
 * at LL_PARK = "before:N" (just before the N-th write request leaves, i.e. after step N-1 finished and
 * was audited) or "after:N" (just after the N-th write was answered, before its read-back and audit
 * outcome). It prints {"parked":…} so the parent can SIGKILL it right there.
 */
import { applyPlan } from '../../../electron/core/exemption/apply.js';
import type { GraphCaller } from '../../../electron/core/exemption/graph-caller.js';
import { signInToEmulator } from '../../../electron/core/exemption/operator-session.js';
import { openStore } from '../../../electron/core/store/index.js';
import { planFor, preflightWithConsent } from '../exemption/harness.js';
import { API_APP_ID } from '../exemption/snapshot.js';
import { POLICY_IDS } from './exemption-snapshot.js';

const endpoint = JSON.parse(process.env.LL_ENDPOINT!) as { origin: string; tenantId: string; caCertPem: string };
const [when, nText] = process.env.LL_PARK!.split(':') as ['before' | 'after', string];
const parkAt = Number(nText);
const ADMIN = 'admin@contoso-test.example';
const store = openStore(process.env.LL_DB!);
const session = await signInToEmulator(endpoint, ADMIN, { pacer: { minIntervalMs: 200, backoffMs: 200 } });
const plan = await planFor(session, API_APP_ID, [...POLICY_IDS]);
await preflightWithConsent(session, plan);
const operationId = `kill-test-${process.pid}`;
process.stdout.write(`${JSON.stringify({ operationId, steps: plan.steps.map((s) => s.kind) })}\n`);

let writes = 0;
const park = async (): Promise<never> => {
  process.stdout.write(`${JSON.stringify({ parked: `${when}:${writes}` })}\n`);
  return new Promise<never>(() => { setInterval(() => {}, 1000); });
};
const graph: GraphCaller = {
  async call(method, path, body, headers) {
    if (method !== 'GET') {
      writes++;
      if (when === 'before' && writes === parkAt) await park();
    }
    const reply = await session.graph.call(method, path, body, headers);
    if (method !== 'GET' && when === 'after' && writes === parkAt) await park();
    return reply;
  },
};
const result = await applyPlan(plan, { graph, audit: store.audit, actor: ADMIN, operationId });
process.stdout.write(`${JSON.stringify({ finished: result.status })}\n`);
store.close();
