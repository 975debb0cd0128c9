/**
 * Child process of resume.test.ts: signs in to the emulator and runs a tenant-wide sync into the
 * cache at LL_CONFIG_DIR, printing one line per finished window, until the parent SIGKILLs it.
 */
import { emulatorOpenBrowser } from '../../../electron/core/auth/emulator-browser.js';
import { MemorySecretStore } from '../../../electron/core/auth/secret-store.js';
import { openWorkspace } from '../../../electron/core/profiles/workspace.js';
import { runFullSync } from '../../../electron/core/sync/full-sync.js';

const endpoint = JSON.parse(process.env.LL_ENDPOINT!) as { origin: string; tenantId: string; caCertPem: string };
const ws = openWorkspace({
  configDir: process.env.LL_CONFIG_DIR!, profileName: 'demo', emulator: endpoint, secretStore: new MemorySecretStore(),
  graph: { budgets: { signIns: { requests: 3, perMs: 1000 }, conditionalAccess: null, directory: null }, retry: { delaySeconds: 1 } },
});
await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, process.env.LL_OPERATOR));
let done = -1;
await runFullSync({
  store: ws.store, graph: ws.graph, tenantId: endpoint.tenantId, appIds: [process.env.LL_APP!], days: 30,
  windowMs: Number(process.env.LL_WINDOW_MS), concurrency: 2,
  onProgress: (p) => { if (p.windowsDone !== done) { done = p.windowsDone; process.stdout.write(`windows ${p.windowsDone}/${p.windowsTotal}\n`); } },
});
process.stdout.write('finished\n');
