/** `lockout-lens login` — sign in to a tenant profile (system browser with PKCE, or device code). */
import { parseArgs } from 'node:util';
import { approveDeviceCode, emulatorOpenBrowser } from '../../core/auth/emulator-browser.js';
import { systemBrowser } from '../../core/auth/system-browser.js';
import type { CliCommand, CliIo } from '../command.js';
import { EXIT } from '../command.js';
import { COMMON_HELP, COMMON_OPTIONS, report, usageError, workspaceOf } from './data-path-common.js';

const HELP = `usage: lockout-lens login [--profile NAME] [--device-code] [--operator UPN]
  Signs in with the read-only permissions (docs/app-registration.md). Write permissions are asked
  for later, only when an exemption is applied.
  --device-code     use the device code flow (locked-down desktops, SSH sessions)
  --operator UPN    emulator only: the demo operator account to sign in as, without a browser
${COMMON_HELP}
Token storage: set LOCKOUT_LENS_CACHE_KEY (64 hex chars) to keep the sign-in in an encrypted file;
without it the sign-in lasts for this command only.
`;

const command: CliCommand = {
  name: 'login',
  summary: 'sign in to a tenant profile',
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    let v;
    try {
      v = parseArgs({ args: [...argv], options: { ...COMMON_OPTIONS, 'device-code': { type: 'boolean' }, operator: { type: 'string' } } }).values;
    } catch (error) { return usageError(io, (error as Error).message, HELP); }
    if (v.help) { io.stdout(HELP); return EXIT.ok; }
    try {
      const ws = workspaceOf(v, io);
      try {
        const emulator = ws.profile.cloud === 'emulator';
        const operator = v.operator ?? ws.profile.emulatorOperator;
        const account = v['device-code']
          ? await ws.session.signInDeviceCode(async (info) => {
            io.stderr(`${info.message}\n`);
            if (emulator && operator) await approveDeviceCode(ws.connection.transport, info, operator);
          })
          : await ws.session.signInInteractive(emulator
            ? emulatorOpenBrowser(ws.connection.transport, operator)
            : async (url) => { io.stderr('Opening the browser to sign in…\n'); await systemBrowser(ws.connection.cloud.authorityHost)(url); });
        const storage = ws.secretStore.description;
        return report(io, v.json, {
          value: { profile: ws.profile.name, account, tokenStorage: storage },
          text: `signed in to '${ws.profile.name}' as ${account.username} (tenant ${account.tenantId})\ntoken storage: ${storage}`,
        });
      } finally { ws.close(); }
    } catch (error) {
      return report(io, v.json, { error });
    }
  },
};
export default command;
