// app:// path resolution (no traversal out of the renderer root), window-state persistence,
// log redaction, the safeStorage-backed secret store, the native menu.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRIVILEGED_SCHEME, resolveAppRequest } from '../../../electron/main/app-protocol.js';
import { createLogger, redact } from '../../../electron/main/log.js';
import { menuTemplate } from '../../../electron/main/menu-template.js';
import { createSafeStorageSecretStore, type SafeStorageLike } from '../../../electron/main/secret-store.js';
import { DEFAULT_WINDOW_STATE, fitToDisplays, parseWindowState, readWindowStateSync, writeWindowStateSync } from '../../../electron/main/window-state.js';

const root = '/srv/app/dist-web';

test('app:// scheme is registered standard + secure, without CSP bypass', () => {
  assert.equal(PRIVILEGED_SCHEME.scheme, 'app');
  assert.equal(PRIVILEGED_SCHEME.privileges.standard, true);
  assert.equal(PRIVILEGED_SCHEME.privileges.secure, true);
  assert.equal(PRIVILEGED_SCHEME.privileges.bypassCSP, false);
});

test('app:// serves files under the root with their content type', () => {
  const index = resolveAppRequest(root, 'app://lockout-lens/');
  assert.deepEqual(index, { ok: true, filePath: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
  const asset = resolveAppRequest(root, 'app://lockout-lens/assets/index-abc.js?v=1#x');
  assert.ok(asset.ok && asset.filePath === join(root, 'assets/index-abc.js') && asset.contentType.startsWith('text/javascript'));
  const inner = resolveAppRequest(root, 'app://lockout-lens/assets/../index.html');
  assert.ok(inner.ok && inner.filePath === join(root, 'index.html'), 'a .. that stays inside is fine');
});

test('app:// refuses traversal, other hosts, odd methods and unknown file types', () => {
  const refused: Array<[string, string?]> = [
    ['app://lockout-lens/../../etc/passwd'],
    ['app://lockout-lens/%2e%2e/%2e%2e/etc/passwd'],
    ['app://lockout-lens/%2e%2e%2f%2e%2e%2fetc%2fpasswd.js'],
    ['app://lockout-lens/..%5c..%5cwindows%5cwin.ini'],
    ['app://lockout-lens/assets/%00.js'],
    ['app://lockout-lens/%E0%A4%A'],
    ['app://lockout-lens/dist-web-evil/x.js'.replace('dist-web-evil', '..%2fdist-web-evil')],
    ['app://other-host/index.html'],
    ['app://user@lockout-lens/index.html'],
    ['file:///srv/app/dist-web/index.html'],
    ['https://lockout-lens/index.html'],
    ['app://lockout-lens/index.html', 'POST'],
    ['app://lockout-lens/secrets.env'],
    ['not a url'],
  ];
  for (const [url, method] of refused) {
    const r = resolveAppRequest(root, url, method);
    assert.equal(r.ok, false, `should refuse ${url} ${method ?? ''}`);
  }
  const encoded = resolveAppRequest(root, 'app://lockout-lens/%252e%252e/x.js');
  assert.ok(encoded.ok && encoded.filePath === join(root, '%2e%2e/x.js'), 'decoded once only: a double-encoded dot stays a literal name');
  const encodedDots = resolveAppRequest(root, 'app://lockout-lens/a/%2e%2e%2f%2e%2e%2fx.js');
  assert.ok(!encodedDots.ok && encodedDots.status === 403);
});

test('window state: bad files give the default; off-screen windows come back', () => {
  assert.deepEqual(parseWindowState(null), DEFAULT_WINDOW_STATE);
  assert.deepEqual(parseWindowState('{not json'), DEFAULT_WINDOW_STATE);
  assert.deepEqual(parseWindowState('{"width":10,"height":10,"maximized":false}'), DEFAULT_WINDOW_STATE, 'below the minimum size');
  assert.deepEqual(parseWindowState('{"width":1200,"height":800,"maximized":true,"x":5,"y":6}'), { width: 1200, height: 800, maximized: true, x: 5, y: 6 });
  const display = { x: 0, y: 0, width: 1920, height: 1080 };
  const onScreen = { width: 1200, height: 800, maximized: false, x: 100, y: 100 };
  assert.deepEqual(fitToDisplays(onScreen, [display]), onScreen);
  const offScreen = fitToDisplays({ ...onScreen, x: 5000, y: 3000 }, [display]);
  assert.equal(offScreen.x, undefined, 'unplugged monitor: position dropped so the OS centres the window');
  const tooBig = fitToDisplays({ width: 4000, height: 3000, maximized: false }, [display]);
  assert.equal(tooBig.width, 1920);
  assert.equal(tooBig.height, 1080);
});

test('window state round-trips through its file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'll-winstate-'));
  try {
    const file = join(dir, 'sub', 'window-state.json');
    assert.deepEqual(readWindowStateSync(file), DEFAULT_WINDOW_STATE);
    writeWindowStateSync(file, { width: 1111, height: 777, maximized: false, x: 1, y: 2 });
    assert.deepEqual(readWindowStateSync(file), { width: 1111, height: 777, maximized: false, x: 1, y: 2 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('logs never contain tokens, codes or secrets', () => {
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXBhcnQ';
  const samples = [
    `Authorization: Bearer ${jwt}`,
    `token=${jwt}`,
    'POST body grant_type=refresh_token&refresh_token=0.AAAA-very-secret&client_id=x',
    '{"access_token":"abc.def.ghi","expires_in":3600}',
    'redirect http://localhost:5123/?code=OAQABAAIAAAB-secret-code&state=1',
    'client_secret=s3cr3t!value',
    'Basic dXNlcjpwYXNz',
  ];
  for (const s of samples) {
    const out = redact(s);
    assert.doesNotMatch(out, /eyJhbGciOiJSUzI1NiJ9|very-secret|abc\.def\.ghi|secret-code|s3cr3t|dXNlcjpwYXNz/, out);
  }
  assert.equal(redact('sign-in failed with AADSTS53003 for alex@contoso.com'), 'sign-in failed with AADSTS53003 for alex@contoso.com');
  const lines: string[] = [];
  const log = createLogger((l) => lines.push(l), () => new Date('2026-12-01T00:00:00Z'));
  log.warn('token refresh failed', { response: { refresh_token: 'rt-secret-1' }, error: new Error(`bad ${jwt}`) });
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /^2026-12-01T00:00:00.000Z WARN token refresh failed/);
  assert.doesNotMatch(lines[0]!, /rt-secret-1|eyJhbGci/);
});

function fakeSafeStorage(backend: string, available = true): SafeStorageLike & { calls: number } {
  const s = {
    calls: 0,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(plain: string) {
      s.calls++;
      return Buffer.from([...Buffer.from(plain, 'utf8')].map((b) => b ^ 0x5a));
    },
    decryptString(buf: Buffer) {
      return Buffer.from([...buf].map((b) => b ^ 0x5a)).toString('utf8');
    },
  };
  return s;
}

test('secret store encrypts with safeStorage and never writes plaintext', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'll-secrets-'));
  try {
    const file = join(dir, 'sub', 'msal-cache.bin');
    const safe = fakeSafeStorage('gnome_libsecret');
    const store = createSafeStorageSecretStore(safe, file);
    assert.equal(store.persistent, true);
    assert.equal(await store.read(), null);
    await store.write('{"RefreshToken":"refresh-token-PLAINTEXT"}');
    assert.doesNotMatch(readFileSync(file, 'utf8'), /PLAINTEXT/);
    assert.equal(await createSafeStorageSecretStore(safe, file).read(), '{"RefreshToken":"refresh-token-PLAINTEXT"}', 'survives a restart');
    await store.clear();
    assert.equal(await store.read(), null);
    writeFileSync(file, '!!not base64 of anything we wrote');
    const corrupt = createSafeStorageSecretStore({ ...safe, decryptString: () => { throw new Error('bad key'); } }, file);
    assert.equal(await corrupt.read(), null, 'an undecryptable file reads as empty, never throws');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('secret store keeps secrets in memory only when the backend is basic_text or missing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'll-secrets-'));
  try {
    for (const safe of [fakeSafeStorage('basic_text'), fakeSafeStorage('unknown', false)]) {
      const file = join(dir, 'msal-cache.bin');
      const store = createSafeStorageSecretStore(safe, file);
      assert.equal(store.persistent, false);
      assert.match(store.description, /memory only/);
      await store.write('v');
      assert.equal(await store.read(), 'v');
      assert.throws(() => readFileSync(file), /ENOENT/, 'nothing written to disk');
      assert.equal(safe.calls, 0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('native menu uses standard roles and exposes the views', () => {
  const shown: string[] = [];
  const template = menuTemplate({ isMac: true, appName: 'Lockout Lens', showView: (v) => shown.push(v), openHelp: () => {} });
  const roles = JSON.stringify(template, (k, v) => (k === 'click' ? undefined : v));
  for (const role of ['editMenu', 'windowMenu', 'quit', 'about', 'reload', 'togglefullscreen']) assert.match(roles, new RegExp(`"role":"${role}"`));
  const view = template.find((t) => t.label === 'View');
  const items = view?.submenu as Array<{ label?: string; click?: () => void }>;
  items.find((i) => i.label === 'Sign-ins')?.click?.();
  assert.deepEqual(shown, ['signIns']);
});
