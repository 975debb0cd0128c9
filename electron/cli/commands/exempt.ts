/**
 * `lockout-lens exempt` — plan (dry run) or apply the exemption that ends a user's Jamf Connect
 * lockout: diagnose, plan from the tenant's current state, preflight roles and scopes, request
 * write scopes by incremental consent, apply with read-back and audit. See docs/exemption.md.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { diagnoseFromSnapshot, snapshotDiagnosisInput, UserNotFoundError } from '../../core/diagnosis/from-snapshot.js';
import { whatIfExempt } from '../../core/diagnosis/what-if.js';
import { applyPlan, type ApplyProgress, type ApplyResult } from '../../core/exemption/apply.js';
import { runReportOnlyTrial } from '../../core/exemption/report-only-trial.js';
import { PROPAGATION_NOTE, watchVerification } from '../../core/exemption/verify-watch.js';
import { expiryFrom, parseDuration } from '../../core/exemption/expiry.js';
import { gatherPlanState } from '../../core/exemption/gather.js';
import { planExemption } from '../../core/exemption/plan.js';
import { applyText, planText, preflightText } from '../../core/exemption/plan-text.js';
import { acquireMissingScopes, preflightPlan } from '../../core/exemption/preflight.js';
import { resolveAttributeSettings } from '../../core/exemption/settings.js';
import { openSnapshotSession, type SnapshotSession } from '../../core/exemption/snapshot-session.js';
import type { AttributeSettings, ExemptionStrategy } from '../../core/exemption/types.js';
import { cacheDatabasePath, defaultConfigDir } from '../../core/profiles/config-dir.js';
import type { TenantSnapshot } from '../../core/snapshot/types.js';
import { resourcePath } from '../../core/paths.js';
import { DEMO_PROFILE_NAME } from '../../core/profiles/demo-profile.js';
import { DIRECTORY_ROLES } from '../../core/exemption/requirements.js';
import { openStore, type Store } from '../../core/store/index.js';
import type { CliCommand, CliIo } from '../command.js';
import { EXIT } from '../command.js';
import { InputError, loadSnapshotOrThrow, PROFILE_NOT_YET, UsageError, withExitCodes } from './evaluate.js';

const HELP = `usage: lockout-lens exempt --snapshot FILE --operator UPN --user UPN [--policy ID]... [--target-app APPID]
         [--strategy attribute-filter|exclude-app] [--expires 8h] (--dry-run | --apply --yes)
         [--attribute-set S --attribute-name N --attribute-value V] [--report-only-trial] [--verify [--verify-timeout 20m]]
         [--simulate-login] [--save-state FILE] [--db PATH] [--json]

Plans, and with --apply --yes applies, the Conditional Access exemption that ends a user's Jamf
Connect lockout. Policies and target app default to the diagnosis' recommendation.
  --snapshot FILE    start the emulator in-process on this snapshot (its state ends with the command;
                     --save-state FILE writes it out for the next command)
  --operator UPN     demo operator to sign in as (non-interactive; e.g. an account with the three admin roles)
  --profile demo     the built-in demo tenant in an in-process emulator (operator defaults to the demo
                     admin holding all three roles); other (live) profiles are not available yet
  --dry-run          show the plan and the what-if; change nothing (default)
  --apply --yes      preflight, request write scopes, apply with read-back and audit
  --expires 8h       time-boxed: roll back after this long (s, m, h, d)
  --report-only-trial  first a report-only copy with the exclusion; change the real policy only once a
                     Jamf Connect sign-in shows the copy "Not applied" (the copy is deleted either way)
  --verify           after applying, watch the user's next Jamf Connect sign-ins for "Not applied"
  --simulate-login   emulator only: make the user's Jamf Connect sign-in for the trial / verify
  --db PATH          the cache / audit database (default: <config dir>/cache.sqlite)
Exit: 0 ok, 2 usage, 3 input, 4 tenant error or failed step, 5 refused (blockers, roles, scopes, drift, no --yes).
`;

/** Options shared by the exemption commands. */
export const SESSION_OPTIONS = {
  snapshot: { type: 'string' }, operator: { type: 'string' }, profile: { type: 'string' },
  'save-state': { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

export function openAuditStore(db: string | undefined, io: CliIo): Store {
  return openStore(db ?? cacheDatabasePath(defaultConfigDir(io.env)));
}

/** The demo tenant's operator holding every role the exemption needs (meta.operators), if any. */
function fullRoleOperator(snapshot: TenantSnapshot): string | undefined {
  const ops = (snapshot.meta as { operators?: { userPrincipalName?: string; roleTemplateIds?: string[] }[] } | undefined)?.operators ?? [];
  const needed = [DIRECTORY_ROLES.attributeDefinitionAdministrator.id, DIRECTORY_ROLES.attributeAssignmentAdministrator.id, DIRECTORY_ROLES.conditionalAccessAdministrator.id];
  return ops.find((o) => needed.every((r) => o.roleTemplateIds?.includes(r)))?.userPrincipalName;
}

/**
 * `--snapshot FILE`, or `--profile demo` (the built-in demo tenant), run in an in-process emulator.
 * Other profiles (live tenants) are not wired to the CLI yet.
 */
export async function openCliSession(values: { snapshot?: string; operator?: string; profile?: string }, io?: CliIo): Promise<{ snapshot: TenantSnapshot; target: SnapshotSession }> {
  if (values.profile !== undefined && values.snapshot !== undefined) throw new UsageError('give either --snapshot or --profile, not both');
  if (values.profile !== undefined && values.profile !== DEMO_PROFILE_NAME) throw new InputError(PROFILE_NOT_YET);
  const path = values.profile === DEMO_PROFILE_NAME ? resourcePath('demo-tenant.json') : values.snapshot;
  if (!path) throw new UsageError('--snapshot FILE (or --profile demo) is required: the emulator runs in-process on it');
  const snapshot = await loadSnapshotOrThrow(path);
  const operator = values.operator ?? (values.profile === DEMO_PROFILE_NAME ? fullRoleOperator(snapshot) : undefined);
  if (!operator) throw new UsageError('--operator UPN is required: the demo operator to sign in as');
  try {
    // Tell the operator when Graph throttles us (CA endpoints: ~1 request/s, 429 without Retry-After).
    const onWait = (w: { path: string; ms: number; reason: 'pace' | 'throttled' }) => { if (w.reason === 'throttled') io?.stderr(`  throttled by Graph on ${w.path.split('?')[0]}; retrying in ${(w.ms / 1000).toFixed(1)} s\n`); };
    return { snapshot, target: await openSnapshotSession(snapshot, operator, { pacer: { onWait } }) };
  } catch (error) {
    throw new InputError(`cannot sign in as ${operator}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function saveState(target: SnapshotSession, path: string | undefined): Promise<void> {
  if (path) await writeFile(path, `${JSON.stringify(target.exportState(), null, 2)}\n`, 'utf8');
}

function attributeFrom(snapshot: TenantSnapshot, values: Record<string, unknown>): AttributeSettings {
  const meta = (snapshot.meta as { jamfConnect?: { exemptAttribute?: { attributeSet?: string; name?: string; value?: string } } } | undefined)?.jamfConnect?.exemptAttribute;
  const pick = (flag: string, fromMeta: string | undefined) => (typeof values[flag] === 'string' ? (values[flag] as string) : fromMeta);
  const partial = {
    ...(pick('attribute-set', meta?.attributeSet) ? { attributeSet: pick('attribute-set', meta?.attributeSet)! } : {}),
    ...(pick('attribute-name', meta?.name) ? { attributeName: pick('attribute-name', meta?.name)! } : {}),
    ...(pick('attribute-value', meta?.value) ? { value: pick('attribute-value', meta?.value)! } : {}),
  };
  try {
    return resolveAttributeSettings(partial);
  } catch (error) {
    throw new UsageError(`attribute settings: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * "Now" for the diagnosis: the later of the snapshot's generatedAt and its newest sign-in — a state
 * saved by a previous command holds sign-ins made after generatedAt, and they are the evidence.
 */
function diagnosisNow(snapshot: TenantSnapshot): string {
  const generated = Date.parse(String((snapshot.meta as { generatedAt?: unknown } | undefined)?.generatedAt ?? ''));
  const newest = Math.max(...snapshot.signIns.map((s) => Date.parse(String(s.createdDateTime))).filter((n) => !Number.isNaN(n)), -Infinity);
  const ms = Math.max(Number.isNaN(generated) ? -Infinity : generated, newest);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : new Date().toISOString();
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...argv], strict: true, allowPositionals: false,
    options: {
      ...SESSION_OPTIONS,
      user: { type: 'string' }, policy: { type: 'string', multiple: true }, 'target-app': { type: 'string' },
      strategy: { type: 'string' }, expires: { type: 'string' }, 'dry-run': { type: 'boolean' }, apply: { type: 'boolean' },
      yes: { type: 'boolean' }, 'attribute-set': { type: 'string' }, 'attribute-name': { type: 'string' }, 'attribute-value': { type: 'string' },
      'report-only-trial': { type: 'boolean' }, verify: { type: 'boolean' }, 'verify-timeout': { type: 'string' }, 'simulate-login': { type: 'boolean' },
    },
  });
  if (values.help) { io.stdout(HELP); return EXIT.ok; }
  if (!values.user) throw new UsageError('--user UPN is required');
  if (values['dry-run'] && values.apply) throw new UsageError('give either --dry-run or --apply, not both');
  const strategy = values.strategy as ExemptionStrategy | undefined;
  if (strategy !== undefined && strategy !== 'attribute-filter' && strategy !== 'exclude-app') throw new UsageError(`--strategy must be attribute-filter or exclude-app (got '${values.strategy}')`);
  let expiresAt: string | null = null;
  if (values.expires !== undefined) {
    try { expiresAt = expiryFrom(new Date(), values.expires); } catch (e) { throw new UsageError(`--expires: ${(e as Error).message}`); }
  }

  let verifyTimeoutMs = 20 * 60_000;
  if (values['verify-timeout'] !== undefined) {
    try { verifyTimeoutMs = parseDuration(values['verify-timeout']); } catch (e) { throw new UsageError(`--verify-timeout: ${(e as Error).message}`); }
  }

  const { snapshot, target } = await openCliSession(values, values.json ? undefined : io);
  try {
    const settings = attributeFrom(snapshot, values);
    let diagnosisInput;
    let diagnosis;
    try {
      const now = diagnosisNow(snapshot);
      diagnosisInput = snapshotDiagnosisInput(snapshot, values.user, { days: 30, now });
      diagnosis = diagnoseFromSnapshot(snapshot, values.user, { days: 30, now });
    } catch (error) {
      if (error instanceof UserNotFoundError) throw new InputError(error.message);
      throw error;
    }
    const recs = diagnosis.recommendations.filter((r) => r.action === 'exemptFromPolicy');
    const policyIds = values.policy?.length ? values.policy : [...new Set(recs.map((r) => r.policyId).filter((p): p is string => !!p))];
    const targetAppId = values['target-app'] ?? recs.find((r) => r.targetAppId)?.targetAppId;
    const noTargetReason = `no exemption target: ${diagnosis.verdict.summary}${diagnosis.recommendations.length ? ` Recommended instead: ${diagnosis.recommendations.map((r) => `${r.action} (${r.why})`).join('; ')}` : ''}`;

    const gathered = targetAppId ? await gatherPlanState(target.session.graph, targetAppId, settings) : null;
    const plan = planExemption({
      tenantId: target.tenantId,
      policies: gathered?.policies ?? [],
      policyIds,
      target: gathered?.target ?? null,
      noTargetReason: gathered?.targetProblem ?? noTargetReason,
      attribute: settings,
      existing: gathered?.existing ?? { attributeSet: null, definition: null },
      ...(strategy ? { strategy } : {}),
      expiresAt,
    });
    const whatIf = targetAppId && policyIds.length
      ? whatIfExempt(diagnosisInput, { policyIds, targetAppId, strategy: strategy ?? 'attribute-filter', attribute: { set: settings.attributeSet, name: settings.attributeName, value: settings.value } })
      : null;
    const out: Record<string, unknown> = { plan, whatIf, diagnosis: { verdict: diagnosis.verdict, recommendations: diagnosis.recommendations } };
    const print = () => { if (values.json) io.stdout(`${JSON.stringify(out, null, 2)}\n`); };
    if (!values.json) {
      io.stdout(planText(plan));
      if (whatIf) io.stdout(`\nWhat if (user ${values.user}): ${whatIf.lockoutEnds ? 'the lockout ends' : 'the lockout does NOT end'} — ${whatIf.explanation}\n`);
    }
    if (plan.blockers.length) {
      // Still say which roles / scopes are missing: a blocker is often the same gap seen from a read.
      if (values.apply) {
        const pre = preflightPlan(plan, await target.session.identity());
        out.preflight = pre;
        if (!values.json) io.stdout(`\n${preflightText(pre)}`);
      }
      print();
      return EXIT.refused;
    }
    if (!values.apply) {
      if (!values.json) io.stdout('\nDry run: nothing was changed. Apply with --apply --yes.\n');
      print();
      return EXIT.ok;
    }
    if (!values.yes) {
      if (!values.json) io.stdout('\nRefusing to write without confirmation: review the plan above, then re-run with --apply --yes.\n');
      print();
      return EXIT.refused;
    }

    let operator = await target.session.identity();
    let preflight = preflightPlan(plan, operator);
    if (preflight.missingScopes.length) {
      if (!values.json) io.stdout(`\nRequesting consent for ${preflight.missingScopes.join(', ')}…\n`);
      operator = await acquireMissingScopes(preflight, operator, target.session, async () => (await target.session.identity()).scopes);
      preflight = preflightPlan(plan, operator);
    }
    out.preflight = preflight;
    if (!values.json) io.stdout(`\n${preflightText(preflight)}`);
    if (!preflight.ok) { print(); return EXIT.refused; }

    const store = openAuditStore(values.db, io);
    try {
      const jamf = { userId: diagnosis.user.id, clientAppId: diagnosisInput.config.jamfConnectAppIds[0], scopes: diagnosisInput.config.ropgScopes };
      const simulate = () => {
        if (!values['simulate-login']) return;
        const r = target.simulateJamfConnectLogin(values.user!, jamf.clientAppId, jamf.scopes);
        if (!values.json) io.stderr(`  simulated Jamf Connect sign-in of ${values.user}: ${r.ok ? 'token issued' : `AADSTS${r.errorCode}`}\n`);
      };
      const deps = {
        graph: target.session.graph, audit: store.audit, actor: operator.userPrincipalName, preflight,
        onProgress: (p: ApplyProgress) => { if (!values.json && (p.phase === 'writing' || p.phase === 'failed' || p.phase === 'drift')) io.stderr(`  [${p.index + 1}/${p.total}] ${p.message}\n`); },
      };
      const pollMs = values['simulate-login'] ? 2500 : 30_000;
      let result: ApplyResult;
      if (values['report-only-trial']) {
        if (!jamf.clientAppId) throw new InputError('the report-only trial needs the Jamf Connect client app id (none found in the snapshot)');
        const trial = await runReportOnlyTrial(plan, deps, {
          clientAppId: jamf.clientAppId, userId: jamf.userId, pollMs, timeoutMs: verifyTimeoutMs,
          onCopiesCreated: (copies) => {
            if (!values.json) io.stderr(`  report-only copies created: ${copies.map((c) => c.copyId).join(', ')} — waiting for a Jamf Connect sign-in (${PROPAGATION_NOTE})\n`);
            simulate();
          },
        });
        out.trial = trial;
        if (!values.json) io.stdout(`\n${trial.message}\n`);
        if (!trial.apply) { await saveState(target, values['save-state']); print(); return trial.status === 'failed' ? EXIT.remote : EXIT.finding; }
        result = trial.apply;
      } else {
        result = await applyPlan(plan, deps);
      }
      out.apply = result;
      if (!values.json) io.stdout(`\n${applyText(result)}`);
      if (values.verify && result.status === 'applied' && jamf.clientAppId) {
        const since = new Date().toISOString();
        simulate();
        const expected = Object.fromEntries(plan.policies.filter((p) => p.action !== 'not-found').map((p) => [p.policyId, p.beforePolicy?.state === 'enabledForReportingButNotEnforced' ? 'reportOnlyNotApplied' as const : 'notApplied' as const]));
        const verification = await watchVerification(
          { userId: jamf.userId, clientAppId: jamf.clientAppId, since, expected, pollMs, timeoutMs: verifyTimeoutMs },
          { graph: target.session.graph, onProgress: (p) => { if (!values.json) io.stderr(`  verify: ${p.message}\n`); } },
        );
        out.verification = verification;
        if (!values.json) io.stdout(`\nVerify: ${verification.status} — ${verification.message}\n`);
      }
      await saveState(target, values['save-state']);
      print();
      return result.status === 'applied' ? EXIT.ok : result.status === 'failed' ? EXIT.remote : EXIT.refused;
    } finally {
      store.close();
    }
  } finally {
    await target.stop();
  }
}

const command: CliCommand = {
  name: 'exempt',
  summary: 'plan / apply the Conditional Access exemption that ends a Jamf Connect lockout',
  run: (argv, io) => withExitCodes(io, 'exempt', () => run(argv, io)),
};
export default command;
