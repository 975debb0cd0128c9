/** Small emulator parts: fault dice, throttle windows, CA PATCH merge, CSA value rules, sign-in shaping. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FaultEngine } from '../../../electron/core/emulator/faults.js';
import { EmulatorRandom } from '../../../electron/core/emulator/random.js';
import { Throttle } from '../../../electron/core/emulator/throttle.js';
import { mergePolicy } from '../../../electron/core/emulator/graph/policies.js';
import { applyCsaPatch, READ_TYPE, WRITE_TYPE } from '../../../electron/core/emulator/graph/csa-values.js';
import { shapeSignIn } from '../../../electron/core/emulator/graph/signin-shape.js';
import { withoutExtras } from '../../../electron/core/emulator/extras.js';

test('fault rules: count runs out, path prefix and method scope them, probability follows the seed', () => {
  const engine = new FaultEngine(new EmulatorRandom(1));
  engine.add({ kind: 'status', status: 503, pathPrefix: '/v1.0/users', method: 'GET', count: 2 });
  assert.equal(engine.plan('GET', '/v1.0/organization').replace, undefined);
  assert.equal(engine.plan('POST', '/v1.0/users').replace, undefined);
  assert.equal(engine.plan('GET', '/v1.0/users/1').replace?.status, 503);
  assert.equal(engine.plan('GET', '/v1.0/users').replace?.status, 503);
  assert.equal(engine.plan('GET', '/v1.0/users').replace, undefined, 'count exhausted');
  assert.equal(engine.list().length, 0, 'spent rules are removed');
  const dice = (seed: number) => { const e = new FaultEngine(new EmulatorRandom(seed)); e.add({ kind: 'reset', probability: 0.3 }); return Array.from({ length: 50 }, () => (e.plan('GET', '/x').replace ? 1 : 0)).join(''); };
  assert.equal(dice(9), dice(9));
  assert.notEqual(dice(9), dice(10));
  const latency = new FaultEngine(new EmulatorRandom(2));
  latency.add({ kind: 'latency', latencyMs: 100, jitterMs: 50 });
  const d = latency.plan('GET', '/x').delayMs;
  assert.ok(d >= 100 && d <= 150);
  assert.throws(() => engine.add({ kind: 'explode' } as never));
});

test('throttle: 5 per window with a Retry-After that counts down; CA one per interval without Retry-After', () => {
  let now = 1_000_000; // a monotonic real-time reading, not the emulator clock
  const t = new Throttle({ signIns: true, conditionalAccess: true, signInsLimit: 5, signInsWindowSeconds: 10, conditionalAccessIntervalMs: 1000 }, () => now);
  for (let i = 0; i < 5; i++) assert.deepEqual(t.signIns('app'), { ok: true });
  assert.deepEqual(t.signIns('app'), { ok: false, retryAfterSeconds: 10 });
  assert.deepEqual(t.signIns('other-app'), { ok: true }, 'per app');
  now += 4000;
  assert.deepEqual(t.signIns('app'), { ok: false, retryAfterSeconds: 6 });
  now += 6001;
  assert.deepEqual(t.signIns('app'), { ok: true });
  assert.deepEqual(t.conditionalAccess(), { ok: true });
  assert.deepEqual(t.conditionalAccess(), { ok: false, retryAfterSeconds: null });
  now += 1000;
  assert.deepEqual(t.conditionalAccess(), { ok: true });
});

test('CA PATCH merge: conditions children merge per property; lists and filters are replaced whole; grantControls replaced', () => {
  const existing = {
    id: 'p', displayName: 'P', state: 'enabled',
    conditions: { applications: { includeApplications: ['All'], excludeApplications: ['a'] }, users: { includeUsers: ['All'] }, clientAppTypes: ['all'] },
    grantControls: { operator: 'AND', builtInControls: ['mfa', 'compliantDevice'] },
    sessionControls: { signInFrequency: { isEnabled: true, value: 1, type: 'hours' }, persistentBrowser: { isEnabled: true, mode: 'never' } },
  };
  const merged = mergePolicy(existing, {
    id: 'ignored', state: 'disabled',
    conditions: { applications: { excludeApplications: ['b'], applicationFilter: { mode: 'exclude', rule: 'x' } }, platforms: null },
    grantControls: { operator: 'OR', builtInControls: ['block'] },
    sessionControls: { signInFrequency: null },
  });
  assert.equal(merged.id, 'p');
  assert.equal(merged.state, 'disabled');
  assert.deepEqual(merged.conditions.applications, { includeApplications: ['All'], excludeApplications: ['b'], applicationFilter: { mode: 'exclude', rule: 'x' } });
  assert.deepEqual(merged.conditions.users, { includeUsers: ['All'] });
  assert.equal(merged.conditions.platforms, null);
  assert.deepEqual(merged.grantControls, { operator: 'OR', builtInControls: ['block'] });
  assert.deepEqual(merged.sessionControls, { signInFrequency: null, persistentBrowser: { isEnabled: true, mode: 'never' } });
  assert.deepEqual(existing.conditions.applications.excludeApplications, ['a'], 'the input is not modified');
});

test('CSA values: write annotation in, read annotation stored; collections need their annotation; null removes the set', () => {
  const sets = [{ id: 'Eng' }];
  const defs = [
    { id: 'Eng_Tier', attributeSet: 'Eng', name: 'Tier', type: 'String', status: 'Available', isCollection: false, usePreDefinedValuesOnly: false },
    { id: 'Eng_Projects', attributeSet: 'Eng', name: 'Projects', type: 'String', status: 'Available', isCollection: true, usePreDefinedValuesOnly: false },
    { id: 'Eng_Level', attributeSet: 'Eng', name: 'Level', type: 'Integer', status: 'Available', isCollection: false },
    { id: 'Eng_Old', attributeSet: 'Eng', name: 'Old', type: 'String', status: 'Deprecated', isCollection: false },
  ];
  const r1 = applyCsaPatch(null, { Eng: { '@odata.type': WRITE_TYPE, Tier: 'Gold', 'Projects@odata.type': '#Collection(String)', Projects: ['A', 'B'], 'Level@odata.type': '#Int32', Level: 3 } }, sets, defs);
  assert.ok(r1.ok);
  assert.deepEqual(r1.value, { Eng: { '@odata.type': READ_TYPE, Tier: 'Gold', Projects: ['A', 'B'], 'Projects@odata.type': '#Collection(String)', Level: 3, 'Level@odata.type': '#Int32' } });
  const r2 = applyCsaPatch(r1.value, { Eng: { '@odata.type': WRITE_TYPE, Tier: null, Projects: [], Level: null } }, sets, defs);
  assert.deepEqual(r2, { ok: true, value: null });
  const fails = [
    { Eng: { '@odata.type': WRITE_TYPE, Projects: ['A'] } },
    { Eng: { '@odata.type': WRITE_TYPE, Level: 3 } },
    { Eng: { '@odata.type': WRITE_TYPE, Tier: 5 } },
    { Eng: { '@odata.type': WRITE_TYPE, Old: 'x' } },
    { Eng: { Tier: 'x' } },
    'not an object',
  ];
  for (const f of fails) assert.equal(applyCsaPatch(null, f, sets, defs).ok, false, JSON.stringify(f));
});

test('sign-in shaping: v1.0 whitelist, CA details hidden without rights, evolvable enums mapped without Prefer', () => {
  const record = {
    id: '1', createdDateTime: '2026-11-20T00:00:00Z', userId: 'u', signInEventTypes: ['interactiveUser'], authenticationProtocol: 'ropc', riskEventTypes: [], 'x-emulator': { secret: 1 },
    appliedConditionalAccessPolicies: [{ id: 'p', displayName: 'P', result: 'reportOnlyInterrupted', conditionsSatisfied: 'users,authenticationFlows', enforcedGrantControls: [], enforcedSessionControls: [] }],
  };
  const v1 = shapeSignIn(record, { version: 'v1.0', canSeeConditionalAccess: true, includeUnknownEnumMembers: false });
  assert.deepEqual(Object.keys(v1).sort(), ['appliedConditionalAccessPolicies', 'createdDateTime', 'id', 'riskEventTypes', 'userId']);
  assert.deepEqual(v1.appliedConditionalAccessPolicies, [{ id: 'p', displayName: 'P', result: 'unknownFutureValue', enforcedGrantControls: [], enforcedSessionControls: [] }]);
  const beta = shapeSignIn(record, { version: 'beta', canSeeConditionalAccess: true, includeUnknownEnumMembers: false }) as Record<string, any>;
  assert.ok(!('riskEventTypes' in beta), 'beta dropped riskEventTypes');
  assert.equal(beta.appliedConditionalAccessPolicies[0].conditionsSatisfied, 'users,unknownFutureValue');
  const preferred = shapeSignIn(record, { version: 'beta', canSeeConditionalAccess: true, includeUnknownEnumMembers: true }) as Record<string, any>;
  assert.equal(preferred.appliedConditionalAccessPolicies[0].result, 'reportOnlyInterrupted');
  const hidden = shapeSignIn(record, { version: 'beta', canSeeConditionalAccess: false, includeUnknownEnumMembers: true });
  assert.ok(!('appliedConditionalAccessPolicies' in hidden));
  assert.ok(!('x-emulator' in hidden));
  assert.deepEqual(withoutExtras({ a: 1, 'x-emulator': {} }), { a: 1 });
});
