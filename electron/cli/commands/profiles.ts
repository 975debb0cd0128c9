/** `lockout-lens profiles` — list, show, add, remove tenant profiles; detect Jamf Connect apps. */
import { parseArgs } from 'node:util';
import { ProfileStore } from '../../core/profiles/profile-store.js';
import type { TenantProfileInput } from '../../core/profiles/schema.js';
import { detectJamfConnectApps } from '../../core/sync/directory-sync.js';
import type { CliCommand, CliIo } from '../command.js';
import { EXIT } from '../command.js';
import { COMMON_HELP, COMMON_OPTIONS, configDirOf, report, usageError, workspaceOf } from './data-path-common.js';

const HELP = `usage: lockout-lens profiles [list] | show NAME | add --name N --tenant T --client-id ID [options] | remove NAME | detect --profile NAME
  add options:
    --cloud public|usgov|china|emulator   (default public)
    --jamf-client-id ID   Jamf Connect client id (OIDCROPGID); repeatable
    --api-app-id ID       Jamf's "Conditional Access Policy API" app id
    --ropg-scopes "…"     ROPG scopes, "+"- or space-separated (default openid profile email)
    --retention-days N    cache retention (default 30)
  detect  lists service principals named "Jamf Connect…" in the tenant (needs a sign-in)
${COMMON_HELP}`;

const command: CliCommand = {
  name: 'profiles',
  summary: 'manage tenant profiles',
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], allowPositionals: true, options: {
        ...COMMON_OPTIONS, name: { type: 'string' }, tenant: { type: 'string' }, 'client-id': { type: 'string' },
        cloud: { type: 'string' }, 'jamf-client-id': { type: 'string', multiple: true }, 'api-app-id': { type: 'string' },
        'ropg-scopes': { type: 'string' }, 'retention-days': { type: 'string' }, 'display-name': { type: 'string' },
      } });
    } catch (error) { return usageError(io, (error as Error).message, HELP); }
    const { values: v, positionals } = parsed;
    if (v.help) { io.stdout(HELP); return EXIT.ok; }
    const [action = 'list', name] = positionals;
    const store = new ProfileStore(configDirOf(v, io));
    try {
      switch (action) {
        case 'list': {
          const { profiles, problems } = store.list();
          const text = profiles.map((p) => `${p.name.padEnd(20)} ${p.cloud.padEnd(9)} ${p.tenant}${p.displayName ? `  (${p.displayName})` : ''}`).join('\n')
            + problems.map((p) => `\n! ${p.file}: ${p.message}`).join('');
          return report(io, v.json, { value: { profiles, problems }, text });
        }
        case 'show': {
          if (!name) return usageError(io, 'profiles show needs a NAME', HELP);
          const p = store.get(name);
          return report(io, v.json, { value: p, text: JSON.stringify(p, null, 2) });
        }
        case 'add': {
          const input: TenantProfileInput = {
            name: v.name ?? name ?? '', tenant: v.tenant ?? '', clientId: v['client-id'] ?? '',
            cloud: (v.cloud ?? 'public') as TenantProfileInput['cloud'],
            ...(v['display-name'] ? { displayName: v['display-name'] } : {}),
            jamfConnect: {
              clientIds: (v['jamf-client-id'] ?? []).map((s) => s.toLowerCase()),
              ...(v['api-app-id'] ? { apiAppId: v['api-app-id'].toLowerCase() } : {}),
              ...(v['ropg-scopes'] ? { ropgScopes: v['ropg-scopes'].split(/[+\s]+/).filter(Boolean) } : {}),
              source: 'manual',
            },
            ...(v['retention-days'] ? { retentionDays: Number(v['retention-days']) } : {}),
          };
          const saved = store.save(input);
          return report(io, v.json, { value: saved, text: `saved profile '${saved.name}'` });
        }
        case 'remove': {
          if (!name) return usageError(io, 'profiles remove needs a NAME', HELP);
          const removed = store.remove(name);
          return report(io, v.json, { value: { removed }, text: removed ? `removed profile '${name}'` : `no profile '${name}'` });
        }
        case 'detect': {
          const ws = workspaceOf(v, io);
          try {
            const apps = await detectJamfConnectApps(ws.graph);
            return report(io, v.json, { value: apps, text: apps.length ? apps.map((a) => `${a.appId}  ${a.displayName}`).join('\n') : 'no service principal named "Jamf Connect…" found' });
          } finally { ws.close(); }
        }
        default: return usageError(io, `unknown profiles action '${action}'`, HELP);
      }
    } catch (error) {
      return report(io, v.json, { error });
    }
  },
};
export default command;
