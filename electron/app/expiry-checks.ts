/**
 * Time-boxed exemptions, app side: on start and on a timer (main wires startExpiryChecks to
 * checkExpiredExemptions) every exemption of the open tenant whose expiry has passed is rolled back
 * — automatically, because the operator chose the time box explicitly when they applied it. The
 * rollback is the core's (three-way checked, restored byte for byte, read back, audited).
 *
 * When it cannot roll back now (the tenant unreachable, nobody signed in, the policy changed by
 * someone else) the exemption stays listed as expired with a status that says why, and the next
 * tick tries again. Only the open tenant is checked: the others have no connection to write with.
 */
import { expireDue, listExpired } from '../core/exemption/expiry.js';
import type { AuditSink } from '../core/exemption/audit.js';
import type { ExemptionRecord } from '../core/exemption/records.js';
import type { AppContext } from './context.js';
import { appStore, exemptionWorkflow, refreshDemoSession, type ExemptionWorkflow } from './workflow-session.js';
import { mapGraphError } from '../core/graph/errors.js';
import { liveRuntime, noteReachability } from './live-session.js';

export interface ExpiryCheckResult {
  /** Exemptions rolled back by this check (restored, or found already restored). */
  readonly rolledBack: readonly string[];
  /** Exemptions past their expiry that are still in the tenant, with the reason. */
  readonly pending: ReadonlyArray<{ readonly exemptionId: string; readonly reason: string }>;
}

/** Per app context: why the last attempt to roll back an expired exemption did not succeed. */
const pendingReasons = new WeakMap<AppContext, Map<string, string>>();
/**
 * Exemptions whose policy someone else changed since: the core refuses (and audits the conflict)
 * rather than overwrite, so retrying every minute would only fill the audit log. Held back until
 * the operator rolls back by hand (or the app restarts).
 */
const conflicted = new WeakMap<AppContext, Set<string>>();

function reasonsOf(ctx: AppContext): Map<string, string> {
  let map = pendingReasons.get(ctx);
  if (!map) pendingReasons.set(ctx, (map = new Map()));
  return map;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The status listExemptions shows for an exemption past its expiry that is not rolled back yet,
 * or null when the exemption is not expired (the core status is shown then).
 */
export function expiryStatusText(ctx: AppContext, record: ExemptionRecord, now: Date): string | null {
  const expired = record.expiresAt !== null && Date.parse(record.expiresAt) <= now.getTime();
  if (!expired || record.status === 'rolled-back') return null;
  const reason = reasonsOf(ctx).get(record.operationId);
  return reason
    ? `expired — still in the tenant, rollback pending: ${reason} Retried at the next expiry check.`
    : 'expired — rolled back at the next expiry check (about a minute).';
}

export async function checkExpiredExemptions(ctx: AppContext): Promise<ExpiryCheckResult> {
  const session = ctx.session;
  if (!session) return { rolledBack: [], pending: [] };
  const now = ctx.ports.now();
  const audit = appStore(ctx).audit;
  const due = listExpired(audit, session.tenantId, now);
  const reasons = reasonsOf(ctx);
  if (due.length === 0) return { rolledBack: [], pending: [] };

  const pendAll = (reason: string): ExpiryCheckResult => {
    for (const r of due) reasons.set(r.operationId, reason);
    return { rolledBack: [], pending: due.map((r) => ({ exemptionId: r.operationId, reason })) };
  };
  if (session.mode === 'caseFile') return pendAll('a case file is read-only; open the tenant and sign in to roll it back.');

  let wf: ExemptionWorkflow;
  try {
    // Checks the sign-in of a live tenant on every tick; the demo's emulator is started if needed
    // (it is the tenant that holds the exemption) — only ever when something is due.
    wf = await exemptionWorkflow(ctx);
  } catch (error) {
    return pendAll(messageOf(error));
  }

  const held = conflicted.get(ctx) ?? new Set<string>();
  if (due.every((r) => held.has(r.operationId))) return { rolledBack: [], pending: due.map((r) => ({ exemptionId: r.operationId, reason: reasons.get(r.operationId) ?? '' })) };
  // expireDue lists what is due itself: hide the held-back operations from its view of the log.
  const unheld: AuditSink = {
    append: (entry) => audit.append(entry),
    byOperation: (id) => audit.byOperation(id),
    list: (tenantId, limit) => audit.list(tenantId, limit).filter((e) => !(e.operationId && held.has(e.operationId))),
  };
  let outcomes;
  try {
    outcomes = await expireDue(now, { auto: true }, { graph: wf.operator.graph, audit: unheld, actor: `${wf.operatorUpn} (expiry)`, tenantId: session.tenantId, now: ctx.ports.now });
  } catch (error) {
    // Thrown before or between writes (network down, token refused): nothing half-done is left
    // unrecorded — the core audits each write before sending it — so the next tick simply retries.
    ctx.ports.log.warn('expiry check: rollback could not run', { message: messageOf(error) });
    // The status bar must not keep saying "Online" when the tenant just failed to answer.
    const runtime = liveRuntime(ctx);
    if (runtime && mapGraphError(error).code === 'offline') noteReachability(ctx, runtime, false);
    const code = (error as { code?: unknown }).code;
    return pendAll(code === 'auth_required' || code === 'interaction_required'
      ? `the sign-in is no longer valid (${messageOf(error)}); sign in again to roll it back.`
      : `the rollback could not run (${messageOf(error)}).`);
  }

  const rolledBack: string[] = [];
  const pending: Array<{ exemptionId: string; reason: string }> = [];
  for (const o of outcomes) {
    const result = o.result;
    if (result === 'needs-confirmation') continue; // not produced with auto: true
    if (result.status === 'rolled-back' || result.status === 'nothing-to-do') {
      reasons.delete(o.operationId);
      held.delete(o.operationId);
      wf.applied.delete(o.operationId);
      rolledBack.push(o.operationId);
      ctx.ports.log.info('time-boxed exemption expired and was rolled back', { exemptionId: o.operationId, expiresAt: o.expiresAt });
      ctx.ports.emit('exemptionsChanged', { reason: 'expired', exemptionId: o.operationId });
    } else {
      if (result.status === 'conflict') {
        held.add(o.operationId);
        conflicted.set(ctx, held);
      }
      const reason = result.status === 'conflict'
        ? 'the policy was changed by someone else since the exemption was applied, so it was not overwritten; review both versions and roll back by hand.'
        : result.messages.join(' ') || `rollback ${result.status}.`;
      reasons.set(o.operationId, reason);
      pending.push({ exemptionId: o.operationId, reason });
    }
  }
  for (const r of due) {
    if (held.has(r.operationId) && !pending.some((p) => p.exemptionId === r.operationId)) pending.push({ exemptionId: r.operationId, reason: reasons.get(r.operationId) ?? '' });
  }
  if (rolledBack.length) await refreshDemoSession(ctx);
  return { rolledBack, pending };
}
