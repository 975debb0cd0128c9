/**
 * Graph's throttling, as documented (graph-facts §1.4, §2.4): sign-in logs 5 requests per 10 s per
 * app per tenant, answered 429 with Retry-After; CA policies and named locations about 1 request per
 * second per tenant, answered 429 WITHOUT Retry-After. Rejected requests do not use up the budget.
 *
 * WHY windows run on real elapsed time, not the emulator clock: Graph's budget is about how fast a
 * client sends, which the simulated clock does not model. A test that freezes or jumps the clock
 * (token expiry, ingestion delay) would otherwise get 429 forever (frozen: the window never ends) or
 * never (jumped: every window ends at once).
 */
import { performance } from 'node:perf_hooks';
import type { ThrottleSettings } from './context.js';

export type ThrottleDecision = { ok: true } | { ok: false; retryAfterSeconds: number | null };

export class Throttle {
  private readonly signInHits = new Map<string, number[]>();
  private lastConditionalAccessMs = Number.NEGATIVE_INFINITY;

  /** `elapsedMs`: a monotonic real-time reading (tests pass their own). */
  constructor(private readonly settings: ThrottleSettings, private readonly elapsedMs: () => number = () => performance.now()) {}

  /** Identity & access reports bucket, keyed by the calling app. */
  signIns(appId: string): ThrottleDecision {
    if (!this.settings.signIns) return { ok: true };
    const now = this.elapsedMs();
    const windowMs = this.settings.signInsWindowSeconds * 1000;
    const hits = (this.signInHits.get(appId) ?? []).filter((t) => t > now - windowMs);
    if (hits.length >= this.settings.signInsLimit) {
      this.signInHits.set(appId, hits);
      const wait = Math.ceil((hits[0]! + windowMs - now) / 1000);
      return { ok: false, retryAfterSeconds: Math.max(1, wait) };
    }
    hits.push(now);
    this.signInHits.set(appId, hits);
    return { ok: true };
  }

  /** "Identity protection and conditional access" bucket: one per interval per tenant, all apps. */
  conditionalAccess(): ThrottleDecision {
    if (!this.settings.conditionalAccess) return { ok: true };
    const now = this.elapsedMs();
    if (now - this.lastConditionalAccessMs < this.settings.conditionalAccessIntervalMs) return { ok: false, retryAfterSeconds: null };
    this.lastConditionalAccessMs = now;
    return { ok: true };
  }

  reset(): void {
    this.signInHits.clear();
    this.lastConditionalAccessMs = Number.NEGATIVE_INFINITY;
  }
}
