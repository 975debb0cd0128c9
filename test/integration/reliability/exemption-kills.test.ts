/**
 * Exemption under kills and faults, across two policies. helper-7's failures.test.ts already injects
 * a fault at every APPLY step in-process; this file adds what it does not cover:
 *  - a real child process SIGKILLed between every pair of steps, and once in the middle of a policy
 *    write (after the PATCH was answered, before the read-back was audited);
 *  - a fault at every ROLLBACK write;
 * and checks, each time: every policy is either untouched or fully changed, the audit log says which,
 * resume from the audit log completes, and rollback restores each policy byte-for-byte.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type RunningEmulator } from '../../../electron/core/emulator/index.js';
import { applyPlan } from '../../../electron/core/exemption/apply.js';
import { loadExemption } from '../../../electron/core/exemption/records.js';
import { rollbackExemption } from '../../../electron/core/exemption/rollback.js';
import { signInToEmulator } from '../../../electron/core/exemption/operator-session.js';
import type { PlanStep } from '../../../electron/core/exemption/types.js';
import { openStore, type Store } from '../../../electron/core/store/index.js';
import { planFor, preflightWithConsent } from '../exemption/harness.js';
import { API_APP_ID, ROPG_SCOPE, USER_UPN } from '../exemption/snapshot.js';
import { figures } from './figures.js';
import { policyBytes, POLICY_IDS, twoPolicySnapshot } from './exemption-snapshot.js';

const fig = figures('exemption-kills');
const ADMIN = 'admin@contoso-test.example';
const CA_INTERVAL_MS = 150;
type Obj = Record<string, unknown>;

const applicationsNow = (emulator: RunningEmulator, id: string) =>
  JSON.stringify((emulator.control.state().conditionalAccessPolicies.find((p) => p.id === id)!.conditions as Obj).applications);

function killChildAt(emulator: RunningEmulator, dbPath: string, park: string): Promise<{ operationId: string; parked: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./exemption-child.ts', import.meta.url))], {
    env: { ...process.env, LL_ENDPOINT: JSON.stringify({ origin: emulator.origin, tenantId: emulator.tenantId, caCertPem: emulator.caCertPem }), LL_DB: dbPath, LL_PARK: park },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let operationId = '';
  child.stderr.on('data', (d) => { err += String(d); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`child never parked at ${park}: ${err.slice(-1500)}`)); }, 90_000);
    child.stdout.on('data', (d) => {
      out += String(d);
      const complete = out.slice(0, out.lastIndexOf('\n') + 1); // only whole lines: a chunk may end mid-line
      for (const line of complete.split('\n')) {
        if (!line.startsWith('{')) continue;
        const msg = JSON.parse(line) as { operationId?: string; parked?: string; finished?: string };
        if (msg.operationId) operationId = msg.operationId;
        if (msg.finished) { clearTimeout(timer); reject(new Error(`child finished (${msg.finished}) before parking at ${park}`)); }
        if (msg.parked && child.exitCode === null) {
          child.kill('SIGKILL');
          child.once('exit', (_c, signal) => { clearTimeout(timer); signal === 'SIGKILL' ? resolve({ operationId, parked: msg.parked! }) : reject(new Error(`child exited with ${signal}`)); });
          return;
        }
      }
    });
    child.on('exit', (code, signal) => { if (signal !== 'SIGKILL') { clearTimeout(timer); reject(new Error(`child exited (${code}) before parking: ${err.slice(-1500)}`)); } });
  });
}

/** Each policy is exactly its recorded before or after state; returns which. */
function policyStates(emulator: RunningEmulator, steps: readonly PlanStep[]): Map<string, 'before' | 'after'> {
  const states = new Map<string, 'before' | 'after'>();
  for (const step of steps.filter((s) => s.kind === 'update-policy')) {
    const now = applicationsNow(emulator, step.objectId);
    // Key order is the service's, so compare as parsed values.
    const nowValue = JSON.parse(now);
    if (isDeepEqual(nowValue, step.before)) states.set(step.objectId, 'before');
    else if (isDeepEqual(nowValue, step.after)) states.set(step.objectId, 'after');
    else assert.fail(`policy ${step.objectName} is half-changed: ${now}`);
  }
  return states;
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  try { assert.deepStrictEqual(a, b); return true; } catch { return false; }
}

async function resumeAndRollBack(emulator: RunningEmulator, store: Store, operationId: string, originals: Map<string, string>, label: string): Promise<void> {
  const record = loadExemption(store.audit, operationId);
  assert.ok(record, `${label}: the plan is in the audit log`);
  const session = await signInToEmulator(emulator, ADMIN, { pacer: { minIntervalMs: CA_INTERVAL_MS + 50, backoffMs: 200 } });
  await preflightWithConsent(session, record.plan);
  const resumed = await applyPlan(record.plan, { graph: session.graph, audit: store.audit, actor: ADMIN, operationId });
  assert.equal(resumed.status, 'applied', `${label}: resume — ${resumed.message}`);
  assert.equal(emulator.control.simulateJamfConnectLogin({ userPrincipalName: USER_UPN, scopes: ROPG_SCOPE }).ok, true, `${label}: the lockout ended`);
  const rb = await rollbackExemption(operationId, { graph: session.graph, audit: store.audit, actor: ADMIN }, { removeAssignment: true });
  assert.equal(rb.status, 'rolled-back', `${label}: ${rb.messages.join(' ')}`);
  for (const id of POLICY_IDS) assert.equal(policyBytes(emulator.control.state(), id), originals.get(id), `${label}: policy ${id} restored byte-for-byte`);
}

test('SIGKILL between every pair of apply steps, and mid-write: no half-changed policy, the audit log says which, resume completes, rollback restores byte-for-byte', async (t) => {
  const emulator = await startEmulator({ snapshot: twoPolicySnapshot(), seed: 11, throttle: { conditionalAccessIntervalMs: CA_INTERVAL_MS }, log: () => {} });
  const dir = mkdtempSync(join(tmpdir(), 'll-rel-exempt-'));
  t.after(async () => { await emulator.stop(); rmSync(dir, { recursive: true, force: true }); });
  // Learn the number of writes from a plan made by the parent (the child makes the same plan).
  const probe = await signInToEmulator(emulator, ADMIN, { pacer: { minIntervalMs: CA_INTERVAL_MS + 50, backoffMs: 200 } });
  const steps = (await planFor(probe, API_APP_ID, [...POLICY_IDS])).steps;
  assert.equal(steps.filter((s) => s.kind === 'update-policy').length, 2, 'the plan changes both policies');
  const firstPolicyWrite = steps.findIndex((s) => s.kind === 'update-policy') + 1;
  const secondPolicyWrite = steps.findLastIndex((s) => s.kind === 'update-policy') + 1;
  // CI: the boundaries that matter most — attributes done/no policy yet, one policy done/one not,
  // and mid-write. LL_RELIABILITY_FULL=1 (the soak) kills between EVERY pair of steps.
  const everyBoundary = [...steps.keys()].slice(1).map((i) => `before:${i + 1}`);
  const parks = process.env.LL_RELIABILITY_FULL === '1'
    ? [...everyBoundary, `after:${firstPolicyWrite}`, `after:${secondPolicyWrite}`]
    : [`before:${firstPolicyWrite}`, `before:${secondPolicyWrite}`, `after:${firstPolicyWrite}`];

  for (const park of parks) {
    emulator.control.loadSnapshot(twoPolicySnapshot());
    const originals = new Map(POLICY_IDS.map((id) => [id, policyBytes(emulator.control.state(), id)]));
    const dbPath = join(dir, `${park.replace(':', '-')}.sqlite`);
    const { operationId } = await killChildAt(emulator, dbPath, park);
    fig.add('kills.exemption');
    const store = openStore(dbPath);
    try {
      assert.equal(store.db.pragma('integrity_check', { simple: true }), 'ok', park);
      const record = loadExemption(store.audit, operationId);
      assert.ok(record, `${park}: the audit log holds the plan`);
      assert.equal(record.status, 'incomplete', park);
      const states = policyStates(emulator, record.plan.steps);
      const [when, n] = park.split(':');
      const writesDone = when === 'before' ? Number(n) - 1 : Number(n);
      for (const [i, step] of record.plan.steps.entries()) {
        const audited = record.doneStepIds.includes(step.id);
        if (when === 'before') {
          // Killed between steps: exactly the steps before the park point are done — and audited as done.
          assert.equal(audited, i < writesDone, `${park}: step ${i + 1} (${step.kind}) audited done = ${audited}`);
        } else {
          // Killed after the write answered but before its outcome was audited: the audit log shows
          // an attempt without an outcome for that step ("in doubt"), and done for the ones before.
          assert.equal(audited, i < writesDone - 1, `${park}: step ${i + 1} (${step.kind}) audited done = ${audited}`);
        }
        if (step.kind === 'update-policy') {
          assert.equal(states.get(step.objectId), i < writesDone ? 'after' : 'before', `${park}: policy ${step.objectName}`);
        }
      }
      if (when === 'after') {
        const inDoubt = record.plan.steps[writesDone - 1]!;
        const entries = store.audit.byOperation(operationId).filter((e) => (e.detail as { stepId?: string } | undefined)?.stepId === inDoubt.id);
        assert.deepEqual(entries.map((e) => e.outcome), ['attempt'], `${park}: the in-doubt step has an attempt and no outcome`);
      }
      await resumeAndRollBack(emulator, store, operationId, originals, park);
      fig.add('resumes.exemption');
      fig.add('rollbacks.exemption.byteForByte');
    } finally { store.close(); }
  }
  fig.note('exemption.killPoints', parks);
});

test('a fault at every rollback write: each policy is restored or still exempted, never half; the audit log says which; re-running the rollback restores byte-for-byte', async (t) => {
  const emulator = await startEmulator({ snapshot: twoPolicySnapshot(), seed: 12, throttle: { conditionalAccessIntervalMs: CA_INTERVAL_MS }, log: () => {} });
  const dir = mkdtempSync(join(tmpdir(), 'll-rel-rollback-'));
  const store = openStore(join(dir, 'cache.sqlite'));
  t.after(async () => { store.close(); await emulator.stop(); rmSync(dir, { recursive: true, force: true }); });
  const session = await signInToEmulator(emulator, ADMIN, { pacer: { minIntervalMs: CA_INTERVAL_MS + 50, backoffMs: 200 } });
  // Rollback writes, in the order rollback sends them: policies last-applied first, then the assignment.
  const plan0 = await planFor(session, API_APP_ID, [...POLICY_IDS]);
  const rollbackWrites = [...plan0.steps.filter((s) => s.kind === 'update-policy').reverse(), plan0.steps.find((s) => s.kind === 'assign-attribute')!];
  for (const [i, target] of rollbackWrites.entries()) {
    emulator.control.loadSnapshot(twoPolicySnapshot());
    const originals = new Map(POLICY_IDS.map((id) => [id, policyBytes(emulator.control.state(), id)]));
    const plan = await planFor(session, API_APP_ID, [...POLICY_IDS]);
    await preflightWithConsent(session, plan);
    const applied = await applyPlan(plan, { graph: session.graph, audit: store.audit, actor: ADMIN });
    assert.equal(applied.status, 'applied', applied.message);
    emulator.control.injectFaults([{ kind: 'status', status: 503, method: 'PATCH', pathPrefix: `/v1.0${target.request.path}`, count: 1 }]);
    const failed = await rollbackExemption(applied.operationId, { graph: session.graph, audit: store.audit, actor: ADMIN }, { removeAssignment: true });
    fig.add('faults.rollback.injected');
    assert.equal(failed.status, 'failed', `fault at rollback write ${i + 1} (${target.kind})`);
    emulator.control.clearFaults();
    const states = policyStates(emulator, plan.steps);
    const entries = store.audit.byOperation(applied.operationId).filter((e) => e.action.startsWith('exemption.rollback'));
    for (const step of plan.steps.filter((s) => s.kind === 'update-policy')) {
      const outcomes = entries.filter((e) => e.objectId === step.objectId).map((e) => e.outcome);
      // The audit log's last word on each policy matches the tenant.
      const restored = outcomes.includes('success');
      assert.equal(states.get(step.objectId), restored ? 'before' : 'after', `rollback fault ${i + 1}: ${step.objectName} audit ${outcomes.join(',')}`);
      if (step.id === target.id) assert.deepEqual(outcomes, ['attempt', 'failed']);
    }
    const again = await rollbackExemption(applied.operationId, { graph: session.graph, audit: store.audit, actor: ADMIN }, { removeAssignment: true });
    assert.equal(again.status, 'rolled-back', again.messages.join(' '));
    for (const id of POLICY_IDS) assert.equal(policyBytes(emulator.control.state(), id), originals.get(id), `after rollback fault ${i + 1}: ${id} byte-for-byte`);
    const sp = emulator.control.state().servicePrincipals.find((s) => s.appId === API_APP_ID)!;
    const attr = JSON.stringify(sp.customSecurityAttributes ?? null);
    assert.ok(!attr.includes(plan.attribute.value) || attr === 'null', `the assignment is gone after the re-run: ${attr}`);
    fig.add('resumes.rollback');
  }
});
