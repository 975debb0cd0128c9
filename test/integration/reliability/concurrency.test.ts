/**
 * Concurrency on one cache file: two tenant syncs at once (two connections, as the app and a
 * scheduled CLI run would have), and the real CLI as a separate process syncing while the app's store
 * imports and reads. No SQLITE_BUSY reaches anyone (WAL + busy_timeout), no duplicates, the exact set,
 * an intact file. The second-app-instance guard is Electron's single-instance lock in app.main.ts —
 * not a pure function, so its wiring is pinned at source level.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emulatorOpenBrowser } from '../../../electron/core/auth/emulator-browser.js';
import { main } from '../../../electron/cli/main.js';
import { EXIT } from '../../../electron/cli/command.js';
import { importSignInJson } from '../../../electron/core/import/index.js';
import { cacheDatabasePath } from '../../../electron/core/profiles/config-dir.js';
import { openStore } from '../../../electron/core/store/index.js';
import { runFullSync } from '../../../electron/core/sync/full-sync.js';
import { demoSnapshot, JAMF_CONNECT_APP, OPERATOR, cliEnv, startHarness, type Harness } from '../data-path/harness.js';
import { withBulkSignIns } from '../data-path/bulk.js';
import { figures } from './figures.js';

const fig = figures('concurrency');
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function emulatorIds(h: Harness, since: string, until: string): string[] {
  const a = Date.parse(since);
  const b = Date.parse(until);
  return h.emulator.control.listSignIns().filter((s) => String(s.appId).toLowerCase() === JAMF_CONNECT_APP)
    .filter((s) => { const t = Date.parse(String(s.createdDateTime)); return t >= a && t <= b + 999; }).map((s) => String(s.id)).sort();
}

test('two tenant syncs at once on the same cache file: both finish, no SQLITE_BUSY, no duplicates, the exact set', async (t) => {
  const h = await startHarness({ snapshot: withBulkSignIns(demoSnapshot(), 3000) });
  t.after(() => h.close());
  const a = h.workspace();
  const b = h.workspace(); // its own connection to the same cache.sqlite
  assert.notEqual(a.store.db, b.store.db);
  await a.session.signInInteractive(emulatorOpenBrowser(a.connection.transport, OPERATOR));
  await b.session.signInInteractive(emulatorOpenBrowser(b.connection.transport, OPERATOR));
  const tenantId = await a.tenantId();
  const input = { tenantId, appIds: [JAMF_CONNECT_APP], days: 30, windowMs: 86_400_000, concurrency: 2 };
  const [ra, rb] = await Promise.all([
    runFullSync({ ...input, store: a.store, graph: a.graph }),
    runFullSync({ ...input, store: b.store, graph: b.graph }),
  ]);
  assert.equal(ra.status, 'completed');
  assert.equal(rb.status, 'completed');
  fig.add('concurrency.parallelSyncs', 2);
  const ids = a.store.signIns.ids(tenantId);
  assert.equal(ids.length, new Set(ids).size, 'no duplicates');
  const since = [ra.since, rb.since].sort()[0]!;
  const until = [ra.until, rb.until].sort().at(-1)!;
  assert.deepEqual(ids, emulatorIds(h, since, until));
  assert.equal(a.store.db.pragma('integrity_check', { simple: true }), 'ok');
});

test('the CLI syncing in its own process while the app imports and reads the same cache: both succeed, nothing lost', async (t) => {
  const h = await startHarness({ snapshot: withBulkSignIns(demoSnapshot(), 4000) });
  t.after(() => h.close());
  const env = cliEnv(h);
  const io = () => { const err: string[] = []; return { err, io: { stdout: () => {}, stderr: (s: string) => err.push(s), env } }; };
  let c = io();
  assert.equal(await main(['profiles', 'add', '--name', 'northwind', '--tenant', h.emulator.tenantId, '--cloud', 'emulator',
    '--client-id', '0c7e1ab5-6c3e-4c39-9d1e-5a0f1e2d3c4b', '--jamf-client-id', JAMF_CONNECT_APP], c.io), EXIT.ok, c.err.join(''));
  c = io();
  assert.equal(await main(['login', '--profile', 'northwind', '--operator', OPERATOR], c.io), EXIT.ok, c.err.join(''));

  const app = openStore(cacheDatabasePath(h.configDir));
  t.after(() => app.close());
  const cli = spawn(process.execPath, [join(ROOT, 'bin/lockout-lens.mjs'), 'sync', '--profile', 'northwind', '--tenant', '--days', '30', '--window-hours', '72', '--json'], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  cli.stdout.on('data', (d) => { out += String(d); });
  cli.stderr.on('data', (d) => { err += String(d); });
  const exited = new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => { running = false; });

  // The app, meanwhile: imports batches of sign-ins (writes) and runs the diagnosis queries (reads).
  const importedIds: string[] = [];
  let batches = 0;
  let reads = 0;
  while (running || batches < 5) {
    const value = Array.from({ length: 50 }, (_, i) => ({
      id: `c0c00000-${String(batches).padStart(4, '0')}-4000-8000-${String(i).padStart(12, '0')}`, createdDateTime: '2026-11-15T12:00:00Z',
      appId: '11111111-2222-4333-8444-555555555555', userPrincipalName: 'imported@x.example', status: { errorCode: 50126 },
    }));
    importSignInJson(app, JSON.stringify({ value }), { file: `batch-${batches}.json`, tenantId: h.emulator.tenantId });
    importedIds.push(...value.map((v) => v.id));
    batches++;
    app.signIns.forUser({ tenantId: h.emulator.tenantId, upn: 'sofie.lunde@northwind-demo.example' });
    app.signIns.policyHits({ tenantId: h.emulator.tenantId });
    reads++;
    await new Promise((r) => setImmediate(r)); // yield to the event loop only: as many overlapping writes as possible
  }
  assert.equal(await exited, 0, `CLI sync failed: ${err.slice(-1500)}`);
  assert.doesNotMatch(err + out, /SQLITE_BUSY|database is locked/i);
  const result = JSON.parse(out).value.tenant as { status: string; since: string; until: string };
  assert.equal(result.status, 'completed');
  fig.add('concurrency.cliWhileAppBatches', batches);
  fig.add('concurrency.cliWhileAppReads', reads);
  const ids = new Set(app.signIns.ids(h.emulator.tenantId));
  for (const id of emulatorIds(h, result.since, result.until)) assert.ok(ids.has(id), `synced ${id} missing`);
  for (const id of importedIds) assert.ok(ids.has(id), `imported ${id} missing`);
  assert.equal(app.db.pragma('integrity_check', { simple: true }), 'ok');
});

test('a second app instance: the single-instance lock is taken before anything else, and the second launch only focuses the first window', () => {
  const src = readFileSync(join(ROOT, 'electron/main/app.main.ts'), 'utf8');
  const lock = src.indexOf('app.requestSingleInstanceLock()');
  assert.ok(lock > 0, 'the app asks for the single-instance lock');
  assert.match(src, /if \(!app\.requestSingleInstanceLock\(\)\) \{\s*app\.quit\(\);/, 'a second instance quits');
  for (const later of ['app.whenReady()', 'registerAppScheme()', 'createMainWindow(']) {
    const at = src.indexOf(later);
    assert.ok(at > lock, `${later} comes after the lock, inside the else branch`);
  }
  const handler = /app\.on\('second-instance', \(\) => \{([\s\S]*?)\n {2}\}\);/.exec(src)?.[1] ?? '';
  assert.match(handler, /focus\(\)/, 'the running instance focuses its window');
  assert.doesNotMatch(handler, /argv|commandLine|openExternal|loadURL/, 'the second launch passes nothing the first acts on');
  fig.add('concurrency.singleInstanceChecks');
});
