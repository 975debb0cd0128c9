/**
 * What each Graph resource the data path reads needs: the delegated scope(s) and the directory roles
 * that let a signed-in admin use it (graph-facts §1.4, §2.4, §4.3, §5). Used to turn a 403 into
 * "missing scope X" or "missing role Y" by name.
 */
export type GraphResource =
  | 'signIns' | 'policies' | 'namedLocations' | 'servicePrincipals' | 'customSecurityAttributes'
  | 'attributeDefinitions' | 'users' | 'memberships' | 'organization'
  | 'policyWrite' | 'attributeAssignmentWrite' | 'attributeDefinitionWrite';

export interface Requirement {
  /** Any one of these delegated scopes grants the call (the first is the least privileged). */
  readonly scopes: readonly string[];
  /** Any one of these roles lets a delegated user make the call. Empty = any member user. */
  readonly roles: readonly string[];
  /** What the person was trying to see, for messages. */
  readonly what: string;
}

const READ_REPORTS_ROLES = ['Reports Reader', 'Security Reader', 'Security Operator', 'Security Administrator', 'Global Reader', 'Global Administrator'];
const READ_CA_ROLES = ['Security Reader', 'Global Reader', 'Conditional Access Administrator', 'Security Administrator', 'Global Secure Access Administrator'];

export const REQUIREMENTS: Readonly<Record<GraphResource, Requirement>> = {
  signIns: { scopes: ['AuditLog.Read.All'], roles: READ_REPORTS_ROLES, what: 'sign-in logs' },
  policies: { scopes: ['Policy.Read.All'], roles: READ_CA_ROLES, what: 'Conditional Access policies' },
  namedLocations: { scopes: ['Policy.Read.All'], roles: READ_CA_ROLES, what: 'named locations' },
  servicePrincipals: { scopes: ['Application.Read.All', 'Directory.Read.All'], roles: [], what: 'enterprise applications' },
  customSecurityAttributes: {
    scopes: ['CustomSecAttributeAssignment.Read.All'],
    roles: ['Attribute Assignment Reader', 'Attribute Assignment Administrator'],
    what: 'custom security attribute assignments',
  },
  attributeDefinitions: {
    scopes: ['CustomSecAttributeDefinition.Read.All'],
    roles: ['Attribute Definition Reader', 'Attribute Definition Administrator'],
    what: 'custom security attribute definitions',
  },
  users: { scopes: ['Directory.Read.All'], roles: [], what: 'users' },
  memberships: { scopes: ['Directory.Read.All'], roles: [], what: 'group and role memberships' },
  organization: { scopes: ['Directory.Read.All'], roles: [], what: 'tenant details' },
  policyWrite: {
    scopes: ['Policy.ReadWrite.ConditionalAccess'],
    roles: ['Conditional Access Administrator', 'Security Administrator'],
    what: 'changes to Conditional Access policies',
  },
  attributeAssignmentWrite: {
    scopes: ['CustomSecAttributeAssignment.ReadWrite.All'],
    roles: ['Attribute Assignment Administrator'],
    what: 'assigning custom security attributes',
  },
  attributeDefinitionWrite: {
    scopes: ['CustomSecAttributeDefinition.ReadWrite.All'],
    roles: ['Attribute Definition Administrator'],
    what: 'creating custom security attributes',
  },
};
