import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../../electron/core/policy/evaluate.js';
import type { SignInContext } from '../../../electron/core/policy/types.js';
import { directory, evalOne, grant, policy, ropgContext } from './fixtures.js';

const interactive = (extra: Partial<SignInContext['capabilities']> = {}) =>
  ropgContext({ capabilities: { interactive: true, mfaSatisfied: false, approvedClientApp: false, compliantClientApp: false, ...extra } });
const compliantDevice = { isCompliant: true, trustType: 'AzureAD' };
const hybridDevice = { isCompliant: false, trustType: 'ServerAD' };

describe('grant controls', () => {
  it('block is never satisfiable', () => {
    const ev = evalOne(policy({ grantControls: grant(['block']) }), interactive({ mfaSatisfied: true }));
    assert.equal(ev.result, 'failure');
    assert.equal(ev.grant?.failureKind, 'block');
    assert.deepEqual(ev.enforcedGrantControls, ['Block']);
  });

  it('mfa: ROPG cannot satisfy it; an interactive client can (prompt); an MFA session already does', () => {
    const p = policy({ grantControls: grant(['mfa']) });
    assert.equal(evalOne(p).result, 'failure');
    assert.equal(evalOne(p, interactive()).result, 'success');
    assert.equal(evalOne(p, interactive()).grant?.needsInteraction, true);
    assert.equal(evalOne(p, ropgContext({ capabilities: { interactive: false, mfaSatisfied: true, approvedClientApp: false, compliantClientApp: false } })).result, 'success');
  });

  it('authentication strength behaves like MFA', () => {
    const p = policy({ grantControls: grant([], 'OR', { authenticationStrength: { id: '00000000-0000-0000-0000-000000000002', displayName: 'Multifactor authentication' } }) });
    const ev = evalOne(p);
    assert.equal(ev.result, 'failure');
    assert.deepEqual(ev.grant?.unsatisfied, ['authenticationStrength']);
    assert.equal(ev.grant?.authenticationStrength, 'Multifactor authentication');
    assert.equal(evalOne(p, interactive()).result, 'success');
  });

  it('terms of use and password change need interaction', () => {
    assert.equal(evalOne(policy({ grantControls: grant([], 'OR', { termsOfUse: ['tou-1'] }) })).result, 'failure');
    assert.equal(evalOne(policy({ grantControls: grant([], 'OR', { termsOfUse: ['tou-1'] }) }), interactive()).result, 'success');
    assert.equal(evalOne(policy({ grantControls: grant(['mfa', 'passwordChange'], 'AND') }), interactive()).result, 'success');
    assert.equal(evalOne(policy({ grantControls: grant(['mfa', 'passwordChange'], 'AND') })).result, 'failure');
  });

  it('compliantDevice needs isCompliant true; domainJoinedDevice needs trustType ServerAD', () => {
    const c = policy({ grantControls: grant(['compliantDevice']) });
    assert.equal(evalOne(c).result, 'failure');
    assert.equal(evalOne(c, ropgContext({ device: compliantDevice })).result, 'success');
    assert.equal(evalOne(c, ropgContext({ device: { isCompliant: 'True' } })).result, 'success');
    const d = policy({ grantControls: grant(['domainJoinedDevice']) });
    assert.equal(evalOne(d, ropgContext({ device: compliantDevice })).result, 'failure');
    assert.equal(evalOne(d, ropgContext({ device: hybridDevice })).result, 'success');
  });

  it('approved and compliant client app follow the capability flags', () => {
    const a = policy({ grantControls: grant(['approvedApplication']) });
    assert.equal(evalOne(a).result, 'failure');
    assert.equal(evalOne(a, ropgContext({ capabilities: { interactive: false, mfaSatisfied: false, approvedClientApp: true, compliantClientApp: false } })).result, 'success');
    const b = policy({ grantControls: grant(['compliantApplication']) });
    assert.equal(evalOne(b, ropgContext({ capabilities: { interactive: false, mfaSatisfied: false, approvedClientApp: false, compliantClientApp: true } })).result, 'success');
  });

  it('AND needs every control, OR any one', () => {
    const and = policy({ grantControls: grant(['mfa', 'compliantDevice'], 'AND') });
    const or = policy({ grantControls: grant(['mfa', 'compliantDevice'], 'OR') });
    assert.equal(evalOne(and, interactive()).result, 'failure');
    assert.deepEqual(evalOne(and, interactive()).grant?.unsatisfied, ['compliantDevice']);
    assert.equal(evalOne(and, interactive()).grant?.failureKind, 'device');
    assert.equal(evalOne(or, interactive()).result, 'success');
    assert.equal(evalOne(or, ropgContext({ device: compliantDevice })).result, 'success');
    assert.equal(evalOne(or, ropgContext({ device: compliantDevice })).grant?.needsInteraction, false);
    assert.equal(evalOne(or).result, 'failure');
  });

  it('a policy without grant controls (session only) succeeds and reports its session controls', () => {
    const ev = evalOne(policy({ grantControls: null, sessionControls: { signInFrequency: { isEnabled: true, type: 'hours', value: 4 } } }));
    assert.equal(ev.result, 'success');
    assert.deepEqual(ev.enforcedSessionControls, ['SignInFrequency']);
  });

  it('an unknown built-in control makes the policy unevaluable', () => {
    const ev = evalOne(policy({ grantControls: grant(['unknownFutureValue']) }));
    assert.equal(ev.result, 'unknown');
    assert.match(ev.cannotEvaluate ?? '', /unknown control 'unknownFutureValue'/);
  });
});

describe('sign-in outcome', () => {
  const dir = directory();
  const outcome = (policies: unknown[], ctx = ropgContext()) => evaluate(policies, ctx, dir).outcome;

  it('no policy applies → granted, notApplied', () => {
    assert.deepEqual(outcome([policy({ conditions: { clientAppTypes: ['browser'] } })]), {
      access: 'granted',
      errorCode: 0,
      decidingPolicyIds: [],
      conditionalAccessStatus: 'notApplied',
    });
  });

  it('an applied, satisfied policy → granted, success', () => {
    const o = outcome([policy({ grantControls: grant(['mfa']) })], interactive());
    assert.equal(o.access, 'granted');
    assert.equal(o.conditionalAccessStatus, 'success');
  });

  it('block → 53003 and wins over device and MFA failures', () => {
    const o = outcome([
      policy({ id: 'mfa', grantControls: grant(['mfa']) }),
      policy({ id: 'dev', grantControls: grant(['compliantDevice']) }),
      policy({ id: 'blk', grantControls: grant(['block']) }),
    ]);
    assert.deepEqual(o, { access: 'blocked', errorCode: 53003, decidingPolicyIds: ['blk'], conditionalAccessStatus: 'failure' });
  });

  it('compliant device → 53000; hybrid join → 53001; compliant wins when both fail', () => {
    assert.equal(outcome([policy({ grantControls: grant(['compliantDevice']) })]).errorCode, 53000);
    assert.equal(outcome([policy({ grantControls: grant(['domainJoinedDevice']) })]).errorCode, 53001);
    const both = outcome([policy({ id: 'a', grantControls: grant(['domainJoinedDevice']) }), policy({ id: 'b', grantControls: grant(['compliantDevice']) })]);
    assert.equal(both.errorCode, 53000);
    assert.deepEqual(both.decidingPolicyIds, ['a', 'b']);
    assert.equal(both.access, 'blocked');
  });

  it('approved app → 53002, app protection → 53005 (blocked)', () => {
    assert.deepEqual(
      [outcome([policy({ grantControls: grant(['approvedApplication']) })]).errorCode, outcome([policy({ grantControls: grant(['compliantApplication']) })]).errorCode],
      [53002, 53005],
    );
    assert.equal(outcome([policy({ grantControls: grant(['approvedApplication']) })]).access, 'blocked');
  });

  it('device failures win over MFA: the deciding policy is the device one', () => {
    const o = outcome([policy({ id: 'mfa', grantControls: grant(['mfa']) }), policy({ id: 'dev', grantControls: grant(['compliantDevice']) })]);
    assert.deepEqual(o.decidingPolicyIds, ['dev']);
    assert.equal(o.errorCode, 53000);
  });

  it('only MFA missing → interactionRequired 50076 (Jamf counts it as password correct)', () => {
    assert.deepEqual(outcome([policy({ id: 'mfa', grantControls: grant(['mfa']) })]), {
      access: 'interactionRequired',
      errorCode: 50076,
      decidingPolicyIds: ['mfa'],
      conditionalAccessStatus: 'failure',
    });
  });

  it('MFA OR compliant device with neither → interactionRequired (an interactive retry could satisfy it)', () => {
    const o = outcome([policy({ grantControls: grant(['mfa', 'compliantDevice'], 'OR') })]);
    assert.equal(o.access, 'interactionRequired');
    assert.equal(o.errorCode, 50076);
  });

  it('MFA AND compliant device → blocked 53000 (a prompt cannot fix the device)', () => {
    const o = outcome([policy({ grantControls: grant(['mfa', 'compliantDevice'], 'AND') })]);
    assert.equal(o.access, 'blocked');
    assert.equal(o.errorCode, 53000);
  });

  it('terms of use only → interactionRequired with 50158; password change → 50135', () => {
    assert.equal(outcome([policy({ grantControls: grant([], 'OR', { termsOfUse: ['t'] }) })]).errorCode, 50158);
    assert.equal(outcome([policy({ grantControls: grant(['passwordChange', 'mfa'], 'AND'), conditions: { userRiskLevels: ['high'] } })], ropgContext({ userRisk: 'high' })).errorCode, 50076);
    assert.equal(outcome([policy({ grantControls: grant(['passwordChange']) })]).errorCode, 50135);
  });

  it('report-only and disabled policies never change the outcome', () => {
    const o = outcome([policy({ state: 'enabledForReportingButNotEnforced', grantControls: grant(['block']) }), policy({ state: 'disabled', grantControls: grant(['block']) })]);
    assert.deepEqual(o, { access: 'granted', errorCode: 0, decidingPolicyIds: [], conditionalAccessStatus: 'notApplied' });
  });

  it('status is failure when any enforced policy fails even if another succeeded', () => {
    const o = outcome([policy({ grantControls: null }), policy({ id: 'dev', grantControls: grant(['compliantDevice']) })]);
    assert.equal(o.conditionalAccessStatus, 'failure');
  });
});

describe('policy state', () => {
  it('disabled → notEnabled, conditions still traced', () => {
    const ev = evalOne(policy({ state: 'disabled', grantControls: grant(['block']) }));
    assert.equal(ev.result, 'notEnabled');
    assert.equal(ev.applies, true);
    assert.ok(ev.conditions.length > 0);
  });

  it('report-only: each reportOnly* result', () => {
    const ro = (g: Record<string, unknown> | null, extra: Record<string, unknown> = {}) => policy({ state: 'enabledForReportingButNotEnforced', grantControls: g, ...extra });
    assert.equal(evalOne(ro(grant(['mfa']), { conditions: { clientAppTypes: ['browser'] } })).result, 'reportOnlyNotApplied');
    assert.equal(evalOne(ro(grant(['mfa']))).result, 'reportOnlyInterrupted');
    assert.equal(evalOne(ro(grant([], 'OR', { termsOfUse: ['t'] }))).result, 'reportOnlyInterrupted');
    assert.equal(evalOne(ro(grant(['mfa'])), interactive()).result, 'reportOnlyInterrupted', 'MFA would have been prompted: "User action required"');
    assert.equal(evalOne(ro(grant(['mfa'])), interactive({ mfaSatisfied: true })).result, 'reportOnlySuccess');
    assert.equal(evalOne(ro(grant(['compliantDevice'])), ropgContext({ device: compliantDevice })).result, 'reportOnlySuccess');
    assert.equal(evalOne(ro(grant(['block']))).result, 'reportOnlyFailure');
    assert.equal(evalOne(ro(grant(['compliantDevice']))).result, 'reportOnlyFailure');
    assert.equal(evalOne(ro(grant(['approvedApplication']))).result, 'reportOnlyFailure');
  });
});
