/**
 * "Does the user's lockout end?" — the CA evaluator run twice on the user's failing sign-in: on the
 * tenant as read, and on the planned state (policies with the new conditions.applications, the
 * target service principal carrying our attribute). Pure.
 */
import { evaluate } from '../policy/evaluate.js';
import type { EvaluationDirectory, ServicePrincipalInfo, SignInContext } from '../policy/types.js';
import type { AttributeSettings, JsonObject, PolicyDecision, TargetServicePrincipal, WhatIfOutcome } from './types.js';

export interface WhatIfInput {
  /** The user's failing Jamf Connect sign-in, as CA sees it (from the diagnosis). */
  readonly signIn: SignInContext;
  readonly directory: EvaluationDirectory;
}

function withPlannedApplications(policy: JsonObject, decisions: readonly PolicyDecision[]): JsonObject {
  const d = decisions.find((x) => x.policyId === policy.id && x.action === 'update');
  if (!d || !d.afterApplications) return policy;
  const conditions = (policy.conditions ?? {}) as JsonObject;
  return { ...policy, conditions: { ...conditions, applications: d.afterApplications } };
}

function withAttribute(dir: EvaluationDirectory, target: TargetServicePrincipal, s: AttributeSettings, assign: boolean): EvaluationDirectory {
  if (!assign) return dir;
  const map = new Map(dir.servicePrincipalsByAppId);
  const current: ServicePrincipalInfo = map.get(target.appId) ?? { appId: target.appId, id: target.id, displayName: target.displayName };
  const csa = { ...(current.customSecurityAttributes ?? target.customSecurityAttributes ?? {}) } as Record<string, Record<string, unknown>>;
  csa[s.attributeSet] = { ...(csa[s.attributeSet] ?? { '@odata.type': '#microsoft.graph.customSecurityAttributeValue' }), [s.attributeName]: s.value };
  map.set(target.appId, { ...current, customSecurityAttributes: csa });
  return { ...dir, servicePrincipalsByAppId: map };
}

export function whatIfAfterPlan(
  input: WhatIfInput,
  allPolicies: readonly JsonObject[],
  decisions: readonly PolicyDecision[],
  target: TargetServicePrincipal,
  settings: AttributeSettings,
  assignsAttribute: boolean,
): WhatIfOutcome {
  const before = evaluate(allPolicies, input.signIn, input.directory);
  const planned = allPolicies.map((p) => withPlannedApplications(p, decisions));
  const after = evaluate(planned, input.signIn, withAttribute(input.directory, target, settings, assignsAttribute));
  const policyResults: Record<string, string> = {};
  for (const d of decisions) {
    const e = after.policies.find((p) => p.policyId === d.policyId);
    if (e) policyResults[d.policyId] = e.result;
  }
  const lockoutEnds = after.outcome.access !== 'blocked';
  const stillDeciding = after.outcome.decidingPolicyIds;
  const explanation = before.outcome.access !== 'blocked'
    ? `This sign-in is not blocked by Conditional Access today (${before.outcome.access}); the exemption is not what ends a lockout here.`
    : lockoutEnds
      ? `After the change the sign-in would be ${after.outcome.access === 'granted' ? 'granted' : 'answered with an MFA prompt, which Jamf Connect counts as a correct password'}.`
      : `After the change the sign-in is still blocked (AADSTS${after.outcome.errorCode}) by ${stillDeciding.join(', ') || 'a policy'} — include ${stillDeciding.length === 1 ? 'that policy' : 'those policies'} in the exemption or check the target app.`;
  return {
    before: { access: before.outcome.access, errorCode: before.outcome.errorCode, decidingPolicyIds: before.outcome.decidingPolicyIds },
    after: { access: after.outcome.access, errorCode: after.outcome.errorCode, decidingPolicyIds: stillDeciding },
    lockoutEnds,
    explanation,
    policyResults,
  };
}
