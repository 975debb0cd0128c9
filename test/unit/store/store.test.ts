import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../../electron/core/store/store.js';
import { migrations } from '../../../electron/core/store/migrations/index.js';
import { AppError } from '../../../electron/core/graph/app-error.js';

const T = 'tenant-1';
const now = () => new Date('2026-11-30T12:00:00Z');

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'll-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function signIn(id: string, over: Record<string, unknown> = {}) {
  return {
    id, createdDateTime: '2026-11-29T10:00:00Z', userId: 'u1', userPrincipalName: 'Ana@Contoso.com', appId: 'APP-1',
    resourceId: '00000003-0000-0000-c000-000000000000', status: { errorCode: 53003 }, conditionalAccessStatus: 'failure',
    signInEventTypes: ['interactiveUser'], correlationId: 'c1',
    appliedConditionalAccessPolicies: [
      { id: 'p1', displayName: 'Block outside', result: 'failure' },
      { id: 'p2', displayName: 'MFA', result: 'reportOnlyNotApplied' },
    ],
    ...over,
  };
}

test('opens with WAL, foreign keys and a busy timeout', (t) => {
  const store = openStore(join(tempDir(t), 'cache.sqlite'), { now });
  t.after(() => store.close());
  assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(store.db.pragma('foreign_keys', { simple: true }), 1);
  assert.ok((store.db.pragma('busy_timeout', { simple: true }) as number) > 0);
  assert.equal(store.recovered, undefined);
});

test('upserting the same sign-in twice leaves one row, with the latest content and its policies', (t) => {
  const store = openStore(join(tempDir(t), 'c.sqlite'), { now });
  t.after(() => store.close());
  store.signIns.upsertMany(T, [signIn('s1'), signIn('s1', { status: { errorCode: 0 } })], 'test', now().toISOString());
  assert.equal(store.signIns.count(T), 1);
  assert.deepEqual(store.signIns.get(T, 's1')?.status, { errorCode: 0 });
  const hits = store.signIns.policyHits({ tenantId: T });
  // reportOnlyNotApplied is "did not hit": only p1 counts.
  assert.deepEqual(hits.map((h) => [h.policyId, h.result, h.signIns]), [['p1', 'failure', 1]]);
});

test('queries by user match UPN case-insensitively, filter by app and order newest first', (t) => {
  const store = openStore(':memory:', { now });
  t.after(() => store.close());
  store.signIns.upsertMany(T, [
    signIn('a', { createdDateTime: '2026-11-28T10:00:00Z' }),
    signIn('b', { createdDateTime: '2026-11-29T10:00:00Z' }),
    signIn('c', { appId: 'other' }),
    signIn('d', { userId: 'u2', userPrincipalName: 'bob@contoso.com' }),
  ], 'test', now().toISOString());
  const rows = store.signIns.forUser({ tenantId: T, upn: 'ana@contoso.COM', appIds: ['app-1'] });
  assert.deepEqual(rows.map((r) => r.id), ['b', 'a']);
  assert.deepEqual(store.signIns.forUser({ tenantId: T, userId: 'u1', since: '2026-11-29T00:00:00Z' }).map((r) => r.id).sort(), ['b', 'c']);
  assert.deepEqual(store.signIns.forUser({ tenantId: 'other-tenant', userId: 'u1' }), []);
});

test('a sign-in without a parseable createdDateTime is refused', (t) => {
  const store = openStore(':memory:', { now });
  t.after(() => store.close());
  assert.throws(() => store.signIns.upsertMany(T, [signIn('ok'), signIn('bad', { createdDateTime: 'yesterday' })], 't', 'x'),
    /not a date/);
  assert.equal(store.signIns.count(T), 0, 'the batch is one transaction');
});

test('retention purge removes old sign-ins and their policy rows, never the audit log', (t) => {
  const store = openStore(':memory:', { now });
  t.after(() => store.close());
  store.signIns.upsertMany(T, [signIn('old', { createdDateTime: '2026-10-01T00:00:00Z' }), signIn('new')], 't', 'x');
  store.audit.append({ at: '2026-01-01T00:00:00Z', actor: 'a@x', tenantId: T, objectType: 'policy', objectId: 'p1', action: 'patch', outcome: 'ok' });
  assert.deepEqual(store.purgeOlderThan(30, now()), { signIns: 1 });
  assert.deepEqual(store.signIns.ids(T), ['new']);
  assert.equal((store.db.prepare("SELECT count(*) AS n FROM sign_in_policies WHERE sign_in_id = 'old'").get() as { n: number }).n, 0);
  assert.equal(store.audit.list(T).length, 1);
});

test('the audit log refuses updates and deletes', (t) => {
  const store = openStore(':memory:', { now });
  t.after(() => store.close());
  const seq = store.audit.append({ at: 'x', actor: 'a', tenantId: T, objectType: 'sp', objectId: 's', action: 'assign',
    before: { a: null }, after: { a: 'Exempt' }, requestIds: ['r1'], outcome: 'applied', operationId: 'op1' });
  assert.throws(() => store.db.prepare('UPDATE audit_log SET outcome = ? WHERE seq = ?').run('x', seq), /append-only/);
  assert.throws(() => store.db.prepare('DELETE FROM audit_log').run(), /append-only/);
  assert.deepEqual(store.audit.byOperation('op1')[0]?.after, { a: 'Exempt' });
});

test('policy versions: unchanged content adds no version, changes and deletions do; replay as of a date', (t) => {
  const store = openStore(':memory:', { now });
  t.after(() => store.close());
  const p1 = { id: 'p1', displayName: 'Block', state: 'enabled', conditions: { a: 1, b: 2 } };
  store.policies.recordPolicies(T, [p1], '2026-11-01T00:00:00.000Z', 'sync', true);
  // same content, different key order → same version
  assert.deepEqual(store.policies.recordPolicies(T, [{ conditions: { b: 2, a: 1 }, state: 'enabled', displayName: 'Block', id: 'p1' }],
    '2026-11-02T00:00:00.000Z', 'sync', true), { added: 0, unchanged: 1, deleted: 0 });
  store.policies.recordPolicies(T, [{ ...p1, state: 'disabled' }], '2026-11-03T00:00:00.000Z', 'sync', true);
  store.policies.recordPolicies(T, [], '2026-11-04T00:00:00.000Z', 'sync', true);
  assert.equal(store.policies.history(T, 'p1').length, 3);
  assert.equal(store.policies.policiesAsOf(T, '2026-11-02T12:00:00.000Z')[0]?.state, 'enabled');
  assert.equal(store.policies.policiesAsOf(T, '2026-11-03T12:00:00.000Z')[0]?.state, 'disabled');
  assert.deepEqual(store.policies.policiesAsOf(T), [], 'deleted at the latest listing');
  assert.deepEqual(store.policies.policiesAsOf(T, '2026-10-01T00:00:00.000Z'), [], 'before the first fetch');
});

test('a file that is not a database is moved aside and a fresh cache is built', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'cache.sqlite');
  writeFileSync(path, 'this is not sqlite at all, just text that someone saved here');
  const store = openStore(path, { now });
  t.after(() => store.close());
  assert.equal(store.recovered?.reason, 'corrupt');
  assert.ok(readdirSync(dir).some((f) => f.startsWith('cache.sqlite.corrupt-')));
  store.signIns.upsertMany(T, [signIn('s1')], 't', 'x');
  assert.equal(store.signIns.count(T), 1);
});

test('a damaged database (header intact, pages garbage) is detected and moved aside', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'cache.sqlite');
  const first = openStore(path, { now });
  first.signIns.upsertMany(T, Array.from({ length: 200 }, (_, i) => signIn(`s${i}`)), 't', 'x');
  first.db.pragma('wal_checkpoint(TRUNCATE)');
  first.close();
  const bytes = readFileSync(path);
  bytes.fill(0xab, 4096 * 2, bytes.length - 100);
  writeFileSync(path, bytes);
  const store = openStore(path, { now });
  t.after(() => store.close());
  assert.equal(store.recovered?.reason, 'corrupt');
  assert.equal(store.signIns.count(T), 0);
});

test("another application's SQLite file is recognised as foreign and not touched in place", (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'cache.sqlite');
  const foreign = new Database(path);
  foreign.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (\'keep me\')');
  foreign.close();
  const store = openStore(path, { now });
  t.after(() => store.close());
  assert.equal(store.recovered?.reason, 'foreign');
  const moved = new Database(store.recovered!.movedTo, { readonly: true });
  assert.equal((moved.prepare('SELECT body FROM notes').get() as { body: string }).body, 'keep me');
  moved.close();
});

test('an applied migration that was edited makes open fail with a clear error and leaves the file alone', (t) => {
  const path = join(tempDir(t), 'cache.sqlite');
  openStore(path, { now }).close();
  const edited = [{ ...migrations[0]!, sql: migrations[0]!.sql + '\n-- an innocent-looking edit' }];
  assert.throws(() => openStore(path, { now, migrations: edited }), (e: unknown) =>
    e instanceof AppError && e.code === 'store_migration_edited' && /forward-only/.test(e.message));
  const again = openStore(path, { now });
  assert.equal(again.recovered, undefined);
  again.close();
});

test('a database from a newer build (unknown migration) is refused', (t) => {
  const path = join(tempDir(t), 'cache.sqlite');
  openStore(path, { now, migrations: [...migrations, { version: 99, name: 'future', sql: 'CREATE TABLE future (x)' }] }).close();
  assert.throws(() => openStore(path, { now }), (e: unknown) => e instanceof AppError && e.code === 'store_newer_than_app');
});

test('a later copy without CA details does not erase the details already stored', (t) => {
  const store = openStore(':memory:', { now });
  t.after(() => store.close());
  store.signIns.upsertMany(T, [signIn('s1')], 'graph', 'x');
  const { appliedConditionalAccessPolicies: _drop, ...withoutCa } = signIn('s1', { status: { errorCode: 0 } });
  store.signIns.upsertMany(T, [withoutCa as never], 'import:portal-csv', 'y');
  const row = store.signIns.get(T, 's1')!;
  assert.deepEqual(row.status, { errorCode: 0 }, 'the rest is the newer copy');
  assert.equal((row.appliedConditionalAccessPolicies as unknown[]).length, 2);
  assert.equal(store.signIns.policyHits({ tenantId: T }).length, 1);
});
