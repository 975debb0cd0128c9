/** How attempts are grouped and the failing streak is measured (docs/diagnosis.md "Attempts", "Verdict"). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../../electron/core/diagnosis/diagnose.js';
import { snapshotDiagnosisInput } from '../../../electron/core/diagnosis/from-snapshot.js';
import * as f from './fixtures.js';

const fail = () => [f.applied(f.P_DEVICE, 'Require compliant device', 'failure', ['RequireCompliantDevice'])];
function run(signIns: ReturnType<typeof f.signIn>[], extra: Partial<Parameters<typeof diagnose>[0]> = {}) {
  const input = snapshotDiagnosisInput(f.tenant({ policies: [f.devicePolicy()], signIns }), f.UPN, { days: 7 });
  return diagnose({ ...input, ...extra });
}

test('a 50076 answer proves the password and ends the previous streak', () => {
  const d = run([
    f.signIn({ at: f.ago(300), code: 53000, policies: fail() }),
    f.signIn({ at: f.ago(200), code: 50076 }),
    f.signIn({ at: f.ago(100), code: 53000, policies: fail() }),
  ]);
  assert.equal(d.verdict.lockedOut, true);
  assert.equal(d.verdict.since, f.ago(100));
  assert.equal(d.verdict.attempts, 1);
});

test('a success after failures means not locked out', () => {
  const d = run([f.signIn({ at: f.ago(300), code: 53000, policies: fail() }), f.signIn({ at: f.ago(100), code: 0 })]);
  assert.equal(d.verdict.lockedOut, false);
  assert.equal(d.verdict.cause, 'healthy');
});

test('interactive interrupts (50140) neither prove the password nor break the streak', () => {
  const d = run([
    f.signIn({ at: f.ago(300), code: 53000, policies: fail() }),
    f.signIn({ at: f.ago(200), code: 50140 }),
    f.signIn({ at: f.ago(100), code: 53000, policies: fail() }),
  ]);
  assert.equal(d.verdict.since, f.ago(300));
  assert.equal(d.verdict.attempts, 2);
});

test('rows of one correlation id are one attempt; duplicate row ids count once', () => {
  const a = f.signIn({ at: f.ago(100), code: 53000, policies: fail(), correlationId: 'corr-A', id: 'row-1' });
  const b = f.signIn({ at: f.ago(100), code: 53000, policies: fail(), correlationId: 'corr-A', id: 'row-2' });
  const d = run([a, b, { ...a }, f.signIn({ at: f.ago(50), code: 53000, policies: fail(), correlationId: 'corr-B' })]);
  assert.equal(d.attempts.length, 2);
  assert.equal(d.verdict.attempts, 2);
  assert.deepEqual([...d.attempts[1]!.signInIds].sort(), ['row-1', 'row-2']);
});

test('a duplicate success row in the same correlation cannot hide the block', () => {
  const d = run([
    f.signIn({ at: f.ago(100), code: 0, correlationId: 'corr-X' }),
    f.signIn({ at: f.ago(100), code: 53000, policies: fail(), correlationId: 'corr-X' }),
  ]);
  assert.equal(d.verdict.lockedOut, true);
});

test('other users, other apps and rows outside the window are ignored; UPN match is case-insensitive', () => {
  const d = run([
    f.signIn({ at: f.ago(10), code: 53000, userId: 'someone-else', policies: fail() }),
    { ...f.signIn({ at: f.ago(20), code: 53000, policies: fail() }), userId: '', userPrincipalName: f.UPN.toUpperCase() },
    f.signIn({ at: f.ago(60 * 24 * 8), code: 53000, policies: fail() }),
    f.signIn({ at: f.ago(5), code: 53000, appId: 'not-jamf' }),
  ]);
  assert.equal(d.attempts.length, 1);
  assert.equal(d.attempts[0]!.createdDateTime, f.ago(20));
});

test('ROPGSuccessCodes: a code listed there counts as password-correct', () => {
  const rows = [f.signIn({ at: f.ago(10), code: 50079 })];
  assert.equal(run(rows).verdict.lockedOut, true, '50079 fails the check by default');
  const input = snapshotDiagnosisInput(f.tenant({ signIns: rows }), f.UPN, { days: 7 });
  const d = diagnose({ ...input, config: { ...input.config, ropgSuccessCodes: [50079] } });
  assert.equal(d.verdict.lockedOut, false);
});

test('an unknown code is a possible lockout (cause other) with the lookup link in a warning', () => {
  const d = run([f.signIn({ at: f.ago(10), code: 9999999 })]);
  assert.equal(d.verdict.lockedOut, true);
  assert.equal(d.verdict.cause, 'other');
  assert.ok(d.warnings.some((w) => w.code === 'unknown-code' && w.message.includes('https://login.microsoftonline.com/error?code=9999999')));
  assert.equal(d.recommendations[0]!.action, 'investigate');
});

test('thousands of sign-ins: only the user\'s Jamf rows count, newest first', () => {
  const rows = [];
  for (let i = 0; i < 3000; i++) rows.push(f.signIn({ at: f.ago(5000 - i), code: i % 2 ? 53000 : 50126, userId: i % 3 ? 'other-user' : f.USER_ID, policies: fail() }));
  const d = run(rows);
  assert.equal(d.attempts.length, 1000);
  assert.ok(Date.parse(d.attempts[0]!.createdDateTime) > Date.parse(d.attempts[999]!.createdDateTime));
  assert.ok(d.verdict.evidence.length <= 20, 'evidence is capped; the count is in attempts');
  assert.equal(d.verdict.attempts, 1000);
});

test('bad input is refused with a clear error, never a crash later', () => {
  const input = snapshotDiagnosisInput(f.tenant(), f.UPN, { days: 7 });
  assert.throws(() => diagnose({ ...input, now: 'yesterday' }), /'now' is not a date-time/);
  assert.throws(() => diagnose({ ...input, days: 0 }), /'days' must be a positive number/);
  assert.throws(() => diagnose({ ...input, user: {} }), /no id/);
  // Garbage rows are skipped, not fatal.
  const d = diagnose({ ...input, signIns: [null, 42, 'x', { appId: f.JAMF_CLIENT }, { ...f.signIn({ at: f.ago(5), code: 0 }), status: 'weird', appliedConditionalAccessPolicies: 'no' }] });
  assert.equal(d.attempts.length, 1);
  assert.equal(d.attempts[0]!.errorCode, 0);
});

test('non-interactive Jamf Connect sign-ins count like interactive ones', () => {
  const row = { ...f.signIn({ at: f.ago(10), code: 53000, policies: fail() }), isInteractive: false, signInEventTypes: ['nonInteractiveUser'] };
  const d = run([f.signIn({ at: f.ago(100), code: 0 }), row]);
  assert.equal(d.verdict.lockedOut, true);
  assert.equal(d.attempts[0]!.isInteractive, false);
});
