import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { networkCode, OFFLINE_ERROR_NAME } from './errors.js';
import { sleep } from './pacing.js';

/**
 * Retries idempotent requests (GET) whose connection failed — refused, reset, or cut off in the
 * middle of the body — which graph-client's RetryHandler does not cover (it only looks at status
 * codes). The body is read here, inside the chain, so a reset during a 1,000-row page is retried
 * instead of surfacing later as a JSON error. When retries run out the error is re-thrown under a
 * recognisable name so mapGraphError can say "offline" after graph-client has wrapped it.
 */
export interface NetworkRetryOptions {
  readonly retries?: number;
  readonly baseDelayMs?: number;
}

export class NetworkRetryMiddleware implements Middleware {
  private next?: Middleware;
  private readonly retries: number;
  private readonly baseDelayMs: number;
  constructor(options: NetworkRetryOptions = {}) {
    this.retries = options.retries ?? 3;
    // 200 + 400 + 800 ms: rides out a reset, yet an offline machine falls back to the cache in ~1.5 s.
    this.baseDelayMs = options.baseDelayMs ?? 200;
  }

  async execute(context: Context): Promise<void> {
    const init = (context.options ?? {}) as RequestInit;
    const method = (init.method ?? (typeof context.request === 'string' ? 'GET' : context.request.method)).toUpperCase();
    const idempotent = method === 'GET' || method === 'HEAD';
    for (let attempt = 0; ; attempt++) {
      try {
        await this.next!.execute(context);
        if (context.response && idempotent) context.response = await buffered(context.response);
        return;
      } catch (error) {
        if (init.signal?.aborted || (error as { name?: string }).name === 'AbortError') throw error;
        if (!idempotent || attempt >= this.retries) throw offline(error);
        await sleep(this.baseDelayMs * 2 ** attempt, init.signal ?? undefined);
      }
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

async function buffered(response: Response): Promise<Response> {
  if (response.body === null) return response;
  const bytes = await response.arrayBuffer();
  const copy = new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
  Object.defineProperty(copy, 'url', { value: response.url });
  return copy;
}

function offline(error: unknown): Error {
  const code = networkCode(error);
  const message = (error as Error)?.message ?? String(error);
  const wrapped = new Error(code ? `${code}: ${message}` : message, { cause: error });
  wrapped.name = OFFLINE_ERROR_NAME;
  return wrapped;
}
