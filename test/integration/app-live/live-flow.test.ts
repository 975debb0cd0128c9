// A live tenant end to end through the real router, against the Entra emulator on the demo tenant:
// sign in, sync with progress events, one sync at a time, diagnose a locked-out user like the demo
// does, search (cache + Graph, quotes in UPNs), lose the network, sign out, remove the profile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DiagnosisView } from '../../../electron/contract/schemas.js';
import { emulatorProfileInput, OBRIEN, OPERATOR, startLiveHarness } from './harness.js';

const MARI = 'mari.johansen@northwind-demo.example';

test('live tenant: sign in, sync, diagnose, search, offline, sign out, remove', async (t) => {
  const h = await startLiveHarness();
  t.after(() => h.close());

  // What the built-in demo says about Mari (docs/demo-tenant.md: locked out by CA010, AADSTS53000).
  await h.ok('openDemoTenant', {});
  const demoView = await h.ok('runDiagnosis', { user: MARI });
  const ca010 = h.snapshot.conditionalAccessPolicies.find((p) => String(p.displayName).startsWith('CA010'))!;
  assert.equal(demoView.verdict.lockedOut, true);
  assert.equal(demoView.verdict.primaryErrorCode, 53000);
  assert.ok(demoView.verdict.blockingPolicyIds.includes(ca010.id as string));

  await h.ok('addTenantProfile', emulatorProfileInput(h));
  await h.ok('openTenant', { name: 'northwind' });
  const before = h.events.length;

  await t.test('sign in with the read scopes only; the session goes online', async () => {
    const state = await h.ok('signInToTenant', {});
    assert.equal(state.operator, OPERATOR);
    assert.equal(state.online, true);
    assert.ok(h.events.slice(before).some((e) => e.event === 'connectivityChanged' && (e.payload as { online: boolean }).online));
    const granted = h.ctx.session!.live!.workspace.session.grantedScopes() ?? [];
    assert.ok(granted.some((s) => /AuditLog\.Read\.All/.test(s)));
    assert.ok(!granted.some((s) => /ReadWrite/i.test(s)), `no write scope at sign-in: ${granted.join(' ')}`);
    const [profile] = await h.ok('listTenantProfiles', {});
    assert.equal(profile?.signedInAs, OPERATOR);
  });

  await t.test('search before any sync reaches Graph, quotes in UPNs included', async () => {
    const found = await h.ok('searchUsers', { query: "conor.o'b", limit: 10 });
    assert.deepEqual(found.map((u) => u.userPrincipalName), [OBRIEN.userPrincipalName]);
    const byName = await h.ok('searchUsers', { query: "Conor O'", limit: 10 });
    assert.deepEqual(byName.map((u) => u.id), [OBRIEN.id], 'display names match too');
  });

  let userJob = '';
  await t.test('a user sync runs as a job with progress; a second sync meanwhile is refused', async () => {
    ({ jobId: userJob } = await h.ok('startSync', { kind: 'user', user: MARI }));
    assert.match(userJob, /^sync-[0-9a-f-]{36}$/);
    const second = await h.call('startSync', { kind: 'directory' });
    assert.equal(second.ok, false);
    if (!second.ok) {
      assert.equal(second.error.code, 'preconditionFailed');
      assert.ok(second.error.message.includes(userJob), 'the refusal names the running job');
    }
    const end = await h.finished(userJob);
    assert.equal(end.phase, 'done', end.message);
    assert.equal(end.kind, 'sync');
    const phases = h.progressOf(userJob).filter((p) => !p.finished).map((p) => p.phase);
    // Never synced before: the directory (policies) comes first, then the user and their sign-ins.
    assert.deepEqual(phases, ['apps', 'directory', 'user', 'signIns']);
    assert.equal(h.progressOf(userJob).filter((p) => p.finished).length, 1);
    const state = await h.ok('getAppState', {});
    assert.ok(state.lastSync, 'the cache now has a sync time');
    assert.equal(state.tenant?.displayName, 'Northwind Trails AS', 'the organization came with the directory sync');
  });

  await t.test("diagnosis from the cache agrees with the demo's: CA010 locks Mari out", async () => {
    const view = await h.ok('runDiagnosis', { user: MARI });
    assert.equal(view.verdict.lockedOut, true);
    assert.equal(view.verdict.cause, demoView.verdict.cause);
    assert.equal(view.verdict.primaryErrorCode, 53000);
    assert.deepEqual([...view.verdict.blockingPolicyIds].sort(), [...demoView.verdict.blockingPolicyIds].sort());
    assert.ok(view.policies.some((p) => p.policyId === ca010.id && p.blocking));
    assert.match(view.warnings[0] ?? '', /^Shown from the cache as of .*not refreshed/);
    // The session's views read the same cache.
    const policies = await h.ok('listPolicies', {});
    assert.equal(policies.length, h.snapshot.conditionalAccessPolicies.length);
    const signIns = await h.ok('listSignIns', { user: 'mari', offset: 0, limit: 500 });
    assert.ok(signIns.total > 0 && signIns.rows.every((r) => r.userPrincipalName === MARI));
  });

  await t.test('search merges cache and Graph without duplicates', async () => {
    const found = await h.ok('searchUsers', { query: 'mari.jo', limit: 10 });
    assert.deepEqual(found.map((u) => u.userPrincipalName), [MARI]);
  });

  await t.test('refresh runs the targeted sync first, with the same progress events', async () => {
    const seen = h.events.length;
    const view: DiagnosisView = await h.ok('runDiagnosis', { user: MARI, refresh: true });
    assert.equal(view.verdict.lockedOut, true);
    assert.ok(!view.warnings.some((w) => /^Shown from the cache/.test(w)), 'fresh data carries no cache warning');
    const ends = h.events.slice(seen).filter((e) => e.event === 'jobProgress' && (e.payload as { finished: boolean }).finished);
    assert.equal(ends.length, 1);
    assert.equal((ends[0]!.payload as { phase: string }).phase, 'done');
    const phases = h.events.slice(seen).filter((e) => e.event === 'jobProgress').map((e) => (e.payload as { phase: string }).phase);
    assert.deepEqual(phases, ['apps', 'refresh', 'done'], 'after the first sync: one concurrent diagnosis refresh, not the whole directory');
  });

  await t.test('a policy changed in the tenant since the first sync is what the next refresh explains from', async () => {
    const tenant = h.emulator.control.state();
    const live010 = tenant.conditionalAccessPolicies.find((p) => p.id === ca010.id)!;
    live010.state = 'enabledForReportingButNotEnforced';
    h.emulator.control.loadSnapshot(tenant);
    await h.ok('runDiagnosis', { user: MARI, refresh: true });
    const cached = h.ctx.session!.snapshot.conditionalAccessPolicies.find((p) => p.id === ca010.id);
    assert.equal(cached?.state, 'enabledForReportingButNotEnforced', 'the refresh re-read the policies');
    // Put it back for the steps below.
    live010.state = 'enabled';
    h.emulator.control.loadSnapshot(tenant);
    await h.ok('runDiagnosis', { user: MARI, refresh: true });
  });

  await t.test('the tenant goes away: the cache still answers, marked offline', async () => {
    await h.emulator.stop();
    const seen = h.events.length;
    const view = await h.ok('runDiagnosis', { user: MARI, refresh: true });
    assert.equal(view.verdict.lockedOut, true);
    assert.match(view.warnings[0] ?? '', /^Shown from the cache as of \d{4}-\d\d-\d\dT.*could not be reached/);
    const state = await h.ok('getAppState', {});
    assert.equal(state.online, false);
    assert.equal(state.operator, OPERATOR, 'still signed in, just not reachable');
    assert.ok(h.events.slice(seen).some((e) => e.event === 'connectivityChanged' && !(e.payload as { online: boolean }).online));
    const failed = h.events.slice(seen).find((e) => e.event === 'jobProgress' && (e.payload as { finished: boolean }).finished);
    assert.equal((failed?.payload as { phase: string } | undefined)?.phase, 'failed', 'the refresh job ends, as failed, with its message');
    const found = await h.ok('searchUsers', { query: 'mari', limit: 10 });
    assert.deepEqual(found.map((u) => u.userPrincipalName), [MARI], 'search answers from the cache');
  });

  await t.test('closing and reopening (tenant still unreachable) shows the cache, signed in, without asking the network', async () => {
    const lastSync = (await h.ok('getAppState', {})).lastSync;
    assert.equal((await h.ok('closeTenant', {})).mode, 'none');
    const state = await h.ok('openTenant', { name: 'northwind' });
    assert.equal(state.operator, OPERATOR, 'the account comes from the token cache');
    assert.equal(state.lastSync, lastSync);
    assert.equal(state.tenant?.displayName, 'Northwind Trails AS');
    const view = await h.ok('runDiagnosis', { user: MARI });
    assert.equal(view.verdict.primaryErrorCode, 53000);
    const report = await h.ok('exportDiagnosisReport', { user: MARI, format: 'markdown' });
    assert.match(report.text, /CA010/);
    assert.equal(report.fileName, 'lockout-mari.johansen_northwind-demo.example.md');
  });

  await t.test('sign out removes the account from the token cache; the data stays', async () => {
    const state = await h.ok('signOutOfTenant', {});
    assert.equal(state.operator, null);
    assert.equal(state.online, false);
    const [profile] = await h.ok('listTenantProfiles', {});
    assert.equal(profile?.signedInAs, null);
    assert.match(profile?.lastSync ?? '', /^\d{4}-\d\d-\d\dT/, 'the profile list shows when its cache was last synced');
    assert.equal(await h.ctx.ports.secretStoreFor('northwind').read(), null, 'no account left: the token cache is empty');
    const view = await h.ok('runDiagnosis', { user: MARI });
    assert.equal(view.verdict.lockedOut, true);
    const sync = await h.call('startSync', { kind: 'user', user: MARI });
    assert.equal(sync.ok, false);
    if (!sync.ok) assert.equal(sync.error.code, 'signInRequired');
  });

  await t.test("removing the profile closes it and deletes its cached sign-ins", async () => {
    const store = h.ctx.session!.live!.workspace.store;
    assert.ok(store.signIns.count(h.emulator.tenantId) > 0);
    const left = await h.ok('removeTenantProfile', { name: 'northwind' });
    assert.deepEqual(left, []);
    const state = await h.ok('getAppState', {});
    assert.equal(state.mode, 'none');
    // The open workspace was closed, and with it the app's store: read through a fresh one.
    const { appStore } = await import('../../../electron/app/exemption-workflow.js');
    assert.equal(appStore(h.ctx).signIns.count(h.emulator.tenantId), 0);
    const left2 = appStore(h.ctx).syncState.allFreshness(h.emulator.tenantId).map((f) => f.resource);
    assert.ok(!left2.some((r) => r.startsWith('signIns:')), `no sign-in sync marks left: ${left2.join(', ')}`);
    assert.ok(left2.includes('policies'), 'the directory cache is kept (no per-tenant delete in the store yet)');
  });
});
