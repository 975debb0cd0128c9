import type Database from 'better-sqlite3';
import { AuditRepo } from './audit-repo.js';
import { DirectoryRepo } from './directory-repo.js';
import { ImportsRepo } from './imports-repo.js';
import { openDatabase, type OpenDatabaseOptions, type Recovery } from './open-database.js';
import { PoliciesRepo } from './policies-repo.js';
import { SignInsRepo } from './sign-ins-repo.js';
import { SyncStateRepo } from './sync-state-repo.js';

/**
 * The cache: one SQLite file holding every tenant's rows (tenant-keyed), reached only through the
 * repositories below. Open with `openStore(path)`; check `recovered` and tell the user when set.
 */
export class Store {
  readonly signIns: SignInsRepo;
  readonly policies: PoliciesRepo;
  readonly directory: DirectoryRepo;
  readonly syncState: SyncStateRepo;
  readonly audit: AuditRepo;
  readonly imports: ImportsRepo;

  constructor(readonly db: Database.Database, readonly path: string, readonly recovered?: Recovery) {
    this.signIns = new SignInsRepo(db);
    this.policies = new PoliciesRepo(db);
    this.directory = new DirectoryRepo(db);
    this.syncState = new SyncStateRepo(db);
    this.audit = new AuditRepo(db);
    this.imports = new ImportsRepo(db);
  }

  /** Runs `fn` in one SQLite transaction (nested calls become savepoints). Throw to roll back. */
  transaction<T>(fn: () => T): T {
    // IMMEDIATE (added by the reliability suite, test/integration/reliability/concurrency.test.ts): with
    // a DEFERRED begin, a second process writing the same cache (the CLI beside the app) made SQLite
    // answer SQLITE_BUSY at once — the lock upgrade inside an open transaction skips busy_timeout to
    // avoid deadlock. BEGIN IMMEDIATE takes the write lock up front, where busy_timeout does wait.
    return this.db.transaction(fn).immediate();
  }

  /** Retention purge: sign-ins older than `days` (all tenants unless given). The audit log is never purged. */
  purgeOlderThan(days: number, now: Date, tenantId?: string): { signIns: number } {
    const before = new Date(now.getTime() - days * 86_400_000).toISOString();
    return { signIns: this.signIns.purgeOlderThan(before, tenantId) };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export function openStore(path: string, options: OpenDatabaseOptions = {}): Store {
  const { db, recovered } = openDatabase(path, options);
  return new Store(db, path, recovered);
}
