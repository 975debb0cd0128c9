/** `lockout-lens status` — profiles, sign-in state, cache contents and freshness, token storage. */
import { parseArgs } from 'node:util';
import { cacheDatabasePath } from '../../core/profiles/config-dir.js';
import { ProfileStore } from '../../core/profiles/profile-store.js';
import { cliSecretStore } from '../../core/profiles/workspace.js';
import { openStore } from '../../core/store/store.js';
import type { CliCommand, CliIo } from '../command.js';
import { EXIT } from '../command.js';
import { COMMON_HELP, COMMON_OPTIONS, configDirOf, emulatorOf, report, usageError } from './data-path-common.js';

const HELP = `usage: lockout-lens status [--profile NAME]
  Shows each profile, whether a sign-in is stored, and what the cache holds and how fresh it is.
${COMMON_HELP}`;

const command: CliCommand = {
  name: 'status',
  summary: 'what is configured, signed in and cached',
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    let v;
    try { v = parseArgs({ args: [...argv], options: { ...COMMON_OPTIONS } }).values; }
    catch (error) { return usageError(io, (error as Error).message, HELP); }
    if (v.help) { io.stdout(HELP); return EXIT.ok; }
    const configDir = configDirOf(v, io);
    let store;
    try {
      const profiles = new ProfileStore(configDir);
      const list = v.profile ? [profiles.get(v.profile)] : profiles.list().profiles;
      store = openStore(cacheDatabasePath(configDir));
      const emulator = (() => { try { return emulatorOf(v, io); } catch { return undefined; } })();
      const rows = [];
      for (const p of list) {
        const secrets = cliSecretStore(configDir, p.name, io.env);
        // Only whether a token cache exists — its contents (tokens) are never printed.
        const signedIn = (await secrets.read()) !== null;
        const tenantId = /^[0-9a-f-]{36}$/i.test(p.tenant) ? p.tenant.toLowerCase()
          : p.cloud === 'emulator' && emulator ? emulator.tenantId : null;
        rows.push({
          profile: p.name, cloud: p.cloud, tenant: p.tenant, jamfConnectClientIds: p.jamfConnect.clientIds,
          tokenStorage: secrets.description, signedIn,
          cache: tenantId ? {
            signIns: store.signIns.count(tenantId), freshness: store.syncState.allFreshness(tenantId),
            imports: store.imports.list(tenantId).length,
          } : null,
        });
      }
      const text = [`config: ${configDir}`, `cache: ${store.path}${store.recovered ? ` (rebuilt: the old file was moved to ${store.recovered.movedTo})` : ''}`,
        ...rows.map((r) => [
          `\n${r.profile} (${r.cloud}, tenant ${r.tenant})`,
          `  sign-in: ${r.signedIn ? 'stored' : 'none'} — ${r.tokenStorage}`,
          `  Jamf Connect client ids: ${r.jamfConnectClientIds.join(', ') || '(none set)'}`,
          r.cache ? `  cached sign-ins: ${r.cache.signIns}` : r.cloud === 'emulator' ? '  cache: the tenant id comes from the running emulator (--emulator FILE)' : '  cache: tenant id not known yet (the profile names a domain; sign in once)',
          ...(r.cache?.freshness ?? []).map((f) => `  fresh: ${f.resource} as of ${f.asOf}`),
        ].join('\n'))].join('\n');
      return report(io, v.json, { value: { configDir, cache: store.path, recovered: store.recovered ?? null, profiles: rows }, text });
    } catch (error) {
      return report(io, v.json, { error });
    } finally {
      store?.close();
    }
  },
};
export default command;
