/**
 * planExemption — the whole change, computed without a single write: which objects, in which order,
 * exactly what each looks like before and after, why each policy gets the strategy it gets, a
 * plain-language summary and a hash that identifies the plan in the audit log and for drift checks.
 */
import { z } from 'zod';
import { planAttributeSteps } from './attribute-steps.js';
import { canonicalJson, cloneJson, sha256Hex } from './canonical-json.js';
import { jsonDiff } from './json-diff.js';
import { PolicyPlanError, planPolicyApplications } from './policy-applications.js';
import { definitionId, resolveAttributeSettings } from './settings.js';
import type {
  AttributeSettings,
  ExemptionPlan,
  ExemptionStrategy,
  ExistingAttributeState,
  JsonObject,
  PlanStep,
  PolicyDecision,
  TargetServicePrincipal,
} from './types.js';
import { whatIfAfterPlan, type WhatIfInput } from './what-if.js';

export interface PlanInput {
  readonly tenantId: string;
  /** Every CA policy read from the tenant (raw Graph JSON) — the what-if needs all of them. */
  readonly policies: readonly JsonObject[];
  /** The policies to exempt the target from. */
  readonly policyIds: readonly string[];
  /** The service principal to exempt; null when the diagnosis found no app an exemption would help. */
  readonly target: TargetServicePrincipal | null;
  /** Why there is no target (from the diagnosis), shown as the blocker. */
  readonly noTargetReason?: string;
  readonly attribute?: Partial<AttributeSettings>;
  readonly existing: ExistingAttributeState;
  readonly strategy?: ExemptionStrategy;
  readonly expiresAt?: string | null;
  readonly whatIf?: WhatIfInput;
  /** Clock for createdAt (tests pass a fixed one). */
  readonly now?: Date;
}

const targetSchema = z.object({ id: z.string().min(1), appId: z.string().min(1), displayName: z.string().optional() }).passthrough();

/** Keys Graph returns as deprecated nulls that must not be echoed in a PATCH (graph-facts §2.4). */
const DEPRECATED_NULL_KEYS = ['globalSecureAccess', 'networkAccess'];

/** The PATCH body for a policy's applications: the whole object (lists sent explicitly), deprecated nulls left out. */
export function policyPatchBody(applications: JsonObject): JsonObject {
  const apps = cloneJson(applications);
  for (const k of DEPRECATED_NULL_KEYS) if (apps[k] === null) delete apps[k];
  if (!('applicationFilter' in apps)) apps.applicationFilter = null;
  return { conditions: { applications: apps } };
}

function policySummary(d: { strategy: ExemptionStrategy }, policyName: string, appName: string, s: AttributeSettings): string {
  return d.strategy === 'attribute-filter'
    ? `${appName} will no longer be evaluated by policy "${policyName}" for anyone: the policy will exclude apps tagged ${definitionId(s)} = "${s.value}".`
    : `${appName} will no longer be evaluated by policy "${policyName}" for anyone: its app id is listed under Exclude → resources.`;
}

export function planExemption(input: PlanInput): ExemptionPlan {
  const settings = resolveAttributeSettings(input.attribute);
  const preference: ExemptionStrategy = input.strategy ?? 'attribute-filter';
  const createdAt = (input.now ?? new Date()).toISOString();
  const blockers: string[] = [];
  const summary: string[] = [];
  const steps: PlanStep[] = [];
  const decisions: PolicyDecision[] = [];

  if (!input.target) {
    blockers.push(input.noTargetReason ?? 'no target app: the diagnosis found no app whose exemption would end this lockout');
  } else {
    const parsed = targetSchema.safeParse(input.target);
    if (!parsed.success) blockers.push(`target service principal is incomplete: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  if (input.policyIds.length === 0) blockers.push('no policy chosen: pass the policies that block the sign-in');

  const target = input.target;
  const appName = target ? (target.displayName ? `"${target.displayName}"` : target.appId) : '';
  const policySteps: PlanStep[] = [];

  if (target && blockers.length === 0) {
    for (const policyId of [...new Set(input.policyIds)]) {
      const policy = input.policies.find((p) => p.id === policyId);
      if (!policy) {
        decisions.push({ policyId, displayName: policyId, action: 'not-found', strategy: null, reason: 'no such policy in the tenant (deleted, or not readable without Policy.Read.All)', beforePolicy: null, beforeApplications: null, afterApplications: null, summary: '' });
        blockers.push(`policy ${policyId} was not found`);
        continue;
      }
      const name = String(policy.displayName ?? policyId);
      let p;
      try {
        p = planPolicyApplications(policy, target, settings, preference);
      } catch (error) {
        if (!(error instanceof PolicyPlanError)) throw error;
        blockers.push(error.message);
        continue;
      }
      const sentence = p.action === 'update' ? policySummary(p, name, appName, settings) : `Policy "${name}" is left as it is: it ${p.reason}.`;
      decisions.push({ policyId, displayName: name, action: p.action, strategy: p.strategy, reason: p.reason, beforePolicy: cloneJson(policy), beforeApplications: p.before, afterApplications: p.after, summary: sentence });
      if (p.action === 'update') {
        policySteps.push({
          id: `policy:${policyId}`,
          kind: 'update-policy',
          objectType: 'conditionalAccessPolicy',
          objectId: policyId,
          objectName: name,
          description: `Exclude ${appName} from "${name}" (${p.strategy}): ${p.reason}`,
          request: { method: 'PATCH', path: `/identity/conditionalAccess/policies/${encodeURIComponent(policyId)}`, body: policyPatchBody(p.after) },
          before: p.before,
          after: p.after,
          diff: jsonDiff(p.before, p.after, 'conditions.applications'),
          strategy: p.strategy,
          strategyReason: p.reason,
        });
      }
      summary.push(sentence);
    }
  }

  const needsAttribute = decisions.some((d) => d.strategy === 'attribute-filter');
  if (target && needsAttribute) {
    const a = planAttributeSteps(settings, input.existing, target);
    steps.push(...a.steps);
    blockers.push(...a.blockers);
    summary.unshift(...a.summary);
  }
  steps.push(...policySteps);
  if (input.expiresAt) summary.push(`The exemption expires at ${input.expiresAt}; then the policies are restored as they were before.`);
  if (target && blockers.length === 0 && steps.length === 0) summary.push(`Nothing to change: ${appName} is already exempt from every chosen policy.`);

  const whatIf = target && input.whatIf && blockers.length === 0
    ? whatIfAfterPlan(input.whatIf, input.policies, decisions, target, settings, needsAttribute)
    : null;

  const hash = sha256Hex(canonicalJson({
    tenantId: input.tenantId,
    target: target ? { id: target.id, appId: target.appId } : null,
    attribute: settings,
    steps: steps.map((s) => ({ id: s.id, request: s.request, before: s.before, after: s.after })),
    policies: decisions.map((d) => ({ id: d.policyId, action: d.action, before: d.beforePolicy, after: d.afterApplications })),
    expiresAt: input.expiresAt ?? null,
  }));

  return {
    formatVersion: 1,
    tenantId: input.tenantId,
    createdAt,
    target: target ? cloneJson(target) : { id: '', appId: '' },
    attribute: settings,
    strategyPreference: preference,
    steps,
    policies: decisions,
    blockers,
    summary,
    expiresAt: input.expiresAt ?? null,
    whatIf,
    hash,
  };
}
