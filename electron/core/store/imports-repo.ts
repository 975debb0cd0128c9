import type Database from 'better-sqlite3';
import { parseRaw } from './json.js';

export interface ImportRecord {
  readonly tenantId: string;
  readonly contentHash: string;
  readonly kind: string;
  readonly fileName: string | null;
  readonly importedAt: string;
  readonly counts: Record<string, number>;
}

/** Which files were imported (by content hash), so a repeated import is reported as such. */
export class ImportsRepo {
  private readonly s;
  constructor(db: Database.Database) {
    this.s = {
      record: db.prepare(`INSERT INTO imports (tenant_id, content_hash, kind, file_name, imported_at, counts)
        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, content_hash) DO NOTHING`),
      find: db.prepare('SELECT * FROM imports WHERE tenant_id = ? AND content_hash = ?'),
      list: db.prepare('SELECT * FROM imports WHERE tenant_id = ? ORDER BY imported_at DESC'),
    };
  }

  record(r: ImportRecord): void {
    this.s.record.run(r.tenantId, r.contentHash, r.kind, r.fileName, r.importedAt, JSON.stringify(r.counts));
  }

  find(tenantId: string, contentHash: string): ImportRecord | null {
    const row = this.s.find.get(tenantId, contentHash) as Record<string, string> | undefined;
    return row ? toRecord(row) : null;
  }

  list(tenantId: string): ImportRecord[] {
    return (this.s.list.all(tenantId) as Record<string, string>[]).map(toRecord);
  }
}

function toRecord(row: Record<string, string>): ImportRecord {
  return {
    tenantId: row.tenant_id!, contentHash: row.content_hash!, kind: row.kind!, fileName: row.file_name ?? null,
    importedAt: row.imported_at!, counts: parseRaw<Record<string, number>>(row.counts!),
  };
}
