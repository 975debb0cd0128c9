import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planExemption } from '../../../electron/core/exemption/plan.js';
import { acquireMissingScopes, preflightPlan } from '../../../electron/core/exemption/preflight.js';
import { decodeTokenClaims, operatorIdentity } from '../../../electron/core/exemption/operator-identity.js';
import { noAttributes, policy, target } from './fixtures.js';

const ADA = '8424c6f0-a189-499e-bbd0-26c1753c96d4';
const AAA = '58a13ea3-c632-46ae-9ee0-9c0d43cd7f3d';
const CAA = 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9';
const SECADMIN = '194ae4cb-b126-40b2-bd5b-6091b380977d';
const GA = '62e90394-69f5-4237-9190-012177145e10';
const ALL_SCOPES = ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess', 'CustomSecAttributeDefinition.ReadWrite.All', 'CustomSecAttributeAssignment.ReadWrite.All', 'Application.Read.All'];

const fullPlan = planExemption({ tenantId: 't', policies: [policy('p1', {})], policyIds: ['p1'], target, existing: noAttributes });
const appOnlyPlan = planExemption({ tenantId: 't', policies: [policy('p1', {})], policyIds: ['p1'], target, existing: noAttributes, strategy: 'exclude-app' });

function op(roles: string[], scopes = ALL_SCOPES) {
  return { userPrincipalName: 'admin@contoso.com', scopes, roleTemplateIds: roles, roleSource: 'transitiveMemberOf' as const };
}

test('an operator with all three roles and all scopes passes', () => {
  const r = preflightPlan(fullPlan, op([ADA, AAA, CAA]));
  assert.equal(r.ok, true);
  assert.deepEqual(r.messages, []);
  // Security Administrator satisfies the policy write as well as CA Administrator does.
  assert.equal(preflightPlan(fullPlan, op([ADA, AAA, SECADMIN])).ok, true);
});

test('each missing role is named with the steps that need it', () => {
  const cases: [string[], string, string[]][] = [
    [[AAA, CAA], 'Attribute Definition Administrator', ['create-attribute-set', 'create-attribute-definition', 'add-allowed-value']],
    [[ADA, CAA], 'Attribute Assignment Administrator', ['assign-attribute']],
    [[ADA, AAA], 'Conditional Access Administrator', ['update-policy']],
  ];
  for (const [roles, name, kinds] of cases) {
    const r = preflightPlan(fullPlan, op(roles));
    assert.equal(r.ok, false, name);
    assert.equal(r.missingRoles.length, 1, name);
    assert.match(r.messages[0]!, new RegExp(name));
    const blocked = r.steps.filter((s) => s.missingRole).map((s) => s.kind);
    assert.deepEqual(blocked, kinds, name);
  }
  assert.match(preflightPlan(fullPlan, op([ADA, AAA])).messages[0]!, /Conditional Access Administrator .* or Security Administrator/);
});

test('a Global Administrator alone is refused for the attribute steps, with the reason', () => {
  const r = preflightPlan(fullPlan, op([GA]));
  assert.equal(r.ok, false);
  const names = r.missingRoles.flatMap((m) => m.anyOf.map((x) => x.name));
  assert.ok(names.includes('Attribute Definition Administrator'));
  assert.ok(names.includes('Attribute Assignment Administrator'));
  assert.ok(r.messages.some((m) => /Global Administrator is not enough/.test(m)));
  // A GA with CA-admin passes a plan that only excludes the app id (no attributes involved).
  assert.equal(preflightPlan(appOnlyPlan, op([GA, CAA])).ok, true);
});

test('each missing scope is listed; a ReadWrite scope covers its Read', () => {
  for (const missing of ALL_SCOPES) {
    const r = preflightPlan(fullPlan, op([ADA, AAA, CAA], ALL_SCOPES.filter((s) => s !== missing)));
    assert.equal(r.ok, false, missing);
    assert.deepEqual(r.missingScopes, [missing]);
    assert.match(r.messages.at(-1)!, new RegExp(missing.replace(/\./g, '\\.')));
  }
  const r = preflightPlan(appOnlyPlan, op([CAA], ['Policy.ReadWrite.ConditionalAccess', 'Policy.Read.All', 'Application.ReadWrite.All']));
  assert.equal(r.ok, true);
});

test('missing scopes are requested incrementally, exactly those', async () => {
  const operator = op([ADA, AAA, CAA], ['Policy.Read.All', 'Application.Read.All']);
  const r = preflightPlan(fullPlan, operator);
  const asked: string[][] = [];
  const after = await acquireMissingScopes(r, operator, { requestAdditionalScopes: async (s) => { asked.push([...s]); } }, async () => ALL_SCOPES);
  assert.deepEqual(asked, [['CustomSecAttributeDefinition.ReadWrite.All', 'CustomSecAttributeAssignment.ReadWrite.All', 'Policy.ReadWrite.ConditionalAccess']]);
  assert.equal(preflightPlan(fullPlan, after).ok, true);
});

test('operator identity from token claims and from transitiveMemberOf', () => {
  const payload = Buffer.from(JSON.stringify({ scp: 'Policy.Read.All User.Read', wids: [GA], upn: 'ga@contoso.com' })).toString('base64url');
  const jwt = `eyJhbGciOiJub25lIn0.${payload}.sig`;
  assert.deepEqual(decodeTokenClaims(jwt).wids, [GA]);
  const fromToken = operatorIdentity({ accessToken: jwt });
  assert.deepEqual(fromToken.scopes, ['Policy.Read.All', 'User.Read']);
  assert.deepEqual(fromToken.roleTemplateIds, [GA]);
  assert.equal(fromToken.userPrincipalName, 'ga@contoso.com');
  const fromDir = operatorIdentity({ accessToken: jwt, transitiveMemberOf: [
    { '@odata.type': '#microsoft.graph.group', id: 'g1' },
    { '@odata.type': '#microsoft.graph.directoryRole', id: 'r1', roleTemplateId: CAA },
  ] });
  // Both sources count: wids may be capped, a transitiveMemberOf page partial.
  assert.deepEqual(fromDir.roleTemplateIds, [CAA, GA]);
  assert.deepEqual(operatorIdentity({ claims: {}, transitiveMemberOf: [{ id: 'r1', roleTemplateId: ADA }] }).roleTemplateIds, [ADA]);
  assert.equal(fromDir.roleSource, 'both');
  assert.throws(() => decodeTokenClaims('not-a-jwt'), /not a JWT/);
});
