import type Database from 'better-sqlite3';
import { parseRaw } from './json.js';

export interface AuditEntryInput {
  readonly at: string;
  /** The signed-in operator (UPN), or 'system' for expiry jobs. */
  readonly actor: string;
  readonly tenantId: string;
  /** Links the entries of one operation (plan → apply → verify → rollback). */
  readonly operationId?: string;
  readonly objectType: string;
  readonly objectId: string;
  readonly action: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly requestIds?: readonly string[];
  readonly outcome: string;
  readonly detail?: unknown;
}

export interface AuditEntry extends AuditEntryInput {
  readonly seq: number;
  readonly requestIds: readonly string[];
}

interface AuditRow {
  seq: number; at: string; actor: string; tenant_id: string; operation_id: string | null; object_type: string;
  object_id: string; action: string; before_json: string | null; after_json: string | null; request_ids: string;
  outcome: string; detail: string | null;
}

/**
 * The audit log. Append-only — the database itself refuses UPDATE and DELETE on the table (triggers
 * in migration 001), so a later step of an operation is a new entry with the same operationId.
 * Never purged by retention.
 */
export class AuditRepo {
  private readonly s;
  constructor(db: Database.Database) {
    this.s = {
      append: db.prepare(`INSERT INTO audit_log (at, actor, tenant_id, operation_id, object_type, object_id, action,
        before_json, after_json, request_ids, outcome, detail) VALUES (@at, @actor, @tenantId, @operationId, @objectType,
        @objectId, @action, @before, @after, @requestIds, @outcome, @detail)`),
      list: db.prepare(`SELECT * FROM audit_log WHERE tenant_id = @tenantId ORDER BY seq DESC LIMIT @limit`),
      byOperation: db.prepare('SELECT * FROM audit_log WHERE operation_id = ? ORDER BY seq'),
    };
  }

  append(entry: AuditEntryInput): number {
    const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
    return Number(this.s.append.run({
      at: entry.at, actor: entry.actor, tenantId: entry.tenantId, operationId: entry.operationId ?? null,
      objectType: entry.objectType, objectId: entry.objectId, action: entry.action, before: json(entry.before),
      after: json(entry.after), requestIds: JSON.stringify(entry.requestIds ?? []), outcome: entry.outcome,
      detail: json(entry.detail),
    }).lastInsertRowid);
  }

  /** Newest first. */
  list(tenantId: string, limit = 200): AuditEntry[] {
    return (this.s.list.all({ tenantId, limit }) as AuditRow[]).map(toEntry);
  }

  byOperation(operationId: string): AuditEntry[] {
    return (this.s.byOperation.all(operationId) as AuditRow[]).map(toEntry);
  }
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq, at: r.at, actor: r.actor, tenantId: r.tenant_id, operationId: r.operation_id ?? undefined,
    objectType: r.object_type, objectId: r.object_id, action: r.action,
    before: r.before_json === null ? undefined : parseRaw(r.before_json),
    after: r.after_json === null ? undefined : parseRaw(r.after_json),
    requestIds: parseRaw<string[]>(r.request_ids), outcome: r.outcome,
    detail: r.detail === null ? undefined : parseRaw(r.detail),
  };
}
