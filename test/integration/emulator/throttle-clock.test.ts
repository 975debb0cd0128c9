/**
 * The emulator's throttle windows run on real elapsed time, not on the simulated clock: a test that
 * freezes the clock (or jumps it) must see Graph's budget behave as it does for a real client —
 * a window that ends once real time has passed, not a 429 that never lifts (frozen) or a budget
 * that resets on every jump.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, syntheticSignIns, tinyTenant, tokenFor, USERS, type Harness } from './helpers.js';

const FROZEN = new Date();
let h: Harness;
let token: string;
before(async () => {
  h = await startHarness(tinyTenant({ signIns: syntheticSignIns(5) }), {
    now: () => FROZEN,
    throttle: { signIns: true, conditionalAccess: true, signInsLimit: 2, signInsWindowSeconds: 1, conditionalAccessIntervalMs: 200 },
  });
  token = await tokenFor(h, USERS.csa.upn, ['AuditLog.Read.All', 'Policy.Read.All']);
});
after(async () => { await h.stop(); });

const get = async (path: string) => (await h.transport(`${h.emu.origin}${path}`, { headers: { authorization: `Bearer ${token}` } })).status;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('with the emulator clock frozen, the CA budget still opens again after its interval of real time', async () => {
  h.emu.control.resetThrottle();
  assert.equal(await get('/v1.0/identity/conditionalAccess/policies'), 200);
  assert.equal(await get('/v1.0/identity/conditionalAccess/policies'), 429, 'a second request inside the interval');
  await wait(250);
  assert.equal(await get('/v1.0/identity/conditionalAccess/policies'), 200, 'the interval passed in real time although the clock did not move');
});

test('with the emulator clock frozen, the sign-in window ends after real time; jumping the clock does not reset it', async () => {
  h.emu.control.resetThrottle();
  assert.equal(await get('/beta/auditLogs/signIns?$top=1'), 200);
  assert.equal(await get('/beta/auditLogs/signIns?$top=1'), 200);
  h.emu.control.advanceClock(60); // simulated time (token still valid) is not request pacing
  assert.equal(await get('/beta/auditLogs/signIns?$top=1'), 429, 'two per window: the jump did not end it');
  await wait(1100);
  assert.equal(await get('/beta/auditLogs/signIns?$top=1'), 200);
});
