/**
 * Shifting the demo tenant to "now" keeps every story intact: all dates move together, so the
 * evaluator still agrees with the recorded sign-ins and each story's "since" still splits its
 * history at the same sign-in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../../../electron/core/policy/evaluate.js';
import { shiftSnapshotTimes, timeShiftFor } from '../../../electron/core/snapshot/time-shift.js';
import { contextFromSignIn, demo, directoryAt, meta, policiesAt } from './demo-fixture.js';

const DAY = 86_400_000;

test('shifting the demo tenant moves every date by the same whole number of days', async () => {
  const s = await demo();
  const now = new Date(Date.parse(meta(s).generatedAt) + 45.5 * DAY);
  const delta = timeShiftFor(s, now);
  assert.equal(delta, 45 * DAY);
  const shifted = shiftSnapshotTimes(s, delta);
  const plus = (iso: string) => new Date(Date.parse(iso) + delta).toISOString().replace(/\.000Z$/, 'Z');
  assert.equal(meta(shifted).generatedAt, plus(meta(s).generatedAt));
  assert.equal(meta(shifted).tenantSettings.baselineScopeEnforcementSinceDateTime, plus(meta(s).tenantSettings.baselineScopeEnforcementSinceDateTime));
  s.signIns.forEach((x, i) => assert.equal(shifted.signIns[i]!.createdDateTime, plus(String(x.createdDateTime))));
  (meta(s).stories as any[]).forEach((st, i) => {
    if (st.sinceDateTime) assert.equal(meta(shifted).stories[i].sinceDateTime, plus(st.sinceDateTime));
  });
  s.conditionalAccessPolicies.forEach((p, i) => assert.equal(shifted.conditionalAccessPolicies[i]!.modifiedDateTime, plus(String(p.modifiedDateTime))));
  assert.equal(s.signIns[0]!.createdDateTime, (await demo()).signIns[0]!.createdDateTime, 'the loaded demo is not modified');
});

test('after the shift the evaluator still agrees with the Jamf Connect sign-ins', async () => {
  const shifted = shiftSnapshotTimes(await demo(), 45 * DAY);
  let checked = 0;
  for (const row of shifted.signIns.filter((x) => x.authenticationProtocol === 'ropc')) {
    if ((row.appliedConditionalAccessPolicies as unknown[]).length === 0) continue;
    const at = String(row.createdDateTime);
    const r = evaluate(policiesAt(shifted, at), contextFromSignIn(shifted, row), directoryAt(shifted, at));
    assert.equal(r.outcome.errorCode, (row.status as { errorCode: number }).errorCode, `${row.userPrincipalName} ${at}`);
    checked++;
  }
  assert.ok(checked > 200);
});
