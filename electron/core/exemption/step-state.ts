/**
 * Where a plan step stands in the tenant right now, read fresh: `pending` (the object is as the plan
 * found it), `done` (it already looks like the plan's after — a previous or resumed run wrote it,
 * so re-running changes nothing), or `drift` (someone changed it since the plan — stop, re-plan).
 * The same reading verifies a write: after the write, the step must read as `done`.
 */
import { canonicalJson, cloneJson } from './canonical-json.js';
import type { GraphCaller } from './graph-caller.js';
import { currentAssignedValue } from './attribute-steps.js';
import { tenantOps } from './tenant-ops.js';
import type { ExemptionPlan, JsonObject, PlanStep } from './types.js';

export interface StepState {
  readonly state: 'pending' | 'done' | 'drift';
  /** The part of the object the step is about, as read now. */
  readonly current: unknown;
  readonly requestId: string | null;
  readonly detail?: string;
}

const DEPRECATED_NULL_KEYS = ['globalSecureAccess', 'networkAccess'];

/** Applications compared by meaning: key order ignored, deprecated nulls and absent keys the same. */
export function normalizeApplications(apps: unknown): unknown {
  if (!apps || typeof apps !== 'object') return apps ?? null;
  const copy = cloneJson(apps) as JsonObject;
  for (const k of DEPRECATED_NULL_KEYS) if (copy[k] === null) delete copy[k];
  if (copy.applicationFilter === undefined) copy.applicationFilter = null;
  return copy;
}

export function sameApplications(a: unknown, b: unknown): boolean {
  return canonicalJson(normalizeApplications(a)) === canonicalJson(normalizeApplications(b));
}

/** The policy minus what we change and what Graph recalculates on every write. */
function policyRest(policy: JsonObject): string {
  const copy = cloneJson(policy);
  delete copy.modifiedDateTime;
  for (const k of Object.keys(copy)) if (k.startsWith('@odata.')) delete copy[k];
  const conditions = copy.conditions as JsonObject | undefined;
  if (conditions && typeof conditions === 'object') delete conditions.applications;
  return canonicalJson(copy);
}

export function applicationsOf(policy: JsonObject | null): unknown {
  return (policy?.conditions as JsonObject | undefined)?.applications ?? null;
}

export async function readStepState(step: PlanStep, plan: ExemptionPlan, graph: GraphCaller): Promise<StepState> {
  switch (step.kind) {
    case 'create-attribute-set': {
      const r = await tenantOps.readAttributeSet(graph, step.objectId);
      return { state: r.value ? 'done' : 'pending', current: r.value, requestId: r.requestId };
    }
    case 'create-attribute-definition': {
      const r = await tenantOps.readDefinition(graph, step.objectId);
      if (!r.value) return { state: 'pending', current: null, requestId: r.requestId };
      const fits = r.value.type === 'String' && r.value.isCollection !== true && r.value.status !== 'Deprecated';
      return fits
        ? { state: 'done', current: r.value, requestId: r.requestId }
        : { state: 'drift', current: r.value, requestId: r.requestId, detail: `attribute ${step.objectId} now exists with a shape the filter cannot use` };
    }
    case 'add-allowed-value': {
      const defId = step.objectId.slice(0, step.objectId.lastIndexOf('/'));
      const r = await tenantOps.readDefinition(graph, defId);
      const values = Array.isArray(r.value?.allowedValues) ? (r.value!.allowedValues as JsonObject[]) : [];
      const found = values.find((v) => v.id === plan.attribute.value);
      if (found && found.isActive === false) return { state: 'drift', current: found, requestId: r.requestId, detail: `the value "${plan.attribute.value}" was deactivated` };
      return { state: found ? 'done' : 'pending', current: found ?? null, requestId: r.requestId };
    }
    case 'assign-attribute': {
      const r = await tenantOps.readServicePrincipal(graph, step.objectId);
      if (!r.value) return { state: 'drift', current: null, requestId: r.requestId, detail: `service principal ${step.objectId} no longer exists` };
      const key = `${plan.attribute.attributeSet}_${plan.attribute.attributeName}`;
      const now = currentAssignedValue({ id: step.objectId, appId: '', customSecurityAttributes: r.value.customSecurityAttributes as JsonObject | null }, plan.attribute) ?? null;
      const current = { [key]: now };
      if (canonicalJson(current) === canonicalJson(step.after)) return { state: 'done', current, requestId: r.requestId };
      if (canonicalJson(current) === canonicalJson(step.before)) return { state: 'pending', current, requestId: r.requestId };
      return { state: 'drift', current, requestId: r.requestId, detail: `${key} on ${step.objectName} changed since the plan (now ${JSON.stringify(now)})` };
    }
    case 'update-policy': {
      const r = await tenantOps.readPolicy(graph, step.objectId);
      const decision = plan.policies.find((d) => d.policyId === step.objectId);
      if (!r.value) return { state: 'drift', current: null, requestId: r.requestId, detail: `policy "${step.objectName}" no longer exists` };
      const apps = applicationsOf(r.value);
      if (decision?.beforePolicy && policyRest(r.value) !== policyRest(decision.beforePolicy)) {
        return { state: 'drift', current: r.value, requestId: r.requestId, detail: `policy "${step.objectName}" was changed since the plan (outside conditions.applications)` };
      }
      if (sameApplications(apps, step.after)) return { state: 'done', current: apps, requestId: r.requestId };
      if (sameApplications(apps, step.before)) return { state: 'pending', current: apps, requestId: r.requestId };
      return { state: 'drift', current: apps, requestId: r.requestId, detail: `policy "${step.objectName}" conditions.applications changed since the plan` };
    }
  }
}
