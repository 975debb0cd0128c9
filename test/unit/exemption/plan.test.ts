import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planExemption } from '../../../electron/core/exemption/plan.js';
import { JAMF_APP_ID, JAMF_SP_ID, OUR_RULE, existingAttributes, noAttributes, policy, target } from './fixtures.js';

const base = { tenantId: 't1', now: new Date('2026-12-01T08:00:00Z') };

/** The planned policy = the policy as read with only conditions.applications replaced. */
function withApplications(p: Record<string, unknown>, applications: Record<string, unknown>) {
  const copy = structuredClone(p) as { conditions: Record<string, unknown> };
  copy.conditions.applications = applications;
  return copy;
}

test('no filter: creates set, definition, value, assignment, then adds our exclude filter — nothing else changes', () => {
  const p = policy('p1', {});
  const plan = planExemption({ ...base, policies: [p], policyIds: ['p1'], target, existing: noAttributes });
  assert.deepEqual(plan.blockers, []);
  assert.deepEqual(plan.steps.map((s) => s.kind), ['create-attribute-set', 'create-attribute-definition', 'add-allowed-value', 'assign-attribute', 'update-policy']);
  const expectedApps = {
    includeApplications: ['All'], excludeApplications: [], includeUserActions: [], includeAuthenticationContextClassReferences: [],
    applicationFilter: { mode: 'exclude', rule: OUR_RULE },
  };
  const step = plan.steps[4]!;
  assert.deepEqual(step.after, expectedApps);
  assert.equal(step.request.method, 'PATCH');
  assert.equal(step.request.path, '/identity/conditionalAccess/policies/p1');
  assert.deepEqual(step.request.body, { conditions: { applications: expectedApps } });
  // Whole-policy check: applying the step's after to the policy as read gives exactly the planned policy.
  assert.deepEqual(withApplications(p, step.after as Record<string, unknown>), { ...p, conditions: { ...(p.conditions as object), applications: expectedApps } });
  assert.deepEqual(plan.policies[0]!.beforePolicy, p);
  assert.equal(plan.policies[0]!.strategy, 'attribute-filter');
  assert.match(plan.summary.join('\n'), /"Jamf Connect" will no longer be evaluated by policy "Policy p1" for anyone/);
  assert.match(step.diff, /applicationFilter/);
  // The assignment uses the write-side type annotation and our attribute names.
  assert.deepEqual(plan.steps[3]!.request.body, {
    customSecurityAttributes: { LockoutLens: { '@odata.type': '#Microsoft.DirectoryServices.CustomSecurityAttributeValue', JamfConnectExempt: 'Exempt' } },
  });
  assert.equal(plan.steps[3]!.request.path, `/servicePrincipals/${JAMF_SP_ID}`);
  assert.deepEqual(plan.steps[1]!.request.body, {
    attributeSet: 'LockoutLens', name: 'JamfConnectExempt', description: plan.attribute.attributeDescription,
    type: 'String', status: 'Available', isCollection: false, isSearchable: true, usePreDefinedValuesOnly: true,
  });
  assert.match(plan.hash, /^[0-9a-f]{64}$/);
});

test('only the missing attribute objects are created; an assigned SP is not re-tagged', () => {
  const p = policy('p1', {});
  const tagged = { ...target, customSecurityAttributes: { LockoutLens: { '@odata.type': '#microsoft.graph.customSecurityAttributeValue', JamfConnectExempt: 'Exempt' } } };
  const plan = planExemption({ ...base, policies: [p], policyIds: ['p1'], target: tagged, existing: existingAttributes });
  assert.deepEqual(plan.steps.map((s) => s.kind), ['update-policy']);
  const noValue = { ...existingAttributes, definition: { ...existingAttributes.definition, allowedValues: [{ id: 'Other', isActive: true }] } };
  const plan2 = planExemption({ ...base, policies: [p], policyIds: ['p1'], target, existing: noValue });
  assert.deepEqual(plan2.steps.map((s) => s.kind), ['add-allowed-value', 'assign-attribute', 'update-policy']);
});

test('an existing exclude filter is merged with -or, keeping the rest of the filter', () => {
  const existingRule = 'CustomSecurityAttribute.Ops_Tier -eq "Legacy"';
  const p = policy('p1', { excludeApplications: ['0000-other'], applicationFilter: { mode: 'exclude', rule: existingRule } });
  const plan = planExemption({ ...base, policies: [p], policyIds: ['p1'], target, existing: existingAttributes });
  const step = plan.steps.find((s) => s.kind === 'update-policy')!;
  assert.deepEqual(step.after, {
    includeApplications: ['All'], excludeApplications: ['0000-other'], includeUserActions: [], includeAuthenticationContextClassReferences: [],
    applicationFilter: { mode: 'exclude', rule: `(${existingRule}) -or (${OUR_RULE})` },
  });
  assert.match(step.strategyReason!, /-or/);
});

test('an exclude filter that already implies ours is a no-op for the policy', () => {
  for (const rule of [
    OUR_RULE,
    `CustomSecurityAttribute.Ops_Tier -eq "Legacy" -or ${OUR_RULE}`,
    'CustomSecurityAttribute.lockoutlens_jamfconnectexempt -in ["Exempt","Other"]',
  ]) {
    const p = policy('p1', { applicationFilter: { mode: 'exclude', rule } });
    const tagged = { ...target, customSecurityAttributes: { LockoutLens: { JamfConnectExempt: 'Exempt' } } };
    const plan = planExemption({ ...base, policies: [p], policyIds: ['p1'], target: tagged, existing: existingAttributes });
    assert.deepEqual(plan.steps, [], rule);
    assert.equal(plan.policies[0]!.action, 'unchanged');
    assert.match(plan.summary.join(' '), /Nothing to change/);
  }
});

test('an -and with another attribute is not "already implied": we merge', () => {
  const rule = `CustomSecurityAttribute.Ops_Tier -eq "Legacy" -and ${OUR_RULE}`;
  const p = policy('p1', { applicationFilter: { mode: 'exclude', rule } });
  const plan = planExemption({ ...base, policies: [p], policyIds: ['p1'], target, existing: existingAttributes });
  const step = plan.steps.find((s) => s.kind === 'update-policy')!;
  assert.equal((step.after as { applicationFilter: { rule: string } }).applicationFilter.rule, `(${rule}) -or (${OUR_RULE})`);
});

test('an include-mode filter gets exclude-app with the reason, and no attribute objects', () => {
  const p = policy('p1', { includeApplications: [], applicationFilter: { mode: 'include', rule: 'CustomSecurityAttribute.Ops_Scope -eq "Strict"' } });
  const plan = planExemption({ ...base, policies: [p], policyIds: ['p1'], target, existing: noAttributes });
  assert.deepEqual(plan.steps.map((s) => s.kind), ['update-policy']);
  const step = plan.steps[0]!;
  assert.equal(step.strategy, 'exclude-app');
  assert.match(step.strategyReason!, /include-mode filter/);
  assert.deepEqual(step.after, {
    includeApplications: [], excludeApplications: [JAMF_APP_ID], includeUserActions: [], includeAuthenticationContextClassReferences: [],
    applicationFilter: { mode: 'include', rule: 'CustomSecurityAttribute.Ops_Scope -eq "Strict"' },
  });
});

test('a merged rule over 3072 characters falls back to exclude-app with the length in the reason', () => {
  // Grow an existing rule until it fits the limit alone but not together with ours.
  const clauses: string[] = [];
  while (clauses.join(' -or ').length + OUR_RULE.length + 10 <= 3072) clauses.push(`CustomSecurityAttribute.Ops_Tier -eq "V${String(clauses.length).padStart(20, '0')}"`);
  const long = clauses.join(' -or ');
  assert.ok(long.length <= 3072 && long.length + OUR_RULE.length + 10 > 3072, `fixture length ${long.length}`);
  const p = policy('p1', { applicationFilter: { mode: 'exclude', rule: long } });
  const plan = planExemption({ ...base, policies: [p], policyIds: ['p1'], target, existing: noAttributes });
  const step = plan.steps.find((s) => s.kind === 'update-policy')!;
  assert.equal(step.strategy, 'exclude-app');
  assert.match(step.strategyReason!, /3072/);
  assert.deepEqual((step.after as { applicationFilter: unknown }).applicationFilter, { mode: 'exclude', rule: long });
  assert.ok(!plan.steps.some((s) => s.kind === 'assign-attribute'), 'no attribute steps when no policy uses the filter');
});

test('exclude-app preference; an app already excluded is a no-op', () => {
  const p = policy('p1', {});
  const plan = planExemption({ ...base, policies: [p], policyIds: ['p1'], target, existing: noAttributes, strategy: 'exclude-app' });
  assert.deepEqual(plan.steps.map((s) => s.kind), ['update-policy']);
  assert.deepEqual((plan.steps[0]!.after as { excludeApplications: string[] }).excludeApplications, [JAMF_APP_ID]);
  const already = policy('p2', { excludeApplications: [JAMF_APP_ID.toUpperCase()] });
  const plan2 = planExemption({ ...base, policies: [already], policyIds: ['p2'], target, existing: noAttributes });
  assert.deepEqual(plan2.steps, []);
  assert.equal(plan2.policies[0]!.action, 'unchanged');
});

test('blockers: no target, unknown policy, wrong-shaped existing definition, odd policy shape', () => {
  const p = policy('p1', {});
  assert.match(planExemption({ ...base, policies: [p], policyIds: ['p1'], target: null, noTargetReason: 'password expired — no CA exemption helps', existing: noAttributes }).blockers[0]!, /password expired/);
  assert.match(planExemption({ ...base, policies: [p], policyIds: ['nope'], target, existing: noAttributes }).blockers.join(), /nope was not found/);
  const intDef = { ...existingAttributes, definition: { ...existingAttributes.definition, type: 'Integer' } };
  assert.match(planExemption({ ...base, policies: [p], policyIds: ['p1'], target, existing: intDef }).blockers.join(), /only String attributes/);
  const odd = { id: 'p3', displayName: 'odd', conditions: {} };
  assert.match(planExemption({ ...base, policies: [odd], policyIds: ['p3'], target, existing: noAttributes }).blockers.join(), /no conditions.applications/);
  assert.throws(() => planExemption({ ...base, policies: [p], policyIds: ['p1'], target, existing: noAttributes, attribute: { attributeSet: 'bad set' } }));
});

test('the plan hash identifies the change, not the clock; input objects are not mutated', () => {
  const p = policy('p1', {});
  const frozen = JSON.stringify(p);
  const a = planExemption({ ...base, policies: [p], policyIds: ['p1'], target, existing: noAttributes });
  const b = planExemption({ ...base, now: new Date('2027-01-01T00:00:00Z'), policies: [p], policyIds: ['p1'], target, existing: noAttributes });
  const c = planExemption({ ...base, policies: [p], policyIds: ['p1'], target, existing: noAttributes, strategy: 'exclude-app' });
  assert.equal(a.hash, b.hash);
  assert.notEqual(a.hash, c.hash);
  assert.equal(JSON.stringify(p), frozen);
});

test('deprecated nulls are not echoed in the PATCH body, but a null filter is sent to clear it', () => {
  const p = policy('p1', { globalSecureAccess: null, networkAccess: null });
  const plan = planExemption({ ...base, policies: [p], policyIds: ['p1'], target, existing: noAttributes, strategy: 'exclude-app' });
  const body = plan.steps[0]!.request.body as { conditions: { applications: Record<string, unknown> } };
  assert.ok(!('globalSecureAccess' in body.conditions.applications));
  assert.equal(body.conditions.applications.applicationFilter, null);
  // The recorded after keeps every key as read.
  assert.ok('globalSecureAccess' in (plan.steps[0]!.after as object));
});

test('several policies: each gets its own strategy; attribute steps come first, once', () => {
  const none = policy('p1', {});
  const include = policy('p2', { includeApplications: [], applicationFilter: { mode: 'include', rule: 'CustomSecurityAttribute.Ops_Scope -eq "Strict"' } });
  const plan = planExemption({ ...base, policies: [none, include], policyIds: ['p1', 'p2', 'p1'], target, existing: noAttributes });
  assert.deepEqual(plan.steps.map((s) => `${s.kind}:${s.objectId}`), [
    'create-attribute-set:LockoutLens', 'create-attribute-definition:LockoutLens_JamfConnectExempt',
    'add-allowed-value:LockoutLens_JamfConnectExempt/Exempt', `assign-attribute:${JAMF_SP_ID}`,
    'update-policy:p1', 'update-policy:p2',
  ]);
  assert.deepEqual(plan.policies.map((p) => p.strategy), ['attribute-filter', 'exclude-app']);
});
