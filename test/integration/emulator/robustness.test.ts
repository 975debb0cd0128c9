/**
 * The emulator never crashes on a request, the control API refuses without its token, and injected
 * faults behave like a flaky network (reset, truncated body, slow body, 5xx, 429 storms) — seen
 * through the same Transport the app uses.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import tls from 'node:tls';
import { GraphError, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { graphClient, startHarness, syntheticSignIns, tinyTenant, tokenFor, USERS, type Harness } from './helpers.js';

let h: Harness;
let token: string;
before(async () => {
  h = await startHarness(tinyTenant({ signIns: syntheticSignIns(40) }));
  token = await tokenFor(h, USERS.csa.upn, ['AuditLog.Read.All', 'User.Read.All', 'Policy.Read.All']);
});
after(async () => { await h.stop(); });

const control = (path: string, init: RequestInit = {}) => h.transport(`${h.emu.origin}/_control${path}`, {
  ...init, headers: { authorization: `Bearer ${h.emu.controlToken}`, 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
});

/** Raw bytes straight onto a TLS socket, for requests no HTTP client would send. */
function rawRequest(text: string): Promise<string> {
  return new Promise((resolve) => {
    const url = new URL(h.emu.origin);
    const socket = tls.connect({ host: url.hostname, port: Number(url.port), ca: h.emu.caCertPem, servername: 'localhost' }, () => socket.write(text));
    let data = '';
    socket.on('data', (d: Buffer) => { data += d.toString(); });
    socket.on('end', () => resolve(data));
    socket.on('close', () => resolve(data));
    socket.on('error', () => resolve(data));
    setTimeout(() => { socket.destroy(); resolve(data); }, 2000);
  });
}

test('garbage requests get an answer, never a crash', async () => {
  const auth = { authorization: `Bearer ${token}` };
  const cases: [string, RequestInit][] = [
    ['/v1.0/users/%E0%A4%A', { headers: auth }],
    ['/v1.0/users?$filter=' + encodeURIComponent("userPrincipalName eq 'x' or or"), { headers: auth }],
    ['/v1.0/users?$top=-1', { headers: auth }],
    ['/v1.0/users?$top=abc', { headers: auth }],
    ['/v1.0/users?$bogus=1', { headers: auth }],
    ['/beta/auditLogs/signIns?$skiptoken=not-a-token', { headers: auth }],
    ['/beta/identity/conditionalAccess/policies', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"displayName": ' }],
    ['/beta/identity/conditionalAccess/policies', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: 'null' }],
    ['/beta/identity/conditionalAccess/policies', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '[1,2,3]' }],
    ['/beta/servicePrincipals/sp-obj-1', { method: 'PATCH', headers: { ...auth, 'content-type': 'application/json' }, body: '"just a string"' }],
    [`/${'a'.repeat(5000)}`, {}],
    ['/common/oauth2/v2.0/token', { method: 'POST', body: '%%%' }],
    ['/nope-tenant/oauth2/v2.0/token', { method: 'POST', body: 'grant_type=password' }],
    ['/common/oauth2/v2.0/authorize?client_id=nope', {}],
    ['/common/oauth2/v2.0/token', { method: 'GET' }],
    ['/v1.0/me', { headers: { authorization: 'Bearer a.b.c' } }],
    ['/v1.0/me', { headers: { authorization: `Bearer ${'x'.repeat(10000)}` } }],
    ['/_control/state', {}],
    ['/_control/../v1.0/me', {}],
  ];
  for (const [path, init] of cases) {
    const res = await h.transport(`${h.emu.origin}${path}`, init);
    assert.ok(res.status >= 400 && res.status < 500, `${path} → ${res.status}`);
    await res.arrayBuffer();
  }
  const garbage = await rawRequest('THIS IS NOT HTTP\r\n\r\n');
  assert.match(garbage, /^HTTP\/1\.1 400/);
  assert.deepEqual(h.logs, [], 'no request reached the top-level error handler');
  // Still alive and well:
  const me = await h.transport(`${h.emu.origin}/v1.0/me`, { headers: auth });
  assert.equal(me.status, 200);
});

test('the control API refuses a missing or wrong token, and unknown operations', async () => {
  assert.equal((await h.transport(`${h.emu.origin}/_control/state`)).status, 401);
  assert.equal((await h.transport(`${h.emu.origin}/_control/state`, { headers: { authorization: `Bearer ${h.emu.controlToken}x` } })).status, 401);
  assert.equal((await h.transport(`${h.emu.origin}/_control/state`, { headers: { authorization: `Bearer ${token}` } })).status, 401, 'a Graph token is not a control token');
  assert.equal((await control('/shutdown', { method: 'POST' })).status, 404);
  assert.equal((await control('/clock/advance', { method: 'POST', body: '{"seconds": -5}' })).status, 400);
  const bad = await control('/snapshot', { method: 'PUT', body: '{"users": 5}' });
  assert.equal(bad.status, 400);
  assert.match(((await bad.json()) as { error: { message: string } }).error.message, /users/);
});

test('control API over HTTPS: load a snapshot, advance the clock, read state', async () => {
  const other = await startHarness(tinyTenant());
  try {
    const c = (path: string, init: RequestInit = {}) => other.transport(`${other.emu.origin}/_control${path}`, { ...init, headers: { authorization: `Bearer ${other.emu.controlToken}`, 'content-type': 'application/json' } });
    const snap = tinyTenant({ signIns: syntheticSignIns(2) });
    assert.equal((await c('/snapshot', { method: 'PUT', body: JSON.stringify(snap) })).status, 200);
    const state = await (await c('/state')).json() as { signIns: unknown[] };
    assert.equal(state.signIns.length, 2);
    const before = Date.parse(((await (await c('/clock')).json()) as { now: string }).now);
    const after = Date.parse(((await (await c('/clock/advance', { method: 'POST', body: '{"seconds": 3600}' })).json()) as { now: string }).now);
    assert.ok(after - before >= 3600_000);
  } finally { await other.stop(); }
});

test('fault: connection reset surfaces as a network error; the next request works', async () => {
  await control('/faults', { method: 'POST', body: JSON.stringify({ kind: 'reset', pathPrefix: '/v1.0/me', count: 1 }) });
  await assert.rejects(h.transport(`${h.emu.origin}/v1.0/me`, { headers: { authorization: `Bearer ${token}` } }), /fetch failed|socket hang up|ECONNRESET/);
  assert.equal((await h.transport(`${h.emu.origin}/v1.0/me`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
});

test('fault: a truncated body fails while reading it, like a real dropped connection', async () => {
  h.emu.control.injectFaults([{ kind: 'truncate', pathPrefix: '/beta/auditLogs/signIns', count: 1 }]);
  const res = await h.transport(`${h.emu.origin}/beta/auditLogs/signIns`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200, 'headers arrive');
  await assert.rejects(res.json());
});

test('fault: a slow body still arrives complete', async () => {
  h.emu.control.injectFaults([{ kind: 'slow', pathPrefix: '/v1.0/users', count: 1, chunkBytes: 64, chunkDelayMs: 5 }]);
  const res = await h.transport(`${h.emu.origin}/v1.0/users`, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.json() as { value: unknown[] };
  assert.equal(body.value.length, 5);
});

test('fault: a 503 storm then recovery is retried by graph-client; a 429 storm without Retry-After too', async () => {
  const client = graphClient(h, async () => token, { retry: new RetryHandlerOptions(1, 3) });
  h.emu.control.injectFaults([{ kind: 'status', status: 503, pathPrefix: '/v1.0/users', count: 2 }]);
  const users = await client.api('/users').get();
  assert.equal(users.value.length, 5);
  h.emu.control.injectFaults([{ kind: 'throttle', retryAfterSeconds: null, pathPrefix: '/v1.0/users', count: 1 }]);
  assert.equal((await client.api('/users').get()).value.length, 5);
  h.emu.control.injectFaults([{ kind: 'status', status: 500, pathPrefix: '/v1.0/users', count: 1 }]);
  await assert.rejects(client.api('/users').get(), (e: unknown) => e instanceof GraphError && e.statusCode === 500, '500 is not retried');
});

test('faults with a probability are reproducible with the same seed', async () => {
  const pattern = async (): Promise<number[]> => {
    const run = await startHarness(tinyTenant(), { seed: 7 });
    try {
      run.emu.control.injectFaults([{ kind: 'status', status: 503, pathPrefix: '/v1.0/organization', probability: 0.5 }]);
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) statuses.push((await run.transport(`${run.emu.origin}/v1.0/organization`)).status);
      return statuses;
    } finally { await run.stop(); }
  };
  const a = await pattern();
  const b = await pattern();
  assert.deepEqual(a, b);
  assert.ok(a.includes(503) && a.includes(401), `a mix of injected 503s and real 401s: ${a.join(',')}`);
});

test('an exception inside a handler becomes a 500 Graph error and a log line, and the server keeps serving', async () => {
  const broken = await startHarness(tinyTenant());
  try {
    const snapshot = tinyTenant();
    // In-process loads skip validation: a null user makes the directory look-up throw.
    (snapshot.users as unknown[]).unshift(null);
    broken.emu.control.loadSnapshot(snapshot);
    const res = await broken.transport(`${broken.emu.origin}/${broken.emu.tenantId}/oauth2/v2.0/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'aaaaaaaa-0000-4000-8000-000000000001', username: USERS.mac.upn, password: 'x', scope: 'openid' }).toString(),
    });
    assert.equal(res.status, 500);
    const body = await res.json() as { error: { code: string; innerError: { 'request-id': string } } };
    assert.equal(body.error.code, 'generalException');
    assert.ok(body.error.innerError['request-id']);
    assert.equal(broken.logs.length, 1);
    assert.match(broken.logs[0]!, /unhandled error/);
    assert.equal((await broken.transport(`${broken.emu.origin}/common/discovery/instance`)).status, 200, 'still serving');
  } finally { await broken.stop(); }
});
