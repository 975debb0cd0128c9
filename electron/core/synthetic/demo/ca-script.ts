/**
 * The story script's Conditional Access expectations: for one demo sign-in, what each of the
 * tenant's policies shows in `appliedConditionalAccessPolicies` and which AADSTS code the sign-in
 * ends with. Written from Microsoft's documented semantics (graph-facts §1.3, §2, §2.9), for the
 * eleven fixed demo policies only — this is the scripted history the demo ships with, not an
 * evaluator; the app's one evaluator (electron/core/policy) is checked against it in
 * test/unit/demo-tenant/consistency.test.ts.
 *
 * Semantics encoded:
 * - Report-only policies never enforce; they show reportOnlySuccess / reportOnlyFailure /
 *   reportOnlyNotApplied. Disabled ones show notEnabled.
 * - A Jamf Connect ROPG sign-in cannot do MFA or present a device: mfa, compliantDevice and block
 *   all fail. Error precedence: block (53003) > device (53000) > MFA (50076).
 * - Application filters (exclude mode) are checked against the attributes of the *audience*.
 *   Baseline-scope-only requests (openid/profile/email): before the tenant's enforcement date
 *   they escaped every All-resources policy that has a resource exclusion; after it, such
 *   policies evaluate them with Windows Azure AD as the audience, which carries no attribute.
 */
import type { GraphObject } from '../../snapshot/types.js';
import type { PolicyResult } from '../../policy/types.js';
import { appliedPolicy } from '../graph-shapes.js';
import { FIRST_PARTY_APPS, ROLE_TEMPLATES } from '../well-known.js';
import { DATES, JAMF_API_APP_ID, JAMF_API_SCOPE } from './constants.js';
import { groupId, withAncestors } from './directory.js';
import type { Person } from './people.js';
import { POLICY_INPUTS, type PolicyKey, policyId } from './policies.js';

export interface CaContext {
  readonly person: Person;
  readonly at: string;
  readonly clientType: 'browser' | 'mobileAppsAndDesktopClients' | 'exchangeActiveSync' | 'other';
  readonly platform: 'macOS' | 'windows';
  /** Sign-in from a trusted office network. */
  readonly trustedNetwork: boolean;
  readonly country: string;
  /** Device is registered and compliant. */
  readonly compliant: boolean;
  /** The client can complete MFA (interactive browser / desktop apps). ROPG cannot. */
  readonly canMfa: boolean;
  /** The resource (audience) app id and whether the request asked only baseline scopes. */
  readonly resourceAppId: string;
  readonly baselineOnly: boolean;
}

export interface CaOutcome {
  readonly entries: GraphObject[];
  readonly errorCode: number;
  readonly audiences: string[];
  readonly mfaRequired: boolean;
}

const BASELINE = new Set(['openid', 'profile', 'email', 'offline_access', 'User.Read']);
export const isBaselineOnly = (scopes: readonly string[]): boolean => scopes.every((s) => BASELINE.has(s));
export const ropgResource = (scopes: readonly string[]): { appId: string; displayName: string } =>
  scopes.includes(JAMF_API_SCOPE)
    ? { appId: JAMF_API_APP_ID, displayName: 'Jamf Connect – Conditional Access Policy API' }
    : FIRST_PARTY_APPS.microsoftGraph;

/** Audiences carrying the exemption attribute (the tagged service principals). */
const TAGGED_AUDIENCES = new Set([JAMF_API_APP_ID]);

/** State of a policy at a moment (CA010 was report-only before it was switched On). */
export function policyStateAt(key: PolicyKey, at: string): string | null {
  const input = POLICY_INPUTS.find((p) => p.key === key)!;
  if (at < input.created) return null;
  if (key === 'ca010' && at < DATES.ca010Enabled) return 'enabledForReportingButNotEnforced';
  return input.state;
}

export const baselineEnforcedAt = (at: string): boolean => at >= DATES.baselineEnforcement;

export function evaluateScript(ctx: CaContext, policies: readonly GraphObject[]): CaOutcome {
  const p = ctx.person;
  const groups = new Set(p.groups.flatMap(withAncestors));
  const breakGlass = groups.has('breakGlass');
  const guest = p.kind === 'guest';
  const baselineRule = ctx.baselineOnly && baselineEnforcedAt(ctx.at);
  const entries: GraphObject[] = [];
  const failures: string[][] = [];
  let mfaRequired = false;

  for (const input of POLICY_INPUTS) {
    const state = policyStateAt(input.key, ctx.at);
    if (state === null) continue;
    const policy = policies.find((x) => x.id === policyId(input.key))!;
    if (state === 'disabled') {
      entries.push(appliedPolicy(policy, 'notEnabled'));
      continue;
    }
    const ok: string[] = [];
    const not: string[] = [];
    const check = (name: string, matched: boolean): void => void (matched ? ok : not).push(name);

    // application: All resources, minus audiences the exclude filter matches.
    if (!input.filter) check('application', true);
    else if (ctx.baselineOnly && !baselineRule) check('application', false); // pre-enforcement escape
    else if (baselineRule) check('application', true); // audience is Windows Azure AD: no attribute, filter can't exclude it
    else check('application', !TAGGED_AUDIENCES.has(ctx.resourceAppId));

    // users
    const u = input.users;
    let inUsers = false;
    if (!breakGlass) {
      if (u.includeUsers?.includes('All')) inUsers = true;
      const groupIds = [...groups].map(groupId);
      if (u.includeGroups?.some((g) => groupIds.includes(g))) inUsers = true;
      if (u.includeRoles?.length && p.roles.some((r) => u.includeRoles!.includes(ROLE_TEMPLATES[r].id))) inUsers = true;
      if (u.excludeGuestsOrExternalUsers && guest) inUsers = false;
    }
    check('users', inUsers);

    if (input.platforms) check('devicePlatform', input.platforms.includes(ctx.platform));
    if (input.locations) {
      const excludedByCountry = input.locations.exclude.some((l) => !l.startsWith('All')) && ['NO', 'SE', 'DK', 'FI', 'DE', 'GB', 'US'].includes(ctx.country);
      const excludedByTrust = input.locations.exclude.includes('AllTrusted') && ctx.trustedNetwork;
      check('location', !(excludedByCountry || excludedByTrust));
    }
    if (input.clientAppTypes && !input.clientAppTypes.includes('all')) check('clientType', input.clientAppTypes.includes(ctx.clientType));

    const applies = not.length === 0;
    const opts = { satisfied: ok.join(',') || 'none', notSatisfied: not.join(',') || 'none' };
    const reportOnly = state === 'enabledForReportingButNotEnforced';
    let result: PolicyResult;
    if (!applies) result = reportOnly ? 'reportOnlyNotApplied' : 'notApplied';
    else {
      const unsatisfied = input.grant.filter((g) => g === 'block' || (g === 'mfa' && !ctx.canMfa) || (g === 'compliantDevice' && !ctx.compliant));
      // grant operator is OR with a single control in every demo policy
      const satisfied = unsatisfied.length < input.grant.length;
      if (input.grant.includes('mfa')) mfaRequired = mfaRequired || !reportOnly;
      if (satisfied) result = reportOnly ? 'reportOnlySuccess' : 'success';
      else if (reportOnly) result = input.grant.includes('mfa') ? 'reportOnlyInterrupted' : 'reportOnlyFailure';
      else {
        result = 'failure';
        failures.push(input.grant);
      }
    }
    entries.push(appliedPolicy(policy, result, opts));
  }

  const all = failures.flat();
  const errorCode = all.includes('block') ? 53003 : all.includes('compliantDevice') ? 53000 : all.includes('mfa') ? 50076 : 0;
  const audiences = baselineRule ? [FIRST_PARTY_APPS.windowsAzureActiveDirectory.appId] : [ctx.resourceAppId];
  return { entries, errorCode, audiences, mfaRequired };
}
