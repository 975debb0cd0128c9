import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pacedGraphCaller } from '../../../electron/core/exemption/ca-pacer.js';
import type { GraphReply } from '../../../electron/core/exemption/graph-caller.js';

/** A virtual clock: sleep advances time instantly, so the test checks spacing without waiting. */
function clock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => { t += ms; } };
}

function replies(seq: GraphReply[]) {
  const calls: { path: string; at: number }[] = [];
  return { calls, make: (now: () => number) => ({ call: async (_m: string, path: string) => { calls.push({ path, at: now() }); return seq.shift() ?? { status: 200, body: {}, requestId: 'r', retryAfter: null }; } }) };
}

test('CA calls are spaced at least the minimum interval apart; other calls are not paced', async () => {
  const c = clock();
  const r = replies([]);
  const g = pacedGraphCaller(r.make(c.now), { now: c.now, sleep: c.sleep, minIntervalMs: 1000 });
  await g.call('GET', '/identity/conditionalAccess/policies/a');
  await g.call('PATCH', '/identity/conditionalAccess/policies/a', {});
  await g.call('GET', '/servicePrincipals/x');
  await g.call('GET', '/identity/conditionalAccess/policies/a');
  const ca = r.calls.filter((x) => x.path.startsWith('/identity/'));
  for (let i = 1; i < ca.length; i++) assert.ok(ca[i]!.at - ca[i - 1]!.at >= 1000, `gap ${ca[i]!.at - ca[i - 1]!.at}`);
});

test('a 429 without Retry-After is retried with our own growing back-off, then succeeds', async () => {
  const c = clock();
  const throttled: GraphReply = { status: 429, body: { error: { code: 'TooManyRequests' } }, requestId: 'r', retryAfter: null };
  const r = replies([throttled, throttled, throttled, { status: 204, body: null, requestId: 'ok', retryAfter: null }]);
  const waits: number[] = [];
  const g = pacedGraphCaller(r.make(c.now), { now: c.now, sleep: c.sleep, minIntervalMs: 1000, backoffMs: 1000, onWait: (w) => { if (w.reason === 'throttled') waits.push(w.ms); } });
  const reply = await g.call('PATCH', '/identity/conditionalAccess/policies/a', {});
  assert.equal(reply.status, 204);
  assert.deepEqual(waits, [1000, 2000, 4000]);
  assert.equal(r.calls.length, 4);
});

test('Retry-After is honoured when present; retries give up after maxRetries with the 429', async () => {
  const c = clock();
  const t: GraphReply = { status: 429, body: null, requestId: 'r', retryAfter: '7' };
  const r = replies([t, t, t]);
  const waits: number[] = [];
  const g = pacedGraphCaller(r.make(c.now), { now: c.now, sleep: c.sleep, maxRetries: 2, onWait: (w) => waits.push(w.ms) });
  const reply = await g.call('GET', '/auditLogs/signIns');
  assert.equal(reply.status, 429);
  assert.deepEqual(waits, [7000, 7000]);
});
