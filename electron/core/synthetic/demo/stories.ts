/**
 * `meta.stories`: one entry per story user — what happened, and the verdict the diagnosis must
 * reach (docs/demo-tenant.md has the long version). expectedErrorCode is the code of the user's
 * recent Jamf Connect sign-ins.
 */
import type { SnapshotStory } from '../../snapshot/types.js';
import { DATES, DEFAULT_ROPG_SCOPES, JAMF_LAB_CLIENT_APP_ID } from './constants.js';
import { signInName, userId } from './directory.js';
import { person } from './people.js';
import { policyId } from './policies.js';

interface StoryInput {
  key: string;
  story: string;
  expectedCause: string;
  expectedErrorCode: number;
  lockout: boolean;
  sinceDateTime?: string;
  decidingPolicies?: ('ca003' | 'ca010' | 'ca011' | 'ca020' | 'ca001')[];
  extra?: Record<string, unknown>;
}

const INPUTS: StoryInput[] = [
  {
    key: 'mari',
    story: 'Locked out since CA010 (macOS compliant device, pilot) was switched On; the report-only fortnight before showed it coming.',
    expectedCause: 'ca-compliant-device',
    expectedErrorCode: 53000,
    lockout: true,
    sinceDateTime: DATES.ca010Enabled,
    decidingPolicies: ['ca010'],
  },
  {
    key: 'kari',
    story: 'Finance user working from home: CA020 blocks every sign-in outside the trusted office networks. Fine on office days.',
    expectedCause: 'ca-block-location',
    expectedErrorCode: 53003,
    lockout: true,
    sinceDateTime: DATES.kariHomeFrom,
    decidingPolicies: ['ca020'],
  },
  {
    key: 'tor',
    story: 'Helpdesk Administrator: CA003 (MFA for admins) answers every ROPG check with 50076. Jamf Connect counts that as "password correct" — log noise and risk, not a lockout.',
    expectedCause: 'ca-mfa-noise',
    expectedErrorCode: 50076,
    lockout: false,
    decidingPolicies: ['ca003'],
  },
  {
    key: 'lars',
    story: 'Changed his password in the browser; the Mac still sends the old one, so every check fails with 50126 since then.',
    expectedCause: 'wrong-password',
    expectedErrorCode: 50126,
    lockout: true,
    sinceDateTime: DATES.larsPasswordChange,
  },
  {
    key: 'sofie',
    story: 'Reset her password with SSPR on her phone; the Mac kept retrying the old one until smart lockout engaged (50053).',
    expectedCause: 'smart-lockout',
    expectedErrorCode: 50053,
    lockout: true,
    sinceDateTime: DATES.sofieLockout,
  },
  {
    key: 'erik',
    story: 'His cloud password expired (90 days); every check fails with 50055 until he changes it.',
    expectedCause: 'password-expired',
    expectedErrorCode: 50055,
    lockout: true,
    sinceDateTime: DATES.erikPasswordExpiry,
  },
  {
    key: 'nora',
    story: 'Account disabled by a mistaken offboarding run; every check fails with 50057.',
    expectedCause: 'account-disabled',
    expectedErrorCode: 50057,
    lockout: true,
    sinceDateTime: DATES.noraDisabled,
  },
  {
    key: 'jonas',
    story: 'The lab Macs were re-pointed at a new "Jamf Connect (Lab Macs)" registration that has "Allow public client flows" off: 7000218.',
    expectedCause: 'public-client-flows-disabled',
    expectedErrorCode: 7000218,
    lockout: true,
    sinceDateTime: DATES.labAppSwitch,
    extra: { clientAppId: JAMF_LAB_CLIENT_APP_ID },
  },
  {
    key: 'ida',
    story: 'Already exempted: Jamf Connect uses the custom API scope, whose app carries JamfConnect_isExemptMFA = Exempt. CA001 shows notApplied and the CA012 trial "Report-only: Not applied" — the exemption works.',
    expectedCause: 'exempted',
    expectedErrorCode: 0,
    lockout: false,
  },
  {
    key: 'henrik',
    story: "Engineering Mac still on the old profile (default ROPG scopes openid profile email). The tag on the Jamf Connect client app stopped helping when baseline-scope enforcement reached the tenant: CA011 now evaluates Windows Azure AD as the audience — 53000 since then.",
    expectedCause: 'baseline-scope-audience',
    expectedErrorCode: 53000,
    lockout: true,
    sinceDateTime: DATES.baselineEnforcement,
    decidingPolicies: ['ca011', 'ca001'],
    extra: { ropgScopes: [...DEFAULT_ROPG_SCOPES], audience: '00000002-0000-0000-c000-000000000000' },
  },
  {
    key: 'emma',
    story: 'Healthy: every Jamf Connect check succeeds; nothing to fix.',
    expectedCause: 'healthy',
    expectedErrorCode: 0,
    lockout: false,
  },
];

export function buildStories(): SnapshotStory[] {
  return INPUTS.map((s) => ({
    userPrincipalName: signInName(person(s.key)),
    story: s.story,
    expectedCause: s.expectedCause,
    expectedErrorCode: s.expectedErrorCode,
    userId: userId(s.key),
    lockout: s.lockout,
    ...(s.sinceDateTime ? { sinceDateTime: s.sinceDateTime } : {}),
    ...(s.decidingPolicies ? { decidingPolicyIds: s.decidingPolicies.map(policyId) } : {}),
    ...(s.extra ?? {}),
  }));
}
