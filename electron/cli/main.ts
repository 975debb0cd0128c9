#!/usr/bin/env node
/**
 * `lockout-lens` — the engine headless. The command table below is the whole dispatcher: one line
 * per command module under ./commands, loaded lazily so `lockout-lens evaluate` does not pay for
 * MSAL or SQLite start-up.
 */
import type { CliCommand, CliIo } from './command.js';
import { EXIT } from './command.js';

const commands: Record<string, () => Promise<{ default: CliCommand }>> = {
  // one line per command: name: () => import('./commands/<name>.js'),
  emulator: () => import('./commands/emulator.js'),
  evaluate: () => import('./commands/evaluate.js'),
  profiles: () => import('./commands/profiles.js'),
  login: () => import('./commands/login.js'),
  logout: () => import('./commands/logout.js'),
  sync: () => import('./commands/sync.js'),
  import: () => import('./commands/import.js'),
  export: () => import('./commands/export.js'),
  status: () => import('./commands/status.js'),
  diagnose: () => import('./commands/diagnose.js'),
  exempt: () => import('./commands/exempt.js'),
  exemptions: () => import('./commands/exemptions.js'),
  audit: () => import('./commands/audit.js'),
};

function usage(io: CliIo): void {
  io.stdout('usage: lockout-lens <command> [options]   (lockout-lens <command> --help)\n\ncommands:\n');
  io.stdout(Object.keys(commands).sort().map((n) => `  ${n}\n`).join(''));
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    usage(io);
    return name ? EXIT.ok : EXIT.usage;
  }
  const load = commands[name];
  if (!load) {
    io.stderr(`lockout-lens: unknown command '${name}'\n`);
    usage(io);
    return EXIT.usage;
  }
  const command = (await load()).default;
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.stderr(`lockout-lens ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.internal;
  }
}

const isEntryPoint = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntryPoint) {
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
  };
  main(process.argv.slice(2), io).then((code) => { process.exitCode = code; });
}
