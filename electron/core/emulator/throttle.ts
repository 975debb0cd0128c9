/**
 * Graph's throttling, as documented (graph-facts §1.4, §2.4): sign-in logs 5 requests per 10 s per
 * app per tenant, answered 429 with Retry-After; CA policies and named locations about 1 request per
 * second per tenant, answered 429 WITHOUT Retry-After. Windows run on the emulator clock. Rejected
 * requests do not use up the budget.
 */
import type { EmulatorClock } from './clock.js';
import type { ThrottleSettings } from './context.js';

export type ThrottleDecision = { ok: true } | { ok: false; retryAfterSeconds: number | null };

export class Throttle {
  private readonly signInHits = new Map<string, number[]>();
  private lastConditionalAccessMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly clock: EmulatorClock, private readonly settings: ThrottleSettings) {}

  /** Identity & access reports bucket, keyed by the calling app. */
  signIns(appId: string): ThrottleDecision {
    if (!this.settings.signIns) return { ok: true };
    const now = this.clock.nowMs();
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
    const now = this.clock.nowMs();
    if (now - this.lastConditionalAccessMs < this.settings.conditionalAccessIntervalMs) return { ok: false, retryAfterSeconds: null };
    this.lastConditionalAccessMs = now;
    return { ok: true };
  }

  reset(): void {
    this.signInHits.clear();
    this.lastConditionalAccessMs = Number.NEGATIVE_INFINITY;
  }
}
