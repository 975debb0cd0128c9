import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { evaluate, evaluatePolicy } from '../../../electron/core/policy/evaluate.js';
import type { SignInContext } from '../../../electron/core/policy/types.js';
import {
  COUNTRY_LOCATION,
  EXCHANGE,
  EXEMPT_FILTER,
  GLOBAL_ADMIN_ROLE,
  GRAPH,
  GROUP_NESTED,
  JAMF_CA_API_APP,
  USER_ID,
  V6_LOCATION,
  directory,
  grant,
  policy,
  ropgContext,
  sp,
} from './fixtures.js';

// The evaluator memoises per sign-in (same condition block → same answer), per compiled grant and
// per compiled target-resources condition. These checks make sure memoisation never changes an
// answer: evaluate() over a list must equal evaluatePolicy() of each policy alone, and a
// structurally equal fresh copy of a policy (recompiled) must give the same result.
const usersBlocks = [
  { includeUsers: ['All'] },
  { includeUsers: ['All'], excludeGroups: [GROUP_NESTED] },
  { includeGroups: [GROUP_NESTED] },
  { includeRoles: [GLOBAL_ADMIN_ROLE] },
  { includeUsers: [USER_ID] },
  { includeUsers: ['GuestsOrExternalUsers'] },
];
const appsBlocks = [
  {},
  { applicationFilter: EXEMPT_FILTER },
  { includeApplications: [JAMF_CA_API_APP] },
  { includeApplications: ['Office365'] },
  { includeApplications: ['All'], excludeApplications: [EXCHANGE] },
];
const condBlocks = [
  {},
  { platforms: { includePlatforms: ['macOS'], excludePlatforms: [] } },
  { locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] } },
  { locations: { includeLocations: [COUNTRY_LOCATION, V6_LOCATION], excludeLocations: [] } },
  { devices: { deviceFilter: { mode: 'exclude', rule: 'device.isCompliant -eq "True"' } } },
  { clientAppTypes: ['browser'] },
  { signInRiskLevels: ['high'] },
];
const grants = [grant(['mfa']), grant(['compliantDevice']), grant(['block']), grant(['mfa', 'compliantDevice'], 'AND'), grant(['approvedApplication', 'mfa']), null];
const states = ['enabled', 'disabled', 'enabledForReportingButNotEnforced'];

const arbPolicy = fc
  .record({
    u: fc.nat(usersBlocks.length - 1),
    a: fc.nat(appsBlocks.length - 1),
    c: fc.nat(condBlocks.length - 1),
    g: fc.nat(grants.length - 1),
    s: fc.nat(states.length - 1),
  })
  .map(({ u, a, c, g, s }) => policy({ users: usersBlocks[u]!, applications: appsBlocks[a]!, conditions: condBlocks[c]!, grantControls: grants[g]!, state: states[s]! }));

const arbContext = fc
  .record({
    baseline: fc.boolean(),
    ip: fc.constantFrom('203.0.113.7', '2001:db8:abcd::5', '192.0.2.1', null),
    country: fc.constantFrom('NO', 'US', null),
    device: fc.constantFrom(null, { isCompliant: true, trustType: 'AzureAD' }, { isCompliant: false }),
    interactive: fc.boolean(),
    inGroup: fc.boolean(),
    risk: fc.constantFrom('none' as const, 'high' as const),
  })
  .map(
    (r): SignInContext =>
      ropgContext({
        ...(r.baseline ? { resourceAppId: GRAPH, scopes: ['openid', 'profile', 'email'] } : {}),
        ipAddress: r.ip,
        country: r.country,
        device: r.device,
        groupIds: r.inGroup ? [GROUP_NESTED] : [],
        signInRisk: r.risk,
        capabilities: { interactive: r.interactive, mfaSatisfied: false, approvedClientApp: false, compliantClientApp: false },
      }),
  );

describe('memoisation never changes an answer', () => {
  it('evaluate() equals evaluatePolicy() per policy and equals a recompiled copy', () => {
    const dir = directory();
    fc.assert(
      fc.property(fc.array(arbPolicy, { minLength: 1, maxLength: 12 }), arbContext, (policies, ctx) => {
        const all = evaluate(policies, ctx, dir);
        policies.forEach((p, i) => {
          assert.deepEqual(all.policies[i], evaluatePolicy(p, ctx, dir));
          assert.deepEqual(all.policies[i], evaluatePolicy(structuredClone(p), ctx, dir));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('warnings are reported on every policy that shares a memoised condition', () => {
    const dir = directory({ servicePrincipalsByAppId: new Map([[JAMF_CA_API_APP, sp(JAMF_CA_API_APP, 'API')]]) });
    const a = policy({ applications: { applicationFilter: EXEMPT_FILTER } });
    const b = policy({ applications: { applicationFilter: EXEMPT_FILTER }, grantControls: grant(['block']) });
    const r = evaluate([a, b], ropgContext(), dir);
    for (const ev of r.policies) assert.ok(ev.warnings?.some((w) => /not read/.test(w)), `${ev.policyId} lacks the warning`);
  });

  it('a custom security attribute changed in place between evaluations is seen (filters are not memoised across sign-ins)', () => {
    const attrs: Record<string, Record<string, unknown>> = { JamfConnect: { Exempt: 'Exempt' } };
    const dir = directory({ servicePrincipalsByAppId: new Map([[JAMF_CA_API_APP, sp(JAMF_CA_API_APP, 'API', attrs)]]) });
    const p = policy({ applications: { applicationFilter: EXEMPT_FILTER }, grantControls: grant(['compliantDevice']) });
    assert.equal(evaluate([p], ropgContext(), dir).outcome.access, 'granted');
    delete attrs['JamfConnect'];
    assert.equal(evaluate([p], ropgContext(), dir).outcome.errorCode, 53000);
  });
});
