import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emulatorOpenBrowser } from '../../../electron/core/auth/emulator-browser.js';
import { runFullSync } from '../../../electron/core/sync/full-sync.js';
import { demoSnapshot, JAMF_CONNECT_APP, OPERATOR, startHarness } from './harness.js';
import { withBulkSignIns } from './bulk.js';

const COUNT = Number(process.env.LL_BULK_SIGNINS ?? 20_000);

test(`full sync of ${COUNT} sign-ins under injected 429s, 5xx, resets and cut bodies ends with exactly the emulator's set; tokens refresh mid-sync`, async (t) => {
  // Access tokens live 300 s: MSAL renews tokens within 300 s of expiry, so every page of the sync goes through
  // a refresh, whatever the machine's speed (a longer lifetime would make this depend on how long pages take).
  const h = await startHarness({ snapshot: withBulkSignIns(demoSnapshot(), COUNT), accessTokenLifetimeSeconds: 300 });
  t.after(() => h.close());
  const ws = h.workspace();
  await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, OPERATOR));
  const tenantId = await ws.tenantId();
  const path = '/beta/auditLogs/signIns';
  const injected = h.emulator.control.injectFaults([
    { kind: 'throttle', pathPrefix: path, count: 4, retryAfterSeconds: 1 },
    { kind: 'status', pathPrefix: path, status: 503, count: 3, probability: 0.3 },
    { kind: 'status', pathPrefix: path, status: 504, count: 2, probability: 0.3 },
    { kind: 'reset', pathPrefix: path, count: 3, probability: 0.2 },
    { kind: 'truncate', pathPrefix: path, count: 3, probability: 0.2 },
  ]);
  const progress: number[] = [];
  const result = await runFullSync({
    store: ws.store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP], days: 30, windowMs: 2 * 86_400_000, concurrency: 3,
    onProgress: (p) => progress.push(p.rows),
  });
  assert.equal(result.status, 'completed');
  const fired = Object.fromEntries(injected.map((f) => [`${f.kind}${f.status ?? ''}`, f.fired]));
  assert.equal(fired.throttle, 4, `faults fired: ${JSON.stringify(fired)}`);
  assert.ok(Object.values(fired).reduce((a, b) => a + b, 0) >= 6, `faults fired: ${JSON.stringify(fired)}`);
  const since = Date.parse(result.since);
  const expected = h.emulator.control.listSignIns()
    .filter((s) => String(s.appId).toLowerCase() === JAMF_CONNECT_APP && Date.parse(String(s.createdDateTime)) >= since)
    .map((s) => String(s.id)).sort();
  assert.ok(expected.length >= COUNT);
  const actual = ws.store.signIns.ids(tenantId);
  assert.equal(actual.length, new Set(actual).size);
  assert.deepEqual(actual, expected);
  const log = h.emulator.control.requestLog();
  const pages = log.filter((r) => r.path.startsWith(path)).map((r) => r.atMs);
  const refreshes = log.filter((r) => /\/token$/.test(r.path) && r.note === 'grant:refresh_token' && r.status === 200).map((r) => r.atMs);
  assert.ok(refreshes.some((at) => at > pages[0]! && at < pages.at(-1)!),
    'the access token was renewed with the refresh token between sign-in pages (in the middle of the sync)');
  assert.ok(progress.length > 1 && progress.at(-1)! >= expected.length);
});

test('the next tenant-wide sync is incremental: it starts at the watermark and picks up new sign-ins', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const ws = h.workspace();
  await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, OPERATOR));
  const tenantId = await ws.tenantId();
  const first = await runFullSync({ store: ws.store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP], days: 30, windowMs: 10 * 86_400_000 });
  const before = ws.store.signIns.count(tenantId);
  // A real Jamf Connect ROPG check against the emulator adds a sign-in to the log.
  const login = h.emulator.control.simulateJamfConnectLogin({ userPrincipalName: 'kari.dahl@northwind-demo.example' });
  assert.ok(login.signIn, 'the emulator logged the ROPG sign-in');
  await new Promise((r) => setTimeout(r, 1100)); // the watermark has one-second resolution
  const second = await runFullSync({ store: ws.store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP], days: 30, overlapMs: 60_000 });
  assert.equal(second.since, new Date(Date.parse(first.until) - 60_000).toISOString(), 'starts at the watermark minus the overlap');
  assert.ok(second.windows <= 1);
  assert.equal(ws.store.signIns.count(tenantId), before + 1);
  assert.ok(ws.store.signIns.get(tenantId, String(login.signIn!.id)));
});
