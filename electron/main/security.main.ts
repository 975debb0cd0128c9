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

/**
 * MSAL's authorize URL for interactive sign-in, to the system browser: allowlisted like every
 * external URL, and additionally only on the profile's own authority host.
 */
export async function openSignInPageSafely(url: string, authorityHost: string, log: Logger): Promise<void> {
  const verdict = checkExternalUrl(url);
  const authority = new URL(authorityHost).host;
  if (!verdict.allowed || new URL(verdict.url).host !== authority) {
    log.warn('sign-in page refused', { authority, reason: verdict.allowed ? 'not the profile\'s authority' : verdict.reason });
    throw new Error(`refusing to open a sign-in page outside ${authority}`);
  }
  await shell.openExternal(verdict.url);
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
