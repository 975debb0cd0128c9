/**
 * Navigation, redirects, new windows, webviews and permissions (checklist items 5, 12, 13, 14).
 *
 * The renderer is a single page served from app://; it never needs to navigate, open a window,
 * embed a webview or ask for a permission. So the policies are "deny", with one exception:
 * a window.open/link to an allowlisted https URL is handed to the system browser instead.
 */
import { checkExternalUrl } from './external-links.js';

/** will-navigate / will-redirect / will-frame-navigate: always refused. */
export function shouldPreventNavigation(_url: string): true {
  return true;
}

export interface WindowOpenDecision {
  /** What setWindowOpenHandler returns: never 'allow'. */
  readonly action: 'deny';
  /** Set when the URL should be opened in the system browser instead. */
  readonly openExternally: string | null;
  readonly reason: string;
}

export function decideWindowOpen(url: string): WindowOpenDecision {
  const verdict = checkExternalUrl(url);
  if (verdict.allowed) return { action: 'deny', openExternally: verdict.url, reason: 'allowlisted; opened in the system browser' };
  return { action: 'deny', openExternally: null, reason: verdict.reason };
}

/** session.setPermissionRequestHandler: every permission (camera, notifications, clipboard-read…) refused. */
export function decidePermissionRequest(_permission: string): false {
  return false;
}

/** session.setPermissionCheckHandler: every check answers "not granted". */
export function decidePermissionCheck(_permission: string): false {
  return false;
}

/** will-attach-webview: the app has no webviews; any attempt is refused. */
export function shouldPreventWebviewAttach(): true {
  return true;
}
