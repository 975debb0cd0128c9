/**
 * Time-boxed exemptions: an applied exemption with an expiry is rolled back once the time has
 * passed — after the operator confirms, or automatically when they chose that (the `auto` flag of
 * `expireDue`, used by the scheduler-run `lockout-lens exemptions expire --auto`). On start and on a
 * timer the app calls `listExpired` to show what is due.
 */
import { listExemptions, type ExemptionRecord } from './records.js';
import { rollbackExemption, type RollbackDeps, type RollbackResult } from './rollback.js';
import type { AuditSink } from './audit.js';

/** `8h`, `30m`, `2d`, `90s` → milliseconds; a clear error otherwise. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)$/iu.exec(text.trim());
  if (!m) throw new Error(`"${text}" is not a duration — use e.g. 30m, 8h or 2d`);
  const n = Number(m[1]);
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]!.toLowerCase() as 's' | 'm' | 'h' | 'd'];
  const ms = n * unit;
  if (ms <= 0 || ms > 90 * 86_400_000) throw new Error(`expiry ${text} must be more than 0 and at most 90 days`);
  return ms;
}

export function expiryFrom(now: Date, duration: string): string {
  return new Date(now.getTime() + parseDuration(duration)).toISOString();
}

/** Applied (or partly applied) exemptions whose expiry has passed and that are not rolled back yet. */
export function listExpired(audit: AuditSink, tenantId: string, now: Date): ExemptionRecord[] {
  return listExemptions(audit, tenantId).filter((r) =>
    r.expiresAt !== null && Date.parse(r.expiresAt) <= now.getTime() && (r.status === 'applied' || r.status === 'incomplete' || r.status === 'rollback-incomplete'));
}

export interface ExpireOutcome {
  readonly operationId: string;
  readonly expiresAt: string;
  readonly result: RollbackResult | 'needs-confirmation';
}

/**
 * Reverts due exemptions when `auto` (otherwise lists them as needing confirmation). The attribute
 * is taken off the service principal only when no other still-active exemption relies on it.
 */
export async function expireDue(now: Date, opts: { readonly auto: boolean }, deps: RollbackDeps & { readonly audit: AuditSink; readonly tenantId: string }): Promise<ExpireOutcome[]> {
  const due = listExpired(deps.audit, deps.tenantId, now);
  const out: ExpireOutcome[] = [];
  for (const r of due) {
    if (!opts.auto) { out.push({ operationId: r.operationId, expiresAt: r.expiresAt!, result: 'needs-confirmation' }); continue; }
    const stillActive = listExemptions(deps.audit, deps.tenantId).filter((o) => o.operationId !== r.operationId && o.status === 'applied' && !(o.expiresAt && Date.parse(o.expiresAt) <= now.getTime()));
    const sharedTag = stillActive.some((o) => o.plan.target.id === r.plan.target.id && o.plan.policies.some((p) => p.strategy === 'attribute-filter'));
    const result = await rollbackExemption(r.operationId, { ...deps, actor: deps.actor }, { removeAssignment: !sharedTag });
    out.push({ operationId: r.operationId, expiresAt: r.expiresAt!, result });
  }
  return out;
}
