/**
 * The demo tenant's scripted stories (meta.stories) replayed as simulated Jamf Connect logins:
 * emulator + evaluator must produce each story's AADSTS code from the tenant data alone (users'
 * x-emulator.mac settings, app registrations, CA policies), not from the story text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { loadSnapshotFile } from '../../../electron/core/snapshot/load.js';
import { resourcePath } from '../../../electron/core/paths.js';
import { startEmulator } from '../../../electron/core/emulator/index.js';

test('every demo story reproduces its expected error code', async (t) => {
  const file = resourcePath('demo-tenant.json');
  if (!existsSync(file)) { t.skip('resources/demo-tenant.json is not there (yet)'); return; }
  const loaded = await loadSnapshotFile(file);
  assert.ok(loaded.ok, loaded.ok ? '' : loaded.error.message);
  const stories = (loaded.snapshot.meta?.stories ?? []) as { userPrincipalName: string; expectedErrorCode: number; expectedCause: string }[];
  assert.ok(stories.length >= 10, 'the demo has its stories');
  const emu = await startEmulator({ snapshot: loaded.snapshot, log: () => {}, throttle: { signIns: false, conditionalAccess: false } });
  try {
    for (const s of stories) {
      const r = emu.control.simulateJamfConnectLogin({ userPrincipalName: s.userPrincipalName });
      assert.equal(r.errorCode, s.expectedErrorCode, `${s.expectedCause} (${s.userPrincipalName})`);
      assert.ok(r.signIn, 'every attempt leaves a sign-in record');
      assert.equal(r.signIn!.authenticationProtocol, 'ropc');
    }
  } finally { await emu.stop(); }
});
