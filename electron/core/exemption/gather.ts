/**
 * Reads what the planner needs from the tenant, fresh (never from the cache: a plan must start
 * from what is there now): all CA policies, the target service principal with its custom security
 * attributes, and our attribute set and definition (with allowed values).
 */
import { GraphWriteError, type GraphCaller } from './graph-caller.js';
import { definitionId } from './settings.js';
import { tenantOps } from './tenant-ops.js';
import type { AttributeSettings, ExistingAttributeState, JsonObject, TargetServicePrincipal } from './types.js';

export interface GatheredState {
  readonly policies: JsonObject[];
  readonly target: TargetServicePrincipal | null;
  readonly existing: ExistingAttributeState;
  /** Set when the target app has no service principal in the tenant. */
  readonly targetProblem?: string;
}

export async function gatherPlanState(graph: GraphCaller, targetAppId: string, settings: AttributeSettings): Promise<GatheredState> {
  const policies = (await tenantOps.readPolicies(graph)).value;
  const sp = (await tenantOps.readServicePrincipalByAppId(graph, targetAppId)).value;
  let attributeSet: JsonObject | null = null;
  let definition: JsonObject | null = null;
  let unreadable: string | undefined;
  try {
    attributeSet = (await tenantOps.readAttributeSet(graph, settings.attributeSet)).value;
    definition = (await tenantOps.readDefinition(graph, definitionId(settings))).value;
  } catch (error) {
    // Without an attribute role Graph answers 403 — even Global Administrators (graph-facts §4.3).
    if (!(error instanceof GraphWriteError) || error.status !== 403) throw error;
    unreadable = `cannot read custom security attributes (403): the operator needs Attribute Definition Reader or Administrator (even Global Administrator has no rights to them by default), so the plan cannot tell what already exists`;
  }
  const target: TargetServicePrincipal | null = sp && typeof sp.id === 'string'
    ? {
        id: sp.id,
        appId: String(sp.appId ?? targetAppId),
        ...(typeof sp.displayName === 'string' ? { displayName: sp.displayName } : {}),
        customSecurityAttributes: (sp.customSecurityAttributes as JsonObject | null | undefined) ?? null,
      }
    : null;
  return {
    policies,
    target,
    existing: { attributeSet, definition, ...(unreadable ? { unreadable } : {}) },
    ...(target ? {} : { targetProblem: `app ${targetAppId} has no service principal (enterprise application) in this tenant — an app that is not in the tenant cannot be excluded` }),
  };
}
