/**
 * Built-in directory role template ids (stable across tenants; entra
 * `permissions-reference.md`). `wids` in access tokens and CA includeRoles carry these.
 */
export const ROLE = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
  securityOperator: '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f',
  reportsReader: '4a5d8f65-41da-4de4-8968-e035b65339cf',
  conditionalAccessAdministrator: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
  globalSecureAccessAdministrator: 'ac434307-12b9-4fa1-a708-88bf58caabc1',
  attributeAssignmentAdministrator: '58a13ea3-c632-46ae-9ee0-9c0d43cd7f3d',
  attributeAssignmentReader: 'ffd52fa5-98dc-465c-991d-fc073eb59f8f',
  attributeDefinitionAdministrator: '8424c6f0-a189-499e-bbd0-26c1753c96d4',
  attributeDefinitionReader: '1d336d2c-4ae8-42ef-9711-b3604ce3fc2c',
  applicationAdministrator: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  cloudApplicationAdministrator: '158c047a-c907-4556-b7ef-446551a6b5f7',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
} as const;
