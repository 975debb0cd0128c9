/** The exemption panel and the Exemptions & audit view. */
import type { ApplyResult, AuditEntry, ExemptionPlan, ExemptionSummary, Preflight, VerifyStatus } from '../../../../electron/contract/schemas.ts';
import type { ErrorInfo } from '../../../../electron/contract/envelope.ts';
import { call, subscribe } from '../api.ts';

export const exemption = $state({
  open: false,
  policyId: null as string | null,
  targetAppId: null as string | null,
  plan: null as ExemptionPlan | null,
  preflight: null as Preflight | null,
  applied: null as ApplyResult | null,
  verify: null as VerifyStatus | null,
  error: null as ErrorInfo | null,
  busy: false,
  /** The user whose diagnosis opened the panel (demo: whose Mac the simulated login runs on). */
  user: null as string | null,
  simulated: null as string | null,
  list: null as ExemptionSummary[] | null,
  listError: null as ErrorInfo | null,
  audit: null as AuditEntry[] | null,
  auditError: null as ErrorInfo | null,
});

export async function openExemption(policyId: string, targetAppId: string | null, user: string | null = null): Promise<void> {
  Object.assign(exemption, { open: true, policyId, targetAppId, user, plan: null, preflight: null, applied: null, verify: null, simulated: null, error: null, busy: true });
  const plan = await call('planExemption', { policyId, ...(targetAppId ? { targetAppId } : {}) });
  if (!plan.ok) {
    exemption.error = plan.error;
    exemption.busy = false;
    return;
  }
  exemption.plan = plan.value;
  const pre = await call('preflightExemption', { planId: plan.value.planId });
  exemption.busy = false;
  if (pre.ok) exemption.preflight = pre.value;
  else exemption.error = pre.error;
}

export async function applyExemption(): Promise<void> {
  const plan = exemption.plan;
  if (!plan) return;
  exemption.busy = true;
  const r = await call('applyExemption', { planId: plan.planId, confirmTenantId: plan.tenantId, confirmPolicyId: plan.policyId });
  exemption.busy = false;
  if (!r.ok) {
    exemption.error = r.error;
    return;
  }
  exemption.applied = r.value;
  await checkVerification();
}

export async function checkVerification(): Promise<void> {
  const id = exemption.applied?.exemptionId;
  if (!id) return;
  const v = await call('verifyExemption', { exemptionId: id });
  if (v.ok) exemption.verify = v.value;
  else exemption.error = v.error;
}

/** Demo tenant: run Jamf Connect's password check from the user's Mac, then look at the log again. */
export async function simulateLogin(): Promise<void> {
  if (!exemption.user) return;
  exemption.busy = true;
  const r = await call('simulateJamfConnectLogin', { user: exemption.user });
  exemption.busy = false;
  if (!r.ok) {
    exemption.error = r.error;
    return;
  }
  exemption.simulated = r.value.summary;
  await checkVerification();
}

export function closeExemption(): void {
  exemption.open = false;
}

export async function loadExemptionsAndAudit(): Promise<void> {
  const [list, audit] = await Promise.all([call('listExemptions', {}), call('listAuditLog', { offset: 0, limit: 200 })]);
  if (list.ok) Object.assign(exemption, { list: list.value, listError: null });
  else exemption.listError = list.error;
  if (audit.ok) Object.assign(exemption, { audit: audit.value, auditError: null });
  else exemption.auditError = audit.error;
}

export async function rollback(exemptionId: string): Promise<void> {
  const r = await call('rollbackExemption', { exemptionId });
  if (!r.ok) exemption.listError = r.error;
  await loadExemptionsAndAudit();
}

subscribe('verifyProgress', (status) => {
  if (exemption.applied?.exemptionId === status.exemptionId) exemption.verify = status;
});
