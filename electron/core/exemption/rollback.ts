/**
 * Rollback: restore each policy's recorded `conditions.applications` exactly, and optionally take
 * the attribute off the service principal. Three-way check per policy — recorded before, what we
 * applied, what is there now: now == applied → restore; now == before → already restored; anything
 * else means someone changed the policy since, so we show both and do not write unless forced.
 * All policies are checked before the first write, so a conflict never leaves a half rollback.
 * Attribute sets and definitions stay: Entra cannot delete them (a definition can only be
 * deactivated, status Deprecated), and other apps may carry the attribute.
 */
import { AUDIT_ACTIONS, type AuditSink } from './audit.js';
import { assignmentBody } from './attribute-steps.js';
import { GraphWriteError, type GraphCaller } from './graph-caller.js';
import { policyPatchBody } from './plan.js';
import { loadExemption, type ExemptionRecord } from './records.js';
import { applicationsOf, readStepState, sameApplications } from './step-state.js';
import { tenantOps, write } from './tenant-ops.js';
import { definitionId } from './settings.js';
import type { JsonObject, PlanStep } from './types.js';

export interface RollbackOptions {
  /** Restore even where the policy changed since our apply (after the operator saw both versions). */
  readonly force?: boolean;
  /** Also remove our attribute value from the service principal (PATCH null). */
  readonly removeAssignment?: boolean;
}

export interface RollbackDeps {
  readonly graph: GraphCaller;
  readonly audit: AuditSink;
  readonly actor: string;
  readonly now?: () => Date;
}

export interface RollbackConflict {
  readonly policyId: string;
  readonly displayName: string;
  readonly recordedBefore: unknown;
  readonly applied: unknown;
  readonly current: unknown;
}

export interface RollbackResult {
  readonly status: 'rolled-back' | 'conflict' | 'failed' | 'not-found' | 'nothing-to-do';
  readonly operationId: string;
  readonly restored: readonly string[];
  readonly alreadyRestored: readonly string[];
  readonly conflicts: readonly RollbackConflict[];
  readonly messages: readonly string[];
}

function err(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function rollbackExemption(operationId: string, deps: RollbackDeps, opts: RollbackOptions = {}): Promise<RollbackResult> {
  const now = deps.now ?? (() => new Date());
  const record: ExemptionRecord | null = loadExemption(deps.audit, operationId);
  const empty = { operationId, restored: [], alreadyRestored: [], conflicts: [] };
  if (!record) return { ...empty, status: 'not-found', messages: [`no exemption ${operationId} in the audit log`] };
  const { plan } = record;
  const base = { actor: deps.actor, tenantId: plan.tenantId, operationId };
  const done = new Set(record.doneStepIds);
  const policySteps = plan.steps.filter((s) => s.kind === 'update-policy' && done.has(s.id)).reverse();
  const messages: string[] = [];

  // Phase 1: read every policy, decide, and find conflicts before writing anything.
  const toRestore: PlanStep[] = [];
  const alreadyRestored: string[] = [];
  const conflicts: RollbackConflict[] = [];
  for (const step of policySteps) {
    const r = await tenantOps.readPolicy(deps.graph, step.objectId);
    if (!r.value) { messages.push(`Policy "${step.objectName}" no longer exists; nothing to restore there.`); continue; }
    const current = applicationsOf(r.value);
    if (sameApplications(current, step.after)) toRestore.push(step);
    else if (sameApplications(current, step.before)) alreadyRestored.push(step.objectId);
    else if (opts.force) { toRestore.push(step); messages.push(`Policy "${step.objectName}" changed since the exemption; restoring the recorded version anyway (forced).`); }
    else conflicts.push({ policyId: step.objectId, displayName: step.objectName, recordedBefore: step.before, applied: step.after, current });
  }
  if (conflicts.length) {
    for (const c of conflicts) {
      deps.audit.append({ ...base, at: now().toISOString(), objectType: 'conditionalAccessPolicy', objectId: c.policyId, action: AUDIT_ACTIONS.rollbackStep, before: c.current, after: c.recordedBefore, outcome: 'conflict', detail: { message: 'changed since our apply; not restored without confirmation' } });
    }
    return { ...empty, status: 'conflict', alreadyRestored, conflicts, messages: [...messages, `${conflicts.length} polic${conflicts.length === 1 ? 'y was' : 'ies were'} changed by someone else since the exemption. Review both versions, then roll back with --force to restore the recorded version.`] };
  }

  // Phase 2: restore, verify by reading back.
  const restored: string[] = [];
  for (const step of toRestore) {
    const requestIds: string[] = [];
    const entry = (outcome: string, after: unknown, detail: object) =>
      deps.audit.append({ ...base, at: now().toISOString(), objectType: 'conditionalAccessPolicy', objectId: step.objectId, action: AUDIT_ACTIONS.rollbackStep, before: step.after, after, requestIds: [...requestIds], outcome, detail: { stepId: step.id, ...detail } });
    entry('attempt', step.before, {});
    try {
      const reply = await write(deps.graph, 'PATCH', step.request.path, policyPatchBody(step.before as JsonObject), `restoring policy "${step.objectName}"`);
      if (reply.requestId) requestIds.push(reply.requestId);
      const back = await tenantOps.readPolicy(deps.graph, step.objectId);
      if (back.requestId) requestIds.push(back.requestId);
      if (!sameApplications(applicationsOf(back.value), step.before)) throw new Error('read-back after the restore does not match the recorded conditions.applications');
      entry('success', applicationsOf(back.value), {});
      restored.push(step.objectId);
    } catch (e) {
      if (e instanceof GraphWriteError && e.requestId) requestIds.push(e.requestId);
      entry('failed', step.before, { error: err(e) });
      return { ...empty, status: 'failed', restored, alreadyRestored, messages: [...messages, `Restoring "${step.objectName}" failed: ${err(e)}. Run the rollback again to retry; restored so far: ${restored.length}.`] };
    }
  }

  const assign = plan.steps.find((s) => s.kind === 'assign-attribute');
  if (opts.removeAssignment && assign && done.has(assign.id)) {
    const state = await readStepState(assign, plan, deps.graph);
    const defId = definitionId(plan.attribute);
    if (state.state === 'done') {
      const previous = (assign.before as Record<string, unknown> | null)?.[defId] ?? null;
      const requestIds: string[] = [];
      try {
        const reply = await write(deps.graph, 'PATCH', assign.request.path, assignmentBody(plan.attribute, typeof previous === 'string' ? previous : null), `removing ${defId} from ${assign.objectName}`);
        if (reply.requestId) requestIds.push(reply.requestId);
        deps.audit.append({ ...base, at: now().toISOString(), objectType: 'servicePrincipal', objectId: assign.objectId, action: AUDIT_ACTIONS.rollbackStep, before: assign.after, after: assign.before, requestIds, outcome: 'success', detail: { stepId: assign.id } });
        messages.push(`Removed ${defId} from "${assign.objectName}".`);
      } catch (e) {
        if (e instanceof GraphWriteError && e.requestId) requestIds.push(e.requestId);
        deps.audit.append({ ...base, at: now().toISOString(), objectType: 'servicePrincipal', objectId: assign.objectId, action: AUDIT_ACTIONS.rollbackStep, before: assign.after, after: assign.before, requestIds, outcome: 'failed', detail: { stepId: assign.id, error: err(e) } });
        return { ...empty, status: 'failed', restored, alreadyRestored, messages: [...messages, `The policies are restored, but removing the attribute failed: ${err(e)}`] };
      }
    } else {
      messages.push(`"${assign.objectName}" no longer carries ${defId} = "${plan.attribute.value}"; the assignment was left as it is.`);
    }
  }
  if (plan.steps.some((s) => s.kind === 'create-attribute-set' || s.kind === 'create-attribute-definition')) {
    messages.push(`The attribute set ${plan.attribute.attributeSet} and attribute ${definitionId(plan.attribute)} stay in the tenant: Entra cannot delete them. A definition can only be deactivated (status Deprecated) — do that in the portal if nothing else uses it.`);
  }
  deps.audit.append({ ...base, at: now().toISOString(), objectType: 'exemptionPlan', objectId: plan.hash, action: AUDIT_ACTIONS.rolledBack, outcome: 'success', detail: { restored, alreadyRestored, removedAssignment: Boolean(opts.removeAssignment) } });
  const status = restored.length === 0 && alreadyRestored.length === policySteps.length && !opts.removeAssignment ? 'nothing-to-do' : 'rolled-back';
  return { ...empty, status, restored, alreadyRestored, messages: [`Restored ${restored.length} polic${restored.length === 1 ? 'y' : 'ies'} to the recorded conditions.applications${alreadyRestored.length ? ` (${alreadyRestored.length} already as recorded)` : ''}.`, ...messages] };
}
