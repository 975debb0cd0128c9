import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { StatusRetryMiddleware } from '../../../electron/core/graph/status-retry.js';

/** Answers with the scripted statuses in turn (then 200) and records each attempt's time. */
class Scripted implements Middleware {
  readonly at: number[] = [];
  constructor(private readonly script: { status: number; retryAfter?: string }[]) {}
  async execute(context: Context): Promise<void> {
    const step = this.script[this.at.length] ?? { status: 200 };
    this.at.push(Date.now());
    context.response = new Response('{}', { status: step.status, headers: step.retryAfter ? { 'retry-after': step.retryAfter } : {} });
  }
  setNext(): void {}
}

async function run(method: string, script: { status: number; retryAfter?: string }[], options = {}) {
  const next = new Scripted(script);
  const retry = new StatusRetryMiddleware({ baseDelayMs: 10, random: () => 0.5, ...options });
  retry.setNext(next);
  const context = { request: 'https://graph.microsoft.com/v1.0/organization', options: { method } } as Context;
  await retry.execute(context);
  return { status: context.response!.status, attempts: next.at.length, at: next.at };
}

test('a 503 with Retry-After is retried after exactly that wait', async () => {
  const r = await run('GET', [{ status: 503, retryAfter: '1' }]);
  assert.equal(r.status, 200);
  assert.equal(r.attempts, 2);
  assert.ok(r.at[1]! - r.at[0]! >= 990, `waited ${r.at[1]! - r.at[0]!} ms for Retry-After: 1`);
});

test('reads: 500/502/503/504 retried up to serverErrorRetries, then the last answer is returned', async () => {
  const r = await run('GET', [{ status: 500 }, { status: 502 }, { status: 504 }, { status: 503 }, { status: 503 }], { serverErrorRetries: 3 });
  assert.equal(r.status, 503);
  assert.equal(r.attempts, 4);
});

test('writes: a 5xx is returned at once; a 429 is resent', async () => {
  for (const method of ['PATCH', 'POST', 'PUT', 'DELETE']) {
    const failed = await run(method, [{ status: 503 }]);
    assert.deepEqual([failed.status, failed.attempts], [503, 1], method);
    const throttled = await run(method, [{ status: 429, retryAfter: '0' }]);
    assert.deepEqual([throttled.status, throttled.attempts], [200, 2], method);
  }
});

test('answers that are not transient are not retried', async () => {
  for (const status of [400, 401, 403, 404, 409, 501]) {
    const r = await run('GET', [{ status }]);
    assert.deepEqual([r.status, r.attempts], [status, 1], String(status));
  }
});
