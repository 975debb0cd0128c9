/**
 * Exemptions as the audit log remembers them. Every operation starts with its plan entry; step,
 * applied, stopped and rolled-back entries follow. Folding them gives the run state (which steps
 * are done — what resume and rollback need after a crash) and the list of exemptions with status
 * and expiry. No separate table: the append-only log is the single source of truth.
 */
import { z } from 'zod';
import { AUDIT_ACTIONS, type AuditEntry, type AuditSink } from './audit.js';
import type { ExemptionPlan } from './types.js';

export type ExemptionStatus = 'applied' | 'incomplete' | 'rolled-back' | 'rollback-incomplete';

export interface ExemptionRecord {
  readonly operationId: string;
  readonly tenantId: string;
  readonly actor: string;
  readonly createdAt: string;
  readonly appliedAt: string | null;
  readonly rolledBackAt: string | null;
  readonly status: ExemptionStatus;
  readonly expiresAt: string | null;
  readonly plan: ExemptionPlan;
  /** Step ids whose planned state was reached (written by us or found already so). */
  readonly doneStepIds: readonly string[];
  /** Step ids we wrote ourselves (outcome success) — rollback restores exactly these. */
  readonly writtenStepIds: readonly string[];
}

// Only the parts rollback relies on are checked; the rest of the plan is kept as stored.
const storedPlanSchema = z.object({
  formatVersion: z.literal(1),
  tenantId: z.string(),
  hash: z.string(),
  steps: z.array(z.object({ id: z.string(), kind: z.string(), objectId: z.string() }).passthrough()),
  policies: z.array(z.object({ policyId: z.string() }).passthrough()),
}).passthrough();

function stepIdOf(e: AuditEntry): string | undefined {
  const d = e.detail as { stepId?: unknown } | undefined;
  return typeof d?.stepId === 'string' ? d.stepId : undefined;
}

export function foldOperation(entries: readonly AuditEntry[]): ExemptionRecord | null {
  const planEntry = entries.find((e) => e.action === AUDIT_ACTIONS.plan);
  if (!planEntry) return null;
  const parsed = storedPlanSchema.safeParse(planEntry.after);
  if (!parsed.success) return null;
  const plan = parsed.data as unknown as ExemptionPlan;
  const done = new Set<string>();
  const written = new Set<string>();
  let appliedAt: string | null = null;
  let rolledBackAt: string | null = null;
  // Entries are in order; the latest milestone wins (a rolled-back exemption can be resumed again).
  let status: ExemptionStatus = 'incomplete';
  for (const e of entries) {
    const id = stepIdOf(e);
    if (e.action.startsWith(`${AUDIT_ACTIONS.step}.`) && id) {
      if (e.outcome === 'success' || e.outcome === 'already-done') done.add(id);
      if (e.outcome === 'success') written.add(id);
    }
    if (e.action === AUDIT_ACTIONS.applied) { appliedAt = e.at; rolledBackAt = null; status = 'applied'; }
    if (e.action === AUDIT_ACTIONS.rollbackStep && e.outcome !== 'conflict') status = 'rollback-incomplete';
    if (e.action === AUDIT_ACTIONS.rolledBack && e.outcome === 'success') { rolledBackAt = e.at; status = 'rolled-back'; }
  }
  return {
    operationId: planEntry.operationId ?? '',
    tenantId: planEntry.tenantId,
    actor: planEntry.actor,
    createdAt: planEntry.at,
    appliedAt,
    rolledBackAt,
    status,
    expiresAt: plan.expiresAt ?? null,
    plan,
    doneStepIds: [...done],
    writtenStepIds: [...written],
  };
}

export function loadExemption(audit: AuditSink, operationId: string): ExemptionRecord | null {
  return foldOperation(audit.byOperation(operationId));
}

/** Every exemption of a tenant, newest first. */
export function listExemptions(audit: AuditSink, tenantId: string): ExemptionRecord[] {
  const ids: string[] = [];
  for (const e of audit.list(tenantId, 100_000)) {
    if (e.action === AUDIT_ACTIONS.plan && e.operationId && !ids.includes(e.operationId)) ids.push(e.operationId);
  }
  return ids.map((id) => loadExemption(audit, id)).filter((r): r is ExemptionRecord => r !== null);
}

/** Resolve an id the operator typed: the full operation id or a unique prefix of it. */
export function findExemption(audit: AuditSink, tenantId: string, idOrPrefix: string): ExemptionRecord | { error: string } {
  const all = listExemptions(audit, tenantId);
  const hits = all.filter((r) => r.operationId === idOrPrefix || r.operationId.startsWith(idOrPrefix));
  if (hits.length === 1) return hits[0]!;
  return { error: hits.length === 0 ? `no exemption ${idOrPrefix} in tenant ${tenantId}` : `${idOrPrefix} matches ${hits.length} exemptions — give more of the id` };
}
