import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportOnlyCopyBody } from '../../../electron/core/exemption/report-only-trial.js';
import { policy } from './fixtures.js';

test('the report-only copy: same policy, our applications, never enforced, no read-only fields', () => {
  const p: Record<string, unknown> = { ...policy('p1', { globalSecureAccess: null }), '@odata.context': 'x' };
  const after = { ...((p.conditions as Record<string, unknown>).applications as object), applicationFilter: { mode: 'exclude', rule: 'r' } };
  const body = reportOnlyCopyBody(p, after);
  assert.equal(body.state, 'enabledForReportingButNotEnforced');
  assert.equal(body.displayName, '[Lockout Lens trial] Policy p1');
  for (const k of ['id', 'createdDateTime', 'modifiedDateTime', 'templateId', '@odata.context']) assert.ok(!(k in body), k);
  const { globalSecureAccess: _g, ...expectedApps } = after as Record<string, unknown>;
  assert.deepEqual((body.conditions as Record<string, unknown>).applications, expectedApps);
  assert.deepEqual(body.grantControls, p.grantControls);
  assert.deepEqual({ ...(body.conditions as object), applications: null }, { ...(p.conditions as object), applications: null });
  assert.equal(p.state, 'enabled', 'input not mutated');
});
