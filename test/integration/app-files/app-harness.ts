/**
 * An AppContext driven through the real IPC router and handler table, as the renderer drives it:
 * every call goes sender check → argument schema → handler → result schema → envelope. File
 * dialogs answer from queues (test/support/app-ports.ts); events are recorded; the clock is a
 * variable the test can move forward (it keeps running in real time too, because the emulator paces
 * Conditional Access requests by it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext, AppPorts } from '../../../electron/app/context.js';
import { loadShippedDemoSnapshot } from '../../../electron/app/demo.js';
import { handlers } from '../../../electron/app/handlers.js';
import { memorySettingsStore } from '../../../electron/app/settings.js';
import type { ArgsOf, ResultOf } from '../../../electron/contract/contract.js';
import type { ErrorInfo } from '../../../electron/contract/envelope.js';
import type { EventName, InvokeMethod } from '../../../electron/contract/names.js';
import { invokeChannel } from '../../../electron/contract/names.js';
import { dispatch, eventSchemas } from '../../../electron/contract/router.js';
import { APP_ORIGIN, PRODUCTION_SENDER_POLICY } from '../../../electron/contract/sender.js';
import { testDialogs, testHostPorts, type TestDialogs } from '../../support/app-ports.js';

export const NOW = new Date('2026-11-30T12:00:00Z');
const SENDER = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true };

export interface AppHarness {
  readonly ctx: AppContext;
  readonly dataDir: string;
  readonly dialogs: TestDialogs;
  readonly events: Array<{ event: EventName; payload: unknown }>;
  /** Move the app's clock forward (and the demo emulator's, which reads the same clock). */
  advance(ms: number): void;
  /** Call a method through the router; resolves to the value or rejects with the envelope's error. */
  call<M extends InvokeMethod>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>>;
  /** Call through the router and return the error envelope (fails the test if the call succeeded). */
  fails<M extends InvokeMethod>(method: M, args: ArgsOf<M>): Promise<ErrorInfo>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Stop the clock at NOW (+ advance()): for comparing two renders of the same report. Off when the emulator runs. */
  readonly frozenClock?: boolean;
  readonly ports?: Partial<AppPorts>;
}

export function appHarness(options: HarnessOptions = {}): AppHarness {
  const dataDir = mkdtempSync(join(tmpdir(), 'll-app-files-'));
  const dialogs = testDialogs();
  const events: AppHarness['events'] = [];
  const started = Date.now();
  let offsetMs = 0;
  const now = () => new Date(NOW.getTime() + offsetMs + (options.frozenClock ? 0 : Date.now() - started));
  const ctx: AppContext = {
    version: 'test',
    dataDir,
    settings: memorySettingsStore(),
    session: null,
    ports: {
      openExternal: async () => true,
      emit: (event, payload) => {
        // What main does before sending: an event outside the contract is our bug.
        events.push({ event, payload: eventSchemas[event].parse(payload) });
      },
      loadDemoSnapshot: () => loadShippedDemoSnapshot(NOW),
      now,
      log: { info: () => {}, warn: () => {}, error: () => {} },
      ...testHostPorts(dialogs),
      ...options.ports,
    },
  };
  const host = { table: handlers, ctx, senderPolicy: PRODUCTION_SENDER_POLICY };
  const raw = (method: InvokeMethod, args: unknown) => dispatch(host, invokeChannel(method), args, SENDER);
  return {
    ctx, dataDir, dialogs, events,
    advance: (ms) => { offsetMs += ms; },
    async call(method, args) {
      const env = await raw(method, args);
      if (!env.ok) throw Object.assign(new Error(`${method}: ${env.error.code}: ${env.error.message}`), { info: env.error });
      return env.value as never;
    },
    async fails(method, args) {
      const env = await raw(method, args);
      if (env.ok) throw new Error(`${method} succeeded, expected an error: ${JSON.stringify(env.value).slice(0, 300)}`);
      return env.error;
    },
    async close() {
      await handlers.closeTenant(ctx, {}).catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
