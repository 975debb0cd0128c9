/** Which app to target is decided from what CA evaluated (resource / audiences), graph-facts §2.9. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseFromSnapshot } from '../../../electron/core/diagnosis/from-snapshot.js';
import * as f from './fixtures.js';

const fail = () => [f.applied(f.P_DEVICE, 'Require compliant device', 'failure', ['RequireCompliantDevice'])];
const actions = (d: ReturnType<typeof diagnoseFromSnapshot>) => d.recommendations.map((r) => [r.action, r.targetAppId ?? null]);

test('resource = the custom API app → exempt that app (no scope switch needed)', () => {
  const d = diagnoseFromSnapshot(f.tenant({
    policies: [f.devicePolicy()],
    signIns: [f.signIn({ at: f.ago(10), code: 53000, resourceId: f.CUSTOM_API, audiences: [f.CUSTOM_API], policies: fail() })],
  }), f.UPN, { days: 7 });
  assert.deepEqual(actions(d), [['exemptFromPolicy', f.CUSTOM_API], ['verifyWithTestSignIn', null]]);
  assert.equal(d.prediction.context.resourceAppId, f.CUSTOM_API, 'scopes inferred from the latest sign-in');
});

test('resource = the Jamf Connect client itself → exempt the client', () => {
  const d = diagnoseFromSnapshot(f.tenant({
    policies: [f.devicePolicy()],
    signIns: [f.signIn({ at: f.ago(10), code: 53000, resourceId: f.JAMF_CLIENT, audiences: [f.JAMF_CLIENT], policies: fail() })],
  }), f.UPN, { days: 7 });
  assert.deepEqual(actions(d)[0], ['exemptFromPolicy', f.JAMF_CLIENT]);
});

test('resource = Microsoft Graph → never "exclude Graph": switch to the custom API scope', () => {
  const d = diagnoseFromSnapshot(f.tenant({ policies: [f.devicePolicy()], signIns: [f.signIn({ at: f.ago(10), code: 53000, policies: fail() })] }), f.UPN, { days: 7 });
  assert.deepEqual(actions(d).slice(0, 2), [['switchToCustomApiScope', f.CUSTOM_API], ['exemptFromPolicy', f.CUSTOM_API]]);
  assert.ok(!d.recommendations.some((r) => r.targetAppId === f.GRAPH));
});

test('no custom API app in the tenant → the scope switch says to create it', () => {
  const d = diagnoseFromSnapshot(f.tenant({ servicePrincipals: [f.jamfSp()], policies: [f.devicePolicy()], signIns: [f.signIn({ at: f.ago(10), code: 53000, audiences: [f.WAAD], policies: fail() })] }), f.UPN, { days: 7 });
  assert.equal(d.recommendations[0]!.action, 'switchToCustomApiScope');
  assert.equal(d.recommendations[0]!.targetAppId, undefined);
  assert.match(d.recommendations[0]!.why, /api:\/\/<API-app-id>\/jamfconnect/);
  assert.match(d.recommendations[1]!.why, /create it first/);
});

test('v1.0 data without resource or audiences → a hedged exemption', () => {
  const row = { ...f.signIn({ at: f.ago(10), code: 53000, v1: true, policies: fail() }) } as Record<string, unknown>;
  delete row.resourceId;
  const d = diagnoseFromSnapshot(f.tenant({ policies: [f.devicePolicy()], signIns: [row] }), f.UPN, { days: 7 });
  assert.equal(d.recommendations[0]!.action, 'exemptFromPolicy');
  assert.match(d.recommendations[0]!.why, /does not say which resource/);
});

test('an MFA-only policy not applied thanks to the app filter is "healthy", not "exempted" (no lockout was prevented)', () => {
  const mfaFiltered = f.policy(f.P_MFA, 'MFA for all resources', f.mfaGrant, { conditions: { applications: { includeApplications: ['All'], applicationFilter: f.EXEMPT_FILTER } } });
  const entry = { ...f.applied(f.P_MFA, 'MFA for all resources', 'notApplied', []), conditionsNotSatisfied: 'application' };
  const d = diagnoseFromSnapshot(f.tenant({ policies: [mfaFiltered], signIns: [f.signIn({ at: f.ago(10), code: 0, resourceId: f.CUSTOM_API, policies: [entry] })] }), f.UPN, { days: 7 });
  assert.equal(d.verdict.cause, 'healthy');
});
