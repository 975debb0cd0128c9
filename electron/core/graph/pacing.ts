import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/**
 * Client-side pacing per Graph resource family, because Graph's own limits are tight and — for
 * Conditional Access — its 429s carry no Retry-After (graph-facts §1.4, §2.4):
 *   sign-in logs:            5 requests / 10 s per app per tenant
 *   CA policies + locations: 1 request / s per tenant
 * Each request waits for a free slot in its bucket (a sliding window). A 429 closes the bucket for
 * everyone sharing it — concurrent sync windows included — for Retry-After, or, when Graph sends
 * none, for an exponential back-off of our own (1 s, 2 s, 4 s … 60 s).
 *
 * WHY it sits after RetryHandler in the chain (nearer the wire than the brief's sketch): every retry
 * is a real request and must spend budget too, and only here does a 429 become visible to every
 * caller at once.
 */
export interface Budget { readonly requests: number; readonly perMs: number }
export type BucketName = 'signIns' | 'conditionalAccess' | 'directory';
export type Budgets = Readonly<Record<BucketName, Budget | null>>;

export const GRAPH_BUDGETS: Budgets = {
  signIns: { requests: 5, perMs: 10_000 },
  conditionalAccess: { requests: 1, perMs: 1_000 },
  // Directory reads use Graph's resource-unit buckets (thousands per 10 s); no client pacing needed.
  directory: null,
};

export function bucketFor(url: string): BucketName {
  const path = url.replace(/^https:\/\/[^/]+/i, '').toLowerCase();
  if (/^\/(v1\.0|beta)\/auditlogs\/signins/.test(path)) return 'signIns';
  if (/^\/(v1\.0|beta)\/identity\/conditionalaccess\//.test(path)) return 'conditionalAccess';
  return 'directory';
}

export interface PacingEvents {
  /** A request waited `ms` for budget (for progress displays and logs). */
  onWait?(bucket: BucketName, ms: number): void;
  onThrottled?(bucket: BucketName, cooldownMs: number, hadRetryAfter: boolean): void;
}

/** One granted request; `t` is re-stamped when the request is really handed on (see acquire). */
interface Slot { t: number }

class Bucket {
  private slots: Slot[] = [];
  private cooldownUntil = 0;
  private consecutive429 = 0;
  private chain: Promise<void> = Promise.resolve();
  constructor(private readonly budget: Budget, private readonly now: () => number) {}

  /**
   * Resolves when this caller may send. Callers are served in arrival order, and the next caller is
   * only considered after this one called `sent()` — so the window counts real dispatch times even
   * when a busy event loop delays a granted request.
   */
  acquire(signal?: AbortSignal): Promise<{ waited: number; sent: () => void }> {
    let waited = 0;
    let slot: Slot | undefined;
    let markSent!: () => void;
    const dispatched = new Promise<void>((resolve) => { markSent = resolve; });
    const turn = this.chain.then(async () => {
      for (;;) {
        const t = this.now();
        this.slots = this.slots.filter((s) => s.t > t - this.budget.perMs);
        const oldest = this.slots.length >= this.budget.requests ? Math.min(...this.slots.map((s) => s.t)) : -Infinity;
        const freeAt = Math.max(this.cooldownUntil, oldest + this.budget.perMs);
        if (freeAt <= t) { slot = { t }; this.slots.push(slot); return; }
        waited += freeAt - t;
        await sleep(freeAt - t, signal);
      }
    });
    this.chain = turn.then(() => dispatched, () => undefined);
    return turn.then(() => ({ waited, sent: () => { slot!.t = this.now(); markSent(); } }));
  }

  throttled(retryAfterMs: number | null): number {
    this.consecutive429++;
    const backoff = retryAfterMs ?? Math.min(60_000, 1000 * 2 ** (this.consecutive429 - 1));
    this.cooldownUntil = Math.max(this.cooldownUntil, this.now() + backoff);
    return backoff;
  }

  succeeded(): void {
    this.consecutive429 = 0;
  }
}

export class PacingMiddleware implements Middleware {
  private next?: Middleware;
  private readonly buckets = new Map<BucketName, Bucket>();

  constructor(private readonly budgets: Budgets = GRAPH_BUDGETS, private readonly events: PacingEvents = {},
    private readonly now: () => number = Date.now) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const name = bucketFor(url);
    const bucket = this.bucket(name);
    if (bucket) {
      const { waited, sent } = await bucket.acquire((context.options as RequestInit | undefined)?.signal ?? undefined);
      sent();
      if (waited > 0) this.events.onWait?.(name, waited);
    }
    await this.next!.execute(context);
    if (!bucket) return;
    if (context.response?.status === 429) {
      const retryAfter = parseRetryAfter(context.response.headers.get('retry-after'), this.now());
      const cooldown = bucket.throttled(retryAfter);
      this.events.onThrottled?.(name, cooldown, retryAfter !== null);
    } else {
      bucket.succeeded();
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }

  private bucket(name: BucketName): Bucket | null {
    const budget = this.budgets[name];
    if (!budget) return null;
    let bucket = this.buckets.get(name);
    if (!bucket) { bucket = new Bucket(budget, this.now); this.buckets.set(name, bucket); }
    return bucket;
  }
}

/** Retry-After in ms (seconds or an HTTP date), or null when absent/unparseable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) { reject(signal.reason ?? new DOMException('Aborted', 'AbortError')); return; }
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(timer); reject(signal!.reason ?? new DOMException('Aborted', 'AbortError')); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
