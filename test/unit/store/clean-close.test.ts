/**
 * The open-time integrity check runs only when the previous run did not close the cache cleanly
 * (clean-close.ts): PRAGMA quick_check reads the whole file, seconds at 100,000 sign-ins. These
 * tests pin down when it must still run, and that damage found later, on a read, still ends in the
 * same recovery (moved aside, rebuilt) on the next open.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../electron/core/store/store.js';
import { cleanMarkerPath } from '../../../electron/core/store/clean-close.js';
import { AppError } from '../../../electron/core/graph/app-error.js';

const T = 'tenant-1';

function tempPath(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'll-clean-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'cache.sqlite');
}

function signIns(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `s${String(i).padStart(5, '0')}`, createdDateTime: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
    userId: `u${i % 7}`, userPrincipalName: `user${i % 7}@contoso.com`, appId: 'app-1',
    status: { errorCode: 0, failureReason: 'x'.repeat(3000) },
    appliedConditionalAccessPolicies: [{ id: 'p1', displayName: 'Block', result: i % 2 ? 'failure' : 'notApplied' }],
  }));
}

test('a cleanly closed cache reopens without quick_check; a new file needs none', (t) => {
  const path = tempPath(t);
  const first = openStore(path);
  assert.equal(first.integrityChecked, false, 'a new file has nothing to check');
  first.signIns.upsertMany(T, signIns(50), 'test', 'x');
  first.close();
  assert.ok(existsSync(cleanMarkerPath(path)), 'the clean close is recorded');
  const again = openStore(path);
  t.after(() => again.close());
  assert.equal(again.integrityChecked, false);
  assert.equal(again.recovered, undefined);
  assert.equal(again.signIns.count(T), 50);
  assert.ok(!existsSync(cleanMarkerPath(path)), 'the marker is consumed while the cache is open');
});

test('after an unclean shutdown (no close) the next open runs quick_check', (t) => {
  const path = tempPath(t);
  openStore(path).close();
  const crashed = openStore(path);
  crashed.signIns.upsertMany(T, signIns(20), 'test', 'x');
  // A crash: the connection goes away without Store.close, so no clean close is recorded.
  crashed.db.close();
  const next = openStore(path);
  t.after(() => next.close());
  assert.equal(next.integrityChecked, true);
  assert.equal(next.recovered, undefined);
  assert.equal(next.signIns.count(T), 20, 'the committed rows of the crashed run are kept');
});

test('a file changed while closed (same size, different bytes) is checked, found damaged and moved aside', (t) => {
  const path = tempPath(t);
  const s = openStore(path);
  s.signIns.upsertMany(T, signIns(200), 'test', 'x');
  s.close();
  const bytes = readFileSync(path);
  bytes.fill(0xab, 4096 * 2, bytes.length - 100);
  writeFileSync(path, bytes);
  const reopened = openStore(path);
  t.after(() => reopened.close());
  assert.equal(reopened.integrityChecked, true);
  assert.equal(reopened.recovered?.reason, 'corrupt');
  assert.equal(reopened.signIns.count(T), 0, 'a fresh cache');
});

test('a marker that is not ours, or unreadable, means "check"', (t) => {
  const path = tempPath(t);
  openStore(path).close();
  writeFileSync(cleanMarkerPath(path), '{"version": 1, "size": "1"}');
  const a = openStore(path);
  assert.equal(a.integrityChecked, true);
  a.close();
  writeFileSync(cleanMarkerPath(path), 'not json');
  const b = openStore(path);
  t.after(() => b.close());
  assert.equal(b.integrityChecked, true);
  assert.equal(b.recovered, undefined);
});

test('damage met on a read while open: a clear error, no clean-close marker, and the next open recovers', (t) => {
  const path = tempPath(t);
  const setup = openStore(path);
  setup.signIns.upsertMany(T, signIns(1500), 'test', 'x');
  setup.close();
  const store = openStore(path);
  assert.equal(store.integrityChecked, false, 'clean close: the damage below is not looked for at open');
  // The disk corrupts pages under the open cache (the page cache holds at most 2 MB of a larger file).
  const size = statSync(path).size;
  assert.ok(size > 4 * 2 ** 20, `file of ${size} bytes`);
  const fd = openSync(path, 'r+');
  try { writeSync(fd, Buffer.alloc(size - 3 * 2 ** 20, 0xab), 0, size - 3 * 2 ** 20, 2 ** 20); } finally { closeSync(fd); }
  assert.throws(() => store.signIns.forTenant({ tenantId: T }), (e: unknown) =>
    e instanceof AppError && e.code === 'store_unavailable' && /damaged/.test(e.message) && /reopen/i.test(e.message));
  store.close();
  assert.ok(!existsSync(cleanMarkerPath(path)), 'a store that met corruption does not claim a clean close');
  const next = openStore(path);
  t.after(() => next.close());
  assert.equal(next.integrityChecked, true);
  assert.equal(next.recovered?.reason, 'corrupt');
  assert.equal(next.signIns.count(T), 0);
});
