import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signInContextFromWhatIfBody } from '../../../electron/core/policy/what-if-body.js';
import { whatIf } from '../../../electron/core/policy/what-if.js';
import { GROUP_NESTED, JAMF_CA_API_APP, USER_ID, directory, grant, policy } from './fixtures.js';

const lookup = (id: string) => (id === USER_ID ? { user: { id: USER_ID, userType: 'member' as const }, groupIds: [GROUP_NESTED], roleTemplateIds: [] } : null);

const body = (over: Record<string, unknown> = {}) => ({
  signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn', userId: USER_ID },
  signInContext: { '@odata.type': '#microsoft.graph.applicationContext', includeApplications: [JAMF_CA_API_APP] },
  signInConditions: { devicePlatform: 'macOS', clientAppType: 'mobileAppsAndDesktopClients', ipAddress: '203.0.113.7', country: 'NO' },
  ...over,
});

describe('signInContextFromWhatIfBody', () => {
  it('builds a context from the documented body and What If evaluates it', () => {
    const r = signInContextFromWhatIfBody(body(), lookup);
    assert.ok(r.ok);
    assert.equal(r.ctx.resourceAppId, JAMF_CA_API_APP);
    assert.equal(r.ctx.platform, 'macOS');
    assert.equal(r.ctx.device, null);
    assert.deepEqual(r.ctx.groupIds, [GROUP_NESTED]);
    const res = whatIf([policy({ users: { includeGroups: [GROUP_NESTED] }, grantControls: grant(['compliantDevice']) })], r.ctx, directory());
    assert.equal(res[0]!.policyApplies, true);
  });

  it('maps user actions, auth contexts, device info and the transfer method', () => {
    const ua = signInContextFromWhatIfBody(body({ signInContext: { '@odata.type': '#microsoft.graph.userActionContext', userAction: 'registerOrJoinDevices' } }), lookup);
    assert.ok(ua.ok);
    assert.equal(ua.ctx.userAction, 'urn:user:registerdevice');
    assert.equal(ua.ctx.resourceAppId, null);
    const acr = signInContextFromWhatIfBody(body({ signInContext: { '@odata.type': '#microsoft.graph.authContext', authenticationContextValue: 'c37' } }), lookup);
    assert.ok(acr.ok);
    assert.deepEqual(acr.ctx.authenticationContexts, ['c37']);
    const dev = signInContextFromWhatIfBody(
      body({ signInConditions: { deviceInfo: { isCompliant: true, trustType: 'AzureAD', ownership: 'Company' }, authenticationFlow: { transferMethod: 'deviceCodeFlow' } } }),
      lookup,
    );
    assert.ok(dev.ok);
    assert.equal(dev.ctx.device?.['deviceOwnership'], 'Company');
    assert.equal(dev.ctx.authenticationFlow, 'deviceCodeFlow');
  });

  it('rejects a malformed body with the offending path, and an unknown user', () => {
    const bad = signInContextFromWhatIfBody(body({ signInContext: { '@odata.type': '#microsoft.graph.applicationContext', includeApplications: [] } }), lookup);
    assert.equal(bad.ok, false);
    assert.match(!bad.ok ? bad.error.message : '', /signInContext/);
    const missing = signInContextFromWhatIfBody(body({ signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn', userId: 'nobody' } }), lookup);
    assert.deepEqual(missing.ok ? null : missing.error.code, 'userNotFound');
    assert.equal(signInContextFromWhatIfBody(null, lookup).ok, false);
  });
});
