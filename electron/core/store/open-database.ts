import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../graph/app-error.js';
import { consumeCleanClose } from './clean-close.js';
import { isCorruptionError } from './corruption-guard.js';
import { migrate } from './migrate.js';
import { migrations as allMigrations, type Migration } from './migrations/index.js';

/** PRAGMA application_id of our cache files ('LLcs'), so a foreign SQLite file is told apart from ours. */
export const APPLICATION_ID = 0x4c4c6373;
const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface Recovery {
  readonly reason: 'corrupt' | 'foreign';
  readonly detail: string;
  /** Where the unreadable file was moved (the original path now holds a fresh, empty cache). */
  readonly movedTo: string;
}

export interface OpenDatabaseOptions {
  readonly now?: () => Date;
  /** Tests only: a different migration list (to prove edited migrations are refused). */
  readonly migrations?: readonly Migration[];
  readonly busyTimeoutMs?: number;
}

export interface OpenedDatabase {
  readonly db: Database.Database;
  /** Set when the file at `path` was corrupt or not ours and has been moved aside and rebuilt. */
  readonly recovered?: Recovery;
  /** Whether this open ran `PRAGMA quick_check` (it does unless the previous run closed the file cleanly). */
  readonly integrityChecked: boolean;
}

/**
 * Opens (creating if needed) the cache database with WAL, busy_timeout and foreign keys, checks it is
 * one of ours and intact, and applies migrations. "Intact" is a full `PRAGMA quick_check` only when
 * the previous run did not close the file cleanly (see clean-close.ts: it reads the whole file, which
 * took 3.5 s at 100,000 sign-ins); after a clean close the header and schema are still read and
 * SQLite reports a damaged page when it first meets it. A corrupt or foreign file is renamed
 * `<path>.<reason>-<timestamp>` (with its -wal/-shm) and a new cache is built in its place; the caller
 * learns about it through `recovered` and should tell the user. An edited migration is NOT recovered
 * from: that is a programming error and the file is left untouched (AppError store_migration_edited).
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const now = options.now ?? (() => new Date());
  const migrations = options.migrations ?? allMigrations;
  if (path === ':memory:') return { db: configure(new Database(':memory:'), migrations, now, options), integrityChecked: false };
  mkdirSync(dirname(path), { recursive: true });
  const deep = !consumeCleanClose(path);
  const integrityChecked = deep && existsSync(path) && statSync(path).size > 0;
  const problem = inspect(path, deep);
  let recovered: Recovery | undefined;
  if (problem) recovered = moveAside(path, problem.reason, problem.detail, now());
  try {
    return { db: configure(new Database(path), migrations, now, options), recovered, integrityChecked };
  } catch (error) {
    if (error instanceof AppError) throw error;
    // SQLITE_CORRUPT / SQLITE_NOTADB surfaced only when the schema was read: move aside once, retry.
    if (recovered || !isCorruptionError(error)) throw error;
    recovered = moveAside(path, 'corrupt', (error as Error).message, now());
    return { db: configure(new Database(path), migrations, now, options), recovered, integrityChecked };
  }
}

function configure(db: Database.Database, migrations: readonly Migration[], now: () => Date,
  options: OpenDatabaseOptions): Database.Database {
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, migrations, now);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Null when the file is absent, empty, or a healthy cache of ours (`deep`: verified by quick_check). */
function inspect(path: string, deep: boolean): { reason: Recovery['reason']; detail: string } | null {
  if (!existsSync(path) || statSync(path).size === 0) return null;
  const header = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try { readSync(fd, header, 0, 16, 0); } finally { closeSync(fd); }
  if (header.toString('latin1') !== SQLITE_HEADER) {
    return { reason: 'corrupt', detail: 'the file is not an SQLite database (bad header)' };
  }
  let db: Database.Database | undefined;
  try {
    // Read-only (added by the reliability suite, test/integration/reliability/storage-faults.test.ts):
    // a read-write inspection connection checkpoints and deletes the -wal when it closes, so a damaged
    // cache lost its WAL (recent writes) before being moved aside. Read-only never writes either file.
    db = new Database(path, { fileMustExist: true, readonly: true });
    if (deep) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') return { reason: 'corrupt', detail: `integrity check failed: ${String(check)}` };
    }
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
    if (appId !== APPLICATION_ID && tables > 0) {
      return { reason: 'foreign', detail: `an SQLite database of another application (application_id ${appId})` };
    }
    return null;
  } catch (error) {
    return { reason: 'corrupt', detail: (error as Error).message };
  } finally {
    db?.close();
  }
}

function moveAside(path: string, reason: Recovery['reason'], detail: string, at: Date): Recovery {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  const movedTo = `${path}.${reason}-${stamp}`;
  renameSync(path, movedTo);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, movedTo + suffix);
  }
  return { reason, detail, movedTo };
}
