// The app layer the router calls: handlers over the demo tenant, the sign-in index, policy rendering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../../../electron/app/context.js';
import { loadShippedDemoSnapshot } from '../../../electron/app/demo.js';
import { handlers } from '../../../electron/app/handlers.js';
import { describeGrant, describeResources, describeUsers } from '../../../electron/app/policy-summary.js';
import { memorySettingsStore } from '../../../electron/app/settings.js';
import { SignInIndex } from '../../../electron/app/sign-ins.js';
import { IpcError } from '../../../electron/contract/envelope.js';
import { testHostPorts } from '../../support/app-ports.js';

const NOW = new Date('2026-11-30T12:00:00Z');

function context(): { ctx: AppContext; cleanup: () => void; opened: string[] } {
  const dataDir = mkdtempSync(join(tmpdir(), 'll-app-'));
  const opened: string[] = [];
  const ctx: AppContext = {
    version: 'test',
    dataDir,
    settings: memorySettingsStore(),
    session: null,
    ports: {
      openExternal: async (url) => (opened.push(url), true),
      emit: () => {},
      loadDemoSnapshot: () => loadShippedDemoSnapshot(NOW),
      now: () => NOW,
      log: { info: () => {}, warn: () => {}, error: () => {} },
      ...testHostPorts(),
    },
  };
  return { ctx, opened, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

test('without a tenant, data calls answer noTenant instead of empty data', async () => {
  const { ctx, cleanup } = context();
  try {
    await assert.rejects(handlers.listSignIns(ctx, { offset: 0, limit: 10 }), (e: unknown) => e instanceof IpcError && e.code === 'noTenant');
    await assert.rejects(handlers.runDiagnosis(ctx, { user: 'x@y.z' }), (e: unknown) => e instanceof IpcError && e.code === 'noTenant');
    const state = await handlers.getAppState(ctx, {});
    assert.equal(state.mode, 'none');
  } finally {
    cleanup();
  }
});

test('the demo tenant: search, sign-in filters and paging, detail, unknown ids', async () => {
  const { ctx, cleanup } = context();
  try {
    const state = await handlers.openDemoTenant(ctx, {});
    assert.equal(state.mode, 'demo');
    assert.equal(state.tenant?.displayName, 'Northwind Trails AS');
    const users = await handlers.searchUsers(ctx, { query: 'johansen', limit: 5 });
    assert.ok(users.some((u) => u.userPrincipalName === 'mari.johansen@northwind-demo.example'));

    const all = await handlers.listSignIns(ctx, { offset: 0, limit: 500 });
    assert.equal(all.total, ctx.session!.snapshot.signIns.length);
    const times = all.rows.map((r) => r.createdDateTime);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
    const blocked = await handlers.listSignIns(ctx, { errorCode: 53003, offset: 0, limit: 500 });
    assert.ok(blocked.total > 0);
    assert.ok(blocked.rows.every((r) => r.errorCode === 53003));
    const page2 = await handlers.listSignIns(ctx, { errorCode: 53003, offset: 1, limit: 1 });
    assert.equal(page2.rows[0]?.id, blocked.rows[1]?.id, 'offset pages through the same filtered order');
    const failures = await handlers.listSignIns(ctx, { caStatus: 'failure', user: 'kari', offset: 0, limit: 500 });
    assert.ok(failures.rows.every((r) => r.conditionalAccessStatus === 'failure' && /kari/i.test(r.userPrincipalName + r.userDisplayName)));

    const detail = await handlers.getSignIn(ctx, { id: blocked.rows[0]!.id });
    assert.equal(JSON.parse(detail.rawJson).id, blocked.rows[0]!.id);
    await assert.rejects(handlers.getSignIn(ctx, { id: 'no-such-sign-in' }), (e: unknown) => e instanceof IpcError && e.code === 'notFound');
    await assert.rejects(handlers.runDiagnosis(ctx, { user: 'nobody@northwind-demo.example' }), (e: unknown) => e instanceof IpcError && e.code === 'notFound');
  } finally {
    cleanup();
  }
});

test('demo stories: Kari Dahl is blocked by the trusted-location policy; the policy list says whom each policy hits', async () => {
  const { ctx, cleanup } = context();
  try {
    await handlers.openDemoTenant(ctx, {});
    // Story: "Finance user working from home: CA020 blocks every sign-in outside the trusted office networks" — 53003.
    const d = await handlers.runDiagnosis(ctx, { user: 'kari.dahl@northwind-demo.example' });
    assert.equal(d.verdict.lockedOut, true);
    assert.equal(d.verdict.primaryErrorCode, 53003);
    assert.deepEqual(d.policies.filter((p) => p.blocking).map((p) => p.displayName), ['CA020 – Finance: block access outside trusted locations']);
    const policies = await handlers.listPolicies(ctx, {});
    const ca020 = policies.find((p) => p.displayName.startsWith('CA020'))!;
    assert.equal(ca020.hitsJamfConnect, true);
    assert.match(ca020.hitReason, /Kari Dahl/);
    // CA002 targets legacy clients only (exchangeActiveSync, other); Jamf Connect is a desktop client.
    assert.equal(policies.find((p) => p.displayName.startsWith('CA002'))!.hitsJamfConnect, false);
    const md = await handlers.exportDiagnosisReport(ctx, { user: 'kari.dahl@northwind-demo.example', format: 'markdown' });
    assert.equal(md.fileName, 'lockout-kari.dahl_northwind-demo.example.md', 'file names keep only [A-Za-z0-9._-]');
    assert.match(md.text, /CA020/);
  } finally {
    cleanup();
  }
});

test('documentation opens only through the topic table, and only allowlisted hosts', async () => {
  const { ctx, opened, cleanup } = context();
  try {
    const r = await handlers.openDocumentation(ctx, { topic: 'customSecurityAttributes' });
    assert.equal(r.opened, true);
    assert.equal(new URL(opened[0]!).hostname, 'learn.microsoft.com');
  } finally {
    cleanup();
  }
});

test('policy rendering survives stale references and odd shapes', () => {
  const names = { name: (id: string) => (id === 'g1' ? 'Finance' : null) };
  const policy = {
    conditions: {
      users: { includeUsers: ['All'], excludeGroups: ['g1', 'deleted-group'] },
      applications: { includeApplications: ['All'], applicationFilter: { mode: 'exclude', rule: 'CustomSecurityAttribute.X_Y -eq "Exempt"' } },
    },
    grantControls: { operator: 'AND', builtInControls: ['mfa', 'compliantDevice'] },
  };
  assert.equal(describeUsers(policy, names), 'users: all; excluding groups: Finance, unknown group deleted-group');
  assert.equal(describeResources(policy, names), 'all resources; excluding apps where CustomSecurityAttribute.X_Y -eq "Exempt"');
  assert.equal(describeGrant(policy), 'require multifactor authentication and require a compliant device');
  assert.equal(describeUsers({ conditions: {} }, names), 'no users condition (cannot apply to anyone)');
  assert.equal(describeGrant({}), 'no grant controls (session controls only)');
  assert.equal(describeResources({ conditions: { applications: null } }, names), 'no target resources');
});

test('sign-in index: rows without status or with odd types still list, never throw', () => {
  const index = new SignInIndex([{ id: 'a', createdDateTime: '2026-11-01T00:00:00Z' }, null, 'junk', { id: 'b', status: { errorCode: '53003' }, createdDateTime: '2026-11-02T00:00:00Z' }]);
  assert.equal(index.size, 2);
  const page = index.page({ offset: 0, limit: 10 });
  assert.deepEqual(page.rows.map((r) => [r.id, r.errorCode, r.conditionalAccessStatus]), [['b', 0, 'unknown'], ['a', 0, 'unknown']]);
});

test('apply refuses a confirmation that does not name the plan\'s tenant and policy, and one without preflight', async () => {
  const { ctx, cleanup } = context();
  const started = Date.now();
  // The emulator paces Conditional Access requests by its clock, so this clock must run.
  (ctx.ports as { now: () => Date }).now = () => new Date(NOW.getTime() + (Date.now() - started));
  try {
    await handlers.openDemoTenant(ctx, {});
    const d = await handlers.runDiagnosis(ctx, { user: 'mari.johansen@northwind-demo.example' });
    const rec = d.recommendations.find((r) => r.action === 'exemptFromPolicy')!;
    const plan = await handlers.planExemption(ctx, { policyId: rec.policyId!, targetAppId: rec.targetAppId! });
    await assert.rejects(
      handlers.applyExemption(ctx, { planId: plan.planId, confirmTenantId: plan.tenantId, confirmPolicyId: plan.policyId }),
      (e: unknown) => e instanceof IpcError && e.code === 'preconditionFailed' && /preflight/.test(e.message),
    );
    await handlers.preflightExemption(ctx, { planId: plan.planId });
    await assert.rejects(
      handlers.applyExemption(ctx, { planId: plan.planId, confirmTenantId: 'another-tenant', confirmPolicyId: plan.policyId }),
      (e: unknown) => e instanceof IpcError && e.code === 'preconditionFailed',
    );
    await assert.rejects(
      handlers.applyExemption(ctx, { planId: plan.planId, confirmTenantId: plan.tenantId, confirmPolicyId: 'other-policy' }),
      (e: unknown) => e instanceof IpcError && e.code === 'preconditionFailed',
    );
    assert.deepEqual(await handlers.listAuditLog(ctx, { offset: 0, limit: 50 }), [], 'nothing was written or recorded');
    assert.deepEqual(await handlers.listExemptions(ctx, {}), []);
  } finally {
    await handlers.closeTenant(ctx, {});
    cleanup();
  }
});
