/** The exemption panel and the Exemptions & audit view. */
import type { ApplyResult, AuditEntry, ExemptionPlan, ExemptionSummary, Preflight, VerifyStatus } from '../../../../electron/contract/schemas.ts';
import type { ErrorInfo } from '../../../../electron/contract/envelope.ts';
import { call, subscribe } from '../api.ts';
import { shown } from './app.svelte.ts';

/** The time boxes offered for an exemption; null = permanent until rolled back. */
export const DURATIONS: ReadonlyArray<{ hours: number | null; label: string }> = [
  { hours: null, label: 'Permanent until rolled back' },
  { hours: 4, label: '4 hours' },
  { hours: 24, label: '24 hours' },
  { hours: 72, label: '3 days' },
  { hours: 168, label: '7 days' },
];

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
  /** True from the Apply click until main answers: the time box can no longer change. */
  applying: false,
  /** The user whose diagnosis opened the panel (demo: whose Mac the simulated login runs on). */
  user: null as string | null,
  simulated: null as string | null,
  list: null as ExemptionSummary[] | null,
  listError: null as ErrorInfo | null,
  audit: null as AuditEntry[] | null,
  auditError: null as ErrorInfo | null,
  /** Time box of the plan on screen: revert after this many hours, or null for permanent. */
  expiresInHours: null as number | null,
  /** Why the list changed without being asked (a time-boxed exemption expired), for a quiet note. */
  changedNote: null as string | null,
  auditSavedTo: null as string | null,
  auditExportError: null as ErrorInfo | null,
});

export async function openExemption(policyId: string, targetAppId: string | null, user: string | null = null): Promise<void> {
  Object.assign(exemption, { open: true, policyId, targetAppId, user, expiresInHours: null });
  await planWithDuration();
}

/** Plan again with another time box: the diff and preflight shown must be those of what will be applied. */
export async function chooseDuration(hours: number | null): Promise<void> {
  // While a plan is still being made a newer choice simply wins (planSeq drops the older answer).
  if (exemption.applied || exemption.applying) return;
  exemption.expiresInHours = hours;
  await planWithDuration();
}

let planSeq = 0;

async function planWithDuration(): Promise<void> {
  const policyId = exemption.policyId;
  if (!policyId) return;
  const seq = ++planSeq;
  const hours = exemption.expiresInHours;
  Object.assign(exemption, { plan: null, preflight: null, applied: null, verify: null, simulated: null, error: null, busy: true });
  const plan = await call('planExemption', {
    policyId,
    ...(exemption.targetAppId ? { targetAppId: exemption.targetAppId } : {}),
    ...(hours !== null ? { expiresInHours: hours } : {}),
  });
  if (seq !== planSeq) return;
  if (!plan.ok) {
    exemption.error = plan.error;
    exemption.busy = false;
    return;
  }
  exemption.plan = plan.value;
  const pre = await call('preflightExemption', { planId: plan.value.planId });
  if (seq !== planSeq) return;
  exemption.busy = false;
  if (pre.ok) exemption.preflight = pre.value;
  else exemption.error = pre.error;
}

export async function applyExemption(): Promise<void> {
  const plan = exemption.plan;
  if (!plan) return;
  exemption.busy = true;
  exemption.applying = true;
  const r = await call('applyExemption', { planId: plan.planId, confirmTenantId: plan.tenantId, confirmPolicyId: plan.policyId });
  exemption.busy = false;
  exemption.applying = false;
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

/** The whole audit log to a file the operator picks; main shows the save dialog. */
export async function exportAuditLog(format: 'csv' | 'json'): Promise<void> {
  exemption.auditExportError = null;
  const r = await call('exportAuditLog', { format });
  if (r.ok) exemption.auditSavedTo = r.value.path;
  else exemption.auditExportError = shown(r.error);
}

// Main tells us when an exemption changed (applied, rolled back, or a time box ran out): the list on
// screen follows. Only an expiry happens without the operator's own click, so only it gets a note.
subscribe('exemptionsChanged', ({ reason }) => {
  if (reason === 'expired') exemption.changedNote = 'A time-boxed exemption expired and was rolled back.';
  if (exemption.list !== null || exemption.audit !== null) void loadExemptionsAndAudit();
});

subscribe('verifyProgress', (status) => {
  if (exemption.applied?.exemptionId === status.exemptionId) exemption.verify = status;
});
