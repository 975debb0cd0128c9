/** `lockout-lens logout` — remove the profile's sign-in (all accounts, or one) from the token cache. */
import { parseArgs } from 'node:util';
import type { CliCommand, CliIo } from '../command.js';
import { EXIT } from '../command.js';
import { COMMON_HELP, COMMON_OPTIONS, report, usageError, workspaceOf } from './data-path-common.js';

const HELP = `usage: lockout-lens logout [--profile NAME] [--account HOME_ACCOUNT_ID]
${COMMON_HELP}`;

const command: CliCommand = {
  name: 'logout',
  summary: 'sign out of a tenant profile',
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    let v;
    try { v = parseArgs({ args: [...argv], options: { ...COMMON_OPTIONS, account: { type: 'string' } } }).values; }
    catch (error) { return usageError(io, (error as Error).message, HELP); }
    if (v.help) { io.stdout(HELP); return EXIT.ok; }
    try {
      const ws = workspaceOf(v, io);
      try {
        const before = await ws.session.accounts();
        await ws.session.signOut(v.account);
        if (!v.account) await ws.secretStore.clear();
        const removed = v.account ? before.filter((a) => a.homeAccountId === v.account).length : before.length;
        return report(io, v.json, { value: { profile: ws.profile.name, removed }, text: `signed out of '${ws.profile.name}' (${removed} account${removed === 1 ? '' : 's'} removed)` });
      } finally { ws.close(); }
    } catch (error) {
      return report(io, v.json, { error });
    }
  },
};
export default command;
