/**
 * The prediction: the CURRENT policies run through the evaluator for Jamf Connect's next password
 * check, compared with what the log shows. A disagreement is flagged and explained — a policy changed
 * after the newest log evidence (propagation pending within Entra's 5–15 minutes, else the log is
 * simply older than the policy: stale), or data the evaluator needs is missing.
 */
import { evaluate } from '../policy/evaluate.js';
import type { EvaluationResult } from '../policy/types.js';
import { buildDirectory, jamfCheckContext, resourceForScopes } from './context.js';
import { clip } from './escape.js';
import { isObj, sameId, str, timeOf } from './read.js';
import { isCaCause } from './verdict.js';
import type { AadstsCatalogue } from './aadsts.js';
import type { Attempt, DiagnosisInput, Prediction, RawJson, Verdict } from './types.js';

/** Jamf's guidance: CA changes take 5–15 minutes to reach sign-ins (graph-facts §3.1). */
const PROPAGATION_MS = 15 * 60 * 1000;

export interface PolicyData {
  readonly policies: readonly unknown[];
  readonly servicePrincipals: readonly RawJson[];
}

/** Runs the evaluator for the next Jamf check on the given (possibly modified) policies and SPs. */
export function evaluateNextCheck(input: DiagnosisInput, latest: Attempt | null, data: PolicyData = input): EvaluationResult & { contextSummary: Prediction['context'] } {
  const clientAppId = latest?.appId ?? input.config.jamfConnectAppIds[0] ?? '';
  const resourceAppId = resourceForScopes(input.config.ropgScopes, data.servicePrincipals);
  const ctx = jamfCheckContext({ user: input.user, memberships: input.memberships, clientAppId, resourceAppId, scopes: input.config.ropgScopes, latest });
  const dir = buildDirectory(data.servicePrincipals, input.namedLocations, {
    ...(input.baselineScopeEnforcement ? { baselineScopeEnforcement: input.baselineScopeEnforcement } : {}),
    ...(input.baselineScopePlaceholderAppId ? { baselineScopePlaceholderAppId: input.baselineScopePlaceholderAppId } : {}),
  });
  const result = evaluate(data.policies, ctx, dir);
  return {
    ...result,
    contextSummary: {
      clientAppId,
      resourceAppId,
      scopes: [...input.config.ropgScopes],
      ipAddress: ctx.ipAddress,
      country: ctx.country,
      device: latest?.device ? latest.device.deviceId : 'unregistered',
    },
  };
}

function changedAfter(policy: RawJson, ms: number): number | null {
  const t = Math.max(timeOf(str(policy, 'modifiedDateTime')) ?? -Infinity, timeOf(str(policy, 'createdDateTime')) ?? -Infinity);
  return Number.isFinite(t) && t > ms ? t : null;
}

function explainDisagreement(
  input: DiagnosisInput,
  verdict: Verdict,
  latest: Attempt,
  result: EvaluationResult,
): Prediction['disagreement'] {
  const logLocked = verdict.lockedOut;
  const evidenceMs = timeOf(latest.createdDateTime) ?? 0;
  const nowMs = timeOf(input.now) ?? evidenceMs;
  const current = input.policies.filter(isObj);
  const lines: string[] = [];

  // 1. A policy changed (or appeared) after the newest log evidence: the log predates it.
  const changes = current
    .map((p) => ({ p, t: changedAfter(p, evidenceMs) }))
    .filter((x): x is { p: RawJson; t: number } => x.t !== null);
  const missingBlockers = verdict.blockingPolicyIds.filter((id) => !current.some((p) => sameId(str(p, 'id'), id)));
  if (changes.length > 0) {
    const newest = Math.max(...changes.map((c) => c.t));
    const names = changes.map((c) => `"${clip(str(c.p, 'displayName') ?? str(c.p, 'id') ?? '?', 200)}" (changed ${new Date(c.t).toISOString()})`).join(', ');
    const pending = nowMs - newest < PROPAGATION_MS;
    lines.push(
      logLocked
        ? `The log shows a lockout but the current policies predict the next check passes: ${names} changed after the newest failure.`
        : `The log shows no lockout but the current policies predict the next check fails: ${names} changed after the newest sign-in.`,
    );
    lines.push(pending
      ? 'The change is less than 15 minutes old: Entra may not apply it yet (propagation takes 5–15 minutes). Wait, then test with Jamf Connect Configuration → Test → ROPG.'
      : 'No Jamf Connect sign-in has happened since the change: ask the user to retry (or use Test → ROPG) to confirm.');
    return { kind: pending ? 'propagation-pending' : 'stale-policy', detail: lines.join(' ') };
  }
  if (missingBlockers.length > 0) {
    return {
      kind: 'stale-policy',
      detail: `The log's blocking polic${missingBlockers.length === 1 ? 'y' : 'ies'} ${missingBlockers.map((id) => clip(id, 200)).join(', ')} ${missingBlockers.length === 1 ? 'is' : 'are'} not in the current policy list (deleted since, or not readable): the log reflects older policies. Ask the user to retry to confirm.`,
    };
  }
  // 2. Nothing changed: something the evaluator needs is missing or differs from the logged sign-in.
  const gaps: string[] = [];
  if (input.visibility.appliedPoliciesVisible === false) gaps.push('applied policies are hidden from the operator');
  if (input.visibility.customSecurityAttributesReadable !== true) gaps.push('custom security attributes may be unreadable, so app filters can evaluate differently');
  const cannot = result.policies.filter((p) => p.cannotEvaluate);
  if (cannot.length) gaps.push(`${cannot.length} polic${cannot.length === 1 ? 'y' : 'ies'} could not be evaluated`);
  if (current.length === 0) gaps.push('the data holds no policies');
  if (!sameId(latest.resourceId, result.audiences[0] ?? null) && latest.resourceId) gaps.push(`the logged sign-in's resource (${latest.resourceId}) differs from the one the configured ROPG scopes target (${result.audiences.join(', ') || 'none'})`);
  return {
    kind: 'missing-data',
    detail:
      (logLocked ? 'The log shows a lockout but the current policies predict the next check passes. ' : 'The log shows no lockout but the current policies predict the next check fails. ') +
      'No policy change after the newest sign-in explains it' + (gaps.length ? `; possible reasons: ${gaps.join('; ')}.` : '; the cached policies may be older than the tenant — sync again.'),
  };
}

export function predict(input: DiagnosisInput, attempts: readonly Attempt[], verdict: Verdict, catalogue: AadstsCatalogue): Prediction {
  const latest = attempts[0] ?? null;
  const result = evaluateNextCheck(input, latest);
  const { access, errorCode } = result.outcome;
  // An MFA answer is a lockout only when Jamf Connect does not count its code as password-correct.
  const passwordCorrect = (input.config.ropgSuccessCodes ?? []).includes(errorCode) || catalogue.lookup(errorCode).jamfConnect.countsAsPasswordCorrect;
  const lockedOut = access === 'blocked' || (access === 'interactionRequired' && !passwordCorrect);
  let disagreement: Prediction['disagreement'] = null;
  // Only CA answers can be compared: a wrong password or a disabled account is invisible to CA. A
  // logged MFA-family lockout (50079…) and a predicted MFA prompt agree: both say "MFA is required".
  const mfaBoth = verdict.cause === 'mfa-interaction' && access === 'interactionRequired';
  const comparable = latest !== null && !mfaBoth && (verdict.lockedOut ? isCaCause(verdict.cause) : true);
  if (comparable && lockedOut !== verdict.lockedOut) disagreement = explainDisagreement(input, verdict, latest!, result);
  return {
    access: result.outcome.access,
    errorCode: result.outcome.errorCode,
    decidingPolicyIds: result.outcome.decidingPolicyIds,
    lockedOut,
    context: result.contextSummary,
    audiences: result.audiences,
    policies: result.policies,
    disagreement,
  };
}
