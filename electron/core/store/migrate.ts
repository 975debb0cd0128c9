import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../graph/app-error.js';
import type { Migration } from './migrations/index.js';

/** sha256 of a migration's SQL: stored when applied, compared on every open. */
export function migrationHash(migration: Migration): string {
  return createHash('sha256').update(migration.sql, 'utf8').digest('hex');
}

/**
 * Applies pending migrations, forward only, each in its own transaction.
 * Refuses (throws AppError, leaves the file untouched) when an applied migration's text was edited
 * since — the schema on disk would no longer be what the code believes — or when the database was
 * written by a newer build that knows migrations this one does not.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], now: () => Date): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT version, name, sha256 FROM schema_migrations ORDER BY version').all() as
    { version: number; name: string; sha256: string }[];
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    const migration = known.get(row.version);
    if (!migration) {
      throw new AppError('store_newer_than_app',
        `The cache database was created by a newer version of Lockout Lens (it has migration ${row.version} '${row.name}', which this version does not know). Update the app, or move the cache file aside.`,
        { version: row.version });
    }
    if (migrationHash(migration) !== row.sha256) {
      throw new AppError('store_migration_edited',
        `Cache migration ${row.version} '${row.name}' was changed after it had been applied to this database; refusing to open it. Migrations are forward-only — restore the original migration and add a new one.`,
        { version: row.version });
    }
  }
  const appliedVersions = new Set(applied.map((r) => r.version));
  const insert = db.prepare('INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)');
  const newlyApplied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (appliedVersions.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      insert.run(migration.version, migration.name, migrationHash(migration), now().toISOString());
    })();
    newlyApplied.push(migration.version);
  }
  return newlyApplied;
}
