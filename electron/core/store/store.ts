import type Database from 'better-sqlite3';
import { AuditRepo } from './audit-repo.js';
import { recordCleanClose } from './clean-close.js';
import { guardCorruption } from './corruption-guard.js';
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

  /** False once a statement met SQLITE_CORRUPT: then close() leaves no clean-close marker. */
  #healthy = true;
  /** `db` with corruption reporting on every prepared statement (corruption-guard.ts); the repositories use it. */
  readonly #guarded: Database.Database;
  private readonly now: () => Date;

  constructor(readonly db: Database.Database, readonly path: string, readonly recovered?: Recovery,
    options: { now?: () => Date; integrityChecked?: boolean } = {}) {
    this.now = options.now ?? (() => new Date());
    this.integrityChecked = options.integrityChecked ?? false;
    const guarded = guardCorruption(db, path, () => { this.#healthy = false; });
    this.#guarded = guarded;
    this.signIns = new SignInsRepo(guarded);
    this.policies = new PoliciesRepo(guarded);
    this.directory = new DirectoryRepo(guarded);
    this.syncState = new SyncStateRepo(guarded);
    this.audit = new AuditRepo(guarded);
    this.imports = new ImportsRepo(guarded);
  }

  /** Whether opening ran a full `PRAGMA quick_check` (only after an unclean shutdown, see clean-close.ts). */
  readonly integrityChecked: boolean;

  /** Runs `fn` in one SQLite transaction (nested calls become savepoints). Throw to roll back. */
  transaction<T>(fn: () => T): T {
    // IMMEDIATE (added by the reliability suite, test/integration/reliability/concurrency.test.ts): with
    // a DEFERRED begin, a second process writing the same cache (the CLI beside the app) made SQLite
    // answer SQLITE_BUSY at once — the lock upgrade inside an open transaction skips busy_timeout to
    // avoid deadlock. BEGIN IMMEDIATE takes the write lock up front, where busy_timeout does wait.
    return this.#guarded.transaction(fn).immediate();
  }

  /** Retention purge: sign-ins older than `days` (all tenants unless given). The audit log is never purged. */
  purgeOlderThan(days: number, now: Date, tenantId?: string): { signIns: number } {
    const before = new Date(now.getTime() - days * 86_400_000).toISOString();
    return { signIns: this.signIns.purgeOlderThan(before, tenantId) };
  }

  /**
   * Closes the connection and, when this was the last one and nothing reported corruption, records
   * the clean close so the next open can skip the full integrity check.
   */
  close(): void {
    if (!this.db.open) return;
    this.db.close();
    if (this.path !== ':memory:') recordCleanClose(this.path, this.now(), this.#healthy);
  }
}

export function openStore(path: string, options: OpenDatabaseOptions = {}): Store {
  const { db, recovered, integrityChecked } = openDatabase(path, options);
  return new Store(db, path, recovered, { integrityChecked, ...(options.now ? { now: options.now } : {}) });
}
