/**
 * `lockout-lens diagnose` and `evaluate` end to end: the documented JSON contract (docs/cli.md),
 * text and report output, and exit codes. Runs main() in-process; one test spawns the real entry point.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../../electron/cli/main.js';
import * as f from '../../unit/diagnosis/fixtures.js';

let dir = '';
const file = (name: string) => join(dir, name);

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'lockout-lens-cli-'));
  const fail = [f.applied(f.P_DEVICE, 'Require compliant device', 'failure', ['RequireCompliantDevice'])];
  writeFileSync(file('locked.json'), JSON.stringify(f.tenant({
    policies: [f.devicePolicy()],
    signIns: [f.signIn({ at: f.ago(300), code: 0 }), f.signIn({ at: f.ago(60), code: 53000, policies: fail, id: 'si-fail' })],
  })));
  writeFileSync(file('healthy.json'), JSON.stringify(f.tenant({ policies: [f.mfaPolicy()], signIns: [f.signIn({ at: f.ago(60), code: 0 })] })));
  writeFileSync(file('broken.json'), '{\n  "users": [\n    { "id": }\n  ]\n}\n');
  writeFileSync(file('compliant-device.json'), JSON.stringify({ deviceId: 'dev-1', isCompliant: 'True', trustType: 'AzureAD', operatingSystem: 'MacOS' }));
  writeFileSync(file('bad-device.json'), JSON.stringify([1, 2]));
  const hostile = `\u001b[2J\u001b]0;pwned\u0007Evil \u202Epolicy`;
  writeFileSync(file('hostile.json'), JSON.stringify(f.tenant({
    policies: [{ ...f.devicePolicy(), displayName: hostile }],
    signIns: [f.signIn({ at: f.ago(60), code: 53000, policies: [f.applied(f.P_DEVICE, hostile, 'failure', [])] })],
  })));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env: {} });
  return { code, stdout, stderr };
}

test('diagnose --json: the documented contract, exit 1 when locked out', async () => {
  const r = await cli('diagnose', '--snapshot', file('locked.json'), '--user', f.UPN, '--json');
  assert.equal(r.code, 1, r.stderr);
  const j = JSON.parse(r.stdout);
  for (const key of ['user', 'verdict', 'policies', 'recommendations', 'warnings']) assert.ok(key in j, `top-level key ${key}`);
  assert.equal(j.user.userPrincipalName, f.UPN);
  assert.deepEqual(
    Object.keys(j.verdict).filter((k) => ['lockedOut', 'cause', 'primaryErrorCode', 'since', 'attempts', 'blockingPolicyIds', 'evidence'].includes(k)).sort(),
    ['attempts', 'blockingPolicyIds', 'cause', 'evidence', 'lockedOut', 'primaryErrorCode', 'since'],
  );
  assert.equal(j.verdict.lockedOut, true);
  assert.equal(j.verdict.cause, 'ca-device');
  assert.equal(j.verdict.primaryErrorCode, 53000);
  assert.equal(j.verdict.since, f.ago(60));
  assert.equal(j.verdict.attempts, 1);
  assert.deepEqual(j.verdict.blockingPolicyIds, [f.P_DEVICE]);
  assert.equal(j.verdict.evidence[0].signInId, 'si-fail');
  for (const r2 of j.recommendations) {
    assert.deepEqual(Object.keys(r2).sort(), ['action', 'policyId', 'targetAppId', 'why']);
    assert.equal(typeof r2.why, 'string');
  }
  assert.ok(j.recommendations.some((x: { action: string; policyId: string }) => x.action === 'exemptFromPolicy' && x.policyId === f.P_DEVICE));
  assert.ok(Array.isArray(j.warnings));
  const p = j.policies.find((x: { id: string }) => x.id === f.P_DEVICE);
  assert.equal(p.state, 'enabled');
  assert.equal(p.predicted.result, 'failure');
  assert.ok(p.predicted.conditions.every((c: object) => Object.keys(c).sort().join() === 'condition,matched,reason'));
});

test('diagnose: exit 0 when not locked out; human text without --json', async () => {
  const r = await cli('diagnose', '--snapshot', file('healthy.json'), '--user', f.USER_ID);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^NOT LOCKED OUT — ana@contoso\.example/);
  const locked = await cli('diagnose', '--snapshot', file('locked.json'), '--user', f.UPN);
  assert.equal(locked.code, 1);
  assert.match(locked.stdout, /^LOCKED OUT/);
  assert.match(locked.stdout, /recommendations:/);
});

test('human output shows terminal escapes and bidi overrides from tenant data as visible text', async () => {
  for (const args of [['diagnose', '--snapshot', file('hostile.json'), '--user', f.UPN], ['evaluate', '--snapshot', file('hostile.json'), '--user', f.UPN, '--app', f.JAMF_CLIENT]]) {
    const r = await cli(...args);
    assert.equal(r.code, 1);
    assert.ok(!/[\u001b\u0007\u202E]/.test(r.stdout), `${args[0]}: no raw control characters`);
    assert.match(r.stdout, /\[U\+001B\]\[2J/);
  }
  const json = await cli('diagnose', '--snapshot', file('hostile.json'), '--user', f.UPN, '--json');
  assert.equal(JSON.parse(json.stdout).policies[0].displayName.startsWith('\u001b[2J'), true, 'JSON keeps the data exact (JSON-escaped)');
});

test('diagnose --format md / html print the reports', async () => {
  const md = await cli('diagnose', '--snapshot', file('locked.json'), '--user', f.UPN, '--format', 'md');
  assert.equal(md.code, 1);
  assert.match(md.stdout, /^# Lockout Lens diagnosis — ana@contoso\.example/);
  const html = await cli('diagnose', '--snapshot', file('locked.json'), '--user', f.UPN, '--format', 'html');
  assert.match(html.stdout, /^<!DOCTYPE html>/);
  assert.ok(!html.stdout.includes('<script'));
});

test('diagnose --days / --now move the window', async () => {
  // One hour earlier than the failure, the only check in the window is the earlier success.
  const r = await cli('diagnose', '--snapshot', file('locked.json'), '--user', f.UPN, '--now', f.ago(120), '--json');
  assert.equal(r.code, 0);
  assert.equal(JSON.parse(r.stdout).verdict.cause, 'healthy');
  const none = await cli('diagnose', '--snapshot', file('locked.json'), '--user', f.UPN, '--now', '2027-06-01T00:00:00Z', '--days', '1', '--json');
  assert.equal(none.code, 0);
  assert.equal(JSON.parse(none.stdout).verdict.cause, 'no-sign-ins');
});

test('diagnose usage errors exit 2', async () => {
  const cases = [
    ['--snapshot', file('locked.json')],
    ['--user', f.UPN],
    ['--snapshot', file('locked.json'), '--user', f.UPN, '--days', 'seven'],
    ['--snapshot', file('locked.json'), '--user', f.UPN, '--days', '0'],
    ['--snapshot', file('locked.json'), '--user', f.UPN, '--now', 'soon'],
    ['--snapshot', file('locked.json'), '--user', f.UPN, '--format', 'pdf'],
    ['--snapshot', file('locked.json'), '--user', f.UPN, '--format', 'md', '--json'],
    ['--snapshot', file('locked.json'), '--user', f.UPN, '--bogus'],
    ['--snapshot', file('locked.json'), '--profile', 'p', '--user', f.UPN],
  ];
  for (const args of cases) {
    const r = await cli('diagnose', ...args);
    assert.equal(r.code, 2, `${args.join(' ')} → ${r.stderr}`);
    assert.ok(r.stderr.length > 0);
  }
});

test('diagnose --profile reads the profile\'s cache (filled here by `import`)', async () => {
  const { ProfileStore } = await import('../../../electron/core/profiles/profile-store.js');
  const configDir = join(dir, 'config');
  new ProfileStore(configDir).save({
    name: 'contoso', tenant: '7a1c0000-0000-4000-8000-000000000001', clientId: '7a1c0000-0000-4000-8000-0000000000c1', cloud: 'public',
    jamfConnect: { clientIds: [f.JAMF_CLIENT], apiAppId: f.CUSTOM_API, ropgScopes: ['openid', 'profile', 'email'] },
  });
  const imported = await cli('import', file('locked.json'), '--profile', 'contoso', '--config-dir', configDir);
  assert.equal(imported.code, 0, imported.stderr);
  const r = await cli('diagnose', '--profile', 'contoso', '--config-dir', configDir, '--user', f.UPN, '--now', f.NOW, '--json');
  assert.equal(r.code, 1, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.source.kind, 'cache');
  assert.equal(j.source.name, 'contoso');
  assert.equal(j.verdict.cause, 'ca-device');
  assert.deepEqual(j.verdict.blockingPolicyIds, [f.P_DEVICE]);
  const unknown = await cli('diagnose', '--profile', 'nope', '--config-dir', configDir, '--user', f.UPN);
  assert.equal(unknown.code, 3, unknown.stderr);
  const ghost = await cli('diagnose', '--profile', 'contoso', '--config-dir', configDir, '--user', 'ghost@contoso.example');
  assert.equal(ghost.code, 3);
  assert.match(ghost.stderr, /no user 'ghost@contoso\.example' in the cache/);

  // evaluate on the same cache: the device policy blocks the ROPG check, as the diagnosis said.
  const onCache = await cli('evaluate', '--profile', 'contoso', '--config-dir', configDir, '--user', f.UPN, '--app', f.JAMF_CLIENT, '--json');
  assert.equal(onCache.code, 1, onCache.stderr);
  const e = JSON.parse(onCache.stdout);
  assert.equal(e.outcome.access, 'blocked');
  assert.ok(e.outcome.decidingPolicyIds.includes(f.P_DEVICE), JSON.stringify(e.outcome));
  const notCached = await cli('evaluate', '--profile', 'contoso', '--config-dir', configDir, '--user', 'ghost@contoso.example', '--app', f.JAMF_CLIENT);
  assert.equal(notCached.code, 3);
  assert.match(notCached.stderr, /no user 'ghost@contoso\.example' in the cache of profile 'contoso'/);
});

test('diagnose input errors exit 3 with a clear message', async () => {
  const missing = await cli('diagnose', '--snapshot', file('nope.json'), '--user', f.UPN);
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /cannot read the snapshot file/);
  const broken = await cli('diagnose', '--snapshot', file('broken.json'), '--user', f.UPN);
  assert.equal(broken.code, 3);
  assert.match(broken.stderr, /broken\.json:3:\d+/, 'positioned error');
  const who = await cli('diagnose', '--snapshot', file('locked.json'), '--user', 'nobody@contoso.example');
  assert.equal(who.code, 3);
  assert.match(who.stderr, /no user 'nobody@contoso\.example'/);
  const profile = await cli('evaluate', '--profile', 'no-such-profile', '--config-dir', join(dir, 'empty-config'), '--user', f.UPN, '--app', f.JAMF_CLIENT);
  assert.equal(profile.code, 3, profile.stderr);
  assert.match(profile.stderr, /no-such-profile/);
});

test('evaluate --json: per-policy contract and outcome; exit 1 when blocked', async () => {
  const r = await cli('evaluate', '--snapshot', file('locked.json'), '--user', f.UPN, '--app', f.JAMF_CLIENT, '--json');
  assert.equal(r.code, 1, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.ok(Array.isArray(j.policies) && 'outcome' in j);
  const p = j.policies[0];
  for (const key of ['id', 'displayName', 'state', 'applies', 'result', 'grantControls', 'conditions']) assert.ok(key in p, key);
  assert.equal(p.id, f.P_DEVICE);
  assert.equal(p.applies, true);
  assert.equal(p.result, 'failure');
  assert.deepEqual(p.grantControls, ['compliantDevice']);
  assert.ok(p.conditions.length > 0 && p.conditions.every((c: object) => Object.keys(c).sort().join() === 'condition,matched,reason'));
  assert.equal(j.outcome.access, 'blocked');
  assert.equal(j.outcome.errorCode, 53000);
});

test('evaluate with a compliant registered device is granted (exit 0); MFA-only is exit 0 too', async () => {
  const r = await cli('evaluate', '--snapshot', file('locked.json'), '--user', f.UPN, '--app', f.JAMF_CLIENT, '--device', file('compliant-device.json'), '--json');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).outcome.access, 'granted');
  const mfa = await cli('evaluate', '--snapshot', file('healthy.json'), '--user', f.UPN, '--app', f.JAMF_CLIENT, '--json');
  assert.equal(mfa.code, 0);
  assert.equal(JSON.parse(mfa.stdout).outcome.access, 'interactionRequired');
  const text = await cli('evaluate', '--snapshot', file('healthy.json'), '--user', f.UPN, '--app', f.JAMF_CLIENT);
  assert.match(text.stdout, /outcome: interactionRequired \(AADSTS50076\)/);
});

test('evaluate usage (2) and input (3) errors', async () => {
  const base = ['--snapshot', file('locked.json'), '--user', f.UPN, '--app', f.JAMF_CLIENT];
  for (const extra of [['--ip', '999.1.1.1'], ['--platform', 'beos'], ['--client-app-type', 'fax'], ['--country', 'Norway'], ['--sign-in-risk', 'extreme']]) {
    assert.equal((await cli('evaluate', ...base, ...extra)).code, 2, extra.join(' '));
  }
  assert.equal((await cli('evaluate', '--snapshot', file('locked.json'), '--user', f.UPN)).code, 2, '--app is required');
  assert.equal((await cli('evaluate', ...base, '--device', file('bad-device.json'))).code, 3);
  assert.equal((await cli('evaluate', ...base, '--device', file('absent.json'))).code, 3);
  assert.equal((await cli('evaluate', '--snapshot', file('locked.json'), '--user', 'ghost', '--app', f.JAMF_CLIENT)).code, 3);
});

test('--help exits 0; the dispatcher lists both commands', async () => {
  assert.equal((await cli('diagnose', '--help')).code, 0);
  assert.equal((await cli('evaluate', '--help')).code, 0);
  const help = await cli('help');
  assert.match(help.stdout, /diagnose/);
  assert.match(help.stdout, /evaluate/);
});

test('the real entry point: node --import tsx electron/cli/main.ts diagnose … exits 1 with JSON', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'diagnose', '--snapshot', file('locked.json'), '--user', f.UPN, '--json'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(JSON.parse(r.stdout).verdict.primaryErrorCode, 53000);
});
