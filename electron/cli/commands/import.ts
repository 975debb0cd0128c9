/** `lockout-lens import` — snapshots, Graph / portal sign-in downloads, Jamf Connect configuration profiles. */
import { parseArgs } from 'node:util';
import { AppError } from '../../core/graph/app-error.js';
import { importFile } from '../../core/import/import-file.js';
import type { ImportKind } from '../../core/import/import-error.js';
import { applyJamfSettings } from '../../core/import/jamf-profile-import.js';
import { cacheDatabasePath } from '../../core/profiles/config-dir.js';
import { ProfileStore } from '../../core/profiles/profile-store.js';
import { openStore } from '../../core/store/store.js';
import type { CliCommand, CliIo } from '../command.js';
import { EXIT } from '../command.js';
import { COMMON_HELP, COMMON_OPTIONS, configDirOf, exitCodeFor, report, usageError } from './data-path-common.js';

const KINDS: readonly ImportKind[] = ['snapshot', 'graph-json', 'portal-json', 'portal-csv', 'jamf-profile'];
const HELP = `usage: lockout-lens import FILE… [--profile NAME] [--kind K]
  Imports into the cache (transactional and idempotent; a bad file is refused with its position, nothing written):
    tenant snapshot (.json, a case file)          the snapshot's own tenant, or --profile's
    Graph JSON ({"value":[…]}) or portal JSON ([…]) sign-ins
    Entra portal sign-in download (.csv)          InteractiveSignIns_… / NonInteractiveSignIns_…
  A Jamf Connect configuration profile (.mobileconfig / .plist, XML or binary) updates --profile's
  Jamf Connect client ids, ROPG scopes and custom API app instead.
  --kind K   ${KINDS.join(' | ')} (default: detected)
${COMMON_HELP}`;

const command: CliCommand = {
  name: 'import',
  summary: 'import snapshots, sign-in downloads and Jamf Connect profiles',
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    let parsed;
    try { parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { ...COMMON_OPTIONS, kind: { type: 'string' } } }); }
    catch (error) { return usageError(io, (error as Error).message, HELP); }
    const { values: v, positionals: files } = parsed;
    if (v.help) { io.stdout(HELP); return EXIT.ok; }
    if (files.length === 0) return usageError(io, 'import needs at least one FILE', HELP);
    if (v.kind && !KINDS.includes(v.kind as ImportKind)) return usageError(io, `--kind must be one of ${KINDS.join(', ')}`, HELP);
    const configDir = configDirOf(v, io);
    const profiles = new ProfileStore(configDir);
    let store;
    try {
      const profile = v.profile ? profiles.get(v.profile) : undefined;
      const tenantId = profile && /^[0-9a-f-]{36}$/i.test(profile.tenant) ? profile.tenant.toLowerCase() : undefined;
      store = openStore(cacheDatabasePath(configDir));
      if (store.recovered) io.stderr(`note: the cache file was unreadable (${store.recovered.detail}); it was moved to ${store.recovered.movedTo} and a new cache was created\n`);
      const results: unknown[] = [];
      const lines: string[] = [];
      const failures: AppError[] = [];
      // Each file is its own transaction: a bad file is refused whole, the good ones are still imported.
      for (const file of files) {
        try {
          const outcome = importFile(store, file, { kind: v.kind as ImportKind | undefined, tenantId });
          if (outcome.kind === 'jamf-profile') {
            if (!profile || profile.name === 'demo') {
              throw new AppError('invalid_input', `${outcome.file}: a Jamf Connect profile updates a tenant profile; name one with --profile (not the built-in demo).`);
            }
            const saved = profiles.save(applyJamfSettings(profiles.get(profile.name), outcome.settings, outcome.file));
            results.push({ ok: true, ...outcome, profile: saved.name });
            lines.push(`${outcome.file}: Jamf Connect client ids ${outcome.settings.clientIds.join(', ')}; ROPG scopes ${(saved.jamfConnect.ropgScopes).join(' ')}`
              + `${outcome.settings.tenant ? `; tenant ${outcome.settings.tenant}` : ''} → profile '${saved.name}'`);
            for (const w of outcome.settings.warnings) lines.push(`  warning: ${w}`);
          } else {
            results.push({ ok: true, ...outcome });
            const counts = Object.entries(outcome.counts).map(([k, n]) => `${n} ${k}`).join(', ');
            lines.push(`${outcome.file}: ${outcome.kind}, tenant ${outcome.tenantId}: ${counts}${outcome.alreadyImported ? ' (already imported before — nothing new)' : ''}`);
            for (const w of outcome.warnings) lines.push(`  warning: ${w}`);
          }
        } catch (error) {
          const appError = error instanceof AppError ? error : new AppError('unknown', (error as Error).message);
          failures.push(appError);
          results.push({ ok: false, file, error: { code: appError.code, message: appError.message } });
        }
      }
      if (failures.length) {
        if (v.json) io.stdout(`${JSON.stringify({ ok: false, value: results, error: { code: failures[0]!.code, message: failures.map((f) => f.message).join('\n') } }, null, 2)}\n`);
        else {
          if (lines.length) io.stdout(`${lines.join('\n')}\n`);
          for (const f of failures) io.stderr(`error: ${f.message}\n`);
        }
        return exitCodeFor(failures[0]!);
      }
      return report(io, v.json, { value: results, text: lines.join('\n') });
    } catch (error) {
      return report(io, v.json, { error });
    } finally {
      store?.close();
    }
  },
};
export default command;
