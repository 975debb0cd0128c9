/**
 * Directory reads as Graph has them (graph-facts §5): /me, /users with $filter / $select / $top and
 * paging, /users/{id|upn} with percent-decoding and #EXT# guests, /users('…'), transitiveMemberOf
 * with directoryRole.roleTemplateId, /organization, /servicePrincipals filters and the appId key.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { ROLE } from '../../../electron/core/emulator/index.js';
import { graphClient, JAMF_APP_ID, startHarness, tinyTenant, tokenFor, USERS, type Harness } from './helpers.js';

const GUEST_UPN = 'adele_fabrikam.test#EXT#@contoso.test';
let h: Harness;
let client: Client;
before(async () => {
  const snapshot = tinyTenant();
  snapshot.users.push({ id: 'u-guest', userPrincipalName: GUEST_UPN, displayName: "Adele O'Brien", userType: 'Guest', accountEnabled: true, mail: 'adele@fabrikam.test' });
  for (let i = 0; i < 230; i++) snapshot.users.push({ id: `u-bulk-${i}`, userPrincipalName: `bulk${String(i).padStart(3, '0')}@contoso.test`, displayName: `Bulk User ${i}`, accountEnabled: i % 2 === 0 });
  h = await startHarness(snapshot);
  const token = await tokenFor(h, USERS.csa.upn, ['User.Read', 'User.Read.All', 'Application.Read.All', 'GroupMember.Read.All']);
  client = graphClient(h, async () => token);
});
after(async () => { await h.stop(); });

test('/me in v1.0 has Graph\'s default property set only; beta and $select give more', async () => {
  const me = await client.api('/me').get();
  assert.equal(me.userPrincipalName, USERS.csa.upn);
  assert.ok(!('accountEnabled' in me), 'accountEnabled is not a default v1.0 property');
  assert.ok(!('x-emulator' in me), 'emulator-only data never leaves');
  assert.equal((await client.api('/me').select('accountEnabled').get()).accountEnabled, true);
  assert.equal((await client.api('/me').version('beta').get()).accountEnabled, true);
});

test('/users: eq and startswith filters, $top, $select, and paging at 100 by default', async () => {
  const byUpn = await client.api('/users').filter(`userPrincipalName eq '${USERS.mac.upn}'`).get();
  assert.deepEqual(byUpn.value.map((u: { id: string }) => u.id), [USERS.mac.id]);
  const bulk = await client.api('/users').filter("startswith(userPrincipalName,'bulk1')").select('id,displayName').top(5).get();
  assert.equal(bulk.value.length, 5);
  assert.deepEqual(Object.keys(bulk.value[0]).sort(), ['displayName', 'id']);
  assert.ok(bulk['@odata.nextLink']);
  const byName = await client.api('/users').filter("startswith(displayName,'adele o''b')").get();
  assert.deepEqual(byName.value.map((u: { id: string }) => u.id), ['u-guest']);
  const firstPage = await client.api('/users').get();
  assert.equal(firstPage.value.length, 100);
  await assert.rejects(client.api('/users').top(1000).get(), (e: unknown) => e instanceof GraphError && e.statusCode === 400);
  await assert.rejects(client.api('/users').filter("endswith(userPrincipalName,'x')").get(), (e: unknown) => e instanceof GraphError && e.statusCode === 400, 'endswith needs advanced queries');
});

test('/users/{upn}: case-insensitive, percent-decoded #EXT# guests, the users(\'…\') key form, 404 shape', async () => {
  assert.equal((await client.api(`/users/${USERS.mac.upn.toUpperCase()}`).get()).id, USERS.mac.id);
  assert.equal((await client.api(`/users/${encodeURIComponent(GUEST_UPN)}`).get()).id, 'u-guest');
  assert.equal((await client.api(`/users('${encodeURIComponent(GUEST_UPN)}')`).get()).id, 'u-guest');
  await assert.rejects(client.api('/users/nobody@contoso.test').get(), (e: unknown) => {
    assert.ok(e instanceof GraphError);
    assert.equal(e.statusCode, 404);
    assert.equal(e.code, 'Request_ResourceNotFound');
    assert.ok(e.requestId, 'requestId from innerError');
    return true;
  });
});

test('transitiveMemberOf returns directoryRole entries with roleTemplateId', async () => {
  const mine = await client.api('/me/transitiveMemberOf').get();
  const roles = mine.value.filter((o: Record<string, string>) => o['@odata.type'] === '#microsoft.graph.directoryRole').map((o: { roleTemplateId: string }) => o.roleTemplateId);
  assert.ok(roles.includes(ROLE.attributeAssignmentAdministrator));
  const mia = await client.api(`/users/${USERS.mac.id}/transitiveMemberOf`).get();
  assert.equal(mia.value[0]['@odata.type'], '#microsoft.graph.group');
});

test('/organization returns the tenant with its licence plans', async () => {
  const org = await client.api('/organization').get();
  assert.equal(org.value[0].id, h.emu.tenantId);
  assert.ok(Array.isArray(org.value[0].assignedPlans));
});

test('/servicePrincipals: appId eq, startswith(displayName), the appId alternate key, 404', async () => {
  const byAppId = await client.api('/servicePrincipals').filter(`appId eq '${JAMF_APP_ID}'`).get();
  assert.deepEqual(byAppId.value.map((s: { id: string }) => s.id), ['sp-obj-1']);
  const byName = await client.api('/servicePrincipals').filter("startswith(displayName,'Jamf')").get();
  assert.equal(byName.value.length, 2);
  assert.equal((await client.api(`/servicePrincipals(appId='${JAMF_APP_ID}')`).get()).id, 'sp-obj-1');
  await assert.rejects(client.api("/servicePrincipals(appId='00000000-0000-0000-0000-000000000000')").get(), (e: unknown) => e instanceof GraphError && e.statusCode === 404);
});

test('unknown paths are a 404 Graph error envelope with request-id headers', async () => {
  const res = await h.transport(`${h.emu.origin}/v1.0/noSuchThing/123`, { headers: { 'client-request-id': 'c-404' } });
  assert.equal(res.status, 404);
  assert.equal(res.headers.get('client-request-id'), 'c-404');
  assert.ok(res.headers.get('request-id'));
  const body = await res.json() as { error: { code: string; message: string; innerError: Record<string, string> } };
  assert.ok(body.error.code);
  assert.equal(body.error.innerError['client-request-id'], 'c-404');
});
