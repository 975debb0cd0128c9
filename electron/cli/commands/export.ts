/** `lockout-lens export` — the cache of a tenant as a snapshot (a case file for escalation). */
import { parseArgs } from 'node:util';
import { AppError } from '../../core/graph/app-error.js';
import { exportSnapshot } from '../../core/import/snapshot-export.js';
import { cacheDatabasePath } from '../../core/profiles/config-dir.js';
import { ProfileStore } from '../../core/profiles/profile-store.js';
import { writeSnapshotFile } from '../../core/snapshot/write.js';
import { openStore } from '../../core/store/store.js';
import type { CliCommand, CliIo } from '../command.js';
import { EXIT } from '../command.js';
import { COMMON_HELP, COMMON_OPTIONS, configDirOf, report, usageError } from './data-path-common.js';

const HELP = `usage: lockout-lens export --out FILE (--profile NAME | --tenant-id ID) [--user UPN|ID]… [--since ISO] [--as-of ISO]
  Writes the cached tenant data as a tenant snapshot (docs/snapshot-format.md) that a colleague can
  import or load into the emulator. --user limits it to a case file about those users.
${COMMON_HELP}`;

const command: CliCommand = {
  name: 'export',
  summary: 'export the cache as a snapshot (case file)',
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    let v;
    try {
      v = parseArgs({ args: [...argv], options: {
        ...COMMON_OPTIONS, out: { type: 'string', short: 'o' }, 'tenant-id': { type: 'string' }, user: { type: 'string', multiple: true },
        since: { type: 'string' }, 'as-of': { type: 'string' }, note: { type: 'string' },
      } }).values;
    } catch (error) { return usageError(io, (error as Error).message, HELP); }
    if (v.help) { io.stdout(HELP); return EXIT.ok; }
    if (!v.out) return usageError(io, 'export needs --out FILE', HELP);
    const configDir = configDirOf(v, io);
    let store;
    try {
      const tenantId = v['tenant-id'] ?? (v.profile ? new ProfileStore(configDir).get(v.profile).tenant : undefined);
      if (!tenantId || !/^[0-9a-f-]{36}$/i.test(tenantId)) {
        throw new AppError('invalid_input', 'Name the tenant with --tenant-id GUID (or a --profile whose tenant is a GUID).');
      }
      for (const t of [v.since, v['as-of']]) if (t !== undefined && Number.isNaN(Date.parse(t))) throw new AppError('invalid_input', `'${t}' is not a date/time`);
      store = openStore(cacheDatabasePath(configDir));
      const userIds = (v.user ?? []).map((u) => store!.directory.user(tenantId, u)?.id ?? u);
      const snapshot = exportSnapshot(store, {
        tenantId: tenantId.toLowerCase(), userIds: userIds.length ? userIds : undefined,
        since: v.since ? new Date(v.since).toISOString() : undefined, asOf: v['as-of'] ? new Date(v['as-of']).toISOString() : undefined,
        exportedBy: io.env.USER ?? io.env.USERNAME, note: v.note,
      });
      await writeSnapshotFile(v.out, snapshot);
      const summary = { file: v.out, tenantId, signIns: snapshot.signIns.length, users: snapshot.users.length, policies: snapshot.conditionalAccessPolicies.length };
      return report(io, v.json, { value: summary, text: `wrote ${v.out}: ${summary.signIns} sign-ins, ${summary.users} users, ${summary.policies} policies` });
    } catch (error) {
      return report(io, v.json, { error });
    } finally {
      store?.close();
    }
  },
};
export default command;
