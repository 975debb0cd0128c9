import { test } from 'node:test';
import assert from 'node:assert/strict';
import { watchVerification } from '../../../electron/core/exemption/verify-watch.js';
import type { GraphCaller } from '../../../electron/core/exemption/graph-caller.js';

function signInsCaller(pages: unknown[][]): GraphCaller & { seen: { path: string; headers?: Record<string, string> }[] } {
  const seen: { path: string; headers?: Record<string, string> }[] = [];
  return {
    seen,
    call: async (_m, path, _b, headers) => {
      seen.push({ path, headers });
      return { status: 200, body: { value: pages.length > 1 ? pages.shift() : pages[0] }, requestId: 'r', retryAfter: null };
    },
  };
}

const virtual = () => { let t = 0; return { now: () => t, sleep: async (ms: number) => { t += ms; } }; };
const row = (id: string, at: string, policies: { id: string; result: string }[]) => ({ id, createdDateTime: at, appId: 'jc', appliedConditionalAccessPolicies: policies });

test('verified once a new sign-in shows the expected result; earlier "still applies" is reported as progress', async () => {
  const c = virtual();
  const g = signInsCaller([
    [],
    [row('s1', '2026-12-01T08:05:00Z', [{ id: 'p1', result: 'failure' }])],
    [row('s1', '2026-12-01T08:05:00Z', [{ id: 'p1', result: 'failure' }]), row('s2', '2026-12-01T08:12:00Z', [{ id: 'p1', result: 'notApplied' }])],
  ]);
  const progress: string[] = [];
  const r = await watchVerification(
    { clientAppId: 'jc', userId: 'u1', since: '2026-12-01T08:00:00Z', expected: { p1: 'notApplied' }, pollMs: 30_000 },
    { graph: g, ...c, onProgress: (p) => progress.push(p.message) },
  );
  assert.equal(r.status, 'verified');
  assert.equal(r.policies[0]!.signInId, 's2');
  assert.ok(progress.some((m) => /still shows p1: failure.*5–15 minutes/.test(m)));
  assert.equal(g.seen[0]!.headers?.Prefer, 'include-unknown-enum-members');
  assert.match(decodeURIComponent(g.seen[0]!.path), /createdDateTime ge 2026-12-01T08:00:00Z and appId eq 'jc' and userId eq 'u1'/);
});

test('timeout says what to check next', async () => {
  const c = virtual();
  const r = await watchVerification(
    { clientAppId: 'jc', since: '2026-12-01T08:00:00Z', expected: { p1: 'reportOnlyNotApplied' }, pollMs: 60_000, timeoutMs: 5 * 60_000 },
    { graph: signInsCaller([[]]), ...c },
  );
  assert.equal(r.status, 'timeout');
  assert.match(r.message, /Test → ROPG/);
  assert.match(r.message, /5–15 minutes/);
  assert.match(r.message, /conditionalAccessAudiences/);
});

test('a 403 on sign-ins ends the watch with the permission it needs', async () => {
  const g: GraphCaller = { call: async () => ({ status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } }, requestId: 'r', retryAfter: null }) };
  const r = await watchVerification({ clientAppId: 'jc', since: '2026-12-01T08:00:00Z', expected: { p1: 'notApplied' } }, { graph: g, ...virtual() });
  assert.equal(r.status, 'error');
  assert.match(r.message, /AuditLog\.Read\.All/);
});
