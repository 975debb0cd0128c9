/** The synthetic tenant generator: deterministic, the counts asked for, valid snapshots, streaming. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePolicies, generateSignIns, generateTenant, pages } from '../../../electron/core/synthetic/generate.js';
import { evaluate } from '../../../electron/core/policy/evaluate.js';
import { parseSnapshot } from '../../../electron/core/snapshot/load.js';
import { conditionalAccessPolicySchema, signInSchema } from '../../../electron/core/snapshot/schema.js';
import { serializeSnapshot } from '../../../electron/core/snapshot/write.js';

test('generateTenant gives the requested counts and a snapshot the loader accepts', () => {
  const t = generateTenant({ users: 250, signIns: 3000, policies: 25, seed: 1 });
  assert.equal(t.users.length, 250);
  assert.equal(t.signIns.length, 3000);
  assert.equal(t.conditionalAccessPolicies.length, 25);
  assert.equal(Object.keys(t.transitiveMemberOf).length, 250);
  const r = parseSnapshot(serializeSnapshot(t));
  assert.equal(r.ok, true, r.ok ? '' : r.error.message);
  assert.deepEqual(r.ok && r.warnings, []);
  // UPNs are unique (the loader checks ids, this checks names)
  assert.equal(new Set(t.users.map((u) => String(u.userPrincipalName).toLowerCase())).size, 250);
  const users = new Set(t.users.map((u) => u.id));
  assert.ok(t.signIns.every((x) => users.has(String(x.userId))));
  assert.ok(t.signIns.some((x) => x.authenticationProtocol === 'ropc'), 'has Jamf Connect ROPG checks');
});

test('same seed → same bytes; different seed → different tenant', () => {
  const a = serializeSnapshot(generateTenant({ users: 40, signIns: 200, seed: 7 }));
  const b = serializeSnapshot(generateTenant({ users: 40, signIns: 200, seed: 7 }));
  const c = serializeSnapshot(generateTenant({ users: 40, signIns: 200, seed: 8 }));
  assert.ok(a === b);
  assert.ok(a !== c);
});

test('generateTenant refuses nonsense sizes with a clear message', () => {
  assert.throws(() => generateTenant({ users: 0, signIns: 1, seed: 1 }), /users must be a positive integer/);
  assert.throws(() => generateTenant({ users: 1, signIns: -1, seed: 1 }), /signIns must be a non-negative integer/);
});

test('generateSignIns streams newest first within the window and pages by 1000', () => {
  const t = generateTenant({ users: 30, signIns: 0, seed: 3 });
  const stream = generateSignIns({ signIns: 2500, seed: 3, users: t.users, policies: t.conditionalAccessPolicies, days: 30, end: '2026-11-30T12:00:00Z' });
  const sizes: number[] = [];
  let last = '9999';
  let count = 0;
  const ids = new Set<string>();
  for (const page of pages(stream, 1000)) {
    sizes.push(page.length);
    for (const x of page) {
      assert.ok(signInSchema.safeParse(x).success);
      assert.ok(String(x.createdDateTime) <= last, 'non-increasing times');
      last = String(x.createdDateTime);
      ids.add(String(x.id));
      count++;
    }
  }
  assert.deepEqual(sizes, [1000, 1000, 500]);
  assert.equal(ids.size, 2500);
  assert.ok(last >= '2026-10-31T12:00:00Z');
});

test('a million-row stream can be started and abandoned without producing the rest', () => {
  const t = generateTenant({ users: 10, signIns: 0, seed: 4 });
  const it = generateSignIns({ signIns: 1_000_000, seed: 4, users: t.users })[Symbol.iterator]();
  const first = it.next();
  assert.equal(first.done, false);
  assert.ok(String(first.value.createdDateTime) <= '2026-11-30T12:00:00Z');
  it.return?.(undefined);
  assert.equal(it.next().done, true);
});

test('generatePolicies(200) is deterministic, valid, varied, and never breaks the evaluator', () => {
  const a = generatePolicies(200, 99);
  assert.equal(a.length, 200);
  assert.deepEqual(a, generatePolicies(200, 99));
  assert.notDeepEqual(a, generatePolicies(200, 100));
  assert.equal(new Set(a.map((p) => p.id)).size, 200);
  for (const p of a) assert.ok(conditionalAccessPolicySchema.safeParse(p).success, String(p.displayName));
  const states = new Set(a.map((p) => p.state));
  assert.deepEqual([...states].sort(), ['disabled', 'enabled', 'enabledForReportingButNotEnforced']);
  const controls = new Set(a.flatMap((p) => ((p.grantControls as any)?.builtInControls ?? []) as string[]));
  for (const c of ['mfa', 'block', 'compliantDevice', 'passwordChange']) assert.ok(controls.has(c), c);
  assert.ok(a.some((p) => (p.conditions as any).applications.applicationFilter?.mode === 'exclude'));
  assert.ok(a.some((p) => (p.conditions as any).applications.applicationFilter?.mode === 'include'));
  assert.ok(a.some((p) => p.grantControls === null && p.sessionControls !== null), 'session-only policies');
  const result = evaluate(a, {
    user: { id: 'u', userType: 'member' },
    groupIds: [],
    roleTemplateIds: [],
    clientAppId: 'c',
    resourceAppId: '00000003-0000-0000-c000-000000000000',
    scopes: ['openid', 'profile', 'email'],
    clientAppType: 'mobileAppsAndDesktopClients',
    platform: 'macOS',
    ipAddress: '198.51.100.7',
    country: 'NO',
    device: null,
    signInRisk: 'none',
    userRisk: 'none',
    capabilities: { interactive: false, mfaSatisfied: false, approvedClientApp: false, compliantClientApp: false },
  }, { servicePrincipalsByAppId: new Map(), namedLocations: new Map() });
  assert.equal(result.policies.length, 200);
});

test('derived GUIDs are stable RFC 4122 version-4 shapes; the PRNG is seeded', async () => {
  const { guidFrom } = await import('../../../electron/core/synthetic/ids.js');
  const { Prng } = await import('../../../electron/core/synthetic/prng.js');
  const shape = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  assert.equal(guidFrom('ns', 'x'), guidFrom('ns', 'x'));
  assert.notEqual(guidFrom('ns', 'x'), guidFrom('ns', 'y'));
  assert.notEqual(guidFrom('ns', 'x'), guidFrom('other', 'x'));
  const a = new Prng(5);
  const b = new Prng(5);
  for (let i = 0; i < 200; i++) {
    const g = a.guid();
    assert.match(g, shape);
    assert.equal(g, b.guid());
    assert.match(guidFrom('ns', String(i)), shape);
  }
  const r = new Prng(9);
  for (let i = 0; i < 1000; i++) {
    const v = r.next();
    assert.ok(v >= 0 && v < 1);
    const n = r.int(3, 5);
    assert.ok(n >= 3 && n <= 5 && Number.isInteger(n));
  }
});
