/**
 * Built-in Microsoft Entra directory roles by template id — the one table for the whole app. Template
 * ids are stable across tenants (entra-docs permissions-reference.md); access tokens' `wids` claims and CA
 * `includeRoles` / `excludeRoles` carry them. The emulator, the exemption preflight and the synthetic
 * tenants all read their role ids from here, so a mistyped id cannot hide in one copy.
 */
export const BUILT_IN_ROLES = {
  globalAdministrator: { id: '62e90394-69f5-4237-9190-012177145e10', displayName: 'Global Administrator' },
  globalReader: { id: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', displayName: 'Global Reader' },
  securityAdministrator: { id: '194ae4cb-b126-40b2-bd5b-6091b380977d', displayName: 'Security Administrator' },
  securityReader: { id: '5d6b6bb7-de71-4623-b4af-96380a352509', displayName: 'Security Reader' },
  securityOperator: { id: '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f', displayName: 'Security Operator' },
  reportsReader: { id: '4a5d8f65-41da-4de4-8968-e035b65339cf', displayName: 'Reports Reader' },
  conditionalAccessAdministrator: { id: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9', displayName: 'Conditional Access Administrator' },
  globalSecureAccessAdministrator: { id: 'ac434307-12b9-4fa1-a708-88bf58caabc1', displayName: 'Global Secure Access Administrator' },
  attributeAssignmentAdministrator: { id: '58a13ea3-c632-46ae-9ee0-9c0d43cd7f3d', displayName: 'Attribute Assignment Administrator' },
  attributeAssignmentReader: { id: 'ffd52fa5-98dc-465c-991d-fc073eb59f8f', displayName: 'Attribute Assignment Reader' },
  attributeDefinitionAdministrator: { id: '8424c6f0-a189-499e-bbd0-26c1753c96d4', displayName: 'Attribute Definition Administrator' },
  attributeDefinitionReader: { id: '1d336d2c-4ae8-42ef-9711-b3604ce3fc2c', displayName: 'Attribute Definition Reader' },
  applicationAdministrator: { id: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', displayName: 'Application Administrator' },
  cloudApplicationAdministrator: { id: '158c047a-c907-4556-b7ef-446551a6b5f7', displayName: 'Cloud Application Administrator' },
  userAdministrator: { id: 'fe930be7-5e62-47db-91af-98c3a49a38b1', displayName: 'User Administrator' },
  helpdeskAdministrator: { id: '729827e3-9c14-49f7-bb1b-9608f156bbb8', displayName: 'Helpdesk Administrator' },
  privilegedRoleAdministrator: { id: 'e8611ab8-c189-46e8-94e1-60213ab1f814', displayName: 'Privileged Role Administrator' },
  directoryReaders: { id: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', displayName: 'Directory Readers' },
  intuneAdministrator: { id: '3a2c62db-5318-420d-8d74-23affee5d9d5', displayName: 'Intune Administrator' },
} as const;

export type BuiltInRoleKey = keyof typeof BUILT_IN_ROLES;

/** A subset of the table, in the order given (order matters where callers iterate, e.g. generators). */
export function pickRoles<const K extends BuiltInRoleKey>(keys: readonly K[]): { readonly [P in K]: (typeof BUILT_IN_ROLES)[P] } {
  return Object.fromEntries(keys.map((k) => [k, BUILT_IN_ROLES[k]])) as { readonly [P in K]: (typeof BUILT_IN_ROLES)[P] };
}
