import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { parseRetryAfter, sleep } from './pacing.js';

/**
 * Retries on Graph's answers that mean "try again" (graph-facts §5, docs `concepts/best-practices`,
 * `throttling`), in place of graph-client's stock RetryHandler — which retries 429/503/504 for
 * every method, PATCH and POST included, and never 500/502.
 *   429 (any method): Graph did not process the request, so resending is safe. Waits exactly
 *       Retry-After, or our own back-off when there is none (the CA endpoints send none). The
 *       pacing middleware below closes the bucket for every caller for the same time.
 *   500, 502, 503, 504 on GET/HEAD only: transient gateway / service errors (503 and 504 often with
 *       Retry-After). Bounded retries with exponential back-off and jitter — jitter so that the
 *       concurrent windows of a sync that all failed together do not come back together.
 *       A write (PATCH/POST/PUT/DELETE) that got a 5xx may or may not have happened; it is never
 *       resent here — the exemption path re-reads the tenant and verifies instead.
 * Other statuses (400, 401, 403, 404, 501 …) are answers, not transient states: returned as they are.
 */
export interface StatusRetryOptions {
  /** Retries of a 429 (any method). Default 5. */
  readonly maxRetries?: number;
  /** Retries of a 5xx on a read. Default 3. */
  readonly serverErrorRetries?: number;
  /** First back-off when the response names no Retry-After (doubled per retry). Default 1000 ms. */
  readonly baseDelayMs?: number;
  /** Longest wait taken from a Retry-After or the back-off. Default 60 s. */
  readonly maxDelayMs?: number;
  /** For tests: the jitter's randomness (0 ≤ x < 1). */
  readonly random?: () => number;
}

export const RETRIED_SERVER_ERRORS: ReadonlySet<number> = new Set([500, 502, 503, 504]);

export class StatusRetryMiddleware implements Middleware {
  private next?: Middleware;
  private readonly maxRetries: number;
  private readonly serverErrorRetries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;

  constructor(options: StatusRetryOptions = {}) {
    this.maxRetries = options.maxRetries ?? 5;
    this.serverErrorRetries = options.serverErrorRetries ?? 3;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.random = options.random ?? Math.random;
  }

  async execute(context: Context): Promise<void> {
    const init = (context.options ?? {}) as RequestInit;
    const method = (init.method ?? (typeof context.request === 'string' ? 'GET' : context.request.method)).toUpperCase();
    const idempotent = method === 'GET' || method === 'HEAD';
    let throttled = 0;
    let failed = 0;
    for (;;) {
      await this.next!.execute(context);
      const response = context.response;
      if (!response) return;
      let attempt: number;
      if (response.status === 429 && throttled < this.maxRetries) attempt = ++throttled;
      else if (idempotent && RETRIED_SERVER_ERRORS.has(response.status) && failed < this.serverErrorRetries) attempt = ++failed;
      else return;
      const told = parseRetryAfter(response.headers.get('retry-after'), Date.now());
      // Retry-After is exact (Graph computed it); our own back-off gets "equal jitter": half fixed, half random.
      const backoff = this.baseDelayMs * 2 ** (attempt - 1);
      const ms = Math.min(this.maxDelayMs, told ?? (response.status === 429 ? backoff : backoff / 2 + this.random() * (backoff / 2)));
      await response.body?.cancel().catch(() => undefined);
      await sleep(ms, init.signal ?? undefined);
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
