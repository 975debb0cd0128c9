/**
 * The emulator's identity platform driven by the REAL @azure/msal-node PublicClientApplication,
 * wired through net/ (Transport → INetworkModule): interactive auth code + PKCE with a scripted
 * browser, incremental consent, device code, silent refresh with a short token lifetime, ROPG.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { msalApp, scriptedBrowser, startHarness, USERS, JAMF_APP_ID, type Harness } from './helpers.js';
import { ROLE } from '../../../electron/core/emulator/index.js';

let h: Harness;
before(async () => { h = await startHarness(undefined, { accessTokenLifetimeSeconds: 60, deviceCodeIntervalSeconds: 1 }); });
after(async () => { await h.stop(); });

function claims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

test('interactive sign-in: authorize page, PKCE form_post, token with scp, wids, tid, oid, upn', async () => {
  const app = msalApp(h);
  const seen = { authorizeUrls: [] as string[] };
  const result = await app.acquireTokenInteractive({
    scopes: ['https://graph.microsoft.com/AuditLog.Read.All'],
    openBrowser: scriptedBrowser(h, USERS.reader.upn, seen),
  });
  const url = new URL(seen.authorizeUrls[0]!);
  assert.equal(url.origin, h.emu.origin, 'MSAL opened the emulator authorize endpoint');
  assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(url.searchParams.get('response_mode'), 'form_post');
  const c = claims(result.accessToken);
  assert.equal(c.aud, '00000003-0000-0000-c000-000000000000');
  assert.equal(c.tid, h.emu.tenantId);
  assert.equal(c.oid, USERS.reader.id);
  assert.equal(c.upn, USERS.reader.upn);
  assert.ok(String(c.scp).split(' ').includes('AuditLog.Read.All'));
  assert.deepEqual(c.wids, [ROLE.reportsReader]);
  assert.ok(typeof c.exp === 'number' && c.exp > Date.now() / 1000);
  assert.equal(result.account?.homeAccountId, `${USERS.reader.id}.${h.emu.tenantId}`, 'homeAccountId from client_info');
  assert.equal(result.account?.username, USERS.reader.upn);
  // No discovery round trips: MSAL got the metadata inline.
  const paths = h.emu.control.requestLog().map((r) => r.path);
  assert.ok(!paths.some((p) => p.includes('openid-configuration') || p.includes('discovery/instance')), `unexpected discovery: ${paths.join(', ')}`);
});

test('a tampered PKCE verifier is refused with AADSTS501481', async () => {
  // Drive the authorize step by hand, then redeem the code with the wrong verifier.
  const verifier = 'a'.repeat(43);
  const { createHash } = await import('node:crypto');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const authorize = new URL(`${h.emu.origin}/${h.emu.tenantId}/oauth2/v2.0/authorize`);
  const params = { client_id: '0c7e1ab5-6c3e-4c39-9d1e-5a0f1e2d3c4b', redirect_uri: 'http://localhost:1234', response_type: 'code', response_mode: 'form_post', scope: 'openid User.Read', state: 's1', code_challenge: challenge, code_challenge_method: 'S256' };
  const res = await h.transport(authorize, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...params, login: USERS.plain.upn }).toString() });
  const html = await res.text();
  const code = /name="code" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(code, 'form_post carries a code');
  assert.match(html, /name="state" value="s1"/);
  const token = await h.transport(`${h.emu.origin}/${h.emu.tenantId}/oauth2/v2.0/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: params.client_id, code, redirect_uri: params.redirect_uri, code_verifier: 'b'.repeat(43) }).toString(),
  });
  assert.equal(token.status, 400);
  const body = await token.json() as { error: string; error_codes: number[]; error_description: string; trace_id: string; correlation_id: string };
  assert.equal(body.error, 'invalid_grant');
  assert.deepEqual(body.error_codes, [501481]);
  assert.match(body.error_description, /^AADSTS501481: /);
  assert.ok(body.trace_id && body.correlation_id);
});

test('incremental consent: a new scope via authorize yields a token carrying old and new scopes; refresh cannot add unconsented ones', async () => {
  const app = msalApp(h);
  const first = await app.acquireTokenInteractive({ scopes: ['User.Read'], openBrowser: scriptedBrowser(h, USERS.admin.upn) });
  assert.ok(String(claims(first.accessToken).scp).split(' ').includes('User.Read'));
  // Silent for a scope never consented: the refresh grant answers 65001 consent_required → interaction required.
  await assert.rejects(app.acquireTokenSilent({ account: first.account!, scopes: ['Policy.Read.All'] }), (e: unknown) => {
    assert.ok(e instanceof InteractionRequiredAuthError, `expected InteractionRequiredAuthError, got ${String(e)}`);
    assert.equal(String((e as InteractionRequiredAuthError).errorNo), '65001', 'errorNo is error_codes[0]');
    return true;
  });
  const second = await app.acquireTokenInteractive({ scopes: ['Policy.Read.All'], openBrowser: scriptedBrowser(h, USERS.admin.upn) });
  const scp = String(claims(second.accessToken).scp).split(' ');
  assert.ok(scp.includes('Policy.Read.All') && scp.includes('User.Read'), `scp was ${scp.join(' ')}`);
});

test('silent refresh: with a 60 s token MSAL renews through the refresh_token grant and gets a new token', async () => {
  const app = msalApp(h);
  const first = await app.acquireTokenInteractive({ scopes: ['User.Read'], openBrowser: scriptedBrowser(h, USERS.plain.upn) });
  const before = h.emu.control.requestLog().filter((r) => r.note === 'grant:refresh_token').length;
  // MSAL treats tokens expiring within 300 s as expired, so a 60 s token is renewed silently.
  const silent = await app.acquireTokenSilent({ account: first.account!, scopes: ['User.Read'] });
  const afterCount = h.emu.control.requestLog().filter((r) => r.note === 'grant:refresh_token').length;
  assert.equal(afterCount, before + 1, 'one refresh_token grant');
  assert.notEqual(silent.accessToken, first.accessToken);
  assert.equal(claims(silent.accessToken).oid, USERS.plain.id);
});

test('device code: authorization_pending until approved through the control API, then a token', async () => {
  const app = msalApp(h);
  let userCode = '';
  const pending = app.acquireTokenByDeviceCode({
    scopes: ['User.Read'],
    deviceCodeCallback: (r) => {
      userCode = r.userCode;
      assert.match(r.verificationUri, /\/devicelogin$/);
      // Approve after MSAL has polled at least once (it gets authorization_pending first).
      setTimeout(() => h.emu.control.approveDeviceCode(r.userCode, USERS.admin.upn), 1500);
    },
  });
  const result = await pending;
  assert.ok(result, 'device code flow returned a result');
  assert.equal(claims(result.accessToken).upn, USERS.admin.upn);
  assert.ok(userCode.length >= 8);
  const deviceGrants = h.emu.control.requestLog().filter((r) => r.note === 'grant:device_code' || r.note === 'grant:urn:ietf:params:oauth:grant-type:device_code');
  assert.ok(deviceGrants.some((r) => r.status === 400), 'at least one authorization_pending answer');
  assert.ok(deviceGrants.some((r) => r.status === 200));
});

test('ROPG through MSAL: wrong password is AADSTS50126 as a ServerError with errorNo', async () => {
  const app = msalApp(h, JAMF_APP_ID);
  await assert.rejects(app.acquireTokenByUsernamePassword({ username: USERS.mac.upn, password: 'nope', scopes: ['openid', 'profile', 'email'] }), (e: unknown) => {
    assert.ok(e instanceof ServerError);
    assert.equal(String((e as ServerError).errorNo), '50126');
    assert.match((e as ServerError).errorMessage, /AADSTS50126/);
    return true;
  });
  const ok = await app.acquireTokenByUsernamePassword({ username: USERS.mac.upn, password: 'Mac-Passw0rd', scopes: ['openid', 'profile', 'email'] });
  assert.ok(ok?.idToken, 'an id_token came back');
});

test('the demo sign-in page lists operator accounts and login_hint preselects one', async () => {
  const { parseForm } = await import('./helpers.js');
  const url = `${h.emu.origin}/${h.emu.tenantId}/oauth2/v2.0/authorize?client_id=0c7e1ab5-6c3e-4c39-9d1e-5a0f1e2d3c4b&redirect_uri=${encodeURIComponent('http://localhost:5555')}&response_type=code&response_mode=form_post&scope=User.Read&state=z&login_hint=${encodeURIComponent(USERS.csa.upn)}`;
  const page = await h.transport(url);
  assert.equal(page.status, 200);
  const form = parseForm(await page.text());
  assert.ok(form.radios.includes(USERS.admin.upn) && form.radios.includes(USERS.reader.upn));
  assert.equal(form.checked, USERS.csa.upn);
  assert.equal(form.fields.state, 'z', 'the request rides along in hidden fields');
  const unknownClient = await h.transport(url.replace('0c7e1ab5-6c3e-4c39-9d1e-5a0f1e2d3c4b', 'ffffffff-0000-4000-8000-000000000000'));
  assert.equal(unknownClient.status, 400);
  assert.match(await unknownClient.text(), /AADSTS700016/);
});

test('device code approved on the device page (a person with a browser) completes the flow', async () => {
  const app = msalApp(h);
  const result = await app.acquireTokenByDeviceCode({
    scopes: ['User.Read'],
    deviceCodeCallback: (r) => {
      setTimeout(() => {
        void h.transport(r.verificationUri, {
          method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ user_code: r.userCode, login: USERS.reader.upn, decision: 'approve' }).toString(),
        }).then((res) => res.text());
      }, 300);
    },
  });
  assert.equal(claims(result!.accessToken).upn, USERS.reader.upn);
});

test('device code declined on the page ends the flow with an error', async () => {
  const app = msalApp(h);
  await assert.rejects(app.acquireTokenByDeviceCode({
    scopes: ['User.Read'],
    deviceCodeCallback: (r) => { setTimeout(() => h.emu.control.declineDeviceCode(r.userCode), 300); },
  }), /authorization_declined|declined/);
});
