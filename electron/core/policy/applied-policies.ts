/**
 * EvaluationResult → Graph beta `appliedConditionalAccessPolicies[]` entries (graph-facts §1.3), so
 * the emulator writes sign-in records shaped like Entra's. Flags enums are comma-separated strings
 * ("application,users"), `none` when empty; only conditions the policy configures are listed.
 */
import type { ConditionName, EvaluationResult, PolicyEvaluation, PolicyResult } from './types.js';

export interface AppliedConditionalAccessPolicy {
  readonly id: string;
  readonly displayName: string;
  readonly result: PolicyResult;
  readonly enforcedGrantControls: string[];
  readonly enforcedSessionControls: string[];
  readonly conditionsSatisfied: string;
  readonly conditionsNotSatisfied: string;
  readonly includeRulesSatisfied: { conditionalAccessCondition: ConditionName; ruleSatisfied: string }[];
  readonly excludeRulesSatisfied: { conditionalAccessCondition: ConditionName; ruleSatisfied: string }[];
}

export function toAppliedPolicy(p: PolicyEvaluation): AppliedConditionalAccessPolicy {
  const satisfied: string[] = [];
  const notSatisfied: string[] = [];
  const includeRules: AppliedConditionalAccessPolicy['includeRulesSatisfied'] = [];
  const excludeRules: AppliedConditionalAccessPolicy['excludeRulesSatisfied'] = [];
  // A policy that is off or unreadable was not evaluated by Entra: no conditions to report.
  if (p.result !== 'notEnabled' && p.result !== 'unknown') {
    for (const t of p.conditions) {
      if (t.configured === false) continue;
      (t.matched ? satisfied : notSatisfied).push(t.condition);
      for (const r of t.rulesSatisfied ?? []) {
        (r.kind === 'include' ? includeRules : excludeRules).push({ conditionalAccessCondition: t.condition, ruleSatisfied: r.rule });
      }
    }
  }
  return {
    id: p.policyId,
    displayName: p.displayName,
    result: p.result,
    enforcedGrantControls: [...p.enforcedGrantControls],
    enforcedSessionControls: [...(p.enforcedSessionControls ?? [])],
    conditionsSatisfied: satisfied.length > 0 ? satisfied.join(',') : 'none',
    conditionsNotSatisfied: notSatisfied.length > 0 ? notSatisfied.join(',') : 'none',
    includeRulesSatisfied: includeRules,
    excludeRulesSatisfied: excludeRules,
  };
}

export function toAppliedPolicies(result: EvaluationResult): AppliedConditionalAccessPolicy[] {
  return result.policies.map(toAppliedPolicy);
}
