/**
 * The Electron glue itself (electron/main/*.main.ts), run under plain Node against a recording fake
 * of the 'electron' module. helper-6's security-policies tests pin the pure policies; these pin that
 * the glue really applies them: every webContents gets the navigation / webview / window-open guards,
 * the session refuses every permission, IPC handlers check the sending webContents and frame, the
 * window is built from the secure options and loads app:// (never file://), and every app:// answer
 * carries the CSP header. Checklist items 5, 7, 12–15, 17, 18 (see RELIABILITY.md).
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { register } from 'node:module';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INVOKE_METHODS, invokeChannel } from '../../../electron/contract/names.js';
import { PRODUCTION_SENDER_POLICY, APP_ORIGIN } from '../../../electron/contract/sender.js';
import { figures } from '../../integration/reliability/figures.js';

const fig = figures('electron-glue');
const fakeUrl = new URL('./fake-electron.ts', import.meta.url).href;
type Fake = typeof import('./fake-electron.js');
let fake: Fake;
let security: typeof import('../../../electron/main/security.main.js');
let ipc: typeof import('../../../electron/main/ipc.main.js');
let windows: typeof import('../../../electron/main/window.main.js');
let protocolMain: typeof import('../../../electron/main/protocol.main.js');
const log = { debug() {}, info() {}, warn() {}, error() {} };

before(async () => {
  register(`data:text/javascript,${encodeURIComponent(`export async function resolve(s, c, n) { return s === 'electron' ? { url: ${JSON.stringify(fakeUrl)}, shortCircuit: true } : n(s, c); }`)}`);
  fake = await import(fakeUrl) as Fake;
  security = await import('../../../electron/main/security.main.js');
  ipc = await import('../../../electron/main/ipc.main.js');
  windows = await import('../../../electron/main/window.main.js');
  protocolMain = await import('../../../electron/main/protocol.main.js');
});

class FakeContents extends EventEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  constructor(readonly id: number) { super(); }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) { this.openHandler = h; }
}
const prevented = () => { const e = { prevented: false, preventDefault() { e.prevented = true; } }; return e; };

test('every webContents (also ones created later) refuses navigation, redirects, sub-frame navigation, webviews and window.open', () => {
  security.installSecurityGuards(log as never);
  const hook = fake.calls.appOn.find(([e]) => e === 'web-contents-created');
  assert.ok(hook, 'a global web-contents-created guard is installed');
  const contents = new FakeContents(1);
  (hook[1] as (e: unknown, c: unknown) => void)({}, contents);
  for (const event of ['will-navigate', 'will-redirect']) {
    for (const url of ['https://evil.example/', 'app://lockout-lens/other.html', 'file:///etc/passwd', 'javascript:alert(1)']) {
      const e = prevented();
      contents.emit(event, e, url);
      assert.equal(e.prevented, true, `${event} ${url}`);
    }
  }
  const sub = Object.assign(prevented(), { isMainFrame: false, url: 'https://evil.example/' });
  contents.emit('will-frame-navigate', sub);
  assert.equal(sub.prevented, true);
  const webview = prevented();
  contents.emit('will-attach-webview', webview, {}, {});
  assert.equal(webview.prevented, true);
  assert.ok(contents.openHandler);
  const before = fake.calls.openExternal.length;
  for (const url of ['https://evil.example/', 'http://learn.microsoft.com/', 'file:///etc/passwd', 'ms-settings:', 'https://learn.microsoft.com.evil.example/', 'https://user@learn.microsoft.com/']) {
    assert.deepEqual(contents.openHandler({ url }), { action: 'deny' }, url);
  }
  assert.equal(fake.calls.openExternal.length, before, 'no untrusted URL reached shell.openExternal');
  assert.deepEqual(contents.openHandler({ url: 'https://learn.microsoft.com/entra/identity/' }), { action: 'deny' }, 'even allowlisted URLs never open in-app');
  assert.deepEqual(fake.calls.openExternal.slice(before), ['https://learn.microsoft.com/entra/identity/'], 'allowlisted https goes to the system browser');
  fig.add('checklist.glue.navigation');
});

test('the session refuses every permission request and check, and device access', () => {
  assert.ok(fake.calls.permissionRequest && fake.calls.permissionCheck && fake.calls.deviceHandler, 'handlers are installed on the default session');
  for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'pointerLock', 'hid', 'serial', 'usb', 'unknown-future-permission']) {
    let granted: boolean | undefined;
    fake.calls.permissionRequest({}, permission, (g: boolean) => { granted = g; });
    assert.equal(granted, false, permission);
    assert.equal(fake.calls.permissionCheck({}, permission), false, permission);
  }
  assert.equal(fake.calls.deviceHandler(), false);
  fig.add('checklist.glue.permissions');
});

test('openExternalSafely: only allowlisted https reaches the shell', async () => {
  const before = fake.calls.openExternal.length;
  assert.equal(await security.openExternalSafely('file:///etc/passwd', log as never), false);
  assert.equal(await security.openExternalSafely('https://evil.example/', log as never), false);
  assert.equal(await security.openExternalSafely('smb://host/share', log as never), false);
  assert.equal(fake.calls.openExternal.length, before);
  assert.equal(await security.openExternalSafely('https://portal.azure.com/', log as never), true);
  assert.equal(fake.calls.openExternal.length, before + 1);
});

test('IPC: a handler per channel; unknown webContents and sub-frames are refused before the router table; our main frame gets through', async () => {
  const reached: string[] = [];
  const table = Object.fromEntries(INVOKE_METHODS.map((m) => [m, async () => { reached.push(m); return { version: 'x', mode: 'none', tenant: null, profile: null, operator: null, online: false, asOf: null, lastSync: null, features: Object.fromEntries(['snapshot', 'diagnosis', 'evaluator', 'store', 'sync', 'emulator', 'exemption', 'auth'].map((f) => [f, false])) }; }]));
  ipc.bindRouter({ table: table as never, ctx: {} as never, senderPolicy: PRODUCTION_SENDER_POLICY });
  assert.deepEqual([...fake.calls.handle.keys()].sort(), INVOKE_METHODS.map(invokeChannel).sort());
  const handler = fake.calls.handle.get(invokeChannel('getAppState'))!;
  const ours = new FakeContents(7);
  ipc.trustWebContents(ours as never);
  const stranger = await handler({ sender: { id: 99 }, senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } }, {});
  assert.equal(stranger.error.code, 'forbiddenSender', 'a webContents we did not create');
  const iframe = await handler({ sender: { id: 7 }, senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: {} } }, {});
  assert.equal(iframe.error.code, 'forbiddenSender', 'a sub-frame of our window');
  const gone = await handler({ sender: { id: 7 }, senderFrame: null }, {});
  assert.equal(gone.error.code, 'forbiddenSender', 'a destroyed frame');
  const foreign = await handler({ sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } }, {});
  assert.equal(foreign.error.code, 'forbiddenSender', 'our window navigated to another origin');
  assert.deepEqual(reached, []);
  const okay = await handler({ sender: { id: 7 }, senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } }, {});
  assert.equal(okay.ok, true, JSON.stringify(okay));
  assert.deepEqual(reached, ['getAppState']);
  ours.emit('destroyed');
  const afterDestroy = await handler({ sender: { id: 7 }, senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } }, {});
  assert.equal(afterDestroy.error.code, 'forbiddenSender', 'ids are forgotten when their webContents is destroyed');
  fig.add('checklist.glue.ipc');
});

test('the main window is built from the secure options and loads app://, never file://', () => {
  const dir = mkdtempSync(join(tmpdir(), 'll-glue-'));
  try {
    windows.createMainWindow({ preloadPath: '/app/preload.cjs', stateFile: join(dir, 'window.json') });
    const win = fake.calls.windows.at(-1)!;
    const prefs = win.options.webPreferences;
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.webviewTag, false);
    assert.equal(prefs.allowRunningInsecureContent, false);
    assert.deepEqual(win.loaded, ['app://lockout-lens/index.html']);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('app:// is registered privileged without CSP bypass, and every answer — file, refusal, 404 — carries the CSP header', async () => {
  protocolMain.registerAppScheme();
  const scheme = fake.calls.privileged.find((s: { scheme: string }) => s.scheme === 'app');
  assert.ok(scheme && scheme.privileges.standard && scheme.privileges.secure && !scheme.privileges.bypassCSP);
  const dir = mkdtempSync(join(tmpdir(), 'll-glue-r-'));
  try {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    protocolMain.serveRenderer(dir, log as never);
    const handle = fake.calls.protocolHandle.get('app')!;
    for (const [url, status] of [['app://lockout-lens/index.html', 200], ['app://lockout-lens/../../etc/passwd', null], ['app://evil/index.html', null], ['app://lockout-lens/missing.html', 404]] as const) {
      const res: Response = await handle({ url, method: 'GET' });
      if (status) assert.equal(res.status, status, url); else assert.ok(res.status >= 400, `${url} → ${res.status}`);
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'|default-src 'none'/, `${url}: CSP header`);
      if (res.status !== 200) assert.doesNotMatch(await res.text(), /root:|\/etc\//, 'no file content in a refusal');
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
  fig.add('checklist.glue.protocol');
});
