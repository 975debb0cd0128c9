/**
 * Throttling as Graph documents it (graph-facts §1.4, §2.4), through the real graph-client
 * RetryHandler: sign-ins 5 requests per window per app → 429 WITH Retry-After, honoured by the
 * handler; CA policies ~1 request per interval per tenant → 429 WITHOUT Retry-After. Windows are
 * shortened by option so the test stays fast; the emulator clock is real time here.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GraphError, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { graphClient, startHarness, syntheticSignIns, tinyTenant, tokenFor, USERS, type Harness } from './helpers.js';

let h: Harness;
let token: string;
before(async () => {
  h = await startHarness(tinyTenant({ signIns: syntheticSignIns(10) }), {
    throttle: { signIns: true, conditionalAccess: true, signInsLimit: 5, signInsWindowSeconds: 1, conditionalAccessIntervalMs: 1000 },
  });
  token = await tokenFor(h, USERS.csa.upn, ['AuditLog.Read.All', 'Policy.Read.All']);
});
after(async () => { await h.stop(); });

async function raw(path: string): Promise<Response> {
  return h.transport(`${h.emu.origin}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

test('sign-ins: the 6th request inside the window is 429 with Retry-After; RetryHandler waits and succeeds', async () => {
  h.emu.control.resetThrottle();
  for (let i = 0; i < 5; i++) assert.equal((await raw('/beta/auditLogs/signIns?$top=1')).status, 200, `request ${i + 1}`);
  const throttled = await raw('/beta/auditLogs/signIns?$top=1');
  assert.equal(throttled.status, 429);
  assert.equal(throttled.headers.get('retry-after'), '1');
  const body = await throttled.json() as { error: { code: string } };
  assert.equal(body.error.code, 'TooManyRequests');
  // The real RetryHandler honours Retry-After and the retry lands after the window.
  const client = graphClient(h, async () => token, { retry: new RetryHandlerOptions(1, 3) });
  const page = await client.api('/auditLogs/signIns').version('beta').top(1).get();
  assert.equal(page.value.length, 1);
  const log = h.emu.control.requestLog().filter((r) => r.path === '/beta/auditLogs/signIns');
  assert.ok(log.filter((r) => r.status === 429).length >= 2, 'the client was throttled before it succeeded');
});

test('conditional access: a second request within the interval is 429 WITHOUT Retry-After', async () => {
  h.emu.control.resetThrottle();
  assert.equal((await raw('/v1.0/identity/conditionalAccess/policies')).status, 200);
  const second = await raw('/v1.0/identity/conditionalAccess/namedLocations');
  assert.equal(second.status, 429, 'policies and named locations share one budget');
  assert.equal(second.headers.get('retry-after'), null);
  // With no Retry-After the handler falls back to its own backoff, and the retry gets through.
  const client = graphClient(h, async () => token, { retry: new RetryHandlerOptions(1, 3) });
  const list = await client.api('/identity/conditionalAccess/policies').get();
  assert.ok(Array.isArray(list.value));
});

test('with retries off the caller sees the 429 as a GraphError', async () => {
  h.emu.control.resetThrottle();
  const client = graphClient(h, async () => token, { retry: new RetryHandlerOptions(0, 0) });
  await client.api('/identity/conditionalAccess/policies').get();
  await assert.rejects(client.api('/identity/conditionalAccess/policies').get(), (e: unknown) => {
    assert.ok(e instanceof GraphError);
    assert.equal(e.statusCode, 429);
    return true;
  });
});
