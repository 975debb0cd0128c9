/** Electron glue for app:// (policy in app-protocol.ts, headers in csp.ts). */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, PRIVILEGED_SCHEME, resolveAppRequest } from './app-protocol.js';
import { securityHeaders } from './csp.js';
import type { Logger } from './log.js';

/** Must run before the app's `ready` event. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([PRIVILEGED_SCHEME]);
}

export function serveRenderer(root: string, log: Logger): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppRequest(root, request.url, request.method);
    if (!resolved.ok) {
      log.warn('app:// request refused', { url: request.url.slice(0, 300), reason: resolved.reason });
      return new Response(resolved.reason, { status: resolved.status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() } });
    }
    try {
      const body = await readFile(resolved.filePath);
      return new Response(body, { status: 200, headers: { 'Content-Type': resolved.contentType, ...securityHeaders() } });
    } catch {
      return new Response('not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() } });
    }
  });
}
