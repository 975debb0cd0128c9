/**
 * Per policy: the merged `conditions.applications` that stops the policy evaluating the target app,
 * or the reason nothing needs to change. Pure. Only the keys we must change are touched; every other
 * key of `applications` (and of the policy) is copied as read.
 *
 * A policy holds one application filter (graph-facts §2.8), so:
 *   no filter          → add ours, mode exclude
 *   exclude filter     → `(existing) -or (ours)`, unless the existing rule already implies ours
 *   include filter     → cannot add an exclude filter without replacing it → exclude the appId instead
 *   merged rule > 3072 → exclude the appId instead
 */
import { parseRule } from '../policy/rule-parser.js';
import { cloneJson } from './canonical-json.js';
import { impliedByOurValue } from './rule-implication.js';
import { MAX_RULE_LENGTH, definitionId, exemptionRule } from './settings.js';
import type { AttributeSettings, ExemptionStrategy, JsonObject } from './types.js';

export interface PolicyApplicationsPlan {
  readonly action: 'update' | 'unchanged';
  readonly strategy: ExemptionStrategy;
  /** Why this strategy / why no change — shown in the plan. */
  readonly reason: string;
  readonly before: JsonObject;
  readonly after: JsonObject;
}

export class PolicyPlanError extends Error {
  override readonly name = 'PolicyPlanError';
}

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function stringList(apps: JsonObject, key: string, policyName: string): string[] {
  const v = apps[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw new PolicyPlanError(`policy "${policyName}": conditions.applications.${key} is not a list of strings`);
  }
  return v as string[];
}

/** The policy's `conditions.applications`, or a clear error when the policy has an odd shape. */
export function readApplications(policy: JsonObject): JsonObject {
  const name = String(policy.displayName ?? policy.id ?? '(unnamed)');
  const conditions = policy.conditions;
  if (!isObject(conditions)) throw new PolicyPlanError(`policy "${name}" has no conditions object`);
  const apps = conditions.applications;
  if (!isObject(apps)) throw new PolicyPlanError(`policy "${name}" has no conditions.applications to add an exclusion to`);
  return apps;
}

function withExcludedApp(before: JsonObject, appId: string, policyName: string): JsonObject {
  const after = cloneJson(before);
  after.excludeApplications = [...stringList(before, 'excludeApplications', policyName), appId];
  return after;
}

export function planPolicyApplications(
  policy: JsonObject,
  target: { readonly appId: string; readonly displayName?: string },
  settings: AttributeSettings,
  preference: ExemptionStrategy,
): PolicyApplicationsPlan {
  const name = String(policy.displayName ?? policy.id ?? '(unnamed)');
  const before = cloneJson(readApplications(policy));
  const excluded = stringList(before, 'excludeApplications', name);
  const appLabel = target.displayName ? `"${target.displayName}" (${target.appId})` : target.appId;
  const ours = exemptionRule(settings);
  const exclusionOfApp = (reason: string): PolicyApplicationsPlan => ({
    action: 'update',
    strategy: 'exclude-app',
    reason,
    before,
    after: withExcludedApp(before, target.appId, name),
  });

  if (excluded.some((id) => id.toLowerCase() === target.appId.toLowerCase())) {
    return { action: 'unchanged', strategy: 'exclude-app', reason: `already excludes ${appLabel} under Exclude → resources`, before, after: cloneJson(before) };
  }

  const filter = before.applicationFilter;
  if (filter !== undefined && filter !== null && !isObject(filter)) {
    throw new PolicyPlanError(`policy "${name}": conditions.applications.applicationFilter is not an object`);
  }
  const mode = isObject(filter) ? filter.mode : undefined;
  const rule = isObject(filter) ? filter.rule : undefined;

  // An exclude filter that already covers our value: nothing to change on the policy, even when
  // the caller prefers exclude-app — the policy already carries our exclusion.
  if (mode === 'exclude' && typeof rule === 'string') {
    const parsed = parseRule(rule, 'application');
    if (parsed.ok && impliedByOurValue(parsed.ast.root, { definitionId: definitionId(settings), value: settings.value })) {
      return {
        action: 'unchanged',
        strategy: 'attribute-filter',
        reason: `the exclude filter already covers ${definitionId(settings)} = "${settings.value}"`,
        before,
        after: cloneJson(before),
      };
    }
  }

  if (preference === 'exclude-app') {
    return exclusionOfApp('exclude-app was chosen: the app id is added to Exclude → resources');
  }

  if (!isObject(filter)) {
    const after = cloneJson(before);
    after.applicationFilter = { mode: 'exclude', rule: ours };
    return { action: 'update', strategy: 'attribute-filter', reason: 'the policy has no application filter, so ours is added in exclude mode', before, after };
  }

  if (mode === 'include') {
    return exclusionOfApp(
      'the policy selects apps with an include-mode filter and a policy holds only one filter — adding an exclude filter would replace it, so the app id is excluded directly instead',
    );
  }
  if (mode !== 'exclude' || typeof rule !== 'string') {
    return exclusionOfApp(`the policy's application filter has an unexpected shape (mode ${JSON.stringify(mode)}), so it is left alone and the app id is excluded directly`);
  }

  const existing = parseRule(rule, 'application');
  if (!existing.ok) {
    return exclusionOfApp(`the existing filter rule cannot be parsed (${existing.error.message}) — we do not rewrite a rule we cannot read, so the app id is excluded directly`);
  }
  const merged = `(${rule}) -or (${ours})`;
  if (merged.length > MAX_RULE_LENGTH) {
    return exclusionOfApp(`merging would make the filter rule ${merged.length} characters, over the ${MAX_RULE_LENGTH}-character limit, so the app id is excluded directly`);
  }
  const check = parseRule(merged, 'application');
  if (!check.ok) {
    // Should not happen when both halves parse; refuse rather than write a rule Entra may reject.
    return exclusionOfApp(`the merged rule did not validate (${check.error.message}), so the app id is excluded directly`);
  }
  const after = cloneJson(before);
  after.applicationFilter = { ...(filter as JsonObject), mode: 'exclude', rule: merged };
  return {
    action: 'update',
    strategy: 'attribute-filter',
    reason: 'the policy already has an exclude filter; ours is joined to it with -or so both keep working',
    before,
    after,
  };
}
