/**
 * "What if we exempt?" — the evaluator re-run for Jamf Connect's next password check on a modified
 * copy of the policies and service principals: the chosen policies get the exclusion (merged the way
 * the exemption planner would write it, exemption/policy-applications.ts), the target SP gets the
 * attribute. Answers whether the lockout would end, and what still blocks if not. Pure.
 */
import { PolicyPlanError, planPolicyApplications } from '../exemption/policy-applications.js';
import { DEFAULT_ATTRIBUTE_SETTINGS } from '../exemption/settings.js';
import type { AttributeSettings, ExemptionStrategy } from '../exemption/types.js';
import type { SignInOutcome } from '../policy/types.js';
import { loadAadstsCatalogue, type AadstsCatalogue } from './aadsts.js';
import { attemptsForInput } from './attempts.js';
import { evaluateNextCheck } from './prediction.js';
import { isObj, sameId, str } from './read.js';
import { buildVerdict, isCaCause } from './verdict.js';
import type { DiagnosisInput, RawJson } from './types.js';

export interface WhatIfExemptOptions {
  readonly policyIds: readonly string[];
  readonly targetAppId: string;
  readonly strategy: ExemptionStrategy;
  /** The custom security attribute (attribute-filter strategy); defaults to the app's own attribute settings. */
  readonly attribute?: { readonly set: string; readonly name: string; readonly value: string };
  /** ROPG scopes after the change (e.g. switching Jamf Connect to `api://<API-app-id>/jamfconnect`). */
  readonly ropgScopes?: readonly string[];
}

export interface WhatIfChange {
  readonly policyId: string;
  readonly displayName: string;
  readonly action: 'update' | 'unchanged' | 'not-found' | 'cannot-change';
  readonly strategy: ExemptionStrategy | null;
  readonly reason: string;
}

type OutcomeSummary = Pick<SignInOutcome, 'access' | 'errorCode' | 'decidingPolicyIds'> & { readonly lockedOut: boolean };

export interface WhatIfExemptResult {
  readonly before: OutcomeSummary;
  readonly after: OutcomeSummary;
  /** The next Jamf Connect check would no longer be blocked — and no non-CA cause keeps the user out. */
  readonly lockoutEnds: boolean;
  readonly explanation: string;
  readonly changes: readonly WhatIfChange[];
  readonly policyResults: readonly { readonly policyId: string; readonly before: string; readonly after: string }[];
}

function summary(o: SignInOutcome): OutcomeSummary {
  return { access: o.access, errorCode: o.errorCode, decidingPolicyIds: [...o.decidingPolicyIds], lockedOut: o.access === 'blocked' };
}

function withAttribute(sps: readonly RawJson[], targetAppId: string, s: AttributeSettings): RawJson[] {
  let found = false;
  const out = sps.map((sp) => {
    if (!sameId(str(sp, 'appId'), targetAppId)) return sp;
    found = true;
    const csa = isObj(sp['customSecurityAttributes']) ? { ...(sp['customSecurityAttributes'] as Record<string, unknown>) } : {};
    const set = isObj(csa[s.attributeSet]) ? (csa[s.attributeSet] as Record<string, unknown>) : { '@odata.type': '#microsoft.graph.customSecurityAttributeValue' };
    csa[s.attributeSet] = { ...set, [s.attributeName]: s.value };
    return { ...sp, customSecurityAttributes: csa };
  });
  // The target SP may be absent from the data (not synced): the what-if still models the tag on it.
  if (!found) out.push({ appId: targetAppId, customSecurityAttributes: { [s.attributeSet]: { '@odata.type': '#microsoft.graph.customSecurityAttributeValue', [s.attributeName]: s.value } } });
  return out;
}

export function whatIfExempt(input: DiagnosisInput, options: WhatIfExemptOptions, catalogue: AadstsCatalogue = loadAadstsCatalogue()): WhatIfExemptResult {
  const settings: AttributeSettings = options.attribute
    ? { ...DEFAULT_ATTRIBUTE_SETTINGS, attributeSet: options.attribute.set, attributeName: options.attribute.name, value: options.attribute.value }
    : DEFAULT_ATTRIBUTE_SETTINGS;
  const attempts = attemptsForInput(input, catalogue);
  const latest = attempts[0] ?? null;
  const changes: WhatIfChange[] = [];
  const policies = input.policies.map((p) => {
    if (!isObj(p) || !options.policyIds.some((id) => sameId(id, str(p, 'id')))) return p;
    const displayName = str(p, 'displayName') ?? '';
    try {
      const plan = planPolicyApplications({ ...p }, { appId: options.targetAppId }, settings, options.strategy);
      changes.push({ policyId: str(p, 'id')!, displayName, action: plan.action, strategy: plan.strategy, reason: plan.reason });
      const conditions = isObj(p['conditions']) ? p['conditions'] : {};
      return { ...p, conditions: { ...conditions, applications: plan.after } };
    } catch (error) {
      if (!(error instanceof PolicyPlanError)) throw error;
      changes.push({ policyId: str(p, 'id')!, displayName, action: 'cannot-change', strategy: null, reason: error.message });
      return p;
    }
  });
  for (const id of options.policyIds) {
    if (!changes.some((c) => sameId(c.policyId, id))) changes.push({ policyId: id, displayName: '', action: 'not-found', strategy: null, reason: 'no policy with this id in the current policies' });
  }
  const usesAttribute = changes.some((c) => c.action !== 'not-found' && c.strategy === 'attribute-filter');
  const servicePrincipals = usesAttribute ? withAttribute(input.servicePrincipals, options.targetAppId, settings) : input.servicePrincipals;
  const afterInput: DiagnosisInput = options.ropgScopes ? { ...input, config: { ...input.config, ropgScopes: options.ropgScopes } } : input;

  const before = evaluateNextCheck(input, latest);
  const after = evaluateNextCheck(afterInput, latest, { policies, servicePrincipals });
  const verdict = buildVerdict(attempts, input.policies);
  const nonCaLockout = verdict.lockedOut && !isCaCause(verdict.cause);
  const lockoutEnds = after.outcome.access !== 'blocked' && !nonCaLockout;
  const explanation = nonCaLockout
    ? `The user is locked out by AADSTS${verdict.primaryErrorCode} (${verdict.primaryErrorName}), which no Conditional Access exemption fixes; after that fix the check would be ${after.outcome.access}.`
    : before.outcome.access !== 'blocked'
      ? `Conditional Access does not block the next check today (${before.outcome.access}); after the change: ${after.outcome.access}.`
      : lockoutEnds
        ? `After the change the next Jamf Connect check would be ${after.outcome.access === 'granted' ? 'granted' : 'answered with an MFA prompt, which Jamf Connect counts as a correct password'}: the lockout ends.`
        : `After the change the next check is still blocked (AADSTS${after.outcome.errorCode}) by ${after.outcome.decidingPolicyIds.join(', ') || 'a policy'}: include ${after.outcome.decidingPolicyIds.length === 1 ? 'that policy' : 'those policies'} or check the target app (the sign-in's resource / audience).`;
  return {
    before: summary(before.outcome),
    after: summary(after.outcome),
    lockoutEnds,
    explanation,
    changes,
    policyResults: after.policies
      .filter((p) => options.policyIds.some((id) => sameId(id, p.policyId)))
      .map((p) => ({ policyId: p.policyId, before: before.policies.find((b) => b.policyId === p.policyId)?.result ?? 'unknown', after: p.result })),
  };
}
