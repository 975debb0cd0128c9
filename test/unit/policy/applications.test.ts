import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AZURE_PORTAL,
  EXCHANGE,
  EXEMPT_FILTER,
  JAMF_CA_API_APP,
  JAMF_CONNECT_APP,
  cond,
  directory,
  evalOne,
  policy,
  ropgContext,
  rules,
  sp,
} from './fixtures.js';

describe('target resources condition', () => {
  it('All resources includes the ROPG check (audience = the custom API resource)', () => {
    const ev = evalOne(policy({}));
    const t = cond(ev, 'application');
    assert.equal(t.matched, true);
    assert.deepEqual(rules(t, 'include'), ['allApps']);
    assert.equal(ev.audience, JAMF_CA_API_APP);
  });

  it('a listed resource app id is included; another resource is not', () => {
    assert.deepEqual(rules(cond(evalOne(policy({ applications: { includeApplications: [JAMF_CA_API_APP] } })), 'application'), 'include'), ['appId']);
    assert.equal(cond(evalOne(policy({ applications: { includeApplications: [EXCHANGE] } })), 'application').matched, false);
  });

  it('CA targets the resource, not a public client: including or excluding the client app id has no effect', () => {
    assert.equal(cond(evalOne(policy({ applications: { includeApplications: [JAMF_CONNECT_APP] } })), 'application').matched, false);
    assert.equal(cond(evalOne(policy({ applications: { includeApplications: ['All'], excludeApplications: [JAMF_CONNECT_APP] } })), 'application').matched, true);
  });

  it('a confidential client requesting an ID token is an audience too', () => {
    const ctx = ropgContext({ clientIsConfidential: true });
    const t = cond(evalOne(policy({ applications: { includeApplications: [JAMF_CONNECT_APP] } }), ctx), 'application');
    assert.equal(t.matched, true);
  });

  it('excluding the resource app id wins over All', () => {
    const t = cond(evalOne(policy({ applications: { includeApplications: ['All'], excludeApplications: [JAMF_CA_API_APP] } })), 'application');
    assert.equal(t.matched, false);
    assert.deepEqual(rules(t, 'exclude'), ['appId']);
  });

  it('Office365 and MicrosoftAdminPortals app groups', () => {
    const exo = ropgContext({ resourceAppId: EXCHANGE, scopes: ['https://outlook.office365.com/Mail.Read'] });
    assert.deepEqual(rules(cond(evalOne(policy({ applications: { includeApplications: ['Office365'] } }), exo), 'application'), 'include'), ['office365']);
    assert.equal(cond(evalOne(policy({ applications: { includeApplications: ['All'], excludeApplications: ['Office365'] } }), exo), 'application').matched, false);
    assert.equal(cond(evalOne(policy({ applications: { includeApplications: ['Office365'] } })), 'application').matched, false);
    const portal = ropgContext({ resourceAppId: AZURE_PORTAL, scopes: ['user_impersonation'] });
    assert.deepEqual(rules(cond(evalOne(policy({ applications: { includeApplications: ['MicrosoftAdminPortals'] } }), portal), 'application'), 'include'), ['microsoftAdminPortals']);
  });

  it('exclude-mode application filter on the RESOURCE service principal excludes it, quoting the clause', () => {
    const t = cond(evalOne(policy({ applications: { applicationFilter: EXEMPT_FILTER } })), 'application');
    assert.equal(t.matched, false);
    assert.deepEqual(rules(t, 'exclude'), ['appFilter']);
    assert.match(t.reason, /excluded: resource .* matches application filter clause CustomSecurityAttribute\.JamfConnect_Exempt -eq "Exempt"/);
  });

  it('exclude-mode filter does not exclude a resource without the attribute', () => {
    const dir = directory({ servicePrincipalsByAppId: new Map([[JAMF_CA_API_APP, sp(JAMF_CA_API_APP, 'API', null)]]) });
    const t = cond(evalOne(policy({ applications: { applicationFilter: EXEMPT_FILTER } }), ropgContext(), dir), 'application');
    assert.equal(t.matched, true);
  });

  it('attributes not read (undefined) are evaluated as unset and flagged in warnings', () => {
    const dir = directory({ servicePrincipalsByAppId: new Map([[JAMF_CA_API_APP, sp(JAMF_CA_API_APP, 'API')]]) });
    const ev = evalOne(policy({ applications: { applicationFilter: EXEMPT_FILTER } }), ropgContext(), dir);
    assert.equal(cond(ev, 'application').matched, true);
    assert.ok(ev.warnings?.some((w) => /not read/.test(w)));
  });

  it('include-mode filter includes matching resources only (portal writes empty includeApplications)', () => {
    const inc = { includeApplications: [], applicationFilter: { mode: 'include', rule: 'CustomSecurityAttribute.JamfConnect_Exempt -eq "Exempt"' } };
    const t = cond(evalOne(policy({ applications: inc })), 'application');
    assert.equal(t.matched, true);
    assert.deepEqual(rules(t, 'include'), ['appFilter']);
    const other = ropgContext({ resourceAppId: EXCHANGE, scopes: ['https://outlook.office365.com/Mail.Read'] });
    assert.equal(cond(evalOne(policy({ applications: inc }), other), 'application').matched, false);
  });

  it('attribute set and name are matched case-insensitively on the service principal', () => {
    const dir = directory({
      servicePrincipalsByAppId: new Map([[JAMF_CA_API_APP, sp(JAMF_CA_API_APP, 'API', { jamfconnect: { exempt: 'EXEMPT' } })]]),
    });
    assert.equal(cond(evalOne(policy({ applications: { applicationFilter: EXEMPT_FILTER } }), ropgContext(), dir), 'application').matched, false);
  });

  it('excludeApplications All excludes every resource', () => {
    assert.equal(cond(evalOne(policy({ applications: { includeApplications: ['All'], excludeApplications: ['All'] } })), 'application').matched, false);
  });

  it('user actions: only policies targeting that action apply', () => {
    const reg = ropgContext({ resourceAppId: null, userAction: 'urn:user:registersecurityinfo' });
    const ua = policy({ applications: { includeApplications: [], includeUserActions: ['urn:user:registersecurityinfo'] } });
    assert.equal(cond(evalOne(ua, reg), 'application').matched, true);
    assert.equal(cond(evalOne(ua), 'application').matched, false);
    assert.equal(cond(evalOne(policy({}), reg), 'application').matched, false);
  });

  it('authentication contexts: a policy on c1 applies when c1 is requested', () => {
    const acr = policy({ applications: { includeApplications: [], includeAuthenticationContextClassReferences: ['c1'] } });
    const t = cond(evalOne(acr, ropgContext({ authenticationContexts: ['C1'] })), 'application');
    assert.equal(t.matched, true);
    assert.deepEqual(rules(t, 'include'), ['acr']);
    assert.equal(cond(evalOne(acr), 'application').matched, false);
  });
});
