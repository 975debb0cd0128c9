/**
 * Deterministic fault injection: what a flaky network and a busy Graph do to a client. Rules match
 * by method and path prefix, fire for a count and/or with a probability drawn from the seeded PRNG,
 * so a given seed reproduces the same storm. Kinds:
 *   latency   delay before answering (latencyMs + uniform jitter), per request = per page
 *   status    answer `status` (default 503) with a Graph error body
 *   throttle  429 with Retry-After (retryAfterSeconds) or, when null, without (the CA-endpoint kind)
 *   reset     destroy the socket before any response byte
 *   truncate  send headers with the full Content-Length, then part of the body, then close
 *   slow      send the body in small chunks with a delay between them
 */
import { z } from 'zod';
import type { EmulatorRandom } from './random.js';

export const faultRuleSchema = z.strictObject({
  kind: z.enum(['latency', 'status', 'throttle', 'reset', 'truncate', 'slow']),
  pathPrefix: z.string().default('/'),
  method: z.string().optional(),
  count: z.number().int().positive().optional(),
  probability: z.number().min(0).max(1).default(1),
  status: z.number().int().min(400).max(599).optional(),
  retryAfterSeconds: z.number().int().min(0).nullable().optional(),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  jitterMs: z.number().int().min(0).max(120_000).optional(),
  /** truncate: bytes of the body to send before closing (default: half of it). */
  truncateAtBytes: z.number().int().min(0).optional(),
  /** slow: bytes per chunk and delay between chunks. */
  chunkBytes: z.number().int().positive().optional(),
  chunkDelayMs: z.number().int().min(0).max(60_000).optional(),
});
export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRule = z.output<typeof faultRuleSchema>;

export interface ActiveFault extends FaultRule {
  readonly id: number;
  remaining: number | undefined;
  fired: number;
}

export interface FaultPlan {
  delayMs: number;
  /** A fault that replaces the response (status / throttle / reset). */
  replace?: ActiveFault;
  /** A fault that damages the body delivery (truncate / slow). */
  deliver?: ActiveFault;
}

export class FaultEngine {
  private rules: ActiveFault[] = [];
  private nextId = 1;

  constructor(private readonly random: EmulatorRandom) {}

  add(input: FaultRuleInput): ActiveFault {
    const rule = faultRuleSchema.parse(input);
    const active: ActiveFault = { ...rule, id: this.nextId++, remaining: rule.count, fired: 0 };
    this.rules.push(active);
    return active;
  }

  clear(): void {
    this.rules = [];
  }

  list(): readonly ActiveFault[] {
    return this.rules;
  }

  /** Decide, for one request, which faults fire. Consumes counts and PRNG draws in rule order. */
  plan(method: string, path: string): FaultPlan {
    const plan: FaultPlan = { delayMs: 0 };
    for (const rule of this.rules) {
      if (rule.remaining !== undefined && rule.remaining <= 0) continue;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!path.toLowerCase().startsWith(rule.pathPrefix.toLowerCase())) continue;
      const isReplace = rule.kind === 'status' || rule.kind === 'throttle' || rule.kind === 'reset';
      const isDeliver = rule.kind === 'truncate' || rule.kind === 'slow';
      if ((isReplace && plan.replace) || (isDeliver && plan.deliver)) continue;
      if (rule.probability < 1 && this.random.next() >= rule.probability) continue;
      if (rule.remaining !== undefined) rule.remaining -= 1;
      rule.fired += 1;
      if (rule.kind === 'latency') {
        const jitter = rule.jitterMs ? Math.floor(this.random.next() * (rule.jitterMs + 1)) : 0;
        plan.delayMs += (rule.latencyMs ?? 0) + jitter;
      } else if (isReplace) {
        plan.replace = rule;
      } else {
        plan.deliver = rule;
      }
    }
    this.rules = this.rules.filter((r) => r.remaining === undefined || r.remaining > 0);
    return plan;
  }
}
