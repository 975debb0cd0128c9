/**
 * Graph 5xx and 429 through the real chain (graph-client + StatusRetryMiddleware + pacing + the
 * app's transport) against the emulator's fault engine. Microsoft's guidance (graph-facts §5;
 * docs `concepts/best-practices`): 503/504 (often with Retry-After) and 500/502 are usually
 * transient — retry reads with back-off; a 429 means "not processed" — safe to resend any request.
 * A write answered 5xx may or may not have happened, so it is never resent.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { emulatorOpenBrowser } from '../../../electron/core/auth/emulator-browser.js';
import { AppError } from '../../../electron/core/graph/app-error.js';
import type { Workspace } from '../../../electron/core/profiles/workspace.js';
import { openStore } from '../../../electron/core/store/index.js';
import { runFullSync } from '../../../electron/core/sync/full-sync.js';
import { JAMF_CONNECT_APP, OPERATOR, startHarness, type Harness } from './harness.js';

let h: Harness;
let ws: Workspace;
before(async () => {
  h = await startHarness();
  // Back-off base 50 ms: the test checks what is retried, not how long the waits are.
  ws = h.workspace({ retryDelaySeconds: 0.05 });
  await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, OPERATOR));
});
after(async () => { await h.close(); });

function statuses(path: string, method = 'GET'): number[] {
  return h.emulator.control.requestLog().filter((r) => r.path === path && r.method === method).map((r) => r.status);
}

test('a read answered 500, 502, 503 or 504 is retried and succeeds', async () => {
  for (const status of [500, 502, 503, 504]) {
    h.emulator.control.clearFaults();
    const path = '/v1.0/organization';
    const before = statuses(path).length;
    h.emulator.control.injectFaults([{ kind: 'status', status, pathPrefix: path, method: 'GET', count: 2 }]);
    const org = await ws.graph.organization();
    assert.ok(org?.id, `organization read after two ${status}s`);
    assert.deepEqual(statuses(path).slice(before), [status, status, 200], `HTTP ${status}: two failures, then the answer`);
  }
});

test('retries of a read are bounded: a lasting 503 ends as a server_error after 1 + 3 attempts', async () => {
  h.emulator.control.clearFaults();
  const path = '/v1.0/identity/conditionalAccess/namedLocations';
  const before = statuses(path).length;
  h.emulator.control.injectFaults([{ kind: 'status', status: 503, pathPrefix: path, count: 50 }]);
  await assert.rejects(ws.graph.namedLocations(), (e: unknown) => e instanceof AppError && e.code === 'server_error');
  assert.deepEqual(statuses(path).slice(before), [503, 503, 503, 503]);
  h.emulator.control.clearFaults();
});

test('an error that is an answer (404, 400, 501) is not retried', async () => {
  h.emulator.control.clearFaults();
  const path = '/v1.0/organization';
  for (const status of [404, 400, 501]) {
    const before = statuses(path).length;
    h.emulator.control.injectFaults([{ kind: 'status', status, pathPrefix: path, method: 'GET', count: 1 }]);
    await assert.rejects(ws.graph.organization());
    assert.deepEqual(statuses(path).slice(before), [status], `HTTP ${status} is returned as it is`);
  }
});

test('a write answered 503 is NOT resent (it may have happened); a write answered 429 is (Graph did not process it)', async () => {
  h.emulator.control.clearFaults();
  const sp = (await ws.graph.servicePrincipalByAppId(JAMF_CONNECT_APP))!;
  const path = `/v1.0/servicePrincipals/${sp.id}`;
  h.emulator.control.injectFaults([{ kind: 'status', status: 503, pathPrefix: path, method: 'PATCH', count: 5 }]);
  await assert.rejects(ws.graph.graph.client.api(`/servicePrincipals/${sp.id}`).patch({ notes: 'x' }));
  assert.deepEqual(statuses(path, 'PATCH'), [503], 'one PATCH, no resend');
  h.emulator.control.clearFaults();
  h.emulator.control.injectFaults([{ kind: 'throttle', pathPrefix: path, method: 'PATCH', count: 1, retryAfterSeconds: 0 }]);
  await ws.graph.graph.client.api(`/servicePrincipals/${sp.id}`).patch({ notes: 'x' }).catch(() => undefined); // the operator may lack write scope: only the resend matters here
  const patches = statuses(path, 'PATCH').slice(1);
  assert.equal(patches.length, 2, `the 429 was resent once: ${patches.join(', ')}`);
  assert.equal(patches[0], 429);
  assert.notEqual(patches[1], 429);
});

test('a tenant sync rides through 5xx on sign-in pages: complete, no loss, no duplicates', async (t) => {
  h.emulator.control.clearFaults();
  const store = openStore(':memory:');
  t.after(() => store.close());
  const tenantId = await ws.tenantId();
  const path = '/beta/auditLogs/signIns';
  const faults = h.emulator.control.injectFaults([
    { kind: 'status', status: 500, pathPrefix: path, count: 1 },
    { kind: 'status', status: 502, pathPrefix: path, count: 1 },
  ]);
  const result = await runFullSync({ store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP], days: 30, full: true });
  assert.equal(result.status, 'completed');
  assert.deepEqual(faults.map((f) => f.fired), [1, 1], 'both faults met the sync');
  const since = Date.parse(result.since);
  const expected = h.emulator.control.listSignIns()
    .filter((s) => String(s.appId).toLowerCase() === JAMF_CONNECT_APP && Date.parse(String(s.createdDateTime)) >= since)
    .map((s) => String(s.id)).sort();
  assert.ok(expected.length > 0);
  assert.deepEqual(store.signIns.ids(tenantId), expected);
  assert.equal(result.rows, expected.length);
});
