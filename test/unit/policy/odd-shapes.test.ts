import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../../electron/core/policy/evaluate.js';
import { directory, grant, policy, ropgContext } from './fixtures.js';

// Public tools crashed on these (ROADrecon on app-filter rules / missing users block; Maester,
// DCToolbox on stale references). Here each odd policy is "cannot evaluate" and the rest go on.
describe('odd policy shapes never throw', () => {
  const good = () => policy({ id: 'good', grantControls: grant(['compliantDevice']) });

  function evalWith(odd: unknown) {
    const r = evaluate([odd, good()], ropgContext(), directory());
    assert.equal(r.policies.length, 2);
    assert.equal(r.policies[1]!.result, 'failure', 'the well-formed policy is still evaluated');
    assert.equal(r.outcome.errorCode, 53000);
    return r.policies[0]!;
  }

  it('a malformed application filter rule → cannotEvaluate with the position', () => {
    const ev = evalWith(policy({ id: 'bad', applications: { applicationFilter: { mode: 'exclude', rule: 'CustomSecurityAttribute.JamfConnect_Exempt -eq "Exempt' } } }));
    assert.equal(ev.result, 'unknown');
    assert.equal(ev.applies, false);
    assert.match(ev.cannotEvaluate ?? '', /application filter rule is malformed at position 47/);
  });

  it('a malformed device filter rule → cannotEvaluate', () => {
    const ev = evalWith(policy({ conditions: { devices: { deviceFilter: { mode: 'include', rule: 'device.model -eq "a" -and' } } } }));
    assert.match(ev.cannotEvaluate ?? '', /device filter rule is malformed at position 25/);
  });

  it('no users block', () => {
    const ev = evalWith(policy({ users: null }));
    assert.match(ev.cannotEvaluate ?? '', /no conditions\.users/);
  });

  it('a workload-identity policy (clientApplications, no users) simply does not apply to a user sign-in', () => {
    const ev = evalWith(policy({ users: null, conditions: { clientApplications: { includeServicePrincipals: ['All'], excludeServicePrincipals: [] } } }));
    assert.equal(ev.cannotEvaluate, undefined);
    assert.equal(ev.result, 'notApplied');
  });

  it('null conditions, null policy, a string, an array', () => {
    for (const odd of [{ id: 'x', displayName: 'x', state: 'enabled', conditions: null }, null, 'policy', [1, 2]]) {
      const ev = evalWith(odd);
      assert.equal(ev.result, 'unknown');
      assert.ok(ev.cannotEvaluate);
    }
  });

  it('empty arrays everywhere: nobody included → notApplied, no crash', () => {
    const ev = evalWith(
      policy({
        users: { includeUsers: [], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [] },
        applications: { includeApplications: [] },
        conditions: { clientAppTypes: [], platforms: { includePlatforms: [], excludePlatforms: [] }, locations: { includeLocations: [], excludeLocations: [] } },
        grantControls: grant([]),
      }),
    );
    assert.equal(ev.result, 'notApplied');
    assert.equal(ev.cannotEvaluate, undefined);
  });

  it('null collections are read as empty', () => {
    const ev = evalWith(policy({ users: { includeUsers: ['All'], excludeUsers: null, includeGroups: null }, conditions: { platforms: null, locations: null, devices: null, signInRiskLevels: null } }));
    assert.equal(ev.cannotEvaluate, undefined);
    assert.equal(ev.result, 'failure');
  });

  it('unknown enum values: platform, client app type, risk level, state, operator', () => {
    const cases: [unknown, RegExp][] = [
      [policy({ conditions: { platforms: { includePlatforms: ['unknownFutureValue'] } } }), /unknown platform 'unknownfuturevalue'.*Prefer/],
      [policy({ conditions: { platforms: { includePlatforms: ['tvOS'] } } }), /unknown platform 'tvos'/],
      [policy({ conditions: { clientAppTypes: ['unknownFutureValue'] } }), /clientAppTypes has unknown value/],
      [policy({ conditions: { signInRiskLevels: ['unknownFutureValue'] } }), /signInRiskLevels has unknown value/],
      [policy({ state: 'unknownFutureValue' }), /state has unknown value/],
      [policy({ grantControls: grant(['mfa'], 'XOR' as 'AND') }), /operator has unknown value/],
      [policy({ conditions: { authenticationFlows: { transferMethods: 'unknownFutureValue' } } }), /transferMethods has unknown value/],
    ];
    for (const [odd, re] of cases) assert.match(evalWith(odd).cannotEvaluate ?? '', re);
  });

  it('a resource value that is neither an app id nor a keyword is kept as an opaque id and reported', () => {
    const ev = evalWith(policy({ applications: { includeApplications: ['AllAgentResources'] } }));
    assert.equal(ev.cannotEvaluate, undefined);
    assert.equal(ev.result, 'notApplied');
    assert.ok(ev.warnings?.some((w) => /AllAgentResources/.test(w)));
  });

  it('wrong types (a string where a list belongs) → cannotEvaluate naming the path', () => {
    const ev = evalWith(policy({ users: { includeUsers: 'All' } }));
    assert.match(ev.cannotEvaluate ?? '', /conditions\.users\.includeUsers is not an array/);
  });

  it('an enforced policy that cannot be evaluated is listed as unevaluated in the outcome', () => {
    const r = evaluate([policy({ id: 'odd', users: null }), good()], ropgContext(), directory());
    assert.deepEqual(r.outcome.unevaluatedPolicyIds, ['odd']);
  });

  it('a broken sign-in context does not throw either', () => {
    const r = evaluate([good()], null as never, directory());
    assert.equal(r.policies[0]!.result, 'unknown');
    assert.match(r.policies[0]!.cannotEvaluate ?? '', /sign-in context is invalid/);
  });

  it('compiles once per policy object: a second evaluation reuses the compiled form', () => {
    const p = policy({ applications: { applicationFilter: { mode: 'exclude', rule: 'CustomSecurityAttribute.JamfConnect_Exempt -eq "Exempt"' } } });
    const a = evaluate([p], ropgContext(), directory()).policies[0]!;
    const b = evaluate([p], ropgContext({ resourceAppId: '00000002-0000-0ff1-ce00-000000000000', scopes: ['Mail.Read'] }), directory()).policies[0]!;
    assert.equal(a.result, 'notApplied');
    assert.equal(b.result, 'failure');
  });
});
