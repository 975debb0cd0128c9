/**
 * The exemption workflow behind the UI, for the demo tenant and live tenants alike: each call takes
 * the open session's workflow (workflow-session.ts: who writes, with which Graph caller) and runs
 * the core's plan → preflight → apply → verify → rollback (electron/core/exemption), with the
 * audit log in the app's SQLite store. Apply and rollback tell the renderer (exemptionsChanged).
 */
import { randomUUID } from 'node:crypto';
import { IpcError } from '../contract/envelope.js';
import type { ApplyResult as ApplyView, AuditEntry as AuditView, ExemptionPlan as PlanView, ExemptionSummary, Preflight, VerifyStatus } from '../contract/schemas.js';
import { applyPlan, type ApplyResult } from '../core/exemption/apply.js';
import { gatherPlanState } from '../core/exemption/gather.js';
import { planExemption } from '../core/exemption/plan.js';
import { acquireMissingScopes, preflightPlan } from '../core/exemption/preflight.js';
import { listExemptions } from '../core/exemption/records.js';
import { rollbackExemption } from '../core/exemption/rollback.js';
import type { ExemptionPlan, JsonObject } from '../core/exemption/types.js';
import { watchVerification, type ExpectedResult } from '../core/exemption/verify-watch.js';
import type { AppContext, TenantSession } from './context.js';
import { expiryStatusText } from './expiry-checks.js';
import { appStore, attributeFor, exemptionWorkflow, refreshDemoSession, type ExemptionWorkflow, type PlannedItem } from './workflow-session.js';

// Kept importable from here: handlers, main, the harness and live-session.ts use these names.
export { appStore, closeWorkflow, refreshDemoSession, stopDemoEmulator } from './workflow-session.js';

const pretty = (v: unknown) => (v === null || v === undefined ? '(does not exist yet)' : JSON.stringify(v, null, 2));

function planView(item: PlannedItem, session: TenantSession): PlanView {
  const { plan } = item;
  const section = (s: ExemptionPlan['steps'][number], side: 'before' | 'after') => `# ${s.objectName} (${s.kind})\n${pretty(s[side])}`;
  return {
    planId: '',
    tenantId: plan.tenantId,
    tenantName: session.tenantName,
    policyId: item.policyId,
    policyName: item.policyName,
    targetAppId: plan.target.appId,
    targetAppName: plan.target.displayName ?? plan.target.appId,
    expiresAt: plan.expiresAt,
    steps: plan.steps.map((s) => ({ kind: s.kind, description: s.description })),
    diff: { before: plan.steps.map((s) => section(s, 'before')).join('\n\n'), after: plan.steps.map((s) => section(s, 'after')).join('\n\n') },
    warnings: [...plan.blockers, ...(plan.whatIf && !plan.whatIf.lockoutEnds ? ['The what-if says this change alone would not end the lockout.'] : [])],
  };
}

export async function planSessionExemption(ctx: AppContext, args: { policyId: string; targetAppId?: string; expiresInHours?: number }): Promise<PlanView> {
  const session = requireOpen(ctx);
  const wf = await exemptionWorkflow(ctx);
  const targetAppId = args.targetAppId ?? session.jamfConnectAppIds[0];
  if (!targetAppId) throw new IpcError('preconditionFailed', 'No Jamf Connect app is known for this tenant; set its client id in Settings.');
  const attribute = attributeFor(ctx, session);
  const gathered = await gatherPlanState(wf.operator.graph, targetAppId, attribute);
  const policy = gathered.policies.find((p) => p.id === args.policyId) as JsonObject | undefined;
  if (!policy) throw new IpcError('notFound', `The tenant has no Conditional Access policy ${args.policyId} (it may have been deleted since the last sync).`);
  const expiresAt = args.expiresInHours ? new Date(ctx.ports.now().getTime() + args.expiresInHours * 3600_000).toISOString() : null;
  const plan = planExemption({
    tenantId: wf.tenantId,
    policies: gathered.policies,
    policyIds: [args.policyId],
    target: gathered.target,
    noTargetReason: gathered.targetProblem ?? `No service principal for app ${targetAppId} in the tenant.`,
    attribute,
    existing: gathered.existing,
    expiresAt,
    now: ctx.ports.now(),
  });
  const expected: Record<string, ExpectedResult> = { [args.policyId]: policy.state === 'enabledForReportingButNotEnforced' ? 'reportOnlyNotApplied' : 'notApplied' };
  const item: PlannedItem = { plan, policyId: args.policyId, policyName: typeof policy.displayName === 'string' ? policy.displayName : args.policyId, expected, preflight: null };
  const planId = `plan-${randomUUID()}`;
  wf.plans.set(planId, item);
  return { ...planView(item, session), planId };
}

function requireOpen(ctx: AppContext): TenantSession {
  if (!ctx.session) throw new IpcError('noTenant', 'No tenant is open.');
  return ctx.session;
}

function planItem(wf: ExemptionWorkflow, planId: string): PlannedItem {
  const item = wf.plans.get(planId);
  if (!item) throw new IpcError('preconditionFailed', 'This plan is no longer known (the app restarted or the tenant was closed); plan again.');
  return item;
}

export async function preflightSessionExemption(ctx: AppContext, planId: string): Promise<Preflight> {
  const wf = await exemptionWorkflow(ctx);
  const item = planItem(wf, planId);
  let operator = await wf.operator.identity();
  let pre = preflightPlan(item.plan, operator);
  if (pre.missingScopes.length && pre.missingRoles.length === 0) {
    // Least privilege: write scopes are asked for only now, for exactly this plan (a consent prompt on a live tenant).
    operator = await acquireMissingScopes(pre, operator, wf.operator, async () => (await wf.operator.identity()).scopes);
    pre = preflightPlan(item.plan, operator);
  }
  item.preflight = pre;
  const checks = [
    { name: 'Plan', passed: item.plan.blockers.length === 0, detail: item.plan.blockers.join(' ') || `${item.plan.steps.length} change(s), each read back after writing.` },
    { name: 'Roles', passed: pre.missingRoles.length === 0, detail: pre.missingRoles.length ? pre.missingRoles.map((r) => `${r.what}: needs ${r.anyOf.map((x) => x.name).join(' or ')}`).join('; ') : `${pre.operator} holds the roles every step needs.` },
    { name: 'Permissions', passed: pre.missingScopes.length === 0, detail: pre.missingScopes.length ? `Consent missing for ${pre.missingScopes.join(', ')}.` : 'Write permissions granted for this change.' },
  ];
  return { passed: pre.ok && item.plan.blockers.length === 0, checks };
}

const STEP_STATUS: Record<string, 'done' | 'failed' | 'skipped' | 'pending'> = { done: 'done', 'already-done': 'skipped', failed: 'failed', drift: 'failed', 'not-run': 'pending' };

function applyView(result: ApplyResult): ApplyView {
  return {
    exemptionId: result.operationId,
    steps: result.steps.map((s) => ({ name: s.description, status: STEP_STATUS[s.outcome] ?? 'pending', detail: s.error ?? (s.outcome === 'already-done' ? 'already in place' : '') })),
  };
}

export async function applySessionExemption(ctx: AppContext, args: { planId: string; confirmTenantId: string; confirmPolicyId: string }): Promise<ApplyView> {
  const wf = await exemptionWorkflow(ctx);
  const item = planItem(wf, args.planId);
  if (args.confirmTenantId !== item.plan.tenantId || args.confirmPolicyId !== item.policyId) {
    throw new IpcError('preconditionFailed', 'The confirmation does not name this plan\'s tenant and policy; nothing was changed.');
  }
  if (!item.preflight?.ok) throw new IpcError('preconditionFailed', 'Run the preflight first; it must pass before anything is written.');
  const jobId = `apply-${args.planId}`;
  const since = ctx.ports.now().toISOString();
  const result = await applyPlan(item.plan, {
    graph: wf.operator.graph,
    audit: appStore(ctx).audit,
    actor: wf.operatorUpn,
    now: ctx.ports.now,
    onProgress: (p) => ctx.ports.emit('jobProgress', { jobId, kind: 'exemption', phase: p.phase, done: p.index, total: p.total, message: p.message, finished: false }),
  });
  ctx.ports.emit('jobProgress', { jobId, kind: 'exemption', phase: result.status, done: result.steps.length, total: result.steps.length, message: result.message, finished: true });
  wf.plans.delete(args.planId);
  if (result.status === 'applied') {
    wf.applied.set(result.operationId, { since, clientAppId: ctx.session?.jamfConnectAppIds[0] ?? '', expected: item.expected });
  }
  // Even a stopped apply is in the audit log and the exemption list (as incomplete, to resume or roll back).
  ctx.ports.emit('exemptionsChanged', { reason: 'applied', exemptionId: result.operationId });
  await refreshDemoSession(ctx);
  return applyView(result);
}

export async function verifySessionExemption(ctx: AppContext, exemptionId: string): Promise<VerifyStatus> {
  const wf = await exemptionWorkflow(ctx);
  const applied = wf.applied.get(exemptionId);
  if (!applied) throw new IpcError('notFound', 'No exemption applied in this session has that id.');
  // One look at the log (timeout 0): the renderer asks again after the next Jamf Connect sign-in.
  const result = await watchVerification({ clientAppId: applied.clientAppId, since: applied.since, expected: applied.expected, timeoutMs: 0 }, { graph: wf.operator.graph, now: () => ctx.ports.now().getTime() });
  const status: VerifyStatus = {
    exemptionId,
    status: result.status === 'verified' ? 'verified' : result.policies.some((p) => p.status === 'still-applies') || result.status === 'error' ? 'failed' : 'waiting',
    detail: result.status === 'verified' ? result.message : result.policies.some((p) => p.status === 'still-applies') ? `A new sign-in still shows ${result.policies.map((p) => p.lastResult).join(', ')}.` : result.status === 'error' ? result.message : 'Waiting for the next Jamf Connect sign-in.',
    signInId: result.policies.find((p) => p.signInId)?.signInId ?? null,
  };
  ctx.ports.emit('verifyProgress', status);
  return status;
}

/** Demo only: the user's Mac runs Jamf Connect's password check against the emulator. */
export async function simulateDemoLogin(ctx: AppContext, user: string): Promise<{ signInId: string; errorCode: number; summary: string }> {
  const session = requireOpen(ctx);
  if (session.mode !== 'demo') throw new IpcError('preconditionFailed', 'Simulated logins exist only in the demo tenant.');
  const wf = await exemptionWorkflow(ctx);
  const found = session.snapshot.users.find((u) => u.id === user || String(u.userPrincipalName).toLowerCase() === user.toLowerCase());
  if (!found || typeof found.userPrincipalName !== 'string') throw new IpcError('notFound', `No user ${user} in the demo tenant.`);
  const r = wf.emulator!.control.simulateJamfConnectLogin({ userPrincipalName: found.userPrincipalName });
  await refreshDemoSession(ctx);
  return {
    signInId: typeof r.signIn?.id === 'string' ? r.signIn.id : '',
    errorCode: r.errorCode,
    summary: r.errorCode === 0 ? 'The password check succeeded.' : r.errorCode === 50076 ? 'MFA required (AADSTS50076) — Jamf Connect counts this as a correct password.' : `The password check failed with AADSTS${r.errorCode}.`,
  };
}

/** Exemptions of the open tenant from the audit log; a time-boxed one past its expiry says where its rollback stands. */
export function listSessionExemptions(ctx: AppContext): ExemptionSummary[] {
  const session = ctx.session;
  if (!session) return [];
  const now = ctx.ports.now();
  return listExemptions(appStore(ctx).audit, session.tenantId).map((r) => ({
    exemptionId: r.operationId,
    policyId: r.plan.policies.map((p) => p.policyId).join(', '),
    policyName: r.plan.policies.map((p) => p.displayName ?? p.policyId).join(', '),
    targetAppId: r.plan.target.appId,
    createdAt: r.appliedAt ?? r.createdAt,
    expiresAt: r.expiresAt,
    status: expiryStatusText(ctx, r, now) ?? r.status,
  }));
}

export async function rollbackSessionExemption(ctx: AppContext, exemptionId: string): Promise<ApplyView> {
  const wf = await exemptionWorkflow(ctx);
  const result = await rollbackExemption(exemptionId, { graph: wf.operator.graph, audit: appStore(ctx).audit, actor: wf.operatorUpn, now: ctx.ports.now });
  if (result.status === 'not-found') throw new IpcError('notFound', `No exemption ${exemptionId} in the audit log.`);
  if (result.status === 'conflict') throw new IpcError('preconditionFailed', `The policy changed since the exemption was applied; nothing was restored. ${result.messages.join(' ')}`);
  wf.applied.delete(exemptionId);
  if (result.status !== 'failed') ctx.ports.emit('exemptionsChanged', { reason: 'rolledBack', exemptionId });
  await refreshDemoSession(ctx);
  return {
    exemptionId,
    steps: [
      ...result.restored.map((id) => ({ name: `Restored ${id}`, status: 'done' as const, detail: '' })),
      ...result.alreadyRestored.map((id) => ({ name: `${id} was already restored`, status: 'skipped' as const, detail: '' })),
      ...(result.status === 'failed' ? [{ name: 'Rollback', status: 'failed' as const, detail: result.messages.join(' ') }] : []),
    ],
  };
}

export function listSessionAudit(ctx: AppContext, offset: number, limit: number): AuditView[] {
  const session = ctx.session;
  if (!session) return [];
  return appStore(ctx)
    .audit.list(session.tenantId, offset + limit)
    .slice(offset)
    .map((e) => ({
      id: String(e.seq),
      at: e.at,
      operator: e.actor,
      action: e.action,
      target: `${e.objectType} ${e.objectId}`,
      outcome: e.outcome,
      detail: e.detail === undefined ? '' : JSON.stringify(e.detail),
    }));
}
