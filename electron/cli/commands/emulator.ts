/**
 * `lockout-lens emulator` — run the Entra + Graph emulator alone (demo tenant, manual testing,
 * other tools). Prints what a client needs (origin, tenant id, the CA certificate file, the control
 * token) and runs until Ctrl-C.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from '../../core/emulator/index.js';
import { loadSnapshotFile } from '../../core/snapshot/load.js';
import { shiftSnapshotTimes, timeShiftFor } from '../../core/snapshot/time-shift.js';
import { resourcePath } from '../../core/paths.js';
import type { CliCommand, CliIo } from '../command.js';
import { EXIT } from '../command.js';

const HELP = `usage: lockout-lens emulator [--snapshot FILE] [--port N] [--seed N] [--ingestion-delay SECONDS] [--no-time-shift]
  Runs the Entra ID + Microsoft Graph emulator on https://127.0.0.1 until Ctrl-C.
  --snapshot FILE        tenant snapshot to serve (default: resources/demo-tenant.json)
  --port N               port to listen on (default: a free one)
  --seed N               make ids and injected faults repeatable
  --ingestion-delay S    seconds before a new sign-in shows in the logs (default 120 for the
                         demo tenant, 0 for other snapshots)
  --no-time-shift        serve the snapshot's timestamps as they are (default: move them so the
                         snapshot's meta.generatedAt is today)
See docs/emulator.md for the control API and fault injection.
`;

function intOption(io: CliIo, name: string, raw: string | undefined, min: number, max: number): number | undefined | null {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    io.stderr(`lockout-lens emulator: --${name} must be a whole number from ${min} to ${max}, got '${raw}'\n`);
    return null;
  }
  return Number(raw);
}

/** Resolves when the process is asked to stop (Ctrl-C / SIGTERM) or `signal` aborts. */
function untilStopped(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => { process.off('SIGINT', done); process.off('SIGTERM', done); resolve(); };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export async function runEmulatorCommand(argv: readonly string[], io: CliIo, stop?: AbortSignal): Promise<number> {
  let v;
  try {
    v = parseArgs({ args: [...argv], options: {
      snapshot: { type: 'string' }, port: { type: 'string' }, seed: { type: 'string' }, 'ingestion-delay': { type: 'string' },
      'no-time-shift': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    } }).values;
  } catch (error) {
    io.stderr(`lockout-lens emulator: ${(error as Error).message}\n${HELP}`);
    return EXIT.usage;
  }
  if (v.help) { io.stdout(HELP); return EXIT.ok; }
  const port = intOption(io, 'port', v.port, 0, 65535);
  const seed = intOption(io, 'seed', v.seed, 0, 2 ** 32 - 1);
  const delay = intOption(io, 'ingestion-delay', v['ingestion-delay'], 0, 24 * 3600);
  if (port === null || seed === null || delay === null) return EXIT.usage;

  const demo = resourcePath('demo-tenant.json');
  const file = v.snapshot ?? (existsSync(demo) ? demo : undefined);
  if (!file) { io.stderr('lockout-lens emulator: no --snapshot given and resources/demo-tenant.json does not exist\n'); return EXIT.usage; }
  const loaded = await loadSnapshotFile(file);
  if (!loaded.ok) {
    const e = loaded.error;
    io.stderr(`lockout-lens emulator: ${e.source ?? file}:${e.line}:${e.column}: ${e.message}\n`);
    return EXIT.input;
  }
  for (const w of loaded.warnings) io.stderr(`warning: ${w}\n`);
  const snapshot = v['no-time-shift'] ? loaded.snapshot : shiftSnapshotTimes(loaded.snapshot, timeShiftFor(loaded.snapshot, new Date()));

  const emu = await startEmulator({
    snapshot,
    ...(port !== undefined ? { port } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ingestionDelaySeconds: delay ?? (v.snapshot === undefined ? 120 : 0),
    log: (line) => io.stderr(`${line}\n`),
  });
  const dir = await mkdtemp(join(tmpdir(), 'lockout-lens-emulator-'));
  const certPath = join(dir, 'emulator-ca.pem');
  await writeFile(certPath, emu.caCertPem, { mode: 0o600 });
  io.stdout([
    `Lockout Lens emulator running (${file})`,
    `origin:        ${emu.origin}`,
    `tenant id:     ${emu.tenantId}`,
    `CA cert:       ${certPath}`,
    `control token: ${emu.controlToken}`,
    'Press Ctrl-C to stop.',
    '',
  ].join('\n'));
  await untilStopped(stop);
  await emu.stop();
  await rm(dir, { recursive: true, force: true });
  io.stdout('emulator stopped\n');
  return EXIT.ok;
}

const command: CliCommand = {
  name: 'emulator',
  summary: 'run the Entra + Graph emulator (demo tenant) until Ctrl-C',
  run: (argv, io) => runEmulatorCommand(argv, io),
};
export default command;
