/**
 * The renderer's Content Security Policy (Electron security checklist item 7).
 *
 * Sent as an HTTP header on every app:// response (a header, unlike a <meta> tag, also covers the
 * document itself before any markup is parsed). No inline script, no eval, no remote origin at all:
 * the renderer talks to the world only through the IPC bridge. Svelte 5 and Vite's production build
 * emit external scripts and stylesheets only, so 'self' is enough.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

/** Every header the app:// handler (and the browser harness's static server) sends with a response. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}
