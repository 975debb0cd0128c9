/**
 * The diagnosis-scoped refresh: exactly the Graph reads a lockout diagnosis uses — the user, their
 * memberships, their sign-ins, CA policies, named locations and the Jamf Connect apps' service
 * principals (both in one `appId in (…)` request) — and not the organization or the custom
 * security attribute definitions, which the full directory sync fetches and the diagnosis never reads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emulatorOpenBrowser } from '../../../electron/core/auth/emulator-browser.js';
import { refreshForDiagnosis } from '../../../electron/core/sync/diagnosis-refresh.js';
import { syncDirectory } from '../../../electron/core/sync/directory-sync.js';
import { DataReader } from '../../../electron/core/sync/read-api.js';
import { demoSnapshot, FAST_BUDGETS, JAMF_CONNECT_APP, OPERATOR, startHarness } from './harness.js';

// The harness's emulator allows one CA request per 100 ms; the client is told the same, so a 429 (and
// its resend) would be a pacing failure, not noise to filter out.
const BUDGETS = { ...FAST_BUDGETS, conditionalAccess: { requests: 1, perMs: 100 } };

const JAMF_API_APP = '990f6a7a-be7f-4345-b862-e7cd0abb1842';
const USER = 'kari.dahl@northwind-demo.example';

function graphPaths(log: readonly { path: string; atMs: number }[], from: number): string[] {
  return log.filter((r) => r.atMs >= from && (r.path.startsWith('/v1.0/') || r.path.startsWith('/beta/'))).map((r) => r.path.replace(/\/users\/[^/]+/, '/users/{user}')).sort();
}

test('refreshForDiagnosis asks Graph for what the diagnosis reads, once each, and fills the cache with it', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const ws = h.workspace({ budgets: BUDGETS });
  await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, OPERATOR));
  const tenantId = await ws.tenantId();
  const mark = h.emulator.control.requestLog().length;
  const result = await refreshForDiagnosis({ store: ws.store, graph: ws.graph, tenantId, user: { upn: USER }, clientAppIds: [JAMF_CONNECT_APP], apiAppId: JAMF_API_APP, days: 30 });
  const made = graphPaths(h.emulator.control.requestLog().slice(mark), 0);
  assert.deepEqual(made, [
    '/beta/auditLogs/signIns',
    '/beta/identity/conditionalAccess/policies',
    '/v1.0/identity/conditionalAccess/namedLocations',
    '/v1.0/servicePrincipals',
    '/v1.0/users/{user}',
    '/v1.0/users/{user}/transitiveMemberOf',
  ], 'one request per resource; no /organization, no attribute definitions');

  assert.ok(result.user.ok && result.signIns.ok && result.policies.ok && result.namedLocations.ok && result.servicePrincipals.ok);
  const snapshot = demoSnapshot();
  const kari = snapshot.users.find((u) => String(u.userPrincipalName) === USER)!;
  assert.equal(ws.store.directory.user(tenantId, USER)?.id, kari.id);
  assert.deepEqual(ws.store.directory.servicePrincipals(tenantId).map((sp) => String((sp as { appId?: string }).appId)).sort(), [JAMF_CONNECT_APP, JAMF_API_APP].sort(),
    'both Jamf apps\' service principals from the one request');
  assert.equal(ws.store.policies.policiesAsOf(tenantId).length, snapshot.conditionalAccessPolicies.length);
  assert.equal(ws.store.policies.namedLocations(tenantId).length, snapshot.namedLocations.length);
  assert.ok(result.signIns.ok && result.signIns.fetched > 0, 'the user has Jamf Connect sign-ins in the demo tenant');
  for (const resource of ['policies', 'namedLocations', 'servicePrincipals']) assert.ok(ws.store.syncState.freshness(tenantId, resource), `${resource} stamped fresh`);
  assert.equal(ws.store.syncState.freshness(tenantId, 'organization'), null, 'the organization was not refreshed');
});

test('DataReader.policies refreshes the diagnosis part of the directory only; syncDirectory still fetches all of it', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const ws = h.workspace({ budgets: BUDGETS });
  await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, OPERATOR));
  const tenantId = await ws.tenantId();
  let mark = h.emulator.control.requestLog().length;
  await new DataReader(ws.store, tenantId, ws.graph).policies([JAMF_CONNECT_APP, JAMF_API_APP], { online: true });
  assert.deepEqual(graphPaths(h.emulator.control.requestLog().slice(mark), 0),
    ['/beta/identity/conditionalAccess/policies', '/v1.0/identity/conditionalAccess/namedLocations', '/v1.0/servicePrincipals']);
  mark = h.emulator.control.requestLog().length;
  const full = await syncDirectory({ store: ws.store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP, JAMF_API_APP] });
  assert.ok(full.organization.ok && full.attributeDefinitions.ok && full.servicePrincipals.ok);
  assert.equal(full.servicePrincipals.ok && full.servicePrincipals.count, 2);
  assert.deepEqual(graphPaths(h.emulator.control.requestLog().slice(mark), 0), [
    '/beta/identity/conditionalAccess/policies', '/v1.0/directory/customSecurityAttributeDefinitions',
    '/v1.0/identity/conditionalAccess/namedLocations', '/v1.0/organization', '/v1.0/servicePrincipals',
  ]);
});
