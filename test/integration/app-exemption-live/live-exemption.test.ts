// Exemptions on a live tenant session through the router: the emulator stands in for Entra (HTTPS on
// loopback, real MSAL), the session is built here the way a tenant profile's is (workspace + signed-in
// account + `live`), and plan → preflight (incremental consent for the write scopes) → apply →
// verify → rollback run against it. Signed out, every step refuses with signInRequired.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeWorkflow, appStore } from '../../../electron/app/exemption-workflow.js';
import { checkExpiredExemptions } from '../../../electron/app/expiry-checks.js';
import { sessionFromSnapshot } from '../../../electron/app/session.js';
import { emulatorOpenBrowser } from '../../../electron/core/auth/emulator-browser.js';
import { MemorySecretStore } from '../../../electron/core/auth/secret-store.js';
import { WRITE_SCOPES } from '../../../electron/core/auth/scopes.js';
import { startEmulator, type RunningEmulator } from '../../../electron/core/emulator/index.js';
import { ProfileStore } from '../../../electron/core/profiles/profile-store.js';
import { openWorkspace, type Workspace } from '../../../electron/core/profiles/workspace.js';
import { demoSnapshot, JAMF_CONNECT_APP, OPERATOR } from '../data-path/harness.js';
import { appHarness, type AppHarness } from '../app-files/app-harness.js';

const MARI = 'mari.johansen@northwind-demo.example';
/** The admin's own public-client registration (any GUID: the emulator accepts every client id). */
const CLIENT_ID = '0c7e1ab5-6c3e-4c39-9d1e-5a0f1e2d3c4b';

type Policy = { id: string; modifiedDateTime?: unknown };
const policies = (e: RunningEmulator) => (e.control.state().conditionalAccessPolicies as Policy[]).map(({ modifiedDateTime: _m, ...rest }) => JSON.stringify(rest));

interface LiveSetup { readonly h: AppHarness; readonly emulator: RunningEmulator; readonly workspace: Workspace }

async function liveTenant(t: { after(fn: () => unknown): void }): Promise<LiveSetup> {
  const h = appHarness();
  // The emulator follows the app's clock so apply, the Mac's next sign-in and verification agree on time.
  const emulator = await startEmulator({ snapshot: demoSnapshot(), now: h.ctx.ports.now, ingestionDelaySeconds: 0, log: () => {} });
  const endpoint = { origin: emulator.origin, tenantId: emulator.tenantId, caCertPem: emulator.caCertPem };
  new ProfileStore(h.dataDir).save({
    name: 'northwind', tenant: emulator.tenantId, cloud: 'emulator', clientId: CLIENT_ID, emulatorOperator: OPERATOR,
    jamfConnect: { clientIds: [JAMF_CONNECT_APP] },
    // Jamf's documented example attribute (the demo tenant already holds it).
    exemption: { attributeSet: 'JamfConnect', attributeName: 'isExemptMFA', value: 'Exempt' },
  });
  const workspace = openWorkspace({ configDir: h.dataDir, profileName: 'northwind', emulator: endpoint, secretStore: new MemorySecretStore(), store: appStore(h.ctx) });
  const openBrowser = emulatorOpenBrowser(workspace.connection.transport, OPERATOR);
  await workspace.session.signInInteractive(openBrowser, { loginHint: OPERATOR });
  const base = sessionFromSnapshot(emulator.control.state(), { mode: 'tenant', configuredAppIds: [JAMF_CONNECT_APP], online: true });
  h.ctx.session = { ...base, tenantId: emulator.tenantId, live: { profile: workspace.profile, workspace, openBrowser } };
  t.after(async () => {
    await closeWorkflow(h.ctx);
    workspace.close();
    h.ctx.session = null;
    await h.close();
    await emulator.stop();
  });
  return { h, emulator, workspace };
}

test('live tenant: plan, preflight with incremental consent, apply, verify from the next real sign-in, rollback', async (t) => {
  const { h, emulator, workspace } = await liveTenant(t);
  const before = policies(emulator);
  const d = await h.call('runDiagnosis', { user: MARI });
  const rec = d.recommendations.find((r) => r.action === 'exemptFromPolicy')!;
  assert.ok(rec, 'the diagnosis recommends an exemption');

  const plan = await h.call('planExemption', { policyId: rec.policyId!, targetAppId: rec.targetAppId! });
  assert.equal(plan.tenantId, emulator.tenantId, 'the plan names the live tenant');
  assert.match(plan.diff.after, /CustomSecurityAttribute\.JamfConnect_isExemptMFA -eq \\"Exempt\\"/, "the profile's attribute is the filter");
  assert.deepEqual(policies(emulator), before, 'planning writes nothing');

  // Least privilege: the sign-in had read scopes only; preflight asks consent for the write scopes now.
  assert.ok(!WRITE_SCOPES.some((s) => (workspace.session.grantedScopes() ?? []).some((g) => g.endsWith(s))), 'no write scope before preflight');
  const pre = await h.call('preflightExemption', { planId: plan.planId });
  assert.equal(pre.passed, true, JSON.stringify(pre.checks));
  const granted = workspace.session.grantedScopes() ?? [];
  // Exactly what this plan's steps need: the policy write (the demo tenant already has the attribute).
  assert.ok(granted.some((g) => g.endsWith('Policy.ReadWrite.ConditionalAccess')), `consented at preflight: ${granted.join(' ')}`);
  assert.match(pre.checks.find((c) => c.name === 'Roles')!.detail, new RegExp(OPERATOR.replace(/\./g, '\\.')));

  const applied = await h.call('applyExemption', { planId: plan.planId, confirmTenantId: emulator.tenantId, confirmPolicyId: plan.policyId });
  assert.ok(applied.steps.every((s) => s.status === 'done' || s.status === 'skipped'), JSON.stringify(applied.steps));
  assert.notDeepEqual(policies(emulator), before, 'the policy now excludes the tagged app');
  assert.ok(h.events.some((e) => e.event === 'exemptionsChanged' && (e.payload as { reason: string }).reason === 'applied'));
  const listed = await h.call('listExemptions', {});
  assert.deepEqual(listed.map((e) => [e.exemptionId, e.status]), [[applied.exemptionId, 'applied']]);
  const audit = await h.call('listAuditLog', { offset: 0, limit: 100 });
  assert.ok(audit.some((e) => e.action === 'exemption.applied' && e.operator === OPERATOR), 'audited under the signed-in operator');

  assert.equal((await h.call('verifyExemption', { exemptionId: applied.exemptionId })).status, 'waiting', 'no sign-in since the change yet');
  const login = emulator.control.simulateJamfConnectLogin({ userPrincipalName: MARI });
  assert.notEqual(login.errorCode, 53003, 'the Mac is no longer blocked by the policy');
  const verified = await h.call('verifyExemption', { exemptionId: applied.exemptionId });
  assert.equal(verified.status, 'verified', verified.detail);
  assert.equal(verified.signInId, login.signIn?.id);

  const back = await h.call('rollbackExemption', { exemptionId: applied.exemptionId });
  assert.ok(back.steps.some((s) => s.status === 'done'), JSON.stringify(back.steps));
  assert.deepEqual(policies(emulator), before, 'restored byte for byte');
  assert.equal((await h.call('listExemptions', {}))[0]!.status, 'rolled-back');
});

test('live tenant signed out: plan, preflight, apply and rollback refuse with signInRequired and nothing is written', async (t) => {
  const { h, emulator, workspace } = await liveTenant(t);
  const d = await h.call('runDiagnosis', { user: MARI });
  const rec = d.recommendations.find((r) => r.action === 'exemptFromPolicy')!;
  const plan = await h.call('planExemption', { policyId: rec.policyId!, targetAppId: rec.targetAppId! });
  const before = policies(emulator);

  await workspace.session.signOut();
  const planned = await h.fails('planExemption', { policyId: rec.policyId!, targetAppId: rec.targetAppId! });
  assert.equal(planned.code, 'signInRequired');
  assert.match(planned.message, /Sign in to Northwind Trails AS first/);
  assert.equal((await h.fails('preflightExemption', { planId: plan.planId })).code, 'signInRequired');
  assert.equal((await h.fails('applyExemption', { planId: plan.planId, confirmTenantId: emulator.tenantId, confirmPolicyId: plan.policyId })).code, 'signInRequired');
  assert.equal((await h.fails('rollbackExemption', { exemptionId: 'op-anything' })).code, 'signInRequired');
  assert.equal((await h.fails('simulateJamfConnectLogin', { user: MARI })).code, 'preconditionFailed', 'simulated logins are demo-only');
  assert.deepEqual(policies(emulator), before);
  assert.deepEqual(await h.call('listAuditLog', { offset: 0, limit: 10 }), []);
});

test('live tenant: a time-boxed exemption waits while nobody is signed in, and is rolled back after sign-in', async (t) => {
  const { h, emulator, workspace } = await liveTenant(t);
  const before = policies(emulator);
  const d = await h.call('runDiagnosis', { user: MARI });
  const rec = d.recommendations.find((r) => r.action === 'exemptFromPolicy')!;
  const plan = await h.call('planExemption', { policyId: rec.policyId!, targetAppId: rec.targetAppId!, expiresInHours: 1 });
  await h.call('preflightExemption', { planId: plan.planId });
  const applied = await h.call('applyExemption', { planId: plan.planId, confirmTenantId: emulator.tenantId, confirmPolicyId: plan.policyId });

  await workspace.session.signOut();
  // Past the expiry. The operator signs in again below, so the emulator (sharing the app's clock) sees a fresh token.
  h.advance(60 * 60_000 + 5_000);
  const waiting = await checkExpiredExemptions(h.ctx);
  assert.deepEqual(waiting.rolledBack, []);
  assert.match(waiting.pending[0]!.reason, /Sign in to Northwind Trails AS first/);
  const status = (await h.call('listExemptions', {}))[0]!.status;
  assert.match(status, /^expired — still in the tenant, rollback pending: Sign in/);
  assert.notDeepEqual(policies(emulator), before);

  await workspace.session.signInInteractive(emulatorOpenBrowser(workspace.connection.transport, OPERATOR), { loginHint: OPERATOR });
  const done = await checkExpiredExemptions(h.ctx);
  assert.deepEqual(done, { rolledBack: [applied.exemptionId], pending: [] });
  assert.deepEqual(policies(emulator), before);
});
