/**
 * The What If API's answer (`POST /identity/conditionalAccess/evaluate`, graph-facts §2.7):
 * a whatIfAnalysisResult per policy = the full policy JSON + `policyApplies` + `analysisReasons`
 * (flags, comma-separated; `notSet` when the policy applies). Report-only policies that are in
 * scope apply (they come back with their state); disabled ones do not (`policyNotEnabled`).
 */
import { evaluate } from './evaluate.js';
import type { ConditionName, EvaluationDirectory, PolicyEvaluation, SignInContext } from './types.js';

export type WhatIfAnalysisResult = Record<string, unknown> & {
  readonly policyApplies: boolean;
  readonly analysisReasons: string;
};

function reasonFor(condition: ConditionName, ctx: SignInContext): string {
  switch (condition) {
    case 'users':
      return 'users';
    case 'application':
      if (ctx.userAction) return 'userActions';
      if (ctx.authenticationContexts && ctx.authenticationContexts.length > 0) return 'authenticationContext';
      return 'application';
    case 'clientType':
      return 'clientApps';
    case 'devicePlatform':
      return 'devicePlatform';
    case 'location':
      return 'location';
    case 'deviceState':
      return 'devices';
    case 'signInRisk':
      return 'signInRisk';
    case 'userRisk':
      return 'userRisk';
    case 'insiderRisk':
      return 'insiderRisk';
    case 'authenticationFlows':
      return 'authenticationFlow';
    case 'servicePrincipalRisk':
      return 'workloadIdentities';
  }
}

function analysisReasons(p: PolicyEvaluation, ctx: SignInContext): { applies: boolean; reasons: string } {
  if (p.cannotEvaluate !== undefined) {
    const invalidCondition = /malformed|unknown (value|platform|control)/.test(p.cannotEvaluate);
    return { applies: false, reasons: invalidCondition ? 'invalidCondition' : 'invalidPolicy' };
  }
  const reasons: string[] = [];
  if (p.state === 'disabled') reasons.push('policyNotEnabled');
  for (const t of p.conditions) if (!t.matched) reasons.push(reasonFor(t.condition, ctx));
  const applies = p.applies && p.state !== 'disabled';
  return { applies, reasons: applies ? 'notSet' : [...new Set(reasons)].join(',') || 'notSet' };
}

export function whatIf(
  policies: readonly unknown[],
  ctx: SignInContext,
  dir: EvaluationDirectory,
  options: { readonly appliedPoliciesOnly?: boolean } = {},
): WhatIfAnalysisResult[] {
  const result = evaluate(policies, ctx, dir);
  const out: WhatIfAnalysisResult[] = [];
  result.policies.forEach((p, i) => {
    const { applies, reasons } = analysisReasons(p, ctx);
    if (options.appliedPoliciesOnly && !applies) return;
    const raw = policies[i];
    const base = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : { id: p.policyId };
    out.push({ ...base, policyApplies: applies, analysisReasons: reasons });
  });
  return out;
}
