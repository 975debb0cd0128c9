/**
 * The people of the demo tenant: operators (who use Lockout Lens, with different role mixes),
 * break-glass accounts, the story users (one per lockout cause), background staff, contractors,
 * guests and a legacy-auth service account.
 */
import type { RoleKey } from '../well-known.js';
import { DEFAULT_ROPG_SCOPES, JAMF_CLIENT_APP_ID, JAMF_LAB_CLIENT_APP_ID, RECOMMENDED_ROPG_SCOPES } from './constants.js';

export type GroupKey =
  | 'allStaff'
  | 'sales'
  | 'marketing'
  | 'engineering'
  | 'engineeringPlatform'
  | 'design'
  | 'finance'
  | 'fieldOps'
  | 'it'
  | 'hr'
  | 'macUsers'
  | 'macPilot'
  | 'contractors'
  | 'breakGlass';

export type Office = 'bergen' | 'oslo';

export interface MacSetup {
  /** Client id the Mac's Jamf Connect profile uses for ROPG (OIDCROPGID). */
  readonly clientAppId: string;
  /** ROPG scopes of that profile. */
  readonly ropgScopes: readonly string[];
}

export interface Person {
  readonly key: string;
  readonly given: string;
  readonly surname: string;
  /** Local part of the UPN (members) or the guest's home address. */
  readonly mailLocal: string;
  readonly department: string;
  readonly jobTitle: string;
  readonly office: Office;
  readonly kind: 'member' | 'guest' | 'breakGlass' | 'service';
  readonly groups: readonly GroupKey[];
  readonly roles: readonly RoleKey[];
  /** What the person signs in from: a Mac with Jamf Connect, a managed Windows laptop, or nothing. */
  readonly device: 'mac' | 'windows' | 'personal-windows' | 'none';
  readonly mac?: MacSetup;
  readonly accountEnabled?: boolean;
  /** Guests: home tenant's domain. */
  readonly guestDomain?: string;
  /** Operators: what they demonstrate in Lockout Lens. */
  readonly operatorPurpose?: string;
}

const recommended: MacSetup = { clientAppId: JAMF_CLIENT_APP_ID, ropgScopes: RECOMMENDED_ROPG_SCOPES };
const legacyProfile: MacSetup = { clientAppId: JAMF_CLIENT_APP_ID, ropgScopes: DEFAULT_ROPG_SCOPES };
const labProfile: MacSetup = { clientAppId: JAMF_LAB_CLIENT_APP_ID, ropgScopes: RECOMMENDED_ROPG_SCOPES };

const member = (
  key: string,
  given: string,
  surname: string,
  department: string,
  jobTitle: string,
  groups: GroupKey[],
  device: Person['device'],
  extra: Partial<Person> = {},
): Person => ({
  key,
  given,
  surname,
  mailLocal: `${given}.${surname}`.toLowerCase().replace(/ø/g, 'o').replace(/å/g, 'a').replace(/æ/g, 'ae').replace(/\s+/g, ''),
  department,
  jobTitle,
  office: 'bergen',
  kind: 'member',
  groups,
  roles: [],
  device,
  ...(device === 'mac' ? { mac: recommended } : {}),
  ...extra,
});

export const PEOPLE: readonly Person[] = [
  // --- Operators: the accounts one signs in to Lockout Lens with ---
  member('hedda', 'Hedda', 'Larsen', 'IT', 'Service Desk Agent', ['it'], 'windows', {
    roles: ['reportsReader', 'securityReader'],
    operatorPurpose: 'Helpdesk reader: sees sign-ins and their Conditional Access results, reads policies, cannot change anything.',
  }),
  member('rolf', 'Rolf', 'Nilsen', 'IT', 'Service Desk Trainee', ['it'], 'windows', {
    roles: ['reportsReader'],
    operatorPurpose: 'Reports Reader only: sees sign-ins but Graph omits appliedConditionalAccessPolicies — "no data" must not read as "no policies".',
  }),
  member('camilla', 'Camilla', 'Berg', 'IT', 'Conditional Access Administrator', ['it'], 'windows', {
    roles: ['conditionalAccessAdministrator', 'reportsReader'],
    operatorPurpose: 'Can edit CA policies but has no custom-security-attribute roles: the exemption pre-check must name Attribute Definition/Assignment Administrator as missing.',
  }),
  member('ingrid', 'Ingrid', 'Solheim', 'IT', 'Identity Administrator', ['it'], 'windows', {
    roles: ['conditionalAccessAdministrator', 'attributeDefinitionAdministrator', 'attributeAssignmentAdministrator', 'securityReader', 'reportsReader'],
    operatorPurpose: 'Holds every role the exemption needs: can apply, verify and roll back.',
  }),
  member('geir', 'Geir', 'Aas', 'IT', 'IT Manager', ['it'], 'windows', {
    roles: ['globalAdministrator'],
    operatorPurpose: 'Global Administrator only: can edit policies but Global Administrator has no custom-security-attribute rights by default.',
  }),
  { ...member('bg1', 'Break Glass', '01', 'IT', 'Emergency access account', ['breakGlass'], 'none', { roles: ['globalAdministrator'] }), kind: 'breakGlass', mailLocal: 'breakglass.01' },
  { ...member('bg2', 'Break Glass', '02', 'IT', 'Emergency access account', ['breakGlass'], 'none', { roles: ['globalAdministrator'] }), kind: 'breakGlass', mailLocal: 'breakglass.02' },

  // --- Story users: one per cause (meta.stories) ---
  member('mari', 'Mari', 'Johansen', 'Sales', 'Account Manager', ['sales', 'macUsers', 'macPilot'], 'mac'),
  member('kari', 'Kari', 'Dahl', 'Finance', 'Controller', ['finance', 'macUsers'], 'mac', { office: 'oslo' }),
  member('tor', 'Tor Ivar', 'Haugen', 'IT', 'Systems Engineer', ['it', 'macUsers'], 'mac', { roles: ['helpdeskAdministrator'] }),
  member('lars', 'Lars', 'Moen', 'Field Operations', 'Field Technician', ['fieldOps', 'macUsers'], 'mac'),
  member('sofie', 'Sofie', 'Lunde', 'Marketing', 'Content Producer', ['marketing', 'macUsers'], 'mac'),
  member('erik', 'Erik', 'Strand', 'Sales', 'Sales Engineer', ['sales', 'macUsers'], 'mac', { office: 'oslo' }),
  member('nora', 'Nora', 'Eide', 'HR', 'HR Advisor', ['hr', 'macUsers'], 'mac', { accountEnabled: false }),
  member('jonas', 'Jonas', 'Vik', 'Field Operations', 'Lab Technician', ['fieldOps', 'macUsers'], 'mac', { mac: labProfile }),
  member('ida', 'Ida', 'Holm', 'Design', 'UX Designer', ['design', 'macUsers'], 'mac'),
  member('henrik', 'Henrik', 'Lie', 'Engineering', 'Platform Engineer', ['engineeringPlatform', 'macUsers'], 'mac', { mac: legacyProfile }),
  member('emma', 'Emma', 'Bakke', 'Marketing', 'Marketing Coordinator', ['marketing', 'macUsers'], 'mac'),

  // --- Background staff ---
  member('ole', 'Ole', 'Brekke', 'IT', 'Endpoint Engineer', ['it', 'macPilot'], 'windows', { roles: ['intuneAdministrator'] }),
  member('kristian', 'Kristian', 'Moe', 'IT', 'Network Engineer', ['it'], 'windows'),
  member('anders', 'Anders', 'Hansen', 'Sales', 'Sales Director', ['sales'], 'windows'),
  member('silje', 'Silje', 'Pedersen', 'Sales', 'Account Manager', ['sales'], 'windows', { office: 'oslo' }),
  member('jon', 'Jon', 'Kristiansen', 'Sales', 'Inside Sales', ['sales', 'macUsers'], 'mac'),
  member('marte', 'Marte', 'Jensen', 'Marketing', 'Brand Manager', ['marketing'], 'windows'),
  member('ahmed', 'Ahmed', 'Karimi', 'Engineering', 'Platform Engineer', ['engineeringPlatform', 'macUsers'], 'mac'),
  member('lene', 'Lene', 'Olsen', 'Engineering', 'Software Engineer', ['engineering'], 'windows'),
  member('thomas', 'Thomas', 'Berge', 'Engineering', 'Engineering Manager', ['engineering'], 'windows'),
  member('ingvild', 'Ingvild', 'Haug', 'Design', 'Product Designer', ['design', 'macUsers'], 'mac'),
  member('per', 'Per', 'Sørensen', 'Finance', 'CFO', ['finance'], 'windows'),
  member('hilde', 'Hilde', 'Iversen', 'Finance', 'Accountant', ['finance'], 'windows', { office: 'oslo' }),
  member('morten', 'Morten', 'Nygaard', 'Field Operations', 'Operations Manager', ['fieldOps'], 'windows'),
  member('sara', 'Sara', 'Ali', 'HR', 'HR Manager', ['hr'], 'windows'),

  // --- Contractors (members of the tenant, browser-only by policy) ---
  member('viktor', 'Viktor', 'Popescu', 'Engineering', 'Contractor – QA', ['contractors'], 'personal-windows'),
  member('elena', 'Elena', 'Rossi', 'Marketing', 'Contractor – Copywriter', ['contractors'], 'personal-windows'),

  // --- Guests (B2B collaboration) ---
  { ...member('alex', 'Alex', 'Turner', 'Partner', 'Implementation Partner', ['contractors'], 'personal-windows'), kind: 'guest', guestDomain: 'fabrikam-partner.example' },
  { ...member('priya', 'Priya', 'Shah', 'Agency', 'Agency Account Lead', [], 'personal-windows'), kind: 'guest', guestDomain: 'contoso-agency.example' },
  { ...member('maria', 'Maria', 'Garcia', 'Auditor', 'External Auditor', [], 'personal-windows'), kind: 'guest', guestDomain: 'tailspin-audit.example' },

  // --- A legacy-auth service account (IMAP scan-to-mail) blocked by CA002 ---
  { ...member('scanner', 'Scan to Mail', 'Bergen', 'IT', 'Multifunction printer mailbox', [], 'none'), kind: 'service', mailLocal: 'scan.bergen' },
];

export function person(key: string): Person {
  const p = PEOPLE.find((x) => x.key === key);
  if (!p) throw new Error(`demo tenant: no person "${key}"`);
  return p;
}
