/** Moving a snapshot to "now": every *DateTime and meta.generatedAt by the same whole-day delta. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shiftIsoTime, shiftSnapshotTimes, timeShiftFor } from '../../../electron/core/snapshot/time-shift.js';
import type { TenantSnapshot } from '../../../electron/core/snapshot/types.js';

const DAY = 86_400_000;

test('shiftIsoTime keeps the precision of the input and leaves non-dates alone', () => {
  assert.equal(shiftIsoTime('2026-11-30T12:00:00Z', DAY), '2026-12-01T12:00:00Z');
  assert.equal(shiftIsoTime('2026-11-30T12:00:00.5Z', 250), '2026-11-30T12:00:00.7Z');
  // Graph's 7-digit fractions keep their width; JS dates carry milliseconds, so digits 4–7 become 0.
  assert.equal(shiftIsoTime('2026-11-30T12:00:00.1234567Z', 1), '2026-11-30T12:00:00.1240000Z');
  assert.equal(shiftIsoTime('not a date', DAY), 'not a date');
});

test('timeShiftFor rounds down to whole days so office hours stay office hours', () => {
  const s = { meta: { generatedAt: '2026-11-30T12:00:00Z' } } as unknown as TenantSnapshot;
  assert.equal(timeShiftFor(s, new Date('2027-03-01T09:30:00Z')), 90 * DAY);
  assert.equal(timeShiftFor(s, new Date('2027-03-01T09:30:00Z'), true), Date.parse('2027-03-01T09:30:00Z') - Date.parse('2026-11-30T12:00:00Z'));
  assert.equal(timeShiftFor({ meta: {} } as unknown as TenantSnapshot, new Date()), 0);
});

test('shiftSnapshotTimes moves every *DateTime, nested ones too, and not the input', () => {
  const s = {
    meta: { generatedAt: '2026-11-30T12:00:00Z', stories: [{ sinceDateTime: '2026-11-18T08:30:00Z' }] },
    users: [{ id: 'u', lastPasswordChangeDateTime: '2026-11-24T07:55:00Z', displayName: '2026-11-24T07:55:00Z' }],
    signIns: [{ id: 's', createdDateTime: '2026-11-29T08:00:00Z', authenticationDetails: [{ authenticationStepDateTime: '2026-11-29T08:00:00Z' }] }],
  } as unknown as TenantSnapshot;
  const out = shiftSnapshotTimes(s, 2 * DAY) as any;
  assert.equal(out.meta.generatedAt, '2026-12-02T12:00:00Z');
  assert.equal(out.meta.stories[0].sinceDateTime, '2026-11-20T08:30:00Z');
  assert.equal(out.users[0].lastPasswordChangeDateTime, '2026-11-26T07:55:00Z');
  assert.equal(out.users[0].displayName, '2026-11-24T07:55:00Z', 'only *DateTime properties move');
  assert.equal(out.signIns[0].createdDateTime, '2026-12-01T08:00:00Z');
  assert.equal(out.signIns[0].authenticationDetails[0].authenticationStepDateTime, '2026-12-01T08:00:00Z');
  assert.equal((s as any).signIns[0].createdDateTime, '2026-11-29T08:00:00Z', 'input unchanged');
});
