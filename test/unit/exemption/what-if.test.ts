import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planExemption } from '../../../electron/core/exemption/plan.js';
import type { EvaluationDirectory, SignInContext } from '../../../electron/core/policy/types.js';
import { JAMF_APP_ID, JAMF_SP_ID, noAttributes, policy } from './fixtures.js';

const API_APP_ID = '22222222-3333-4444-8555-666666666666';
const API_SP_ID = '33333333-4444-4555-8666-777777777777';
const USER = { id: 'u1', userPrincipalName: 'mac@contoso.com', userType: 'member' as const };

function ctx(resourceAppId: string, scopes: string[]): SignInContext {
  return {
    user: USER, groupIds: [], roleTemplateIds: [], clientAppId: JAMF_APP_ID, resourceAppId, scopes,
    clientAppType: 'mobileAppsAndDesktopClients', platform: 'macOS', ipAddress: '203.0.113.5', country: 'NO', device: null,
    signInRisk: 'none', userRisk: 'none',
    capabilities: { interactive: false, mfaSatisfied: false, approvedClientApp: false, compliantClientApp: false },
  };
}

const directory: EvaluationDirectory = {
  servicePrincipalsByAppId: new Map([
    [JAMF_APP_ID, { appId: JAMF_APP_ID, id: JAMF_SP_ID, displayName: 'Jamf Connect', customSecurityAttributes: null }],
    [API_APP_ID, { appId: API_APP_ID, id: API_SP_ID, displayName: 'Jamf Connect API', customSecurityAttributes: null }],
  ]),
  namedLocations: new Map(),
  baselineScopeEnforcement: 'enabled',
};

const compliantMac = policy('p1', {});

test('tagging the custom API app (the sign-in resource) ends a compliant-device lockout', () => {
  const plan = planExemption({
    tenantId: 't', policies: [compliantMac], policyIds: ['p1'], existing: noAttributes,
    target: { id: API_SP_ID, appId: API_APP_ID, displayName: 'Jamf Connect API', customSecurityAttributes: null },
    whatIf: { signIn: ctx(API_APP_ID, [`api://${API_APP_ID}/jamfconnect`, 'openid', 'email', 'profile']), directory },
  });
  assert.ok(plan.whatIf, 'what-if computed');
  assert.equal(plan.whatIf.before.access, 'blocked');
  assert.equal(plan.whatIf.lockoutEnds, true, plan.whatIf.explanation);
  assert.equal(plan.whatIf.policyResults.p1, 'notApplied');
});

test('baseline-scope sign-in: excluding the client app does not end the lockout (evaluated against Windows Azure AD)', () => {
  const plan = planExemption({
    tenantId: 't', policies: [compliantMac], policyIds: ['p1'], existing: noAttributes, strategy: 'exclude-app',
    target: { id: JAMF_SP_ID, appId: JAMF_APP_ID, displayName: 'Jamf Connect', customSecurityAttributes: null },
    whatIf: { signIn: ctx('00000003-0000-0000-c000-000000000000', ['openid', 'profile', 'email']), directory },
  });
  assert.ok(plan.whatIf);
  assert.equal(plan.whatIf.before.access, 'blocked');
  assert.equal(plan.whatIf.lockoutEnds, false, plan.whatIf.explanation);
  assert.match(plan.whatIf.explanation, /still blocked/);
});
