import type Database from 'better-sqlite3';
import { parseRaw } from './json.js';

export interface SyncWindow {
  readonly jobId: string;
  readonly start: string;
  readonly end: string;
  readonly rowCount: number | null;
  readonly doneAt: string | null;
}

export interface Freshness { readonly resource: string; readonly asOf: string }

/**
 * Sync bookkeeping: key/value state (watermarks, job descriptions), freshness per resource, and the
 * per-window checkpoints of a tenant-wide sign-in sync.
 */
export class SyncStateRepo {
  private readonly s;
  constructor(private readonly db: Database.Database) {
    this.s = {
      put: db.prepare(`INSERT INTO sync_state (tenant_id, key, value, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (tenant_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`),
      get: db.prepare('SELECT value FROM sync_state WHERE tenant_id = ? AND key = ?'),
      del: db.prepare('DELETE FROM sync_state WHERE tenant_id = ? AND key = ?'),
      freshness: db.prepare(`SELECT substr(key, 7) AS resource, json_extract(value, '$.asOf') AS asOf
        FROM sync_state WHERE tenant_id = ? AND key LIKE 'fresh:%' ORDER BY key`),
      insertWindow: db.prepare(`INSERT OR IGNORE INTO sync_windows (tenant_id, job_id, window_start, window_end)
        VALUES (?, ?, ?, ?)`),
      windows: db.prepare(`SELECT job_id AS jobId, window_start AS start, window_end AS end, row_count AS rowCount,
        done_at AS doneAt FROM sync_windows WHERE tenant_id = ? AND job_id = ? ORDER BY window_start`),
      completeWindow: db.prepare(`UPDATE sync_windows SET row_count = ?, done_at = ?
        WHERE tenant_id = ? AND job_id = ? AND window_start = ?`),
      deleteJob: db.prepare('DELETE FROM sync_windows WHERE tenant_id = ? AND job_id = ?'),
    };
  }

  put(tenantId: string, key: string, value: unknown, at: string): void {
    this.s.put.run(tenantId, key, JSON.stringify(value), at);
  }

  get<T>(tenantId: string, key: string): T | null {
    const row = this.s.get.get(tenantId, key) as { value: string } | undefined;
    return row ? parseRaw<T>(row.value) : null;
  }

  delete(tenantId: string, key: string): void {
    this.s.del.run(tenantId, key);
  }

  /** Marks `resource` (e.g. 'policies', 'signIns:user:<id>') as fresh as of `asOf`. */
  markFresh(tenantId: string, resource: string, asOf: string): void {
    this.put(tenantId, `fresh:${resource}`, { asOf }, asOf);
  }

  freshness(tenantId: string, resource: string): string | null {
    return this.get<{ asOf: string }>(tenantId, `fresh:${resource}`)?.asOf ?? null;
  }

  allFreshness(tenantId: string): Freshness[] {
    return this.s.freshness.all(tenantId) as Freshness[];
  }

  /** Creates the job's windows if not there yet (a resumed job keeps its existing rows and checkpoints). */
  planWindows(tenantId: string, jobId: string, windows: readonly { start: string; end: string }[]): void {
    this.db.transaction(() => {
      for (const w of windows) this.s.insertWindow.run(tenantId, jobId, w.start, w.end);
    })();
  }

  windows(tenantId: string, jobId: string): SyncWindow[] {
    return this.s.windows.all(tenantId, jobId) as SyncWindow[];
  }

  /** Must run inside the transaction that stored the window's rows (see sync/full-sync.ts). */
  completeWindow(tenantId: string, jobId: string, start: string, rowCount: number, at: string): void {
    this.s.completeWindow.run(rowCount, at, tenantId, jobId, start);
  }

  deleteJob(tenantId: string, jobId: string): void {
    this.s.deleteJob.run(tenantId, jobId);
  }
}
