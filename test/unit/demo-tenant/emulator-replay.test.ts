/**
 * The demo tenant's emulator extras reproduce every story: a simulated Jamf Connect login for
 * each story user (using what their Mac would send — x-emulator.mac: client id, ROPG scopes,
 * the password it holds; and where they are — x-emulator.ipAddress) gets the story's code from
 * the emulator, which runs the project's CA evaluator. So the demo keeps telling the same story
 * when someone clicks "test login" after the recorded month.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../../electron/core/emulator/index.js';
import { demo, meta } from './demo-fixture.js';

test('simulated Jamf Connect logins reproduce each story’s error code', async () => {
  const s = await demo();
  const emulator = await startEmulator({ snapshot: s, seed: 1, now: () => new Date(meta(s).generatedAt), log: () => undefined });
  try {
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const story of meta(s).stories as { userPrincipalName: string; expectedErrorCode: number }[]) {
      const r = emulator.control.simulateJamfConnectLogin({ userPrincipalName: story.userPrincipalName });
      got[story.userPrincipalName] = r.errorCode;
      want[story.userPrincipalName] = story.expectedErrorCode;
    }
    assert.deepEqual(got, want);
  } finally {
    await emulator.stop();
  }
});
