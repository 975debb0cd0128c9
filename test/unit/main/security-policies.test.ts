// Pins the Electron security settings (Electron security checklist, docs/tutorial/security.md):
// window options, CSP, navigation / window-open / permission denial, the openExternal allowlist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONTENT_SECURITY_POLICY, securityHeaders } from '../../../electron/main/csp.js';
import { checkExternalUrl } from '../../../electron/main/external-links.js';
import {
  decidePermissionCheck,
  decidePermissionRequest,
  decideWindowOpen,
  shouldPreventNavigation,
  shouldPreventWebviewAttach,
} from '../../../electron/main/navigation-policy.js';
import { mainWindowOptions, secureWebPreferences } from '../../../electron/main/window-options.js';
import { DEFAULT_WINDOW_STATE } from '../../../electron/main/window-state.js';

test('webPreferences: sandboxed, isolated, no node, web security on, no webview', () => {
  const prefs = secureWebPreferences('/app/preload.cjs');
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.experimentalFeatures, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.preload, '/app/preload.cjs');
  assert.equal('enableBlinkFeatures' in prefs, false);
  assert.ok(Object.isFrozen(prefs), 'preferences cannot be loosened after creation');
});

test('main window options carry the secure preferences and the remembered size', () => {
  const opts = mainWindowOptions({ preloadPath: '/p.cjs', state: { ...DEFAULT_WINDOW_STATE, width: 1400, height: 900, x: 10, y: 20 }, darkBackground: true });
  assert.equal(opts.width, 1400);
  assert.equal(opts.height, 900);
  assert.equal(opts.x, 10);
  assert.equal(opts.webPreferences?.sandbox, true);
  assert.equal(opts.webPreferences?.contextIsolation, true);
  assert.equal(opts.show, false, 'shown on ready-to-show, no white flash');
});

test('CSP: exactly the strict policy, no unsafe keywords, no remote origins', () => {
  assert.equal(
    CONTENT_SECURITY_POLICY,
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  );
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-|https?:|\*|ws:|blob:/);
  const headers = securityHeaders();
  assert.equal(headers['Content-Security-Policy'], CONTENT_SECURITY_POLICY);
  assert.equal(headers['X-Content-Type-Options'], 'nosniff');
});

test('navigation and webview attachment are always refused', () => {
  for (const url of ['app://lockout-lens/index.html', 'https://login.microsoftonline.com/', 'file:///etc/passwd', 'javascript:alert(1)']) {
    assert.equal(shouldPreventNavigation(url), true, url);
  }
  assert.equal(shouldPreventWebviewAttach(), true);
});

test('window.open is always denied; allowlisted https goes to the system browser, the rest nowhere', () => {
  const allowed = decideWindowOpen('https://learn.microsoft.com/en-us/entra/');
  assert.equal(allowed.action, 'deny');
  assert.equal(allowed.openExternally, 'https://learn.microsoft.com/en-us/entra/');
  for (const url of ['https://evil.example/', 'http://learn.microsoft.com/', 'app://lockout-lens/x', 'about:blank']) {
    const d = decideWindowOpen(url);
    assert.equal(d.action, 'deny', url);
    assert.equal(d.openExternally, null, url);
  }
});

test('every permission request and check is refused', () => {
  for (const p of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal', 'fullscreen', 'hid', 'serial']) {
    assert.equal(decidePermissionRequest(p), false, p);
    assert.equal(decidePermissionCheck(p), false, p);
  }
});

test('openExternal allowlist: exact https hosts pass', () => {
  for (const url of [
    'https://login.microsoftonline.com/error?code=53003',
    'https://learn.microsoft.com/en-us/entra/identity/conditional-access/',
    'https://entra.microsoft.com/',
    'https://portal.azure.com/#view/x',
    'https://learn.jamf.com/en-US/bundle/jamf-connect-documentation-current/page/x.html',
    'https://docs.jamf.com/',
    'HTTPS://LEARN.MICROSOFT.COM/en-us/',
  ]) {
    const v = checkExternalUrl(url);
    assert.equal(v.allowed, true, url);
  }
  const upper = checkExternalUrl('HTTPS://LEARN.MICROSOFT.COM/en-us/');
  assert.ok(upper.allowed && upper.url === 'https://learn.microsoft.com/en-us/', 'the normalised URL is what gets opened');
});

test('openExternal allowlist: tricky URLs are refused', () => {
  const refused = [
    'https://learn.microsoft.com@evil.example/', // userinfo: the real host is evil.example
    'https://user:pass@learn.microsoft.com/', // credentials on an allowed host
    'https://learn.microsoft.com.evil.example/', // suffix trick
    'https://evil.example/learn.microsoft.com', // allowed host only in the path
    'https://evillearn.microsoft.com/', // different host sharing a suffix
    'https://microsoft.com/', // parent domain is not on the list
    'https://learn.microsoft.com./', // trailing dot is a different host string
    'https://lеarn.microsoft.com/', // Cyrillic "е" → punycode xn--… host
    'https://xn--larn-udd.microsoft.com/',
    'http://learn.microsoft.com/', // not https
    'javascript:alert(1)',
    'JavaScript://learn.microsoft.com/%0aalert(1)',
    'file:///etc/passwd',
    'file://learn.microsoft.com/etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'ms-settings:privacy',
    'smb://learn.microsoft.com/share',
    'https://learn.microsoft.com:8443/', // unusual port
    ' https://learn.microsoft.com/', // leading space (parser would strip it)
    'https://learn.microsoft.com/\n', // control character
    '//learn.microsoft.com/', // protocol-relative: not absolute
    'learn.microsoft.com',
    '',
    'https://' + 'a'.repeat(3000) + '.learn.microsoft.com/',
  ];
  for (const url of refused) {
    const v = checkExternalUrl(url);
    assert.equal(v.allowed, false, `should refuse ${JSON.stringify(url)}`);
  }
  assert.equal(checkExternalUrl(42).allowed, false);
  assert.equal(checkExternalUrl({ href: 'https://learn.microsoft.com/' }).allowed, false);
});
