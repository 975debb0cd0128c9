/**
 * `exempt --profile NAME` on a live (non-demo) tenant profile, in-process through main(): the
 * emulator on HTTPS loopback stands in for the tenant, `profiles add --cloud emulator` + `login`
 * put the operator's sign-in in the profile's encrypted token cache, `sync` fills the cache the
 * diagnosis reads. Dry run changes nothing; --apply --yes changes the tenant (emulator); rollback
 * restores the policy. Harness: the data-path one (demo tenant, full-role operator).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../../electron/cli/main.js';
import { EXIT } from '../../../electron/cli/command.js';
import { JAMF_CONNECT_APP, OPERATOR, cliEnv, startHarness } from '../data-path/harness.js';

const USER = 'mari.johansen@northwind-demo.example';
const CLIENT_ID = '0c7e1ab5-6c3e-4c39-9d1e-5a0f1e2d3c4b';
/** The demo tenant's Jamf "Conditional Access Policy API" app: the exemption's target (profile setting). */
const API_APP = '990f6a7a-be7f-4345-b862-e7cd0abb1842';

function io(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), env }, out: () => out.join(''), err: () => err.join('') };
}

type Policy = { id: string; modifiedDateTime?: unknown; conditions: unknown };

test('exempt --profile NAME: dry run, apply and rollback on an emulator-cloud profile signed in with login', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const env = cliEnv(h);
  const policies = () => (h.emulator.control.state().conditionalAccessPolicies as Policy[]).map((p) => JSON.stringify(p));

  let c = io(env);
  assert.equal(await main(['profiles', 'add', '--name', 'northwind', '--tenant', h.emulator.tenantId, '--cloud', 'emulator',
    '--client-id', CLIENT_ID, '--jamf-client-id', JAMF_CONNECT_APP, '--api-app-id', API_APP,
    '--ropg-scopes', `api://${API_APP}/jamfconnect openid email profile`, '--json'], c.io), EXIT.ok, c.err());
  c = io(env);
  assert.equal(await main(['login', '--profile', 'northwind', '--operator', OPERATOR, '--json'], c.io), EXIT.ok, c.err());
  c = io(env);
  assert.equal(await main(['sync', '--profile', 'northwind', '--user', USER, '--days', '30', '--directory', '--json'], c.io), EXIT.ok, c.err());

  const before = policies();
  const dry = io(env);
  assert.equal(await main(['exempt', '--profile', 'northwind', '--user', USER, '--dry-run', '--json'], dry.io), EXIT.ok, dry.err() + dry.out());
  const planned = JSON.parse(dry.out()) as { plan: { blockers: string[]; tenantId: string; policies: { policyId: string; displayName: string }[]; steps: unknown[] }; whatIf: { lockoutEnds: boolean } };
  assert.deepEqual(planned.plan.blockers, []);
  assert.equal(planned.plan.tenantId, h.emulator.tenantId);
  assert.ok(planned.plan.policies.length > 0 && planned.plan.steps.length > 0, 'a plan with policies and steps');
  assert.equal(planned.whatIf.lockoutEnds, true);
  assert.deepEqual(policies(), before, 'a dry run writes nothing');

  const apply = io(env);
  assert.equal(await main(['exempt', '--profile', 'northwind', '--user', USER, '--apply', '--yes', '--json'], apply.io), EXIT.ok, apply.err() + apply.out());
  const applied = JSON.parse(apply.out()) as { apply: { status: string; operationId: string }; preflight: { ok: boolean } };
  assert.equal(applied.apply.status, 'applied');
  assert.equal(applied.preflight.ok, true);
  const policyIds = planned.plan.policies.map((p) => p.policyId);
  const after = h.emulator.control.state().conditionalAccessPolicies as Policy[];
  for (const id of policyIds) {
    const was = JSON.parse(before.find((p) => JSON.parse(p).id === id)!) as Policy;
    assert.notDeepEqual(after.find((p) => p.id === id)!.conditions, was.conditions, `policy ${id} now holds the exemption`);
  }

  // The audit log is the profile's cache: list it by tenant from the same config dir.
  const list = io(env);
  assert.equal(await main(['exemptions', 'list', '--tenant', h.emulator.tenantId, '--json'], list.io), EXIT.ok, list.err());
  assert.ok((JSON.parse(list.out()) as { operationId: string }[]).some((r) => r.operationId === applied.apply.operationId));

  const back = io(env);
  assert.equal(await main(['exemptions', 'rollback', applied.apply.operationId, '--profile', 'northwind', '--json'], back.io), EXIT.ok, back.err() + back.out());
  assert.equal((JSON.parse(back.out()) as { status: string }).status, 'rolled-back');
  // Restored: every policy's conditions byte for byte; modifiedDateTime is Graph's to bump on PATCH.
  const strip = (s: string) => { const { modifiedDateTime: _m, ...rest } = JSON.parse(s) as Policy; return JSON.stringify(rest); };
  assert.deepEqual(policies().map(strip), before.map(strip));
});

test('exempt --profile NAME without a sign-in refuses and says to run login', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const env = cliEnv(h);
  let c = io(env);
  assert.equal(await main(['profiles', 'add', '--name', 'fresh', '--tenant', h.emulator.tenantId, '--cloud', 'emulator', '--client-id', CLIENT_ID, '--json'], c.io), EXIT.ok, c.err());
  const before = JSON.stringify(h.emulator.control.state().conditionalAccessPolicies);
  c = io(env);
  assert.equal(await main(['exempt', '--profile', 'fresh', '--user', USER, '--apply', '--yes'], c.io), EXIT.refused, c.err() + c.out());
  assert.match(c.err(), /not signed in to profile 'fresh': run lockout-lens login --profile fresh first/);
  assert.equal(JSON.stringify(h.emulator.control.state().conditionalAccessPolicies), before);
});
