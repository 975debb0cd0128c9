/**
 * Migration 002 — leaner sign-in writes (issue 7: ingest ran at ~20% of a raw INSERT).
 * FORWARD-ONLY and FROZEN once shipped, like 001: never edit it, add 003_… instead.
 *
 * 1. Drops the secondary indexes no statement uses. Proved with EXPLAIN QUERY PLAN over every
 *    statement in the repositories (test/unit/store/query-plans.test.ts keeps proving it):
 *    - sign_ins_error, sign_ins_correlation: no query filters or orders by error_code or
 *      correlation_id (the diagnosis groups attempts in memory, from the rows of one user);
 *    - sign_ins_app_time: the app filter always rides on a user / upn / time range, and the planner
 *      picks those ranges (a plan is fixed per statement, not per binding);
 *    - sign_in_policies_policy: goes with the old table (below).
 *    Each index cost a B-tree write per stored sign-in.
 * 2. Rebuilds sign_in_policies to hold only the entries its one reader (`SignInsRepo.policyHits`)
 *    counts — results other than notApplied / notEnabled / reportOnlyNotApplied. A beta sign-in
 *    lists EVERY policy of the tenant, most notApplied: ~19 rows per sign-in, now ~5. The raw JSON
 *    keeps every entry (detail view, exports, replay).
 * 3. Keys the rows by (tenant, created_at, sign_in_id, policy_id), WITHOUT ROWID. Keyed by sign-in
 *    id (a random GUID) every row landed on a random page of the key index, so each 1,000-row page
 *    dirtied thousands of index pages; Graph pages come newest first, so time-keyed rows land on a
 *    few adjacent pages. "Which policies hit in this window" reads the key range directly. No foreign
 *    key: cascading from sign_ins needs an index by sign-in id (the random one again), so the
 *    repository deletes a sign-in's rows itself — by (tenant, created_at, id) on re-store, by time
 *    range on retention purge, in the same transaction as the sign-ins.
 */
export const migration002 = {
  version: 2,
  name: 'lean sign-in writes',
  sql: `
DROP INDEX IF EXISTS sign_ins_error;
DROP INDEX IF EXISTS sign_ins_correlation;
DROP INDEX IF EXISTS sign_ins_app_time;
DROP INDEX IF EXISTS sign_in_policies_policy;

CREATE TABLE sign_in_policies_v2 (
  tenant_id    TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  sign_in_id   TEXT NOT NULL,
  policy_id    TEXT NOT NULL,
  display_name TEXT,
  result       TEXT NOT NULL,
  PRIMARY KEY (tenant_id, created_at, sign_in_id, policy_id)
) WITHOUT ROWID;
INSERT INTO sign_in_policies_v2 (tenant_id, created_at, sign_in_id, policy_id, display_name, result)
  SELECT p.tenant_id, s.created_at, p.sign_in_id, p.policy_id, p.display_name, p.result
  FROM sign_in_policies p JOIN sign_ins s ON s.tenant_id = p.tenant_id AND s.id = p.sign_in_id
  WHERE p.result IS NOT NULL AND p.result NOT IN ('notApplied', 'notEnabled', 'reportOnlyNotApplied');
DROP TABLE sign_in_policies;
ALTER TABLE sign_in_policies_v2 RENAME TO sign_in_policies;
`,
} as const;
