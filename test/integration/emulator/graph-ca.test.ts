/**
 * Conditional Access endpoints (graph-facts §2.4–§2.7) through graph-client: create 201, PATCH 204
 * with deep merge of `conditions`, 400 "1007 …" for bodies that do not match the schema, DELETE,
 * named locations, What If through the evaluator; and the simulated Jamf Connect login that runs
 * the same evaluator and leaves a sign-in record.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { graphClient, JAMF_APP_ID, startHarness, tinyTenant, tokenFor, USERS, type Harness } from './helpers.js';

let h: Harness;
let client: Client;
before(async () => {
  h = await startHarness(tinyTenant());
  const token = await tokenFor(h, USERS.csa.upn, ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess']);
  client = graphClient(h, async () => token);
});
after(async () => { await h.stop(); });

const blockMacUsers = {
  displayName: 'Block Mac users outside Norway',
  state: 'enabled',
  conditions: {
    applications: { includeApplications: ['All'], excludeApplications: [] },
    users: { includeGroups: ['g0000000-0000-4000-8000-000000000001'], includeUsers: [], excludeUsers: [] },
    clientAppTypes: ['all'],
    locations: { includeLocations: ['All'], excludeLocations: [] },
  },
  grantControls: { operator: 'OR', builtInControls: ['block'] },
};

async function expect1007(p: Promise<unknown>): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof GraphError);
    assert.equal(e.statusCode, 400);
    assert.match(e.message, /^1007: Incoming ConditionalAccessPolicy object is null or does not match the schema of ConditionalAccessPolicy type/);
    return true;
  });
}

test('POST answers 201 with the created policy; GET returns it; list contains it', async () => {
  const created = await client.api('/identity/conditionalAccess/policies').post(blockMacUsers);
  assert.match(created.id, /^[0-9a-f-]{36}$/);
  assert.equal(created.displayName, blockMacUsers.displayName);
  assert.ok(created.createdDateTime);
  const got = await client.api(`/identity/conditionalAccess/policies/${created.id}`).get();
  assert.deepEqual(got.conditions.users.includeGroups, blockMacUsers.conditions.users.includeGroups);
  const list = await client.api('/identity/conditionalAccess/policies').get();
  assert.ok(list.value.some((p: { id: string }) => p.id === created.id));
  const requests = h.emu.control.requestLog().filter((r) => r.method === 'POST' && r.path.endsWith('/policies'));
  assert.equal(requests.at(-1)!.status, 201);
});

test('PATCH is 204, merges conditions per child and property (a list is replaced whole), and bumps modifiedDateTime', async () => {
  const created = await client.api('/identity/conditionalAccess/policies').post(blockMacUsers);
  h.emu.control.advanceClock(60);
  const res = await client.api(`/identity/conditionalAccess/policies/${created.id}`).responseType('raw' as never).patch({
    conditions: {
      applications: { excludeApplications: [JAMF_APP_ID], applicationFilter: { mode: 'exclude', rule: 'CustomSecurityAttribute.JamfConnect_isExemptMFA -eq "Exempt"' } },
      signInRiskLevels: ['high'],
    },
  }) as Response;
  assert.equal(res.status, 204);
  const after = await client.api(`/identity/conditionalAccess/policies/${created.id}`).get();
  assert.deepEqual(after.conditions.applications.includeApplications, ['All'], 'untouched property kept');
  assert.deepEqual(after.conditions.applications.excludeApplications, [JAMF_APP_ID]);
  assert.equal(after.conditions.applications.applicationFilter.mode, 'exclude');
  assert.deepEqual(after.conditions.users.includeGroups, blockMacUsers.conditions.users.includeGroups, 'untouched child kept');
  assert.deepEqual(after.conditions.signInRiskLevels, ['high']);
  assert.deepEqual(after.grantControls.builtInControls, ['block']);
  assert.ok(Date.parse(after.modifiedDateTime) >= Date.parse(created.createdDateTime) + 60_000);
});

test('bodies that do not match the schema are 400 "1007 …"', async () => {
  const created = await client.api('/identity/conditionalAccess/policies').post(blockMacUsers);
  await expect1007(client.api(`/identity/conditionalAccess/policies/${created.id}`).patch({ conditions: { applications: { includeApplicationz: ['All'] } } }));
  await expect1007(client.api(`/identity/conditionalAccess/policies/${created.id}`).patch({ state: 'on' }));
  await expect1007(client.api(`/identity/conditionalAccess/policies/${created.id}`).patch({ conditions: { clientAppTypes: 'all' } }));
  await expect1007(client.api(`/identity/conditionalAccess/policies/${created.id}`).patch({ unknownTopLevel: true }));
  await expect1007(client.api('/identity/conditionalAccess/policies').post({ ...blockMacUsers, conditions: { clientAppTypes: ['all'] } }));
  // beta-only members are unknown to v1.0
  await expect1007(client.api(`/identity/conditionalAccess/policies/${created.id}`).version('v1.0').patch({ conditions: { deviceStates: { includeStates: ['All'] } } }));
  await assert.rejects(client.api(`/identity/conditionalAccess/policies/${created.id}`).version('beta').patch({ conditions: { deviceStates: { includeStates: ['All'] }, devices: { deviceFilter: { mode: 'include', rule: 'device.isCompliant -eq True' } } } }),
    (e: unknown) => e instanceof GraphError && e.statusCode === 400 && /^1060: /.test(e.message));
  // Nothing was changed by the refused requests.
  const after = await client.api(`/identity/conditionalAccess/policies/${created.id}`).get();
  assert.equal(after.state, 'enabled');
  assert.equal(after.modifiedDateTime, null);
});

test('DELETE is 204 and the policy is gone (404)', async () => {
  const created = await client.api('/identity/conditionalAccess/policies').post(blockMacUsers);
  await client.api(`/identity/conditionalAccess/policies/${created.id}`).delete();
  await assert.rejects(client.api(`/identity/conditionalAccess/policies/${created.id}`).get(), (e: unknown) => e instanceof GraphError && e.statusCode === 404);
});

test('named locations: create an IP location, read, patch (with @odata.type), delete', async () => {
  const created = await client.api('/identity/conditionalAccess/namedLocations').post({
    '@odata.type': '#microsoft.graph.ipNamedLocation', displayName: 'Oslo office', isTrusted: true,
    ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '198.51.100.0/24' }],
  });
  assert.equal(created['@odata.type'], '#microsoft.graph.ipNamedLocation');
  await client.api(`/identity/conditionalAccess/namedLocations/${created.id}`).patch({ '@odata.type': '#microsoft.graph.ipNamedLocation', displayName: 'Oslo HQ' });
  const got = await client.api(`/identity/conditionalAccess/namedLocations/${created.id}`).get();
  assert.equal(got.displayName, 'Oslo HQ');
  assert.equal(got.isTrusted, true);
  await assert.rejects(client.api('/identity/conditionalAccess/namedLocations').post({ '@odata.type': '#microsoft.graph.ipNamedLocation', displayName: 'bad', ipRanges: [{ cidrAddress: 'not-a-cidr' }] }),
    (e: unknown) => e instanceof GraphError && e.statusCode === 400);
  await client.api(`/identity/conditionalAccess/namedLocations/${created.id}`).delete();
  const list = await client.api('/identity/conditionalAccess/namedLocations').get();
  assert.ok(!list.value.some((l: { id: string }) => l.id === created.id));
});

test('What If (POST /identity/conditionalAccess/evaluate) reports whether each policy applies', async () => {
  const fresh = await startHarness(tinyTenant({ conditionalAccessPolicies: [{ id: 'p-block', ...blockMacUsers, createdDateTime: '2026-11-01T00:00:00Z' }] }));
  try {
    const token = await tokenFor(fresh, USERS.csa.upn, ['Policy.Read.All']);
    const c = graphClient(fresh, async () => token);
    const body = (userId: string) => ({
      signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn', userId },
      signInContext: { '@odata.type': '#microsoft.graph.applicationContext', includeApplications: ['00000003-0000-0000-c000-000000000000'] },
      signInConditions: { devicePlatform: 'macOS', clientAppType: 'mobileAppsAndDesktopClients', country: 'NO', ipAddress: '203.0.113.7' },
    });
    const member = await c.api('/identity/conditionalAccess/evaluate').post(body(USERS.mac.id));
    const entry = member.value.find((p: { id: string }) => p.id === 'p-block');
    assert.equal(entry.policyApplies, true, 'Mia is in the Mac users group');
    const other = await c.api('/identity/conditionalAccess/evaluate').post(body(USERS.plain.id));
    assert.equal(other.value.find((p: { id: string }) => p.id === 'p-block').policyApplies, false);
    await assert.rejects(c.api('/identity/conditionalAccess/evaluate').post({ nonsense: true }), (e: unknown) => e instanceof GraphError && e.statusCode === 400);
  } finally { await fresh.stop(); }
});

test('simulated Jamf Connect login runs the evaluator: a block policy gives 53003 and a realistic sign-in record', async () => {
  const fresh = await startHarness(tinyTenant({ conditionalAccessPolicies: [{ id: 'p-block', ...blockMacUsers }] }));
  try {
    const r = fresh.emu.control.simulateJamfConnectLogin({ userPrincipalName: USERS.mac.upn, clientId: JAMF_APP_ID });
    assert.equal(r.ok, false);
    assert.equal(r.errorCode, 53003);
    assert.equal(r.body.error, 'invalid_grant');
    const s = r.signIn as Record<string, any>;
    assert.equal(s.status.errorCode, 53003);
    assert.equal(s.authenticationProtocol, 'ropc');
    assert.equal(s.clientAppUsed, 'Mobile Apps and Desktop clients');
    assert.deepEqual(s.signInEventTypes, ['interactiveUser']);
    assert.equal(s.conditionalAccessStatus, 'failure');
    assert.equal(s.appId, JAMF_APP_ID);
    assert.equal(s.deviceDetail.deviceId, '');
    assert.equal(s.location.countryOrRegion, 'NO');
    const applied = s.appliedConditionalAccessPolicies.find((p: { id: string }) => p.id === 'p-block');
    assert.equal(applied.result, 'failure');
    // Same outcome over HTTP through the control API.
    const http = await fresh.transport(`${fresh.emu.origin}/_control/simulate/jamf-connect-login`, {
      method: 'POST', headers: { authorization: `Bearer ${fresh.emu.controlToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ userPrincipalName: USERS.mac.upn, clientId: JAMF_APP_ID }),
    });
    assert.equal(http.status, 200);
    assert.equal(((await http.json()) as { errorCode: number }).errorCode, 53003);
    assert.equal(fresh.emu.control.listSignIns().length, 2);
  } finally { await fresh.stop(); }
});
