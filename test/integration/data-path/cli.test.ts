import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../electron/cli/main.js';
import { EXIT } from '../../../electron/cli/command.js';
import { parseSnapshot } from '../../../electron/core/snapshot/load.js';
import { readFileSync } from 'node:fs';
import { JAMF_CONNECT_APP, OPERATOR, cliEnv, startHarness } from './harness.js';

function io(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), env }, out, err };
}

const FIX = new URL('../../fixtures/imports/', import.meta.url).pathname;

test('CLI: profiles, sync (user, directory, tenant), export, import and status with --json', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const env = cliEnv(h);

  // An emulator-cloud profile with the demo tenant's Jamf Connect app.
  let c = io(env);
  assert.equal(await main(['profiles', 'add', '--name', 'northwind', '--tenant', h.emulator.tenantId, '--cloud', 'emulator',
    '--client-id', '0c7e1ab5-6c3e-4c39-9d1e-5a0f1e2d3c4b', '--jamf-client-id', JAMF_CONNECT_APP, '--json'], c.io), EXIT.ok, c.err.join(''));
  c = io(env);
  assert.equal(await main(['login', '--profile', 'northwind', '--operator', OPERATOR, '--json'], c.io), EXIT.ok, c.err.join(''));
  assert.equal(JSON.parse(c.out.join('')).value.account.username, OPERATOR);

  c = io(env);
  assert.equal(await main(['sync', '--profile', 'northwind', '--user', 'sofie.lunde@northwind-demo.example', '--days', '30', '--directory', '--json'], c.io), EXIT.ok, c.err.join(''));
  const synced = JSON.parse(c.out.join('')).value;
  assert.ok(synced.user.signIns.fetched > 0);
  assert.equal(synced.directory.policies.ok, true);

  c = io(env);
  assert.equal(await main(['sync', '--profile', 'northwind', '--tenant', '--days', '30', '--window-hours', '120'], c.io), EXIT.ok, c.err.join(''));
  assert.match(c.out.join(''), /^completed: \d+ sign-ins stored over 6 windows/m);
  assert.match(c.err.join(''), /^progress: 6\/6 windows/m, 'plain progress lines when not on a terminal');

  const caseFile = join(h.configDir, 'case.json');
  c = io(env);
  assert.equal(await main(['export', '--profile', 'northwind', '--user', 'sofie.lunde@northwind-demo.example', '--out', caseFile, '--json'], c.io), EXIT.ok, c.err.join(''));
  const parsed = parseSnapshot(readFileSync(caseFile, 'utf8'));
  assert.ok(parsed.ok && parsed.snapshot.signIns.length > 0 && parsed.snapshot.users.length === 1);

  c = io(env);
  assert.equal(await main(['import', '--profile', 'northwind', join(FIX, 'jamf-connect-login.mobileconfig'), '--json'], c.io), EXIT.ok, c.err.join(''));
  c = io(env);
  assert.equal(await main(['profiles', 'show', 'northwind', '--json'], c.io), EXIT.ok);
  const profile = JSON.parse(c.out.join('')).value;
  assert.deepEqual(profile.jamfConnect.clientIds, [JAMF_CONNECT_APP, '7d3f8a2b-9c4e-4f1a-8b6d-2e5c7a9f0b13']);
  assert.equal(profile.jamfConnect.apiAppId, '9e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b');

  c = io(env);
  assert.equal(await main(['import', join(FIX, 'malformed-syntax.json'), '--profile', 'northwind', '--json'], c.io), EXIT.input);
  assert.equal(JSON.parse(c.out.join('')).error.code, 'invalid_input');

  c = io(env);
  assert.equal(await main(['status', '--profile', 'northwind', '--json'], c.io), EXIT.ok, c.err.join(''));
  const status = JSON.parse(c.out.join('')).value.profiles[0];
  assert.equal(status.signedIn, true);
  assert.match(status.tokenStorage, /AES-256-GCM/);
  assert.ok(status.cache.signIns > 0);
  assert.ok(status.cache.freshness.some((f: { resource: string }) => f.resource === 'policies'));

  // The demo profile with the endpoint as 'lockout-lens emulator' prints it (origin, tenant id, CA file).
  const caFile = join(h.configDir, 'emulator-ca.pem');
  writeFileSync(caFile, h.emulator.caCertPem);
  c = io({ ...env, LOCKOUT_LENS_EMULATOR: '' });
  assert.equal(await main(['login', '--emulator-origin', h.emulator.origin, '--emulator-tenant', h.emulator.tenantId, '--emulator-ca', caFile,
    '--operator', 'hedda.larsen@northwind-demo.example', '--json'], c.io), EXIT.ok, c.err.join(''));
  assert.equal(JSON.parse(c.out.join('')).value.profile, 'demo');

  c = io(env);
  assert.equal(await main(['logout', '--profile', 'northwind'], c.io), EXIT.ok, c.err.join(''));
  c = io(env);
  assert.equal(await main(['sync', '--profile', 'northwind', '--user', 'x@northwind-demo.example'], c.io), EXIT.remote);
  assert.match(c.err.join(''), /lockout-lens login/);
});
