/**
 * Who may call the IPC router (Electron security checklist item 17, VS Code's model).
 *
 * Only our own renderer's main frame on our own origin. iframes, child windows, file:// pages,
 * devtools-opened pages and anything else are refused — and the refusal says why, so a log line
 * explains a broken call instead of it failing silently.
 */

/** What a host knows about the frame that sent a message. */
export interface SenderInfo {
  /** URL of the sending frame (Electron: `event.senderFrame.url`; Playwright: `source.frame.url()`). */
  readonly url: string;
  /** True when the sending frame is the top-level frame of its page. */
  readonly isMainFrame: boolean;
}

/** The origin the app serves its renderer from (see electron/main/app-protocol.ts). */
export const APP_ORIGIN = 'app://lockout-lens';

export interface SenderPolicy {
  /** Exact origins allowed, as `URL.origin` prints them. Production: only APP_ORIGIN. */
  readonly allowedOrigins: readonly string[];
}

export const PRODUCTION_SENDER_POLICY: SenderPolicy = { allowedOrigins: [APP_ORIGIN] };

export type SenderVerdict = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/**
 * Custom schemes: `new URL('app://lockout-lens/x').origin` is the string "null" in Node and
 * Chromium for non-special schemes, so the origin is rebuilt from protocol and host.
 */
function originOf(url: URL): string {
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  return `${url.protocol}//${url.host}`;
}

export function checkSender(sender: SenderInfo | null | undefined, policy: SenderPolicy): SenderVerdict {
  if (!sender) return { allowed: false, reason: 'no sender frame (it was destroyed or navigated away)' };
  if (!sender.isMainFrame) return { allowed: false, reason: `sender is a sub-frame (${sender.url || 'empty url'})` };
  let parsed: URL;
  try {
    parsed = new URL(sender.url);
  } catch {
    return { allowed: false, reason: `sender URL is not a URL (${JSON.stringify(sender.url.slice(0, 200))})` };
  }
  if (parsed.username || parsed.password) return { allowed: false, reason: 'sender URL carries credentials' };
  const origin = originOf(parsed);
  if (!policy.allowedOrigins.includes(origin)) {
    return { allowed: false, reason: `sender origin ${origin} is not ${policy.allowedOrigins.join(' or ')}` };
  }
  return { allowed: true };
}
