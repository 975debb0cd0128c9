/**
 * "What if we exempt?" on the compliant-device lockout. Expected outcomes follow Microsoft's
 * documented baseline-scope behaviour (graph-facts §2.9): with Jamf Connect's default scopes
 * (openid profile email) a resource exclusion does not exempt the check while enforcement is on;
 * with the custom API scope, excluding the custom API app does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snapshotDiagnosisInput } from '../../../electron/core/diagnosis/from-snapshot.js';
import { whatIfExempt } from '../../../electron/core/diagnosis/what-if.js';
import * as f from './fixtures.js';

const fail = () => [f.applied(f.P_DEVICE, 'Require compliant device', 'failure', ['RequireCompliantDevice'])];
const API_SCOPES = [`api://${f.CUSTOM_API}/jamfconnect`, 'openid', 'email', 'profile'];
const attribute = { set: 'JamfConnect', name: 'isExemptMFA', value: 'Exempt' };

function lockedInput(meta: Record<string, unknown> = {}) {
  return snapshotDiagnosisInput(
    f.tenant({ meta, policies: [f.devicePolicy()], signIns: [f.signIn({ at: f.ago(30), code: 53000, policies: fail() })] }),
    f.UPN, { days: 7 },
  );
}

test('exempting the custom API app (attribute filter) with the custom API scope ends the lockout', () => {
  const r = whatIfExempt(lockedInput(), { policyIds: [f.P_DEVICE], targetAppId: f.CUSTOM_API, strategy: 'attribute-filter', attribute, ropgScopes: API_SCOPES });
  assert.equal(r.before.lockedOut, true);
  assert.equal(r.before.errorCode, 53000);
  assert.equal(r.after.lockedOut, false);
  assert.equal(r.after.access, 'granted');
  assert.equal(r.lockoutEnds, true);
  assert.deepEqual(r.changes.map((c) => [c.policyId, c.action, c.strategy]), [[f.P_DEVICE, 'update', 'attribute-filter']]);
  assert.deepEqual(r.policyResults, [{ policyId: f.P_DEVICE, before: 'failure', after: 'notApplied' }]);
});

test('the same with a Jamf Connect config that already uses the custom API scope (exclude-app strategy)', () => {
  const input = lockedInput({ jamfConnect: { appIds: [f.JAMF_CLIENT], customApiAppId: f.CUSTOM_API, ropgScopes: API_SCOPES } });
  const r = whatIfExempt(input, { policyIds: [f.P_DEVICE], targetAppId: f.CUSTOM_API, strategy: 'exclude-app' });
  assert.equal(r.lockoutEnds, true);
  assert.equal(r.changes[0]!.strategy, 'exclude-app');
});

test('tagging the Jamf Connect client with default scopes does NOT end it under baseline-scope enforcement', () => {
  const r = whatIfExempt(lockedInput(), { policyIds: [f.P_DEVICE], targetAppId: f.JAMF_CLIENT, strategy: 'attribute-filter', attribute });
  assert.equal(r.after.lockedOut, true, 'a baseline-scope request is evaluated against Windows Azure AD, which is not excluded');
  assert.equal(r.lockoutEnds, false);
  assert.match(r.explanation, /still blocked/);
});

test('with baseline-scope enforcement disabled, the resource exclusion exempts the default-scope check again', () => {
  const r = whatIfExempt(lockedInput({ baselineScopes: { enforcement: 'disabled' } }), { policyIds: [f.P_DEVICE], targetAppId: f.JAMF_CLIENT, strategy: 'attribute-filter', attribute });
  assert.equal(r.before.lockedOut, true);
  assert.equal(r.lockoutEnds, true);
});

test('an unknown policy id is reported, and a non-CA lockout is never "ended" by an exemption', () => {
  const r1 = whatIfExempt(lockedInput(), { policyIds: ['nope'], targetAppId: f.CUSTOM_API, strategy: 'exclude-app' });
  assert.deepEqual(r1.changes.map((c) => c.action), ['not-found']);
  assert.equal(r1.lockoutEnds, false);

  const pw = snapshotDiagnosisInput(f.tenant({ policies: [f.devicePolicy()], signIns: [f.signIn({ at: f.ago(5), code: 50126 })] }), f.UPN, { days: 7 });
  const r2 = whatIfExempt(pw, { policyIds: [f.P_DEVICE], targetAppId: f.CUSTOM_API, strategy: 'attribute-filter', attribute, ropgScopes: API_SCOPES });
  assert.equal(r2.after.lockedOut, false);
  assert.equal(r2.lockoutEnds, false);
  assert.match(r2.explanation, /50126/);
});

test('the what-if never mutates the input', () => {
  const input = lockedInput();
  const before = JSON.stringify(input);
  whatIfExempt(input, { policyIds: [f.P_DEVICE], targetAppId: f.CUSTOM_API, strategy: 'attribute-filter', attribute, ropgScopes: API_SCOPES });
  assert.equal(JSON.stringify(input), before);
});
