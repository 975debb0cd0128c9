import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../electron/core/store/index.js';
import { planExemption } from '../../../electron/core/exemption/plan.js';
import { applyPlan } from '../../../electron/core/exemption/apply.js';
import { expireDue, expiryFrom, listExpired, parseDuration } from '../../../electron/core/exemption/expiry.js';
import { listExemptions } from '../../../electron/core/exemption/records.js';
import { FakeTenant } from './fake-tenant.js';
import { JAMF_SP_ID, noAttributes, policy, target } from './fixtures.js';

test('durations: 8h, 30m, 2d; nonsense and zero are refused with a hint', () => {
  assert.equal(parseDuration('8h'), 8 * 3_600_000);
  assert.equal(parseDuration('30m'), 1_800_000);
  assert.equal(parseDuration('2d'), 172_800_000);
  assert.equal(expiryFrom(new Date('2026-12-01T08:00:00Z'), '8h'), '2026-12-01T16:00:00.000Z');
  assert.throws(() => parseDuration('soon'), /e\.g\. 30m, 8h/);
  assert.throws(() => parseDuration('0h'), /more than 0/);
  assert.throws(() => parseDuration('400d'), /90 days/);
});

test('an expired exemption is listed, needs confirmation without auto, and is reverted with auto', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'll-expiry-'));
  const store = openStore(join(dir, 'c.sqlite'));
  t.after(() => { store.close(); rmSync(dir, { recursive: true, force: true }); });
  const tenant = new FakeTenant();
  const p1 = policy('p1', {});
  tenant.policies.set('p1', structuredClone(p1));
  tenant.servicePrincipals.set(JAMF_SP_ID, { id: JAMF_SP_ID, appId: target.appId, customSecurityAttributes: null });
  const applied = new Date('2026-12-01T08:00:00Z');
  const plan = planExemption({ tenantId: 't1', policies: [p1], policyIds: ['p1'], target, existing: noAttributes, expiresAt: expiryFrom(applied, '8h'), now: applied });
  assert.match(plan.summary.join(' '), /expires at 2026-12-01T16:00:00.000Z/);
  const deps = { graph: tenant.caller(), audit: store.audit, actor: 'admin@contoso.com', tenantId: 't1' };
  const r = await applyPlan(plan, { ...deps, now: () => applied });
  assert.equal(r.status, 'applied');

  assert.deepEqual(listExpired(store.audit, 't1', new Date('2026-12-01T15:59:00Z')), []);
  const due = new Date('2026-12-01T16:00:01Z');
  assert.deepEqual(listExpired(store.audit, 't1', due).map((x) => x.operationId), [r.operationId]);
  const asked = await expireDue(due, { auto: false }, { ...deps, actor: 'system' });
  assert.deepEqual(asked.map((a) => a.result), ['needs-confirmation']);
  assert.notDeepEqual(tenant.policies.get('p1')!.conditions, p1.conditions, 'nothing reverted without auto');

  const done = await expireDue(due, { auto: true }, { ...deps, actor: 'system' });
  assert.equal(done.length, 1);
  assert.notEqual(done[0]!.result, 'needs-confirmation');
  assert.deepEqual(tenant.policies.get('p1')!.conditions, p1.conditions);
  assert.equal(tenant.servicePrincipals.get(JAMF_SP_ID)!.customSecurityAttributes, null, 'the tag is removed when no other exemption uses it');
  assert.equal(listExemptions(store.audit, 't1')[0]!.status, 'rolled-back');
  assert.deepEqual(listExpired(store.audit, 't1', due), []);
});

test('the expiry scheduler checks at start and on each interval, never overlapping, errors reported', async (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const { startExpiryChecks } = await import('../../../electron/core/exemption/expiry-scheduler.js');
  let calls = 0;
  let release: () => void = () => {};
  const errors: unknown[] = [];
  const s = startExpiryChecks({
    intervalMs: 60_000,
    check: () => { calls++; if (calls === 2) return Promise.reject(new Error('tenant offline')); return new Promise<void>((r) => { release = r; }); },
    onError: (e) => errors.push(e),
  });
  assert.equal(calls, 1, 'checked at start');
  t.mock.timers.tick(60_000);
  assert.equal(calls, 1, 'no second check while the first runs');
  release();
  await new Promise((r) => setImmediate(r));
  t.mock.timers.tick(60_000);
  assert.equal(calls, 2);
  await new Promise((r) => setImmediate(r));
  assert.match(String(errors[0]), /tenant offline/);
  s.stop();
});
