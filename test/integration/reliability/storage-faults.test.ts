/**
 * The storage layer under stress: a disk that fills up (simulated with PRAGMA max_page_count, which
 * makes SQLite answer SQLITE_FULL exactly as a full disk does) during an import and during a sync,
 * and corrupt or foreign cache files. Expected: a clear error, the previous data intact, a later run
 * completes; an unreadable file is moved aside byte-for-byte (nothing silently dropped) and rebuilt.
 * helper-3's store tests cover detection of corrupt/foreign files; this adds the byte-for-byte
 * preservation, the -wal companion, and the full-disk cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { emulatorOpenBrowser } from '../../../electron/core/auth/emulator-browser.js';
import { importSignInJson } from '../../../electron/core/import/index.js';
import { openStore } from '../../../electron/core/store/index.js';
import { runFullSync, FULL_SYNC_JOB_KEY } from '../../../electron/core/sync/full-sync.js';
import { demoSnapshot, JAMF_CONNECT_APP, OPERATOR, startHarness } from '../data-path/harness.js';
import { withBulkSignIns } from '../data-path/bulk.js';
import { fingerprint } from './db-fingerprint.js';
import { figures } from './figures.js';

const fig = figures('storage-faults');
const TENANT = '4f1c2b9e-7a55-4c1e-9d3a-0b8e6f2a1c11';

function signInJson(from: number, count: number): string {
  return JSON.stringify({ value: Array.from({ length: count }, (_, i) => ({
    id: `5f000000-0000-4000-8000-${String(from + i).padStart(12, '0')}`, createdDateTime: '2026-11-20T10:00:00Z', appId: JAMF_CONNECT_APP,
    userPrincipalName: `user${i}@x.example`, status: { errorCode: 53003, failureReason: 'x'.repeat(400) },
  })) });
}

function isDiskFull(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return code === 'SQLITE_FULL' || /disk is full|storage is full/i.test((e as Error).message ?? '');
}

test('a full disk during an import: a clear SQLITE_FULL error, the previous cache intact, and the import succeeds once there is room', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'll-full-'));
  const store = openStore(join(dir, 'cache.sqlite'));
  t.after(() => { store.close(); rmSync(dir, { recursive: true, force: true }); });
  importSignInJson(store, signInJson(0, 50), { file: 'first.json', tenantId: TENANT });
  const before = fingerprint(store);
  const pages = store.db.pragma('page_count', { simple: true }) as number;
  store.db.pragma(`max_page_count = ${pages + 3}`);
  let error: unknown;
  try { importSignInJson(store, signInJson(1000, 2000), { file: 'second.json', tenantId: TENANT }); } catch (e) { error = e; }
  assert.ok(error, 'the import into a full disk failed');
  assert.ok(isDiskFull(error), `clear disk-full error: ${String(error)}`);
  fig.add('faults.storage.diskFull');
  assert.deepEqual(fingerprint(store), before, 'nothing of the failed import is left, nothing before it lost');
  assert.equal(store.db.pragma('integrity_check', { simple: true }), 'ok');
  store.db.pragma('max_page_count = 1073741823');
  const r = importSignInJson(store, signInJson(1000, 2000), { file: 'second.json', tenantId: TENANT });
  assert.equal(store.signIns.count(TENANT), 2050, JSON.stringify(r));
});

test('a full disk in the middle of a sync: the run stops with a clear error, finished windows stay, the next run resumes and completes exactly', async (t) => {
  const h = await startHarness({ snapshot: withBulkSignIns(demoSnapshot(), 3000) });
  t.after(() => h.close());
  const ws = h.workspace();
  await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, OPERATOR));
  const tenantId = await ws.tenantId();
  const db = ws.store.db;
  let full = false;
  let error: unknown;
  try {
    await runFullSync({
      store: ws.store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP], days: 30, windowMs: 2 * 86_400_000, concurrency: 1,
      // After the first window lands, the disk "fills up": room for a page or two more, not a window.
      onProgress: (p) => { if (!full && p.windowsDone >= 1) { full = true; db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 2}`); } },
    });
  } catch (e) { error = e; }
  assert.ok(error && isDiskFull(error), `the sync stopped on the full disk: ${String(error)}`);
  fig.add('faults.storage.diskFull');
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  const job = ws.store.syncState.get<{ jobId: string }>(tenantId, FULL_SYNC_JOB_KEY);
  assert.ok(job, 'the job survives for a resume');
  const windows = ws.store.syncState.windows(tenantId, job.jobId);
  // Every window marked done really holds its rows: a checkpoint is never ahead of the data.
  for (const w of windows.filter((x) => x.doneAt)) {
    const inWindow = ws.store.signIns.forTenant({ tenantId, since: w.start, until: w.end, appIds: [JAMF_CONNECT_APP] }).length;
    assert.equal(inWindow, w.rowCount, `window ${w.start}: checkpoint says ${w.rowCount}, the cache holds ${inWindow}`);
  }
  db.pragma('max_page_count = 1073741823');
  const r = await runFullSync({ store: ws.store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP], days: 30, windowMs: 2 * 86_400_000 });
  assert.equal(r.status, 'completed');
  assert.equal(r.resumed, true);
  const since = Date.parse(r.since);
  const until = Date.parse(r.until);
  const expected = h.emulator.control.listSignIns().filter((s) => String(s.appId).toLowerCase() === JAMF_CONNECT_APP)
    .filter((s) => { const at = Date.parse(String(s.createdDateTime)); return at >= since && at <= until + 999; }).map((s) => String(s.id)).sort();
  assert.deepEqual(ws.store.signIns.ids(tenantId), expected);
});

test('a corrupt cache and a foreign SQLite file are moved aside byte-for-byte (with their -wal) and a fresh cache is built; nothing is silently dropped', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'll-corrupt-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // 1. A real cache with rows, then damaged in its middle pages.
  const path = join(dir, 'cache.sqlite');
  const store = openStore(path);
  importSignInJson(store, signInJson(0, 300), { file: 'x.json', tenantId: TENANT });
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  const bytes = readFileSync(path);
  for (let i = 4096 * 2; i < bytes.length - 4096; i += 97) bytes[i] = 0xa5;
  writeFileSync(path, bytes);
  writeFileSync(`${path}-wal`, Buffer.from('not really a wal, but it belongs with the damaged file'));
  const damagedWal = readFileSync(`${path}-wal`);
  const reopened = openStore(path);
  try {
    assert.ok(reopened.recovered, 'the damage was detected');
    assert.equal(reopened.recovered.reason, 'corrupt');
    assert.deepEqual(readFileSync(reopened.recovered.movedTo), bytes, 'the damaged file is kept byte-for-byte for the user or support');
    assert.deepEqual(readFileSync(`${reopened.recovered.movedTo}-wal`), damagedWal, 'its -wal moved with it');
    assert.equal(reopened.signIns.count(TENANT), 0, 'a fresh, empty cache');
    assert.equal(reopened.db.pragma('integrity_check', { simple: true }), 'ok');
    assert.match(reopened.recovered.detail, /\S/);
  } finally { reopened.close(); }
  fig.add('faults.storage.corrupt');

  // 2. Another application's SQLite database at our path.
  const foreignPath = join(dir, 'foreign.sqlite');
  const foreign = new Database(foreignPath);
  foreign.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('someone else''s data');");
  foreign.close();
  const foreignBytes = readFileSync(foreignPath);
  const copy = join(dir, 'foreign-original.sqlite');
  copyFileSync(foreignPath, copy);
  const ours = openStore(foreignPath);
  try {
    assert.equal(ours.recovered?.reason, 'foreign');
    assert.deepEqual(readFileSync(ours.recovered!.movedTo), foreignBytes, 'the foreign file is untouched, only moved');
    const check = new Database(ours.recovered!.movedTo, { readonly: true });
    assert.deepEqual(check.prepare('SELECT body FROM notes').all(), [{ body: "someone else's data" }]);
    check.close();
  } finally { ours.close(); }
  fig.add('faults.storage.foreign');

  // 3. Truncated to half (a crash while copying the file): detected, moved aside, rebuilt.
  const halfPath = join(dir, 'half.sqlite');
  const s3 = openStore(halfPath);
  importSignInJson(s3, signInJson(0, 300), { file: 'x.json', tenantId: TENANT });
  s3.db.pragma('wal_checkpoint(TRUNCATE)');
  s3.close();
  const full = readFileSync(halfPath);
  writeFileSync(halfPath, full.subarray(0, Math.floor(full.length / 2)));
  const s4 = openStore(halfPath);
  try {
    assert.equal(s4.recovered?.reason, 'corrupt', 'a half file is detected');
    assert.ok(existsSync(s4.recovered!.movedTo));
    assert.equal(readFileSync(s4.recovered!.movedTo).length, Math.floor(full.length / 2));
  } finally { s4.close(); }
  fig.add('faults.storage.truncated');
});
