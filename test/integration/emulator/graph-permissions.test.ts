/**
 * Scopes and directory roles enforced per endpoint (graph-facts §1.4, §2.4, §4.3): a missing scope
 * or a missing role is 403 Authorization_RequestDenied "Insufficient privileges to complete the
 * operation." naming nothing secret; Global Administrator has no custom-security-attribute rights;
 * customSecurityAttributes read as null without them; bad tokens are 401.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { graphClient, startHarness, syntheticSignIns, tinyTenant, tokenFor, USERS, type Harness } from './helpers.js';

let h: Harness;
before(async () => {
  const snapshot = tinyTenant({ signIns: syntheticSignIns(3) });
  snapshot.servicePrincipals[0]!.customSecurityAttributes = { JamfConnect: { '@odata.type': '#microsoft.graph.customSecurityAttributeValue', isExemptMFA: 'Exempt' } };
  h = await startHarness(snapshot);
});
after(async () => { await h.stop(); });

async function expect403(p: Promise<unknown>): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof GraphError, String(e));
    assert.equal(e.statusCode, 403);
    assert.equal(e.code, 'Authorization_RequestDenied');
    assert.equal(e.message, 'Insufficient privileges to complete the operation.');
    return true;
  });
}

test('scope denial: a Reports Reader with only User.Read cannot list sign-ins', async () => {
  const token = await tokenFor(h, USERS.reader.upn, ['User.Read']);
  await expect403(graphClient(h, async () => token).api('/auditLogs/signIns').version('beta').get());
});

test('role denial: AuditLog.Read.All without a reports-reading role is refused', async () => {
  const token = await tokenFor(h, USERS.plain.upn, ['AuditLog.Read.All']);
  await expect403(graphClient(h, async () => token).api('/auditLogs/signIns').version('beta').get());
});

test('CA write needs Policy.ReadWrite.ConditionalAccess AND a CA-writing role', async () => {
  const body = { displayName: 'x', state: 'disabled', conditions: { applications: { includeApplications: ['All'] }, users: { includeUsers: ['All'] }, clientAppTypes: ['all'] }, grantControls: { operator: 'OR', builtInControls: ['mfa'] } };
  const readOnly = await tokenFor(h, USERS.admin.upn, ['Policy.Read.All']);
  await expect403(graphClient(h, async () => readOnly).api('/identity/conditionalAccess/policies').post(body));
  const noRole = await tokenFor(h, USERS.reader.upn, ['Policy.ReadWrite.ConditionalAccess']);
  await expect403(graphClient(h, async () => noRole).api('/identity/conditionalAccess/policies').post(body));
  const caAdmin = await tokenFor(h, USERS.csa.upn, ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess']);
  const created = await graphClient(h, async () => caAdmin).api('/identity/conditionalAccess/policies').post(body);
  assert.ok(created.id);
});

test('Global Administrator has no custom-security-attribute rights: definitions 403, SP values read as null, writes 403', async () => {
  const ga = await tokenFor(h, USERS.admin.upn, ['CustomSecAttributeDefinition.ReadWrite.All', 'CustomSecAttributeAssignment.ReadWrite.All', 'Application.Read.All']);
  const client = graphClient(h, async () => ga);
  await expect403(client.api('/directory/customSecurityAttributeDefinitions').get());
  await expect403(client.api('/directory/attributeSets').get());
  const sp = await client.api('/servicePrincipals/sp-obj-1').select('id,displayName,customSecurityAttributes').get();
  assert.equal(sp.customSecurityAttributes, null, 'unauthorised read is null, indistinguishable from "none"');
  await expect403(client.api('/servicePrincipals/sp-obj-1').patch({ customSecurityAttributes: { JamfConnect: { '@odata.type': '#Microsoft.DirectoryServices.CustomSecurityAttributeValue', isExemptMFA: null } } }));
});

test('an Attribute Assignment Administrator reads the values, and only with $select', async () => {
  const token = await tokenFor(h, USERS.csa.upn, ['CustomSecAttributeAssignment.Read.All', 'Application.Read.All']);
  const client = graphClient(h, async () => token);
  const plain = await client.api('/servicePrincipals/sp-obj-1').get();
  assert.ok(!('customSecurityAttributes' in plain), 'not returned by default');
  const selected = await client.api('/servicePrincipals/sp-obj-1').select('customSecurityAttributes').get();
  assert.deepEqual(selected.customSecurityAttributes, { JamfConnect: { '@odata.type': '#microsoft.graph.customSecurityAttributeValue', isExemptMFA: 'Exempt' } });
});

test('401 for missing, malformed, foreign-signed and expired tokens', async () => {
  const url = `${h.emu.origin}/v1.0/me`;
  const codes = async (auth?: string) => {
    const res = await h.transport(url, auth ? { headers: { authorization: auth } } : {});
    const body = await res.json() as { error: { code: string; message: string } };
    return { status: res.status, code: body.error.code, message: body.error.message };
  };
  assert.deepEqual(await codes(), { status: 401, code: 'InvalidAuthenticationToken', message: 'Access token is empty.' });
  assert.equal((await codes('Bearer not-a-jwt')).status, 401);
  const good = await tokenFor(h, USERS.plain.upn, ['User.Read']);
  const [head, payload] = good.split('.');
  const forged = `${head}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), wids: ['62e90394-69f5-4237-9190-012177145e10'] })).toString('base64url')}.${good.split('.')[2]}`;
  assert.equal((await codes(`Bearer ${forged}`)).status, 401, 'a token with edited claims fails the signature check');
  h.emu.control.advanceClock(3601);
  const expired = await codes(`Bearer ${good}`);
  assert.deepEqual(expired, { status: 401, code: 'InvalidAuthenticationToken', message: 'Lifetime validation failed, the token is expired.' });
});
