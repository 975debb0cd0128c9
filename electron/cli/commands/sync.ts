/** `lockout-lens sync` — refresh the cache: one user's sign-ins, all Jamf Connect sign-ins, or the directory. */
import { parseArgs } from 'node:util';
import { emulatorOpenBrowser } from '../../core/auth/emulator-browser.js';
import { AppError } from '../../core/graph/app-error.js';
import type { Workspace } from '../../core/profiles/workspace.js';
import { syncDirectory, syncUser } from '../../core/sync/directory-sync.js';
import { runFullSync } from '../../core/sync/full-sync.js';
import type { SyncProgress } from '../../core/sync/progress.js';
import { syncUserSignIns } from '../../core/sync/targeted-sync.js';
import type { CliCommand, CliIo } from '../command.js';
import { EXIT } from '../command.js';
import { COMMON_HELP, COMMON_OPTIONS, report, usageError, workspaceOf } from './data-path-common.js';

const HELP = `usage: lockout-lens sync [--profile NAME] (--user UPN|ID | --tenant | --directory) [options]
  --user UPN|ID       one user's Jamf Connect sign-ins (interactive and non-interactive), plus the user's groups and roles
  --tenant            every sign-in of the profile's Jamf Connect apps, in time windows; resumes after a crash
  --directory         CA policies (versioned), named locations, the apps' service principals, attribute definitions
  --days N            how far back (default 7 for --user, the profile's retention for --tenant)
  --full              --tenant: ignore the watermark and sync the whole period again
  --window-hours H    --tenant: fixed window width (default: planned from the row density, ~9,000 rows each)
  --concurrency N     --tenant: windows fetched at once (default 5)
  --operator UPN      emulator only: sign in headless as this demo operator first
${COMMON_HELP}`;

const command: CliCommand = {
  name: 'sync',
  summary: 'refresh the cache from Graph',
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    let v;
    try {
      v = parseArgs({ args: [...argv], options: {
        ...COMMON_OPTIONS, user: { type: 'string' }, tenant: { type: 'boolean' }, directory: { type: 'boolean' },
        days: { type: 'string' }, full: { type: 'boolean' }, 'window-hours': { type: 'string' }, concurrency: { type: 'string' },
        operator: { type: 'string' },
      } }).values;
    } catch (error) { return usageError(io, (error as Error).message, HELP); }
    if (v.help) { io.stdout(HELP); return EXIT.ok; }
    if (!v.user && !v.tenant && !v.directory) return usageError(io, 'say what to sync: --user, --tenant or --directory', HELP);
    const days = v.days === undefined ? undefined : Number(v.days);
    if (days !== undefined && !(Number.isInteger(days) && days > 0)) return usageError(io, '--days must be a positive whole number', HELP);
    const controller = new AbortController();
    const onSignal = () => controller.abort();
    process.once('SIGINT', onSignal);
    let ws: Workspace | undefined;
    try {
      ws = workspaceOf(v, io);
      if (ws.profile.cloud === 'emulator' && (v.operator ?? ws.profile.emulatorOperator) && !(await ws.session.accounts()).length) {
        await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, v.operator ?? ws.profile.emulatorOperator));
      }
      const tenantId = await ws.tenantId();
      // Sign-ins are keyed by the CLIENT app (Jamf Connect's ROPG id); the custom API app is a resource.
      const appIds = ws.profile.jamfConnect.clientIds;
      const out: Record<string, unknown> = { profile: ws.profile.name, tenantId };
      const lines: string[] = [];
      if (v.directory) {
        const r = await syncDirectory({ store: ws.store, graph: ws.graph, tenantId, appIds: [...appIds, ...(ws.profile.jamfConnect.apiAppId ? [ws.profile.jamfConnect.apiAppId] : [])], signal: controller.signal });
        out.directory = Object.fromEntries(Object.entries(r).map(([k, p]) => [k, typeof p === 'object' && p && 'ok' in p && !p.ok ? { ok: false, error: p.error.toJSON() } : p]));
        for (const [k, p] of Object.entries(r)) {
          if (k === 'asOf') continue;
          const part = p as { ok: boolean; count?: number; error?: AppError };
          lines.push(part.ok ? `${k}: ${part.count}` : `${k}: NOT SYNCED — ${part.error!.message}`);
        }
      }
      if (v.user) {
        const user = await syncUser({ store: ws.store, graph: ws.graph, tenantId, idOrUpn: v.user, signal: controller.signal });
        const r = await syncUserSignIns({ store: ws.store, graph: ws.graph, tenantId, appIds, user: { id: user.user.id }, days: days ?? 7, signal: controller.signal });
        out.user = { id: user.user.id, userPrincipalName: user.user.userPrincipalName, memberships: user.memberships, signIns: r };
        lines.push(`${String(user.user.userPrincipalName)}: ${r.fetched} sign-ins in ${r.requests} request(s) since ${r.since}; ${user.memberships} groups/roles`);
      }
      if (v.tenant) {
        if (appIds.length === 0) throw new AppError('invalid_input', `Profile '${ws.profile.name}' has no Jamf Connect client ids; add them with 'profiles add --jamf-client-id' or import a Jamf Connect configuration profile.`);
        const bar = progressPrinter(io, !!v.json);
        const r = await runFullSync({
          store: ws.store, graph: ws.graph, tenantId, appIds, days: days ?? ws.profile.retentionDays, full: v.full,
          windowMs: v['window-hours'] ? Number(v['window-hours']) * 3_600_000 : undefined,
          concurrency: v.concurrency ? Number(v.concurrency) : undefined, signal: controller.signal, onProgress: bar.update,
        });
        bar.done();
        out.tenant = r;
        lines.push(`${r.status}: ${r.rows} sign-ins stored over ${r.windows} windows (${r.since} → ${r.until})${r.resumed ? ', resumed' : ''}`);
        if (r.status === 'cancelled') lines.push('cancelled — run the same command again to resume');
      }
      // Retention: the profile says how long sign-ins are kept (Entra itself keeps 30 days with P1/P2).
      const purged = ws.store.purgeOlderThan(ws.profile.retentionDays, new Date(), tenantId);
      out.purged = purged;
      if (purged.signIns) lines.push(`retention: removed ${purged.signIns} sign-ins older than ${ws.profile.retentionDays} days`);
      return report(io, v.json, { value: out, text: lines.join('\n') });
    } catch (error) {
      return report(io, v.json, { error });
    } finally {
      process.removeListener('SIGINT', onSignal);
      ws?.close();
    }
  },
};
export default command;

/** A progress bar on a terminal, one plain line per finished window otherwise, nothing with --json. */
function progressPrinter(io: CliIo, json: boolean): { update: (p: SyncProgress) => void; done: () => void } {
  const tty = !json && process.stderr.isTTY === true && io.env.TERM !== 'dumb';
  let lastWindows = -1;
  return {
    update(p) {
      if (json) return;
      const pct = p.windowsTotal ? Math.floor((p.windowsDone / p.windowsTotal) * 100) : 100;
      const eta = p.etaSeconds === null ? '…' : `${Math.ceil(p.etaSeconds)}s`;
      if (tty) {
        const width = 30;
        const fill = Math.round((pct / 100) * width);
        io.stderr(`\r[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${pct}% ${p.windowsDone}/${p.windowsTotal} windows, ${p.rows} sign-ins, ${p.rate.toFixed(0)}/s, ETA ${eta}   `);
      } else if (p.windowsDone !== lastWindows) {
        lastWindows = p.windowsDone;
        io.stderr(`progress: ${p.windowsDone}/${p.windowsTotal} windows, ${p.rows} sign-ins, ${p.rate.toFixed(0)}/s, ETA ${eta}\n`);
      }
    },
    done() { if (tty) io.stderr('\n'); },
  };
}
