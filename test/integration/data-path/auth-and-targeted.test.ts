import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approveDeviceCode, emulatorOpenBrowser } from '../../../electron/core/auth/emulator-browser.js';
import { syncDirectory, syncUser } from '../../../electron/core/sync/directory-sync.js';
import { syncUserSignIns } from '../../../electron/core/sync/targeted-sync.js';
import { JAMF_CONNECT_APP, OPERATOR, startHarness } from './harness.js';

test('interactive sign-in through the emulator page with real MSAL, then silent tokens', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const ws = h.workspace();
  const account = await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, OPERATOR));
  assert.equal(account.username, OPERATOR);
  assert.equal(account.tenantId, h.emulator.tenantId);
  const token = await ws.session.getAccessToken();
  assert.match(token, /^eyJ/);
  // Read scopes only at sign-in: no write scope was granted.
  const granted = ws.session.grantedScopes() ?? [];
  assert.ok(granted.some((s) => /AuditLog\.Read\.All/.test(s)));
  assert.ok(!granted.some((s) => /ReadWrite/.test(s)), `granted: ${granted.join(' ')}`);
  // A second session over the same encrypted cache is signed in without a browser.
  const again = h.workspace();
  assert.deepEqual((await again.session.accounts()).map((a) => a.username), [OPERATOR]);
  assert.match(await again.session.getAccessToken(), /^eyJ/);
  await again.session.signOut();
  assert.deepEqual(await h.workspace().session.accounts(), []);
});

test('device code sign-in, approved on the emulator verification page', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const ws = h.workspace();
  const shown: string[] = [];
  const account = await ws.session.signInDeviceCode(async (info) => {
    shown.push(info.userCode);
    await approveDeviceCode(ws.connection.transport, info, 'hedda.larsen@northwind-demo.example');
  });
  assert.equal(account.username, 'hedda.larsen@northwind-demo.example');
  assert.equal(shown.length, 1);
});

test("targeted sync: one user's Jamf Connect sign-ins of both kinds in one filtered request, exactly the emulator's set", async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const ws = h.workspace();
  await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, OPERATOR));
  const tenantId = await ws.tenantId();
  const upn = 'sofie.lunde@northwind-demo.example';
  const user = await syncUser({ store: ws.store, graph: ws.graph, tenantId, idOrUpn: upn });
  assert.ok(user.memberships > 0);
  const days = 30;
  const result = await syncUserSignIns({ store: ws.store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP], user: { id: user.user.id }, days });
  const since = Date.now() - days * 86_400_000;
  const expected = h.emulator.control.listSignIns()
    .filter((s) => s.userId === user.user.id && String(s.appId).toLowerCase() === JAMF_CONNECT_APP && Date.parse(String(s.createdDateTime)) >= since - 1000)
    .map((s) => String(s.id)).sort();
  assert.ok(expected.length > 0);
  const cached = ws.store.signIns.forUser({ tenantId, userId: user.user.id, appIds: [JAMF_CONNECT_APP] }).map((s) => s.id).sort();
  assert.deepEqual(cached, expected);
  assert.equal(result.requests, Math.ceil(expected.length / 1000) || 1, 'one request per 1000 rows, not one per app or event type');
  assert.ok(ws.store.signIns.policyHits({ tenantId, appIds: [JAMF_CONNECT_APP] }).length > 0, 'CA details visible to a Security Reader');
});

test('directory sync stores policies (versioned), named locations, the Jamf Connect service principal and attribute definitions', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const ws = h.workspace();
  await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, OPERATOR));
  const tenantId = await ws.tenantId();
  const result = await syncDirectory({ store: ws.store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP] });
  for (const part of ['organization', 'policies', 'namedLocations', 'servicePrincipals', 'attributeDefinitions'] as const) {
    assert.ok(result[part].ok, `${part}: ${result[part].ok ? '' : result[part].error.message}`);
  }
  const snapshot = h.emulator.control.state();
  assert.deepEqual(ws.store.policies.policiesAsOf(tenantId).map((p) => p.id).sort(),
    snapshot.conditionalAccessPolicies.map((p) => String(p.id)).sort());
  assert.equal(ws.store.directory.servicePrincipalByAppId(tenantId, JAMF_CONNECT_APP)?.displayName, 'Jamf Connect');
  const again = await syncDirectory({ store: ws.store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP] });
  assert.ok(again.policies.ok && again.policies.added === 0, 'unchanged policies add no version');
});

test('a missing role is reported by name and does not hide the other parts', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const ws = h.workspace();
  // Rolf has Reports Reader only: sign-ins yes, CA policies and attribute definitions no.
  await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, 'rolf.nilsen@northwind-demo.example'));
  const result = await syncDirectory({ store: ws.store, graph: ws.graph, tenantId: await ws.tenantId(), appIds: [JAMF_CONNECT_APP] });
  assert.equal(result.policies.ok, false);
  if (!result.policies.ok) {
    assert.equal(result.policies.error.code, 'missing_role');
    assert.match(result.policies.error.message, /Conditional Access Administrator|Security Reader|Global Reader/);
  }
  assert.ok(result.organization.ok);
});
