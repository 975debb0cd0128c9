/**
 * End to end on the emulator, per strategy: a locked-out user is diagnosed, the plan is made from
 * the tenant's current state, preflight asks consent for the write scopes, apply runs, the emulator
 * holds exactly the planned policy and service principal, a simulated Jamf Connect login now
 * succeeds with the policy reported notApplied, and rollback restores the policy byte-for-byte.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseFromSnapshot } from '../../../electron/core/diagnosis/from-snapshot.js';
import { applyPlan } from '../../../electron/core/exemption/apply.js';
import { rollbackExemption } from '../../../electron/core/exemption/rollback.js';
import { loadExemption } from '../../../electron/core/exemption/records.js';
import type { ExemptionStrategy } from '../../../electron/core/exemption/types.js';
import { API_APP_ID, API_SP_ID, POLICY_ID, ROPG_SCOPE, USER_UPN, makeSnapshot } from './snapshot.js';
import { harness, planFor, preflightWithConsent } from './harness.js';

const ADMIN = 'admin@contoso-test.example';
type Obj = Record<string, unknown>;

function policyIn(state: { conditionalAccessPolicies: Obj[] }): Obj {
  return state.conditionalAccessPolicies.find((p) => p.id === POLICY_ID)!;
}
function withoutModified(p: Obj): Obj {
  const { modifiedDateTime: _m, ...rest } = p;
  return rest;
}

for (const strategy of ['attribute-filter', 'exclude-app'] as ExemptionStrategy[]) {
  test(`e2e ${strategy}: diagnose, plan, consent, apply, login succeeds with notApplied, rollback restores byte-for-byte`, async (t) => {
    const h = await harness(t, makeSnapshot());
    const original = structuredClone(policyIn(h.emulator.control.state()));

    // The user is locked out: require-compliant-device answers 53000 to the ROPG check.
    const failing = h.emulator.control.simulateJamfConnectLogin({ userPrincipalName: USER_UPN, scopes: ROPG_SCOPE });
    assert.equal(failing.ok, false);
    assert.equal(failing.errorCode, 53000);

    // Diagnosis names the policy and the target: the custom API app is the sign-in's resource.
    const diagnosis = diagnoseFromSnapshot(h.emulator.control.state(), USER_UPN, { days: 30, now: h.emulator.control.now().toISOString() });
    assert.equal(diagnosis.verdict.lockedOut, true);
    const rec = diagnosis.recommendations.find((r) => r.action === 'exemptFromPolicy');
    assert.ok(rec, `an exemptFromPolicy recommendation: ${JSON.stringify(diagnosis.recommendations)}`);
    assert.equal(rec.policyId, POLICY_ID);
    assert.equal(rec.targetAppId, API_APP_ID);

    const session = await h.signIn(ADMIN);
    const plan = await planFor(session, rec.targetAppId!, [rec.policyId!], { strategy });
    assert.deepEqual(plan.blockers, []);
    const expectedKinds = strategy === 'attribute-filter'
      ? ['create-attribute-set', 'create-attribute-definition', 'add-allowed-value', 'assign-attribute', 'update-policy']
      : ['update-policy'];
    assert.deepEqual(plan.steps.map((s) => s.kind), expectedKinds);

    // Write scopes are not held at sign-in; preflight asks for them now (incremental consent).
    const pre = await preflightWithConsent(session, plan);
    assert.ok(pre.before.missingScopes.includes('Policy.ReadWrite.ConditionalAccess'));
    assert.equal(pre.after.ok, true, pre.after.messages.join(' '));

    const result = await applyPlan(plan, { graph: session.graph, audit: h.store.audit, actor: pre.operator.userPrincipalName });
    assert.equal(result.status, 'applied', result.message);

    // The emulator holds exactly the planned policy (only conditions.applications changed) …
    const state = h.emulator.control.state();
    const decision = plan.policies[0]!;
    const expectedPolicy = { ...structuredClone(original), conditions: { ...(original.conditions as Obj), applications: decision.afterApplications } };
    assert.deepEqual(withoutModified(policyIn(state)), withoutModified(expectedPolicy));
    // … and the planned service principal.
    const sp = state.servicePrincipals.find((s) => s.id === API_SP_ID)!;
    if (strategy === 'attribute-filter') {
      assert.deepEqual((sp.customSecurityAttributes as Record<string, Obj>).LockoutLens!.JamfConnectExempt, 'Exempt');
      assert.ok(state.customSecurityAttributeDefinitions.some((d) => d.id === 'LockoutLens_JamfConnectExempt'));
    } else {
      assert.equal(sp.customSecurityAttributes ?? null, null);
    }

    // The next Jamf Connect check succeeds; the policy reports notApplied.
    const ok = h.emulator.control.simulateJamfConnectLogin({ userPrincipalName: USER_UPN, scopes: ROPG_SCOPE });
    assert.equal(ok.ok, true, `login after apply: AADSTS${ok.errorCode}`);
    const applied = (ok.signIn!.appliedConditionalAccessPolicies as Obj[]).find((p) => p.id === POLICY_ID);
    assert.equal(applied?.result, 'notApplied');

    // Re-applying changes nothing.
    const again = await applyPlan(plan, { graph: session.graph, audit: h.store.audit, actor: ADMIN });
    assert.ok(again.steps.every((s) => s.outcome === 'already-done'));

    // Rollback restores the policy byte-for-byte and (optionally) untags the app.
    const rb = await rollbackExemption(result.operationId, { graph: session.graph, audit: h.store.audit, actor: ADMIN }, { removeAssignment: true });
    assert.equal(rb.status, 'rolled-back', rb.messages.join(' '));
    const after = policyIn(h.emulator.control.state());
    assert.equal(JSON.stringify((after.conditions as Obj).applications), JSON.stringify((original.conditions as Obj).applications));
    assert.deepEqual(withoutModified(after), withoutModified(original));
    const spAfter = h.emulator.control.state().servicePrincipals.find((s) => s.id === API_SP_ID)!;
    const tag = (spAfter.customSecurityAttributes as Record<string, Obj> | null)?.LockoutLens?.JamfConnectExempt;
    assert.equal(tag ?? null, null);
    assert.equal(loadExemption(h.store.audit, result.operationId)!.status, 'rolled-back');
    assert.equal(h.emulator.control.simulateJamfConnectLogin({ userPrincipalName: USER_UPN, scopes: ROPG_SCOPE }).errorCode, 53000, 'locked out again after rollback');
  });
}
