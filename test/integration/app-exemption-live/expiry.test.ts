// Time-boxed exemptions on the demo tenant: plan with expiresInHours, apply, move the app's clock
// past the expiry, run the expiry check → the policy is restored exactly (read back), the rollback is
// audited, the renderer is told. When the tenant fails the rollback, the exemption stays listed as
// expired-pending with the reason, and the next check finishes the job.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkExpiredExemptions } from '../../../electron/app/expiry-checks.js';
import { existingWorkflow } from '../../../electron/app/workflow-session.js';
import type { RunningEmulator } from '../../../electron/core/emulator/index.js';
import { appHarness, type AppHarness } from '../app-files/app-harness.js';

const MARI = 'mari.johansen@northwind-demo.example';
const HOUR = 3_600_000;

type Policy = { id: string; modifiedDateTime?: unknown };
/** Policies as the tenant holds them; modifiedDateTime is Graph's to bump on every PATCH. */
function policies(emulator: RunningEmulator): string[] {
  return (emulator.control.state().conditionalAccessPolicies as Policy[]).map(({ modifiedDateTime: _m, ...rest }) => JSON.stringify(rest));
}

async function applyTimeBoxed(h: AppHarness, hours: number) {
  await h.call('openDemoTenant', {});
  const d = await h.call('runDiagnosis', { user: MARI });
  const rec = d.recommendations.find((r) => r.action === 'exemptFromPolicy')!;
  const plannedAt = h.ctx.ports.now().getTime();
  const plan = await h.call('planExemption', { policyId: rec.policyId!, targetAppId: rec.targetAppId!, expiresInHours: hours });
  const expiresAt = Date.parse(plan.expiresAt!);
  assert.ok(Math.abs(expiresAt - (plannedAt + hours * HOUR)) < 60_000, `expires ${hours} h after planning`);
  const emulator = (await existingWorkflow(h.ctx.session!))!.emulator!;
  const before = policies(emulator);
  assert.equal((await h.call('preflightExemption', { planId: plan.planId })).passed, true);
  const applied = await h.call('applyExemption', { planId: plan.planId, confirmTenantId: plan.tenantId, confirmPolicyId: plan.policyId });
  assert.ok(applied.steps.every((s) => s.status === 'done' || s.status === 'skipped'), JSON.stringify(applied.steps));
  assert.notDeepEqual(policies(emulator), before, 'the exemption is in the tenant');
  return { plan, applied, emulator, before, id: applied.exemptionId };
}

const statusOf = async (h: AppHarness, id: string) => (await h.call('listExemptions', {})).find((e) => e.exemptionId === id)?.status;

test('a time-boxed demo exemption is rolled back by the expiry check once due: restored exactly, audited, announced', async (t) => {
  const h = appHarness();
  t.after(() => h.close());
  const { emulator, before, id, plan } = await applyTimeBoxed(h, 1);
  const listed = (await h.call('listExemptions', {})).find((e) => e.exemptionId === id)!;
  assert.equal(listed.expiresAt, plan.expiresAt);
  assert.equal(listed.status, 'applied');

  // Not due yet: the check leaves it alone.
  assert.deepEqual(await checkExpiredExemptions(h.ctx), { rolledBack: [], pending: [] });
  assert.equal(await statusOf(h, id), 'applied');

  h.advance(HOUR + 60_000);
  assert.match((await statusOf(h, id))!, /^expired — rolled back at the next expiry check/);
  const changedBefore = h.events.filter((e) => e.event === 'exemptionsChanged').length;
  const result = await checkExpiredExemptions(h.ctx);
  assert.deepEqual(result, { rolledBack: [id], pending: [] });

  assert.deepEqual(policies(emulator), before, 'every policy byte for byte as before the exemption');
  assert.equal(await statusOf(h, id), 'rolled-back');
  const audit = await h.call('listAuditLog', { offset: 0, limit: 500 });
  const rolledBack = audit.find((e) => e.action === 'exemption.rolled-back');
  assert.ok(rolledBack, 'the rollback is in the audit log');
  assert.equal(rolledBack.outcome, 'success');
  assert.match(rolledBack.operator, /\(expiry\)$/, 'the audit says the expiry did it');
  assert.ok(audit.some((e) => e.action === 'exemption.rollback-step' && e.outcome === 'success'), 'the restore was read back and recorded');
  const changed = h.events.filter((e) => e.event === 'exemptionsChanged').slice(changedBefore);
  assert.deepEqual(changed.map((e) => e.payload), [{ reason: 'expired', exemptionId: id }]);

  // The views read the restored tenant; a second check has nothing left to do.
  assert.deepEqual(await checkExpiredExemptions(h.ctx), { rolledBack: [], pending: [] });
  assert.equal(audit.filter((e) => e.action === 'exemption.rolled-back').length, 1);
});

test('when the rollback cannot run, the expired exemption stays listed as pending with the reason, and the next check completes it', async (t) => {
  const h = appHarness();
  t.after(() => h.close());
  const { emulator, before, id } = await applyTimeBoxed(h, 2);
  h.advance(2 * HOUR + 60_000);
  // The tenant fails every Conditional Access request (a 500 is not retried by the pacer).
  emulator.control.injectFaults([{ kind: 'status', status: 500, pathPrefix: '/v1.0/identity/conditionalAccess' }]);
  const first = await checkExpiredExemptions(h.ctx);
  assert.deepEqual(first.rolledBack, []);
  assert.equal(first.pending.length, 1);
  assert.equal(first.pending[0]!.exemptionId, id);
  assert.match(first.pending[0]!.reason, /500/);
  assert.match((await statusOf(h, id))!, /^expired — still in the tenant, rollback pending: .*500.* Retried at the next expiry check\.$/);
  assert.notDeepEqual(policies(emulator), before, 'still exempt');
  assert.ok(!h.events.some((e) => e.event === 'exemptionsChanged' && (e.payload as { reason: string }).reason === 'expired'));

  emulator.control.clearFaults();
  const second = await checkExpiredExemptions(h.ctx);
  assert.deepEqual(second, { rolledBack: [id], pending: [] });
  assert.deepEqual(policies(emulator), before);
  assert.equal(await statusOf(h, id), 'rolled-back');
});

test('a permanent exemption is never touched by the expiry check, 20 hours later', async (t) => {
  const h = appHarness();
  t.after(() => h.close());
  await h.call('openDemoTenant', {});
  const d = await h.call('runDiagnosis', { user: MARI });
  const rec = d.recommendations.find((r) => r.action === 'exemptFromPolicy')!;
  const plan = await h.call('planExemption', { policyId: rec.policyId!, targetAppId: rec.targetAppId! });
  assert.equal(plan.expiresAt, null);
  await h.call('preflightExemption', { planId: plan.planId });
  const applied = await h.call('applyExemption', { planId: plan.planId, confirmTenantId: plan.tenantId, confirmPolicyId: plan.policyId });
  h.advance(20 * HOUR); // (less than the demo emulator's token lifetime: MSAL judges token age by the real clock)
  assert.deepEqual(await checkExpiredExemptions(h.ctx), { rolledBack: [], pending: [] });
  assert.equal(await statusOf(h, applied.exemptionId), 'applied');
  // A manual rollback announces itself too.
  await h.call('rollbackExemption', { exemptionId: applied.exemptionId });
  assert.ok(h.events.some((e) => e.event === 'exemptionsChanged' && JSON.stringify(e.payload) === JSON.stringify({ reason: 'rolledBack', exemptionId: applied.exemptionId })));
});

test('an expired exemption whose policy someone else changed is not overwritten, and not retried every minute', async (t) => {
  const h = appHarness();
  t.after(() => h.close());
  const { id, plan } = await applyTimeBoxed(h, 1);
  // Another admin edits the policy's applications in the portal after our apply.
  const wf = (await existingWorkflow(h.ctx.session!))!;
  const path = `/identity/conditionalAccess/policies/${plan.policyId}`;
  const current = (await wf.operator.graph.call('GET', path)).body as { conditions: { applications: Record<string, unknown> } };
  const applications = { ...current.conditions.applications, excludeApplications: [...((current.conditions.applications.excludeApplications as string[] | undefined) ?? []), '00000002-0000-0ff1-ce00-000000000000'] };
  const patched = await wf.operator.graph.call('PATCH', path, { conditions: { applications } });
  assert.ok(patched.status >= 200 && patched.status < 300, `PATCH ${patched.status}`);
  const edited = JSON.stringify((await wf.operator.graph.call('GET', path)).body);

  h.advance(HOUR + 60_000);
  const first = await checkExpiredExemptions(h.ctx);
  assert.deepEqual(first.rolledBack, []);
  assert.match(first.pending[0]!.reason, /changed by someone else .* not overwritten/);
  assert.match((await statusOf(h, id))!, /rollback pending: the policy was changed by someone else/);
  const conflicts = async () => (await h.call('listAuditLog', { offset: 0, limit: 500 })).filter((e) => e.action === 'exemption.rollback-step' && e.outcome === 'conflict').length;
  assert.equal(await conflicts(), 1, 'the refusal is audited');

  const second = await checkExpiredExemptions(h.ctx);
  assert.deepEqual(second.pending.map((p) => p.exemptionId), [id]);
  assert.equal(await conflicts(), 1, 'held back: the next tick does not write the same conflict again');
  const after = (await wf.operator.graph.call('GET', path)).body as Record<string, unknown>;
  const { modifiedDateTime: _a, ...afterRest } = after;
  const { modifiedDateTime: _b, ...editedRest } = JSON.parse(edited) as Record<string, unknown>;
  assert.deepEqual(afterRest, editedRest, "the other admin's change is left in place");
});
