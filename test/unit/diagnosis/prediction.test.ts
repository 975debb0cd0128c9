/** Log evidence vs the evaluator's prediction from the current policies, and the flags when they disagree. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseFromSnapshot } from '../../../electron/core/diagnosis/from-snapshot.js';
import * as f from './fixtures.js';

const fail = () => [f.applied(f.P_DEVICE, 'Require compliant device', 'failure', ['RequireCompliantDevice'])];
const lockedLog = () => [f.signIn({ at: f.ago(60), code: 53000, policies: fail() })];

test('policy switched off 5 minutes ago, after the last failure → propagation pending', () => {
  const d = diagnoseFromSnapshot(f.tenant({ policies: [f.devicePolicy({ state: 'disabled', modifiedDateTime: f.ago(5) })], signIns: lockedLog() }), f.UPN, { days: 7 });
  assert.equal(d.verdict.lockedOut, true, 'the log still shows the lockout');
  assert.equal(d.prediction.lockedOut, false, 'a disabled policy does not block');
  assert.equal(d.prediction.disagreement?.kind, 'propagation-pending');
  assert.match(d.prediction.disagreement!.detail, /5–15 minutes/);
});

test('policy changed 40 minutes ago with no sign-in since → stale (the log predates the policy)', () => {
  const d = diagnoseFromSnapshot(f.tenant({ policies: [f.devicePolicy({ state: 'disabled', modifiedDateTime: f.ago(40) })], signIns: lockedLog() }), f.UPN, { days: 7 });
  assert.equal(d.prediction.disagreement?.kind, 'stale-policy');
  assert.match(d.prediction.disagreement!.detail, /retry/);
});

test('the blocking policy is gone from the current list → stale-policy and a policy-missing warning', () => {
  const d = diagnoseFromSnapshot(f.tenant({ policies: [f.mfaPolicy()], signIns: lockedLog() }), f.UPN, { days: 7 });
  assert.equal(d.prediction.lockedOut, false);
  assert.equal(d.prediction.disagreement?.kind, 'stale-policy');
  assert.ok(d.warnings.some((w) => w.code === 'policy-missing' && w.message.includes(f.P_DEVICE)));
  assert.equal(d.policies.find((p) => p.id === f.P_DEVICE)!.state, 'missing');
});

test('no change explains the difference → missing-data', () => {
  // The current policy excludes the user, and says it was last changed long before the failures.
  const excluded = f.devicePolicy({ conditions: { users: { includeUsers: ['All'], excludeUsers: [f.USER_ID] } } });
  const d = diagnoseFromSnapshot(f.tenant({ policies: [excluded], signIns: lockedLog() }), f.UPN, { days: 7 });
  assert.equal(d.prediction.lockedOut, false);
  assert.equal(d.prediction.disagreement?.kind, 'missing-data');
});

test('healthy log but a policy created 10 minutes ago blocks the next check → flagged, with a fix', () => {
  const fresh = { ...f.devicePolicy(), createdDateTime: f.ago(10), modifiedDateTime: f.ago(10) };
  const d = diagnoseFromSnapshot(f.tenant({ policies: [fresh], signIns: [f.signIn({ at: f.ago(60), code: 0 })] }), f.UPN, { days: 7 });
  assert.equal(d.verdict.lockedOut, false);
  assert.equal(d.prediction.lockedOut, true);
  assert.equal(d.prediction.disagreement?.kind, 'propagation-pending');
  assert.ok(d.recommendations.some((r) => r.action === 'exemptFromPolicy' && r.policyId === f.P_DEVICE));
});

test('the prediction uses the latest sign-in\'s IP: inside the trusted range the location block does not apply', () => {
  const d = diagnoseFromSnapshot(f.tenant({ policies: [f.locationPolicy()], signIns: [f.signIn({ at: f.ago(5), code: 0, ip: '203.0.113.20' })] }), f.UPN, { days: 7 });
  assert.equal(d.prediction.context.ipAddress, '203.0.113.20');
  assert.equal(d.prediction.lockedOut, false);
  assert.equal(d.prediction.disagreement, null);
});

test('a wrong password hides a CA block: the next blocker is named after the password fix', () => {
  const d = diagnoseFromSnapshot(f.tenant({ policies: [f.devicePolicy()], signIns: [f.signIn({ at: f.ago(5), code: 50126 })] }), f.UPN, { days: 7 });
  assert.equal(d.verdict.cause, 'credentials');
  assert.equal(d.prediction.disagreement, null);
  assert.equal(d.recommendations[0]!.action, 'resetPassword');
  assert.ok(d.recommendations.some((r) => r.action === 'exemptFromPolicy' && r.policyId === f.P_DEVICE && /still fail/.test(r.why)));
});

test('a logged 50079 lockout and a predicted MFA prompt agree (no false disagreement)', () => {
  const d = diagnoseFromSnapshot(f.tenant({ policies: [f.mfaPolicy()], signIns: [f.signIn({ at: f.ago(5), code: 50079, policies: [f.applied(f.P_MFA, 'MFA for all resources', 'failure', ['Mfa'])] })] }), f.UPN, { days: 7 });
  assert.equal(d.verdict.lockedOut, true);
  assert.equal(d.verdict.cause, 'mfa-interaction');
  assert.equal(d.prediction.access, 'interactionRequired');
  assert.equal(d.prediction.disagreement, null);
  assert.ok(d.recommendations.some((r) => r.action === 'registerMfa'));
  assert.ok(d.recommendations.some((r) => r.action === 'exemptFromPolicy' && r.policyId === f.P_MFA));
});
