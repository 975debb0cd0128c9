/**
 * Migration 001 — the initial cache schema.
 * FORWARD-ONLY and FROZEN: once a build with this file has shipped, never edit it (the store refuses
 * to open a database whose applied migration text no longer matches, see ../migrate.ts). Add 002_… instead.
 *
 * Conventions: every tenant-scoped table is keyed by (tenant_id, id); `raw` holds Graph's JSON as
 * received and is the truth — the other columns exist for indexes and may be rebuilt from `raw`.
 */
export const migration001 = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE sign_ins (
  tenant_id      TEXT NOT NULL,
  id             TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  user_id        TEXT,
  upn            TEXT,
  app_id         TEXT,
  resource_id    TEXT,
  error_code     INTEGER,
  ca_status      TEXT,
  event_type     TEXT,
  correlation_id TEXT,
  ca_visible     INTEGER NOT NULL,
  raw            TEXT NOT NULL CHECK (json_valid(raw)),
  source         TEXT NOT NULL,
  stored_at      TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX sign_ins_user_time ON sign_ins (tenant_id, user_id, created_at);
CREATE INDEX sign_ins_upn_time ON sign_ins (tenant_id, upn, created_at);
CREATE INDEX sign_ins_app_time ON sign_ins (tenant_id, app_id, created_at);
CREATE INDEX sign_ins_time ON sign_ins (tenant_id, created_at);
CREATE INDEX sign_ins_error ON sign_ins (tenant_id, error_code, created_at);
CREATE INDEX sign_ins_correlation ON sign_ins (tenant_id, correlation_id);

CREATE TABLE sign_in_policies (
  tenant_id    TEXT NOT NULL,
  sign_in_id   TEXT NOT NULL,
  policy_id    TEXT NOT NULL,
  display_name TEXT,
  result       TEXT,
  PRIMARY KEY (tenant_id, sign_in_id, policy_id),
  FOREIGN KEY (tenant_id, sign_in_id) REFERENCES sign_ins (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX sign_in_policies_policy ON sign_in_policies (tenant_id, policy_id, result);

-- Every distinct version of a CA policy ever fetched. A row with raw NULL is a tombstone: the policy
-- was absent from a complete listing at fetched_at. "As of T" = the newest row with fetched_at <= T.
CREATE TABLE policy_versions (
  seq          INTEGER PRIMARY KEY,
  tenant_id    TEXT NOT NULL,
  policy_id    TEXT NOT NULL,
  fetched_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  content_hash TEXT,
  display_name TEXT,
  state        TEXT,
  raw          TEXT CHECK (raw IS NULL OR json_valid(raw)),
  source       TEXT NOT NULL
);
CREATE INDEX policy_versions_policy_time ON policy_versions (tenant_id, policy_id, fetched_at);

CREATE TABLE named_locations (
  tenant_id    TEXT NOT NULL,
  id           TEXT NOT NULL,
  display_name TEXT,
  raw          TEXT NOT NULL CHECK (json_valid(raw)),
  fetched_at   TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE organization (
  tenant_id    TEXT NOT NULL PRIMARY KEY,
  display_name TEXT,
  raw          TEXT NOT NULL CHECK (json_valid(raw)),
  fetched_at   TEXT NOT NULL
);

CREATE TABLE users (
  tenant_id    TEXT NOT NULL,
  id           TEXT NOT NULL,
  upn          TEXT,
  display_name TEXT,
  raw          TEXT NOT NULL CHECK (json_valid(raw)),
  fetched_at   TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX users_upn ON users (tenant_id, upn);

-- transitiveMemberOf of a user: groups, directoryRoles (role_template_id), administrative units.
CREATE TABLE memberships (
  tenant_id        TEXT NOT NULL,
  user_id          TEXT NOT NULL,
  member_of_id     TEXT NOT NULL,
  odata_type       TEXT,
  role_template_id TEXT,
  display_name     TEXT,
  raw              TEXT NOT NULL CHECK (json_valid(raw)),
  fetched_at       TEXT NOT NULL,
  PRIMARY KEY (tenant_id, user_id, member_of_id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE service_principals (
  tenant_id    TEXT NOT NULL,
  id           TEXT NOT NULL,
  app_id       TEXT,
  display_name TEXT,
  raw          TEXT NOT NULL CHECK (json_valid(raw)),
  fetched_at   TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX service_principals_app ON service_principals (tenant_id, app_id);

CREATE TABLE attribute_definitions (
  tenant_id     TEXT NOT NULL,
  id            TEXT NOT NULL,
  attribute_set TEXT,
  name          TEXT,
  raw           TEXT NOT NULL CHECK (json_valid(raw)),
  fetched_at    TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

-- Key/value state of syncs: watermarks ("signIns:watermark"), freshness ("fresh:<resource>"), job state.
CREATE TABLE sync_state (
  tenant_id  TEXT NOT NULL,
  key        TEXT NOT NULL,
  value      TEXT NOT NULL CHECK (json_valid(value)),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, key)
);

-- One row per time window of a tenant-wide sign-in sync. done_at is set in the SAME transaction that
-- stores the window's rows, so after a crash every window is either fully stored or refetched.
CREATE TABLE sync_windows (
  tenant_id    TEXT NOT NULL,
  job_id       TEXT NOT NULL,
  window_start TEXT NOT NULL,
  window_end   TEXT NOT NULL,
  row_count    INTEGER,
  done_at      TEXT,
  PRIMARY KEY (tenant_id, job_id, window_start)
);

-- Append-only (triggers below): who did what to which tenant object, with the state before and after.
CREATE TABLE audit_log (
  seq          INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  actor        TEXT NOT NULL,
  tenant_id    TEXT NOT NULL,
  operation_id TEXT,
  object_type  TEXT NOT NULL,
  object_id    TEXT NOT NULL,
  action       TEXT NOT NULL,
  before_json  TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
  after_json   TEXT CHECK (after_json IS NULL OR json_valid(after_json)),
  request_ids  TEXT NOT NULL CHECK (json_valid(request_ids)),
  outcome      TEXT NOT NULL,
  detail       TEXT CHECK (detail IS NULL OR json_valid(detail))
);
CREATE INDEX audit_log_tenant_time ON audit_log (tenant_id, at);
CREATE INDEX audit_log_operation ON audit_log (operation_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Files imported, by content hash: re-importing the same file is recognised and changes nothing.
CREATE TABLE imports (
  tenant_id    TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  kind         TEXT NOT NULL,
  file_name    TEXT,
  imported_at  TEXT NOT NULL,
  counts       TEXT NOT NULL CHECK (json_valid(counts)),
  PRIMARY KEY (tenant_id, content_hash)
);
`,
} as const;
