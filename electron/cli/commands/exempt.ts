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
import { emulatorOpenBrowser } from '../../core/auth/emulator-browser.js';
import { systemBrowser } from '../../core/auth/system-browser.js';
import { AppError } from '../../core/graph/app-error.js';
import { operatorSessionFromAuth, type OperatorSession } from '../../core/exemption/operator-session.js';
import { diagnoseFromStore, storeDiagnosisInput } from '../../core/diagnosis/from-store.js';
import type { DiagnosisConfig } from '../../core/diagnosis/types.js';
import { openWorkspace, type Workspace } from '../../core/profiles/workspace.js';
import { configDirOf, emulatorOf, exitCodeFor } from './data-path-common.js';
import type { CliCommand, CliIo } from '../command.js';
import { EXIT } from '../command.js';
import { InputError, loadSnapshotOrThrow, UsageError, withExitCodes } from './evaluate.js';

const HELP = `usage: lockout-lens exempt (--snapshot FILE --operator UPN | --profile NAME) --user UPN [--policy ID]... [--target-app APPID]
         [--strategy attribute-filter|exclude-app] [--expires 8h] (--dry-run | --apply --yes)
         [--attribute-set S --attribute-name N --attribute-value V] [--report-only-trial] [--verify [--verify-timeout 20m]]
         [--simulate-login] [--save-state FILE] [--db PATH] [--json]

Plans, and with --apply --yes applies, the Conditional Access exemption that ends a user's Jamf
Connect lockout. Policies and target app default to the diagnosis' recommendation.
  --snapshot FILE    start the emulator in-process on this snapshot (its state ends with the command;
                     --save-state FILE writes it out for the next command)
  --operator UPN     demo operator to sign in as (non-interactive; e.g. an account with the three admin roles)
  --profile demo     the built-in demo tenant in an in-process emulator (operator defaults to the demo
                     admin holding all three roles)
  --profile NAME     any other tenant profile: the operator signed in with 'lockout-lens login --profile NAME';
                     the diagnosis comes from its cache ('lockout-lens sync --profile NAME --user UPN' first),
                     the plan from the tenant's current state; write scopes by consent in the browser
                     (emulator-cloud profiles: scripted sign-in page as --operator or the profile's operator)
  --config-dir DIR   where profiles, cache and tokens live (default: LOCKOUT_LENS_HOME or the OS app-data dir)
  --emulator FILE | --emulator-origin URL --emulator-tenant ID --emulator-ca FILE
                     emulator-cloud profiles: the running emulator (as for login / sync)
  --dry-run          show the plan and the what-if; change nothing (default)
  --apply --yes      preflight, request write scopes, apply with read-back and audit
  --expires 8h       time-boxed: roll back after this long (s, m, h, d)
  --report-only-trial  first a report-only copy with the exclusion; change the real policy only once a
                     Jamf Connect sign-in shows the copy "Not applied" (the copy is deleted either way)
  --verify           after applying, watch the user's next Jamf Connect sign-ins for "Not applied"
  --simulate-login   emulator only: make the user's Jamf Connect sign-in for the trial / verify
  --db PATH          the cache / audit database (default: <config dir>/cache.sqlite, the profile's cache)
Exit: 0 ok, 2 usage, 3 input, 4 tenant error or failed step, 5 refused (blockers, roles, scopes, drift, no --yes).
`;

/** Options shared by the exemption commands. */
export const SESSION_OPTIONS = {
  snapshot: { type: 'string' }, operator: { type: 'string' }, profile: { type: 'string' },
  'save-state': { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  'config-dir': { type: 'string' }, emulator: { type: 'string' }, 'emulator-origin': { type: 'string' },
  'emulator-tenant': { type: 'string' }, 'emulator-ca': { type: 'string' },
} as const;

/** The audit database: --db, else <config dir>/cache.sqlite (the same file a live profile's workspace opens). */
export function openAuditStore(dbOrValues: string | undefined | { db?: string; 'config-dir'?: string }, io: CliIo): Store {
  const values = typeof dbOrValues === 'object' ? dbOrValues : { db: dbOrValues };
  return openStore(values.db ?? cacheDatabasePath(('config-dir' in values ? values['config-dir'] : undefined) ?? defaultConfigDir(io.env)));
}

/** What the exemption commands act on: an in-process emulator (snapshot / demo) or a live profile. */
export interface CliTarget {
  readonly session: OperatorSession;
  readonly tenantId: string;
  /** In-process emulator only: its state, for --save-state. */
  readonly exportState?: () => TenantSnapshot;
  /** In-process emulator only (--simulate-login). */
  readonly simulateJamfConnectLogin?: SnapshotSession['simulateJamfConnectLogin'];
  /** Live profile only: the workspace (its cache is the diagnosis source and the audit log). */
  readonly workspace?: Workspace;
  stop(): Promise<void>;
}

type SessionFlags = { snapshot?: string; operator?: string; profile?: string; db?: string; 'config-dir'?: string; emulator?: string; 'emulator-origin'?: string; 'emulator-tenant'?: string; 'emulator-ca'?: string };

/** An AppError from the data path (profile, sign-in, Graph) → its message and the data path's exit code. */
export async function withAppErrors(io: CliIo, name: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    io.stderr(`lockout-lens ${name}: ${error.message}\n`);
    return exitCodeFor(error);
  }
}

/**
 * A live tenant profile: the operator is whoever `login --profile NAME` signed in (the token cache);
 * write scopes come by incremental consent through the profile's browser (the emulator's scripted
 * sign-in page for an emulator-cloud profile, else the system browser).
 */
async function openProfileSession(values: SessionFlags, env: CliIo['env'], io: CliIo | undefined): Promise<CliTarget> {
  const profileName = values.profile!;
  const envIo = { env } as CliIo; // configDirOf / emulatorOf read only env
  const emulator = emulatorOf(values, envIo);
  const ws = openWorkspace({ configDir: configDirOf(values, envIo), profileName, ...(emulator ? { emulator } : {}), env });
  try {
    try {
      await ws.session.getAccessToken();
    } catch (error) {
      // Not signed in (or the sign-in is gone / expired past refresh): refuse rather than open a
      // browser unasked. Anything else (network, tenant) keeps its own code and message.
      if (!(error instanceof AppError) || error.code !== 'auth_required') throw error;
      throw new AppError('missing_role', `not signed in to profile '${profileName}': run lockout-lens login --profile ${profileName} first`);
    }
    const browser = ws.profile.cloud === 'emulator'
      ? emulatorOpenBrowser(ws.connection.transport, values.operator ?? ws.profile.emulatorOperator)
      : async (url: string) => { io?.stderr('Opening the browser to grant the write permissions…\n'); await systemBrowser(ws.connection.cloud.authorityHost)(url); };
    const onWait = (w: { path: string; ms: number; reason: 'pace' | 'throttled' }) => { if (w.reason === 'throttled') io?.stderr(`  throttled by Graph on ${w.path.split('?')[0]}; retrying in ${(w.ms / 1000).toFixed(1)} s\n`); };
    const session = operatorSessionFromAuth(ws.session, ws.connection, browser, { pacer: { onWait } });
    const tenantId = await ws.tenantId();
    return { session, tenantId, workspace: ws, stop: async () => ws.close() };
  } catch (error) {
    ws.close();
    throw error;
  }
}

/** The demo tenant's operator holding every role the exemption needs (meta.operators), if any. */
function fullRoleOperator(snapshot: TenantSnapshot): string | undefined {
  const ops = (snapshot.meta as { operators?: { userPrincipalName?: string; roleTemplateIds?: string[] }[] } | undefined)?.operators ?? [];
  const needed = [DIRECTORY_ROLES.attributeDefinitionAdministrator.id, DIRECTORY_ROLES.attributeAssignmentAdministrator.id, DIRECTORY_ROLES.conditionalAccessAdministrator.id];
  return ops.find((o) => needed.every((r) => o.roleTemplateIds?.includes(r)))?.userPrincipalName;
}

/**
 * `--snapshot FILE`, or `--profile demo` (the built-in demo tenant), run in an in-process emulator;
 * any other `--profile NAME` is a live tenant profile (no snapshot: the diagnosis reads its cache).
 * `io` undefined = quiet (--json); `env` is the command's environment (config dir, token cache key).
 */
export async function openCliSession(values: SessionFlags, io?: CliIo, env?: CliIo['env']): Promise<{ snapshot: TenantSnapshot | null; target: CliTarget }> {
  if (values.profile !== undefined && values.snapshot !== undefined) throw new UsageError('give either --snapshot or --profile, not both');
  if (values.profile !== undefined && values.profile !== DEMO_PROFILE_NAME) {
    return { snapshot: null, target: await openProfileSession(values, env ?? io?.env ?? process.env, io) };
  }
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

export async function saveState(target: CliTarget, path: string | undefined): Promise<void> {
  if (!path) return;
  if (!target.exportState) throw new UsageError('--save-state is for the in-process emulator (--snapshot / --profile demo), not a live profile');
  await writeFile(path, `${JSON.stringify(target.exportState(), null, 2)}\n`, 'utf8');
}

function attributeFrom(snapshot: TenantSnapshot | null, values: Record<string, unknown>): AttributeSettings {
  const meta = (snapshot?.meta as { jamfConnect?: { exemptAttribute?: { attributeSet?: string; name?: string; value?: string } } } | undefined)?.jamfConnect?.exemptAttribute;
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

  const { snapshot, target } = await openCliSession(values, values.json ? undefined : io, io.env);
  try {
    const settings = attributeFrom(snapshot, values);
    let diagnosisInput;
    let diagnosis;
    try {
      if (snapshot) {
        const now = diagnosisNow(snapshot);
        diagnosisInput = snapshotDiagnosisInput(snapshot, values.user, { days: 30, now });
        diagnosis = diagnoseFromSnapshot(snapshot, values.user, { days: 30, now });
      } else {
        // Live profile: the diagnosis reads the cache (sync refreshes it); the plan below reads the tenant.
        const ws = target.workspace!;
        const jc = ws.profile.jamfConnect;
        const config: DiagnosisConfig | undefined = jc.clientIds.length
          ? { jamfConnectAppIds: jc.clientIds, ...(jc.apiAppId ? { customApiAppId: jc.apiAppId } : {}), ropgScopes: jc.ropgScopes }
          : undefined;
        const options = { days: 30, profileName: ws.profile.name, ...(config ? { config } : {}) };
        diagnosisInput = storeDiagnosisInput(ws.store, target.tenantId, values.user, options);
        diagnosis = diagnoseFromStore(ws.store, target.tenantId, values.user, options);
      }
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

    // A live profile's audit log is its own cache (the workspace has it open) unless --db says otherwise.
    const ownStore = target.workspace && values.db === undefined ? null : openAuditStore(values, io);
    const store = ownStore ?? target.workspace!.store;
    try {
      const jamf = { userId: diagnosis.user.id, clientAppId: diagnosisInput.config.jamfConnectAppIds[0], scopes: diagnosisInput.config.ropgScopes };
      const simulate = () => {
        if (!values['simulate-login']) return;
        if (!target.simulateJamfConnectLogin) throw new UsageError('--simulate-login is for the in-process emulator (--snapshot / --profile demo)');
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
      ownStore?.close();
    }
  } finally {
    await target.stop();
  }
}

const command: CliCommand = {
  name: 'exempt',
  summary: 'plan / apply the Conditional Access exemption that ends a Jamf Connect lockout',
  run: (argv, io) => withExitCodes(io, 'exempt', () => withAppErrors(io, 'exempt', () => run(argv, io))),
};
export default command;
