/** Per-policy findings and MFA noise: the policies that touched this user's Jamf Connect checks. */
import { isObj, sameId, str } from './read.js';
import { analyseStreak, isInteractiveOnlyFailure } from './verdict.js';
import type { Attempt, Noise, PolicyFinding, Prediction, Verdict } from './types.js';

/**
 * MFA noise: answers Jamf Connect counts as password-correct (50076…), and — inside a lockout — the
 * policies that failed only on interactive controls next to the real block. Both raise the user's
 * risk; neither is the lockout.
 */
export function collectNoise(attempts: readonly Attempt[], verdict: Verdict): Noise {
  const noisy = attempts.filter((a) => a.passwordCorrect && a.errorCode !== 0);
  const counts = new Map<number, number>();
  for (const a of noisy) counts.set(a.errorCode, (counts.get(a.errorCode) ?? 0) + 1);
  const policyIds = new Set<string>();
  for (const a of noisy) for (const p of a.appliedPolicies ?? []) if (p.result === 'failure' && p.id) policyIds.add(p.id);
  if (verdict.lockedOut) {
    for (const a of analyseStreak(attempts).streak) {
      for (const p of a.appliedPolicies ?? []) if (p.id && isInteractiveOnlyFailure(p) && !verdict.blockingPolicyIds.includes(p.id)) policyIds.add(p.id);
    }
  }
  return {
    mfaOnlyAttempts: noisy.length,
    codes: [...counts].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count),
    policyIds: [...policyIds],
  };
}

export function collectPolicyFindings(policies: readonly unknown[], attempts: readonly Attempt[], verdict: Verdict, prediction: Prediction): PolicyFinding[] {
  const ids: string[] = [];
  const logResults = new Map<string, Map<string, number>>();
  const names = new Map<string, string>();
  const controls = new Map<string, readonly string[]>();
  for (const a of attempts) {
    for (const p of a.appliedPolicies ?? []) {
      if (!p.id || p.result === 'notEnabled') continue;
      if (!logResults.has(p.id)) { logResults.set(p.id, new Map()); ids.push(p.id); }
      const m = logResults.get(p.id)!;
      m.set(p.result, (m.get(p.result) ?? 0) + 1);
      if (!names.has(p.id) && p.displayName) names.set(p.id, p.displayName);
      if (!controls.has(p.id) && p.enforcedGrantControls.length) controls.set(p.id, p.enforcedGrantControls);
    }
  }
  for (const p of prediction.policies) if (p.applies && p.policyId && !logResults.has(p.policyId)) { logResults.set(p.policyId, new Map()); ids.push(p.policyId); }
  for (const id of verdict.blockingPolicyIds) if (!logResults.has(id)) { logResults.set(id, new Map()); ids.push(id); }

  return ids.map((id) => {
    const current = policies.find((p) => isObj(p) && sameId(str(p, 'id'), id));
    const evaluation = prediction.policies.find((p) => sameId(p.policyId, id)) ?? null;
    return {
      id,
      displayName: (isObj(current) ? str(current, 'displayName') : null) ?? names.get(id) ?? `unknown policy ${id}`,
      state: isObj(current) ? str(current, 'state') ?? 'unknown' : 'missing',
      logResults: Object.fromEntries(logResults.get(id)!),
      enforcedGrantControls: controls.get(id) ?? evaluation?.enforcedGrantControls ?? [],
      blocking: verdict.blockingPolicyIds.includes(id),
      wouldBlockIfEnforced: (logResults.get(id)!.get('reportOnlyFailure') ?? 0) > 0 || evaluation?.result === 'reportOnlyFailure',
      predicted: evaluation
        ? { applies: evaluation.applies, result: evaluation.result, conditions: evaluation.conditions, ...(evaluation.cannotEvaluate ? { cannotEvaluate: evaluation.cannotEvaluate } : {}) }
        : null,
    };
  });
}
