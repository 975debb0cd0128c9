/**
 * Directory objects of the demo tenant: organization (with Entra ID P1/P2 plans), users (with
 * their emulator extras), nested groups, activated directory roles, and transitiveMemberOf.
 */
import type { GraphObject } from '../../snapshot/types.js';
import { memberOfGroup, memberOfRole } from '../graph-shapes.js';
import { ROLE_TEMPLATES, SERVICE_PLANS, type RoleKey } from '../well-known.js';
import { DATES, DOMAIN, INITIAL_DOMAIN, ORG_NAME, PLACES, TENANT_ID, id } from './constants.js';
import { homeNetwork, officeNetwork } from './networks.js';
import { PEOPLE, type GroupKey, type Person } from './people.js';

export const GROUPS: Record<GroupKey, { displayName: string; description: string; parent?: GroupKey }> = {
  allStaff: { displayName: 'All Staff', description: 'Every employee (department groups are nested in here).' },
  sales: { displayName: 'Dept – Sales', description: 'Sales department.', parent: 'allStaff' },
  marketing: { displayName: 'Dept – Marketing', description: 'Marketing department.', parent: 'allStaff' },
  engineering: { displayName: 'Dept – Engineering', description: 'Engineering department (CA011 targets it).', parent: 'allStaff' },
  engineeringPlatform: { displayName: 'Engineering – Platform', description: 'Platform team, nested in Dept – Engineering.', parent: 'engineering' },
  design: { displayName: 'Dept – Design', description: 'Design department (CA012 trial targets it).', parent: 'allStaff' },
  finance: { displayName: 'Dept – Finance', description: 'Finance department (CA020 location rule).', parent: 'allStaff' },
  fieldOps: { displayName: 'Dept – Field Operations', description: 'Field operations and lab.', parent: 'allStaff' },
  it: { displayName: 'Dept – IT', description: 'IT department.', parent: 'allStaff' },
  hr: { displayName: 'Dept – HR', description: 'Human resources.', parent: 'allStaff' },
  macUsers: { displayName: 'Mac Users', description: 'Everyone with a Jamf-managed Mac (Jamf Connect deployed).' },
  macPilot: { displayName: 'Mac Compliance Pilot', description: 'Pilot ring for CA010 (macOS compliant device).' },
  contractors: { displayName: 'Contractors', description: 'External contractors and partner guests: browser access only (CA021).' },
  breakGlass: { displayName: 'CA-Exclude-BreakGlass', description: 'Emergency access accounts, excluded from every Conditional Access policy.' },
};

export const groupId = (key: GroupKey): string => id(`group:${key}`);
export const userId = (key: string): string => id(`user:${key}`);
export const roleObjectId = (key: RoleKey): string => id(`role:${key}`);

export function userPrincipalName(p: Person): string {
  if (p.kind === 'guest') return `${p.mailLocal}_${p.guestDomain}#EXT#@${INITIAL_DOMAIN}`;
  return `${p.mailLocal}@${DOMAIN}`;
}

/** The address the sign-in log shows (guests: their home UPN, lowercase). */
export function signInName(p: Person): string {
  return (p.kind === 'guest' ? `${p.mailLocal}@${p.guestDomain}` : userPrincipalName(p)).toLowerCase();
}

export function displayName(p: Person): string {
  return p.kind === 'service' ? `${p.given} (${p.surname})` : `${p.given} ${p.surname}`;
}

export function demoPassword(p: Person): string {
  return `Nw-${p.mailLocal.replace(/[^a-z]/g, '').slice(0, 8)}-2026!`;
}

export function buildOrganization(): GraphObject[] {
  const plan = (servicePlanId: string, service: string): GraphObject => ({
    assignedDateTime: '2024-01-15T09:00:00Z',
    capabilityStatus: 'Enabled',
    service,
    servicePlanId,
  });
  return [
    {
      id: TENANT_ID,
      displayName: ORG_NAME,
      tenantType: 'AAD',
      countryLetterCode: 'NO',
      city: PLACES.bergen.city,
      preferredLanguage: 'en-US',
      createdDateTime: '2019-05-02T08:00:00Z',
      verifiedDomains: [
        { capabilities: 'Email, OfficeCommunicationsOnline', isDefault: true, isInitial: false, name: DOMAIN, type: 'Managed' },
        { capabilities: 'Email, OfficeCommunicationsOnline', isDefault: false, isInitial: true, name: INITIAL_DOMAIN, type: 'Managed' },
      ],
      assignedPlans: [plan(SERVICE_PLANS.entraIdP1, 'AADPremiumService'), plan(SERVICE_PLANS.entraIdP2, 'AADPremiumService'), plan(SERVICE_PLANS.exchangeOnlinePlan2, 'exchange')],
    },
  ];
}

/** Extra emulator state per user (docs/snapshot-format.md, "x-emulator"). */
function emulatorExtras(p: Person, index: number): Record<string, unknown> {
  const extras: Record<string, unknown> = { password: demoPassword(p) };
  if (p.operatorPurpose) extras.operator = true;
  // Where simulated sign-ins (emulator ROPG) come from unless the request says otherwise.
  if (p.kind !== 'guest') {
    const net = p.key === 'kari' ? homeNetwork(p) : officeNetwork(p);
    extras.ipAddress = net.ip;
    extras.country = net.place.countryOrRegion;
    extras.city = net.place.city;
  }
  if (p.key === 'erik') extras.passwordExpired = true;
  if (p.key === 'sofie') extras.lockedOut = true;
  if (p.mac) {
    const mac: Record<string, unknown> = {
      deviceName: `NW-MAC-${String(100 + index).padStart(4, '0')}`,
      clientAppId: p.mac.clientAppId,
      ropgScopes: [...p.mac.ropgScopes],
    };
    // Jamf Connect on these Macs still holds a password the cloud no longer accepts.
    if (p.key === 'lars' || p.key === 'sofie') mac.localPassword = `${demoPassword(p)}-old`;
    extras.mac = mac;
  }
  return extras;
}

export function buildUsers(): GraphObject[] {
  return PEOPLE.map((p, index) => {
    const upn = userPrincipalName(p);
    const guest = p.kind === 'guest';
    const user: GraphObject = {
      id: userId(p.key),
      displayName: displayName(p),
      givenName: p.kind === 'service' ? null : p.given,
      surname: p.kind === 'service' ? null : p.surname,
      userPrincipalName: upn,
      mail: guest ? `${p.mailLocal}@${p.guestDomain}` : upn,
      userType: guest ? 'Guest' : 'Member',
      accountEnabled: p.accountEnabled ?? true,
      department: p.department,
      jobTitle: p.jobTitle,
      officeLocation: p.office === 'oslo' ? 'Oslo' : 'Bergen HQ',
      usageLocation: 'NO',
      createdDateTime: guest ? '2025-09-10T13:20:00Z' : `2023-0${1 + (index % 9)}-1${index % 10}T08:00:00Z`,
      lastPasswordChangeDateTime:
        p.key === 'lars' ? DATES.larsPasswordChange : p.key === 'sofie' ? DATES.sofiePasswordChange : p.key === 'erik' ? '2026-08-27T08:10:00Z' : `2026-${String(9 + (index % 2)).padStart(2, '0')}-0${1 + (index % 9)}T07:30:00Z`,
      passwordPolicies: p.kind === 'breakGlass' || p.kind === 'service' ? 'DisablePasswordExpiration' : null,
      onPremisesSyncEnabled: null,
    };
    if (guest) {
      user.externalUserState = 'Accepted';
      user.creationType = 'Invitation';
    }
    user['x-emulator'] = emulatorExtras(p, index);
    return user;
  });
}

export function buildGroups(): GraphObject[] {
  return (Object.keys(GROUPS) as GroupKey[]).map((key) => {
    const g = GROUPS[key];
    const members = [
      ...(Object.keys(GROUPS) as GroupKey[]).filter((k) => GROUPS[k].parent === key).map(groupId),
      ...PEOPLE.filter((p) => p.groups.includes(key)).map((p) => userId(p.key)),
    ];
    return {
      id: groupId(key),
      displayName: g.displayName,
      description: g.description,
      mailEnabled: false,
      mailNickname: g.displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      securityEnabled: true,
      groupTypes: [],
      membershipRule: null,
      createdDateTime: '2023-01-10T08:00:00Z',
      // Direct members (user and group ids) for the emulator's /groups/{id}/members.
      'x-emulator': { members },
    };
  });
}

const ACTIVE_ROLES: RoleKey[] = [
  'globalAdministrator',
  'conditionalAccessAdministrator',
  'securityAdministrator',
  'attributeAssignmentAdministrator',
  'attributeDefinitionAdministrator',
  'globalReader',
  'reportsReader',
  'securityReader',
  'helpdeskAdministrator',
  'intuneAdministrator',
];

export function buildDirectoryRoles(): GraphObject[] {
  return ACTIVE_ROLES.map((key) => ({
    id: roleObjectId(key),
    displayName: ROLE_TEMPLATES[key].displayName,
    description: `${ROLE_TEMPLATES[key].displayName} (activated built-in role).`,
    roleTemplateId: ROLE_TEMPLATES[key].id,
    deletedDateTime: null,
  }));
}

/** A group and all groups it is nested in, innermost first. */
export function withAncestors(key: GroupKey): GroupKey[] {
  const out: GroupKey[] = [];
  for (let k: GroupKey | undefined = key; k; k = GROUPS[k].parent) out.push(k);
  return out;
}

export function buildTransitiveMemberOf(groups: GraphObject[], roles: GraphObject[]): Record<string, GraphObject[]> {
  const groupById = new Map(groups.map((g) => [g.id as string, g]));
  const roleById = new Map(roles.map((r) => [r.id as string, r]));
  const out: Record<string, GraphObject[]> = {};
  for (const p of PEOPLE) {
    const keys = new Set<GroupKey>();
    // Members (not guests, not service accounts) of a department group are "All Staff" through nesting.
    for (const g of p.groups) for (const k of withAncestors(g)) keys.add(k);
    const entries = [...keys].map((k) => memberOfGroup(groupById.get(groupId(k))!));
    for (const r of p.roles) entries.push(memberOfRole(roleById.get(roleObjectId(r))!));
    out[userId(p.key)] = entries;
  }
  return out;
}

