// Tenant profiles through the real router: add (valid, invalid, duplicate, emulator refused in a
// packaged build), list, open offline before any sign-in, a domain-named profile, remove.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emulatorProfileInput, startLiveHarness } from './harness.js';

test('adding profiles: valid, invalid GUID, invalid tenant, duplicate, the demo name; the demo is never listed', async (t) => {
  const h = await startLiveHarness();
  t.after(() => h.close());
  assert.deepEqual(await h.ok('listTenantProfiles', {}), [], 'the built-in demo profile is not a tenant profile');

  const added = await h.ok('addTenantProfile', emulatorProfileInput(h));
  assert.equal(added.name, 'northwind');
  assert.equal(added.cloud, 'emulator');
  assert.equal(added.signedInAs, null);
  assert.equal(added.lastSync, null);

  const badGuid = await h.call('addTenantProfile', { ...emulatorProfileInput(h, 'other'), clientId: 'not-a-guid' });
  assert.equal(badGuid.ok, false);
  // The contract's schema catches a malformed GUID before the handler runs.
  if (!badGuid.ok) {
    assert.equal(badGuid.error.code, 'invalidArguments');
    assert.match(badGuid.error.message, /clientId/);
  }
  const badTenant = await h.call('addTenantProfile', { ...emulatorProfileInput(h, 'other'), cloud: 'public', tenant: 'not a tenant' });
  assert.equal(badTenant.ok, false);
  if (!badTenant.ok) {
    assert.equal(badTenant.error.code, 'invalidInput', 'the core profile schema validates what the contract lets through');
    assert.match(badTenant.error.message, /^tenant: must be a tenant id \(GUID\) or a domain/);
  }
  const duplicate = await h.call('addTenantProfile', { ...emulatorProfileInput(h), name: 'Northwind' });
  assert.equal(duplicate.ok, false);
  if (!duplicate.ok) {
    assert.equal(duplicate.error.code, 'invalidInput');
    assert.match(duplicate.error.message, /already exists/);
  }
  const demo = await h.call('addTenantProfile', { ...emulatorProfileInput(h), name: 'demo' });
  assert.equal(demo.ok, false);

  const domain = await h.ok('addTenantProfile', { name: 'contoso', tenant: 'contoso.onmicrosoft.com', clientId: '11111111-2222-4333-8444-555555555555', cloud: 'public', jamfConnectClientIds: ['96C0FC83-DF9D-4E26-BB09-4195A6B50A1D'] });
  assert.deepEqual(domain.jamfConnectClientIds, ['96c0fc83-df9d-4e26-bb09-4195a6b50a1d'], 'client ids are stored lower-case');
  assert.deepEqual((await h.ok('listTenantProfiles', {})).map((p) => p.name).sort(), ['contoso', 'northwind']);

  const unknown = await h.call('removeTenantProfile', { name: 'nope' });
  assert.equal(unknown.ok ? 'ok' : unknown.error.code, 'notFound');
  const demoRemove = await h.call('removeTenantProfile', { name: 'demo' });
  assert.equal(demoRemove.ok ? 'ok' : demoRemove.error.code, 'preconditionFailed');
  assert.deepEqual((await h.ok('removeTenantProfile', { name: 'contoso' })).map((p) => p.name), ['northwind']);
});

test('a packaged build (no emulator port) refuses emulator profiles', async (t) => {
  const h = await startLiveHarness({ emulatorPort: false });
  t.after(() => h.close());
  const refused = await h.call('addTenantProfile', emulatorProfileInput(h));
  assert.equal(refused.ok, false);
  if (!refused.ok) {
    assert.equal(refused.error.code, 'invalidInput');
    assert.match(refused.error.message, /^cloud: /);
  }
  assert.deepEqual(await h.ok('listTenantProfiles', {}), []);
});

test('opening a profile before sign-in: from the empty cache, offline, without a single request to the tenant', async (t) => {
  const h = await startLiveHarness();
  t.after(() => h.close());
  await h.ok('addTenantProfile', emulatorProfileInput(h));
  const before = h.emulator.control.requestLog().length;
  const state = await h.ok('openTenant', { name: 'northwind' });
  assert.equal(state.mode, 'tenant');
  assert.equal(state.profile, 'northwind');
  assert.equal(state.tenant?.id, h.emulator.tenantId);
  assert.equal(state.tenant?.displayName, 'Northwind (emulator)', 'no organization cached yet: the profile names it');
  assert.equal(state.operator, null);
  assert.equal(state.online, false);
  assert.equal(state.lastSync, null);
  assert.equal(state.features.sync, true);
  assert.equal(state.features.auth, true);
  assert.deepEqual(await h.ok('searchUsers', { query: 'mari', limit: 10 }), [], 'not signed in: the (empty) cache answers');
  const missing = await h.call('runDiagnosis', { user: 'mari.johansen@northwind-demo.example', refresh: true });
  assert.equal(missing.ok, false);
  if (!missing.ok) {
    assert.equal(missing.error.code, 'notFound');
    assert.match(missing.error.message, /Sign in/);
  }
  const sync = await h.call('startSync', { kind: 'directory' });
  assert.equal(sync.ok, false);
  if (!sync.ok) assert.equal(sync.error.code, 'signInRequired');
  assert.equal((await h.ok('listPolicies', {})).length, 0);
  assert.equal(h.emulator.control.requestLog().length, before, 'opening and reading the cache made no request');

  const unknown = await h.call('openTenant', { name: 'nope' });
  assert.equal(unknown.ok, false);
  if (!unknown.ok) assert.equal(unknown.error.code, 'notFound');
  assert.equal((await h.ok('getAppState', {})).profile, 'northwind', 'a failed open leaves the open tenant alone');
});

test('a domain-named profile never signed in opens with a clear message instead of a tenant id', async (t) => {
  const h = await startLiveHarness();
  t.after(() => h.close());
  await h.ok('addTenantProfile', { name: 'contoso', displayName: 'Contoso', tenant: 'contoso.onmicrosoft.com', clientId: '11111111-2222-4333-8444-555555555555', cloud: 'public', jamfConnectClientIds: [] });
  const state = await h.ok('openTenant', { name: 'contoso' });
  assert.equal(state.mode, 'tenant');
  assert.equal(state.tenant?.id, 'contoso.onmicrosoft.com');
  assert.equal(state.online, false);
  const diagnosis = await h.call('runDiagnosis', { user: 'someone@contoso.com' });
  assert.equal(diagnosis.ok, false);
  if (!diagnosis.ok) {
    assert.equal(diagnosis.error.code, 'signInRequired');
    assert.match(diagnosis.error.message, /tenant id.*known only after the first sign-in/);
  }
  // Opening the demo closes the profile's workspace; the demo is not a profile.
  const demo = await h.ok('openDemoTenant', {});
  assert.equal(demo.mode, 'demo');
  assert.equal(demo.profile, null);
  const signIn = await h.call('signInToTenant', {});
  assert.equal(signIn.ok, false);
  if (!signIn.ok) assert.equal(signIn.error.code, 'preconditionFailed');
});

test('a sign-in the tenant refuses answers signInRequired with the reason; the session stays offline', async (t) => {
  const h = await startLiveHarness({ operator: 'nobody@northwind-demo.example' });
  t.after(() => h.close());
  await h.ok('addTenantProfile', emulatorProfileInput(h));
  await h.ok('openTenant', { name: 'northwind' });
  const refused = await h.call('signInToTenant', {});
  assert.equal(refused.ok, false);
  if (!refused.ok) {
    assert.equal(refused.error.code, 'signInRequired');
    assert.match(refused.error.message, /^Signing in to 'northwind' failed: /);
  }
  const state = await h.ok('getAppState', {});
  assert.equal(state.operator, null);
  assert.equal(state.online, false);
  assert.equal((await h.ok('listTenantProfiles', {}))[0]?.signedInAs, null);
});
