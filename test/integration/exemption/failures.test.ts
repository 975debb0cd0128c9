/**
 * Failure paths on the emulator: missing roles and scopes are refused before any write (and the
 * emulator itself would refuse them), throttled CA writes are survived, a fault at every step stops
 * the run and resume completes, drift stops before the policy write.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPlan } from '../../../electron/core/exemption/apply.js';
import { auditToCsv } from '../../../electron/core/exemption/audit-export.js';
import { rollbackExemption } from '../../../electron/core/exemption/rollback.js';
import { loadExemption } from '../../../electron/core/exemption/records.js';
import { signInToEmulator } from '../../../electron/core/exemption/operator-session.js';
import { preflightPlan } from '../../../electron/core/exemption/preflight.js';
import { API_APP_ID, POLICY_ID, ROPG_SCOPE, USER_UPN, makeSnapshot } from './snapshot.js';
import { harness, planFor, preflightWithConsent, writesIn } from './harness.js';

const ADMIN = 'admin@contoso-test.example';
type Obj = Record<string, unknown>;
const applicationsOf = (state: { conditionalAccessPolicies: Obj[] }) => (state.conditionalAccessPolicies.find((p) => p.id === POLICY_ID)!.conditions as Obj).applications;

test('each missing role is named by preflight before any write; Global Administrator alone is refused for attributes', async (t) => {
  const h = await harness(t, makeSnapshot());
  const cases: [string, RegExp][] = [
    ['no-ada@contoso-test.example', /Attribute Definition Administrator/],
    ['no-aaa@contoso-test.example', /Attribute Assignment Administrator/],
    ['no-caa@contoso-test.example', /Conditional Access Administrator .*or Security Administrator/],
    ['ga@contoso-test.example', /Global Administrator is not enough/],
  ];
  for (const [upn, message] of cases) {
    const session = await h.signIn(upn);
    const plan = await planFor(session, API_APP_ID, [POLICY_ID]);
    const pre = await preflightWithConsent(session, plan);
    assert.equal(pre.after.ok, false, upn);
    assert.deepEqual(pre.after.missingScopes, [], `${upn}: scopes were consented, only roles are missing`);
    assert.match(pre.after.messages.join(' '), message, upn);
  }
  assert.deepEqual(writesIn(h.emulator), [], 'preflight refusals wrote nothing');

  // Had we written anyway, the emulator (like Entra) refuses the GA's attribute write — and the
  // failed attempt is in the audit log with its request id.
  const ga = await h.signIn('ga@contoso-test.example');
  const plan = await planFor(ga, API_APP_ID, [POLICY_ID]);
  await preflightWithConsent(ga, plan);
  assert.match(plan.blockers.join(' '), /cannot read custom security attributes/, 'GA cannot even read the attributes');
  const r = await applyPlan({ ...plan, blockers: [] }, { graph: ga.graph, audit: h.store.audit, actor: 'ga@contoso-test.example' });
  assert.equal(r.status, 'failed');
  assert.match(r.steps[0]!.error!, /403/);
  const failed = h.store.audit.byOperation(r.operationId).filter((e) => e.outcome === 'failed' && e.action.startsWith('exemption.step.'));
  assert.equal(failed.length, 1);
  assert.ok(failed[0]!.requestIds.length > 0);
  assert.match(auditToCsv(h.store.audit.byOperation(r.operationId)), /exemption\.step\.create-attribute-set,failed/);
});

test('missing scopes are listed exactly; writing without them fails with 403 and is audited', async (t) => {
  const h = await harness(t, makeSnapshot());
  const session = await h.signIn(ADMIN);
  const plan = await planFor(session, API_APP_ID, [POLICY_ID]);
  const pre = preflightPlan(plan, await session.identity());
  assert.equal(pre.ok, false);
  assert.deepEqual([...pre.missingScopes].sort(), ['CustomSecAttributeAssignment.ReadWrite.All', 'CustomSecAttributeDefinition.ReadWrite.All', 'Policy.ReadWrite.ConditionalAccess']);
  assert.deepEqual(pre.missingRoles, []);
  const r = await applyPlan(plan, { graph: session.graph, audit: h.store.audit, actor: ADMIN });
  assert.equal(r.status, 'failed');
  assert.equal(h.store.audit.byOperation(r.operationId).filter((e) => e.outcome === 'failed' && e.action.startsWith('exemption.step.')).length, 1);
});

test('CA 429s without Retry-After (injected and real) are survived by our own back-off', async (t) => {
  const h = await harness(t, makeSnapshot());
  const session = await h.signIn(ADMIN);
  const plan = await planFor(session, API_APP_ID, [POLICY_ID], { strategy: 'exclude-app' });
  await preflightWithConsent(session, plan);
  h.emulator.control.injectFaults([{ kind: 'throttle', method: 'PATCH', pathPrefix: `/v1.0/identity/conditionalAccess/policies/${POLICY_ID}`, count: 2, retryAfterSeconds: null }]);
  // A pacer that ignores the ~1/s budget makes the emulator throttle for real, too.
  const impatient = await signInToEmulator(h.emulator, ADMIN, { pacer: { minIntervalMs: 0, backoffMs: 200 } });
  await preflightWithConsent(impatient, plan);
  const r = await applyPlan(plan, { graph: impatient.graph, audit: h.store.audit, actor: ADMIN });
  assert.equal(r.status, 'applied', r.message);
  const throttled = h.emulator.control.requestLog().filter((e) => e.status === 429 && e.path.includes('/conditionalAccess/'));
  assert.ok(throttled.length >= 2, `429s seen: ${throttled.length}`);
  assert.ok(((applicationsOf(h.emulator.control.state()) as Obj).excludeApplications as string[]).includes(API_APP_ID));
});

test('a fault injected at every step stops the run; resume completes; rollback restores', async (t) => {
  const h = await harness(t, makeSnapshot());
  const session = await h.signIn(ADMIN);
  const first = await planFor(session, API_APP_ID, [POLICY_ID]);
  await preflightWithConsent(session, first);
  for (let i = 0; i < first.steps.length; i++) {
    h.emulator.control.loadSnapshot(makeSnapshot());
    const original = structuredClone(applicationsOf(h.emulator.control.state()));
    const plan = await planFor(session, API_APP_ID, [POLICY_ID]);
    assert.equal(plan.steps.length, 5);
    const step = plan.steps[i]!;
    h.emulator.control.injectFaults([{ kind: 'status', status: 503, method: step.request.method, pathPrefix: `/v1.0${step.request.path}`, count: 1 }]);
    const r = await applyPlan(plan, { graph: session.graph, audit: h.store.audit, actor: ADMIN });
    assert.equal(r.status, 'failed', `fault at ${step.kind}`);
    assert.deepEqual(r.steps.map((s) => s.outcome), plan.steps.map((_, j) => (j < i ? 'done' : j === i ? 'failed' : 'not-run')), step.kind);
    assert.deepEqual(r.next, ['resume', 'rollback']);
    h.emulator.control.clearFaults();
    // Resume from the audit log alone, as a restarted process would.
    const record = loadExemption(h.store.audit, r.operationId)!;
    assert.deepEqual(record.doneStepIds, plan.steps.slice(0, i).map((s) => s.id));
    const resumed = await applyPlan(record.plan, { graph: session.graph, audit: h.store.audit, actor: ADMIN, operationId: r.operationId });
    assert.equal(resumed.status, 'applied', `resume after ${step.kind}: ${resumed.message}`);
    assert.equal(h.emulator.control.simulateJamfConnectLogin({ userPrincipalName: USER_UPN, scopes: ROPG_SCOPE }).ok, true);
    const rb = await rollbackExemption(r.operationId, { graph: session.graph, audit: h.store.audit, actor: ADMIN }, { removeAssignment: true });
    assert.equal(rb.status, 'rolled-back', rb.messages.join(' '));
    assert.deepEqual(applicationsOf(h.emulator.control.state()), original);
  }
});

test('drift between plan and apply: stop before writing the policy, offer a fresh plan', async (t) => {
  const h = await harness(t, makeSnapshot());
  const session = await h.signIn(ADMIN);
  const plan = await planFor(session, API_APP_ID, [POLICY_ID], { strategy: 'exclude-app' });
  await preflightWithConsent(session, plan);
  // Someone else edits the policy in the portal meanwhile.
  const edit = await session.graph.call('PATCH', `/identity/conditionalAccess/policies/${POLICY_ID}`, { state: 'enabledForReportingButNotEnforced' });
  assert.equal(edit.status, 204);
  const writesBefore = writesIn(h.emulator).length;
  const r = await applyPlan(plan, { graph: session.graph, audit: h.store.audit, actor: ADMIN });
  assert.equal(r.status, 'drift');
  assert.deepEqual(r.next, ['replan', 'rollback']);
  assert.equal(writesIn(h.emulator).length, writesBefore, 'no write after drift');
  const fresh = await planFor(session, API_APP_ID, [POLICY_ID], { strategy: 'exclude-app' });
  assert.equal(fresh.policies[0]!.beforePolicy!.state, 'enabledForReportingButNotEnforced');
  assert.equal((await applyPlan(fresh, { graph: session.graph, audit: h.store.audit, actor: ADMIN })).status, 'applied');
});
