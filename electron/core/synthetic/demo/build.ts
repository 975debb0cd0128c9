/**
 * Assembles the demo tenant snapshot (resources/demo-tenant.json). Deterministic: the same code
 * gives the same bytes; test/unit/demo-tenant/committed.test.ts holds the committed file to it.
 */
import { SNAPSHOT_FORMAT_VERSION } from '../../snapshot/schema.js';
import type { TenantSnapshot } from '../../snapshot/types.js';
import { ROLE_TEMPLATES } from '../well-known.js';
import { buildApplications, buildAttributeDefinitions, buildAttributeSets, buildServicePrincipals } from './apps.js';
import {
  DATES,
  DEFAULT_ROPG_SCOPES,
  DOMAIN,
  EXEMPT_ATTRIBUTE,
  EXEMPT_FILTER_RULE,
  GENERATED_AT,
  JAMF_API_APP_ID,
  JAMF_API_SCOPE,
  JAMF_CLIENT_APP_ID,
  JAMF_LAB_CLIENT_APP_ID,
  LOCKOUT_LENS_APP_ID,
  ORG_NAME,
  RECOMMENDED_ROPG_SCOPES,
  TENANT_ID,
  WINDOW_DAYS,
} from './constants.js';
import { buildDirectoryRoles, buildGroups, buildOrganization, buildTransitiveMemberOf, buildUsers, demoPassword, userId, userPrincipalName } from './directory.js';
import { PEOPLE } from './people.js';
import { buildNamedLocations, buildPolicies, policyId } from './policies.js';
import { buildSignIns } from './sign-ins.js';
import { buildStories } from './stories.js';

export const DEMO_SEED = 20261130;

export function buildDemoTenant(): TenantSnapshot {
  const groups = buildGroups();
  const directoryRoles = buildDirectoryRoles();
  const policies = buildPolicies();
  const operators = PEOPLE.filter((p) => p.operatorPurpose).map((p) => ({
    userPrincipalName: userPrincipalName(p),
    userId: userId(p.key),
    password: demoPassword(p),
    roles: p.roles.map((r) => ROLE_TEMPLATES[r].displayName),
    roleTemplateIds: p.roles.map((r) => ROLE_TEMPLATES[r].id),
    purpose: p.operatorPurpose,
  }));
  return {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    meta: {
      name: `${ORG_NAME} (demo tenant)`,
      description: 'Built-in demo tenant of Lockout Lens. Fictional organisation; .example domains and documentation IP ranges only.',
      generatedAt: GENERATED_AT,
      generator: 'scripts/build-demo-tenant.ts',
      seed: DEMO_SEED,
      windowDays: WINDOW_DAYS,
      timeShift:
        'All times are relative to generatedAt. A loader that wants recent data shifts every *DateTime property and generatedAt by the same whole number of days (electron/core/snapshot/time-shift.ts).',
      tenantId: TENANT_ID,
      domain: DOMAIN,
      tenantSettings: {
        baselineScopeEnforcement: 'enabled',
        baselineScopeEnforcementSinceDateTime: DATES.baselineEnforcement,
      },
      jamfConnect: {
        clientAppId: JAMF_CLIENT_APP_ID,
        labClientAppId: JAMF_LAB_CLIENT_APP_ID,
        apiAppId: JAMF_API_APP_ID,
        apiScope: JAMF_API_SCOPE,
        defaultRopgScopes: [...DEFAULT_ROPG_SCOPES],
        recommendedRopgScopes: [...RECOMMENDED_ROPG_SCOPES],
        exemptAttribute: { attributeSet: EXEMPT_ATTRIBUTE.set, name: EXEMPT_ATTRIBUTE.name, value: EXEMPT_ATTRIBUTE.value, filterRule: EXEMPT_FILTER_RULE },
      },
      lockoutLensClientAppId: LOCKOUT_LENS_APP_ID,
      policyHistory: [
        { policyId: policyId('ca010'), changedDateTime: DATES.ca010Created, state: 'enabledForReportingButNotEnforced', note: 'created' },
        { policyId: policyId('ca010'), changedDateTime: DATES.ca010Enabled, state: 'enabled', note: 'switched On' },
      ],
      operators,
      stories: buildStories(),
    },
    organization: buildOrganization(),
    users: buildUsers(),
    groups,
    directoryRoles,
    transitiveMemberOf: buildTransitiveMemberOf(groups, directoryRoles),
    servicePrincipals: buildServicePrincipals(),
    applications: buildApplications(),
    attributeSets: buildAttributeSets(),
    customSecurityAttributeDefinitions: buildAttributeDefinitions(),
    conditionalAccessPolicies: policies,
    namedLocations: buildNamedLocations(),
    signIns: buildSignIns(policies, DEMO_SEED),
    // Tenant-level emulator settings (electron/core/emulator/extras.ts).
    'x-emulator': { licence: 'P2', baselineScopeEnforcement: 'enabled' },
  };
}
