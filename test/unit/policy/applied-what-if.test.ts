import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toAppliedPolicies } from '../../../electron/core/policy/applied-policies.js';
import { evaluate } from '../../../electron/core/policy/evaluate.js';
import { whatIf } from '../../../electron/core/policy/what-if.js';
import { EXEMPT_FILTER, directory, grant, policy, ropgContext } from './fixtures.js';

describe('toAppliedPolicies', () => {
  it('writes the report-only "Not applied" entry Jamf tells admins to look for (graph-facts §1.3 example)', () => {
    const p = policy({ id: 'p1', displayName: 'Require MFA – all resources', state: 'enabledForReportingButNotEnforced', applications: { applicationFilter: EXEMPT_FILTER } });
    const [entry] = toAppliedPolicies(evaluate([p], ropgContext(), directory()));
    assert.deepEqual(entry, {
      id: 'p1',
      displayName: 'Require MFA – all resources',
      result: 'reportOnlyNotApplied',
      enforcedGrantControls: ['Mfa'],
      enforcedSessionControls: [],
      conditionsSatisfied: 'users',
      conditionsNotSatisfied: 'application',
      includeRulesSatisfied: [
        { conditionalAccessCondition: 'users', ruleSatisfied: 'allUsers' },
        { conditionalAccessCondition: 'application', ruleSatisfied: 'allApps' },
      ],
      excludeRulesSatisfied: [{ conditionalAccessCondition: 'application', ruleSatisfied: 'appFilter' }],
    });
  });

  it('a failed compliant-device policy lists its configured conditions and Graph-style control names', () => {
    const p = policy({ id: 'p2', grantControls: grant(['compliantDevice']), conditions: { platforms: { includePlatforms: ['macOS'], excludePlatforms: [] } } });
    const [entry] = toAppliedPolicies(evaluate([p], ropgContext(), directory()));
    assert.equal(entry!.result, 'failure');
    assert.deepEqual(entry!.enforcedGrantControls, ['RequireCompliantDevice']);
    assert.equal(entry!.conditionsSatisfied, 'users,application,devicePlatform');
    assert.equal(entry!.conditionsNotSatisfied, 'none');
  });

  it('disabled and unevaluable policies carry no conditions', () => {
    const entries = toAppliedPolicies(evaluate([policy({ state: 'disabled' }), policy({ users: null })], ropgContext(), directory()));
    assert.deepEqual(
      entries.map((e) => [e.result, e.conditionsSatisfied, e.conditionsNotSatisfied, e.includeRulesSatisfied.length]),
      [
        ['notEnabled', 'none', 'none', 0],
        ['unknown', 'none', 'none', 0],
      ],
    );
  });
});

describe('whatIf', () => {
  const policies = [
    policy({ id: 'applies', grantControls: grant(['compliantDevice']) }),
    policy({ id: 'browser', conditions: { clientAppTypes: ['browser'], platforms: { includePlatforms: ['iOS'], excludePlatforms: [] } } }),
    policy({ id: 'off', state: 'disabled' }),
    policy({ id: 'ro', state: 'enabledForReportingButNotEnforced' }),
    policy({ id: 'bad', applications: { applicationFilter: { mode: 'exclude', rule: '(' } } }),
  ];

  it('returns every policy in full with policyApplies and analysisReasons', () => {
    const r = whatIf(policies, ropgContext(), directory());
    assert.deepEqual(
      r.map((x) => [x['id'], x.policyApplies, x.analysisReasons]),
      [
        ['applies', true, 'notSet'],
        ['browser', false, 'clientApps,devicePlatform'],
        ['off', false, 'policyNotEnabled'],
        ['ro', true, 'notSet'],
        ['bad', false, 'invalidCondition'],
      ],
    );
    assert.deepEqual(r[0]!['grantControls'], policies[0]!['grantControls']);
    assert.equal(r[3]!['state'], 'enabledForReportingButNotEnforced');
  });

  it('appliedPoliciesOnly keeps only the policies that apply', () => {
    assert.deepEqual(
      whatIf(policies, ropgContext(), directory(), { appliedPoliciesOnly: true }).map((x) => x['id']),
      ['applies', 'ro'],
    );
  });

  it('reports users and application reasons', () => {
    const p = policy({ users: { includeUsers: ['None'] }, applications: { includeApplications: ['Office365'] } });
    assert.equal(whatIf([p], ropgContext(), directory())[0]!.analysisReasons, 'users,application');
  });
});
