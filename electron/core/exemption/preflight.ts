/**
 * Preflight: before any write, compare what each planned step needs with what the operator has —
 * token scopes (consent can fix those: requested incrementally, now, not at sign-in) and active
 * directory roles (consent cannot; an admin must assign or the operator must activate them in PIM).
 * The answer lists exactly what is missing, per step, in words.
 */
import type { OperatorIdentity } from './operator-identity.js';
import { DIRECTORY_ROLES, REQUIREMENTS, scopeGranted, type RoleRef, type StepRequirement } from './requirements.js';
import type { ExemptionPlan, StepKind } from './types.js';

export interface StepPreflight {
  readonly stepId: string;
  readonly kind: StepKind | 'report-only-copy' | 'rollback';
  readonly missingScopes: readonly string[];
  /** null = the operator holds one of the roles; otherwise the roles of which one is needed. */
  readonly missingRole: readonly RoleRef[] | null;
}

export interface PreflightResult {
  /** True when nothing is missing: every step can be written. */
  readonly ok: boolean;
  readonly operator: string;
  /** Scopes to ask consent for (union over steps). */
  readonly missingScopes: readonly string[];
  /** Distinct role requirements not met, with the steps that need them. */
  readonly missingRoles: readonly { readonly anyOf: readonly RoleRef[]; readonly what: string; readonly stepIds: readonly string[] }[];
  readonly steps: readonly StepPreflight[];
  /** One plain sentence per problem, in order. */
  readonly messages: readonly string[];
}

function roleNames(roles: readonly RoleRef[]): string {
  return roles.map((r) => `${r.name} (${r.id})`).join(' or ');
}

/** Preflight for an arbitrary list of (stepId, requirement) pairs — apply, rollback and the report-only copy share it. */
export function checkRequirements(
  needs: readonly { readonly stepId: string; readonly kind: StepPreflight['kind']; readonly requirement: StepRequirement }[],
  operator: OperatorIdentity,
): PreflightResult {
  const have = new Set(operator.roleTemplateIds.map((r) => r.toLowerCase()));
  const steps: StepPreflight[] = [];
  const missingScopes: string[] = [];
  const missingRoles = new Map<string, { anyOf: readonly RoleRef[]; what: string; stepIds: string[] }>();
  for (const n of needs) {
    const scopes = n.requirement.scopes.filter((s) => !scopeGranted(s, operator.scopes));
    for (const s of scopes) if (!missingScopes.includes(s)) missingScopes.push(s);
    const hasRole = n.requirement.anyRole.some((r) => have.has(r.id.toLowerCase()));
    if (!hasRole) {
      const key = n.requirement.anyRole.map((r) => r.id).join('|');
      const entry = missingRoles.get(key) ?? { anyOf: n.requirement.anyRole, what: n.requirement.what, stepIds: [] };
      entry.stepIds.push(n.stepId);
      missingRoles.set(key, entry);
    }
    steps.push({ stepId: n.stepId, kind: n.kind, missingScopes: scopes, missingRole: hasRole ? null : n.requirement.anyRole });
  }

  const messages: string[] = [];
  const isGlobalAdmin = have.has(DIRECTORY_ROLES.globalAdministrator.id);
  for (const m of missingRoles.values()) {
    let sentence = `${operator.userPrincipalName} needs the active directory role ${roleNames(m.anyOf)} to ${m.what} (${m.stepIds.length} step${m.stepIds.length === 1 ? '' : 's'}).`;
    const attributeRole = m.anyOf.some((r) => r.id === DIRECTORY_ROLES.attributeDefinitionAdministrator.id || r.id === DIRECTORY_ROLES.attributeAssignmentAdministrator.id);
    if (isGlobalAdmin && attributeRole) {
      sentence += ' Global Administrator is not enough: it has no rights to custom security attributes by default — assign the attribute role (a Global Administrator may assign it to themselves).';
    } else if (operator.roleSource === 'none') {
      sentence += ' (No role information was readable for this operator; if the role is PIM-eligible, activate it and sign in again.)';
    }
    messages.push(sentence);
  }
  if (missingScopes.length) {
    messages.push(`The sign-in lacks the delegated permission${missingScopes.length === 1 ? '' : 's'} ${missingScopes.join(', ')}; they are requested by a consent prompt (incremental consent) before anything is written.`);
  }
  return { ok: missingScopes.length === 0 && missingRoles.size === 0, operator: operator.userPrincipalName, missingScopes, missingRoles: [...missingRoles.values()], steps, messages };
}

/** Preflight for applying a plan: every step's requirement. */
export function preflightPlan(plan: ExemptionPlan, operator: OperatorIdentity): PreflightResult {
  return checkRequirements(plan.steps.map((s) => ({ stepId: s.id, kind: s.kind, requirement: REQUIREMENTS[s.kind] })), operator);
}

/** Something that can ask the user for more delegated scopes (helper-4's AuthSession). */
export interface ScopeRequester {
  requestAdditionalScopes(scopes: readonly string[]): Promise<unknown>;
}

/**
 * Requests the missing write scopes (only those, incrementally) and returns the operator with the
 * scopes now granted. Roles are not something consent can fix: a role gap stays in the result.
 */
export async function acquireMissingScopes(
  result: PreflightResult,
  operator: OperatorIdentity,
  requester: ScopeRequester,
  readGrantedScopes: () => Promise<readonly string[]>,
): Promise<OperatorIdentity> {
  if (result.missingScopes.length === 0) return operator;
  await requester.requestAdditionalScopes(result.missingScopes);
  return { ...operator, scopes: [...new Set([...operator.scopes, ...(await readGrantedScopes())])] };
}
