/**
 * The app:// scheme that serves the renderer (Electron security checklist item 18: a custom
 * protocol instead of file://, so a compromised page cannot read arbitrary files).
 *
 * `resolveAppRequest` is the whole policy: only GET/HEAD, only our host, the decoded path
 * normalised and required to stay inside the renderer's dist folder; everything else is refused
 * with a status and a reason for the log.
 */
import { extname, isAbsolute, join, normalize, relative, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'lockout-lens';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Arguments for `protocol.registerSchemesAsPrivileged`: standard (real origin, relative URLs work)
 * and secure (treated like https). No bypassCSP, no corsEnabled, no stream privileges we don't use.
 */
export const PRIVILEGED_SCHEME = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, bypassCSP: false, corsEnabled: false, stream: false },
} as const;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(filePath: string): string | null {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? null;
}

export type AppRequestResolution =
  | { readonly ok: true; readonly filePath: string; readonly contentType: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404 | 405; readonly reason: string };

/**
 * Map a request on app:// to a file under `root` (an absolute path), or refuse it.
 * The path is percent-decoded once, then normalised; encoded `%2e%2e` and `%2f` therefore cannot
 * smuggle a `..` past the check, and a second decode never happens.
 */
export function resolveAppRequest(root: string, requestUrl: string, method = 'GET'): AppRequestResolution {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405, reason: `method ${method} not allowed` };
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:`) return { ok: false, status: 400, reason: `scheme ${url.protocol} is not app:` };
  if (url.host !== APP_HOST) return { ok: false, status: 403, reason: `host ${url.host || '(empty)'} is not ${APP_HOST}` };
  if (url.username || url.password) return { ok: false, status: 403, reason: 'credentials in URL' };

  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (decoded.includes('\0')) return { ok: false, status: 400, reason: 'NUL byte in path' };
  // Backslashes are path separators on Windows; refuse them everywhere so behaviour is identical.
  if (decoded.includes('\\')) return { ok: false, status: 400, reason: 'backslash in path' };

  // The URL parser already resolved literal dot segments; one that appears only after decoding was
  // percent-encoded on purpose (%2e%2e) — a probe, refused even if it would land inside the root.
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) {
    return { ok: false, status: 403, reason: `encoded dot segment in path (${decoded.slice(0, 200)})` };
  }
  const wanted = decoded === '/' || decoded === '' ? '/index.html' : decoded;
  const relativeWanted = normalize(wanted).replace(/^[/\\]+/, '');
  const filePath = join(root, relativeWanted);
  const rel = relative(root, filePath);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
    return { ok: false, status: 403, reason: `path escapes the renderer root (${decoded.slice(0, 200)})` };
  }
  const contentType = contentTypeFor(filePath);
  if (!contentType) return { ok: false, status: 404, reason: `no content type for ${extname(filePath) || 'extensionless file'}` };
  return { ok: true, filePath, contentType };
}
