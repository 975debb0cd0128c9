/**
 * The CLI end to end, in-process: `exempt --dry-run`, `exempt --apply --yes` (in-process emulator,
 * scripted operator sign-in, incremental consent), `exemptions list`, `exemptions rollback`, `audit --csv`.
 * State passes between commands through --save-state files, the audit log through --db.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../electron/cli/main.js';
import { EXIT } from '../../../electron/cli/command.js';
import { startEmulator } from '../../../electron/core/emulator/index.js';
import { POLICY_ID, ROPG_SCOPE, TENANT_ID, USER_UPN, makeSnapshot } from './snapshot.js';

const ADMIN = 'admin@contoso-test.example';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), env: {} }, out: () => out.join(''), err: () => err.join('') };
}

/** The tenant as a file, just after the user failed a Jamf Connect check (so the diagnosis has evidence). */
async function tenantAfterFailedCheck(dir: string): Promise<string> {
  const emu = await startEmulator({ snapshot: makeSnapshot() });
  try {
    emu.control.simulateJamfConnectLogin({ userPrincipalName: USER_UPN, scopes: ROPG_SCOPE });
    const tenant = join(dir, 'tenant.json');
    writeFileSync(tenant, JSON.stringify(emu.control.state()));
    return tenant;
  } finally {
    await emu.stop();
  }
}

test('exempt / exemptions / audit from the command line', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'll-exempt-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const tenant = await tenantAfterFailedCheck(dir);
  const db = join(dir, 'cache.sqlite');
  const applied = join(dir, 'applied.json');
  const restored = join(dir, 'restored.json');
  const common = ['--snapshot', tenant, '--operator', ADMIN, '--db', db];

  const dry = io();
  assert.equal(await main(['exempt', ...common, '--user', USER_UPN, '--dry-run'], dry.io), EXIT.ok, dry.err());
  assert.match(dry.out(), /will no longer be evaluated by policy "Require compliant device for macOS"/);
  assert.match(dry.out(), /What if .*the lockout ends/);
  assert.match(dry.out(), /Dry run: nothing was changed/);

  const noYes = io();
  assert.equal(await main(['exempt', ...common, '--user', USER_UPN, '--apply'], noYes.io), EXIT.refused);

  const apply = io();
  assert.equal(await main(['exempt', ...common, '--user', USER_UPN, '--apply', '--yes', '--expires', '8h', '--save-state', applied, '--json'], apply.io), EXIT.ok, apply.err());
  const result = JSON.parse(apply.out()) as { apply: { status: string; operationId: string }; preflight: { ok: boolean } };
  assert.equal(result.apply.status, 'applied');
  assert.equal(result.preflight.ok, true);
  const saved = JSON.parse(readFileSync(applied, 'utf8')) as { conditionalAccessPolicies: { id: string; conditions: { applications: { applicationFilter: unknown } } }[] };
  assert.deepEqual(saved.conditionalAccessPolicies.find((p) => p.id === POLICY_ID)!.conditions.applications.applicationFilter, { mode: 'exclude', rule: 'CustomSecurityAttribute.LockoutLens_JamfConnectExempt -eq "Exempt"' });

  const list = io();
  assert.equal(await main(['exemptions', 'list', '--tenant', TENANT_ID, '--db', db], list.io), EXIT.ok);
  assert.match(list.out(), new RegExp(`${result.apply.operationId}\\s+applied.*expires`));

  const rb = io();
  assert.equal(await main(['exemptions', 'rollback', result.apply.operationId.slice(0, 8), '--snapshot', applied, '--operator', ADMIN, '--db', db, '--remove-assignment', '--save-state', restored], rb.io), EXIT.ok, rb.err() + rb.out());
  assert.match(rb.out(), /Rollback rolled-back/);
  const back = JSON.parse(readFileSync(restored, 'utf8')) as { conditionalAccessPolicies: { id: string; conditions: { applications: unknown } }[] };
  assert.deepEqual(back.conditionalAccessPolicies.find((p) => p.id === POLICY_ID)!.conditions.applications, (makeSnapshot().conditionalAccessPolicies[0]!.conditions as Record<string, unknown>).applications);

  const csv = io();
  assert.equal(await main(['audit', '--tenant', TENANT_ID, '--db', db, '--csv'], csv.io), EXIT.ok);
  const lines = csv.out().trimEnd().split('\r\n');
  assert.match(lines[0]!, /^seq,at,actor,tenantId/);
  assert.ok(lines.some((l) => l.includes('exemption.step.update-policy,success')));
  assert.ok(lines.some((l) => l.includes('exemption.rolled-back,success')));

  const usage = io();
  assert.equal(await main(['exempt', '--snapshot', tenant, '--operator', ADMIN], usage.io), EXIT.usage);
  assert.match(usage.err(), /--user UPN is required/);
  const missing = io();
  assert.equal(await main(['exempt', '--snapshot', join(dir, 'nope.json'), '--operator', ADMIN, '--user', USER_UPN], missing.io), EXIT.input);
});

test('exempt --report-only-trial --verify --simulate-login, then exemptions expire --auto reverts it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'll-exempt-cli2-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const tenant = await tenantAfterFailedCheck(dir);
  const db = join(dir, 'cache.sqlite');
  const applied = join(dir, 'applied.json');
  const expired = join(dir, 'expired.json');

  const run = io();
  const code = await main(['exempt', '--snapshot', tenant, '--operator', ADMIN, '--db', db, '--user', USER_UPN, '--apply', '--yes',
    '--report-only-trial', '--verify', '--verify-timeout', '1m', '--simulate-login', '--expires', '1h', '--save-state', applied, '--json'], run.io);
  assert.equal(code, EXIT.ok, run.err());
  const out = JSON.parse(run.out()) as { trial: { status: string; copies: { deleted: boolean }[] }; verification: { status: string } };
  assert.equal(out.trial.status, 'applied');
  assert.ok(out.trial.copies.every((c) => c.deleted));
  assert.equal(out.verification.status, 'verified');

  const notYet = io();
  assert.equal(await main(['exemptions', 'expire', '--tenant', TENANT_ID, '--db', db], notYet.io), EXIT.ok);
  assert.match(notYet.out(), /No expired exemptions/);

  const later = new Date(Date.now() + 2 * 3_600_000).toISOString();
  const list = io();
  assert.equal(await main(['exemptions', 'expire', '--tenant', TENANT_ID, '--db', db, '--now', later], list.io), EXIT.ok);
  assert.match(list.out(), /expire --auto/);
  const auto = io();
  assert.equal(await main(['exemptions', 'expire', '--auto', '--now', later, '--snapshot', applied, '--operator', ADMIN, '--db', db, '--save-state', expired], auto.io), EXIT.ok, auto.err() + auto.out());
  assert.match(auto.out(), /rolled-back/);
  const back = JSON.parse(readFileSync(expired, 'utf8')) as { conditionalAccessPolicies: { id: string; conditions: { applications: unknown } }[] };
  assert.deepEqual(back.conditionalAccessPolicies.find((p) => p.id === POLICY_ID)!.conditions.applications, (makeSnapshot().conditionalAccessPolicies[0]!.conditions as Record<string, unknown>).applications);
});

test('exempt --profile demo --dry-run plans on the built-in demo tenant as its full-role admin', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'll-exempt-cli3-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const r = io();
  assert.equal(await main(['exempt', '--profile', 'demo', '--user', 'mari.johansen@northwind-demo.example', '--dry-run', '--db', join(dir, 'c.sqlite'), '--json'], r.io), EXIT.ok, r.err());
  const out = JSON.parse(r.out()) as { plan: { blockers: string[]; steps: { kind: string }[]; policies: { displayName: string }[] }; whatIf: { lockoutEnds: boolean } };
  assert.deepEqual(out.plan.blockers, []);
  assert.ok(out.plan.policies.some((p) => /CA010/.test(p.displayName)));
  assert.equal(out.whatIf.lockoutEnds, true);
  const other = io();
  assert.equal(await main(['exempt', '--profile', 'contoso', '--user', 'x@y.example'], other.io), EXIT.input);
});
