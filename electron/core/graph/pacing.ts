import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/**
 * Client-side pacing per Graph resource family, because Graph's own limits are tight and — for
 * Conditional Access — its 429s carry no Retry-After (graph-facts §1.4, §2.4):
 *   sign-in logs:            5 requests / 10 s per app per tenant
 *   CA policies + locations: 1 request / s per tenant
 *
 * WHY pacing counts from the response side: Graph counts a request when it ARRIVES, somewhere
 * between our send and our response, and we cannot see where. Spacing sends by `perMs` lets a slow
 * early request and a fast later one land closer than `perMs` at the server (→ 429). So a request's
 * slot is held from its send until its response, and then for `perMs` after the latest moment the
 * server can have counted it, `response − (least latency seen)`: whether the latency is spent before
 * the count (the emulator) or after it (Graph's gateway), the next request cannot be counted inside
 * that request's window. A small margin covers what the latency sample has not shown yet.
 * A 429 frees its slot (Graph did not serve it), closes the bucket for every caller for exactly
 * Retry-After (or our own back-off when Graph sends none: 1 s, 2 s, 4 s … 60 s), widens the margin,
 * and lets ONE request through first when the bucket re-opens — no burst into a full window.
 *
 * WHY it sits nearest the wire (after the retry middlewares in the chain): every retry is a real
 * request and must spend budget too, and only here does a 429 become visible to every caller at once.
 */
export interface Budget {
  readonly requests: number;
  readonly perMs: number;
  /** Extra hold after a slot's computed release. Default min(150 ms, perMs / 10). */
  readonly marginMs?: number;
}
export type BucketName = 'signIns' | 'conditionalAccess' | 'directory';
export type Budgets = Readonly<Record<BucketName, Budget | null>>;

export const GRAPH_BUDGETS: Budgets = {
  signIns: { requests: 5, perMs: 10_000 },
  conditionalAccess: { requests: 1, perMs: 1_000 },
  // Directory reads use Graph's resource-unit buckets (thousands per 10 s); no client pacing needed.
  directory: null,
};

/** Extra hold after the computed release; doubled after every 429 up to a fifth of the window. */
const BASE_MARGIN_MS = 150;
const marginOf = (budget: Budget) => budget.marginMs ?? Math.min(BASE_MARGIN_MS, budget.perMs / 10);

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

/** One granted request: held while in flight (releaseAt = ∞), then until releaseAt. */
interface Slot { sentAt: number; releaseAt: number }

class Bucket {
  private slots: Slot[] = [];
  private cooldownUntil = 0;
  private consecutive429 = 0;
  private marginMs: number;
  /** After a 429: one request at a time until one SENT AFTER it succeeds (earlier ones prove nothing). */
  private probing = false;
  private throttledAt = Number.NEGATIVE_INFINITY;
  private latencies = { min: Number.POSITIVE_INFINITY, max: 0, n: 0 };
  private chain: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;
  constructor(private readonly budget: Budget, private readonly now: () => number) {
    this.marginMs = marginOf(budget);
  }

  /**
   * Resolves with a slot when this caller may send. Callers are served in arrival order, and the next
   * caller is only considered once this one called `sent()` — the slot is stamped with the real
   * dispatch time even when a busy event loop delays a granted request.
   */
  acquire(signal?: AbortSignal): Promise<{ waited: number; slot: Slot; sent: () => void }> {
    let waited = 0;
    let slot!: Slot;
    let markSent!: () => void;
    const dispatched = new Promise<void>((resolve) => { markSent = resolve; });
    const turn = this.chain.then(async () => {
      for (;;) {
        const t = this.now();
        this.slots = this.slots.filter((s) => s.releaseAt > t);
        const inFlight = this.slots.filter((s) => s.releaseAt === Number.POSITIVE_INFINITY).length;
        const full = this.slots.length >= this.budget.requests || (this.probing && inFlight > 0);
        if (!full && this.cooldownUntil <= t) {
          slot = { sentAt: t, releaseAt: Number.POSITIVE_INFINITY };
          this.slots.push(slot);
          return;
        }
        // Sleep until the earliest known release (or cool-down end), or until a response frees something.
        const releases = this.slots.map((s) => s.releaseAt).filter(Number.isFinite);
        const until = Math.max(this.cooldownUntil, full ? (releases.length ? Math.min(...releases) : Number.POSITIVE_INFINITY) : t);
        const start = this.now();
        await this.waitUntil(until, signal);
        waited += this.now() - start;
      }
    });
    this.chain = turn.then(() => dispatched, () => undefined);
    return turn.then(() => ({ waited, slot, sent: () => { slot.sentAt = this.now(); markSent(); } }));
  }

  /** The request's response arrived (or it failed without one). */
  finished(slot: Slot, status: number | undefined, retryAfterMs: number | null): number | null {
    const t = this.now();
    let cooldown: number | null = null;
    if (status === 429) {
      this.consecutive429++;
      cooldown = retryAfterMs ?? Math.min(60_000, 1000 * 2 ** (this.consecutive429 - 1));
      this.cooldownUntil = Math.max(this.cooldownUntil, t + cooldown);
      this.marginMs = Math.min(this.budget.perMs / 5, Math.max(this.marginMs * 2, 1));
      this.probing = true;
      this.throttledAt = t;
      slot.releaseAt = t; // not served, not counted
    } else {
      const latency = Math.max(0, t - slot.sentAt);
      if (status !== undefined) this.observe(latency);
      slot.releaseAt = Math.max(slot.sentAt, t - this.leastLatency()) + this.budget.perMs + this.marginMs;
      if (status !== undefined && status < 500 && slot.sentAt >= this.throttledAt) { this.consecutive429 = 0; this.probing = false; }
    }
    this.notify();
    return cooldown;
  }

  private observe(latency: number): void {
    const l = this.latencies;
    l.min = Math.min(l.min, latency);
    l.max = Math.max(l.max, latency);
    l.n++;
  }

  /**
   * A lower bound for any request's latency. A new request can be faster than every one seen so far:
   * the least seen, less the usual gap between the least of n samples and the true least
   * ((max − min) / n, and at least min / (n + 1)). With fewer than 3 samples the spread is unknown,
   * so 0: a request may be counted the moment it is sent.
   */
  private leastLatency(): number {
    const l = this.latencies;
    if (l.n < 3) return 0;
    return Math.max(0, l.min - Math.max((l.max - l.min) / l.n, l.min / (l.n + 1)));
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** Resolves at `at` (∞ = never by time), when a response frees a slot, or rejects on abort. */
  private waitUntil(at: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) { reject(abortReason(signal)); return; }
      const ms = at - this.now();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = () => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (this.wake === done) this.wake = null;
      };
      const done = () => { settle(); resolve(); };
      const onAbort = () => { settle(); reject(abortReason(signal!)); };
      if (Number.isFinite(ms)) timer = setTimeout(done, Math.max(0, ms));
      this.wake = done;
      signal?.addEventListener('abort', onAbort, { once: true });
    });
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
    if (!bucket) { await this.next!.execute(context); return; }
    const { waited, slot, sent } = await bucket.acquire((context.options as RequestInit | undefined)?.signal ?? undefined);
    sent();
    if (waited > 0) this.events.onWait?.(name, waited);
    try {
      await this.next!.execute(context);
    } catch (error) {
      bucket.finished(slot, undefined, null);
      throw error;
    }
    const status = context.response?.status;
    const retryAfter = status === 429 ? parseRetryAfter(context.response!.headers.get('retry-after'), this.now()) : null;
    const cooldown = bucket.finished(slot, status, retryAfter);
    if (cooldown !== null) this.events.onThrottled?.(name, cooldown, retryAfter !== null);
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
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value.trim()) * 1000);
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

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('Aborted', 'AbortError');
}
