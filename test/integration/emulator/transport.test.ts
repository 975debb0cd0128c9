/**
 * net/transport.ts: the emulator's certificate is trusted for exactly its origin and nothing else;
 * bodies stream; headers map; AbortSignal works; a dropped connection mid-body is an error.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTransport } from '../../../electron/core/net/transport.js';
import { emulatorCloud } from '../../../electron/core/net/clouds.js';
import { createMsalNetworkModule } from '../../../electron/core/net/msal-network.js';
import { startHarness, tinyTenant, type Harness } from './helpers.js';

let a: Harness;
let b: Harness;
before(async () => { [a, b] = await Promise.all([startHarness(tinyTenant()), startHarness(tinyTenant())]); });
after(async () => { await Promise.all([a.stop(), b.stop()]); });

test('trust is per origin: a transport trusting emulator A cannot reach emulator B (different cert), global fetch cannot reach either', async () => {
  assert.equal((await a.transport(`${a.emu.origin}/common/discovery/instance`)).status, 200);
  await assert.rejects(a.transport(`${b.emu.origin}/common/discovery/instance`), /fetch failed/);
  await assert.rejects(fetch(`${a.emu.origin}/common/discovery/instance`), /fetch failed/);
  // Same host and cert, but another port is another origin: not trusted.
  const wrongPort = createTransport({ trust: { origin: `https://127.0.0.1:${Number(new URL(a.emu.origin).port) + 1}`, caPem: a.emu.caCertPem } });
  await assert.rejects(wrongPort(`${a.emu.origin}/common/discovery/instance`), /fetch failed/);
});

test('an http origin cannot be trusted', () => {
  assert.throws(() => createTransport({ trust: { origin: 'http://127.0.0.1:1', caPem: 'x' } }), /must be https/);
});

test('responses map status, headers (multi-valued too) and stream the body', async () => {
  const res = await a.transport(`${a.emu.origin}/v1.0/me`, { headers: { 'client-request-id': 'abc-123' } });
  assert.equal(res.status, 401);
  assert.equal(res.headers.get('client-request-id'), 'abc-123');
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  assert.ok(res.body, 'a readable stream body');
  assert.equal(res.url, `${a.emu.origin}/v1.0/me`);
  const json = await res.json() as { error: { code: string } };
  assert.equal(json.error.code, 'InvalidAuthenticationToken');
});

test('204 responses have a null body; POST bodies of several kinds are sent', async () => {
  const form = await a.transport(`${a.emu.origin}/${a.emu.tenantId}/oauth2/v2.0/devicecode`, { method: 'POST', body: new URLSearchParams({ client_id: '0c7e1ab5-6c3e-4c39-9d1e-5a0f1e2d3c4b', scope: 'User.Read' }) });
  assert.equal(form.status, 200);
  assert.ok(((await form.json()) as { user_code: string }).user_code);
  const bytes = await a.transport(`${a.emu.origin}/${a.emu.tenantId}/oauth2/v2.0/devicecode`, { method: 'POST', body: new TextEncoder().encode('client_id=0c7e1ab5-6c3e-4c39-9d1e-5a0f1e2d3c4b&scope=User.Read') });
  assert.equal(bytes.status, 200);
  await bytes.text();
});

test('AbortSignal: aborting before or during the request rejects with the abort reason', async () => {
  const pre = new AbortController();
  pre.abort();
  await assert.rejects(a.transport(`${a.emu.origin}/common/discovery/instance`, { signal: pre.signal }), { name: 'AbortError' });
  a.emu.control.injectFaults([{ kind: 'latency', latencyMs: 2000, pathPrefix: '/common/discovery', count: 1 }]);
  const during = new AbortController();
  const pending = a.transport(`${a.emu.origin}/common/discovery/instance`, { signal: during.signal });
  setTimeout(() => during.abort(), 50);
  await assert.rejects(pending, { name: 'AbortError' });
});

test('the MSAL network module returns lower-case headers and parsed JSON; a non-JSON answer is a clear error', async () => {
  const net = createMsalNetworkModule(a.transport);
  const cloud = emulatorCloud(a.emu.origin, a.emu.tenantId);
  const meta = JSON.parse(cloud.cloudDiscoveryMetadata) as { tenant_discovery_endpoint: string };
  const r = await net.sendGetRequestAsync<{ issuer: string }>(meta.tenant_discovery_endpoint);
  assert.equal(r.status, 200);
  assert.equal(r.body.issuer, `${a.emu.origin}/${a.emu.tenantId}/v2.0`);
  assert.ok(Object.keys(r.headers).every((k) => k === k.toLowerCase()));
  await assert.rejects(net.sendGetRequestAsync(`${a.emu.origin}/devicelogin`), /Failed to parse response/);
});

test('emulatorCloud gives MSAL an https authority, known authority host:port and inline metadata', () => {
  const cloud = emulatorCloud('https://127.0.0.1:8443', 'tid');
  assert.equal(cloud.authority, 'https://127.0.0.1:8443/tid');
  assert.deepEqual(cloud.knownAuthorities, ['127.0.0.1:8443']);
  assert.deepEqual(cloud.graphHosts, ['127.0.0.1']);
  const meta = JSON.parse(cloud.authorityMetadata) as Record<string, string>;
  assert.equal(meta.token_endpoint, 'https://127.0.0.1:8443/tid/oauth2/v2.0/token');
  assert.equal(meta.issuer, 'https://127.0.0.1:8443/tid/v2.0');
  assert.throws(() => emulatorCloud('http://127.0.0.1:1', 't'), /https/);
});
