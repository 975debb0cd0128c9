/**
 * `lockout-lens exemptions list|rollback ID|resume ID|expire` — the exemptions the audit log
 * remembers: list them with status and expiry, roll one back (three-way checked), resume a stopped
 * apply, or revert the expired ones (for a scheduler: `exemptions expire --auto`).
 */
import { parseArgs } from 'node:util';
import { applyPlan } from '../../core/exemption/apply.js';
import { expireDue, listExpired } from '../../core/exemption/expiry.js';
import { applyText, rollbackText } from '../../core/exemption/plan-text.js';
import { acquireMissingScopes, checkRequirements } from '../../core/exemption/preflight.js';
import { findExemption, listExemptions, type ExemptionRecord } from '../../core/exemption/records.js';
import { POLICY_WRITE, REQUIREMENTS } from '../../core/exemption/requirements.js';
import { rollbackExemption } from '../../core/exemption/rollback.js';
import type { OperatorSession } from '../../core/exemption/operator-session.js';
import type { OperatorIdentity } from '../../core/exemption/operator-identity.js';
import { loadSnapshotOrThrow } from './evaluate.js';
import type { CliCommand, CliIo } from '../command.js';
import { EXIT } from '../command.js';
import { openAuditStore, openCliSession, saveState, SESSION_OPTIONS, withAppErrors } from './exempt.js';
import { InputError, UsageError, withExitCodes } from './evaluate.js';

const HELP = `usage: lockout-lens exemptions list [--tenant ID | --snapshot FILE] [--db PATH] [--json]
       lockout-lens exemptions rollback ID (--snapshot FILE --operator UPN | --profile NAME) [--force] [--remove-assignment] [--save-state FILE]
       lockout-lens exemptions resume ID --snapshot FILE --operator UPN [--save-state FILE]
       lockout-lens exemptions expire [--auto] [--now ISO] --snapshot FILE --operator UPN [--save-state FILE]

  list       exemptions recorded in the audit log, newest first, with status and expiry
  rollback   restore the recorded conditions.applications of each policy; refuses (exit 5) when a
             policy changed since, showing both versions — re-run with --force to restore anyway
  resume     continue a stopped apply from the tenant's current state
  expire     list exemptions past their expiry; with --auto roll them back (for a scheduler)
ID may be a unique prefix of the operation id. rollback / resume / expire --auto take --profile NAME
(signed in with 'lockout-lens login', plus --config-dir and the --emulator flags) like 'exempt'.
Exit: 0 ok, 2 usage, 3 input, 4 tenant error, 5 refused (conflict, missing role).
`;

function line(r: ExemptionRecord): string {
  const policies = r.plan.policies.map((p) => `${p.displayName} (${p.strategy ?? '—'}, ${p.action})`).join('; ');
  return `${r.operationId}  ${r.status.padEnd(19)} ${r.appliedAt ?? r.createdAt}  by ${r.actor}  target ${r.plan.target.displayName ?? r.plan.target.appId}${r.expiresAt ? `  expires ${r.expiresAt}` : ''}\n    ${policies}\n`;
}

async function tenantOf(values: { tenant?: string; snapshot?: string }): Promise<string> {
  if (values.tenant) return values.tenant;
  if (values.snapshot) {
    const s = await loadSnapshotOrThrow(values.snapshot);
    const id = s.organization[0]?.id;
    if (typeof id === 'string') return id;
    throw new InputError(`${values.snapshot} has no organization id`);
  }
  throw new UsageError('--tenant ID or --snapshot FILE is required to pick the tenant');
}

const ROLLBACK_NEED = { stepId: 'restore-policies', kind: 'rollback' as const, requirement: POLICY_WRITE };
const UNASSIGN_NEED = { stepId: 'remove-assignment', kind: 'rollback' as const, requirement: REQUIREMENTS['assign-attribute'] };

/** Preflight for the writes a rollback / resume / expiry makes; asks consent for missing scopes. null = refused. */
async function ensureWriteAccess(session: OperatorSession, needs: Parameters<typeof checkRequirements>[0], io: CliIo): Promise<OperatorIdentity | null> {
  let operator = await session.identity();
  let pre = checkRequirements(needs, operator);
  if (pre.missingScopes.length) {
    operator = await acquireMissingScopes(pre, operator, session, async () => (await session.identity()).scopes);
    pre = checkRequirements(needs, operator);
  }
  if (pre.ok) return operator;
  io.stderr(`${pre.messages.join('\n')}\n`);
  return null;
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv], strict: true, allowPositionals: true,
    options: { ...SESSION_OPTIONS, tenant: { type: 'string' }, force: { type: 'boolean' }, 'remove-assignment': { type: 'boolean' }, auto: { type: 'boolean' }, now: { type: 'string' } },
  });
  if (values.help) { io.stdout(HELP); return EXIT.ok; }
  const [sub, id, ...extra] = positionals;
  if (!sub) throw new UsageError('give a subcommand: list, rollback ID, resume ID or expire');
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO date-time (got '${values.now}')`);
  const store = openAuditStore(values, io);
  try {
    if (sub === 'list') {
      const records = listExemptions(store.audit, await tenantOf(values));
      if (values.json) io.stdout(`${JSON.stringify(records.map(({ plan, ...r }) => ({ ...r, planHash: plan.hash, target: plan.target, policies: plan.policies.map((p) => ({ id: p.policyId, displayName: p.displayName, strategy: p.strategy, action: p.action })) })), null, 2)}\n`);
      else io.stdout(records.length ? records.map(line).join('') : 'No exemptions recorded for this tenant.\n');
      return EXIT.ok;
    }
    if (sub === 'rollback' || sub === 'resume') {
      if (!id) throw new UsageError(`${sub} needs the exemption id (see 'exemptions list')`);
      const { target } = await openCliSession(values, values.json ? undefined : io, io.env);
      try {
        const found = findExemption(store.audit, target.tenantId, id);
        if ('error' in found) throw new InputError(found.error);
        const kinds = sub === 'rollback'
          ? [ROLLBACK_NEED, ...(values['remove-assignment'] ? [UNASSIGN_NEED] : [])]
          : found.plan.steps.map((s) => ({ stepId: s.id, kind: s.kind, requirement: REQUIREMENTS[s.kind] }));
        const operator = await ensureWriteAccess(target.session, kinds, io);
        if (!operator) return EXIT.refused;
        const deps = { graph: target.session.graph, audit: store.audit, actor: operator.userPrincipalName };
        if (sub === 'resume') {
          const r = await applyPlan(found.plan, { ...deps, operationId: found.operationId });
          io.stdout(values.json ? `${JSON.stringify(r, null, 2)}\n` : applyText(r));
          await saveState(target, values['save-state']);
          return r.status === 'applied' ? EXIT.ok : r.status === 'failed' ? EXIT.remote : EXIT.refused;
        }
        const r = await rollbackExemption(found.operationId, deps, { force: values.force ?? false, removeAssignment: values['remove-assignment'] ?? false });
        io.stdout(values.json ? `${JSON.stringify(r, null, 2)}\n` : rollbackText(r));
        await saveState(target, values['save-state']);
        return r.status === 'conflict' ? EXIT.refused : r.status === 'failed' ? EXIT.remote : r.status === 'not-found' ? EXIT.input : EXIT.ok;
      } finally {
        await target.stop();
      }
    }
    if (sub === 'expire') {
      if (!values.auto) {
        const due = listExpired(store.audit, await tenantOf(values), now);
        if (values.json) io.stdout(`${JSON.stringify(due.map((d) => ({ operationId: d.operationId, expiresAt: d.expiresAt })), null, 2)}\n`);
        else io.stdout(due.length ? `${due.map(line).join('')}Roll these back with 'exemptions expire --auto' or 'exemptions rollback ID'.\n` : 'No expired exemptions.\n');
        return EXIT.ok;
      }
      const { target } = await openCliSession(values, values.json ? undefined : io, io.env);
      try {
        const operator = await ensureWriteAccess(target.session, [ROLLBACK_NEED, UNASSIGN_NEED], io);
        if (!operator) return EXIT.refused;
        const outcomes = await expireDue(now, { auto: true }, { graph: target.session.graph, audit: store.audit, actor: `${operator.userPrincipalName} (expiry)`, tenantId: target.tenantId });
        if (values.json) io.stdout(`${JSON.stringify(outcomes, null, 2)}\n`);
        else io.stdout(outcomes.length ? outcomes.map((o) => `${o.operationId} expired ${o.expiresAt}: ${o.result === 'needs-confirmation' ? 'needs confirmation' : rollbackText(o.result)}`).join('') : 'No expired exemptions.\n');
        await saveState(target, values['save-state']);
        return outcomes.some((o) => o.result !== 'needs-confirmation' && o.result.status !== 'rolled-back' && o.result.status !== 'nothing-to-do') ? EXIT.refused : EXIT.ok;
      } finally {
        await target.stop();
      }
    }
    throw new UsageError(`unknown subcommand '${sub}': use list, rollback, resume or expire`);
  } finally {
    store.close();
  }
}

const command: CliCommand = {
  name: 'exemptions',
  summary: 'list, roll back, resume or expire recorded exemptions',
  run: (argv, io) => withExitCodes(io, 'exemptions', () => withAppErrors(io, 'exemptions', () => run(argv, io))),
};
export default command;
