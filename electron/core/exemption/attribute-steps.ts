/**
 * The attribute half of the attribute-filter strategy: ensure the attribute set, the definition and
 * its allowed value exist (only the missing ones), and tag the target service principal. Pure.
 * An existing definition of the wrong shape is a blocker, not something we "fix": type and
 * isCollection are immutable in Entra (graph-facts §4.1), and only String attributes work in app
 * filters (§3.1).
 */
import { jsonDiff } from './json-diff.js';
import { CSA_WRITE_ODATA_TYPE, definitionId } from './settings.js';
import type { AttributeSettings, ExistingAttributeState, JsonObject, PlanStep, TargetServicePrincipal } from './types.js';

export interface AttributeStepsResult {
  readonly steps: PlanStep[];
  readonly blockers: string[];
  readonly summary: string[];
}

function step(s: Omit<PlanStep, 'diff'>): PlanStep {
  return { ...s, diff: jsonDiff(s.before, s.after) };
}

/** The target SP's current value of our attribute (undefined when not assigned / not readable). */
export function currentAssignedValue(target: TargetServicePrincipal, s: AttributeSettings): unknown {
  const csa = target.customSecurityAttributes;
  if (!csa || typeof csa !== 'object') return undefined;
  // Set names are case-insensitive in Entra; reads may not echo our casing.
  const setKey = Object.keys(csa).find((k) => k.toLowerCase() === s.attributeSet.toLowerCase());
  const set = setKey ? (csa as JsonObject)[setKey] : undefined;
  if (!set || typeof set !== 'object') return undefined;
  const attrKey = Object.keys(set).find((k) => k.toLowerCase() === s.attributeName.toLowerCase());
  return attrKey ? (set as JsonObject)[attrKey] : undefined;
}

export function assignmentBody(s: AttributeSettings, value: string | null): JsonObject {
  return { customSecurityAttributes: { [s.attributeSet]: { '@odata.type': CSA_WRITE_ODATA_TYPE, [s.attributeName]: value } } };
}

export function planAttributeSteps(
  s: AttributeSettings,
  existing: ExistingAttributeState,
  target: TargetServicePrincipal,
): AttributeStepsResult {
  const steps: PlanStep[] = [];
  const blockers: string[] = [];
  const summary: string[] = [];
  const defId = definitionId(s);
  if (existing.unreadable) blockers.push(existing.unreadable);

  if (!existing.attributeSet) {
    const body = { id: s.attributeSet, description: s.setDescription };
    steps.push(step({
      id: `attribute-set:${s.attributeSet}`,
      kind: 'create-attribute-set',
      objectType: 'attributeSet',
      objectId: s.attributeSet,
      objectName: s.attributeSet,
      description: `Create the attribute set ${s.attributeSet}`,
      request: { method: 'POST', path: '/directory/attributeSets', body },
      before: null,
      after: body,
    }));
    summary.push(`Creates the custom security attribute set "${s.attributeSet}". Attribute sets cannot be deleted or renamed later.`);
  }

  let predefinedOnly = true;
  let allowedValues: JsonObject[] = [];
  const def = existing.definition;
  if (def) {
    if (def.type !== 'String') blockers.push(`attribute ${defId} exists with type ${String(def.type)}; only String attributes work in application filters — choose another attribute name or the exclude-app strategy`);
    if (def.isCollection === true) blockers.push(`attribute ${defId} exists as a multi-valued attribute; this workflow needs a single-valued one — choose another attribute name or the exclude-app strategy`);
    if (def.status === 'Deprecated') blockers.push(`attribute ${defId} is deactivated (Deprecated) and cannot be assigned — choose another attribute name or reactivate it in the portal`);
    predefinedOnly = def.usePreDefinedValuesOnly !== false;
    allowedValues = Array.isArray(def.allowedValues) ? (def.allowedValues as JsonObject[]) : [];
  } else {
    const body = {
      attributeSet: s.attributeSet,
      name: s.attributeName,
      description: s.attributeDescription,
      type: 'String',
      status: 'Available',
      isCollection: false,
      isSearchable: true,
      usePreDefinedValuesOnly: true,
    };
    steps.push(step({
      id: `attribute-definition:${defId}`,
      kind: 'create-attribute-definition',
      objectType: 'customSecurityAttributeDefinition',
      objectId: defId,
      objectName: defId,
      description: `Create the String attribute ${defId} (predefined values only, single-valued)`,
      request: { method: 'POST', path: '/directory/customSecurityAttributeDefinitions', body },
      before: null,
      after: body,
    }));
    summary.push(`Creates the attribute ${defId}. Definitions cannot be deleted, only deactivated.`);
  }

  if (predefinedOnly) {
    const found = allowedValues.find((v) => v.id === s.value);
    if (found && found.isActive === false) {
      blockers.push(`the allowed value "${s.value}" of ${defId} is deactivated — reactivate it in the portal or choose another value`);
    } else if (!found) {
      const body = { id: s.value, isActive: true };
      steps.push(step({
        id: `allowed-value:${defId}:${s.value}`,
        kind: 'add-allowed-value',
        objectType: 'allowedValue',
        objectId: `${defId}/${s.value}`,
        objectName: `${defId} = "${s.value}"`,
        description: `Add the predefined value "${s.value}" to ${defId}`,
        request: { method: 'POST', path: `/directory/customSecurityAttributeDefinitions/${encodeURIComponent(defId)}/allowedValues`, body },
        before: null,
        after: body,
      }));
    }
  }

  const current = currentAssignedValue(target, s);
  if (current !== s.value) {
    const name = target.displayName ?? target.appId;
    steps.push(step({
      id: `assign:${target.id}`,
      kind: 'assign-attribute',
      objectType: 'servicePrincipal',
      objectId: target.id,
      objectName: name,
      description: `Tag the service principal "${name}" with ${defId} = "${s.value}"`,
      request: { method: 'PATCH', path: `/servicePrincipals/${encodeURIComponent(target.id)}`, body: assignmentBody(s, s.value) },
      before: { [defId]: current ?? null },
      after: { [defId]: s.value },
    }));
    summary.push(current === undefined
      ? `Tags "${name}" with ${defId} = "${s.value}".`
      : `Changes "${name}"'s ${defId} from ${JSON.stringify(current)} to "${s.value}".`);
  }
  return { steps, blockers, summary };
}
