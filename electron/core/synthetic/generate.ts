/**
 * Synthetic large tenants for benchmarks: `generateTenant` builds a whole TenantSnapshot in the
 * demo tenant's shapes (users, nested groups, roles, transitiveMemberOf, the Jamf Connect apps,
 * policies, named locations, sign-ins). For very large sign-in volumes use `generateSignIns`
 * (sign-ins.ts) directly and stream them; `generateTenant` holds everything in memory.
 * Deterministic: the same options give the same snapshot.
 */
import type { GraphObject, TenantSnapshot } from '../snapshot/types.js';
import { SNAPSHOT_FORMAT_VERSION } from '../snapshot/schema.js';
import { memberOfGroup, memberOfRole } from './graph-shapes.js';
import { guidFrom } from './ids.js';
import { DEPARTMENTS, GIVEN_NAMES, SURNAMES, mailLocal } from './names.js';
import { generatePolicies } from './policies.js';
import { Prng } from './prng.js';
import { generateSignIns, SYNTHETIC_END, syntheticApps } from './sign-ins.js';
import { FIRST_PARTY_APPS, MICROSOFT_SERVICES_TENANT_ID, ROLE_TEMPLATES, SERVICE_PLANS } from './well-known.js';

export { generatePolicies } from './policies.js';
export { generateSignIns, pages } from './sign-ins.js';

export interface GenerateTenantOptions {
  readonly users: number;
  readonly signIns: number;
  /** Number of CA policies (default 20). */
  readonly policies?: number;
  readonly seed: number;
  /** Sign-in window in days (default 30). */
  readonly days?: number;
}

export interface SyntheticDirectory {
  readonly tenantId: string;
  readonly domain: string;
  readonly users: GraphObject[];
  readonly groups: GraphObject[];
  readonly directoryRoles: GraphObject[];
  readonly transitiveMemberOf: Record<string, GraphObject[]>;
}

/** Users, department groups nested under "All Staff", a few roles — deterministic for (count, seed). */
export function generateDirectory(count: number, seed: number): SyntheticDirectory {
  const ns = `synthetic:${seed}`;
  const rng = new Prng(seed ^ 0xd1ec7);
  const tenantId = guidFrom(ns, 'tenant');
  const domain = `synthetic-${seed}.example`;
  const group = (key: string, displayName: string): GraphObject => ({
    id: guidFrom(ns, `group:${key}`),
    displayName,
    description: `${displayName} (synthetic)`,
    mailEnabled: false,
    securityEnabled: true,
    groupTypes: [],
    membershipRule: null,
  });
  const allStaff = group('all', 'All Staff');
  const deptGroups = DEPARTMENTS.map((d) => group(`dept:${d}`, `Dept – ${d}`));
  const macUsers = group('mac', 'Mac Users');
  const breakGlass = group('breakglass', 'CA-Exclude-BreakGlass');
  const groups = [allStaff, ...deptGroups, macUsers, breakGlass];
  const roleKeys = ['globalAdministrator', 'conditionalAccessAdministrator', 'securityReader', 'reportsReader', 'helpdeskAdministrator'] as const;
  const directoryRoles = roleKeys.map((k) => ({ id: guidFrom(ns, `role:${k}`), displayName: ROLE_TEMPLATES[k].displayName, roleTemplateId: ROLE_TEMPLATES[k].id }));

  const users: GraphObject[] = [];
  const transitiveMemberOf: Record<string, GraphObject[]> = {};
  const seen = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const given = rng.pick(GIVEN_NAMES);
    const surname = rng.pick(SURNAMES);
    const base = mailLocal(given, surname, 0);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    const guest = i > 0 && rng.chance(0.04);
    const local = mailLocal(given, surname, n);
    const mail = guest ? `${local}@partner-${rng.int(1, 9)}.example` : `${local}@${domain}`;
    const upn = guest ? `${mail.replace('@', '_')}#EXT#@synthetic${seed}.onmicrosoft.example` : mail;
    const dept = rng.int(0, deptGroups.length - 1);
    const id = guidFrom(ns, `user:${i}`);
    users.push({
      id,
      displayName: `${given} ${surname}`,
      givenName: given,
      surname,
      userPrincipalName: upn,
      mail,
      userType: guest ? 'Guest' : 'Member',
      accountEnabled: !rng.chance(0.02),
      department: guest ? null : DEPARTMENTS[dept],
      jobTitle: null,
      usageLocation: 'NO',
      'x-emulator': { password: `Synthetic-${i}-pass!` },
    });
    const memberOf: GraphObject[] = [];
    if (i === 0) memberOf.push(memberOfGroup(breakGlass));
    if (!guest) memberOf.push(memberOfGroup(deptGroups[dept]!), memberOfGroup(allStaff));
    if (!guest && rng.chance(0.4)) memberOf.push(memberOfGroup(macUsers));
    if (i === 0) memberOf.push(memberOfRole(directoryRoles[0]!));
    else if (!guest && rng.chance(0.01)) memberOf.push(memberOfRole(rng.pick(directoryRoles)));
    transitiveMemberOf[id] = memberOf;
  }
  return { tenantId, domain, users, groups, directoryRoles, transitiveMemberOf };
}

export function generateTenant(opts: GenerateTenantOptions): TenantSnapshot {
  if (!Number.isInteger(opts.users) || opts.users < 1) throw new Error('generateTenant: users must be a positive integer');
  if (!Number.isInteger(opts.signIns) || opts.signIns < 0) throw new Error('generateTenant: signIns must be a non-negative integer');
  const ns = `synthetic:${opts.seed}`;
  const dir = generateDirectory(opts.users, opts.seed);
  const apps = syntheticApps(opts.seed);
  const namedLocations: GraphObject[] = [
    {
      '@odata.type': '#microsoft.graph.ipNamedLocation',
      id: guidFrom(ns, 'loc:office'),
      displayName: 'Office',
      isTrusted: true,
      ipRanges: [
        { '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '203.0.113.0/24' },
        { '@odata.type': '#microsoft.graph.iPv6CidrRange', cidrAddress: '2001:db8:1::/48' },
      ],
    },
    {
      '@odata.type': '#microsoft.graph.countryNamedLocation',
      id: guidFrom(ns, 'loc:countries'),
      displayName: 'Blocked countries',
      countriesAndRegions: ['KP', 'IR'],
      includeUnknownCountriesAndRegions: true,
      countryLookupMethod: 'clientIpAddress',
    },
  ];
  const policies = generatePolicies(opts.policies ?? 20, opts.seed, {
    groupIds: dir.groups.map((g) => String(g.id)),
    userIds: dir.users.slice(0, 5).map((u) => String(u.id)),
    namedLocationIds: namedLocations.map((l) => String(l.id)),
    appIds: [apps.jamfClientAppId, apps.jamfApiAppId],
  });
  const sp = (appId: string, displayName: string, owner: string): GraphObject => ({
    id: guidFrom(ns, `sp:${appId}`),
    appId,
    displayName,
    appOwnerOrganizationId: owner,
    servicePrincipalType: 'Application',
    accountEnabled: true,
    customSecurityAttributes: null,
  });
  return {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    meta: { name: `Synthetic tenant (seed ${opts.seed})`, generator: 'electron/core/synthetic/generate.ts', seed: opts.seed, generatedAt: SYNTHETIC_END, windowDays: opts.days ?? 30 },
    organization: [
      {
        id: dir.tenantId,
        displayName: `Synthetic ${opts.seed}`,
        tenantType: 'AAD',
        verifiedDomains: [{ name: dir.domain, isDefault: true, isInitial: false, type: 'Managed', capabilities: 'Email' }],
        assignedPlans: [{ assignedDateTime: '2024-01-01T00:00:00Z', capabilityStatus: 'Enabled', service: 'AADPremiumService', servicePlanId: SERVICE_PLANS.entraIdP1 }],
      },
    ],
    users: dir.users,
    groups: dir.groups,
    directoryRoles: dir.directoryRoles,
    transitiveMemberOf: dir.transitiveMemberOf,
    servicePrincipals: [
      ...Object.values(FIRST_PARTY_APPS).map((a) => sp(a.appId, a.displayName, MICROSOFT_SERVICES_TENANT_ID)),
      sp(apps.jamfClientAppId, 'Jamf Connect', dir.tenantId),
      sp(apps.jamfApiAppId, 'Jamf Connect – Conditional Access Policy API', dir.tenantId),
    ],
    applications: [
      { id: guidFrom(ns, 'application:jamf'), appId: apps.jamfClientAppId, displayName: 'Jamf Connect', isFallbackPublicClient: true, publicClient: { redirectUris: ['https://127.0.0.1/jamfconnect'] } },
      { id: guidFrom(ns, 'application:jamf-api'), appId: apps.jamfApiAppId, displayName: 'Jamf Connect – Conditional Access Policy API', isFallbackPublicClient: false, identifierUris: [`api://${apps.jamfApiAppId}`] },
    ],
    attributeSets: [],
    customSecurityAttributeDefinitions: [],
    conditionalAccessPolicies: policies,
    namedLocations,
    signIns: [...generateSignIns({ signIns: opts.signIns, seed: opts.seed, users: dir.users, policies, tenantId: dir.tenantId, ...(opts.days ? { days: opts.days } : {}) })],
  };
}
