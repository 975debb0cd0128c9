/** Small formatting helpers shared by views. Output is always plain text. */

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const minutes = Math.round((now - t) / 60000);
  if (Math.abs(minutes) < 1) return 'just now';
  if (Math.abs(minutes) < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

const CAUSE_WORDS: Record<string, string> = {
  'ca-block': 'a Conditional Access policy blocks the sign-in',
  'ca-location': 'a location rule in Conditional Access blocks the sign-in',
  'ca-device': 'Conditional Access requires a compliant or registered device',
  'mfa-interaction': 'MFA is required (Jamf Connect treats this as a correct password)',
  'mfa-noise': 'only MFA prompts — log noise, not a lockout',
  credentials: 'the password is wrong, expired or locked',
  'account-state': 'the account is disabled or locked',
  risk: 'Identity Protection flags the sign-in as risky',
  'tenant-policy': 'a tenant-wide setting blocks the sign-in',
  'app-config': 'the Jamf Connect app registration is misconfigured',
  consent: 'the Jamf Connect app lacks consent',
  session: 'the session or token was rejected',
  healthy: 'the last password check succeeded',
  exempted: 'the last password check succeeded through an exemption',
  'no-sign-ins': 'no Jamf Connect sign-ins in the window',
  other: 'another error',
};

export function describeCause(cause: string): string {
  return CAUSE_WORDS[cause] ?? cause;
}

const ACTION_WORDS: Record<string, string> = {
  exemptFromPolicy: 'Exempt Jamf Connect from this policy',
  switchToCustomApiScope: "Switch Jamf Connect to Jamf's Conditional Access Policy API scope",
  configureBaselineScopeSetting: 'Review the tenant baseline-scope setting',
  reduceMfaNoise: 'Reduce MFA noise from Jamf Connect',
  verifyWithTestSignIn: 'Verify with a test sign-in',
  investigate: 'Investigate further',
  resetPassword: 'Reset the password',
  unlock: 'Unlock the account',
  enableAccount: 'Enable the account',
};

export function describeAction(action: string): string {
  return ACTION_WORDS[action] ?? action.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

/**
 * Bidi override and isolate controls (U+202A–U+202E, U+2066–U+2069) let a name like
 * "\u202Egnp.exe" display as "exe.png". Names from the tenant are shown with those controls made
 * visible, so what the agent reads is what the directory holds. RLM/LRM marks are harmless and kept.
 */
export function showControls(text: string): string {
  return text.replace(/[\u202A-\u202E\u2066-\u2069]/g, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase()}]`);
}

/** "4 hours", "3 days", "90 min": a span in the words a person would say. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60000);
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  const days = Math.round(hours / 24);
  return `${days} days`;
}

/**
 * How long until `iso`, or null when that cannot be said honestly: the renderer's clock is not the
 * app's (tests run the app at a fixed date), so a "remaining" longer than the whole span, or already
 * past, is left out rather than shown wrong. The absolute time is always shown beside it.
 */
export function formatRemaining(iso: string | null, spanMs: number | null, now = Date.now()): string | null {
  if (!iso) return null;
  const left = Date.parse(iso) - now;
  if (Number.isNaN(left) || left <= 0 || (spanMs !== null && left > spanMs + 60000)) return null;
  return `in ${formatDuration(left)}`;
}
