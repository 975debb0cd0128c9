/**
 * Plain-text renderings of a plan, a preflight and an apply result, for the CLI and for tickets.
 * The UI renders the same objects itself; this is the one text form so CLI output stays stable.
 */
import type { ApplyResult } from './apply.js';
import type { PreflightResult } from './preflight.js';
import type { RollbackResult } from './rollback.js';
import type { ExemptionPlan } from './types.js';

function indent(text: string, by = '      '): string {
  return text.split('\n').map((l) => `${by}${l}`).join('\n');
}

export function planText(plan: ExemptionPlan): string {
  const lines: string[] = [];
  const app = plan.target.displayName ? `${plan.target.displayName} (${plan.target.appId})` : plan.target.appId || '(none)';
  lines.push(`Exemption plan ${plan.hash.slice(0, 12)} — tenant ${plan.tenantId}, target ${app}`);
  if (plan.blockers.length) {
    lines.push('', 'CANNOT APPLY:');
    for (const b of plan.blockers) lines.push(`  ✗ ${b}`);
  }
  if (plan.summary.length) {
    lines.push('', 'What changes:');
    for (const s of plan.summary) lines.push(`  • ${s}`);
  }
  if (plan.policies.length) {
    lines.push('', 'Policies:');
    for (const p of plan.policies) lines.push(`  ${p.action === 'update' ? '~' : p.action === 'unchanged' ? '=' : '?'} ${p.displayName} (${p.policyId}) — ${p.strategy ?? 'no strategy'}: ${p.reason}`);
  }
  if (plan.steps.length) {
    lines.push('', 'Steps (in order):');
    plan.steps.forEach((s, i) => {
      lines.push(`  ${i + 1}. ${s.description}`, `     ${s.request.method} ${s.request.path}`, indent(s.diff));
    });
  }
  if (plan.whatIf) {
    lines.push('', `What if: ${plan.whatIf.lockoutEnds ? 'the lockout ends' : 'the lockout does NOT end'} — ${plan.whatIf.explanation}`);
  }
  if (plan.expiresAt) lines.push('', `Expires: ${plan.expiresAt} (then rolled back)`);
  return `${lines.join('\n')}\n`;
}

export function preflightText(p: PreflightResult): string {
  if (p.ok) return `Preflight: ${p.operator} holds every role and permission this plan needs.\n`;
  return `Preflight: missing for ${p.operator}:\n${p.messages.map((m) => `  ✗ ${m}`).join('\n')}\n`;
}

export function applyText(r: ApplyResult): string {
  const mark = { done: '✓', 'already-done': '=', failed: '✗', drift: '!', 'not-run': '·' } as const;
  const lines = [`Apply ${r.status} (operation ${r.operationId})`];
  r.steps.forEach((s, i) => lines.push(`  ${mark[s.outcome]} ${i + 1}. ${s.description}${s.error ? ` — ${s.error}` : ''}${s.requestIds.length ? ` [request ids: ${s.requestIds.join(', ')}]` : ''}`));
  lines.push(r.message);
  if (r.status !== 'applied') lines.push(`Next: ${r.next.join(' | ')}`);
  return `${lines.join('\n')}\n`;
}

export function rollbackText(r: RollbackResult): string {
  const lines = [`Rollback ${r.status} (operation ${r.operationId})`, ...r.messages.map((m) => `  ${m}`)];
  for (const c of r.conflicts) {
    lines.push(`  Conflict on "${c.displayName}" (${c.policyId}):`, `    recorded before: ${JSON.stringify(c.recordedBefore)}`, `    now:             ${JSON.stringify(c.current)}`);
  }
  return `${lines.join('\n')}\n`;
}
