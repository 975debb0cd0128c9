/**
 * The exemption workflow's view of Graph: raw requests that return status, body and request id
 * instead of throwing, because every write must be audited with its outcome — failures included —
 * and read-back decisions need the status (404 = "not there yet"). Sent through the app's one
 * network seam (net/transport), so the same code talks to Entra or to the emulator.
 */
import type { Transport } from '../net/transport.js';

export interface GraphReply {
  readonly status: number;
  readonly body: unknown;
  /** `request-id` response header (or innerError['request-id']) — recorded in the audit log. */
  readonly requestId: string | null;
  /** Raw Retry-After header, if any (CA endpoints send none on 429). */
  readonly retryAfter: string | null;
}

export interface GraphCaller {
  call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, headers?: Record<string, string>): Promise<GraphReply>;
}

export interface HttpGraphCallerOptions {
  /** Version root, e.g. `https://graph.microsoft.com/v1.0` or the emulator's `<origin>/v1.0`. */
  readonly graphBase: string;
  readonly transport: Transport;
  readonly getAccessToken: () => Promise<string>;
  readonly signal?: AbortSignal;
}

export function createHttpGraphCaller(opts: HttpGraphCallerOptions): GraphCaller {
  const base = opts.graphBase.replace(/\/+$/u, '');
  return {
    async call(method, path, body, headers = {}) {
      const token = await opts.getAccessToken();
      const init: RequestInit = {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(opts.signal ? { signal: opts.signal } : {}),
      };
      const res = await opts.transport(`${base}${path}`, init);
      const text = await res.text();
      let parsed: unknown = null;
      if (text) {
        try { parsed = JSON.parse(text); } catch { parsed = text; }
      }
      const inner = (parsed as { error?: { innerError?: Record<string, unknown> } } | null)?.error?.innerError;
      const requestId = res.headers.get('request-id') ?? (typeof inner?.['request-id'] === 'string' ? inner['request-id'] : null);
      return { status: res.status, body: parsed, requestId, retryAfter: res.headers.get('retry-after') };
    },
  };
}

/** A non-2xx Graph answer as an error value with the parts an admin and the audit log need. */
export class GraphWriteError extends Error {
  override readonly name = 'GraphWriteError';
  constructor(
    readonly status: number,
    readonly graphCode: string | null,
    message: string,
    readonly requestId: string | null,
  ) {
    super(message);
  }

  static from(reply: GraphReply, what: string): GraphWriteError {
    const err = (reply.body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const code = typeof err?.code === 'string' ? err.code : null;
    const msg = typeof err?.message === 'string' ? err.message : `HTTP ${reply.status}`;
    const hint = reply.status === 403 ? ' (missing role or permission — run the preflight check)' : reply.status === 429 ? ' (throttled)' : '';
    return new GraphWriteError(reply.status, code, `${what} failed: ${reply.status}${code ? ` ${code}` : ''}: ${msg}${hint}`, reply.requestId);
  }
}
