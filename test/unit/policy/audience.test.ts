import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../../electron/core/policy/evaluate.js';
import { profileScopes } from '../../../electron/core/policy/scopes.js';
import { EXEMPT_FILTER, GRAPH, JAMF_CA_API_APP, JAMF_CONNECT_APP, WAAD, cond, directory, evalOne, grant, policy, ropgBaselineContext, ropgContext, sp } from './fixtures.js';

// entra concept-enforcement-resource-exclusions.md (2026-05-27) and concept-conditional-access-cloud-apps.md.
const mfaAllExceptTagged = () => policy({ displayName: 'MFA all resources, Jamf exempt', applications: { applicationFilter: EXEMPT_FILTER } });

describe('baseline scopes', () => {
  it('recognises only-baseline requests case-insensitively, with directory prefixes stripped', () => {
    assert.equal(profileScopes(['openid', 'profile', 'email']).onlyBaseline, true);
    assert.equal(profileScopes(['OpenID', 'https://graph.microsoft.com/User.Read', 'offline_access']).onlyBaseline, true);
    assert.equal(profileScopes(['openid profile email']).onlyBaseline, true);
    assert.equal(profileScopes([`api://${JAMF_CA_API_APP}/jamfconnect`, 'openid']).onlyBaseline, false);
    assert.equal(profileScopes(['api://other/User.Read']).onlyBaseline, false);
    assert.equal(profileScopes(['https://graph.microsoft.com/.default']).onlyBaseline, false);
    assert.equal(profileScopes([]).onlyBaseline, false);
  });
});

describe('2026 baseline-scope rule (enforcement enabled, the default)', () => {
  it('ROPG with openid/profile/email is evaluated against WAAD, so the filter on the client SP no longer exempts it', () => {
    // The Jamf Connect client SP is tagged too; under the old model that was the fix.
    const r = evaluate([mfaAllExceptTagged()], ropgBaselineContext(), directory());
    assert.deepEqual(r.audiences, [WAAD]);
    const ev = r.policies[0]!;
    assert.equal(ev.audience, WAAD);
    assert.equal(ev.applies, true);
    assert.equal(ev.result, 'failure');
    assert.match(cond(ev, 'application').reason, /baseline scopes only/);
    assert.equal(r.outcome.access, 'interactionRequired');
    assert.equal(r.outcome.errorCode, 50076);
  });

  it('an excludeApplications entry for the client does not exempt it either', () => {
    const p = policy({ applications: { includeApplications: ['All'], excludeApplications: [JAMF_CONNECT_APP] }, grantControls: grant(['compliantDevice']) });
    const r = evaluate([p], ropgBaselineContext(), directory());
    assert.equal(r.policies[0]!.result, 'failure');
    assert.equal(r.outcome.errorCode, 53000);
  });

  it('the custom API scope (api://<id>/jamfconnect) keeps the resource as audience, and the tag on it exempts', () => {
    const r = evaluate([mfaAllExceptTagged()], ropgContext(), directory());
    assert.deepEqual(r.audiences, [JAMF_CA_API_APP]);
    assert.equal(r.policies[0]!.result, 'notApplied');
    assert.equal(r.outcome.access, 'granted');
  });

  it('a policy targeting WAAD explicitly applies to baseline-only sign-ins', () => {
    const p = policy({ applications: { includeApplications: [WAAD] } });
    assert.equal(evalOne(p, ropgBaselineContext()).applies, true);
  });

  it('tagging WAAD itself is not possible in practice, but an exclusion of WAAD would exempt', () => {
    const p = policy({ applications: { includeApplications: ['All'], excludeApplications: [WAAD] } });
    assert.equal(evalOne(p, ropgBaselineContext()).applies, false);
  });

  it('the tenant placeholder app ("Customize behavior") becomes the audience, so excluding it keeps legacy behaviour', () => {
    const PLACEHOLDER = '88888888-8888-8888-8888-888888888888';
    const dir = directory({ baselineScopePlaceholderAppId: PLACEHOLDER });
    const p = policy({ applications: { includeApplications: ['All'], excludeApplications: [PLACEHOLDER] } });
    const r = evaluate([p], ropgBaselineContext(), dir);
    assert.deepEqual(r.audiences, [PLACEHOLDER]);
    assert.equal(r.policies[0]!.applies, false);
  });
});

describe('baseline-scope rule with enforcement disabled (legacy behaviour)', () => {
  const dir = directory({ baselineScopeEnforcement: 'disabled' });

  it('an All-resources policy with a resource exclusion skips the baseline-only ROPG check', () => {
    const r = evaluate([mfaAllExceptTagged()], ropgBaselineContext(), dir);
    assert.deepEqual(r.audiences, [GRAPH]);
    const ev = r.policies[0]!;
    assert.equal(ev.result, 'notApplied');
    assert.match(cond(ev, 'application').reason, /legacy/);
  });

  it('an All-resources policy WITHOUT exclusions still applies', () => {
    assert.equal(evalOne(policy({}), ropgBaselineContext(), dir).applies, true);
  });

  it('public clients asking User.Read.All were never exempt', () => {
    const ctx = ropgBaselineContext({ scopes: ['openid', 'User.Read.All'] });
    assert.equal(evalOne(mfaAllExceptTagged(), ctx, dir).applies, true);
  });
});

describe('confidential clients', () => {
  it('a confidential client asking only OIDC scopes keeps the legacy exemption when it is excluded ("no change is expected")', () => {
    const CONF = '99999999-0000-0000-0000-000000000009';
    const dir = directory({ servicePrincipalsByAppId: new Map([[CONF, sp(CONF, 'Web app', null)]]) });
    const ctx = ropgBaselineContext({ clientAppId: CONF, clientIsConfidential: true, scopes: ['openid', 'profile'] });
    const excluded = policy({ applications: { includeApplications: ['All'], excludeApplications: [CONF] } });
    assert.equal(evalOne(excluded, ctx, dir).applies, false);
    // Not excluded: the ID-token request makes the client itself an audience.
    const notExcluded = policy({ applications: { includeApplications: [CONF] } });
    assert.equal(evalOne(notExcluded, ctx, dir).applies, true);
  });

  it('a confidential client excluded from the policy asking User.Read + People.Read is now enforced against WAAD', () => {
    const CONF = '99999999-0000-0000-0000-000000000009';
    const ctx = ropgBaselineContext({ clientAppId: CONF, clientIsConfidential: true, scopes: ['User.Read', 'People.Read'] });
    const p = policy({ applications: { includeApplications: ['All'], excludeApplications: [CONF] } });
    const ev = evalOne(p, ctx);
    assert.equal(ev.applies, true);
    assert.equal(ev.audience, WAAD);
  });
});
