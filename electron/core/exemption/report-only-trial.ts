/**
 * The seed's advice as a workflow: test in report-only first. The attribute steps run for real
 * (tagging an app changes nothing until a policy filters on it); each chosen policy gets a
 * report-only COPY carrying the exclusion; once a Jamf Connect sign-in shows the copy as
 * `reportOnlyNotApplied`, the real policies are changed and the copies deleted. The real policies
 * are untouched until the trial confirms; copies are deleted whatever the outcome.
 */
import { AUDIT_ACTIONS, type AuditSink } from './audit.js';
import { applyPlan, type ApplyDeps, type ApplyResult } from './apply.js';
import { cloneJson } from './canonical-json.js';
import { GraphWriteError } from './graph-caller.js';
import { tenantOps } from './tenant-ops.js';
import type { ExemptionPlan, JsonObject } from './types.js';
import { watchVerification, type VerificationDeps, type VerificationResult } from './verify-watch.js';
import { randomUUID } from 'node:crypto';

export interface TrialOptions {
  readonly clientAppId: string;
  readonly userId?: string;
  readonly timeoutMs?: number;
  readonly pollMs?: number;
  readonly signal?: AbortSignal;
  /** Called once the copies exist — e.g. the CLI tells the operator to trigger a Jamf Connect sign-in. */
  readonly onCopiesCreated?: (copies: readonly { policyId: string; copyId: string }[]) => void | Promise<void>;
}

export interface TrialResult {
  readonly status: 'applied' | 'not-confirmed' | 'failed';
  readonly operationId: string;
  readonly copies: readonly { readonly policyId: string; readonly copyId: string; readonly deleted: boolean }[];
  readonly verification: VerificationResult | null;
  readonly apply: ApplyResult | null;
  readonly message: string;
}

const READ_ONLY_KEYS = ['id', 'createdDateTime', 'modifiedDateTime', 'templateId', 'deletedDateTime'];

/** The body of a report-only copy: the policy as read, with our applications, never enforced. */
export function reportOnlyCopyBody(policy: JsonObject, afterApplications: JsonObject): JsonObject {
  const body = cloneJson(policy);
  for (const k of READ_ONLY_KEYS) delete body[k];
  for (const k of Object.keys(body)) if (k.startsWith('@odata.')) delete body[k];
  body.displayName = `[Lockout Lens trial] ${String(policy.displayName ?? '')}`.slice(0, 256);
  body.state = 'enabledForReportingButNotEnforced';
  const apps = cloneJson(afterApplications);
  for (const k of ['globalSecureAccess', 'networkAccess']) if (apps[k] === null) delete apps[k];
  body.conditions = { ...(body.conditions as JsonObject), applications: apps };
  return body;
}

export async function runReportOnlyTrial(plan: ExemptionPlan, deps: ApplyDeps & { readonly audit: AuditSink; readonly verify?: Omit<VerificationDeps, 'graph'> }, opts: TrialOptions): Promise<TrialResult> {
  const now = deps.now ?? (() => new Date());
  const operationId = deps.operationId ?? randomUUID();
  const base = { actor: deps.actor, tenantId: plan.tenantId, operationId };
  // Record the full plan first so resume/rollback see every step, not just the attribute half.
  deps.audit.append({ ...base, at: now().toISOString(), objectType: 'exemptionPlan', objectId: plan.hash, action: AUDIT_ACTIONS.plan, after: plan, outcome: 'recorded', detail: { expiresAt: plan.expiresAt, summary: plan.summary, reportOnlyTrial: true } });

  const attributeHalf: ExemptionPlan = { ...plan, steps: plan.steps.filter((s) => s.kind !== 'update-policy') };
  if (attributeHalf.steps.length) {
    const r = await applyPlan(attributeHalf, { ...deps, operationId });
    if (r.status !== 'applied') return { status: 'failed', operationId, copies: [], verification: null, apply: r, message: `Trial stopped before the copies: ${r.message}` };
  }

  const copies: { policyId: string; copyId: string; deleted: boolean }[] = [];
  const cleanup = async () => {
    for (const c of copies) {
      if (c.deleted) continue;
      try {
        const reply = await tenantOps.deletePolicy(deps.graph, c.copyId);
        c.deleted = true;
        deps.audit.append({ ...base, at: now().toISOString(), objectType: 'conditionalAccessPolicy', objectId: c.copyId, action: `${AUDIT_ACTIONS.trial}.delete-copy`, requestIds: reply.requestId ? [reply.requestId] : [], outcome: 'success' });
      } catch (e) {
        deps.audit.append({ ...base, at: now().toISOString(), objectType: 'conditionalAccessPolicy', objectId: c.copyId, action: `${AUDIT_ACTIONS.trial}.delete-copy`, requestIds: e instanceof GraphWriteError && e.requestId ? [e.requestId] : [], outcome: 'failed', detail: { error: String(e) } });
      }
    }
  };

  // Sign-ins count from before the copies exist: one made right after creation must not be missed.
  const since = now().toISOString();
  for (const step of plan.steps.filter((s) => s.kind === 'update-policy')) {
    const decision = plan.policies.find((d) => d.policyId === step.objectId);
    if (!decision?.beforePolicy) continue;
    const body = reportOnlyCopyBody(decision.beforePolicy, step.after as JsonObject);
    deps.audit.append({ ...base, at: now().toISOString(), objectType: 'conditionalAccessPolicy', objectId: `copy-of:${step.objectId}`, action: `${AUDIT_ACTIONS.trial}.create-copy`, after: body, outcome: 'attempt' });
    try {
      const reply = await tenantOps.createPolicy(deps.graph, body);
      const copyId = String((reply.body as JsonObject | null)?.id ?? '');
      if (!copyId) throw new Error('the created copy has no id');
      copies.push({ policyId: step.objectId, copyId, deleted: false });
      deps.audit.append({ ...base, at: now().toISOString(), objectType: 'conditionalAccessPolicy', objectId: copyId, action: `${AUDIT_ACTIONS.trial}.create-copy`, after: reply.body, requestIds: reply.requestId ? [reply.requestId] : [], outcome: 'success', detail: { copyOf: step.objectId } });
    } catch (e) {
      deps.audit.append({ ...base, at: now().toISOString(), objectType: 'conditionalAccessPolicy', objectId: `copy-of:${step.objectId}`, action: `${AUDIT_ACTIONS.trial}.create-copy`, requestIds: e instanceof GraphWriteError && e.requestId ? [e.requestId] : [], outcome: 'failed', detail: { error: String(e) } });
      await cleanup();
      return { status: 'failed', operationId, copies, verification: null, apply: null, message: `Creating the report-only copy of "${step.objectName}" failed: ${String(e)}. The real policies were not changed.` };
    }
  }
  await opts.onCopiesCreated?.(copies);

  const expected = Object.fromEntries(copies.map((c) => [c.copyId, 'reportOnlyNotApplied' as const]));
  const verification = await watchVerification(
    { clientAppId: opts.clientAppId, since, expected, ...(opts.userId ? { userId: opts.userId } : {}), ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}), ...(opts.pollMs ? { pollMs: opts.pollMs } : {}) },
    { graph: deps.graph, ...(deps.verify ?? {}) },
    opts.signal,
  );
  if (verification.status !== 'verified') {
    await cleanup();
    return { status: 'not-confirmed', operationId, copies, verification, apply: null, message: `The report-only copies did not confirm the exemption; the real policies were not changed and the copies were deleted.\n${verification.message}` };
  }
  const apply = await applyPlan(plan, { ...deps, operationId });
  await cleanup();
  return {
    status: apply.status === 'applied' ? 'applied' : 'failed',
    operationId,
    copies,
    verification,
    apply,
    message: apply.status === 'applied' ? `The report-only copies showed "Not applied"; the real policies are now changed and the copies deleted.` : apply.message,
  };
}
