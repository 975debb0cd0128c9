/**
 * `lockout-lens diagnose` — why is this user's Jamf Connect password check failing? Offline on a
 * snapshot file; live profiles come with the cache. Contract and exit codes: docs/cli.md.
 */
import { parseArgs } from 'node:util';
import { diagnoseFromSnapshot, UserNotFoundError } from '../../core/diagnosis/from-snapshot.js';
import { visibleText } from '../../core/diagnosis/escape.js';
import { diagnosisJson } from '../../core/diagnosis/json-contract.js';
import { toHtml } from '../../core/diagnosis/report-html.js';
import { toMarkdown } from '../../core/diagnosis/report-markdown.js';
import type { Diagnosis } from '../../core/diagnosis/types.js';
import type { CliCommand, CliIo } from '../command.js';
import { EXIT } from '../command.js';
import { InputError, loadSnapshotOrThrow, UsageError, withExitCodes } from './evaluate.js';

const HELP = `usage: lockout-lens diagnose (--snapshot FILE | --profile NAME) --user UPN|ID [--days N] [--now ISO] [--format md|html] [--json]

Explains why a user's Jamf Connect password check fails: verdict, cause, evidence, prediction, fix.
  --snapshot FILE    tenant snapshot / case file (docs/snapshot-format.md)
  --profile NAME     a tenant profile: diagnoses from its local cache (run 'lockout-lens sync --profile NAME --user UPN' first)
  --config-dir DIR   where profiles and the cache live (default: LOCKOUT_LENS_HOME or the OS app-data dir)
  --emulator FILE    endpoint file of a running emulator (demo profile); default LOCKOUT_LENS_EMULATOR
  --user UPN|ID      the user (userPrincipalName, mail or object id)
  --days N           window length in days, ending at --now (default 7; 1–365)
  --now ISO          end of the window (default: the snapshot's meta.generatedAt, else the current time)
  --format md|html   print the report as Markdown (ticket) or self-contained HTML instead of text
  --json             print the JSON contract (docs/cli.md)
Exit: 0 not locked out, 1 locked out, 2 usage, 3 input (file, snapshot, unknown user, profile), 4 tenant/auth.
`;

function human(d: Diagnosis): string {
  const v = d.verdict;
  const lines = [
    `${v.lockedOut ? 'LOCKED OUT' : v.cause === 'no-sign-ins' ? 'NO JAMF CONNECT SIGN-INS' : 'NOT LOCKED OUT'} — ${d.user.userPrincipalName ?? d.user.id}`,
    v.summary,
    `cause: ${v.cause}   code: ${v.primaryErrorCode ?? '—'}${v.primaryErrorName ? ` ${v.primaryErrorName}` : ''}   since: ${v.since ?? '—'}   failed checks: ${v.attempts}`,
  ];
  const named = (ids: readonly string[]) => ids.map((id) => `${d.policies.find((p) => p.id === id)?.displayName ?? d.prediction.policies.find((p) => p.policyId === id)?.displayName ?? 'unknown policy'} (${id})`).join(', ');
  if (v.blockingPolicyIds.length) lines.push(`blocking policies (${v.blockingPolicySource}): ${named(v.blockingPolicyIds)}`);
  const p = d.prediction;
  lines.push(`next check (current policies): ${p.access}${p.errorCode ? ` AADSTS${p.errorCode}` : ''}${p.decidingPolicyIds.length ? ` by ${named(p.decidingPolicyIds)}` : ''}`);
  if (p.disagreement) lines.push(`⚠ log and prediction disagree (${p.disagreement.kind}): ${p.disagreement.detail}`);
  if (d.recommendations.length) {
    lines.push('', 'recommendations:');
    d.recommendations.forEach((r, i) => lines.push(`  ${i + 1}. ${r.action}${r.policyId ? ` policy ${r.policyId}` : ''}${r.targetAppId ? ` → app ${r.targetAppId}` : ''}: ${r.why}`));
  }
  if (d.warnings.length) {
    lines.push('', 'warnings:');
    for (const w of d.warnings) lines.push(`  ⚠ ${w.message}`);
  }
  // Tenant strings may carry terminal escape sequences or bidi overrides: made visible, line by line.
  return `${lines.map((l) => visibleText(l)).join('\n')}\n`;
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      snapshot: { type: 'string' }, profile: { type: 'string' }, user: { type: 'string' }, days: { type: 'string' },
      now: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      'config-dir': { type: 'string' }, emulator: { type: 'string' },
    },
  });
  if (values.help) { io.stdout(HELP); return EXIT.ok; }
  if (values.snapshot !== undefined && values.profile !== undefined) throw new UsageError('give either --snapshot or --profile, not both');
  if (values.snapshot === undefined && values.profile === undefined) throw new UsageError('--snapshot FILE or --profile NAME is required');
  if (!values.user) throw new UsageError('--user UPN|ID is required');
  const days = values.days === undefined ? 7 : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 365) throw new UsageError(`--days must be a whole number from 1 to 365 (got '${values.days}')`);
  if (values.now !== undefined && Number.isNaN(Date.parse(values.now))) throw new UsageError(`--now must be an ISO date-time like 2026-11-20T09:00:00Z (got '${values.now}')`);
  if (values.format !== undefined && values.format !== 'md' && values.format !== 'html') throw new UsageError(`--format must be md or html (got '${values.format}')`);
  if (values.format !== undefined && values.json) throw new UsageError('give either --json or --format, not both');
  const now = values.now !== undefined ? new Date(values.now).toISOString() : undefined;
  let diagnosis: Diagnosis;
  try {
    if (values.profile !== undefined) {
      // Loaded only here: profiles pull in MSAL and SQLite, which `--snapshot` does not need.
      const [{ diagnoseFromProfile }, common, { AppError }] = await Promise.all([
        import('../../core/diagnosis/from-profile.js'), import('./data-path-common.js'), import('../../core/graph/app-error.js'),
      ]);
      try {
        const flags = { profile: values.profile, ...(values['config-dir'] ? { 'config-dir': values['config-dir'] } : {}), ...(values.emulator ? { emulator: values.emulator } : {}) };
        const emulator = common.emulatorOf(flags, io);
        diagnosis = await diagnoseFromProfile({
          configDir: common.configDirOf(flags, io), profileName: values.profile, ...(emulator ? { emulator } : {}), env: io.env,
          user: values.user, days, ...(now ? { now } : {}),
        });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        io.stderr(`lockout-lens diagnose: ${error.message}\n`);
        return common.exitCodeFor(error);
      }
    } else {
      const snapshot = await loadSnapshotOrThrow(values.snapshot!);
      diagnosis = diagnoseFromSnapshot(snapshot, values.user, { days, ...(now ? { now } : {}), sourceName: values.snapshot! });
    }
  } catch (error) {
    if (error instanceof UserNotFoundError) throw new InputError(error.message);
    throw error;
  }
  if (values.json) io.stdout(`${JSON.stringify(diagnosisJson(diagnosis), null, 2)}\n`);
  else if (values.format === 'md') io.stdout(toMarkdown(diagnosis));
  else if (values.format === 'html') io.stdout(toHtml(diagnosis));
  else io.stdout(human(diagnosis));
  return diagnosis.verdict.lockedOut ? EXIT.finding : EXIT.ok;
}

const command: CliCommand = {
  name: 'diagnose',
  summary: "explain why a user's Jamf Connect password check fails (offline, on a snapshot)",
  run: (argv, io) => withExitCodes(io, 'diagnose', () => run(argv, io)),
};
export default command;
