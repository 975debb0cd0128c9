/**
 * Policies whose shape decides the strategy, on the emulator: an include-mode application filter
 * (→ exclude-app, the filter kept), and a policy that already carries our exclusion (→ no write).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPlan } from '../../../electron/core/exemption/apply.js';
import { rollbackExemption } from '../../../electron/core/exemption/rollback.js';
import { API_APP_ID, API_SP_ID, POLICY_ID, ROPG_SCOPE, USER_UPN, applications, makeSnapshot } from './snapshot.js';
import { harness, planFor, preflightWithConsent, writesIn } from './harness.js';

const ADMIN = 'admin@contoso-test.example';
type Obj = Record<string, unknown>;
const applicationsOf = (state: { conditionalAccessPolicies: Obj[] }) => (state.conditionalAccessPolicies.find((p) => p.id === POLICY_ID)!.conditions as Obj).applications;
const READ_TYPE = '#microsoft.graph.customSecurityAttributeValue';

function withAttribute(snapshot: ReturnType<typeof makeSnapshot>, set: string, name: string, value: string) {
  snapshot.attributeSets.push({ id: set, description: 'test', maxAttributesPerSet: null });
  snapshot.customSecurityAttributeDefinitions.push({
    id: `${set}_${name}`, attributeSet: set, name, description: 'test', type: 'String', status: 'Available',
    isCollection: false, isSearchable: true, usePreDefinedValuesOnly: true, allowedValues: [{ id: value, isActive: true }],
  });
  const sp = snapshot.servicePrincipals.find((s) => s.id === API_SP_ID)!;
  const csa = (sp.customSecurityAttributes as Record<string, Obj> | null) ?? {};
  csa[set] = { ...(csa[set] ?? { '@odata.type': READ_TYPE }), [name]: value };
  sp.customSecurityAttributes = csa;
  return snapshot;
}

test('include-mode filter: the plan excludes the app id instead, keeps the filter, and the lockout ends', async (t) => {
  const includeFilter = { mode: 'include', rule: 'CustomSecurityAttribute.Ops_Scope -eq "Strict"' };
  const h = await harness(t, withAttribute(makeSnapshot(applications({ includeApplications: [], applicationFilter: includeFilter })), 'Ops', 'Scope', 'Strict'));
  assert.equal(h.emulator.control.simulateJamfConnectLogin({ userPrincipalName: USER_UPN, scopes: ROPG_SCOPE }).errorCode, 53000, 'the include filter selects the API app');
  const session = await h.signIn(ADMIN);
  const plan = await planFor(session, API_APP_ID, [POLICY_ID]);
  assert.deepEqual(plan.steps.map((s) => s.kind), ['update-policy']);
  assert.equal(plan.policies[0]!.strategy, 'exclude-app');
  assert.match(plan.policies[0]!.reason, /include-mode filter/);
  await preflightWithConsent(session, plan);
  const r = await applyPlan(plan, { graph: session.graph, audit: h.store.audit, actor: ADMIN });
  assert.equal(r.status, 'applied', r.message);
  assert.deepEqual(applicationsOf(h.emulator.control.state()), { ...applications({ includeApplications: [], applicationFilter: includeFilter }), excludeApplications: [API_APP_ID] });
  const ok = h.emulator.control.simulateJamfConnectLogin({ userPrincipalName: USER_UPN, scopes: ROPG_SCOPE });
  assert.equal(ok.ok, true);
  assert.equal((ok.signIn!.appliedConditionalAccessPolicies as Obj[]).find((p) => p.id === POLICY_ID)?.result, 'notApplied');
  const rb = await rollbackExemption(r.operationId, { graph: session.graph, audit: h.store.audit, actor: ADMIN });
  assert.equal(rb.status, 'rolled-back');
  assert.deepEqual(applicationsOf(h.emulator.control.state()), applications({ includeApplications: [], applicationFilter: includeFilter }));
});

test('a policy that already carries our exclusion: nothing to write, and the login already works', async (t) => {
  const rule = 'CustomSecurityAttribute.LockoutLens_JamfConnectExempt -eq "Exempt"';
  const h = await harness(t, withAttribute(makeSnapshot(applications({ applicationFilter: { mode: 'exclude', rule } })), 'LockoutLens', 'JamfConnectExempt', 'Exempt'));
  const session = await h.signIn(ADMIN);
  const plan = await planFor(session, API_APP_ID, [POLICY_ID]);
  assert.deepEqual(plan.blockers, []);
  assert.deepEqual(plan.steps, []);
  assert.equal(plan.policies[0]!.action, 'unchanged');
  await preflightWithConsent(session, plan);
  const r = await applyPlan(plan, { graph: session.graph, audit: h.store.audit, actor: ADMIN });
  assert.equal(r.status, 'applied');
  assert.match(r.message, /Nothing changed/);
  assert.deepEqual(writesIn(h.emulator), []);
  assert.equal(h.emulator.control.simulateJamfConnectLogin({ userPrincipalName: USER_UPN, scopes: ROPG_SCOPE }).ok, true);
});
