import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../../electron/core/store/index.js';
import { planExemption } from '../../../electron/core/exemption/plan.js';
import { applyPlan } from '../../../electron/core/exemption/apply.js';
import { preflightPlan } from '../../../electron/core/exemption/preflight.js';
import { rollbackExemption } from '../../../electron/core/exemption/rollback.js';
import { loadExemption } from '../../../electron/core/exemption/records.js';
import { auditToCsv, auditToJson } from '../../../electron/core/exemption/audit-export.js';
import { FakeTenant } from './fake-tenant.js';
import { JAMF_SP_ID, OUR_RULE, noAttributes, policy, target } from './fixtures.js';

function setup(t: { after: (fn: () => void) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'll-exempt-'));
  const store: Store = openStore(join(dir, 'cache.sqlite'));
  t.after(() => { store.close(); rmSync(dir, { recursive: true, force: true }); });
  const tenant = new FakeTenant();
  const p1 = policy('p1', {});
  tenant.policies.set('p1', structuredClone(p1));
  tenant.servicePrincipals.set(JAMF_SP_ID, { id: JAMF_SP_ID, appId: target.appId, displayName: 'Jamf Connect', customSecurityAttributes: null });
  const plan = planExemption({ tenantId: 't1', policies: [p1], policyIds: ['p1'], target, existing: noAttributes });
  const deps = { graph: tenant.caller(), audit: store.audit, actor: 'admin@contoso.com' };
  return { store, tenant, plan, deps, p1 };
}

test('apply writes each step once, verifies by reading back, and audits before and after', async (t) => {
  const { store, tenant, plan, deps, p1 } = setup(t);
  const r = await applyPlan(plan, deps);
  assert.equal(r.status, 'applied', r.message);
  assert.deepEqual(r.steps.map((s) => s.outcome), ['done', 'done', 'done', 'done', 'done']);
  assert.deepEqual(tenant.writes().map((w) => `${w.method} ${w.path.split('?')[0]}`), [
    'POST /directory/attributeSets',
    'POST /directory/customSecurityAttributeDefinitions',
    'POST /directory/customSecurityAttributeDefinitions/LockoutLens_JamfConnectExempt/allowedValues',
    'PATCH /servicePrincipals/' + JAMF_SP_ID,
    'PATCH /identity/conditionalAccess/policies/p1',
  ]);
  const stored = tenant.policies.get('p1')!;
  assert.deepEqual((stored.conditions as { applications: unknown }).applications, { ...(p1.conditions as { applications: object }).applications, applicationFilter: { mode: 'exclude', rule: OUR_RULE } });
  // Every write has an attempt entry before and a success entry after, with request ids.
  const entries = store.audit.byOperation(r.operationId);
  const stepEntries = entries.filter((e) => e.action.startsWith('exemption.step.'));
  assert.deepEqual(stepEntries.map((e) => e.outcome), ['attempt', 'success', 'attempt', 'success', 'attempt', 'success', 'attempt', 'success', 'attempt', 'success']);
  const policySuccess = stepEntries.at(-1)!;
  assert.equal(policySuccess.actor, 'admin@contoso.com');
  assert.equal(policySuccess.tenantId, 't1');
  assert.equal(policySuccess.objectId, 'p1');
  assert.ok(policySuccess.requestIds.length >= 2, 'read + write + read-back request ids');
  assert.deepEqual(policySuccess.before, (p1.conditions as { applications: unknown }).applications);
  assert.equal(loadExemption(store.audit, r.operationId)!.status, 'applied');

  // Idempotent: the same plan again writes nothing.
  const before = tenant.writes().length;
  const again = await applyPlan(plan, deps);
  assert.equal(again.status, 'applied');
  assert.deepEqual(again.steps.map((s) => s.outcome), ['already-done', 'already-done', 'already-done', 'already-done', 'already-done']);
  assert.equal(tenant.writes().length, before);
});

test('rollback restores conditions.applications exactly and can remove the assignment; definitions stay', async (t) => {
  const { tenant, plan, deps, p1 } = setup(t);
  const r = await applyPlan(plan, deps);
  const rb = await rollbackExemption(r.operationId, deps, { removeAssignment: true });
  assert.equal(rb.status, 'rolled-back', rb.messages.join(' '));
  assert.deepEqual(tenant.policies.get('p1')!.conditions, p1.conditions);
  assert.equal(tenant.servicePrincipals.get(JAMF_SP_ID)!.customSecurityAttributes, null);
  assert.ok(tenant.definitions.has('LockoutLens_JamfConnectExempt'));
  assert.ok(rb.messages.some((m) => /cannot delete them.*Deprecated/.test(m)));
  const again = await rollbackExemption(r.operationId, deps);
  assert.equal(again.status, 'nothing-to-do');
  assert.equal(loadExemption(deps.audit, r.operationId)!.status, 'rolled-back');
  // Resuming a rolled-back exemption applies it again; the latest milestone decides the status.
  assert.equal((await applyPlan(plan, { ...deps, operationId: r.operationId })).status, 'applied');
  assert.equal(loadExemption(deps.audit, r.operationId)!.status, 'applied');
});

test('rollback refuses when the policy changed since the apply, and restores when forced', async (t) => {
  const { tenant, plan, deps, p1 } = setup(t);
  const r = await applyPlan(plan, deps);
  const changed = structuredClone(tenant.policies.get('p1')!) as { conditions: { applications: { excludeApplications: string[] } } };
  changed.conditions.applications.excludeApplications = ['someone-else'];
  tenant.policies.set('p1', changed as unknown as Record<string, unknown>);
  const writes = tenant.writes().length;
  const rb = await rollbackExemption(r.operationId, deps);
  assert.equal(rb.status, 'conflict');
  assert.equal(rb.conflicts.length, 1);
  assert.deepEqual(rb.conflicts[0]!.current, changed.conditions.applications);
  assert.deepEqual(rb.conflicts[0]!.recordedBefore, (p1.conditions as { applications: unknown }).applications);
  assert.equal(tenant.writes().length, writes, 'no write on conflict');
  const forced = await rollbackExemption(r.operationId, deps, { force: true });
  assert.equal(forced.status, 'rolled-back');
  assert.deepEqual(tenant.policies.get('p1')!.conditions, p1.conditions);
});

test('drift between plan and apply stops before the policy write', async (t) => {
  const { tenant, plan, deps } = setup(t);
  const p = tenant.policies.get('p1') as { state: string };
  p.state = 'disabled';
  const r = await applyPlan(plan, deps);
  assert.equal(r.status, 'drift');
  assert.deepEqual(r.next, ['replan', 'rollback']);
  assert.match(r.message, /changed since the plan/);
  assert.equal(r.steps.at(-1)!.outcome, 'drift');
  assert.ok(!tenant.writes().some((w) => w.path.startsWith('/identity/')), 'policy not written');
});

test('a fault at every step stops the run, is audited as failed, and resume completes', async (t) => {
  for (let i = 0; i < 5; i++) {
    const { store, tenant, plan, deps, p1 } = setup(t);
    const step = plan.steps[i]!;
    tenant.faults.push({ method: step.request.method, pathPrefix: step.request.path, status: 500, count: 1 });
    const r = await applyPlan(plan, deps);
    assert.equal(r.status, 'failed', `step ${i}`);
    assert.equal(r.steps[i]!.outcome, 'failed');
    assert.ok(r.steps.slice(0, i).every((s) => s.outcome === 'done'));
    assert.ok(r.steps.slice(i + 1).every((s) => s.outcome === 'not-run'));
    assert.deepEqual(r.next, ['resume', 'rollback']);
    const failed = store.audit.byOperation(r.operationId).filter((e) => e.action.startsWith('exemption.step.') && e.outcome === 'failed');
    assert.equal(failed.length, 1);
    assert.equal(failed[0]!.objectId, step.objectId);
    assert.ok(failed[0]!.requestIds.length >= 1);
    const resumed = await applyPlan(loadExemption(store.audit, r.operationId)!.plan, { ...deps, operationId: r.operationId });
    assert.equal(resumed.status, 'applied', `resume after step ${i}: ${resumed.message}`);
    const rb = await rollbackExemption(r.operationId, deps, { removeAssignment: true });
    assert.equal(rb.status, 'rolled-back');
    assert.deepEqual(tenant.policies.get('p1')!.conditions, p1.conditions);
  }
});

test('a write the service silently drops is caught by the read-back', async (t) => {
  const { tenant, plan, deps } = setup(t);
  const caller = tenant.caller();
  const dropping = { call: async (m: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) => (m === 'PATCH' && path.startsWith('/identity/') ? { status: 204, body: null, requestId: 'x', retryAfter: null } : caller.call(m, path, body)) };
  const r = await applyPlan(plan, { ...deps, graph: dropping });
  assert.equal(r.status, 'failed');
  assert.match(r.steps.at(-1)!.error!, /read-back/);
});

test('a refused plan (blockers) writes nothing', async (t) => {
  const { tenant, deps, p1 } = setup(t);
  const plan = planExemption({ tenantId: 't1', policies: [p1], policyIds: ['gone'], target, existing: noAttributes });
  const r = await applyPlan(plan, deps);
  assert.equal(r.status, 'refused');
  assert.equal(tenant.writes().length, 0);
});

test('audit export: CSV with a header and quoted JSON, JSON round-trips', async (t) => {
  const { store, plan, deps, tenant } = setup(t);
  tenant.faults.push({ method: 'PATCH', pathPrefix: '/identity/', status: 403, count: 1 });
  const r = await applyPlan(plan, deps);
  const entries = store.audit.byOperation(r.operationId);
  const csv = auditToCsv(entries);
  const lines = csv.trimEnd().split('\r\n');
  assert.equal(lines[0], 'seq,at,actor,tenantId,operationId,objectType,objectId,action,outcome,requestIds,before,after,detail');
  assert.ok(lines.some((l) => l.includes(',failed,')), 'failed attempt exported');
  assert.ok(csv.includes('""mode""') || csv.includes('""includeApplications""'), 'JSON cells are quoted with doubled quotes');
  const json = JSON.parse(auditToJson(entries)) as { outcome: string }[];
  assert.equal(json.length, entries.length);
  assert.ok(json.some((e) => e.outcome === 'failed'));
});

test('a failed preflight handed to apply refuses before any write or audit entry', async (t) => {
  const { tenant, plan, deps, store } = setup(t);
  const preflight = preflightPlan(plan, { userPrincipalName: 'ga@contoso.com', scopes: [], roleTemplateIds: ['62e90394-69f5-4237-9190-012177145e10'], roleSource: 'token-wids' });
  const r = await applyPlan(plan, { ...deps, preflight });
  assert.equal(r.status, 'refused');
  assert.match(r.message, /Global Administrator is not enough/);
  assert.equal(tenant.writes().length, 0);
  assert.deepEqual(store.audit.byOperation(r.operationId), []);
});
