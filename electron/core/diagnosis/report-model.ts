/**
 * The report's content as plain strings, shared by the Markdown and HTML exporters. Nothing here is
 * escaped: the exporters escape every string, because user names, policy names and failure reasons
 * come from the tenant and may be hostile. Tenant values are clipped (`c`) before they are put into
 * sentences, so a 10k-character name is cut and our own words around it are not.
 */
import { clip as c } from './escape.js';
import type { Diagnosis, Recommendation } from './types.js';

export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface ReportModel {
  readonly title: string;
  readonly lockedOut: boolean;
  readonly headline: string;
  readonly summary: string;
  readonly facts: readonly (readonly [string, string])[];
  readonly warnings: readonly string[];
  readonly recommendations: readonly string[];
  readonly prediction: readonly string[];
  readonly disagreement: string | null;
  readonly policies: Table;
  readonly evidence: Table;
  readonly noise: readonly string[];
  readonly footer: string;
}

function policyName(d: Diagnosis, id: string): string {
  const p = d.policies.find((x) => x.id === id);
  return p ? `"${c(p.displayName)}" (${c(id)})` : c(id);
}

function recommendationText(d: Diagnosis, r: Recommendation): string {
  const parts: string[] = [r.action];
  if (r.policyId) parts.push(`policy ${policyName(d, r.policyId)}`);
  if (r.targetAppId) parts.push(`target app ${c(r.targetAppId)}`);
  return `${parts.join(' — ')}: ${c(r.why, 2000)}`;
}

function counts(results: Readonly<Record<string, number>>): string {
  const entries = Object.entries(results);
  return entries.length ? entries.map(([k, v]) => `${c(k)} ×${v}`).join(', ') : '—';
}

export function buildReportModel(d: Diagnosis): ReportModel {
  const v = d.verdict;
  const who = c(d.user.userPrincipalName ?? d.user.id);
  const facts: [string, string][] = [
    ['User', `${d.user.displayName ? `${c(d.user.displayName)} — ` : ''}${who} (${c(d.user.id)})`],
    ['Window', `${d.window.from} → ${d.window.to} (${d.window.days} day${d.window.days === 1 ? '' : 's'})`],
    ['Data source', `${d.source.kind}${d.source.name ? ` ${c(d.source.name)}` : ''}${d.source.asOf ? `, as of ${c(d.source.asOf)}` : ''}`],
    ['Cause', v.cause],
    ['AADSTS code', v.primaryErrorCode === null ? '—' : `${v.primaryErrorCode} ${c(v.primaryErrorName ?? '')} (https://login.microsoftonline.com/error?code=${v.primaryErrorCode})`],
    ['Since', v.since ? c(v.since) : '—'],
    ['Failed checks in the streak', String(v.attempts)],
    ['Blocking policies', v.blockingPolicyIds.length ? `${v.blockingPolicyIds.map((id) => policyName(d, id)).join(', ')}${v.blockingPolicySource === 'prediction' ? ' (from the prediction: the log hides applied policies)' : ''}` : '—'],
    ['Jamf Connect checks in the window', String(d.attempts.length)],
  ];
  if (v.baselineScopeAudience) facts.push(['Baseline-scope rule', 'the failing checks were evaluated against Windows Azure Active Directory (00000002-0000-0000-c000-000000000000)']);

  const p = d.prediction;
  const prediction = [
    `Next password check (current policies): ${p.access}${p.errorCode ? ` — AADSTS${p.errorCode}` : ''}${p.decidingPolicyIds.length ? ` by ${p.decidingPolicyIds.map((id) => policyName(d, id)).join(', ')}` : ''}.`,
    `Assumed: client ${c(p.context.clientAppId) || '—'}, resource ${c(p.context.resourceAppId ?? '—')}, scopes ${c(p.context.scopes.join(' ')) || '—'}, audiences ${c(p.audiences.join(', ')) || '—'}, device ${c(p.context.device)}, IP ${c(p.context.ipAddress ?? 'unknown')}, country ${c(p.context.country ?? 'unknown')}.`,
  ];

  return {
    title: `Lockout Lens diagnosis — ${who}`,
    lockedOut: v.lockedOut,
    headline: v.lockedOut ? 'LOCKED OUT' : v.cause === 'no-sign-ins' ? 'NO JAMF CONNECT SIGN-INS' : 'NOT LOCKED OUT',
    summary: c(v.summary, 2000),
    facts,
    warnings: d.warnings.map((w) => c(w.message, 2000)),
    recommendations: d.recommendations.map((r) => recommendationText(d, r)),
    prediction,
    disagreement: p.disagreement ? `${p.disagreement.kind}: ${c(p.disagreement.detail, 2000)}` : null,
    policies: {
      headers: ['Policy', 'State', 'In the log', 'Next check', 'Grant controls', 'Conditions (next check)'],
      rows: d.policies.map((f) => [
        `${c(f.displayName)} (${c(f.id)})${f.blocking ? ' — BLOCKING' : ''}${f.wouldBlockIfEnforced ? ' — report-only: would block if enforced' : ''}`,
        c(f.state),
        counts(f.logResults),
        f.predicted ? `${f.predicted.result}${f.predicted.cannotEvaluate ? ` (cannot evaluate: ${c(f.predicted.cannotEvaluate, 500)})` : ''}` : '—',
        f.enforcedGrantControls.map((x) => c(x)).join(', ') || '—',
        f.predicted ? f.predicted.conditions.filter((t) => t.configured !== false).map((t) => `${t.condition}: ${t.matched ? 'matched' : 'not matched'} — ${c(t.reason, 500)}`).join('; ') || '—' : '—',
      ]),
    },
    evidence: {
      headers: ['Time', 'Sign-in id', 'Code', 'Resource', 'Audiences', 'Policies (result, controls)'],
      rows: v.evidence.map((e) => [
        c(e.createdDateTime),
        c(e.signInId),
        String(e.errorCode),
        c(e.resourceId ?? '—'),
        e.conditionalAccessAudiences ? e.conditionalAccessAudiences.map((x) => c(x)).join(', ') : 'not in the log',
        !e.appliedPoliciesVisible
          ? 'not in the log (hidden without CA read rights — not "no policies")'
          : e.policies.map((x) => `${c(x.displayName || x.id)}: ${c(x.result)}${x.enforcedGrantControls.length ? ` [${x.enforcedGrantControls.map((g) => c(g)).join(', ')}]` : ''}${x.conditionsSatisfied ? ` (conditions satisfied: ${c(x.conditionsSatisfied)})` : ''}`).join('; ') || 'none failing',
      ]),
    },
    noise: d.noise.mfaOnlyAttempts
      ? [`${d.noise.mfaOnlyAttempts} check(s) answered with MFA codes that Jamf Connect counts as a correct password (${d.noise.codes.map((c) => `AADSTS${c.code} ×${c.count}`).join(', ')}): log noise and user risk, not a lockout.${d.noise.policyIds.length ? ` Policies: ${d.noise.policyIds.map((id) => policyName(d, id)).join(', ')}.` : ''}`]
      : [],
    footer: 'Generated by Lockout Lens. Sign-in data is quoted as read from the tenant.',
  };
}
