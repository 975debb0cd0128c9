/**
 * The one network seam of the app. MSAL's networkClient and graph-client's last middleware both
 * send through a Transport, so the same code talks to Microsoft clouds or to the local emulator.
 *
 * WHY a custom client for the emulator origin: the emulator serves HTTPS with a certificate made per
 * run. Trusting it must not weaken TLS for anything else, so it is passed as `ca` to `https.request`
 * for requests to that exact origin only. Verification is never disabled and no process-wide trust
 * (NODE_EXTRA_CA_CERTS, a global agent) is touched. Every other URL goes through the global fetch.
 */
import https from 'node:https';
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';

export type Transport = (url: string | URL, init?: RequestInit) => Promise<Response>;

export interface TransportOptions {
  /** Trust `caPem` for requests to exactly `origin` (scheme + host + port), nothing else. */
  trust?: { origin: string; caPem: string };
}

export function createTransport(opts: TransportOptions = {}): Transport {
  const trust = opts.trust ? { origin: new URL(opts.trust.origin).origin, caPem: opts.trust.caPem } : undefined;
  if (trust && !trust.origin.startsWith('https://')) {
    throw new Error(`createTransport: trusted origin must be https, got ${trust.origin}`);
  }
  // One agent per transport keeps connections to the emulator alive without sharing its trust.
  const agent = trust ? new https.Agent({ ca: trust.caPem, keepAlive: true }) : undefined;
  return async (url, init) => {
    const target = new URL(typeof url === 'string' ? url : url.href);
    if (trust && agent && target.origin === trust.origin) return requestPinned(target, init ?? {}, agent);
    return fetch(target, init);
  };
}

/** Headers as a plain list of [name, value] pairs, whatever shape the caller used. */
function headerPairs(headers: HeadersInit | undefined): [string, string][] {
  if (!headers) return [];
  return [...new Headers(headers).entries()];
}

async function bodyBytes(body: BodyInit | null | undefined): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof URLSearchParams) return Buffer.from(body.toString(), 'utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  // Blob, FormData, ReadableStream: let the platform serialise them.
  return Buffer.from(await new Response(body).arrayBuffer());
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException('This operation was aborted', 'AbortError');
}

async function requestPinned(target: URL, init: RequestInit, agent: https.Agent): Promise<Response> {
  const signal = init.signal ?? undefined;
  if (signal?.aborted) throw abortError(signal);
  const body = await bodyBytes(init.body);
  const method = (init.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = {};
  for (const [k, v] of headerPairs(init.headers)) headers[k] = v;
  if (body && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-length')) {
    headers['content-length'] = String(body.length);
  }
  if (body && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type') && typeof init.body === 'string') {
    headers['content-type'] = 'text/plain;charset=UTF-8';
  }
  if (body && init.body instanceof URLSearchParams && !headers['content-type']) {
    headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
  }

  return new Promise<Response>((resolve, reject) => {
    const req = https.request(target, { method, headers, agent });
    let settled = false;
    const onAbort = () => {
      const err = abortError(signal!);
      req.destroy(err);
      if (!settled) { settled = true; reject(err); }
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      if (!settled) { settled = true; reject(new TypeError(`fetch failed: ${err.message}`, { cause: err })); }
    });
    req.on('response', (res: IncomingMessage) => {
      settled = true;
      res.on('close', () => signal?.removeEventListener('abort', onAbort));
      resolve(toResponse(res, target, method));
    });
    if (body) req.end(body); else req.end();
  });
}

function toResponse(res: IncomingMessage, target: URL, method: string): Response {
  const headers = new Headers();
  for (let i = 0; i < res.rawHeaders.length; i += 2) {
    headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
  }
  const status = res.statusCode ?? 0;
  const nullBody = method === 'HEAD' || status === 204 || status === 205 || status === 304;
  let body: ReadableStream<Uint8Array> | null = null;
  if (nullBody) {
    res.resume();
  } else {
    // A premature close (truncated body, reset) must surface as a stream error, like fetch does,
    // not as a short but "complete" body.
    res.on('aborted', () => res.destroy(new Error('terminated: the connection closed before the body was complete')));
    body = Readable.toWeb(res) as ReadableStream<Uint8Array>;
  }
  const response = new Response(body, { status, statusText: res.statusMessage ?? '', headers });
  Object.defineProperty(response, 'url', { value: target.href });
  return response;
}
