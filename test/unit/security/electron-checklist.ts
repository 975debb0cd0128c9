/**
 * The 20 items of Electron's security checklist (electron/electron docs/tutorial/security.md,
 * paraphrased in /work/shared/reference/electron-anchors.md §2.1), each mapped to the tests that pin
 * it — or, where no test can, the reason. electron-checklist.test.ts checks every referenced test
 * still exists under that exact name, so this table cannot silently rot; RELIABILITY.md is rendered
 * from it by scripts/reliability-report.ts.
 */
export interface PinnedBy { readonly file: string; readonly test: string }
export interface ChecklistItem {
  readonly item: number;
  readonly title: string;
  readonly pinnedBy: readonly PinnedBy[];
  /** Why a part is not (or cannot be) a test on this machine. */
  readonly note?: string;
}

const POLICIES = 'test/unit/main/security-policies.test.ts';
const GLUE = 'test/unit/security/electron-glue.test.ts';
const CHECK = 'test/unit/security/electron-checklist.test.ts';
const E2E_APP = 'test/e2e/electron-app.test.ts';

export const CHECKLIST: readonly ChecklistItem[] = [
  { item: 1, title: 'Only load secure content', pinnedBy: [
    { file: CHECK, test: 'item 1: the renderer loads nothing over plain http; the CSP allows only self' },
    { file: POLICIES, test: 'CSP: exactly the strict policy, no unsafe keywords, no remote origins' }] },
  { item: 2, title: 'No Node.js integration for remote content', pinnedBy: [
    { file: POLICIES, test: 'webPreferences: sandboxed, isolated, no node, web security on, no webview' },
    { file: GLUE, test: 'the main window is built from the secure options and loads app://, never file://' }] },
  { item: 3, title: 'Context isolation', pinnedBy: [
    { file: POLICIES, test: 'webPreferences: sandboxed, isolated, no node, web security on, no webview' },
    { file: GLUE, test: 'the main window is built from the secure options and loads app://, never file://' }],
  note: 'Electronegativity flags CONTEXT_ISOLATION_JS_CHECK on window.main.ts because it cannot follow mainWindowOptions(); explained in .electronegativity/allowlist.json.' },
  { item: 4, title: 'Process sandboxing', pinnedBy: [
    { file: POLICIES, test: 'webPreferences: sandboxed, isolated, no node, web security on, no webview' },
    { file: CHECK, test: 'item 4: the preload is one self-contained CommonJS bundle with no require() of Node modules' }] },
  { item: 5, title: 'Session permission request handler', pinnedBy: [
    { file: POLICIES, test: 'every permission request and check is refused' },
    { file: GLUE, test: 'the session refuses every permission request and check, and device access' }] },
  { item: 6, title: 'Do not disable webSecurity', pinnedBy: [
    { file: POLICIES, test: 'webPreferences: sandboxed, isolated, no node, web security on, no webview' },
    { file: CHECK, test: 'items 6, 8, 9, 10: no source turns off webSecurity or turns on insecure content, experimental or Blink features' }] },
  { item: 7, title: 'Content Security Policy', pinnedBy: [
    { file: POLICIES, test: 'CSP: exactly the strict policy, no unsafe keywords, no remote origins' },
    { file: GLUE, test: 'app:// is registered privileged without CSP bypass, and every answer — file, refusal, 404 — carries the CSP header' }] },
  { item: 8, title: 'Do not enable allowRunningInsecureContent', pinnedBy: [
    { file: POLICIES, test: 'webPreferences: sandboxed, isolated, no node, web security on, no webview' },
    { file: CHECK, test: 'items 6, 8, 9, 10: no source turns off webSecurity or turns on insecure content, experimental or Blink features' }] },
  { item: 9, title: 'Do not enable experimental features', pinnedBy: [
    { file: POLICIES, test: 'webPreferences: sandboxed, isolated, no node, web security on, no webview' },
    { file: CHECK, test: 'items 6, 8, 9, 10: no source turns off webSecurity or turns on insecure content, experimental or Blink features' }] },
  { item: 10, title: 'Do not use enableBlinkFeatures', pinnedBy: [
    { file: POLICIES, test: 'webPreferences: sandboxed, isolated, no node, web security on, no webview' },
    { file: CHECK, test: 'items 6, 8, 9, 10: no source turns off webSecurity or turns on insecure content, experimental or Blink features' }] },
  { item: 11, title: '<webview>: do not use allowpopups', pinnedBy: [
    { file: POLICIES, test: 'webPreferences: sandboxed, isolated, no node, web security on, no webview' },
    { file: CHECK, test: 'items 11, 12: no <webview> anywhere in the renderer' }], note: 'webviewTag is false, so no <webview> can exist to carry allowpopups.' },
  { item: 12, title: 'Verify webview options before creation', pinnedBy: [
    { file: POLICIES, test: 'navigation and webview attachment are always refused' },
    { file: GLUE, test: 'every webContents (also ones created later) refuses navigation, redirects, sub-frame navigation, webviews and window.open' }] },
  { item: 13, title: 'Disable or limit navigation', pinnedBy: [
    { file: POLICIES, test: 'navigation and webview attachment are always refused' },
    { file: GLUE, test: 'every webContents (also ones created later) refuses navigation, redirects, sub-frame navigation, webviews and window.open' },
    { file: E2E_APP, test: 'navigation away from the app is refused' }], note: 'The e2e test runs only where an Electron binary exists (release machines); it says so when skipped.' },
  { item: 14, title: 'Disable or limit creation of new windows', pinnedBy: [
    { file: POLICIES, test: 'window.open is always denied; allowlisted https goes to the system browser, the rest nowhere' },
    { file: GLUE, test: 'every webContents (also ones created later) refuses navigation, redirects, sub-frame navigation, webviews and window.open' }] },
  { item: 15, title: 'Do not use shell.openExternal with untrusted content', pinnedBy: [
    { file: POLICIES, test: 'openExternal allowlist: tricky URLs are refused' },
    { file: GLUE, test: 'openExternalSafely: only allowlisted https reaches the shell' },
    { file: CHECK, test: 'item 15: shell.openExternal is called only in security.main.ts, behind the allowlist' }] },
  { item: 16, title: 'Use a current version of Electron', pinnedBy: [
    { file: CHECK, test: 'item 16: Electron is pinned to an exact, current major version' }],
  note: 'Which releases carry security fixes needs GitHub (Electronegativity\'s AvailableSecurityFixesGlobalCheck is excluded offline); upgrades are a release-machine task.' },
  { item: 17, title: 'Validate the sender of all IPC messages', pinnedBy: [
    { file: 'test/unit/contract/router.test.ts', test: 'sender check: only our origin, main frame' },
    { file: 'test/unit/security/ipc-fuzz.test.ts', test: 'random senders and channels: only our main frame on app://lockout-lens gets past the router, and unknown channels never resolve' },
    { file: 'test/unit/security/ipc-fuzz.test.ts', test: 'random and hostile payloads on every channel: refused by schema, never reach a handler outside it' },
    { file: GLUE, test: 'IPC: a handler per channel; unknown webContents and sub-frames are refused before the router table; our main frame gets through' }] },
  { item: 18, title: 'Avoid file://, use a custom protocol', pinnedBy: [
    { file: 'test/unit/main/protocol-and-state.test.ts', test: "app:// refuses traversal, other hosts, odd methods and unknown file types" },
    { file: GLUE, test: 'the main window is built from the secure options and loads app://, never file://' }] },
  { item: 19, title: 'Check which fuses you can change', pinnedBy: [
    { file: 'test/unit/packaging/builder-config.test.ts', test: 'release fuses: no run-as-node, no NODE_OPTIONS, no inspector, asar-only with integrity, cookies encrypted' }],
  note: 'Tested on the electron-builder config; the flipped fuses of a packaged binary are read with `npx @electron/fuses read` on the release machine.' },
  { item: 20, title: 'Do not expose Electron APIs to untrusted web content', pinnedBy: [
    { file: 'test/unit/contract/preload-bridge.test.ts', test: 'the bridge has one function per contract method plus on — nothing else' },
    { file: 'test/unit/contract/preload-bridge.test.ts', test: 'event listeners get only the payload, and unsubscribe removes them' },
    { file: 'test/unit/contract/preload-bridge.test.ts', test: 'preload source: a single exposeInMainWorld of the generated bridge, no other Electron API' }] },
];
