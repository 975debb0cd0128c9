import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toAppliedPolicies } from '../../../electron/core/policy/applied-policies.js';
import { evaluate } from '../../../electron/core/policy/evaluate.js';
import { EXEMPT_FILTER, JAMF_CA_API_APP, cond, directory, grant, policy, ropgContext } from './fixtures.js';

// The story in the product brief and Jamf's article: a "Require compliant device for macOS" policy
// blocks Jamf Connect's ROPG password check from an unregistered Mac (AADSTS53000); excluding the
// tagged custom API resource by application filter exempts it, first in report-only, then enforced.
describe('Jamf Connect story', () => {
  const compliantMac = (extra: Record<string, unknown> = {}, state = 'enabled') =>
    policy({
      id: 'compliant-mac',
      displayName: 'Require compliant device for macOS',
      state,
      conditions: { platforms: { includePlatforms: ['macOS'], excludePlatforms: [] } },
      grantControls: grant(['compliantDevice']),
      ...extra,
    });

  it('the policy blocks the ROPG check with 53000', () => {
    const r = evaluate([compliantMac()], ropgContext(), directory());
    assert.equal(r.outcome.access, 'blocked');
    assert.equal(r.outcome.errorCode, 53000);
    assert.deepEqual(r.outcome.decidingPolicyIds, ['compliant-mac']);
    const ev = r.policies[0]!;
    assert.equal(ev.result, 'failure');
    assert.deepEqual(ev.grant?.unsatisfied, ['compliantDevice']);
    assert.equal(ev.audience, JAMF_CA_API_APP);
  });

  it('in report-only with the exclude-mode app filter the Report-only tab reads "Not applied"', () => {
    const r = evaluate([compliantMac({ applications: { applicationFilter: EXEMPT_FILTER } }, 'enabledForReportingButNotEnforced')], ropgContext(), directory());
    assert.equal(toAppliedPolicies(r)[0]!.result, 'reportOnlyNotApplied');
  });

  it('enforced with the exclude-mode filter on the custom API app attribute: notApplied, access granted', () => {
    const r = evaluate([compliantMac({ applications: { applicationFilter: EXEMPT_FILTER } })], ropgContext(), directory());
    const ev = r.policies[0]!;
    assert.equal(ev.result, 'notApplied');
    assert.equal(ev.applies, false);
    assert.match(cond(ev, 'application').reason, /Conditional Access Policy API .* matches application filter clause CustomSecurityAttribute\.JamfConnect_Exempt -eq "Exempt"/);
    assert.deepEqual(r.outcome, { access: 'granted', errorCode: 0, decidingPolicyIds: [], conditionalAccessStatus: 'notApplied' });
  });

  it('with default scopes (openid profile email) the same fix no longer works after the 2026 change', () => {
    const ctx = ropgContext({ resourceAppId: '00000003-0000-0000-c000-000000000000', scopes: ['openid', 'profile', 'email'] });
    const r = evaluate([compliantMac({ applications: { applicationFilter: EXEMPT_FILTER } })], ctx, directory());
    assert.equal(r.outcome.errorCode, 53000);
    assert.equal(r.policies[0]!.audience, '00000002-0000-0000-c000-000000000000');
  });
});
