/** The diagnosis from the SQLite cache gives the same verdict as from the equivalent snapshot. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../../electron/core/store/store.js';
import { diagnoseFromStore } from '../../../electron/core/diagnosis/from-store.js';
import { diagnoseFromSnapshot } from '../../../electron/core/diagnosis/from-snapshot.js';
import * as f from './fixtures.js';

const TENANT = 'tenant-1';
const fail = () => [f.applied(f.P_DEVICE, 'Require compliant device', 'failure', ['RequireCompliantDevice'])];

function filledStore(snapshot: ReturnType<typeof f.tenant>, withMemberships = true) {
  const store = openStore(':memory:');
  const at = '2026-11-20T11:59:00Z';
  for (const u of snapshot.users) store.directory.upsertUser(TENANT, u as { id: string }, at);
  if (withMemberships) {
    // As the directory sync does it (sync/directory-sync.ts): an empty listing plus the user marked fresh.
    store.directory.replaceMemberships(TENANT, f.USER_ID, [], at);
    store.syncState.markFresh(TENANT, `user:${f.USER_ID}`, at);
  }
  for (const sp of snapshot.servicePrincipals) store.directory.upsertServicePrincipal(TENANT, sp as { id: string }, at);
  store.policies.recordPolicies(TENANT, snapshot.conditionalAccessPolicies as { id: string }[], at, 'test', true);
  store.policies.replaceNamedLocations(TENANT, snapshot.namedLocations as { id: string }[], at);
  store.signIns.upsertMany(TENANT, snapshot.signIns as { id: string; createdDateTime: string }[], 'test', at);
  return store;
}

test('cache and snapshot agree on the compliant-device lockout', (t) => {
  const snapshot = f.tenant({
    policies: [f.devicePolicy()],
    signIns: [
      f.signIn({ at: f.ago(300), code: 0 }),
      f.signIn({ at: f.ago(60), code: 53000, policies: fail() }),
      f.signIn({ at: f.ago(30), code: 53000, policies: fail() }),
      f.signIn({ at: f.ago(20), code: 0, appId: 'some-other-app' }),
    ],
  });
  const store = filledStore(snapshot);
  t.after(() => store.close());
  const fromCache = diagnoseFromStore(store, TENANT, f.UPN, { days: 7, now: f.NOW, profileName: 'contoso' });
  const fromSnapshot = diagnoseFromSnapshot(snapshot, f.UPN, { days: 7 });
  assert.equal(fromCache.verdict.lockedOut, true);
  assert.deepEqual(
    { ...fromCache.verdict, summary: '' },
    { ...fromSnapshot.verdict, summary: '' },
  );
  assert.deepEqual(fromCache.recommendations, fromSnapshot.recommendations);
  assert.equal(fromCache.source.kind, 'cache');
  assert.equal(fromCache.source.name, 'contoso');
  assert.deepEqual(fromCache.warnings, []);
});

test('cache without memberships for the user → warned; unknown user → UserNotFoundError', (t) => {
  const store = filledStore(f.tenant({ policies: [f.mfaPolicy()], signIns: [f.signIn({ at: f.ago(10), code: 0 })] }), false);
  t.after(() => store.close());
  const d = diagnoseFromStore(store, TENANT, f.USER_ID, { days: 7, now: f.NOW });
  assert.ok(d.warnings.some((w) => w.code === 'memberships-unknown'));
  assert.throws(() => diagnoseFromStore(store, TENANT, 'ghost@contoso.example', { days: 7, now: f.NOW }), /no user 'ghost@contoso\.example' in the cache/);
});
