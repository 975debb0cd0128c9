/**
 * Verification from sign-in logs and the report-only trial, on the emulator: the watch reads the
 * emulator's /auditLogs/signIns (Prefer: include-unknown-enum-members) and confirms notApplied /
 * reportOnlyNotApplied on a real simulated Jamf Connect sign-in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPlan } from '../../../electron/core/exemption/apply.js';
import { runReportOnlyTrial } from '../../../electron/core/exemption/report-only-trial.js';
import { watchVerification } from '../../../electron/core/exemption/verify-watch.js';
import { API_APP_ID, JC_APP_ID, POLICY_ID, ROPG_SCOPE, USER_ID, USER_UPN, makeSnapshot } from './snapshot.js';
import { harness, planFor, preflightWithConsent } from './harness.js';

const ADMIN = 'admin@contoso-test.example';
type Obj = Record<string, unknown>;
/** Virtual time for the watch's polling (the emulator ingests sign-ins at once in tests). */
const virtual = () => { let t = 0; return { now: () => t, sleep: async (ms: number) => { t += ms; } }; };

test('watchVerification confirms notApplied on the next real Jamf Connect sign-in after apply', async (t) => {
  const h = await harness(t, makeSnapshot());
  const session = await h.signIn(ADMIN);
  const plan = await planFor(session, API_APP_ID, [POLICY_ID]);
  await preflightWithConsent(session, plan);
  const since = h.emulator.control.now().toISOString();
  assert.equal((await applyPlan(plan, { graph: session.graph, audit: h.store.audit, actor: ADMIN })).status, 'applied');
  h.emulator.control.simulateJamfConnectLogin({ userPrincipalName: USER_UPN, scopes: ROPG_SCOPE });
  const r = await watchVerification(
    { userId: USER_ID, clientAppId: JC_APP_ID, since, expected: { [POLICY_ID]: 'notApplied' }, pollMs: 5000, timeoutMs: 60_000 },
    { graph: session.graph, ...virtual() },
  );
  assert.equal(r.status, 'verified', r.message);
  assert.equal(r.policies[0]!.lastResult, 'notApplied');
});

test('report-only trial: the copy shows reportOnlyNotApplied, then the real policy is changed and the copy deleted', async (t) => {
  const h = await harness(t, makeSnapshot());
  const session = await h.signIn(ADMIN);
  const plan = await planFor(session, API_APP_ID, [POLICY_ID]);
  const pre = await preflightWithConsent(session, plan);
  assert.equal(pre.after.ok, true);
  let copiesSeen: { policyId: string; copyId: string }[] = [];
  const r = await runReportOnlyTrial(plan, { graph: session.graph, audit: h.store.audit, actor: ADMIN, verify: virtual() }, {
    clientAppId: JC_APP_ID, userId: USER_ID, pollMs: 5000, timeoutMs: 60_000,
    onCopiesCreated: (copies) => {
      copiesSeen = [...copies];
      const policies = h.emulator.control.state().conditionalAccessPolicies;
      const copy = policies.find((p) => p.id === copies[0]!.copyId)!;
      assert.equal(copy.state, 'enabledForReportingButNotEnforced');
      assert.match(String(copy.displayName), /^\[Lockout Lens trial\]/);
      // The real policy is untouched while the trial runs: the user is still blocked.
      const login = h.emulator.control.simulateJamfConnectLogin({ userPrincipalName: USER_UPN, scopes: ROPG_SCOPE });
      assert.equal(login.errorCode, 53000);
      assert.equal((login.signIn!.appliedConditionalAccessPolicies as Obj[]).find((p) => p.id === copies[0]!.copyId)?.result, 'reportOnlyNotApplied');
    },
  });
  assert.equal(r.status, 'applied', r.message);
  assert.equal(copiesSeen.length, 1);
  const policies = h.emulator.control.state().conditionalAccessPolicies;
  assert.ok(!policies.some((p) => p.id === copiesSeen[0]!.copyId), 'copy deleted');
  assert.equal(policies.length, 1);
  assert.equal(h.emulator.control.simulateJamfConnectLogin({ userPrincipalName: USER_UPN, scopes: ROPG_SCOPE }).ok, true);
});
