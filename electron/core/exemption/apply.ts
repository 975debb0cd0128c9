/**
 * applyPlan — run a plan's steps in order against the tenant. Per step: read the object (drift
 * check / already done?), audit "attempt" BEFORE the write, write, read back, audit the outcome
 * with the before and after JSON and every Graph request id. The first failure or drift stops the
 * run; what is done stays recorded, so `resume` (same operation id) continues and `rollback` undoes.
 * Idempotent: a step already in its planned state is recorded as already-done and not re-sent.
 */
import { randomUUID } from 'node:crypto';
import { AUDIT_ACTIONS, type AuditSink } from './audit.js';
import { GraphWriteError, type GraphCaller } from './graph-caller.js';
import { readStepState } from './step-state.js';
import { write } from './tenant-ops.js';
import type { PreflightResult } from './preflight.js';
import type { ExemptionPlan, PlanStep } from './types.js';

export interface ApplyDeps {
  /** Paced caller (see ca-pacer.ts). */
  readonly graph: GraphCaller;
  readonly audit: AuditSink;
  /** Operator UPN — the audit log's "who". */
  readonly actor: string;
  readonly now?: () => Date;
  /** Reuse to resume a stopped run; new runs get a fresh id. */
  readonly operationId?: string;
  readonly onProgress?: (event: ApplyProgress) => void;
  readonly signal?: AbortSignal;
  /** The preflight the operator saw; when given and not ok, nothing is written (refused, with its messages). */
  readonly preflight?: PreflightResult;
}

export interface ApplyProgress {
  readonly stepId: string;
  readonly index: number;
  readonly total: number;
  readonly phase: 'checking' | 'writing' | 'verifying' | 'done' | 'already-done' | 'failed' | 'drift';
  readonly message: string;
}

export interface StepReport {
  readonly stepId: string;
  readonly description: string;
  readonly outcome: 'done' | 'already-done' | 'failed' | 'drift' | 'not-run';
  readonly requestIds: readonly string[];
  readonly error?: string;
}

export interface ApplyResult {
  readonly status: 'applied' | 'failed' | 'drift' | 'refused';
  readonly operationId: string;
  readonly steps: readonly StepReport[];
  readonly message: string;
  /** What the operator can do next. */
  readonly next: readonly ('resume' | 'rollback' | 'replan' | 'verify')[];
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function applyPlan(plan: ExemptionPlan, deps: ApplyDeps): Promise<ApplyResult> {
  const now = deps.now ?? (() => new Date());
  const operationId = deps.operationId ?? randomUUID();
  const reports: StepReport[] = plan.steps.map((s) => ({ stepId: s.id, description: s.description, outcome: 'not-run', requestIds: [] }));
  const base = { actor: deps.actor, tenantId: plan.tenantId, operationId };

  if (plan.blockers.length) {
    return { status: 'refused', operationId, steps: reports, message: `The plan cannot be applied: ${plan.blockers.join('; ')}`, next: ['replan'] };
  }
  if (deps.preflight && !deps.preflight.ok) {
    return { status: 'refused', operationId, steps: reports, message: `Preflight failed — nothing was written: ${deps.preflight.messages.join(' ')}`, next: ['replan'] };
  }
  // The plan itself is the first entry of the operation: resume and rollback read it back from here.
  const existing = deps.audit.byOperation(operationId);
  if (!existing.some((e) => e.action === AUDIT_ACTIONS.plan)) {
    deps.audit.append({ ...base, at: now().toISOString(), objectType: 'exemptionPlan', objectId: plan.hash, action: AUDIT_ACTIONS.plan, after: plan, outcome: 'recorded', detail: { expiresAt: plan.expiresAt, summary: plan.summary } });
  }

  const stop = (status: 'failed' | 'drift', index: number, message: string): ApplyResult => {
    deps.audit.append({ ...base, at: now().toISOString(), objectType: 'exemptionPlan', objectId: plan.hash, action: AUDIT_ACTIONS.applyStopped, outcome: status, detail: { stepId: plan.steps[index]!.id, message, done: reports.filter((r) => r.outcome === 'done' || r.outcome === 'already-done').map((r) => r.stepId) } });
    const done = reports.filter((r) => r.outcome === 'done' || r.outcome === 'already-done').length;
    return {
      status,
      operationId,
      steps: reports,
      message: `${message} — ${done} of ${plan.steps.length} steps are done. ${status === 'drift' ? 'Make a fresh plan from the current state.' : 'Resume to continue from here, or roll back what was done.'}`,
      next: status === 'drift' ? ['replan', 'rollback'] : ['resume', 'rollback'],
    };
  };

  for (const [i, step] of plan.steps.entries()) {
    if (deps.signal?.aborted) return stop('failed', i, 'Stopped on request');
    const progress = (phase: ApplyProgress['phase'], message: string) => deps.onProgress?.({ stepId: step.id, index: i, total: plan.steps.length, phase, message });
    const requestIds: string[] = [];
    const record = (outcome: string, extra: { before?: unknown; after?: unknown; detail?: unknown }) =>
      deps.audit.append({ ...base, at: now().toISOString(), objectType: step.objectType, objectId: step.objectId, action: `${AUDIT_ACTIONS.step}.${step.kind}`, requestIds: [...requestIds], outcome, ...extra, detail: { stepId: step.id, planHash: plan.hash, ...(extra.detail as object | undefined) } });

    progress('checking', `Checking ${step.objectName}`);
    let state;
    try {
      state = await readStepState(step, plan, deps.graph);
    } catch (e) {
      if (e instanceof GraphWriteError && e.requestId) requestIds.push(e.requestId);
      record('failed', { before: step.before, detail: { phase: 'read', error: errorText(e) } });
      reports[i] = { ...reports[i]!, outcome: 'failed', requestIds, error: errorText(e) };
      progress('failed', errorText(e));
      return stop('failed', i, `Step ${i + 1} (${step.description}) could not read the current state: ${errorText(e)}`);
    }
    if (state.requestId) requestIds.push(state.requestId);
    if (state.state === 'drift') {
      record('drift', { before: step.before, after: state.current, detail: { error: state.detail } });
      reports[i] = { ...reports[i]!, outcome: 'drift', requestIds, error: state.detail };
      progress('drift', state.detail ?? 'changed since the plan');
      return stop('drift', i, `Drift at step ${i + 1}: ${state.detail ?? 'the object changed since the plan'}`);
    }
    if (state.state === 'done') {
      record('already-done', { before: step.before, after: state.current });
      reports[i] = { ...reports[i]!, outcome: 'already-done', requestIds };
      progress('already-done', `${step.objectName} is already as planned`);
      continue;
    }

    record('attempt', { before: step.before, after: step.after, detail: { request: step.request } });
    progress('writing', step.description);
    try {
      const reply = await write(deps.graph, step.request.method, step.request.path, step.request.body, step.description);
      if (reply.requestId) requestIds.push(reply.requestId);
      progress('verifying', `Reading ${step.objectName} back`);
      const check = await readStepState(step, plan, deps.graph);
      if (check.requestId) requestIds.push(check.requestId);
      if (check.state !== 'done') {
        throw new Error(`read-back after the write does not match the plan (${check.detail ?? `found ${JSON.stringify(check.current)}`}) — the change may have been dropped or altered`);
      }
      record('success', { before: step.before, after: check.current });
      reports[i] = { ...reports[i]!, outcome: 'done', requestIds };
      progress('done', `${step.objectName} updated and verified`);
    } catch (e) {
      if (e instanceof GraphWriteError && e.requestId) requestIds.push(e.requestId);
      record('failed', { before: step.before, after: step.after, detail: { error: errorText(e), status: e instanceof GraphWriteError ? e.status : undefined } });
      reports[i] = { ...reports[i]!, outcome: 'failed', requestIds, error: errorText(e) };
      progress('failed', errorText(e));
      return stop('failed', i, `Step ${i + 1} failed: ${errorText(e)}`);
    }
  }

  deps.audit.append({ ...base, at: now().toISOString(), objectType: 'exemptionPlan', objectId: plan.hash, action: AUDIT_ACTIONS.applied, outcome: 'success', detail: { expiresAt: plan.expiresAt, policies: plan.policies.map((p) => ({ id: p.policyId, strategy: p.strategy, action: p.action })) } });
  const changed = reports.filter((r) => r.outcome === 'done').length;
  return {
    status: 'applied',
    operationId,
    steps: reports,
    message: changed === 0
      ? 'Nothing changed: the tenant already matches the plan.'
      : `Applied ${changed} change${changed === 1 ? '' : 's'}, each read back and verified. Changes take 5–15 minutes to reach sign-ins; verify with the next Jamf Connect sign-in.`,
    next: ['verify', 'rollback'],
  };
}

/** Write steps of a plan as a stable list (for the CLI/UI). */
export function describeSteps(plan: ExemptionPlan): string[] {
  return plan.steps.map((s: PlanStep, i) => `${i + 1}. ${s.description}`);
}
