import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { emulatorOpenBrowser } from '../../../electron/core/auth/emulator-browser.js';
import { runFullSync, FULL_SYNC_JOB_KEY } from '../../../electron/core/sync/full-sync.js';
import { openStore } from '../../../electron/core/store/store.js';
import { cacheDatabasePath } from '../../../electron/core/profiles/config-dir.js';
import { demoSnapshot, JAMF_CONNECT_APP, OPERATOR, startHarness } from './harness.js';
import { withBulkSignIns } from './bulk.js';

const WINDOW_MS = 2 * 86_400_000;

test('a sync killed with SIGKILL resumes from its checkpoints and ends without gaps or duplicates', async (t) => {
  const h = await startHarness({ snapshot: withBulkSignIns(demoSnapshot(), 12_000) });
  t.after(() => h.close());
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./child-sync.ts', import.meta.url))], {
    env: { ...process.env, LL_ENDPOINT: JSON.stringify({ origin: h.emulator.origin, tenantId: h.emulator.tenantId, caCertPem: h.emulator.caCertPem }),
      LL_CONFIG_DIR: h.configDir, LL_OPERATOR: OPERATOR, LL_APP: JAMF_CONNECT_APP, LL_WINDOW_MS: String(WINDOW_MS) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += String(d); });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  // Kill it once a few windows are checkpointed — somewhere in the middle of the job.
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (d) => {
      buffer += String(d);
      const m = [...buffer.matchAll(/windows (\d+)\/(\d+)/g)].at(-1);
      if (m && Number(m[1]) >= 4) { child.kill('SIGKILL'); resolve(); }
      if (/finished/.test(buffer)) reject(new Error('the child finished before it could be killed'));
    });
    child.on('exit', () => resolve());
    setTimeout(() => reject(new Error(`child made no progress: ${stderr}`)), 120_000).unref();
  });
  assert.equal(await exited, 'SIGKILL');

  const dbPath = cacheDatabasePath(h.configDir);
  const before = openStore(dbPath);
  const job = before.syncState.get<{ jobId: string }>(h.emulator.tenantId, FULL_SYNC_JOB_KEY);
  assert.ok(job, 'the job survived the kill');
  const windows = before.syncState.windows(h.emulator.tenantId, job.jobId);
  const doneBefore = windows.filter((w) => w.doneAt).length;
  assert.ok(doneBefore >= 4 && doneBefore < windows.length, `checkpointed ${doneBefore}/${windows.length}`);
  before.close();

  const ws = h.workspace();
  await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, OPERATOR));
  const result = await runFullSync({ store: ws.store, graph: ws.graph, tenantId: h.emulator.tenantId, appIds: [JAMF_CONNECT_APP], days: 30, windowMs: WINDOW_MS });
  assert.equal(result.status, 'completed');
  assert.equal(result.resumed, true);
  assert.equal(result.jobId, job.jobId);
  const since = Date.parse(result.since);
  const until = Date.parse(result.until);
  const expected = h.emulator.control.listSignIns()
    .filter((s) => String(s.appId).toLowerCase() === JAMF_CONNECT_APP)
    .filter((s) => { const at = Date.parse(String(s.createdDateTime)); return at >= since && at <= until + 999; })
    .map((s) => String(s.id)).sort();
  const actual = ws.store.signIns.ids(h.emulator.tenantId);
  assert.equal(actual.length, new Set(actual).size, 'no duplicates');
  assert.deepEqual(actual, expected, 'no gaps: exactly the emulator set of the job period');
});
