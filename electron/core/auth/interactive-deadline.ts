import { AppError } from '../graph/app-error.js';
import type { OpenBrowser } from './session.js';

/** A person who closed the browser tab has gone; five minutes is ample for a real sign-in with MFA. */
export const DEFAULT_INTERACTIVE_TIMEOUT_MS = 5 * 60_000;

export interface InteractiveDeadline {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * Runs an MSAL interactive flow with a deadline and a cancel. MSAL's loopback listener waits for the
 * browser's form_post forever and offers no timeout or abort, so a closed tab would hang the app and keep
 * a port open. When the deadline passes (or the signal aborts) we answer MSAL's own loopback server
 * with an OAuth error for its own `state` — the only way to make MSAL give up and close the listener.
 */
export async function withInteractiveDeadline<T>(
  start: (openBrowser: OpenBrowser) => Promise<T>,
  openBrowser: OpenBrowser,
  deadline: InteractiveDeadline = {},
): Promise<T> {
  let authorizeUrl: URL | null = null;
  let gaveUp: AppError | null = null;
  const flow = start(async (url) => {
    authorizeUrl = new URL(url);
    await openBrowser(url);
  });

  const giveUp = (error: AppError) => {
    if (gaveUp) return;
    gaveUp = error;
    if (authorizeUrl) void releaseLoopback(authorizeUrl, error.message);
  };
  const timer = setTimeout(
    () => giveUp(new AppError('cancelled', `The sign-in timed out: the browser did not come back within ${Math.round((deadline.timeoutMs ?? DEFAULT_INTERACTIVE_TIMEOUT_MS) / 1000)} s.`)),
    deadline.timeoutMs ?? DEFAULT_INTERACTIVE_TIMEOUT_MS,
  );
  const onAbort = () => giveUp(new AppError('cancelled', 'The sign-in was cancelled.'));
  if (deadline.signal?.aborted) onAbort();
  deadline.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await flow;
  } catch (error) {
    throw gaveUp ?? error;
  } finally {
    clearTimeout(timer);
    deadline.signal?.removeEventListener('abort', onAbort);
  }
}

/** POSTs `error=access_denied` with MSAL's state to its loopback redirect URI (127.0.0.1, as MSAL binds). */
async function releaseLoopback(authorizeUrl: URL, reason: string): Promise<void> {
  const redirect = authorizeUrl.searchParams.get('redirect_uri');
  const state = authorizeUrl.searchParams.get('state');
  if (!redirect || !state) return;
  const target = new URL(redirect);
  if (target.protocol !== 'http:' || !['localhost', '127.0.0.1'].includes(target.hostname)) return;
  target.hostname = '127.0.0.1';
  await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ error: 'access_denied', error_description: reason, state }).toString(),
  }).catch(() => { /* already closed: MSAL finished on its own */ });
}
