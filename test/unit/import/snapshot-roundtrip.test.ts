import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../../electron/core/store/store.js';
import { importSnapshot } from '../../../electron/core/import/snapshot-import.js';
import { exportSnapshot } from '../../../electron/core/import/snapshot-export.js';
import { parseSnapshot } from '../../../electron/core/snapshot/load.js';
import { serializeSnapshot } from '../../../electron/core/snapshot/write.js';
import { AppError } from '../../../electron/core/graph/app-error.js';

const TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

function snapshotText(): string {
  return JSON.stringify({
    formatVersion: 1,
    meta: { capturedAt: '2026-11-25T00:00:00Z' },
    organization: [{ id: TENANT, displayName: 'Contoso' }],
    users: [{ id: 'u-1', userPrincipalName: 'ana@contoso.com', displayName: 'Ana' }],
    groups: [{ id: 'g-1', displayName: 'Mac users' }],
    directoryRoles: [],
    transitiveMemberOf: { 'u-1': [{ '@odata.type': '#microsoft.graph.group', id: 'g-1', displayName: 'Mac users' }] },
    servicePrincipals: [{ id: 'sp-1', appId: '7d3f8a2b-9c4e-4f1a-8b6d-2e5c7a9f0b13', displayName: 'Jamf Connect', customSecurityAttributes: null }],
    attributeSets: [{ id: 'JamfConnect' }],
    customSecurityAttributeDefinitions: [{ id: 'JamfConnect_isExemptMFA', attributeSet: 'JamfConnect', name: 'isExemptMFA', type: 'String' }],
    conditionalAccessPolicies: [{ id: 'p-1', displayName: 'Block outside', state: 'enabled', conditions: { users: { includeUsers: ['All'] } } }],
    namedLocations: [{ id: 'nl-1', '@odata.type': '#microsoft.graph.ipNamedLocation', displayName: 'HQ', isTrusted: true, ipRanges: [] }],
    signIns: [{ id: 's-1', createdDateTime: '2026-11-24T10:00:00Z', userId: 'u-1', userPrincipalName: 'ana@contoso.com',
      appId: '7d3f8a2b-9c4e-4f1a-8b6d-2e5c7a9f0b13', status: { errorCode: 53003 } }],
  }, null, 2);
}

test('a snapshot imports into the cache in one go, and re-importing changes nothing', (t) => {
  const store = openStore(':memory:');
  t.after(() => store.close());
  const text = snapshotText();
  const first = importSnapshot(store, text, { file: 'case.json', now: new Date('2026-11-30T00:00:00Z') });
  assert.equal(first.tenantId, TENANT);
  assert.equal(first.counts.signIns, 1);
  assert.equal(store.directory.memberships(TENANT, 'u-1')[0]?.id, 'g-1');
  assert.equal(store.policies.history(TENANT, 'p-1')[0]?.fetchedAt, '2026-11-25T00:00:00.000Z', 'policy version dated at capture time');
  assert.equal(store.syncState.freshness(TENANT, 'policies'), '2026-11-25T00:00:00.000Z');
  const again = importSnapshot(store, text, { file: 'case.json' });
  assert.equal(again.alreadyImported, true);
  assert.equal(again.counts.policyVersionsAdded, 0);
  assert.equal(store.signIns.count(TENANT), 1);
  assert.equal(store.policies.history(TENANT, 'p-1').length, 1);
});

test('export → parse → import into a fresh cache reproduces the same objects', (t) => {
  const a = openStore(':memory:');
  const b = openStore(':memory:');
  t.after(() => { a.close(); b.close(); });
  importSnapshot(a, snapshotText(), { file: 'case.json' });
  const exported = exportSnapshot(a, { tenantId: TENANT, exportedBy: 'agent@contoso.com', now: new Date('2026-11-30T00:00:00Z') });
  const text = serializeSnapshot(exported);
  const parsed = parseSnapshot(text, 'export.json');
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
  assert.equal(exported.meta?.exportedBy, 'agent@contoso.com');
  assert.deepEqual(exported.groups.map((g) => g.id), ['g-1'], 'groups derived from memberships');
  importSnapshot(b, text, { file: 'export.json' });
  assert.deepEqual(b.signIns.ids(TENANT), a.signIns.ids(TENANT));
  assert.deepEqual(b.policies.policiesAsOf(TENANT), a.policies.policiesAsOf(TENANT));
  assert.deepEqual(b.directory.servicePrincipals(TENANT), a.directory.servicePrincipals(TENANT));
  assert.deepEqual(b.directory.attributeDefinitions(TENANT), a.directory.attributeDefinitions(TENANT));
});

test('a case file about one user carries only that user', (t) => {
  const store = openStore(':memory:');
  t.after(() => store.close());
  importSnapshot(store, snapshotText(), { file: 'case.json' });
  store.signIns.upsertMany(TENANT, [{ id: 's-other', createdDateTime: '2026-11-24T10:00:00Z', userId: 'u-2' }], 't', 'x');
  const exported = exportSnapshot(store, { tenantId: TENANT, userIds: ['u-1'] });
  assert.deepEqual(exported.signIns.map((s) => s.id), ['s-1']);
});

test('a broken snapshot is refused with its position and nothing is written', (t) => {
  const store = openStore(':memory:');
  t.after(() => store.close());
  const broken = snapshotText().replace('"id": "u-1"', '"id": 42');
  assert.throws(() => importSnapshot(store, broken, { file: 'bad.json' }), (e: unknown) =>
    e instanceof AppError && e.code === 'invalid_input' && /^bad\.json: line \d+, column \d+, users\[0\]\.id/.test(e.message));
  const badSignIn = snapshotText().replace('"createdDateTime": "2026-11-24T10:00:00Z"', '"createdDateTime": "soon"');
  assert.throws(() => importSnapshot(store, badSignIn, { file: 'bad2.json' }), /signIns\[0\]\.createdDateTime|createdDateTime/);
  assert.equal(store.directory.users(TENANT).length, 0);
  assert.equal(store.signIns.count(TENANT), 0);
});
