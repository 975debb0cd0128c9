/**
 * Child process of sync-kills.test.ts (and the soak run): signs in to the emulator as the demo
 * operator and runs the tenant-wide sync into the cache under LL_CONFIG_DIR. It prints one JSON line
 * per progress event — {"progress":{…}} — and {"result":{…}} at the end, so the parent can compare
 * what was reported with what is durably in the database at the moment it SIGKILLs us.
 */
import { emulatorOpenBrowser } from '../../../electron/core/auth/emulator-browser.js';
import { MemorySecretStore } from '../../../electron/core/auth/secret-store.js';
import { openWorkspace } from '../../../electron/core/profiles/workspace.js';
import { runFullSync } from '../../../electron/core/sync/full-sync.js';

const endpoint = JSON.parse(process.env.LL_ENDPOINT!) as { origin: string; tenantId: string; caCertPem: string };
const ws = openWorkspace({
  configDir: process.env.LL_CONFIG_DIR!, profileName: 'demo', emulator: endpoint, secretStore: new MemorySecretStore(),
  graph: {
    budgets: { signIns: { requests: 20, perMs: 1000 }, conditionalAccess: null, directory: null },
    retry: { delaySeconds: 1, maxRetries: 8 }, networkRetry: { baseDelayMs: 50 },
  },
});
await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, process.env.LL_OPERATOR));
const result = await runFullSync({
  store: ws.store, graph: ws.graph, tenantId: endpoint.tenantId, appIds: [process.env.LL_APP!], days: Number(process.env.LL_DAYS ?? 30),
  windowMs: Number(process.env.LL_WINDOW_MS), concurrency: Number(process.env.LL_CONCURRENCY ?? 2),
  onProgress: (p) => { process.stdout.write(`${JSON.stringify({ progress: p })}\n`); },
});
process.stdout.write(`${JSON.stringify({ result })}\n`);
ws.close();
