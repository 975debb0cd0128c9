import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { emulatorOpenBrowser } from '../../../electron/core/auth/emulator-browser.js';
import { AppError } from '../../../electron/core/graph/app-error.js';
import { DataReader } from '../../../electron/core/sync/read-api.js';
import { syncDirectory, syncUser } from '../../../electron/core/sync/directory-sync.js';
import { syncUserSignIns } from '../../../electron/core/sync/targeted-sync.js';
import { runFullSync } from '../../../electron/core/sync/full-sync.js';
import { demoSnapshot, JAMF_CONNECT_APP, OPERATOR, startHarness } from './harness.js';
import type { TenantSnapshot } from '../../../electron/core/snapshot/types.js';

const OBRIEN = "o'brien@northwind-demo.example";
const GUEST = 'adele_fabrikam.com#EXT#@northwind-demo.example';

function withObrien(snapshot: TenantSnapshot): TenantSnapshot {
  const id = '0b71e000-0000-4000-8000-00000000b71e';
  const now = Date.now();
  return {
    ...snapshot,
    users: [...snapshot.users, { id, userPrincipalName: OBRIEN, displayName: "Siobhan O'Brien", accountEnabled: true, userType: 'Member' },
      { id: 'ade1e000-0000-4000-8000-0000000ade1e', userPrincipalName: GUEST, displayName: 'Adele (guest)', accountEnabled: true, userType: 'Guest' }],
    transitiveMemberOf: { ...snapshot.transitiveMemberOf, [id]: [] },
    signIns: [...snapshot.signIns, ...[1, 2, 3].map((n) => ({
      id: `0b71e000-000${n}-4000-8000-000000000000`, createdDateTime: new Date(now - n * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      userId: id, userPrincipalName: OBRIEN, appId: JAMF_CONNECT_APP, appDisplayName: 'Jamf Connect',
      signInEventTypes: [n === 2 ? 'nonInteractiveUser' : 'interactiveUser'], isInteractive: n !== 2, status: { errorCode: 53003 },
    }))],
  };
}

test("OData escaping end to end: o'brien@… by key path and in a sign-in $filter", async (t) => {
  const h = await startHarness({ snapshot: withObrien(demoSnapshot()) });
  t.after(() => h.close());
  const ws = h.workspace();
  await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, OPERATOR));
  const tenantId = await ws.tenantId();
  const user = await syncUser({ store: ws.store, graph: ws.graph, tenantId, idOrUpn: OBRIEN });
  assert.equal(user.user.userPrincipalName, OBRIEN);
  const guest = await syncUser({ store: ws.store, graph: ws.graph, tenantId, idOrUpn: GUEST });
  assert.equal(guest.user.userPrincipalName, GUEST, '#EXT# survives the path (percent-encoded #)');
  const byUpn = await syncUserSignIns({ store: ws.store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP], user: { upn: OBRIEN }, days: 2 });
  assert.equal(byUpn.fetched, 3, 'interactive and non-interactive rows of that exact UPN');
  const requests = h.emulator.control.requestLog().filter((r) => r.path.includes('signIns'));
  assert.ok(requests.length > 0 && requests.every((r) => r.status === 200));
});

test('offline: reads fall back to the cache and say so; nothing cached → a clear offline error', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const ws = h.workspace();
  await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, OPERATOR));
  const tenantId = await ws.tenantId();
  const reader = new DataReader(ws.store, tenantId, ws.graph);
  const q = { upn: 'sofie.lunde@northwind-demo.example', appIds: [JAMF_CONNECT_APP], days: 30 };
  const online = await reader.userSignIns(q, { online: true });
  assert.equal(online.status.source, 'graph');
  assert.ok(online.value.length > 0);
  const policiesOnline = await reader.policies([JAMF_CONNECT_APP], { online: true });
  assert.equal(policiesOnline.status.source, 'graph');

  const preferred = await reader.userSignIns(q, { online: true, preferCache: true });
  assert.deepEqual(preferred.status, { source: 'cache', asOf: online.status.asOf, reason: 'preferred' });

  await h.emulator.stop();
  const offline = await reader.userSignIns(q, { online: true });
  assert.equal(offline.status.source, 'cache');
  if (offline.status.source === 'cache') {
    assert.equal(offline.status.reason, 'network-failed');
    assert.equal(offline.status.error?.code, 'offline');
    assert.equal(offline.status.asOf, online.status.asOf);
  }
  assert.deepEqual(offline.value.map((s) => s.id), online.value.map((s) => s.id));
  const policies = await reader.policies([JAMF_CONNECT_APP], { online: true });
  assert.equal(policies.status.source, 'cache');
  assert.equal(policies.value.length, policiesOnline.value.length);
  await assert.rejects(reader.userSignIns({ ...q, upn: 'never.synced@northwind-demo.example' }, { online: true }),
    (e: unknown) => e instanceof AppError && e.code === 'offline' && /Nothing is cached/.test(e.message));
  const airplane = await reader.userSignIns(q, { online: false });
  assert.equal(airplane.status.source === 'cache' && airplane.status.reason, 'offline-mode');
});

test('no token string appears in the database, the files on disk or the logs', async (t) => {
  const h = await startHarness({ accessTokenLifetimeSeconds: 302 });
  t.after(() => h.close());
  const ws = h.workspace();
  await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, OPERATOR));
  const tenantId = await ws.tenantId();
  const tokens = new Set<string>([await ws.session.getAccessToken()]);
  await syncDirectory({ store: ws.store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP] });
  await runFullSync({ store: ws.store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP], days: 30, windowMs: 5 * 86_400_000 });
  tokens.add(await ws.session.getAccessToken());
  // The refresh token and id token live only in the MSAL cache: take them from the (decrypted) cache to know what to look for.
  const cache = JSON.parse((await ws.secretStore.read())!) as Record<string, Record<string, { secret: string }>>;
  for (const section of ['AccessToken', 'RefreshToken', 'IdToken']) {
    for (const entry of Object.values(cache[section] ?? {})) tokens.add(entry.secret);
  }
  assert.ok([...tokens].length >= 3);
  ws.store.db.pragma('wal_checkpoint(PASSIVE)');
  h.logger.log('info', `debugging: bearer ${[...tokens][0]}`); // a careless log line must still come out redacted
  const files = listFiles(h.configDir);
  assert.ok(files.some((f) => f.endsWith('cache.sqlite')) && files.some((f) => f.endsWith('.bin')), files.join(', '));
  for (const token of tokens) {
    const needle = Buffer.from(token);
    // Long tokens: look for a distinctive middle slice too, so a truncated copy is also caught.
    const slice = Buffer.from(token.slice(Math.floor(token.length / 3), Math.floor(token.length / 3) + 24));
    for (const file of files) {
      const bytes = readFileSync(file);
      assert.equal(bytes.includes(needle) || bytes.includes(slice), false, `token material found in ${file}`);
    }
    assert.equal(h.logLines.some((l) => l.includes(token) || l.includes(slice.toString())), false, 'token in the log');
  }
  const raw = ws.store.db.prepare('SELECT raw FROM sign_ins').all() as { raw: string }[];
  assert.ok(raw.length > 0 && raw.every((r) => !/eyJ[A-Za-z0-9_-]{10,}\./.test(r.raw)));
});

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
