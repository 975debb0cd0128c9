// importFile through the router without a live tenant: case files (valid, truncated, malformed,
// oversized), Jamf Connect profiles into Settings, and sign-in exports refused without a tenant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcePath } from '../../../electron/core/paths.js';
import { MAX_IMPORT_BYTES } from '../../../electron/core/import/index.js';
import { appHarness } from './app-harness.js';

const fixture = (...p: string[]) => join(import.meta.dirname, '..', '..', 'fixtures', ...p);
const DEMO_TENANT_ID = '9d4dd646-6938-4344-a87a-4ca7503b6d7b';
/** OIDCROPGID of test/fixtures/imports/jamf-connect-login.mobileconfig (its OIDCClientID is the same id upper-case). */
const FIXTURE_ROPG_ID = '7d3f8a2b-9c4e-4f1a-8b6d-2e5c7a9f0b13';

test('case file: a valid snapshot opens as a read-only caseFile session of its tenant', async (t) => {
  const h = appHarness();
  t.after(() => h.close());
  await h.call('openDemoTenant', {});
  assert.equal((await h.fails('importFile', { kind: 'caseFile' })).code, 'cancelled', 'no file chosen');
  assert.equal((await h.call('getAppState', {})).mode, 'demo', 'a cancelled import changes nothing');

  h.dialogs.toOpen.set('caseFile', [resourcePath('demo-tenant.json')]);
  const r = await h.call('importFile', { kind: 'caseFile' });
  assert.equal(r.kind, 'caseFile');
  assert.match(r.summary, /Northwind Trails AS \(9d4dd646-6938-4344-a87a-4ca7503b6d7b\), 38 users, 817 sign-ins, as of 20\d\d-/);
  const state = await h.call('getAppState', {});
  assert.equal(state.mode, 'caseFile');
  assert.deepEqual(state.tenant, { id: DEMO_TENANT_ID, displayName: 'Northwind Trails AS' });
  assert.equal(state.online, false);
  const users = await h.call('searchUsers', { query: 'kari', limit: 5 });
  assert.ok(users.some((u) => u.userPrincipalName === 'kari.dahl@northwind-demo.example'), 'the case file is what the views read');
  // Read-only: nothing in it can be written to.
  const policies = await h.call('listPolicies', {});
  const planned = await h.fails('planExemption', { policyId: policies[0]!.id });
  assert.equal(planned.code, 'preconditionFailed');
  assert.match(planned.message, /read-only/);
});

test('case file: truncated or malformed JSON answers invalidInput with line and column; the open session stays', async (t) => {
  const h = appHarness();
  t.after(() => h.close());
  await h.call('openDemoTenant', {});
  const before = await h.call('getAppState', {});
  const cases: Array<[string, RegExp]> = [
    [fixture('snapshots', 'truncated.json'), /^truncated\.json:\d+:\d+: invalid JSON/],
    [fixture('snapshots', 'trailing-comma.json'), /^trailing-comma\.json:3:\d+: invalid JSON/],
    [fixture('snapshots', 'wrong-type.json'), /^wrong-type\.json:\d+:\d+: /],
    [fixture('bad-input', 'snapshot-not-utf8.json'), /not UTF-8/],
    [fixture('bad-input', 'whitespace.json'), /whitespace\.json:\d+:\d+: /],
  ];
  for (const [file, message] of cases) {
    h.dialogs.toOpen.set('caseFile', [file]);
    const err = await h.fails('importFile', { kind: 'caseFile' });
    assert.equal(err.code, 'invalidInput', file);
    assert.match(err.message, message, file);
    assert.match(err.message, /Nothing was opened/);
    assert.deepEqual(await h.call('getAppState', {}), before, `${file}: previous session intact`);
  }
  // Still the demo, still usable.
  const d = await h.call('runDiagnosis', { user: 'kari.dahl@northwind-demo.example' });
  assert.equal(d.verdict.primaryErrorCode, 53003);
});

test('a file over the import limit is refused by its size, without being read', async (t) => {
  const h = appHarness();
  t.after(() => h.close());
  await h.call('openDemoTenant', {});
  // A sparse file: its size says 512 MiB + 1 byte, it takes no disk space.
  const big = join(h.dataDir, 'huge-case.json');
  closeSync(openSync(big, 'w'));
  truncateSync(big, MAX_IMPORT_BYTES + 1);
  for (const kind of ['caseFile', 'jamfProfile'] as const) {
    h.dialogs.toOpen.set(kind, [big]);
    const err = await h.fails('importFile', { kind });
    assert.equal(err.code, 'invalidInput');
    assert.match(err.message, new RegExp(`huge-case\\.json is ${MAX_IMPORT_BYTES + 1} bytes, over the import limit`));
  }
  assert.equal((await h.call('getAppState', {})).mode, 'demo');
  // A folder is not a file.
  h.dialogs.toOpen.set('caseFile', [h.dataDir]);
  assert.match((await h.fails('importFile', { kind: 'caseFile' })).message, /is not a file/);
});

test('Jamf Connect profile without a tenant profile open: its client id goes to Settings and the open demo uses it', async (t) => {
  const h = appHarness();
  t.after(() => h.close());
  await h.call('openDemoTenant', {});
  h.dialogs.toOpen.set('jamfProfile', [fixture('imports', 'jamf-connect-login.mobileconfig')]);
  const r = await h.call('importFile', { kind: 'jamfProfile' });
  assert.equal(r.kind, 'jamfProfile');
  assert.match(r.summary, new RegExp(`${FIXTURE_ROPG_ID}.*stored in Settings`));
  assert.ok(r.warnings.some((w) => /ROPG scopes .*api:\/\/9e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b\/jamfconnect.* tenant profiles/.test(w)), 'says the scopes were not stored');
  // OIDCClientID and OIDCROPGID name the same app (case differs): stored once.
  assert.deepEqual((await h.call('getSettings', {})).jamfConnectAppIds, [FIXTURE_ROPG_ID]);
  assert.deepEqual(h.ctx.session!.jamfConnectAppIds, [FIXTURE_ROPG_ID], 'the open session treats it as Jamf Connect now');

  // Importing the same profile again adds nothing.
  h.dialogs.toOpen.set('jamfProfile', [fixture('imports', 'com.jamf.connect.login.binary.plist')]);
  await h.call('importFile', { kind: 'jamfProfile' });
  assert.ok((await h.call('getSettings', {})).jamfConnectAppIds.includes(FIXTURE_ROPG_ID));
});

test('Jamf Connect profile: garbage, truncated or foreign plists answer invalidInput and change nothing', async (t) => {
  const h = appHarness();
  t.after(() => h.close());
  await h.call('openDemoTenant', {});
  const settingsBefore = await h.call('getSettings', {});
  const idsBefore = [...h.ctx.session!.jamfConnectAppIds];
  const garbage = join(h.dataDir, 'garbage.mobileconfig');
  writeFileSync(garbage, Buffer.from([0x30, 0x82, 0x01, 0x00, 0xde, 0xad, 0xbe, 0xef]));
  const cases: Array<[string, RegExp]> = [
    [garbage, /garbage\.mobileconfig: line 1, column 1: not a property list/],
    [fixture('imports', 'malformed.plist'), /malformed\.plist: .*not a valid XML property list/],
    [fixture('bad-input', 'plist-not-jamf.plist'), /no Jamf Connect settings found/],
    [fixture('bad-input', 'plist-truncated.plist'), /plist-truncated\.plist: /],
    [fixture('bad-input', 'plist-bplist-garbage.plist'), /plist-bplist-garbage\.plist: (not a readable binary property list|no Jamf Connect settings found)/],
  ];
  for (const [file, message] of cases) {
    h.dialogs.toOpen.set('jamfProfile', [file]);
    const err = await h.fails('importFile', { kind: 'jamfProfile' });
    assert.equal(err.code, 'invalidInput', file);
    assert.match(err.message, message, file);
    assert.match(err.message, /Nothing was imported/);
  }
  assert.deepEqual(await h.call('getSettings', {}), settingsBefore, 'settings unchanged');
  assert.deepEqual(h.ctx.session!.jamfConnectAppIds, idsBefore);
});

test('sign-in export: refused without a live tenant, saying why', async (t) => {
  const h = appHarness();
  t.after(() => h.close());
  const csv = fixture('imports', 'InteractiveSignIns_2026-11-01_2026-11-30.csv');
  h.dialogs.toOpen.set('signInExport', [csv]);
  assert.equal((await h.fails('importFile', { kind: 'signInExport' })).code, 'noTenant');

  await h.call('openDemoTenant', {});
  const signInsBefore = h.ctx.session!.signIns.size;
  h.dialogs.toOpen.set('signInExport', [csv]);
  const err = await h.fails('importFile', { kind: 'signInExport' });
  assert.equal(err.code, 'preconditionFailed');
  assert.match(err.message, /needs an open tenant profile; the demo tenant is a built-in snapshot/);
  assert.equal(h.ctx.session!.signIns.size, signInsBefore);

  h.dialogs.toOpen.set('caseFile', [resourcePath('demo-tenant.json')]);
  await h.call('importFile', { kind: 'caseFile' });
  h.dialogs.toOpen.set('signInExport', [csv]);
  assert.match((await h.fails('importFile', { kind: 'signInExport' })).message, /open case file is read-only/);
});
