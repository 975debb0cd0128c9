/**
 * Which URLs may leave the app for the system browser (Electron security checklist items 14, 15).
 *
 * `shell.openExternal` can launch any registered protocol handler, so only https URLs whose host is
 * exactly on this list pass. The URL is parsed with WHATWG `new URL` (which lower-cases the host,
 * converts IDN to punycode and exposes userinfo), then compared by equality — never with
 * startsWith/endsWith, which `https://learn.microsoft.com.evil.example` would fool.
 */
export const EXTERNAL_HOST_ALLOWLIST: ReadonlySet<string> = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.partner.microsoftonline.cn',
  'learn.microsoft.com',
  'entra.microsoft.com',
  'portal.azure.com',
  'aka.ms',
  'learn.jamf.com',
  'docs.jamf.com',
]);

export type ExternalUrlVerdict =
  | { readonly allowed: true; readonly url: string }
  | { readonly allowed: false; readonly reason: string };

export function checkExternalUrl(raw: unknown): ExternalUrlVerdict {
  if (typeof raw !== 'string') return { allowed: false, reason: 'not a string' };
  if (raw.length > 2048) return { allowed: false, reason: 'URL longer than 2048 characters' };
  // Control characters and whitespace are stripped by the URL parser; refuse them instead of guessing.
  if (/[\u0000-\u0020\u007f]/.test(raw)) return { allowed: false, reason: 'URL contains whitespace or control characters' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { allowed: false, reason: 'not an absolute URL' };
  }
  if (url.protocol !== 'https:') return { allowed: false, reason: `scheme ${url.protocol} is not https:` };
  if (url.username || url.password) return { allowed: false, reason: 'URL carries credentials (userinfo)' };
  if (url.port !== '') return { allowed: false, reason: `explicit port ${url.port}` };
  if (!EXTERNAL_HOST_ALLOWLIST.has(url.hostname)) {
    return { allowed: false, reason: `host ${url.hostname} is not on the allowlist` };
  }
  return { allowed: true, url: url.href };
}
