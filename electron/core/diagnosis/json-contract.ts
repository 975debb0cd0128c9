/**
 * The stable JSON contracts of `lockout-lens diagnose --json` and `lockout-lens evaluate --json`
 * (docs/cli.md). Built field by field from the engine's objects so an internal rename cannot change
 * the contract silently; absent optional values are `null`, never missing keys.
 */
import type { EvaluationResult, PolicyEvaluation } from '../policy/types.js';
import type { Diagnosis } from './types.js';

export const DIAGNOSIS_JSON_VERSION = 1;
export const EVALUATION_JSON_VERSION = 1;

function conditionsJson(p: Pick<PolicyEvaluation, 'conditions'>) {
  return p.conditions.map((c) => ({ condition: c.condition, matched: c.matched, reason: c.reason }));
}

export function diagnosisJson(d: Diagnosis) {
  const v = d.verdict;
  return {
    schemaVersion: DIAGNOSIS_JSON_VERSION,
    user: { id: d.user.id, userPrincipalName: d.user.userPrincipalName, displayName: d.user.displayName },
    window: { from: d.window.from, to: d.window.to, days: d.window.days },
    source: { kind: d.source.kind, name: d.source.name ?? null, asOf: d.source.asOf ?? null },
    verdict: {
      lockedOut: v.lockedOut,
      cause: v.cause,
      primaryErrorCode: v.primaryErrorCode,
      primaryErrorName: v.primaryErrorName,
      since: v.since,
      attempts: v.attempts,
      blockingPolicyIds: [...v.blockingPolicyIds],
      blockingPolicySource: v.blockingPolicySource,
      baselineScopeAudience: v.baselineScopeAudience,
      summary: v.summary,
      evidence: v.evidence.map((e) => ({
        signInId: e.signInId,
        correlationId: e.correlationId,
        createdDateTime: e.createdDateTime,
        errorCode: e.errorCode,
        resourceId: e.resourceId,
        conditionalAccessAudiences: e.conditionalAccessAudiences,
        appliedPoliciesVisible: e.appliedPoliciesVisible,
        policies: e.policies.map((p) => ({
          id: p.id,
          displayName: p.displayName,
          result: p.result,
          enforcedGrantControls: [...p.enforcedGrantControls],
          conditionsSatisfied: p.conditionsSatisfied ?? null,
          conditionsNotSatisfied: p.conditionsNotSatisfied ?? null,
          includeRulesSatisfied: p.includeRulesSatisfied ? p.includeRulesSatisfied.map((r) => ({ ...r })) : null,
          excludeRulesSatisfied: p.excludeRulesSatisfied ? p.excludeRulesSatisfied.map((r) => ({ ...r })) : null,
        })),
      })),
    },
    policies: d.policies.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      state: p.state,
      blocking: p.blocking,
      wouldBlockIfEnforced: p.wouldBlockIfEnforced,
      logResults: { ...p.logResults },
      enforcedGrantControls: [...p.enforcedGrantControls],
      predicted: p.predicted
        ? { applies: p.predicted.applies, result: p.predicted.result, cannotEvaluate: p.predicted.cannotEvaluate ?? null, conditions: conditionsJson(p.predicted) }
        : null,
    })),
    prediction: {
      access: d.prediction.access,
      errorCode: d.prediction.errorCode,
      lockedOut: d.prediction.lockedOut,
      decidingPolicyIds: [...d.prediction.decidingPolicyIds],
      audiences: [...d.prediction.audiences],
      context: { ...d.prediction.context, scopes: [...d.prediction.context.scopes] },
      disagreement: d.prediction.disagreement ? { kind: d.prediction.disagreement.kind, detail: d.prediction.disagreement.detail } : null,
    },
    noise: { mfaOnlyAttempts: d.noise.mfaOnlyAttempts, codes: d.noise.codes.map((c) => ({ ...c })), policyIds: [...d.noise.policyIds] },
    recommendations: d.recommendations.map((r) => ({ action: r.action, policyId: r.policyId ?? null, targetAppId: r.targetAppId ?? null, why: r.why })),
    warnings: d.warnings.map((w) => ({ code: w.code, message: w.message })),
    attempts: d.attempts.map((a) => ({
      signInId: a.signInId,
      correlationId: a.correlationId,
      createdDateTime: a.createdDateTime,
      appId: a.appId,
      errorCode: a.errorCode,
      errorName: a.errorName,
      category: a.category,
      passwordCorrect: a.passwordCorrect,
      lockoutCause: a.lockoutCause,
      resourceId: a.resourceId,
      conditionalAccessAudiences: a.conditionalAccessAudiences,
      isInteractive: a.isInteractive,
    })),
  };
}

export function evaluationJson(r: EvaluationResult) {
  return {
    schemaVersion: EVALUATION_JSON_VERSION,
    policies: r.policies.map((p) => ({
      id: p.policyId,
      displayName: p.displayName,
      state: p.state,
      applies: p.applies,
      result: p.result,
      grantControls: p.grant ? [...p.grant.builtInControls] : [],
      unsatisfiedControls: p.grant ? [...p.grant.unsatisfied] : [],
      cannotEvaluate: p.cannotEvaluate ?? null,
      audience: p.audience,
      conditions: conditionsJson(p),
    })),
    outcome: {
      access: r.outcome.access,
      errorCode: r.outcome.errorCode,
      decidingPolicyIds: [...r.outcome.decidingPolicyIds],
      conditionalAccessStatus: r.outcome.conditionalAccessStatus,
    },
    audiences: [...r.audiences],
  };
}
