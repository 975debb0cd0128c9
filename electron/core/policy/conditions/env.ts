/** What every condition evaluator gets: the prepared sign-in, the directory, a warnings sink. */
import type { PreparedContext } from '../context.js';
import type { ConditionName, ConditionTrace, EvaluationDirectory } from '../types.js';

export interface EvalEnv {
  readonly p: PreparedContext;
  readonly dir: EvaluationDirectory;
  /** Collects non-fatal notes (stale references, unread attributes) for PolicyEvaluation.warnings. */
  warn(message: string): void;
}

export type Rule = { readonly kind: 'include' | 'exclude'; readonly rule: string };

/** A trace for a condition the policy does not configure: it counts as matched. Shared, allocation-free. */
export function notConfigured(condition: ConditionName): ConditionTrace {
  return NOT_CONFIGURED[condition];
}

const NOT_CONFIGURED = Object.fromEntries(
  (
    [
      'users',
      'application',
      'clientType',
      'devicePlatform',
      'location',
      'deviceState',
      'signInRisk',
      'userRisk',
      'authenticationFlows',
      'servicePrincipalRisk',
      'insiderRisk',
    ] as const
  ).map((c) => [c, Object.freeze({ condition: c, matched: true, reason: 'not configured', configured: false })]),
) as Record<ConditionName, ConditionTrace>;

export function trace(condition: ConditionName, matched: boolean, reason: string, rulesSatisfied?: readonly Rule[]): ConditionTrace {
  return rulesSatisfied && rulesSatisfied.length > 0
    ? { condition, matched, reason, rulesSatisfied, configured: true }
    : { condition, matched, reason, configured: true };
}

/** GUID-shaped ids (object ids, app ids). Anything else in an id list is a keyword. */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
