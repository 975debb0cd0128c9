/**
 * Corruption found while the cache is open. The open-time integrity check is skipped after a clean
 * close (clean-close.ts), so a page damaged in place surfaces when SQLite first reads it, as
 * SQLITE_CORRUPT ("database disk image is malformed") from some statement. The guard wraps the
 * repositories' prepared statements: such an error becomes one clear AppError saying what to do,
 * and the store is marked unhealthy so it writes no clean-close marker — the next open then runs
 * quick_check, moves the damaged file aside and rebuilds (openDatabase's recovery path).
 */
import type Database from 'better-sqlite3';
import { AppError } from '../graph/app-error.js';

export function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

export function corruptCacheError(path: string, cause: unknown): AppError {
  return new AppError('store_unavailable',
    `The cache file ${path} is damaged (${(cause as Error)?.message ?? String(cause)}). Close and reopen Lockout Lens: it moves the damaged file aside and builds a fresh cache (sign in and sync again to refill it).`,
    { reason: 'corrupt' }, { cause });
}

const GUARDED = new Set(['run', 'get', 'all', 'iterate']);

/** A view of `db` whose prepared statements report corruption through `onCorrupt`. */
export function guardCorruption(db: Database.Database, path: string, onCorrupt: () => void): Database.Database {
  const guard = <T>(fn: () => T): T => {
    try { return fn(); } catch (error) {
      if (!isCorruptionError(error)) throw error;
      onCorrupt();
      throw corruptCacheError(path, error);
    }
  };
  const wrapStatement = (statement: Database.Statement): Database.Statement => new Proxy(statement, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      if (typeof prop === 'string' && GUARDED.has(prop)) {
        return (...args: unknown[]) => guard(() => (value as (...a: unknown[]) => unknown).apply(target, args));
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === 'prepare') return (source: string) => wrapStatement(target.prepare(source));
      if (prop === 'transaction') {
        // The transaction function itself can meet a damaged page (BEGIN/COMMIT): guard the call.
        return (fn: (...a: unknown[]) => unknown) => {
          const tx = target.transaction(fn);
          const wrapped = ((...args: unknown[]) => guard(() => tx(...args))) as typeof tx;
          for (const mode of ['deferred', 'immediate', 'exclusive'] as const) {
            wrapped[mode] = (...args: unknown[]) => guard(() => tx[mode](...args));
          }
          wrapped.default = wrapped;
          return wrapped;
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
