/**
 * An online tenant for the network cases: the project's emulator (in its own process, see
 * emulator-host.ts) serving a synthetic tenant with Graph's real throttles (on by default) and a
 * latency model injected through its fault engine, and a workspace wired exactly as the CLI and the
 * app wire one (profile → connection → MSAL session → graph client with pacing → store), signed in
 * headless as an operator.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { RequestLogEntry } from '../../electron/core/emulator/index.js';
import type { GraphObject, TenantSnapshot } from '../../electron/core/snapshot/types.js';
import type { Store } from '../../electron/core/store/store.js';
import { caseTmpDir } from './env.js';

export interface LatencyModel {
  /** Sign-in log pages: fixed part + uniform jitter [0, jitterMs]. */
  readonly pageMs: number;
  readonly pageJitterMs: number;
  /** Every other Graph request (users, policies, service principals…). */
  readonly otherMs: number;
  readonly otherJitterMs: number;
}

/** Pages 1.5 s ± 0.5 s, other calls 200 ms ± 50 ms. */
export const DEFAULT_LATENCY: LatencyModel = { pageMs: 1000, pageJitterMs: 1000, otherMs: 150, otherJitterMs: 100 };

const here = dirname(fileURLToPath(import.meta.url));
let seq = 0;

interface Endpoint { origin: string; tenantId: string; caCertPem: string; controlToken: string }

async function startHost(snapshot: TenantSnapshot, latency: LatencyModel) {
  const dir = join(caseTmpDir(), `emulator-${++seq}`);
  mkdirSync(dir, { recursive: true });
  // The sign-ins go one JSON document per line: a full-scale tenant is past V8's ~512 MB string limit
  // as one JSON text, on either side of the pipe.
  const { signIns, ...rest } = snapshot;
  writeFileSync(join(dir, 'snapshot.json'), JSON.stringify({ ...rest, signIns: [] }));
  const fd = openSync(join(dir, 'sign-ins.jsonl'), 'w');
  try {
    for (let i = 0; i < signIns.length; i += 1000) writeSync(fd, `${signIns.slice(i, i + 1000).map((s) => JSON.stringify(s)).join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
  writeFileSync(join(dir, 'faults.json'), JSON.stringify([
    { kind: 'latency', pathPrefix: '/beta/auditLogs/signIns', latencyMs: latency.pageMs, jitterMs: latency.pageJitterMs },
    { kind: 'latency', pathPrefix: '/v1.0/', latencyMs: latency.otherMs, jitterMs: latency.otherJitterMs },
    { kind: 'latency', pathPrefix: '/beta/identity/', latencyMs: latency.otherMs, jitterMs: latency.otherJitterMs },
  ]));
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'emulator-host.ts'), join(dir, 'snapshot.json'), join(dir, 'sign-ins.jsonl'), join(dir, 'faults.json')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const endpoint = await new Promise<Endpoint>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(JSON.parse(line) as Endpoint));
    child.once('exit', (code) => reject(new Error(`emulator host exited with ${code} before listening`)));
  });
  return { child, endpoint };
}

export async function onlineTenant(snapshot: TenantSnapshot, opts: {
  latency: LatencyModel;
  operatorUpn: string;
  jamfClientIds: readonly string[];
  jamfApiAppId?: string;
  store?: Store;
}) {
  const { EMULATOR_OPERATOR_CLIENT_ID } = await import('../../electron/core/emulator/identity/clients.js');
  const { ProfileStore } = await import('../../electron/core/profiles/profile-store.js');
  const { openWorkspace } = await import('../../electron/core/profiles/workspace.js');
  const { MemorySecretStore } = await import('../../electron/core/auth/secret-store.js');
  const { emulatorOpenBrowser } = await import('../../electron/core/auth/emulator-browser.js');

  const { child, endpoint } = await startHost(snapshot, opts.latency);
  try {
    const configDir = join(caseTmpDir(), `config-${seq}`);
    mkdirSync(configDir, { recursive: true });
    new ProfileStore(configDir).save({
      name: 'bench', tenant: 'emulator', clientId: EMULATOR_OPERATOR_CLIENT_ID, cloud: 'emulator',
      jamfConnect: { clientIds: [...opts.jamfClientIds], ...(opts.jamfApiAppId ? { apiAppId: opts.jamfApiAppId } : {}) },
      emulatorOperator: opts.operatorUpn,
    });
    const ws = openWorkspace({
      configDir, profileName: 'bench', secretStore: new MemorySecretStore(),
      emulator: { origin: endpoint.origin, tenantId: endpoint.tenantId, caCertPem: endpoint.caCertPem },
      ...(opts.store ? { store: opts.store } : {}),
    });
    await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, opts.operatorUpn));
    const tenantId = await ws.tenantId();
    const control = async <T>(method: string, path: string): Promise<T> => {
      const call = () => ws.connection.transport(`${endpoint.origin}${path}`, { method, headers: { authorization: `Bearer ${endpoint.controlToken}` } });
      // Control calls are idempotent bench plumbing: one retry when a kept-alive socket was closed under us.
      const res = await call().catch((error: unknown) => {
        if (!/socket hang up|ECONNRESET/.test(String((error as Error).message))) throw error;
        return call();
      });
      if (!res.ok) throw new Error(`emulator control ${method} ${path}: HTTP ${res.status}`);
      return (await res.json()) as T;
    };
    return {
      origin: endpoint.origin, caCertPem: endpoint.caCertPem, ws, tenantId,
      /** Emulator-clock ms; requests are counted from a mark (the log is bounded, so an index would shift). */
      async mark(): Promise<number> {
        return Date.parse((await control<{ now: string }>('GET', '/_control/clock')).now);
      },
      /** Graph requests (not token / control endpoints) answered since `from`. */
      async graphRequests(from: number): Promise<RequestLogEntry[]> {
        const log = (await control<{ value: RequestLogEntry[] }>('GET', '/_control/requests')).value;
        return log.filter((r) => r.atMs >= from && (r.path.startsWith('/v1.0/') || r.path.startsWith('/beta/')));
      },
      async resetThrottle(): Promise<void> {
        await control('POST', '/_control/throttle/reset');
      },
      async close() {
        ws.close();
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      },
    };
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
}

export type OnlineTenant = Awaited<ReturnType<typeof onlineTenant>>;

/** The Global Administrator the synthetic directory makes (user 0): the operator of the online cases. */
export function operatorOf(snapshot: TenantSnapshot): string {
  return String((snapshot.users[0] as GraphObject).userPrincipalName);
}
