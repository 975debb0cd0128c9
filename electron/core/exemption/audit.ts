/**
 * Where the exemption writes its audit trail. The store's AuditRepo (append-only SQLite table)
 * implements this structurally; the interface keeps core/exemption testable and free of SQLite.
 * The audit log is also the run state: a plan entry plus one entry per step outcome is enough to
 * resume a killed run or roll it back.
 */
import type { AuditEntry, AuditEntryInput } from '../store/audit-repo.js';

export type { AuditEntry, AuditEntryInput };

export interface AuditSink {
  append(entry: AuditEntryInput): unknown;
  /** Entries of one operation, oldest first. */
  byOperation(operationId: string): AuditEntry[];
  /** Entries of a tenant, newest first. */
  list(tenantId: string, limit?: number): AuditEntry[];
}

/** Actions this workflow writes (the `action` column). */
export const AUDIT_ACTIONS = {
  plan: 'exemption.plan',
  step: 'exemption.step',
  applied: 'exemption.applied',
  applyStopped: 'exemption.apply-stopped',
  rollbackStep: 'exemption.rollback-step',
  rolledBack: 'exemption.rolled-back',
  trial: 'exemption.report-only-trial',
} as const;

/** Step outcomes (the `outcome` column). `attempt` is written BEFORE the write is sent. */
export type StepOutcome = 'attempt' | 'success' | 'already-done' | 'failed' | 'drift' | 'conflict';
