/**
 * The engine's Diagnosis turned into the contract's DiagnosisView: the fields the home view shows,
 * already worded, with the condition trace of every policy that hit Jamf Connect.
 */
import type { DiagnosisPolicy, DiagnosisView, TimelinePoint } from '../contract/schemas.js';
import type { Diagnosis, RawJson } from '../core/diagnosis/types.js';

function timelineOf(diagnosis: Diagnosis): TimelinePoint[] {
  return [...diagnosis.attempts]
    .sort((a, b) => (a.createdDateTime < b.createdDateTime ? -1 : a.createdDateTime > b.createdDateTime ? 1 : 0))
    .map((a) => ({
      signInId: a.signInId,
      at: a.createdDateTime,
      errorCode: a.errorCode,
      outcome: a.errorCode === 0 ? 'success' : a.passwordCorrect && !a.lockoutCause ? 'noise' : 'failure',
      category: a.category,
      label: a.errorCode === 0 ? 'Password check succeeded' : `AADSTS${a.errorCode} ${a.errorName}${a.failureReason ? ` — ${a.failureReason}` : ''}`,
    }));
}

function policiesOf(diagnosis: Diagnosis): DiagnosisPolicy[] {
  return diagnosis.policies.map((p) => {
    const logResults = Object.entries(p.logResults).sort((a, b) => b[1] - a[1]);
    const sources: ('log' | 'prediction')[] = [];
    if (logResults.length) sources.push('log');
    if (p.predicted?.applies) sources.push('prediction');
    return {
      policyId: p.id,
      displayName: p.displayName,
      state: p.state,
      sources,
      result: p.predicted?.cannotEvaluate ? `cannot evaluate: ${p.predicted.cannotEvaluate}` : p.predicted?.result ?? logResults[0]?.[0] ?? 'unknown',
      blocking: p.blocking,
      grantControls: [...p.enforcedGrantControls],
      conditions: (p.predicted?.conditions ?? []).map((c) => ({ condition: c.condition, matched: c.matched, reason: c.reason })),
    };
  });
}

export function toDiagnosisView(diagnosis: Diagnosis, user: RawJson, generatedAt: Date): DiagnosisView {
  const v = diagnosis.verdict;
  return {
    user: {
      id: diagnosis.user.id,
      userPrincipalName: diagnosis.user.userPrincipalName ?? '',
      displayName: diagnosis.user.displayName ?? diagnosis.user.userPrincipalName ?? diagnosis.user.id,
      accountEnabled: typeof user.accountEnabled === 'boolean' ? user.accountEnabled : null,
    },
    verdict: {
      lockedOut: v.lockedOut,
      cause: v.cause,
      primaryErrorCode: v.primaryErrorCode,
      since: v.since,
      attempts: v.attempts,
      blockingPolicyIds: [...v.blockingPolicyIds],
      headline: v.summary,
    },
    timeline: timelineOf(diagnosis),
    policies: policiesOf(diagnosis),
    recommendations: diagnosis.recommendations.map((r) => ({
      action: r.action,
      policyId: r.policyId ?? null,
      targetAppId: r.targetAppId ?? null,
      why: r.why,
    })),
    warnings: diagnosis.warnings.map((w) => w.message),
    windowDays: diagnosis.window.days,
    generatedAt: generatedAt.toISOString(),
  };
}
