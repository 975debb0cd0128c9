/** Odd policies, odd devices and odd what-ifs are reported, never thrown. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseFromSnapshot, snapshotDiagnosisInput } from '../../../electron/core/diagnosis/from-snapshot.js';
import { diagnosisJson } from '../../../electron/core/diagnosis/json-contract.js';
import { whatIfExempt } from '../../../electron/core/diagnosis/what-if.js';
import * as f from './fixtures.js';

const fail = () => [f.applied(f.P_DEVICE, 'Require compliant device', 'failure', ['RequireCompliantDevice'])];

test('odd policies (null, no users block, malformed filter) do not break the diagnosis', () => {
  const odd = [
    null,
    'not a policy',
    { id: 'pol-nousers', displayName: 'No users block', state: 'enabled', conditions: { applications: { includeApplications: ['All'] } }, grantControls: f.blockGrant },
    f.devicePolicy({ conditions: { applications: { includeApplications: ['All'], applicationFilter: { mode: 'exclude', rule: 'CustomSecurityAttribute.X_Y -eq "unterminated' } } } }),
  ];
  const d = diagnoseFromSnapshot(f.tenant({ policies: odd as Record<string, unknown>[], signIns: [f.signIn({ at: f.ago(5), code: 53000, policies: fail() })] }), f.UPN, { days: 7 });
  assert.equal(d.verdict.lockedOut, true);
  assert.ok(d.warnings.some((w) => w.code === 'cannot-evaluate'), JSON.stringify(d.warnings));
  assert.doesNotThrow(() => JSON.stringify(diagnosisJson(d)));
});

test('a registered, compliant device named by the latest sign-in is used for the prediction', () => {
  const row = f.signIn({ at: f.ago(5), code: 0 });
  row.deviceDetail = { deviceId: 'dev-42', displayName: 'Ana MacBook', operatingSystem: 'MacOs', isCompliant: true, isManaged: true, trustType: 'Azure AD registered' };
  const d = diagnoseFromSnapshot(f.tenant({ policies: [f.devicePolicy()], signIns: [row] }), f.UPN, { days: 7 });
  assert.equal(d.prediction.context.device, 'dev-42');
  assert.equal(d.prediction.lockedOut, false, 'a compliant device satisfies Require compliant device');
});

test('what-if on a policy without conditions.applications is reported as cannot-change', () => {
  const broken = { id: 'pol-broken', displayName: 'Broken', state: 'enabled', grantControls: f.blockGrant };
  const input = snapshotDiagnosisInput(f.tenant({ policies: [broken, f.devicePolicy()], signIns: [f.signIn({ at: f.ago(5), code: 53000, policies: fail() })] }), f.UPN, { days: 7 });
  const r = whatIfExempt(input, { policyIds: ['pol-broken'], targetAppId: f.CUSTOM_API, strategy: 'exclude-app' });
  assert.equal(r.changes[0]!.action, 'cannot-change');
  assert.match(r.changes[0]!.reason, /conditions/);
});

test('JSON contract: documented keys present, absent values are null (never missing)', () => {
  const d = diagnoseFromSnapshot(f.tenant({ policies: [f.devicePolicy()], signIns: [f.signIn({ at: f.ago(5), code: 53000, policies: fail() })] }), f.UPN, { days: 7 });
  const j = diagnosisJson(d);
  assert.deepEqual(Object.keys(j).sort(), ['attempts', 'noise', 'policies', 'prediction', 'recommendations', 'schemaVersion', 'source', 'user', 'verdict', 'warnings', 'window']);
  assert.deepEqual(Object.keys(j.verdict).sort(), ['attempts', 'baselineScopeAudience', 'blockingPolicyIds', 'blockingPolicySource', 'cause', 'evidence', 'lockedOut', 'primaryErrorCode', 'primaryErrorName', 'since', 'summary']);
  assert.deepEqual(Object.keys(j.prediction).sort(), ['access', 'audiences', 'context', 'decidingPolicyIds', 'disagreement', 'errorCode', 'lockedOut']);
  const verify = j.recommendations.find((r) => r.action === 'verifyWithTestSignIn')!;
  assert.equal(verify.policyId, null);
  assert.equal(verify.targetAppId, null);
  assert.equal(j.source.name, null);
  const none = diagnosisJson(diagnoseFromSnapshot(f.tenant(), f.UPN, { days: 7 }));
  assert.equal(none.verdict.primaryErrorCode, null);
  assert.equal(none.verdict.since, null);
});

test('guest kinds from the Graph user object (Entra definitions)', async () => {
  const { signInUserOf } = await import('../../../electron/core/diagnosis/context.js');
  assert.deepEqual(signInUserOf({ id: 'g1', userType: 'Guest', userPrincipalName: 'bob_fabrikam.com#EXT#@contoso.onmicrosoft.com' }).guestOrExternalUserType, 'b2bCollaborationGuest');
  assert.deepEqual(signInUserOf({ id: 'g2', userType: 'Guest', userPrincipalName: 'temp@contoso.com' }).guestOrExternalUserType, 'internalGuest');
  assert.deepEqual(signInUserOf({ id: 'm1', userType: 'Member', userPrincipalName: 'eve_fabrikam.com#EXT#@contoso.onmicrosoft.com' }).guestOrExternalUserType, 'b2bCollaborationMember');
  assert.equal(signInUserOf({ id: 'm2', userType: 'Member', userPrincipalName: 'ana@contoso.com' }).guestOrExternalUserType, undefined);
});
