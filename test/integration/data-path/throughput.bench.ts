/**
 * Throughput of a tenant-wide sign-in sync against the emulator (real MSAL, graph-client, SQLite):
 *   node --import tsx test/integration/data-path/throughput.bench.ts [COUNT=50000]
 * Client and emulator both allow 20 sign-in requests/s here; against Graph the 5 requests / 10 s
 * budget dominates (1,000 rows per request → at most ~500 rows/s per app and tenant).
 */
import { emulatorOpenBrowser } from '../../../electron/core/auth/emulator-browser.js';
import { runFullSync } from '../../../electron/core/sync/full-sync.js';
import { demoSnapshot, JAMF_CONNECT_APP, OPERATOR, startHarness } from './harness.js';
import { withBulkSignIns } from './bulk.js';

const count = Number(process.argv[2] ?? 50_000);
const h = await startHarness({ snapshot: withBulkSignIns(demoSnapshot(), count) });
try {
  const ws = h.workspace();
  await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, OPERATOR));
  const started = performance.now();
  const result = await runFullSync({ store: ws.store, graph: ws.graph, tenantId: await ws.tenantId(), appIds: [JAMF_CONNECT_APP], days: 30, windowMs: 2 * 86_400_000, concurrency: 3 });
  const seconds = (performance.now() - started) / 1000;
  console.log(`${result.rows} sign-ins in ${seconds.toFixed(1)} s = ${(result.rows / seconds).toFixed(0)} rows/s over ${result.windows} windows (${result.status})`);
} finally {
  await h.close();
}
