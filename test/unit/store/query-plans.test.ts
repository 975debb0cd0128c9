/**
 * Every index on the sign-in tables must earn its write cost (issue 7: ingest paid six secondary
 * indexes and kept four no statement used). EXPLAIN QUERY PLAN over EVERY prepared statement of
 * every repository: no statement on sign_ins / sign_in_policies scans a whole table (except the
 * all-tenant retention purge, which reads every row by definition), and every index on those
 * tables is chosen by at least one statement — so an index added without a query, or a query
 * added without an index, fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type Database from 'better-sqlite3';
import { openStore } from '../../../electron/core/store/store.js';

type Stmt = Database.Statement & { source: string };

/** The prepared statements a repository holds (its private `s` table). */
function statementsOf(repo: object): [string, Stmt][] {
  const table = (repo as { s?: Record<string, unknown> }).s ?? {};
  return Object.entries(table).filter((e): e is [string, Stmt] => typeof (e[1] as Stmt)?.source === 'string');
}

function plan(db: Database.Database, source: string): string[] {
  const named = [...new Set([...source.matchAll(/@(\w+)/g)].map((m) => m[1]!))];
  const explain = db.prepare(`EXPLAIN QUERY PLAN ${source}`);
  const rows = named.length > 0
    ? explain.all(Object.fromEntries(named.map((n) => [n, null])))
    : explain.all(...Array.from({ length: (source.match(/\?/g) ?? []).length }, () => null));
  return (rows as { detail: string }[]).map((r) => r.detail);
}

test('every repository statement on the sign-in tables seeks an index, and every index is used by one', (t) => {
  const store = openStore(':memory:');
  t.after(() => store.close());
  const repos = { signIns: store.signIns, policies: store.policies, directory: store.directory,
    syncState: store.syncState, audit: store.audit, imports: store.imports };
  const used = new Set<string>();
  let checked = 0;
  for (const [repoName, repo] of Object.entries(repos)) {
    for (const [name, stmt] of statementsOf(repo)) {
      const details = plan(store.db, stmt.source);
      checked++;
      for (const d of details) {
        const index = /USING (?:COVERING )?INDEX (\S+)/.exec(d)?.[1];
        if (index) used.add(index);
        if (/PRIMARY KEY/.test(d)) used.add(`pk:${/(?:SEARCH|SCAN) (\S+)/.exec(d)?.[1]}`);
      }
      const fullScans = details.filter((d) => /^SCAN (sign_ins|sign_in_policies|s|p)\b/.test(d));
      if (`${repoName}.${name}` === 'signIns.purgeAllBefore' || `${repoName}.${name}` === 'signIns.purgeAllPoliciesBefore') continue;
      assert.deepEqual(fullScans, [], `${repoName}.${name} scans a whole sign-in table:\n${details.join('\n')}`);
    }
  }
  assert.ok(checked >= 20, `statements found: ${checked}`);
  const indexes = store.db.prepare(`SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'
    AND tbl_name IN ('sign_ins', 'sign_in_policies') AND sql IS NOT NULL`).all() as { name: string; tbl_name: string }[];
  assert.deepEqual(indexes.map((i) => i.name).sort(), ['sign_ins_time', 'sign_ins_upn_time', 'sign_ins_user_time']);
  for (const index of indexes) assert.ok(used.has(index.name), `index ${index.name} on ${index.tbl_name} is used by no statement`);
  assert.ok(used.has('pk:p') || used.has('pk:sign_in_policies'), 'the time-ordered key of sign_in_policies serves its reads');
});
