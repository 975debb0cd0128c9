/**
 * The Entra + Graph emulator: a real HTTPS server on 127.0.0.1 with a certificate made per run.
 * It backs the demo tenant and every integration test. Start it, point MSAL and graph-client at
 * `origin` through net/ (trusting `caCertPem` for that origin only), steer it through `control`.
 */
import { EmulatorClock } from './clock.js';
import type { EmulatorContext, ResolvedOptions } from './context.js';
import { createControl, type EmulatorControl } from './control.js';
import { FaultEngine } from './faults.js';
import { makeSigningKey } from './jwt.js';
import { EmulatorRandom, secretToken } from './random.js';
import { createRouter } from './router.js';
import { listen } from './server.js';
import { EmulatorState } from './state.js';
import { Throttle } from './throttle.js';
import { makeTlsIdentity } from './tls.js';
import type { TenantSnapshot } from '../snapshot/types.js';

export type { EmulatorControl, SimulateLoginInput, SimulateLoginResult } from './control.js';
export type { FaultRuleInput, ActiveFault } from './faults.js';
export type { RequestLogEntry } from './state.js';
export { EMULATOR_OPERATOR_CLIENT_ID } from './identity/clients.js';
export { ROLE } from './graph/roles.js';

export interface EmulatorOptions {
  snapshot: TenantSnapshot;
  /** 0/undefined = random. */
  port?: number;
  /** Fault injection + ids deterministic. */
  seed?: number;
  /** Emulator clock base (the control API can advance it). Default: real time. */
  now?: () => Date;
  /** Default 3600; short for refresh tests (MSAL renews tokens expiring within 300 s). */
  accessTokenLifetimeSeconds?: number;
  /** New sign-ins visible only after this (default 0 for tests; the demo uses ~120). */
  ingestionDelaySeconds?: number;
  /** Graph's real limits, default on. The extra fields tune windows for fast tests. */
  throttle?: {
    signIns?: boolean;
    conditionalAccess?: boolean;
    /** Default 5 requests … */
    signInsLimit?: number;
    /** … per 10 s (so Retry-After is at most this). */
    signInsWindowSeconds?: number;
    /** Default 1000 ms between CA requests per tenant. */
    conditionalAccessIntervalMs?: number;
  };
  /** free → 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant on sign-in logs. Default: snapshot x-emulator.licence, else P2. */
  licence?: 'P1' | 'P2' | 'free';
  /** Device code polling interval handed to clients (default 5 s, like Entra). */
  deviceCodeIntervalSeconds?: number;
  /** Where to log unexpected errors (default: console.error). */
  log?: (line: string) => void;
}

export interface RunningEmulator {
  /** https://127.0.0.1:PORT */
  readonly origin: string;
  readonly tenantId: string;
  /** The per-run self-signed certificate (SAN IP:127.0.0.1, DNS:localhost). */
  readonly caCertPem: string;
  /** Bearer token for the /_control API. */
  readonly controlToken: string;
  /** The same operations in-process. */
  readonly control: EmulatorControl;
  stop(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const [tls, key] = await Promise.all([makeTlsIdentity(), makeSigningKey()]);
  const clock = new EmulatorClock(options.now);
  const random = new EmulatorRandom(options.seed);
  const resolved: ResolvedOptions = {
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 3600,
    refreshTokenLifetimeSeconds: 90 * 24 * 3600,
    ingestionDelaySeconds: options.ingestionDelaySeconds ?? 0,
    deviceCodeIntervalSeconds: options.deviceCodeIntervalSeconds ?? 5,
    deviceCodeLifetimeSeconds: 900,
    throttle: {
      signIns: options.throttle?.signIns ?? true,
      conditionalAccess: options.throttle?.conditionalAccess ?? true,
      signInsLimit: options.throttle?.signInsLimit ?? 5,
      signInsWindowSeconds: options.throttle?.signInsWindowSeconds ?? 10,
      conditionalAccessIntervalMs: options.throttle?.conditionalAccessIntervalMs ?? 1000,
    },
    licence: options.licence,
  };
  const ctx: EmulatorContext = {
    state: new EmulatorState(options.snapshot),
    clock,
    random,
    key,
    options: resolved,
    throttle: new Throttle(resolved.throttle),
    faults: new FaultEngine(random),
    origin: '',
    log: options.log ?? ((line) => console.error(line)),
  };
  const controlToken = secretToken(32);
  const control = createControl(ctx);
  const server = await listen(ctx, tls, createRouter(ctx, control, controlToken), options.port ?? 0);
  ctx.origin = `https://127.0.0.1:${server.port}`;
  return {
    origin: ctx.origin,
    get tenantId() { return ctx.state.tenantId; },
    caCertPem: tls.certPem,
    controlToken,
    control,
    stop: () => server.close(),
  };
}
