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

/**
 * A server that counts a request when it ARRIVES, after `latency` ms (the emulator's model, and the
 * worst case for a client): records send, arrival and response times per request.
 */
class ArrivalCountingServer implements Middleware {
  readonly log: { sent: number; arrived: number; answered: number; status: number }[] = [];
  constructor(private readonly latencies: number[], private readonly statusFor: (n: number) => { status: number; retryAfter?: string } = () => ({ status: 200 })) {}
  async execute(context: Context): Promise<void> {
    const n = this.log.length;
    const sent = Date.now();
    const entry = { sent, arrived: 0, answered: 0, status: 0 };
    this.log.push(entry);
    await new Promise((r) => setTimeout(r, this.latencies[n] ?? 5));
    entry.arrived = Date.now();
    const { status, retryAfter } = this.statusFor(n + 1);
    entry.status = status;
    entry.answered = Date.now();
    context.response = new Response('{}', { status, headers: retryAfter ? { 'retry-after': retryAfter } : {} });
  }
  setNext(): void {}
}

test('counted on arrival: a fast request after a slow one does not land inside the slow one\'s window', async () => {
  // One request per 100 ms. The first takes 60 ms to arrive, the second 5 ms: spacing SENDS by 100 ms
  // would put the arrivals 45 ms apart. Holding the slot until the response and then 100 ms after the
  // latest possible count (response − least latency) keeps the arrivals ≥ 100 ms apart.
  const server = new ArrivalCountingServer([60, 5, 5]);
  const pacing = new PacingMiddleware({ signIns: { requests: 1, perMs: 100, marginMs: 10 }, conditionalAccess: null, directory: null });
  pacing.setNext(server);
  await Promise.all([0, 1, 2].map(() => pacing.execute(ctx('https://graph.microsoft.com/beta/auditLogs/signIns'))));
  const arrivals = server.log.map((e) => e.arrived);
  for (let i = 1; i < arrivals.length; i++) assert.ok(arrivals[i]! - arrivals[i - 1]! >= 100, `arrival ${i} came ${arrivals[i]! - arrivals[i - 1]!} ms after arrival ${i - 1}`);
  for (let i = 1; i < server.log.length; i++) assert.ok(server.log[i]!.sent >= server.log[i - 1]!.answered, 'a full bucket waits for the response of the request holding the slot');
});

test('after a 429 the bucket re-opens at Retry-After and lets ONE request through before the rest', async () => {
  const throttled: { ms: number; told: boolean }[] = [];
  // Request 1 is answered 429 (Retry-After 1 s); every later one succeeds.
  const server = new ArrivalCountingServer([5, 20, 5, 5, 5], (n) => (n === 1 ? { status: 429, retryAfter: '1' } : { status: 200 }));
  const pacing = new PacingMiddleware({ signIns: { requests: 5, perMs: 50, marginMs: 1 }, conditionalAccess: null, directory: null },
    { onThrottled: (_b, ms, told) => throttled.push({ ms, told }) });
  pacing.setNext(server);
  const first = pacing.execute(ctx('https://graph.microsoft.com/beta/auditLogs/signIns'));
  await first; // answered 429: the bucket is closed for 1 s for every caller
  await Promise.all([1, 2, 3, 4].map(() => pacing.execute(ctx('https://graph.microsoft.com/beta/auditLogs/signIns'))));
  assert.deepEqual(throttled, [{ ms: 1000, told: true }], 'Retry-After honoured as sent');
  const [r429, probe, ...rest] = server.log;
  assert.ok(probe!.sent - r429!.answered >= 1000, `the next request waited out Retry-After (${probe!.sent - r429!.answered} ms)`);
  for (const later of rest) assert.ok(later.sent >= probe!.answered, 'no burst: the others wait for the first request after the cool-down to succeed');
});
