/**
 * Built-in directory role template ids (stable across tenants; entra
 * `permissions-reference.md`). `wids` in access tokens and CA includeRoles carry these.
 */
import { BUILT_IN_ROLES, type BuiltInRoleKey } from '../../directory-roles.js';
export const ROLE = Object.fromEntries(
  Object.entries(BUILT_IN_ROLES).map(([key, role]) => [key, role.id]),
) as { readonly [K in BuiltInRoleKey]: (typeof BUILT_IN_ROLES)[K]['id'] };
