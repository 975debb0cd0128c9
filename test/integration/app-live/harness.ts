/**
 * The app's real router + handler table over an AppContext whose ports point at an Entra emulator
 * started in-process on the (time-shifted) demo tenant: tests drive live-tenant methods exactly as
 * the renderer does, with real MSAL, the paced Graph client and SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../../../electron/app/context.js';
import { loadShippedDemoSnapshot } from '../../../electron/app/demo.js';
import { closeWorkflow } from '../../../electron/app/exemption-workflow.js';
import { handlers } from '../../../electron/app/handlers.js';
import { closeLiveTenant } from '../../../electron/app/live-session.js';
import { memorySettingsStore } from '../../../electron/app/settings.js';
import type { ArgsOf, EventPayload } from '../../../electron/contract/contract.js';
import type { Envelope } from '../../../electron/contract/envelope.js';
import { invokeChannel, type EventName, type InvokeMethod } from '../../../electron/contract/names.js';
import { dispatch, type RouterHost } from '../../../electron/contract/router.js';
import { APP_ORIGIN } from '../../../electron/contract/sender.js';
import type { ResultOf } from '../../../electron/contract/contract.js';
import { emulatorOpenBrowser } from '../../../electron/core/auth/emulator-browser.js';
import { EMULATOR_OPERATOR_CLIENT_ID, startEmulator, type RunningEmulator } from '../../../electron/core/emulator/index.js';
import type { TenantSnapshot } from '../../../electron/core/snapshot/types.js';
import { testHostPorts } from '../../support/app-ports.js';

/** Demo operator with the CA / attribute admin roles and Reports + Security Reader (sign-ins with CA details). */
export const OPERATOR = 'ingrid.solheim@northwind-demo.example';
/** A user added to the emulator only (not in any cache): reachable through Graph search alone. */
export const OBRIEN = { id: '0b71e2c4-5a1d-4c6e-9f3a-1d2e3f4a5b6c', userPrincipalName: "conor.o'brien@northwind-demo.example", displayName: "Conor O'Brien", accountEnabled: true };

export interface EmittedEvent { readonly event: EventName; readonly payload: unknown }

export interface LiveHarness {
  readonly ctx: AppContext;
  readonly emulator: RunningEmulator;
  readonly snapshot: TenantSnapshot;
  readonly events: EmittedEvent[];
  call<M extends InvokeMethod>(method: M, args: ArgsOf<M>): Promise<Envelope<ResultOf<M>>>;
  /** The value of a call that must succeed (throws with the error envelope otherwise). */
  ok<M extends InvokeMethod>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>>;
  /** Resolves with the job's finishing jobProgress event. */
  finished(jobId: string, timeoutMs?: number): Promise<EventPayload<'jobProgress'>>;
  progressOf(jobId: string): EventPayload<'jobProgress'>[];
  close(): Promise<void>;
}

export interface LiveHarnessOptions {
  /** Give the context the emulator endpoint (default true); false = a packaged build. */
  readonly emulatorPort?: boolean;
  readonly operator?: string;
}

export async function startLiveHarness(options: LiveHarnessOptions = {}): Promise<LiveHarness> {
  const now = new Date();
  const snapshot = await loadShippedDemoSnapshot(now);
  snapshot.users.push({ ...OBRIEN });
  const emulator = await startEmulator({ snapshot, ingestionDelaySeconds: 0, log: () => {} });
  const dataDir = mkdtempSync(join(tmpdir(), 'll-app-live-'));
  const events: EmittedEvent[] = [];
  const waiters = new Set<() => void>();
  const operator = options.operator ?? OPERATOR;
  const ctx: AppContext = {
    version: 'test',
    dataDir,
    settings: memorySettingsStore(),
    session: null,
    ports: {
      openExternal: async () => false,
      emit: (event, payload) => {
        events.push({ event, payload });
        for (const w of waiters) w();
      },
      loadDemoSnapshot: () => loadShippedDemoSnapshot(now),
      now: () => new Date(),
      log: { info: () => {}, warn: () => {}, error: () => {} },
      ...testHostPorts(),
      // The person at the browser picks this account on the emulator's sign-in page.
      openBrowserFor: (target) => emulatorOpenBrowser(target.transport, operator),
      ...(options.emulatorPort === false ? {} : { emulator: { origin: emulator.origin, tenantId: emulator.tenantId, caCertPem: emulator.caCertPem } }),
    },
  };
  const host: RouterHost<typeof ctx> = { table: handlers, ctx, senderPolicy: { allowedOrigins: [APP_ORIGIN] } };
  const call = async <M extends InvokeMethod>(method: M, args: ArgsOf<M>) =>
    dispatch(host, invokeChannel(method), args, { url: `${APP_ORIGIN}/index.html`, isMainFrame: true }) as Promise<Envelope<ResultOf<M>>>;
  const progressOf = (jobId: string) => events.filter((e) => e.event === 'jobProgress' && (e.payload as { jobId: string }).jobId === jobId).map((e) => e.payload as EventPayload<'jobProgress'>);
  return {
    ctx, emulator, snapshot, events, call, progressOf,
    async ok(method, args) {
      const result = await call(method, args);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
      return result.value;
    },
    finished(jobId, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const end = progressOf(jobId).find((p) => p.finished);
          if (!end) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(end);
        };
        const timer = setTimeout(() => { waiters.delete(check); reject(new Error(`job ${jobId} did not finish in ${timeoutMs} ms`)); }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      await closeLiveTenant(ctx);
      await closeWorkflow(ctx);
      try { await emulator.stop(); } catch { /* a test may have stopped it (offline) */ }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The add-profile form for the emulator's tenant, with the emulator's well-known Lockout Lens client id (as the demo profile uses). */
export function emulatorProfileInput(h: LiveHarness, name = 'northwind'): ArgsOf<'addTenantProfile'> {
  return { name, displayName: 'Northwind (emulator)', tenant: h.emulator.tenantId, clientId: EMULATOR_OPERATOR_CLIENT_ID, cloud: 'emulator', jamfConnectClientIds: [] };
}
