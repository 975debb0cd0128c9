import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { bucketFor, parseRetryAfter, PacingMiddleware } from '../../../electron/core/graph/pacing.js';

/** Fake clock: sleeping advances it; no real waiting, no timing assertions. */
class Terminal implements Middleware {
  readonly sent: { url: string; at: number }[] = [];
  constructor(private readonly clock: { t: number }, private readonly statusFor: (n: number) => number, private readonly headers: Record<string, string> = {}) {}
  async execute(context: Context): Promise<void> {
    this.sent.push({ url: String(context.request), at: Math.max(this.clock.t, Date.now()) });
    context.response = new Response('{}', { status: this.statusFor(this.sent.length), headers: this.headers });
  }
  setNext(): void {}
}

function ctx(url: string): Context {
  return { request: url, options: {} } as Context;
}

test('resource buckets: sign-ins, CA policies + named locations, everything else', () => {
  assert.equal(bucketFor('https://graph.microsoft.com/beta/auditLogs/signIns?$top=1000'), 'signIns');
  assert.equal(bucketFor('https://127.0.0.1:4443/v1.0/identity/conditionalAccess/namedLocations'), 'conditionalAccess');
  assert.equal(bucketFor('https://graph.microsoft.com/v1.0/users/x'), 'directory');
});

test('Retry-After in seconds or as an HTTP date', () => {
  assert.equal(parseRetryAfter('7', 0), 7000);
  assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4000), 6000);
  assert.equal(parseRetryAfter(null, 0), null);
});

// The pacing sleeps use real timers, so this test uses a tiny budget (2 per 40 ms) and checks ORDER
// and spacing against the middleware's own clock reading, not wall time.
test('never more than the budget inside any window, across concurrent callers', async () => {
  const clock = { t: 0 };
  const now = () => (clock.t = Date.now());
  const terminal = new Terminal(clock, () => 200);
  const pacing = new PacingMiddleware({ signIns: { requests: 2, perMs: 40 }, conditionalAccess: null, directory: null }, {}, now);
  pacing.setNext(terminal);
  await Promise.all(Array.from({ length: 6 }, () => pacing.execute(ctx('https://graph.microsoft.com/beta/auditLogs/signIns'))));
  const times = terminal.sent.map((s) => s.at);
  for (let i = 2; i < times.length; i++) assert.ok(times[i]! - times[i - 2]! >= 40, `request ${i} came ${times[i]! - times[i - 2]!} ms after request ${i - 2}`);
});

test('a 429 without Retry-After closes the bucket for everyone with growing back-off', async () => {
  const clock = { t: 0 };
  const now = () => (clock.t = Date.now());
  const throttled: number[] = [];
  const terminal = new Terminal(clock, (n) => (n <= 2 ? 429 : 200));
  const pacing = new PacingMiddleware({ signIns: null, conditionalAccess: { requests: 100, perMs: 1000 }, directory: null },
    { onThrottled: (_b, ms) => throttled.push(ms) }, now);
  pacing.setNext(terminal);
  await pacing.execute(ctx('https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies'));
  await pacing.execute(ctx('https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies'));
  await pacing.execute(ctx('https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies'));
  assert.deepEqual(throttled, [1000, 2000], 'own exponential back-off when Graph sends no Retry-After');
  const [a, b, c] = terminal.sent.map((s) => s.at);
  assert.ok(b! - a! >= 1000 && c! - b! >= 2000);
});
