/**
 * Migration 002 on a cache written by the previous schema (001): the four unused indexes are gone,
 * sign_in_policies keeps only the entries "which policies hit" counts (Microsoft's results other
 * than notApplied / notEnabled / reportOnlyNotApplied), re-keyed by the sign-in's time, and the
 * answers of the repository are the same as before the migration.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../../electron/core/store/store.js';
import { migrations } from '../../../electron/core/store/migrations/index.js';
import { migrate } from '../../../electron/core/store/migrate.js';

const T = 'tenant-1';

test('a cache of schema 001 migrates: unused indexes dropped, not-hit policy rows purged, answers unchanged', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'll-m002-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'cache.sqlite');
  // A cache as the previous build left it: schema 001, one policy row per applied entry.
  const old = new Database(path);
  old.pragma('journal_mode = WAL');
  old.pragma('application_id = 1280074611');
  migrate(old, [migrations[0]!], () => new Date('2026-11-01T00:00:00Z'));
  const insertSignIn = old.prepare(`INSERT INTO sign_ins (tenant_id, id, created_at, user_id, upn, app_id, ca_visible, raw, source, stored_at)
    VALUES (?, ?, ?, 'u1', 'ana@contoso.com', 'app-1', 1, ?, 'graph', 'x')`);
  const insertPolicy = old.prepare('INSERT INTO sign_in_policies (tenant_id, sign_in_id, policy_id, display_name, result) VALUES (?, ?, ?, ?, ?)');
  const results = ['failure', 'notApplied', 'success', 'notEnabled', 'reportOnlyNotApplied', 'reportOnlyFailure', null];
  for (let i = 0; i < 4; i++) {
    const id = `s${i}`;
    const at = `2026-11-2${i}T10:00:00.000Z`;
    const applied = results.map((result, p) => ({ id: `p${p}`, displayName: `Policy ${p}`, result }));
    insertSignIn.run(T, id, at, JSON.stringify({ id, createdDateTime: at, appliedConditionalAccessPolicies: applied }));
    applied.forEach((a) => insertPolicy.run(T, id, a.id, a.displayName, a.result));
  }
  old.close();

  const store = openStore(path);
  t.after(() => store.close());
  const versions = (store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
  assert.deepEqual(versions, [1, 2]);
  const indexes = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as { name: string }[]).map((r) => r.name);
  for (const gone of ['sign_ins_error', 'sign_ins_correlation', 'sign_ins_app_time', 'sign_in_policies_policy']) assert.ok(!indexes.includes(gone), gone);
  const rows = store.db.prepare('SELECT sign_in_id, created_at, policy_id, result FROM sign_in_policies ORDER BY sign_in_id, policy_id').all() as
    { sign_in_id: string; created_at: string; policy_id: string; result: string }[];
  assert.equal(rows.length, 4 * 3, 'failure, success and reportOnlyFailure survive for each of the 4 sign-ins');
  assert.deepEqual([...new Set(rows.map((r) => r.result))].sort(), ['failure', 'reportOnlyFailure', 'success']);
  assert.equal(rows.find((r) => r.sign_in_id === 's2')?.created_at, '2026-11-22T10:00:00.000Z', 'rows carry their sign-in\'s time');
  const hits = store.signIns.policyHits({ tenantId: T, since: '2026-11-21T00:00:00Z' });
  assert.deepEqual(hits.map((h) => [h.policyId, h.result, h.signIns]).sort(), [['p0', 'failure', 3], ['p2', 'success', 3], ['p5', 'reportOnlyFailure', 3]]);
  assert.equal(hits[0]?.lastSeen, '2026-11-23T10:00:00.000Z');
  // The raw JSON still lists every entry, not-applied ones included.
  assert.equal((store.signIns.get(T, 's0')?.appliedConditionalAccessPolicies as unknown[]).length, results.length);
  // Re-storing a migrated sign-in with changed results replaces its rows; retention removes them with it.
  store.signIns.upsertMany(T, [{ id: 's0', createdDateTime: '2026-11-20T10:00:00Z', appliedConditionalAccessPolicies: [{ id: 'p0', result: 'success' }] }], 'graph', 'y');
  assert.deepEqual(store.db.prepare("SELECT policy_id, result FROM sign_in_policies WHERE sign_in_id = 's0'").all(), [{ policy_id: 'p0', result: 'success' }]);
  assert.equal(store.signIns.purgeOlderThan('2026-11-22T00:00:00.000Z', T), 2);
  assert.deepEqual((store.db.prepare('SELECT DISTINCT sign_in_id FROM sign_in_policies ORDER BY 1').all() as { sign_in_id: string }[]).map((r) => r.sign_in_id), ['s2', 's3']);
});
