/**
 * The permission table: for each operation, the delegated scopes (any one suffices) and the
 * directory roles (any one suffices; `null` = every signed-in member, the default user
 * permissions). One row per operation, each citing graph-facts.md. Global Administrator is listed
 * explicitly where it has the right — and deliberately absent from custom-security-attribute rows
 * (graph-facts §4.3: GA has no CSA rights by default).
 */
import { ROLE as R } from './roles.js';

export interface Permission {
  readonly scopes: readonly string[];
  readonly roles: readonly string[] | null;
}

const CA_READ_ROLES = [R.globalAdministrator, R.globalReader, R.securityAdministrator, R.securityReader, R.conditionalAccessAdministrator, R.globalSecureAccessAdministrator];
const CA_WRITE_ROLES = [R.globalAdministrator, R.conditionalAccessAdministrator, R.securityAdministrator];
const CSA_DEF_READ_ROLES = [R.attributeDefinitionReader, R.attributeDefinitionAdministrator, R.attributeAssignmentReader, R.attributeAssignmentAdministrator];

export const PERMISSIONS = {
  // §5 / docs user-get: /me needs User.Read (or any broader user/directory read scope); any user may read themselves.
  meRead: { scopes: ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'], roles: null },
  // §5 user-list-transitivememberof: /me/transitiveMemberOf with User.Read; higher GroupMember/Directory scopes.
  meMemberOf: { scopes: ['User.Read', 'GroupMember.Read.All', 'User.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'], roles: null },
  // §5 user-get / user-list: User.ReadBasic.All least; default user permissions let members read the directory.
  usersRead: { scopes: ['User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'], roles: null },
  // §5 user-list-transitivememberof: memberships of another user.
  usersMemberOf: { scopes: ['GroupMember.Read.All', 'User.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'], roles: null },
  // organization-get: User.Read is enough to read the tenant's organization object.
  organizationRead: { scopes: ['User.Read', 'Organization.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'], roles: null },
  // §1.4: AuditLog.Read.All (least; Directory.Read.All alone is not enough in practice) + a reports-reading role.
  signInsRead: { scopes: ['AuditLog.Read.All'], roles: [R.reportsReader, R.securityReader, R.securityOperator, R.securityAdministrator, R.globalReader, R.globalAdministrator] },
  // §1.3 visibility rule: appliedConditionalAccessPolicies only with a CA-read scope and a CA-read role.
  signInsCaDetails: { scopes: ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess', 'Policy.Read.ConditionalAccess'], roles: [R.globalAdministrator, R.globalReader, R.securityAdministrator, R.securityReader, R.conditionalAccessAdministrator] },
  // §2.4: read CA policies / named locations: Policy.Read.All least.
  conditionalAccessRead: { scopes: ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess'], roles: CA_READ_ROLES },
  // §2.4: write needs Policy.ReadWrite.ConditionalAccess and CA Administrator or Security Administrator.
  conditionalAccessWrite: { scopes: ['Policy.ReadWrite.ConditionalAccess'], roles: CA_WRITE_ROLES },
  // §2.7 What If: Policy.Read.ConditionalAccess least; higher Policy.Read.All, Policy.ReadWrite.ConditionalAccess.
  conditionalAccessWhatIf: { scopes: ['Policy.Read.ConditionalAccess', 'Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess'], roles: CA_READ_ROLES },
  // group-list: GroupMember.Read.All least; Group.Read.All / Directory.Read.All higher.
  groupsRead: { scopes: ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'], roles: null },
  // directoryrole-list: RoleManagement.Read.Directory least; Directory.Read.All higher.
  directoryRolesRead: { scopes: ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'], roles: null },
  // §5: servicePrincipal read: Application.Read.All (or Directory.Read.All).
  servicePrincipalsRead: { scopes: ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'], roles: null },
  // Non-CSA SP updates: Application.ReadWrite.All and an application admin role.
  servicePrincipalsWrite: { scopes: ['Application.ReadWrite.All', 'Directory.ReadWrite.All'], roles: [R.globalAdministrator, R.applicationAdministrator, R.cloudApplicationAdministrator] },
  // §4.3: read CSA values on SPs: CustomSecAttributeAssignment.Read.All + Attribute Assignment Reader/Administrator. No GA.
  csaAssignmentRead: { scopes: ['CustomSecAttributeAssignment.Read.All', 'CustomSecAttributeAssignment.ReadWrite.All'], roles: [R.attributeAssignmentReader, R.attributeAssignmentAdministrator] },
  // §4.3: write CSA values on SPs: CustomSecAttributeAssignment.ReadWrite.All (+ Application.Read.All) + Attribute Assignment Administrator. No GA.
  csaAssignmentWrite: { scopes: ['CustomSecAttributeAssignment.ReadWrite.All'], roles: [R.attributeAssignmentAdministrator] },
  // §4.3: read sets/definitions: CustomSecAttributeDefinition.Read.All + an attribute reader/admin role. No GA.
  csaDefinitionRead: { scopes: ['CustomSecAttributeDefinition.Read.All', 'CustomSecAttributeDefinition.ReadWrite.All'], roles: CSA_DEF_READ_ROLES },
  // §4.3: write sets/definitions: CustomSecAttributeDefinition.ReadWrite.All + Attribute Definition Administrator. No GA.
  csaDefinitionWrite: { scopes: ['CustomSecAttributeDefinition.ReadWrite.All'], roles: [R.attributeDefinitionAdministrator] },
} as const satisfies Record<string, Permission>;

export type PermissionName = keyof typeof PERMISSIONS;
