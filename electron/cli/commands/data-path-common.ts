/**
 * Shared plumbing of the data-path commands (profiles, login, logout, sync, import, export, status):
 * common flags, opening a workspace, and turning AppErrors into exit codes and `--json` envelopes.
 * Not a command itself (no default export).
 */
import { readFileSync } from 'node:fs';
import type { EmulatorEndpoint } from '../../core/auth/connection.js';
import { AppError } from '../../core/graph/app-error.js';
import { defaultConfigDir } from '../../core/profiles/config-dir.js';
import { openWorkspace, readEmulatorEndpoint, type Workspace } from '../../core/profiles/workspace.js';
import type { CliIo } from '../command.js';
import { EXIT } from '../command.js';

export const COMMON_OPTIONS = {
  profile: { type: 'string', short: 'p' },
  'config-dir': { type: 'string' },
  emulator: { type: 'string' },
  'emulator-origin': { type: 'string' },
  'emulator-tenant': { type: 'string' },
  'emulator-ca': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const COMMON_HELP = `  --profile NAME      tenant profile (default: demo)
  --config-dir DIR    where profiles, cache and tokens live (default: LOCKOUT_LENS_HOME or the OS app-data dir)
  --emulator FILE     endpoint file of a running emulator ({origin, tenantId, caCertPem}); default LOCKOUT_LENS_EMULATOR
  --emulator-origin URL --emulator-tenant ID --emulator-ca FILE
                      the same, as printed by 'lockout-lens emulator'
  --json              machine-readable output
`;

export interface CommonFlags {
  profile?: string;
  'config-dir'?: string;
  emulator?: string;
  'emulator-origin'?: string;
  'emulator-tenant'?: string;
  'emulator-ca'?: string;
  json?: boolean;
}

export function configDirOf(flags: CommonFlags, io: CliIo): string {
  return flags['config-dir'] ?? defaultConfigDir(io.env);
}

export function emulatorOf(flags: CommonFlags, io: CliIo): EmulatorEndpoint | undefined {
  const origin = flags['emulator-origin'];
  if (origin || flags['emulator-tenant'] || flags['emulator-ca']) {
    if (!origin || !flags['emulator-tenant'] || !flags['emulator-ca']) {
      throw new AppError('invalid_input', '--emulator-origin, --emulator-tenant and --emulator-ca go together.');
    }
    let caCertPem: string;
    try { caCertPem = readFileSync(flags['emulator-ca'], 'utf8'); } catch (error) {
      throw new AppError('invalid_input', `Cannot read --emulator-ca ${flags['emulator-ca']}: ${(error as Error).message}`);
    }
    return { origin, tenantId: flags['emulator-tenant'], caCertPem };
  }
  const file = flags.emulator ?? io.env.LOCKOUT_LENS_EMULATOR;
  return file ? readEmulatorEndpoint(file) : undefined;
}

export function workspaceOf(flags: CommonFlags, io: CliIo): Workspace {
  return openWorkspace({
    configDir: configDirOf(flags, io), profileName: flags.profile ?? 'demo', emulator: emulatorOf(flags, io), env: io.env,
  });
}

export function exitCodeFor(error: AppError): number {
  switch (error.code) {
    case 'invalid_input': case 'profile_invalid': case 'profile_not_found': return EXIT.input;
    case 'missing_scope': case 'missing_role': return EXIT.refused;
    case 'store_migration_edited': case 'store_newer_than_app': case 'store_unavailable': return EXIT.internal;
    default: return EXIT.remote;
  }
}

/** Prints the outcome (JSON envelope or text) and returns the exit code. */
export function report(io: CliIo, json: boolean | undefined, outcome: { value: unknown; text: string } | { error: unknown }): number {
  if ('error' in outcome) {
    const error = outcome.error instanceof AppError ? outcome.error
      : new AppError('unknown', outcome.error instanceof Error ? outcome.error.message : String(outcome.error));
    const hint = error.code === 'auth_required' && !io.env.LOCKOUT_LENS_CACHE_KEY
      ? ' (Without LOCKOUT_LENS_CACHE_KEY the CLI keeps a sign-in for one command only: set it to 64 hex characters to keep it encrypted between commands, or use --operator with the emulator.)'
      : '';
    if (json) io.stdout(`${JSON.stringify({ ok: false, error: { code: error.code, message: error.message + hint } })}\n`);
    else io.stderr(`error: ${error.message}${hint}\n`);
    return exitCodeFor(error);
  }
  if (json) io.stdout(`${JSON.stringify({ ok: true, value: outcome.value }, null, 2)}\n`);
  else io.stdout(outcome.text.endsWith('\n') ? outcome.text : `${outcome.text}\n`);
  return EXIT.ok;
}

export function usageError(io: CliIo, message: string, help: string): number {
  io.stderr(`${message}\n\n${help}`);
  return EXIT.usage;
}
