/**
 * Custom security attributes end to end (graph-facts §4): attribute sets and definitions (201,
 * immutability), allowed values, and the Jamf exemption write on the service principal — PATCH
 * with the `#Microsoft.DirectoryServices…` annotation (204), read back as
 * `#microsoft.graph.customSecurityAttributeValue`, null removes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { graphClient, JAMF_APP_ID, startHarness, tinyTenant, tokenFor, USERS, type Harness } from './helpers.js';

let h: Harness;
let client: Client;
before(async () => {
  h = await startHarness(tinyTenant());
  const token = await tokenFor(h, USERS.csa.upn, ['CustomSecAttributeDefinition.ReadWrite.All', 'CustomSecAttributeAssignment.ReadWrite.All', 'Application.Read.All']);
  client = graphClient(h, async () => token);
});
after(async () => { await h.stop(); });

const isBadRequest = (pattern: RegExp) => (e: unknown) => e instanceof GraphError && e.statusCode === 400 && pattern.test(e.message);

test('attribute sets: create 201, read one, duplicates and bad ids refused', async () => {
  const created = await client.api('/directory/attributeSets').post({ id: 'Lockout', description: 'Lockout Lens', maxAttributesPerSet: 10 });
  assert.equal(created.id, 'Lockout');
  const got = await client.api('/directory/attributeSets/lockout').get();
  assert.equal(got.id, 'Lockout', 'ids are case-insensitive');
  await assert.rejects(client.api('/directory/attributeSets').post({ id: 'LOCKOUT' }), isBadRequest(/already exists/));
  await assert.rejects(client.api('/directory/attributeSets').post({ id: 'has space' }), isBadRequest(/letters and digits/));
});

test('definitions: id is <set>_<name>, 201; $expand=allowedValues; Deprecated via PATCH; immutable properties refused', async () => {
  const def = await client.api('/directory/customSecurityAttributeDefinitions').post({
    attributeSet: 'JamfConnect', name: 'exemptUntil', description: 'time box', type: 'String', status: 'Available',
    isCollection: false, isSearchable: true, usePreDefinedValuesOnly: true, allowedValues: [{ id: 'Forever', isActive: true }],
  });
  assert.equal(def.id, 'JamfConnect_exemptUntil');
  const plain = await client.api(`/directory/customSecurityAttributeDefinitions/${def.id}`).get();
  assert.ok(!('allowedValues' in plain), 'navigation property only with $expand');
  const expanded = await client.api(`/directory/customSecurityAttributeDefinitions/${def.id}`).expand('allowedValues').get();
  assert.deepEqual(expanded.allowedValues, [{ id: 'Forever', isActive: true }]);
  const value = await client.api(`/directory/customSecurityAttributeDefinitions/${def.id}/allowedValues`).post({ id: 'Today', isActive: true });
  assert.equal(value.id, 'Today');
  await client.api(`/directory/customSecurityAttributeDefinitions/${def.id}`).patch({ status: 'Deprecated' });
  assert.equal((await client.api(`/directory/customSecurityAttributeDefinitions/${def.id}`).get()).status, 'Deprecated');
  await assert.rejects(client.api(`/directory/customSecurityAttributeDefinitions/${def.id}`).patch({ type: 'Integer' }), isBadRequest(/can be changed/));
  await assert.rejects(client.api('/directory/customSecurityAttributeDefinitions').post({ attributeSet: 'JamfConnect', name: 'flag', type: 'Boolean', status: 'Available', isCollection: true, isSearchable: false }), isBadRequest(/Boolean/));
  const filtered = await client.api('/directory/customSecurityAttributeDefinitions').filter("attributeSet eq 'JamfConnect'").get();
  assert.ok(filtered.value.every((d: { attributeSet: string }) => d.attributeSet === 'JamfConnect'));
});

test('the Jamf exemption: PATCH the SP with the DirectoryServices annotation (204), read back the graph annotation, null removes', async () => {
  const sp = await client.api(`/servicePrincipals(appId='${JAMF_APP_ID}')`).select('id,appId').get();
  assert.equal(sp.id, 'sp-obj-1');
  const res = await client.api(`/servicePrincipals/${sp.id}`).responseType('raw' as never).patch({
    customSecurityAttributes: { JamfConnect: { '@odata.type': '#Microsoft.DirectoryServices.CustomSecurityAttributeValue', isExemptMFA: 'Exempt' } },
  }) as Response;
  assert.equal(res.status, 204);
  const read = await client.api(`/servicePrincipals/${sp.id}`).select('customSecurityAttributes').get();
  assert.deepEqual(read.customSecurityAttributes, { JamfConnect: { '@odata.type': '#microsoft.graph.customSecurityAttributeValue', isExemptMFA: 'Exempt' } });
  const byFilter = await client.api('/servicePrincipals').filter(`appId eq '${JAMF_APP_ID}'`).select('id,customSecurityAttributes').get();
  assert.deepEqual(byFilter.value[0].customSecurityAttributes, read.customSecurityAttributes);
  await client.api(`/servicePrincipals/${sp.id}`).patch({ customSecurityAttributes: { JamfConnect: { '@odata.type': '#Microsoft.DirectoryServices.CustomSecurityAttributeValue', isExemptMFA: null } } });
  const cleared = await client.api(`/servicePrincipals/${sp.id}`).select('customSecurityAttributes').get();
  assert.equal(cleared.customSecurityAttributes, null);
});

test('bad CSA writes are refused and change nothing', async () => {
  const attempts: [unknown, RegExp][] = [
    [{ JamfConnect: { isExemptMFA: 'Exempt' } }, /@odata.type/],
    [{ JamfConnect: { '@odata.type': '#microsoft.graph.customSecurityAttributeValue', isExemptMFA: 'Exempt' } }, /@odata.type/],
    [{ JamfConnect: { '@odata.type': '#Microsoft.DirectoryServices.CustomSecurityAttributeValue', isExemptMFA: 'Maybe' } }, /not an allowed value/],
    [{ JamfConnect: { '@odata.type': '#Microsoft.DirectoryServices.CustomSecurityAttributeValue', noSuchAttr: 'x' } }, /does not exist/],
    [{ NoSuchSet: { '@odata.type': '#Microsoft.DirectoryServices.CustomSecurityAttributeValue', a: 'x' } }, /does not exist/],
    [{ JamfConnect: { '@odata.type': '#Microsoft.DirectoryServices.CustomSecurityAttributeValue', isExemptMFA: ['Exempt'], 'isExemptMFA@odata.type': '#Collection(String)' } }, /single-valued/],
  ];
  for (const [csa, pattern] of attempts) {
    await assert.rejects(client.api('/servicePrincipals/sp-obj-2').patch({ customSecurityAttributes: csa }), isBadRequest(pattern), JSON.stringify(csa));
  }
  const read = await client.api('/servicePrincipals/sp-obj-2').select('customSecurityAttributes').get();
  assert.equal(read.customSecurityAttributes, null);
});

test('a CSA exclusion filter in a policy takes effect at the next simulated login (evaluated at token issuance)', async () => {
  const policy = {
    id: 'p-mfa', displayName: 'MFA everywhere', state: 'enabled',
    conditions: {
      applications: { includeApplications: ['All'], applicationFilter: { mode: 'exclude', rule: 'CustomSecurityAttribute.JamfConnect_isExemptMFA -eq "Exempt"' } },
      users: { includeUsers: ['All'] }, clientAppTypes: ['all'],
    },
    grantControls: { operator: 'OR', builtInControls: ['mfa'] },
  };
  const fresh = await startHarness(tinyTenant({ conditionalAccessPolicies: [policy] }));
  try {
    const scopes = [`api://aaaaaaaa-0000-4000-8000-000000000002/jamfconnect`, 'openid', 'profile', 'email'];
    const before = fresh.emu.control.simulateJamfConnectLogin({ userPrincipalName: USERS.mac.upn, clientId: JAMF_APP_ID, scopes });
    assert.equal(before.errorCode, 50076, 'MFA required before the exemption');
    assert.equal(before.body.suberror, 'basic_action');
    const token = await tokenFor(fresh, USERS.csa.upn, ['CustomSecAttributeAssignment.ReadWrite.All', 'Application.Read.All']);
    await graphClient(fresh, async () => token).api('/servicePrincipals/sp-obj-2').patch({
      customSecurityAttributes: { JamfConnect: { '@odata.type': '#Microsoft.DirectoryServices.CustomSecurityAttributeValue', isExemptMFA: 'Exempt' } },
    });
    const after = fresh.emu.control.simulateJamfConnectLogin({ userPrincipalName: USERS.mac.upn, clientId: JAMF_APP_ID, scopes });
    assert.equal(after.errorCode, 0, `token after the exemption, got ${JSON.stringify(after.body).slice(0, 200)}`);
    assert.equal(after.signIn!.resourceId, 'aaaaaaaa-0000-4000-8000-000000000002');
  } finally { await fresh.stop(); }
});
