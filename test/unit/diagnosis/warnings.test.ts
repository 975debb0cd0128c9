/** Missing rights and missing data are stated as such — never shown as "no policies". */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseFromSnapshot } from '../../../electron/core/diagnosis/from-snapshot.js';
import * as f from './fixtures.js';

const codes = (d: ReturnType<typeof diagnoseFromSnapshot>) => d.warnings.map((w) => w.code);

test('applied policies hidden (no CA read rights): warned, and the blocker comes from the prediction', () => {
  const d = diagnoseFromSnapshot(
    f.tenant({ meta: { visibility: { appliedPoliciesVisible: false } }, policies: [f.devicePolicy()], signIns: [f.signIn({ at: f.ago(10), code: 53000, policies: null })] }),
    f.UPN, { days: 7 },
  );
  const w = d.warnings.find((x) => x.code === 'applied-policies-hidden');
  assert.ok(w);
  assert.match(w!.message, /Applied policies hidden: the operator lacks Conditional Access read rights/);
  assert.equal(d.verdict.lockedOut, true);
  assert.deepEqual(d.verdict.blockingPolicyIds, [f.P_DEVICE]);
  assert.equal(d.verdict.blockingPolicySource, 'prediction');
  assert.equal(d.verdict.evidence[0]!.appliedPoliciesVisible, false);
});

test('reports say "hidden", never "no policies", when the log hides applied policies', async () => {
  const { toMarkdown } = await import('../../../electron/core/diagnosis/report-markdown.js');
  const d = diagnoseFromSnapshot(
    f.tenant({ meta: { visibility: { appliedPoliciesVisible: false } }, policies: [f.devicePolicy()], signIns: [f.signIn({ at: f.ago(10), code: 53000, policies: null })] }),
    f.UPN, { days: 7 },
  );
  const md = toMarkdown(d).replace(/\\(.)/g, '$1'); // read it as rendered: drop Markdown escapes
  assert.match(md, /not in the log \(hidden without CA read rights/);
  assert.match(md, /Applied policies hidden: the operator lacks Conditional Access read rights/);
  assert.match(md, /from the prediction: the log hides applied policies/);
});

test('rows without appliedConditionalAccessPolicies and unknown rights: "missing data, not no policies"', () => {
  const d = diagnoseFromSnapshot(f.tenant({ policies: [f.devicePolicy()], signIns: [f.signIn({ at: f.ago(10), code: 53000, policies: null })] }), f.UPN, { days: 7 });
  const w = d.warnings.find((x) => x.code === 'applied-policies-unknown');
  assert.ok(w);
  assert.match(w!.message, /not "no policies"/);
});

test('report-only results read unknownFutureValue without the Prefer header → warned', () => {
  const d = diagnoseFromSnapshot(
    f.tenant({ signIns: [f.signIn({ at: f.ago(10), code: 0, policies: [f.applied('p1', 'Report-only MFA', 'unknownFutureValue', [])] })], policies: [f.mfaPolicy()] }),
    f.UPN, { days: 7 },
  );
  assert.ok(codes(d).includes('report-only-hidden'));
});

test('v1.0 sign-ins (no beta fields) → warned that audiences cannot be confirmed', () => {
  const d = diagnoseFromSnapshot(f.tenant({ policies: [f.devicePolicy()], signIns: [f.signIn({ at: f.ago(10), code: 53000, v1: true })] }), f.UPN, { days: 7 });
  assert.ok(codes(d).includes('v1-sign-ins'));
  assert.equal(d.attempts[0]!.conditionalAccessAudiences, null);
});

test('no policies in the data → warned as possibly missing data', () => {
  const d = diagnoseFromSnapshot(f.tenant({ signIns: [f.signIn({ at: f.ago(10), code: 0 })] }), f.UPN, { days: 7 });
  assert.ok(codes(d).includes('no-policies'));
});

test('custom security attributes unreadable while a policy filters on them → warned', () => {
  const filtered = f.devicePolicy({ conditions: { applications: { includeApplications: ['All'], applicationFilter: f.EXEMPT_FILTER } } });
  const d = diagnoseFromSnapshot(
    f.tenant({ meta: { visibility: { customSecurityAttributesReadable: false } }, policies: [filtered], signIns: [f.signIn({ at: f.ago(10), code: 0 })] }),
    f.UPN, { days: 7 },
  );
  assert.ok(codes(d).includes('csa-unreadable'));
});

test('a user without a transitiveMemberOf entry → warned that groups and roles are unknown', () => {
  const d = diagnoseFromSnapshot(f.tenant({ memberships: null, policies: [f.mfaPolicy()], signIns: [f.signIn({ at: f.ago(10), code: 0 })] }), f.UPN, { days: 7 });
  assert.ok(codes(d).includes('memberships-unknown'));
});

test('no Jamf Connect client id anywhere → warned, and no sign-in is claimed as Jamf Connect', () => {
  const d = diagnoseFromSnapshot(f.tenant({ servicePrincipals: [], signIns: [f.signIn({ at: f.ago(10), code: 53000 })], policies: [f.devicePolicy()] }), f.UPN, { days: 7 });
  assert.ok(codes(d).includes('no-config'));
  assert.equal(d.verdict.cause, 'no-sign-ins');
});
