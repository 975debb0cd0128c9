/**
 * Pacing for the exemption's Graph calls. CA policy endpoints allow ~1 request per second per
 * tenant and answer 429 WITHOUT Retry-After (graph-facts §2.4), so: at least `minIntervalMs`
 * between CA calls (all of them, reads included — the limit is per tenant), and on a 429 without
 * Retry-After our own exponential back-off. Other endpoints: honour Retry-After when throttled.
 */
import type { GraphCaller, GraphReply } from './graph-caller.js';

export interface PacerOptions {
  readonly minIntervalMs?: number;
  /** Attempts after the first on 429 (any method) or 503 (reads only). */
  readonly maxRetries?: number;
  /** First back-off when the 429 has no Retry-After; doubled per retry, capped at 30 s. */
  readonly backoffMs?: number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now?: () => number;
  readonly signal?: AbortSignal;
  /** Told about every wait, for progress output ("throttled by Graph, retrying in 2 s"). */
  readonly onWait?: (info: { readonly path: string; readonly ms: number; readonly reason: 'pace' | 'throttled' }) => void;
}

export const CA_PATH_PREFIX = '/identity/conditionalAccess/';

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) { reject(signal.reason instanceof Error ? signal.reason : new Error('aborted')); return; }
    const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(t); reject(signal!.reason instanceof Error ? signal!.reason : new Error('aborted')); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const secs = Number(header);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

export function pacedGraphCaller(inner: GraphCaller, opts: PacerOptions = {}): GraphCaller {
  const minInterval = opts.minIntervalMs ?? 1100;
  const maxRetries = opts.maxRetries ?? 6;
  const backoff = opts.backoffMs ?? 1000;
  const sleep = opts.sleep ?? defaultSleep;
  const now = opts.now ?? Date.now;
  let lastCa = -Infinity;
  // Serialise CA calls: two concurrent callers must not both see "a second has passed".
  let chain: Promise<unknown> = Promise.resolve();

  async function once(method: Parameters<GraphCaller['call']>[0], path: string, body?: unknown, headers?: Record<string, string>): Promise<GraphReply> {
    const isCa = path.startsWith(CA_PATH_PREFIX);
    for (let attempt = 0; ; attempt++) {
      if (isCa) {
        const wait = lastCa + minInterval - now();
        if (wait > 0) { opts.onWait?.({ path, ms: wait, reason: 'pace' }); await sleep(wait, opts.signal); }
        lastCa = now();
      }
      const reply = await inner.call(method, path, body, headers);
      // 429 means "not processed", safe to resend; a 503 on a write may have half-happened, so
      // only reads are retried on it — a failed write stops the run and resume re-reads the state.
      const retryable = reply.status === 429 || (reply.status === 503 && method === 'GET');
      if (!retryable || attempt >= maxRetries) return reply;
      const told = retryAfterMs(reply.retryAfter);
      const ms = told ?? Math.min(30_000, backoff * 2 ** attempt);
      opts.onWait?.({ path, ms, reason: 'throttled' });
      await sleep(ms, opts.signal);
      if (isCa) lastCa = now();
    }
  }

  return {
    call(method, path, body, headers) {
      if (!path.startsWith(CA_PATH_PREFIX)) return once(method, path, body, headers);
      const run = chain.then(() => once(method, path, body, headers));
      chain = run.catch(() => undefined);
      return run;
    },
  };
}
