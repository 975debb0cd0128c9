/**
 * Whether the app checks for updates, and where. Off unless configured: a helpdesk tool must not phone
 * home by surprise. It is on only in a packaged build that was built with a feed (electron-builder writes
 * app-update.yml when LOCKOUT_LENS_UPDATE_URL is set at build time), or when an administrator points it at
 * a feed at run time with the same variable. Feeds must be https — an update is code we will run.
 */
export type UpdateDecision =
  | { readonly enabled: false; readonly reason: string }
  | { readonly enabled: true; readonly feedUrl: string | null };

export interface UpdateInputs {
  readonly isPackaged: boolean;
  /** app-update.yml exists next to the app (written by electron-builder from the build-time feed). */
  readonly hasBuiltInFeed: boolean;
  /** LOCKOUT_LENS_UPDATE_URL at run time, if any. */
  readonly envFeedUrl: string | undefined;
}

export function decideUpdates(inputs: UpdateInputs): UpdateDecision {
  if (!inputs.isPackaged) return { enabled: false, reason: 'development build' };
  const env = inputs.envFeedUrl?.trim();
  if (env) {
    let url: URL;
    try { url = new URL(env); } catch { return { enabled: false, reason: 'LOCKOUT_LENS_UPDATE_URL is not a URL' }; }
    if (url.protocol !== 'https:') return { enabled: false, reason: 'LOCKOUT_LENS_UPDATE_URL must be an https URL' };
    if (url.username || url.password) return { enabled: false, reason: 'LOCKOUT_LENS_UPDATE_URL must not carry credentials' };
    return { enabled: true, feedUrl: url.href };
  }
  if (inputs.hasBuiltInFeed) return { enabled: true, feedUrl: null };
  return { enabled: false, reason: 'no update feed configured' };
}
