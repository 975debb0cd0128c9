/**
 * Attempts → verdict. Jamf Connect's password check is judged by the answers it reads as "password
 * correct" (0, 50076, ROPGSuccessCodes): the current lockout is the run of lockout answers after the
 * last such answer. Neutral answers (interactive interrupts, session codes) neither prove nor break it.
 */
import { WELL_KNOWN_APP_IDS } from '../policy/types.js';
import { clip } from './escape.js';
import { isObj, sameId, str, timeOf } from './read.js';
import type { AppliedPolicyEvidence, Attempt, DiagnosisCause, Evidence, RawJson, Verdict } from './types.js';

/** Evidence rows kept per verdict: the newest failures (the count is in `attempts`). */
const MAX_EVIDENCE = 20;

const BLOCKING_RESULTS = new Set(['failure']);

/**
 * Grant controls only an interactive sign-in can satisfy (MFA, authentication strength, terms of use,
 * password change). A failing policy with nothing but these answers with an MFA-family code, which is
 * noise for Jamf Connect, not the block. `enforcedGrantControls` strings are display-ish and opaque
 * (graph-facts §1.3: "Mfa", "Require multifactor authentication"…), hence the loose match.
 */
const INTERACTIVE_CONTROL = /mfa|multi-?factor|authentication ?strength|terms ?of ?use|password ?change/i;

/** The entry failed only on interactive controls. An empty control list is unknown, so it counts as blocking. */
export function isInteractiveOnlyFailure(p: AppliedPolicyEvidence): boolean {
  return p.result === 'failure' && p.enforcedGrantControls.length > 0 && p.enforcedGrantControls.every((c) => INTERACTIVE_CONTROL.test(c));
}

function isBlockingEntry(p: AppliedPolicyEvidence): boolean {
  return BLOCKING_RESULTS.has(p.result) && !isInteractiveOnlyFailure(p);
}
const EVIDENCE_RESULTS = new Set(['failure', 'reportOnlyFailure', 'reportOnlyInterrupted']);
const NOT_APPLIED_RESULTS = new Set(['notApplied', 'reportOnlyNotApplied']);

export interface StreakAnalysis {
  /** Oldest first. */
  readonly streak: readonly Attempt[];
  readonly lastProof: Attempt | null;
}

export function analyseStreak(attemptsNewestFirst: readonly Attempt[]): StreakAnalysis {
  const chronological = [...attemptsNewestFirst].reverse();
  let lastProofIdx = -1;
  chronological.forEach((a, i) => { if (a.passwordCorrect) lastProofIdx = i; });
  return {
    streak: chronological.slice(lastProofIdx + 1).filter((a) => a.lockoutCause),
    lastProof: lastProofIdx >= 0 ? chronological[lastProofIdx]! : null,
  };
}

function policyById(policies: readonly unknown[], id: string): RawJson | null {
  const p = policies.find((x) => isObj(x) && sameId(str(x, 'id'), id));
  return isObj(p) ? p : null;
}

/** A Block policy with a configured locations condition is a location block (helpdesk fix differs). */
function hasLocationCondition(policy: RawJson | null): boolean {
  const conditions = policy && isObj(policy['conditions']) ? policy['conditions'] : null;
  const locations = conditions && isObj(conditions['locations']) ? conditions['locations'] : null;
  const include = locations?.['includeLocations'];
  return Array.isArray(include) && include.length > 0;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((s) => s.length > 0))];
}

function evidenceOf(a: Attempt): Evidence {
  return {
    signInId: a.signInId,
    correlationId: a.correlationId,
    createdDateTime: a.createdDateTime,
    errorCode: a.errorCode,
    resourceId: a.resourceId,
    conditionalAccessAudiences: a.conditionalAccessAudiences,
    policies: (a.appliedPolicies ?? []).filter((p) => EVIDENCE_RESULTS.has(p.result)),
    appliedPoliciesVisible: a.appliedPolicies !== null,
  };
}

/** The Jamf check ran against Windows Azure AD although it asked for another resource: the 2026 baseline-scope rule. */
export function hitByBaselineScope(a: Attempt): boolean {
  const waad = WELL_KNOWN_APP_IDS.windowsAzureActiveDirectory;
  return (a.conditionalAccessAudiences ?? []).some((x) => sameId(x, waad)) && !sameId(a.resourceId, waad);
}

/** Grant controls a password-only check can never satisfy: a policy with one of them is a lockout policy. */
const LOCKOUT_CONTROLS = new Set(['block', 'compliantdevice', 'domainjoineddevice', 'approvedapplication', 'compliantapplication']);

function isLockoutPolicy(policy: RawJson | null): boolean {
  if (!policy) return true; // not in the current list: give the log's "not applied" the benefit of the doubt
  const grant = isObj(policy['grantControls']) ? policy['grantControls'] : null;
  const controls = grant && Array.isArray(grant['builtInControls']) ? grant['builtInControls'] : [];
  return controls.some((c) => typeof c === 'string' && LOCKOUT_CONTROLS.has(c.toLowerCase()));
}

/**
 * "Already exempted": a policy that would lock the check out (block / device / app controls) was
 * Not applied only because of the application condition — the app exclusion at work. An exclusion
 * from an MFA-only policy just avoids noise, so it does not make the user "exempted".
 */
function isExemptedSuccess(a: Attempt, policies: readonly unknown[]): boolean {
  return (a.appliedPolicies ?? []).some((p: AppliedPolicyEvidence) => {
    if (!NOT_APPLIED_RESULTS.has(p.result)) return false;
    const notSatisfied = (p.conditionsNotSatisfied ?? '').split(',').map((s) => s.trim()).filter((s) => s && s !== 'none');
    const byAppExclusion = (p.excludeRulesSatisfied ?? []).some((r) => r.condition === 'application')
      ? notSatisfied.every((c) => c === 'application')
      : notSatisfied.length === 1 && notSatisfied[0] === 'application';
    return byAppExclusion && isLockoutPolicy(policyById(policies, p.id));
  });
}

function when(iso: string): string {
  const t = timeOf(iso);
  return t === null ? iso : new Date(t).toISOString().replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}

export function buildVerdict(attempts: readonly Attempt[], policies: readonly unknown[]): Verdict {
  const base = { blockingPolicyIds: [], blockingPolicySource: 'none' as const, evidence: [], baselineScopeAudience: false, since: null, attempts: 0 };
  if (attempts.length === 0) {
    return {
      ...base,
      lockedOut: false,
      cause: 'no-sign-ins',
      primaryErrorCode: null,
      primaryErrorName: null,
      summary: 'No Jamf Connect sign-ins for this user in the window: nothing shows a lockout, and nothing shows a working password check either.',
    };
  }
  const { streak, lastProof } = analyseStreak(attempts);
  if (streak.length === 0) {
    const latest = attempts[0]!;
    const decisive = lastProof ?? latest;
    const cause: DiagnosisCause = !decisive.passwordCorrect
      ? (decisive.category === 'success' ? 'other' : decisive.category)
      : decisive.errorCode !== 0
        ? 'mfa-noise'
        : isExemptedSuccess(decisive, policies) ? 'exempted' : 'healthy';
    const summary = cause === 'mfa-noise'
      ? `Not locked out: the last Jamf Connect password check (${when(decisive.createdDateTime)}) got AADSTS${decisive.errorCode} (${decisive.errorName}), which Jamf Connect counts as a correct password. It is log noise and raises the user's risk, not a lockout.`
      : cause === 'exempted'
        ? `Not locked out: the last Jamf Connect password check (${when(decisive.createdDateTime)}) succeeded, and Conditional Access reported the policies as Not applied because the app is excluded.`
        : decisive.passwordCorrect
          ? `Not locked out: the last Jamf Connect password check (${when(decisive.createdDateTime)}) succeeded.`
          : `Not locked out as far as the log shows: the latest answer was AADSTS${decisive.errorCode} (${decisive.errorName}), which does not decide the password check.`;
    return { ...base, lockedOut: false, cause, primaryErrorCode: decisive.errorCode, primaryErrorName: decisive.errorName, summary };
  }

  const latestFailure = streak[streak.length - 1]!;
  // For an MFA-family lockout (50079…) the interactive policies ARE the block; otherwise they are noise.
  const mfaLockout = latestFailure.category === 'mfa-interaction';
  const blocks = (p: AppliedPolicyEvidence) => (mfaLockout ? BLOCKING_RESULTS.has(p.result) : isBlockingEntry(p));
  const blockingPolicyIds = unique(streak.flatMap((a) => (a.appliedPolicies ?? []).filter(blocks).map((p) => p.id)));
  let cause: DiagnosisCause = latestFailure.category === 'success' ? 'other' : latestFailure.category;
  // A location block: the blocking policy has a locations condition (current copy), or the log says
  // the location condition was satisfied (beta conditionsSatisfied) — the latter also for deleted policies.
  const locationInLog = streak.some((a) => (a.appliedPolicies ?? []).some((p) => blocks(p) && (p.conditionsSatisfied ?? '').split(',').map((x) => x.trim()).includes('location')));
  if (cause === 'ca-block' && (locationInLog || blockingPolicyIds.some((id) => hasLocationCondition(policyById(policies, id))))) cause = 'ca-location';
  const names = unique(streak.flatMap((a) => (a.appliedPolicies ?? []).filter(blocks).map((p) => p.displayName || p.id)));
  const evidence = [...streak].reverse().slice(0, MAX_EVIDENCE).map(evidenceOf);
  const since = streak[0]!.createdDateTime;
  const summary =
    `Locked out since ${when(since)}: ${streak.length} Jamf Connect password check${streak.length === 1 ? '' : 's'} failed, ` +
    `the latest with AADSTS${latestFailure.errorCode} (${latestFailure.errorName})` +
    (names.length ? ` from policy ${names.map((n) => `"${clip(n, 200)}"`).join(', ')}.` : '.');
  return {
    lockedOut: true,
    cause,
    primaryErrorCode: latestFailure.errorCode,
    primaryErrorName: latestFailure.errorName,
    since,
    attempts: streak.length,
    blockingPolicyIds,
    blockingPolicySource: blockingPolicyIds.length ? 'log' : 'none',
    evidence,
    baselineScopeAudience: streak.some(hitByBaselineScope),
    summary,
  };
}

/** CA categories: the ones an exemption can fix and the evaluator can predict. */
export function isCaCause(cause: DiagnosisCause): boolean {
  return cause === 'ca-block' || cause === 'ca-location' || cause === 'ca-device' || cause === 'mfa-interaction';
}
