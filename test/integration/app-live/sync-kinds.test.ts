// The directory and full sync jobs, a job that fails mid-way, and closing a tenant while its job runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../electron/app/settings.js';
import { emulatorProfileInput, startLiveHarness } from './harness.js';

const JAMF_CONNECT_APP = '96c0fc83-df9d-4e26-bb09-4195a6b50a1d';

test('directory then full sync: policies and every Jamf Connect sign-in of the retention period land in the cache', async (t) => {
  const h = await startLiveHarness();
  t.after(() => h.close());
  // A week of retention: short enough for a quick full sync, long enough that the demo's Jamf Connect
  // checks fall inside it at any time of day (the demo is shifted by whole days, so one day may hold none).
  h.ctx.settings.save({ ...DEFAULT_SETTINGS, retentionDays: 7 });
  await h.ok('addTenantProfile', { ...emulatorProfileInput(h), jamfConnectClientIds: [JAMF_CONNECT_APP] });
  await h.ok('openTenant', { name: 'northwind' });
  await h.ok('signInToTenant', {});

  const { jobId: dir } = await h.ok('startSync', { kind: 'directory' });
  const dirEnd = await h.finished(dir);
  assert.equal(dirEnd.phase, 'done', dirEnd.message);
  assert.match(dirEnd.message, /policies \d+/);
  assert.equal((await h.ok('listPolicies', {})).length, h.snapshot.conditionalAccessPolicies.length);

  const { jobId: full } = await h.ok('startSync', { kind: 'full' });
  const fullEnd = await h.finished(full);
  assert.equal(fullEnd.phase, 'done', fullEnd.message);
  const windows = h.progressOf(full).filter((p) => p.phase === 'signIns' && /time windows/.test(p.message));
  assert.ok(windows.length > 0, 'window progress was reported');
  const store = h.ctx.session!.live!.workspace.store;
  const since = Date.now() - 7 * 86_400_000;
  const expected = h.emulator.control.listSignIns()
    .filter((s) => String(s.appId).toLowerCase() === JAMF_CONNECT_APP && Date.parse(String(s.createdDateTime)) >= since + 60_000)
    .map((s) => String(s.id));
  assert.ok(expected.length > 0, 'the demo has Jamf Connect checks in the last week');
  const cached = new Set(store.signIns.forTenant({ tenantId: h.emulator.tenantId }).map((s) => s.id));
  for (const id of expected) assert.ok(cached.has(id), `sign-in ${id} synced`);
  // The session was rebuilt from the cache after the job: its sign-in browser sees the rows.
  assert.ok((await h.ok('listSignIns', { offset: 0, limit: 1 })).total >= expected.length);
});

test('a job that fails reports finished with the error; closing the tenant mid-job stops it cleanly', async (t) => {
  const h = await startLiveHarness();
  t.after(() => h.close());
  await h.ok('addTenantProfile', emulatorProfileInput(h));
  await h.ok('openTenant', { name: 'northwind' });
  await h.ok('signInToTenant', {});

  const missingUser = await h.call('startSync', { kind: 'user' });
  assert.equal(missingUser.ok, false);
  if (!missingUser.ok) assert.equal(missingUser.error.code, 'invalidInput');

  const { jobId } = await h.ok('startSync', { kind: 'user', user: 'nobody@northwind-demo.example' });
  const end = await h.finished(jobId);
  assert.equal(end.phase, 'failed');
  assert.match(end.message, /not found/i);
  // The failure freed the tenant for the next job.
  const { jobId: next } = await h.ok('startSync', { kind: 'directory' });
  const closed = await h.ok('closeTenant', {});
  assert.equal(closed.mode, 'none');
  const ends = h.progressOf(next).filter((p) => p.finished);
  assert.equal(ends.length, 1, 'closing waits for the job and announces its end once');
  assert.equal(ends[0]!.phase, 'cancelled');
  assert.equal(h.ctx.session, null);
});
