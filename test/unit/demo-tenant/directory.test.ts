/**
 * The demo directory hangs together: every reference resolves, role template ids are Microsoft's
 * published ones, operators have the role mixes the demo needs, apps are registered the way Jamf
 * documents, and nothing points at a real network or domain.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cidrContains, parseCidr, parseIp } from '../../../electron/core/policy/cidr.js';
import { demo, meta } from './demo-fixture.js';

/** Microsoft Entra built-in role template ids (entra-docs permissions-reference.md). */
const PUBLISHED_ROLE_TEMPLATES: Record<string, string> = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'Conditional Access Administrator': 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
  'Security Administrator': '194ae4cb-b126-40b2-bd5b-6091b380977d',
  'Attribute Assignment Administrator': '58a13ea3-c632-46ae-9ee0-9c0d43cd7f3d',
  'Attribute Definition Administrator': '8424c6f0-a189-499e-bbd0-26c1753c96d4',
  'Global Reader': 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  'Reports Reader': '4a5d8f65-41da-4de4-8968-e035b65339cf',
  'Security Reader': '5d6b6bb7-de71-4623-b4af-96380a352509',
  'Helpdesk Administrator': '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  'User Administrator': 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  'Intune Administrator': '3a2c62db-5318-420d-8d74-23affee5d9d5',
};
const ATTRIBUTE_ROLES = ['Attribute Assignment Administrator', 'Attribute Definition Administrator'];

test('directory roles carry the published template ids', async () => {
  const s = await demo();
  assert.ok(s.directoryRoles.length >= 8);
  for (const r of s.directoryRoles) assert.equal(r.roleTemplateId, PUBLISHED_ROLE_TEMPLATES[String(r.displayName)], String(r.displayName));
  for (const p of s.conditionalAccessPolicies) {
    const u = (p.conditions as any).users;
    for (const id of [...u.includeRoles, ...u.excludeRoles]) assert.ok(Object.values(PUBLISHED_ROLE_TEMPLATES).includes(id), `${p.displayName}: role ${id}`);
  }
});

test('every reference resolves: memberships, group members, policy groups and locations, sign-in users and policies', async () => {
  const s = await demo();
  const users = new Set(s.users.map((u) => u.id));
  const groups = new Set(s.groups.map((g) => g.id));
  const roles = new Set(s.directoryRoles.map((r) => r.id));
  const locations = new Set(s.namedLocations.map((l) => l.id));
  const policies = new Set(s.conditionalAccessPolicies.map((p) => p.id));
  for (const [userId, list] of Object.entries(s.transitiveMemberOf)) {
    assert.ok(users.has(userId), `transitiveMemberOf key ${userId}`);
    for (const o of list) assert.ok(groups.has(o.id) || roles.has(o.id), `membership ${o.id}`);
  }
  for (const g of s.groups) for (const m of (g['x-emulator'] as any).members) assert.ok(users.has(m) || groups.has(m), `member ${m} of ${g.displayName}`);
  for (const p of s.conditionalAccessPolicies) {
    const c = p.conditions as any;
    for (const id of [...c.users.includeGroups, ...c.users.excludeGroups]) assert.ok(groups.has(id), `${p.displayName}: group ${id}`);
    for (const id of [...(c.locations?.includeLocations ?? []), ...(c.locations?.excludeLocations ?? [])]) {
      assert.ok(id === 'All' || id === 'AllTrusted' || locations.has(id), `${p.displayName}: location ${id}`);
    }
  }
  for (const x of s.signIns) {
    assert.ok(users.has(String(x.userId)), `sign-in ${x.id} user`);
    for (const a of x.appliedConditionalAccessPolicies as { id: string }[]) assert.ok(policies.has(a.id));
  }
});

test('nested groups: a member of a nested team is transitively in its department and All Staff', async () => {
  const s = await demo();
  const byName = (n: string) => s.groups.find((g) => g.displayName === n)!;
  const platform = byName('Engineering – Platform');
  const engineering = byName('Dept – Engineering');
  assert.ok((engineering['x-emulator'] as any).members.includes(platform.id));
  const directMembers = (platform['x-emulator'] as any).members as string[];
  assert.ok(directMembers.length >= 2);
  for (const userId of directMembers) {
    const ids = s.transitiveMemberOf[userId]!.map((o) => o.id);
    assert.ok(ids.includes(engineering.id) && ids.includes(byName('All Staff').id), `${userId} is transitively in Engineering and All Staff`);
  }
});

test('break-glass accounts are Global Administrators excluded from every policy that targets all users', async () => {
  const s = await demo();
  const bg = s.groups.find((g) => g.displayName === 'CA-Exclude-BreakGlass')!;
  const members = (bg['x-emulator'] as any).members as string[];
  assert.equal(members.length, 2);
  for (const id of members) assert.ok(s.transitiveMemberOf[id]!.some((o) => o.roleTemplateId === PUBLISHED_ROLE_TEMPLATES['Global Administrator']));
  for (const p of s.conditionalAccessPolicies) {
    const u = (p.conditions as any).users;
    if (u.includeUsers.includes('All') || u.includeRoles.length) assert.ok(u.excludeGroups.includes(bg.id), `${p.displayName} excludes break-glass`);
  }
});

test('guests have #EXT# UPNs, and the tenant has Entra ID P1 and P2', async () => {
  const s = await demo();
  const guests = s.users.filter((u) => u.userType === 'Guest');
  assert.ok(guests.length >= 2 && guests.length <= 3);
  for (const g of guests) assert.match(String(g.userPrincipalName), /^[a-z.]+_[a-z.-]+#EXT#@[a-z.]+\.example$/);
  assert.ok(s.users.length >= 30);
  const plans = (s.organization[0]!.assignedPlans as any[]).map((p) => p.servicePlanId);
  assert.ok(plans.includes('41781fb2-bc02-4b7c-bd55-b576c07bb09d'), 'AAD_PREMIUM (P1)');
  assert.ok(plans.includes('eec0eb4f-6444-4f95-aba0-50c24d67f998'), 'AAD_PREMIUM_P2');
});

test('operators have the role mixes the demo needs', async () => {
  const s = await demo();
  const operators = meta(s).operators as { userId: string; roles: string[]; password: string }[];
  const roleNames = (userId: string) =>
    s.transitiveMemberOf[userId]!.filter((o) => o['@odata.type'] === '#microsoft.graph.directoryRole').map((o) => String(o.displayName)).sort();
  for (const o of operators) {
    assert.deepEqual(roleNames(o.userId), [...o.roles].sort(), 'meta.operators matches the directory');
    const user = s.users.find((u) => u.id === o.userId)!;
    assert.equal((user['x-emulator'] as any).operator, true);
    assert.equal((user['x-emulator'] as any).password, o.password);
  }
  const has = (roles: string[], r: string) => roles.includes(r);
  const sets = operators.map((o) => o.roles);
  assert.ok(sets.some((r) => r.length === 1 && r[0] === 'Global Administrator'), 'a Global Admin only (no attribute rights)');
  assert.ok(sets.some((r) => has(r, 'Conditional Access Administrator') && !ATTRIBUTE_ROLES.some((a) => has(r, a))), 'a CA admin without attribute roles');
  assert.ok(sets.some((r) => has(r, 'Conditional Access Administrator') && ATTRIBUTE_ROLES.every((a) => has(r, a))), 'a full identity admin');
  assert.ok(
    sets.some((r) => has(r, 'Reports Reader') && r.every((x) => x.endsWith('Reader'))),
    'a read-only helpdesk operator',
  );
});

test('Jamf apps are registered as Jamf documents them, each with a service principal', async () => {
  const s = await demo();
  const m = meta(s);
  const app = (appId: string) => s.applications!.find((a) => a.appId === appId)!;
  const client = app(m.jamfConnect.clientAppId);
  assert.equal(client.isFallbackPublicClient, true);
  assert.deepEqual((client.publicClient as any).redirectUris, ['https://127.0.0.1/jamfconnect']);
  const api = app(m.jamfConnect.apiAppId);
  assert.equal(api.isFallbackPublicClient, false, 'the API app must not allow public client flows');
  assert.deepEqual(api.identifierUris, [`api://${api.appId}`]);
  assert.deepEqual((api.api as any).oauth2PermissionScopes.map((x: any) => x.value), ['jamfconnect']);
  assert.equal(m.jamfConnect.apiScope, `api://${api.appId}/jamfconnect`);
  for (const a of s.applications!) assert.ok(s.servicePrincipals.some((sp) => sp.appId === a.appId), `${a.displayName} has a service principal`);
  for (const appId of ['00000003-0000-0000-c000-000000000000', '00000002-0000-0000-c000-000000000000']) {
    assert.ok(s.servicePrincipals.some((sp) => sp.appId === appId));
  }
});

test('nothing real: .example domains, documentation IP ranges, sign-ins inside the 30-day window', async () => {
  const s = await demo();
  const m = meta(s);
  const doc = ['203.0.113.0/24', '198.51.100.0/24', '192.0.2.0/24', '2001:db8::/32'].map((c) => parseCidr(c)!);
  for (const u of s.users) assert.match(String(u.userPrincipalName), /\.example$/);
  for (const l of s.namedLocations) for (const r of (l.ipRanges as any[]) ?? []) assert.ok(doc.some((d) => cidrContains(d, parseIp(r.cidrAddress.split('/')[0])!)), r.cidrAddress);
  const end = Date.parse(m.generatedAt);
  for (const x of s.signIns) {
    assert.ok(doc.some((d) => cidrContains(d, parseIp(String(x.ipAddress))!)), String(x.ipAddress));
    const t = Date.parse(String(x.createdDateTime));
    assert.ok(t <= end && t >= end - 30 * 86_400_000, String(x.createdDateTime));
  }
  const times = s.signIns.map((x) => String(x.createdDateTime));
  assert.deepEqual(times, [...times].sort().reverse(), 'newest first, like Graph');
});
