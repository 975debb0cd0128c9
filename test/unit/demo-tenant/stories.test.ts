/**
 * Every story in meta.stories is backed by the directory and by sign-ins that tell that story.
 * Expectations come from the story definitions (docs/demo-tenant.md) and Microsoft's documented
 * semantics (graph-facts §1, §2.9, §6), not from the builder's code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cidrContains, parseCidr, parseIp } from '../../../electron/core/policy/cidr.js';
import type { GraphObject } from '../../../electron/core/snapshot/types.js';
import { demo, meta, signInsOf, userByUpn } from './demo-fixture.js';

const WAAD = '00000002-0000-0000-c000-000000000000';
const GRAPH = '00000003-0000-0000-c000-000000000000';
const CA_CODES = new Set([50076, 53000, 53003]);

interface Story {
  userPrincipalName: string;
  story: string;
  expectedCause: string;
  expectedErrorCode: number;
  lockout: boolean;
  sinceDateTime?: string;
  decidingPolicyIds?: string[];
}

const code = (x: GraphObject): number => (x.status as { errorCode: number }).errorCode;
const applied = (x: GraphObject) => x.appliedConditionalAccessPolicies as { id: string; result: string; conditionsNotSatisfied: string; conditionsSatisfied: string }[];

async function setup() {
  const s = await demo();
  const m = meta(s);
  const jamfAppIds = new Set([m.jamfConnect.clientAppId, m.jamfConnect.labClientAppId]);
  const stories = m.stories as Story[];
  const storyOf = (cause: string) => {
    const story = stories.find((x) => x.expectedCause === cause)!;
    const user = userByUpn(s, story.userPrincipalName)!;
    const jamf = signInsOf(s, String(user.id)).filter((x) => jamfAppIds.has(x.appId));
    return { story, user, jamf };
  };
  return { s, m, stories, storyOf, jamfAppIds };
}

test('the eleven required stories are there, one user each', async () => {
  const { stories } = await setup();
  const causes = stories.map((x) => x.expectedCause).sort();
  assert.deepEqual(causes, [
    'account-disabled',
    'baseline-scope-audience',
    'ca-block-location',
    'ca-compliant-device',
    'ca-mfa-noise',
    'exempted',
    'healthy',
    'password-expired',
    'public-client-flows-disabled',
    'smart-lockout',
    'wrong-password',
  ]);
  assert.equal(new Set(stories.map((x) => x.userPrincipalName)).size, stories.length);
  const byCause = Object.fromEntries(stories.map((x) => [x.expectedCause, x.expectedErrorCode]));
  // The codes Entra answers for each cause (graph-facts §6).
  assert.deepEqual(byCause, {
    'account-disabled': 50057,
    'baseline-scope-audience': 53000,
    'ca-block-location': 53003,
    'ca-compliant-device': 53000,
    'ca-mfa-noise': 50076,
    exempted: 0,
    healthy: 0,
    'password-expired': 50055,
    'public-client-flows-disabled': 7000218,
    'smart-lockout': 50053,
    'wrong-password': 50126,
  });
  // MFA-only is noise, not a lockout (Jamf Connect treats 50076 as "password correct").
  assert.equal(stories.find((x) => x.expectedCause === 'ca-mfa-noise')!.lockout, false);
});

test('each story user exists and has a month of Jamf Connect checks that end in the expected code', async () => {
  const { s, stories, jamfAppIds } = await setup();
  for (const story of stories) {
    const user = userByUpn(s, story.userPrincipalName);
    assert.ok(user, `${story.userPrincipalName} exists`);
    const jamf = signInsOf(s, String(user.id)).filter((x) => jamfAppIds.has(x.appId));
    assert.ok(jamf.length >= 20, `${story.userPrincipalName}: ${jamf.length} Jamf Connect sign-ins`);
    const span = Date.parse(String(jamf.at(-1)!.createdDateTime)) - Date.parse(String(jamf[0]!.createdDateTime));
    assert.ok(span > 20 * 86_400_000, `${story.userPrincipalName}: history spans ${span / 86_400_000} days`);
    const since = story.sinceDateTime;
    const after = since ? jamf.filter((x) => String(x.createdDateTime) >= since) : jamf;
    assert.ok(after.length >= 3, `${story.userPrincipalName}: sign-ins since the problem began`);
    for (const x of after) assert.equal(code(x), story.expectedErrorCode, `${story.userPrincipalName} at ${x.createdDateTime}`);
    if (since) {
      const before = jamf.filter((x) => String(x.createdDateTime) < since);
      assert.ok(before.some((x) => code(x) === 0), `${story.userPrincipalName}: fine before ${since}`);
    }
    for (const x of after) {
      if (CA_CODES.has(story.expectedErrorCode)) {
        assert.equal(x.conditionalAccessStatus, 'failure');
        for (const id of story.decidingPolicyIds ?? []) {
          assert.equal(applied(x).find((p) => p.id === id)?.result, 'failure', `${story.userPrincipalName}: policy ${id} fails`);
        }
      } else if (story.expectedErrorCode !== 0) {
        // Password, account and client errors happen before Conditional Access is evaluated.
        assert.equal(x.conditionalAccessStatus, 'notApplied');
        assert.deepEqual(applied(x), []);
      } else {
        assert.ok(!applied(x).some((p) => p.result === 'failure'));
      }
    }
  }
});

test('every Jamf Connect sign-in has the ROPG shape of graph-facts §1.2', async () => {
  const { s, jamfAppIds } = await setup();
  const rows = s.signIns.filter((x) => jamfAppIds.has(x.appId));
  assert.ok(rows.length > 300);
  for (const x of rows) {
    assert.equal(x.authenticationProtocol, 'ropc');
    assert.equal(x.clientAppUsed, 'Mobile Apps and Desktop clients');
    assert.equal(x.isInteractive, true);
    assert.deepEqual(x.signInEventTypes, ['interactiveUser']);
    const device = x.deviceDetail as Record<string, unknown>;
    assert.equal(device.deviceId, '', 'an unregistered Mac has no device id');
    assert.equal(device.operatingSystem, 'MacOs');
    assert.equal(device.isCompliant, false);
    const status = x.status as Record<string, unknown>;
    assert.equal(typeof status.errorCode, 'number');
    assert.equal(typeof status.failureReason, 'string');
    assert.equal(typeof status.additionalDetails, 'string');
    assert.match(String(x.correlationId), /^[0-9a-f-]{36}$/);
    assert.equal(typeof x.resourceId, 'string');
    assert.ok(Array.isArray(x.conditionalAccessAudiences));
    assert.equal(x.userPrincipalName, String(x.userPrincipalName).toLowerCase(), 'sign-in logs store UPNs lowercase');
  }
});

test('compliant-device story: in the pilot group CA010 targets; the report-only fortnight predicted it', async () => {
  const { s, m, storyOf } = await setup();
  const { story, user, jamf } = storyOf('ca-compliant-device');
  const ca010 = s.conditionalAccessPolicies.find((p) => p.id === story.decidingPolicyIds![0])!;
  const pilot = (ca010.conditions as any).users.includeGroups[0];
  assert.ok(s.transitiveMemberOf[String(user.id)]!.some((g) => g.id === pilot));
  assert.deepEqual((ca010.conditions as any).platforms.includePlatforms, ['macOS']);
  assert.deepEqual((ca010.grantControls as any).builtInControls, ['compliantDevice']);
  const created = (m.policyHistory as any[])[0].changedDateTime;
  const trial = jamf.filter((x) => String(x.createdDateTime) >= created && String(x.createdDateTime) < story.sinceDateTime!);
  assert.ok(trial.length > 0);
  for (const x of trial) {
    assert.equal(code(x), 0, 'report-only does not enforce');
    assert.equal(applied(x).find((p) => p.id === ca010.id)?.result, 'reportOnlyFailure');
  }
  for (const x of jamf.filter((x) => String(x.createdDateTime) < created)) assert.ok(!applied(x).some((p) => p.id === ca010.id), 'no entry before the policy existed');
});

test('location story: blocked from untrusted IPs, fine from the trusted office ranges', async () => {
  const { s, storyOf } = await setup();
  const { jamf } = storyOf('ca-block-location');
  const trusted = s.namedLocations
    .filter((l) => l.isTrusted === true)
    .flatMap((l) => (l.ipRanges as { cidrAddress: string }[]).map((r) => parseCidr(r.cidrAddress)!));
  const inTrusted = (ip: string) => trusted.some((c) => cidrContains(c, parseIp(ip)!));
  const blocked = jamf.filter((x) => code(x) === 53003);
  const fine = jamf.filter((x) => code(x) === 0);
  assert.ok(blocked.length >= 5 && fine.length >= 5);
  for (const x of blocked) assert.equal(inTrusted(String(x.ipAddress)), false, `${x.ipAddress} is outside the trusted ranges`);
  for (const x of fine) assert.equal(inTrusted(String(x.ipAddress)), true, `${x.ipAddress} is inside a trusted range`);
});

test('MFA-noise story: an admin role CA003 targets; the password itself was accepted', async () => {
  const { s, storyOf } = await setup();
  const { story, user, jamf } = storyOf('ca-mfa-noise');
  const ca003 = s.conditionalAccessPolicies.find((p) => p.id === story.decidingPolicyIds![0])!;
  const roles = s.transitiveMemberOf[String(user.id)]!.filter((o) => o['@odata.type'] === '#microsoft.graph.directoryRole').map((o) => o.roleTemplateId);
  assert.ok(roles.some((r) => (ca003.conditions as any).users.includeRoles.includes(r)));
  for (const x of jamf) {
    assert.equal(x.authenticationRequirement, 'multiFactorAuthentication');
    const password = (x.authenticationDetails as any[]).find((d) => d.authenticationMethod === 'Password');
    assert.equal(password.succeeded, true);
  }
});

test('password and account stories match the directory', async () => {
  const { storyOf } = await setup();
  const lars = storyOf('wrong-password');
  assert.equal(lars.user.lastPasswordChangeDateTime, lars.story.sinceDateTime);
  const stale = (lars.user['x-emulator'] as any).mac.localPassword;
  assert.notEqual(stale, (lars.user['x-emulator'] as any).password, 'the Mac holds a password the cloud no longer accepts');
  assert.equal((storyOf('smart-lockout').user['x-emulator'] as any).lockedOut, true);
  const sofie = storyOf('smart-lockout');
  const burst = sofie.jamf.filter((x) => code(x) === 50126);
  assert.ok(burst.length >= 5, 'repeated bad passwords came first');
  assert.ok(String(burst.at(-1)!.createdDateTime) < sofie.story.sinceDateTime!);
  assert.equal((storyOf('password-expired').user['x-emulator'] as any).passwordExpired, true);
  assert.equal(storyOf('account-disabled').user.accountEnabled, false);
  for (const cause of ['wrong-password', 'smart-lockout', 'password-expired', 'account-disabled']) {
    assert.equal(storyOf(cause).user.accountEnabled, cause !== 'account-disabled');
  }
});

test('7000218 story: the failing sign-ins use an app registration with public client flows off', async () => {
  const { s, m, storyOf } = await setup();
  const { jamf, story } = storyOf('public-client-flows-disabled');
  const failing = jamf.filter((x) => code(x) === 7000218);
  assert.ok(failing.every((x) => x.appId === m.jamfConnect.labClientAppId));
  const app = (appId: string) => s.applications!.find((a) => a.appId === appId)!;
  assert.equal(app(m.jamfConnect.labClientAppId).isFallbackPublicClient, false);
  assert.equal(app(m.jamfConnect.clientAppId).isFallbackPublicClient, true);
  assert.ok(jamf.filter((x) => String(x.createdDateTime) < story.sinceDateTime!).every((x) => x.appId === m.jamfConnect.clientAppId));
});

test('exempted story: the filter excludes the tagged API resource — notApplied and Report-only: Not applied', async () => {
  const { s, m, storyOf } = await setup();
  const { jamf } = storyOf('exempted');
  const { attributeSet, name, value, filterRule } = m.jamfConnect.exemptAttribute;
  const definition = s.customSecurityAttributeDefinitions.find((d) => d.id === `${attributeSet}_${name}`)!;
  assert.ok(definition, 'the attribute the filters use exists');
  assert.ok((definition.allowedValues as any[]).some((v) => v.id === value));
  const api = s.servicePrincipals.find((sp) => sp.appId === m.jamfConnect.apiAppId)!;
  assert.equal((api.customSecurityAttributes as any)[attributeSet][name], value);
  const filtered = s.conditionalAccessPolicies.filter((p) => (p.conditions as any).applications.applicationFilter?.rule === filterRule);
  const enforced = filtered.filter((p) => p.state === 'enabled');
  const trial = filtered.filter((p) => p.state === 'enabledForReportingButNotEnforced');
  assert.ok(enforced.length >= 1 && trial.length >= 1);
  for (const x of jamf) {
    assert.equal(code(x), 0);
    assert.equal(x.resourceId, m.jamfConnect.apiAppId);
    const mfa = applied(x).find((p) => p.id === enforced[0]!.id)!;
    assert.equal(mfa.result, 'notApplied');
    assert.match(mfa.conditionsNotSatisfied, /application/);
    const test = applied(x).find((p) => trial.some((t) => t.id === p.id && (t.conditions as any).users.includeGroups.length > 0))!;
    assert.equal(test.result, 'reportOnlyNotApplied');
    assert.match(test.conditionsNotSatisfied, /application/);
  }
});

test('baseline-scope story: default scopes, tagged client app, audience switched to Windows Azure AD', async () => {
  const { s, m, storyOf } = await setup();
  const { user, jamf, story } = storyOf('baseline-scope-audience');
  assert.deepEqual((user['x-emulator'] as any).mac.ropgScopes, ['openid', 'profile', 'email']);
  assert.equal(story.sinceDateTime, m.tenantSettings.baselineScopeEnforcementSinceDateTime);
  const client = s.servicePrincipals.find((sp) => sp.appId === m.jamfConnect.clientAppId)!;
  assert.equal((client.customSecurityAttributes as any)[m.jamfConnect.exemptAttribute.attributeSet][m.jamfConnect.exemptAttribute.name], 'Exempt', 'the old fix (tag on the client) is in place');
  for (const x of jamf) {
    assert.equal(x.resourceId, GRAPH);
    const after = String(x.createdDateTime) >= story.sinceDateTime!;
    assert.deepEqual(x.conditionalAccessAudiences, after ? [WAAD] : [GRAPH]);
    assert.equal(code(x), after ? 53000 : 0);
  }
  for (const id of story.decidingPolicyIds!) {
    const p = s.conditionalAccessPolicies.find((x) => x.id === id)!;
    assert.deepEqual((p.conditions as any).applications.includeApplications, ['All']);
    assert.equal((p.conditions as any).applications.applicationFilter.mode, 'exclude', 'an All-resources policy with a resource exclusion');
  }
});

test('healthy story: every check succeeds with nothing enforced', async () => {
  const { storyOf } = await setup();
  const { jamf } = storyOf('healthy');
  for (const x of jamf) {
    assert.equal(code(x), 0);
    assert.equal(x.conditionalAccessStatus, 'notApplied');
  }
});
