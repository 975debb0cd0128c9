/**
 * Runs the project's emulator in its own process for the network cases, so Graph's side of the
 * work (filtering, serialising pages) does not share the client's event loop and CPU — as with the
 * real Graph. Prints one JSON line {origin, tenantId, caCertPem, controlToken} and serves until killed.
 * Usage: node --import tsx bench/lib/emulator-host.ts <snapshot.json> <sign-ins.jsonl> <faults.json>
 * (the tenant without its sign-ins, then one sign-in per line: a full-scale tenant exceeds one JSON string).
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { startEmulator } from '../../electron/core/emulator/index.js';
import type { TenantSnapshot } from '../../electron/core/snapshot/types.js';

const [snapshotFile, signInsFile, faultsFile] = process.argv.slice(2);
if (!snapshotFile || !signInsFile || !faultsFile) {
  process.stderr.write('usage: emulator-host.ts <snapshot.json> <sign-ins.jsonl> <faults.json>\n');
  process.exit(2);
}
const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as TenantSnapshot;
for await (const line of createInterface({ input: createReadStream(signInsFile, 'utf8'), crlfDelay: Infinity })) {
  if (line) snapshot.signIns.push(JSON.parse(line) as TenantSnapshot['signIns'][number]);
}
const emu = await startEmulator({ snapshot, seed: 5, log: () => {} });
emu.control.injectFaults(JSON.parse(readFileSync(faultsFile, 'utf8')));
process.stdout.write(`${JSON.stringify({ origin: emu.origin, tenantId: emu.tenantId, caCertPem: emu.caCertPem, controlToken: emu.controlToken })}\n`);
const stop = () => { void emu.stop().finally(() => process.exit(0)); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The parent going away (crash, timeout) must not leave an emulator behind.
process.stdin.on('end', stop);
process.stdin.resume();
