/**
 * Electron glue for the security policies in navigation-policy.ts / external-links.ts: applied to
 * every webContents ever created (Desktop's global 'web-contents-created' guard) and to the session.
 */
import { app, session, shell, type WebContents } from 'electron';
import { checkExternalUrl } from './external-links.js';
import type { Logger } from './log.js';
import { decidePermissionCheck, decidePermissionRequest, decideWindowOpen } from './navigation-policy.js';

/** The only way the app opens a URL outside itself: allowlisted https, parsed, logged. */
export async function openExternalSafely(url: string, log: Logger): Promise<boolean> {
  const verdict = checkExternalUrl(url);
  if (!verdict.allowed) {
    log.warn('openExternal refused', { reason: verdict.reason });
    return false;
  }
  await shell.openExternal(verdict.url);
  return true;
}

function guardContents(contents: WebContents, log: Logger): void {
  const refuse = (what: string) => (event: { preventDefault(): void }, url: string) => {
    event.preventDefault();
    log.warn(`${what} refused`, { url: url.slice(0, 300) });
  };
  contents.on('will-navigate', refuse('navigation'));
  contents.on('will-redirect', refuse('redirect'));
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) {
      event.preventDefault();
      log.warn('sub-frame navigation refused', { url: event.url.slice(0, 300) });
    }
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview attach refused');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) void shell.openExternal(decision.openExternally);
    else log.warn('window.open refused', { reason: decision.reason });
    return { action: 'deny' };
  });
}

export function installSecurityGuards(log: Logger): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents, log));
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => {
    log.warn('permission request refused', { permission });
    callback(decidePermissionRequest(permission));
  });
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => decidePermissionCheck(permission));
  session.defaultSession.setDevicePermissionHandler(() => false);
}
