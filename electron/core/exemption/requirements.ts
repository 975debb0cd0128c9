/**
 * What each kind of write needs: delegated scopes (all of them) and an active directory role (any
 * one of them). From graph-facts §2.4 and §4.3. Global Administrator is deliberately absent from
 * every attribute row: it has no rights to custom security attributes by default.
 */
import type { StepKind } from './types.js';
import { BUILT_IN_ROLES, type BuiltInRoleKey } from '../directory-roles.js';

const ref = (key: BuiltInRoleKey) => ({ id: BUILT_IN_ROLES[key].id, name: BUILT_IN_ROLES[key].displayName });

export const DIRECTORY_ROLES = {
  attributeDefinitionAdministrator: ref('attributeDefinitionAdministrator'),
  attributeAssignmentAdministrator: ref('attributeAssignmentAdministrator'),
  conditionalAccessAdministrator: ref('conditionalAccessAdministrator'),
  securityAdministrator: ref('securityAdministrator'),
  globalAdministrator: ref('globalAdministrator'),
} as const;

export interface RoleRef { readonly id: string; readonly name: string }

export const SCOPES = {
  policyRead: 'Policy.Read.All',
  policyWriteCa: 'Policy.ReadWrite.ConditionalAccess',
  applicationRead: 'Application.Read.All',
  attributeDefinitionWrite: 'CustomSecAttributeDefinition.ReadWrite.All',
  attributeAssignmentWrite: 'CustomSecAttributeAssignment.ReadWrite.All',
} as const;

export interface StepRequirement {
  /** The operator needs every one of these delegated scopes. */
  readonly scopes: readonly string[];
  /** ...and at least one of these active directory roles. */
  readonly anyRole: readonly RoleRef[];
  /** Why, in words an admin recognises. */
  readonly what: string;
}

const R = DIRECTORY_ROLES;
const S = SCOPES;

const ATTRIBUTE_DEFINITION: StepRequirement = {
  scopes: [S.attributeDefinitionWrite],
  anyRole: [R.attributeDefinitionAdministrator],
  what: 'create custom security attribute sets, definitions and values',
};

/** Writes to CA policies: older docs list all three scopes, so all three are asked for (graph-facts §2.4). */
export const POLICY_WRITE: StepRequirement = {
  scopes: [S.policyRead, S.policyWriteCa, S.applicationRead],
  anyRole: [R.conditionalAccessAdministrator, R.securityAdministrator],
  what: 'change Conditional Access policies',
};

export const REQUIREMENTS: Readonly<Record<StepKind, StepRequirement>> = {
  'create-attribute-set': ATTRIBUTE_DEFINITION,
  'create-attribute-definition': ATTRIBUTE_DEFINITION,
  'add-allowed-value': ATTRIBUTE_DEFINITION,
  'assign-attribute': {
    scopes: [S.attributeAssignmentWrite, S.applicationRead],
    anyRole: [R.attributeAssignmentAdministrator],
    what: 'assign custom security attributes to a service principal',
  },
  'update-policy': POLICY_WRITE,
};

/** A ReadWrite scope grants the matching Read scope (`X.ReadWrite.All` ⊇ `X.Read.All`). */
export function scopeGranted(needed: string, granted: readonly string[]): boolean {
  const have = new Set(granted.map((g) => g.toLowerCase()));
  if (have.has(needed.toLowerCase())) return true;
  const m = /^(.+)\.Read(\..+)$/iu.exec(needed);
  return m ? have.has(`${m[1]}.ReadWrite${m[2]}`.toLowerCase()) : false;
}
