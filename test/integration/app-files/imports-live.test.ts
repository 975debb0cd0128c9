// importFile into an open tenant profile (opened and signed in through the router, against the
// emulator): sign-in exports land in that tenant's cache and show at once; a Jamf Connect profile's
// client ids and ROPG scopes are written into the tenant profile, not into Settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { emulatorOpenBrowser } from '../../../electron/core/auth/emulator-browser.js';
import { startEmulator } from '../../../electron/core/emulator/index.js';
import { ProfileStore } from '../../../electron/core/profiles/profile-store.js';
import { resourcePath } from '../../../electron/core/paths.js';
import { demoSnapshot, JAMF_CONNECT_APP, OPERATOR } from '../data-path/harness.js';
import { appHarness, type AppHarness } from './app-harness.js';

const fixture = (...p: string[]) => join(import.meta.dirname, '..', '..', 'fixtures', ...p);
const CLIENT_ID = '0c7e1ab5-6c3e-4c39-9d1e-5a0f1e2d3c4b';
const FIXTURE_ROPG_ID = '7d3f8a2b-9c4e-4f1a-8b6d-2e5c7a9f0b13';

async function openLive(t: { after(fn: () => unknown): void }): Promise<AppHarness> {
  const emulator = await startEmulator({ snapshot: demoSnapshot(), ingestionDelaySeconds: 0, log: () => {} });
  const h = appHarness({
    ports: {
      emulator: { origin: emulator.origin, tenantId: emulator.tenantId, caCertPem: emulator.caCertPem },
      // The person at the browser picks the demo operator on the emulator's sign-in page.
      openBrowserFor: (target) => emulatorOpenBrowser(target.transport, OPERATOR),
    },
  });
  t.after(async () => { await h.close(); await emulator.stop(); });
  await h.call('addTenantProfile', { name: 'northwind', tenant: emulator.tenantId, clientId: CLIENT_ID, cloud: 'emulator', jamfConnectClientIds: [JAMF_CONNECT_APP] });
  await h.call('openTenant', { name: 'northwind' });
  await h.call('signInToTenant', {});
  assert.equal((await h.call('getAppState', {})).mode, 'tenant');
  return h;
}

test('sign-in export into the open tenant: portal CSV imported once, shown at once; wrong kinds and malformed files change nothing', async (t) => {
  const h = await openLive(t);
  const ana = async () => (await h.call('listSignIns', { user: 'ana.lima', offset: 0, limit: 100 })).total;
  assert.equal(await ana(), 0);

  h.dialogs.toOpen.set('signInExport', [fixture('imports', 'InteractiveSignIns_2026-11-01_2026-11-30.csv')]);
  const r = await h.call('importFile', { kind: 'signInExport' });
  assert.equal(r.kind, 'signInExport');
  const n = Number(/Imported (\d+) sign-ins? from InteractiveSignIns_2026-11-01_2026-11-30\.csv \(portal CSV\)/.exec(r.summary)?.[1]);
  assert.ok(n > 0, r.summary);
  assert.equal(await ana(), n, 'the views read the imported rows without a sync');

  // Idempotent: the same file again adds nothing and says so.
  h.dialogs.toOpen.set('signInExport', [fixture('imports', 'InteractiveSignIns_2026-11-01_2026-11-30.csv')]);
  assert.match((await h.call('importFile', { kind: 'signInExport' })).summary, /was imported before/);
  assert.equal(await ana(), n);

  const refused: Array<[string, RegExp]> = [
    [fixture('imports', 'malformed-unterminated-quote.csv'), /malformed-unterminated-quote\.csv: (line|record) \d+/],
    [fixture('imports', 'malformed-syntax.json'), /malformed-syntax\.json: line \d+, column \d+/],
    [fixture('imports', 'jamf-connect-login.mobileconfig'), /is a Jamf Connect profile, not a sign-in export/],
    [resourcePath('demo-tenant.json'), /is a tenant snapshot \(a case file\), not a sign-in export/],
  ];
  for (const [file, message] of refused) {
    h.dialogs.toOpen.set('signInExport', [file]);
    const err = await h.fails('importFile', { kind: 'signInExport' });
    assert.equal(err.code, 'invalidInput', file);
    assert.match(err.message, message, file);
    assert.match(err.message, /Nothing was imported/);
  }
  assert.equal(await ana(), n, 'refused files added nothing');
  assert.equal((await h.call('getAppState', {})).mode, 'tenant');
});

test('Jamf Connect profile with a tenant profile open: client id, ROPG scopes and API app go into the profile', async (t) => {
  const h = await openLive(t);
  const settingsBefore = await h.call('getSettings', {});
  h.dialogs.toOpen.set('jamfProfile', [fixture('imports', 'jamf-connect-login.mobileconfig')]);
  const r = await h.call('importFile', { kind: 'jamfProfile' });
  assert.match(r.summary, new RegExp(`${FIXTURE_ROPG_ID} in jamf-connect-login\\.mobileconfig; stored in tenant profile 'northwind'`));
  const stored = new ProfileStore(h.dataDir).get('northwind');
  assert.deepEqual(stored.jamfConnect.clientIds, [JAMF_CONNECT_APP, FIXTURE_ROPG_ID], 'added to the ids already there');
  assert.deepEqual(stored.jamfConnect.ropgScopes, ['api://9e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b/jamfconnect', 'openid', 'email', 'profile']);
  assert.equal(stored.jamfConnect.apiAppId, '9e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b');
  assert.equal(stored.jamfConnect.source, 'config-profile:jamf-connect-login.mobileconfig');
  assert.deepEqual(await h.call('getSettings', {}), settingsBefore, 'Settings untouched');
  // In use at once by the open tenant, without reopening it.
  assert.match(r.summary, /in use now/);
  assert.ok(h.ctx.session?.jamfConnectAppIds.includes(FIXTURE_ROPG_ID), `session uses ${h.ctx.session?.jamfConnectAppIds.join(', ')}`);
  assert.equal(h.ctx.session?.live?.profile.jamfConnect.apiAppId, '9e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b');
  // The fixture is configured for another tenant: said, not silently accepted.
  assert.ok(r.warnings.some((w) => /aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee/.test(w)), r.warnings.join(' | '));

  h.dialogs.toOpen.set('jamfProfile', [fixture('imports', 'malformed.plist')]);
  assert.equal((await h.fails('importFile', { kind: 'jamfProfile' })).code, 'invalidInput');
  assert.deepEqual(new ProfileStore(h.dataDir).get('northwind'), stored, 'a malformed file leaves the profile as it was');
});
