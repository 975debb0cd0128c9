/**
 * Test harness of the data-path integration tests: the real emulator (HTTPS on loopback), real
 * MSAL and graph-client through the app's transport, a temp config dir with an encrypted token
 * cache (so tests can prove tokens never reach the disk in clear).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../electron/core/emulator/index.js';
import { createLogger, type Logger } from '../../../electron/core/auth/logger.js';
import { openWorkspace, type Workspace } from '../../../electron/core/profiles/workspace.js';
import { resourcePath } from '../../../electron/core/paths.js';
import { parseSnapshot } from '../../../electron/core/snapshot/load.js';
import type { TenantSnapshot } from '../../../electron/core/snapshot/types.js';
import type { Budgets } from '../../../electron/core/graph/pacing.js';

export const JAMF_CONNECT_APP = '96c0fc83-df9d-4e26-bb09-4195a6b50a1d';
/** Demo operator with Reports Reader + Security Reader (sign-ins with CA details) and the CSA/CA admin roles. */
export const OPERATOR = 'ingrid.solheim@northwind-demo.example';

export function demoSnapshot(): TenantSnapshot {
  const parsed = parseSnapshot(readFileSync(resourcePath('demo-tenant.json'), 'utf8'), 'demo-tenant.json');
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.snapshot;
}

export interface Harness {
  readonly emulator: RunningEmulator;
  readonly configDir: string;
  readonly logLines: string[];
  readonly logger: Logger;
  readonly env: Record<string, string>;
  workspace(opts?: { budgets?: Budgets; retryDelaySeconds?: number }): Workspace;
  close(): Promise<void>;
}

/**
 * The environment a CLI run in a test sees: the harness's config dir as LOCKOUT_LENS_HOME and the
 * running emulator's endpoint file as LOCKOUT_LENS_EMULATOR, as an admin would set them up.
 */
export function cliEnv(h: Harness): Record<string, string> {
  const endpointFile = join(h.configDir, 'emulator.json');
  writeFileSync(endpointFile, JSON.stringify({ origin: h.emulator.origin, tenantId: h.emulator.tenantId, caCertPem: h.emulator.caCertPem }));
  return { ...h.env, LOCKOUT_LENS_HOME: h.configDir, LOCKOUT_LENS_EMULATOR: endpointFile };
}

/** Budgets for tests: the emulator is told to allow the same, so a run is quick but still paced. */
export const FAST_BUDGETS: Budgets = {
  signIns: { requests: 20, perMs: 1000 },
  conditionalAccess: { requests: 10, perMs: 1000 },
  directory: null,
};

export async function startHarness(options: Partial<EmulatorOptions> = {}): Promise<Harness> {
  const emulator = await startEmulator({
    snapshot: demoSnapshot(), seed: 7, deviceCodeIntervalSeconds: 1, log: () => {},
    throttle: { signInsLimit: 20, signInsWindowSeconds: 1, conditionalAccessIntervalMs: 100 },
    ...options,
  });
  const configDir = mkdtempSync(join(tmpdir(), 'll-dp-'));
  const logLines: string[] = [];
  const logger = createLogger((line) => logLines.push(line), 'debug');
  const env = { LOCKOUT_LENS_CACHE_KEY: randomBytes(32).toString('hex') };
  const open: Workspace[] = [];
  return {
    emulator, configDir, logLines, logger, env,
    workspace(opts = {}) {
      const ws = openWorkspace({
        configDir, profileName: 'demo', env, logger,
        emulator: { origin: emulator.origin, tenantId: emulator.tenantId, caCertPem: emulator.caCertPem },
        graph: { pacingEvents: { onThrottled: (b, ms) => logger.log('info', `graph: ${b} throttled; pausing ${ms} ms`) }, budgets: opts.budgets ?? FAST_BUDGETS, retry: { delaySeconds: opts.retryDelaySeconds ?? 1, maxRetries: 6 }, networkRetry: { baseDelayMs: 50 } },
      });
      open.push(ws);
      return ws;
    },
    async close() {
      for (const ws of open) ws.close();
      try { await emulator.stop(); } catch { /* a test may have stopped it already (offline) */ }
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}
