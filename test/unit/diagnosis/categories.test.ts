/**
 * One check per AADSTS category: the verdict and first recommendation a single failing (or neutral)
 * Jamf Connect answer produces. Expectations from the error-code reference and Jamf's reading of them
 * (graph-facts §6), not from the engine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseFromSnapshot } from '../../../electron/core/diagnosis/from-snapshot.js';
import * as f from './fixtures.js';

const CASES: { code: number; lockedOut: boolean; cause: string; firstAction?: string }[] = [
  { code: 0, lockedOut: false, cause: 'healthy' },
  { code: 50076, lockedOut: false, cause: 'mfa-noise' },
  { code: 53003, lockedOut: true, cause: 'ca-block', firstAction: 'investigate' },
  { code: 50131, lockedOut: true, cause: 'ca-block', firstAction: 'investigate' },
  { code: 53000, lockedOut: true, cause: 'ca-device', firstAction: 'investigate' },
  { code: 53001, lockedOut: true, cause: 'ca-device', firstAction: 'investigate' },
  { code: 50079, lockedOut: true, cause: 'mfa-interaction' },
  { code: 50158, lockedOut: true, cause: 'mfa-interaction' },
  { code: 50126, lockedOut: true, cause: 'credentials', firstAction: 'resetPassword' },
  { code: 50034, lockedOut: true, cause: 'credentials', firstAction: 'checkUserPrincipalName' },
  { code: 50053, lockedOut: true, cause: 'credentials', firstAction: 'unlock' },
  { code: 50055, lockedOut: true, cause: 'credentials', firstAction: 'resetPassword' },
  { code: 50057, lockedOut: true, cause: 'account-state', firstAction: 'enableAccount' },
  { code: 90072, lockedOut: true, cause: 'account-state', firstAction: 'fixAccountLink' },
  { code: 53004, lockedOut: true, cause: 'risk', firstAction: 'remediateRisk' },
  { code: 530032, lockedOut: true, cause: 'tenant-policy', firstAction: 'reviewTenantSecurityPolicy' },
  { code: 530035, lockedOut: true, cause: 'tenant-policy', firstAction: 'moveFromSecurityDefaults' },
  { code: 7000218, lockedOut: true, cause: 'app-config', firstAction: 'enablePublicClientFlows' },
  { code: 700016, lockedOut: true, cause: 'app-config', firstAction: 'fixClientId' },
  { code: 50105, lockedOut: true, cause: 'app-config', firstAction: 'assignUser' },
  { code: 65001, lockedOut: true, cause: 'consent', firstAction: 'grantConsent' },
  // Session answers and interactive interrupts do not decide the password check.
  { code: 50132, lockedOut: false, cause: 'session' },
  { code: 50140, lockedOut: false, cause: 'session' },
  { code: 4242424, lockedOut: true, cause: 'other', firstAction: 'investigate' },
];

for (const c of CASES) {
  test(`AADSTS${c.code} → ${c.lockedOut ? 'locked out' : 'not locked out'}, ${c.cause}`, () => {
    // No policies and no applied-policy entries: the code alone must decide the verdict.
    const d = diagnoseFromSnapshot(f.tenant({ signIns: [f.signIn({ at: f.ago(5), code: c.code })] }), f.UPN, { days: 7 });
    assert.equal(d.verdict.lockedOut, c.lockedOut, d.verdict.summary);
    assert.equal(d.verdict.cause, c.cause);
    assert.equal(d.verdict.primaryErrorCode, c.code);
    if (c.firstAction) assert.equal(d.recommendations[0]?.action, c.firstAction, JSON.stringify(d.recommendations));
  });
}
