/**
 * What every handler can reach: state, clock, seeded randomness, the signing key, resolved options.
 * Passed explicitly (no module-level singletons) so several emulators run side by side in one test
 * process.
 */
import type { EmulatorClock } from './clock.js';
import type { EmulatorRandom } from './random.js';
import type { SigningKey } from './jwt.js';
import type { EmulatorState } from './state.js';
import type { Throttle } from './throttle.js';
import type { FaultEngine } from './faults.js';
import { tenantExtras } from './extras.js';

export interface ThrottleSettings {
  readonly signIns: boolean;
  readonly conditionalAccess: boolean;
  /** Identity & access reports: 5 requests / 10 s per app per tenant (graph-facts §1.4). */
  readonly signInsLimit: number;
  readonly signInsWindowSeconds: number;
  /** CA policies + named locations: about 1 request per second per tenant, 429 without Retry-After (§2.4). */
  readonly conditionalAccessIntervalMs: number;
}

export interface ResolvedOptions {
  readonly accessTokenLifetimeSeconds: number;
  readonly refreshTokenLifetimeSeconds: number;
  readonly ingestionDelaySeconds: number;
  readonly deviceCodeIntervalSeconds: number;
  readonly deviceCodeLifetimeSeconds: number;
  readonly throttle: ThrottleSettings;
  /** Explicit licence; undefined = the snapshot's x-emulator.licence, else P2. */
  readonly licence: 'P1' | 'P2' | 'free' | undefined;
}

export interface EmulatorContext {
  readonly state: EmulatorState;
  readonly clock: EmulatorClock;
  readonly random: EmulatorRandom;
  readonly key: SigningKey;
  readonly options: ResolvedOptions;
  readonly throttle: Throttle;
  readonly faults: FaultEngine;
  /** https://127.0.0.1:PORT — known once the server listens. */
  origin: string;
  readonly log: (line: string) => void;
}

export function effectiveLicence(ctx: EmulatorContext): 'P1' | 'P2' | 'free' {
  return ctx.options.licence ?? tenantExtras(ctx.state.snapshot).licence ?? 'P2';
}

/** innerError.date format Graph uses: seconds precision, no zone designator. */
export function graphDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, '');
}
