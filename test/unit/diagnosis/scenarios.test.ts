/**
 * One hand-built tenant per demo story. Expected verdicts come from the documented semantics:
 * Jamf Connect counts 0 and 50076 as "password correct" (graph-facts §6); a ROPG check on an
 * unregistered Mac cannot satisfy a compliant-device grant (53000); Block outside trusted
 * locations gives 53003; the 2026 baseline-scope rule evaluates openid/profile/email-only requests
 * against Windows Azure AD when an All-resources policy has any resource exclusion (§2.9).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseFromSnapshot } from '../../../electron/core/diagnosis/from-snapshot.js';
import * as f from './fixtures.js';

const deviceFailure = () => [f.applied(f.P_DEVICE, 'Require compliant device', 'failure', ['RequireCompliantDevice'])];
const run = (snap: ReturnType<typeof f.tenant>, days = 7) => diagnoseFromSnapshot(snap, f.UPN, { days });

test('locked out by a compliant-device policy (53000): cause, since, attempts, evidence, prediction', () => {
  const d = run(f.tenant({
    policies: [f.devicePolicy()],
    signIns: [
      f.signIn({ at: f.ago(600), code: 0, id: 'ok-1' }),
      f.signIn({ at: f.ago(120), code: 53000, policies: deviceFailure(), id: 'fail-1' }),
      f.signIn({ at: f.ago(60), code: 53000, policies: deviceFailure(), id: 'fail-2' }),
    ],
  }));
  assert.equal(d.verdict.lockedOut, true);
  assert.equal(d.verdict.cause, 'ca-device');
  assert.equal(d.verdict.primaryErrorCode, 53000);
  assert.equal(d.verdict.since, f.ago(120), 'the first failure after the last success');
  assert.equal(d.verdict.attempts, 2);
  assert.deepEqual(d.verdict.blockingPolicyIds, [f.P_DEVICE]);
  assert.equal(d.verdict.blockingPolicySource, 'log');
  assert.deepEqual(d.verdict.evidence.map((e) => e.signInId), ['fail-2', 'fail-1']);
  assert.equal(d.verdict.evidence[0]!.policies[0]!.result, 'failure');
  // The next ROPG check from an unregistered Mac cannot present a compliant device.
  assert.equal(d.prediction.lockedOut, true);
  assert.equal(d.prediction.errorCode, 53000);
  assert.deepEqual(d.prediction.decidingPolicyIds, [f.P_DEVICE]);
  assert.equal(d.prediction.disagreement, null);
  assert.ok(d.recommendations.some((r) => r.action === 'exemptFromPolicy' && r.policyId === f.P_DEVICE));
  const finding = d.policies.find((p) => p.id === f.P_DEVICE)!;
  assert.equal(finding.blocking, true);
  assert.deepEqual(finding.logResults, { failure: 2 });
});

test('blocked outside trusted locations (53003) reads as a location block', () => {
  const d = run(f.tenant({
    policies: [f.locationPolicy()],
    signIns: [f.signIn({ at: f.ago(30), code: 53003, ip: '198.51.100.7', policies: [f.applied(f.P_BLOCK_OUTSIDE, 'Block outside trusted locations', 'failure', ['Block'])] })],
  }));
  assert.equal(d.verdict.lockedOut, true);
  assert.equal(d.verdict.cause, 'ca-location');
  assert.equal(d.verdict.primaryErrorCode, 53003);
  // 198.51.100.7 is outside the trusted 203.0.113.0/24 range: the next check is blocked too.
  assert.equal(d.prediction.lockedOut, true);
  assert.equal(d.prediction.errorCode, 53003);
  assert.equal(d.prediction.disagreement, null);
});

test('MFA noise only (50076) is NOT a lockout: Jamf Connect counts it as a correct password', () => {
  const mfa = () => [f.applied(f.P_MFA, 'MFA for all resources', 'failure', ['Mfa'])];
  const d = run(f.tenant({
    policies: [f.mfaPolicy()],
    signIns: [f.signIn({ at: f.ago(200), code: 50076, policies: mfa() }), f.signIn({ at: f.ago(20), code: 50076, policies: mfa() })],
  }));
  assert.equal(d.verdict.lockedOut, false);
  assert.equal(d.verdict.cause, 'mfa-noise');
  assert.equal(d.verdict.primaryErrorCode, 50076);
  assert.equal(d.verdict.attempts, 0);
  assert.equal(d.noise.mfaOnlyAttempts, 2);
  assert.deepEqual(d.noise.policyIds, [f.P_MFA]);
  assert.equal(d.prediction.access, 'interactionRequired');
  assert.equal(d.prediction.lockedOut, false);
  assert.equal(d.prediction.disagreement, null);
  assert.ok(d.recommendations.some((r) => r.action === 'reduceMfaNoise' && r.policyId === f.P_MFA));
});

test('wrong password after a change (50126) → reset password, not a CA exemption', () => {
  const d = run(f.tenant({
    signIns: [f.signIn({ at: f.ago(3000), code: 0 }), f.signIn({ at: f.ago(90), code: 50126 }), f.signIn({ at: f.ago(80), code: 50126 }), f.signIn({ at: f.ago(70), code: 50126 })],
  }));
  assert.equal(d.verdict.lockedOut, true);
  assert.equal(d.verdict.cause, 'credentials');
  assert.equal(d.verdict.primaryErrorCode, 50126);
  assert.equal(d.verdict.attempts, 3);
  assert.equal(d.verdict.since, f.ago(90));
  assert.equal(d.recommendations[0]!.action, 'resetPassword');
  assert.ok(!d.recommendations.some((r) => r.action === 'exemptFromPolicy'));
  assert.equal(d.prediction.disagreement, null, 'CA cannot see a wrong password: nothing to compare');
});

test('smart lockout (50053) after repeated bad passwords → unlock / wait it out', () => {
  const d = run(f.tenant({
    signIns: [f.signIn({ at: f.ago(50), code: 50126 }), f.signIn({ at: f.ago(40), code: 50126 }), f.signIn({ at: f.ago(30), code: 50053 })],
  }));
  assert.equal(d.verdict.lockedOut, true);
  assert.equal(d.verdict.cause, 'credentials');
  assert.equal(d.verdict.primaryErrorCode, 50053, 'the latest answer is the current state');
  assert.equal(d.verdict.attempts, 3);
  assert.equal(d.recommendations[0]!.action, 'unlock');
});

test('password expired (50055) → the user resets the password', () => {
  const d = run(f.tenant({ signIns: [f.signIn({ at: f.ago(10), code: 50055 })] }));
  assert.equal(d.verdict.cause, 'credentials');
  assert.equal(d.verdict.primaryErrorCode, 50055);
  assert.equal(d.recommendations[0]!.action, 'resetPassword');
});

test('account disabled (50057) → enable the account, with a warning from the user object', () => {
  const d = run(f.tenant({
    user: { id: f.USER_ID, userPrincipalName: f.UPN, accountEnabled: false, userType: 'Member' },
    signIns: [f.signIn({ at: f.ago(10), code: 50057 })],
  }));
  assert.equal(d.verdict.lockedOut, true);
  assert.equal(d.verdict.cause, 'account-state');
  assert.equal(d.recommendations[0]!.action, 'enableAccount');
  assert.ok(d.warnings.some((w) => w.code === 'account-disabled'));
});

test('public client flows off (7000218) → enable them on the Jamf Connect app', () => {
  const d = run(f.tenant({ signIns: [f.signIn({ at: f.ago(10), code: 7000218 })] }));
  assert.equal(d.verdict.cause, 'app-config');
  assert.deepEqual(
    { action: d.recommendations[0]!.action, targetAppId: d.recommendations[0]!.targetAppId },
    { action: 'enablePublicClientFlows', targetAppId: f.JAMF_CLIENT },
  );
});

test('consent missing (65001) and wrong client id (700016) name their fixes', () => {
  assert.equal(run(f.tenant({ signIns: [f.signIn({ at: f.ago(5), code: 65001 })] })).recommendations[0]!.action, 'grantConsent');
  assert.equal(run(f.tenant({ signIns: [f.signIn({ at: f.ago(5), code: 700016 })] })).recommendations[0]!.action, 'fixClientId');
});

test('already exempted: succeeding with the policy "Not applied" through the app filter', () => {
  const exemptPolicy = f.policy(f.P_DEVICE, 'Require compliant device', f.deviceGrant, {
    state: 'enabledForReportingButNotEnforced',
    conditions: { applications: { includeApplications: ['All'], excludeApplications: [], applicationFilter: f.EXEMPT_FILTER } },
  });
  const notApplied = {
    ...f.applied(f.P_DEVICE, 'Require compliant device', 'reportOnlyNotApplied', []),
    conditionsSatisfied: 'users', conditionsNotSatisfied: 'application',
    excludeRulesSatisfied: [{ conditionalAccessCondition: 'application', ruleSatisfied: 'appFilter' }],
  };
  const d = run(f.tenant({
    policies: [exemptPolicy],
    servicePrincipals: [f.jamfSp(), f.apiSp(f.EXEMPT_CSA)],
    signIns: [f.signIn({ at: f.ago(15), code: 0, resourceId: f.CUSTOM_API, audiences: [f.CUSTOM_API], policies: [notApplied] })],
  }));
  assert.equal(d.verdict.lockedOut, false);
  assert.equal(d.verdict.cause, 'exempted');
  // The latest check went to the custom API, so the inferred ROPG scopes target it.
  assert.equal(d.prediction.context.resourceAppId, f.CUSTOM_API);
  assert.equal(d.prediction.lockedOut, false);
  assert.equal(d.prediction.policies.find((p) => p.policyId === f.P_DEVICE)!.result, 'reportOnlyNotApplied');
  assert.deepEqual(d.recommendations, []);
});

test('hit by the baseline-scope change: the tagged client no longer helps; recommend the custom API scope', () => {
  const withExclusion = f.devicePolicy({ conditions: { applications: { includeApplications: ['All'], excludeApplications: [], applicationFilter: f.EXEMPT_FILTER } } });
  const d = run(f.tenant({
    policies: [withExclusion],
    servicePrincipals: [f.jamfSp(f.EXEMPT_CSA), f.apiSp()],
    signIns: [
      f.signIn({ at: f.ago(40), code: 53000, resourceId: f.GRAPH, audiences: [f.WAAD], policies: deviceFailure() }),
      f.signIn({ at: f.ago(20), code: 53000, resourceId: f.GRAPH, audiences: [f.WAAD], policies: deviceFailure() }),
    ],
  }));
  assert.equal(d.verdict.lockedOut, true);
  assert.equal(d.verdict.cause, 'ca-device');
  assert.equal(d.verdict.baselineScopeAudience, true);
  assert.deepEqual(d.prediction.audiences, [f.WAAD], 'openid profile email only → Windows Azure AD is the audience');
  assert.equal(d.prediction.lockedOut, true);
  const actions = d.recommendations.map((r) => [r.action, r.targetAppId ?? null, r.policyId ?? null]);
  assert.deepEqual(actions.slice(0, 3), [
    ['switchToCustomApiScope', f.CUSTOM_API, null],
    ['exemptFromPolicy', f.CUSTOM_API, f.P_DEVICE],
    ['configureBaselineScopeSetting', null, f.P_DEVICE],
  ]);
  assert.match(d.recommendations[0]!.why, /api:\/\/c0ffee00-0000-4000-8000-0000000000a1\/jamfconnect/);
  assert.ok(!d.recommendations.some((r) => r.action === 'exemptFromPolicy' && r.targetAppId === f.JAMF_CLIENT), 'never the client app that is already tagged');
});

test('healthy: successful checks, no findings', () => {
  // The device policy targets another group only, so it does not apply to Ana (result notApplied).
  const scoped = f.devicePolicy({ conditions: { users: { includeGroups: ['g-windows-users'] } } });
  const notApplied = [f.applied(f.P_DEVICE, 'Require compliant device', 'notApplied', [])];
  const d = run(f.tenant({ policies: [scoped], signIns: [f.signIn({ at: f.ago(100), code: 0, policies: notApplied }), f.signIn({ at: f.ago(10), code: 0, policies: notApplied })] }));
  assert.equal(d.verdict.lockedOut, false);
  assert.equal(d.verdict.cause, 'healthy');
  assert.equal(d.prediction.access, 'granted');
  assert.equal(d.verdict.primaryErrorCode, 0);
  assert.deepEqual(d.recommendations, []);
  assert.deepEqual(d.warnings, []);
});

test('no Jamf Connect sign-ins in the window: said plainly, not "healthy"', () => {
  const d = run(f.tenant({
    policies: [f.devicePolicy()],
    signIns: [
      f.signIn({ at: f.ago(60 * 24 * 10), code: 53000 }), // outside the 7-day window
      f.signIn({ at: f.ago(10), code: 0, appId: 'other-app-0000' }), // not Jamf Connect
    ],
  }));
  assert.equal(d.verdict.lockedOut, false);
  assert.equal(d.verdict.cause, 'no-sign-ins');
  assert.equal(d.verdict.primaryErrorCode, null);
  assert.equal(d.attempts.length, 0);
  assert.ok(d.warnings.some((w) => w.code === 'no-sign-ins'));
  assert.equal(d.prediction.disagreement, null);
});

test('MFA policy failing next to the device block is noise, not a blocker', () => {
  const both = () => [...deviceFailure(), f.applied(f.P_MFA, 'MFA for all resources', 'failure', ['Mfa'])];
  const d = run(f.tenant({ policies: [f.devicePolicy(), f.mfaPolicy()], signIns: [f.signIn({ at: f.ago(10), code: 53000, policies: both() })] }));
  assert.deepEqual(d.verdict.blockingPolicyIds, [f.P_DEVICE]);
  assert.deepEqual(d.noise.policyIds, [f.P_MFA]);
  assert.ok(d.recommendations.some((r) => r.action === 'reduceMfaNoise' && r.policyId === f.P_MFA));
  assert.ok(!d.recommendations.some((r) => r.action === 'exemptFromPolicy' && r.policyId === f.P_MFA));
  assert.equal(d.policies.find((p) => p.id === f.P_MFA)!.blocking, false);
});

test('a report-only device policy is flagged: it would lock the check out if enforced', () => {
  const trial = f.devicePolicy({ state: 'enabledForReportingButNotEnforced' });
  const d = run(f.tenant({ policies: [trial], signIns: [f.signIn({ at: f.ago(10), code: 0, policies: [f.applied(f.P_DEVICE, 'Require compliant device', 'reportOnlyFailure', [])] })] }));
  assert.equal(d.verdict.lockedOut, false);
  const p = d.policies.find((x) => x.id === f.P_DEVICE)!;
  assert.equal(p.wouldBlockIfEnforced, true);
  assert.equal(p.predicted?.result, 'reportOnlyFailure');
});

test('a 53003 from a policy no longer in the list still reads as a location block when the log says so', () => {
  const entry = { ...f.applied('pol-gone', 'Old location block', 'failure', ['Block']), conditionsSatisfied: 'application,users,location' };
  const d = run(f.tenant({ policies: [f.mfaPolicy()], signIns: [f.signIn({ at: f.ago(5), code: 53003, policies: [entry] })] }));
  assert.equal(d.verdict.cause, 'ca-location');
  const plain = run(f.tenant({ policies: [f.mfaPolicy()], signIns: [f.signIn({ at: f.ago(5), code: 53003, policies: [f.applied('pol-gone', 'Old block', 'failure', ['Block'])] })] }));
  assert.equal(plain.verdict.cause, 'ca-block');
});
