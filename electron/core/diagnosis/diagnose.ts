/**
 * Per-user lockout diagnosis — pure: plain Graph JSON in, a Diagnosis out. Steps: the user's Jamf
 * Connect attempts in the window → verdict (streak after the last password-proving answer) →
 * prediction for the next check from the current policies → findings, recommendations, warnings.
 * See docs/diagnosis.md.
 */
import { loadAadstsCatalogue, type AadstsCatalogue } from './aadsts.js';
import { attemptsForInput } from './attempts.js';
import { collectNoise, collectPolicyFindings } from './findings.js';
import { predict } from './prediction.js';
import { str, timeOf } from './read.js';
import { recommend } from './recommend.js';
import { buildVerdict, isCaCause } from './verdict.js';
import { collectWarnings } from './warnings.js';
import type { Diagnosis, DiagnosisInput, Verdict } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export class DiagnosisInputError extends Error {
  override readonly name = 'DiagnosisInputError';
}

export function diagnose(input: DiagnosisInput, catalogue: AadstsCatalogue = loadAadstsCatalogue()): Diagnosis {
  const toMs = timeOf(input.now);
  if (toMs === null) throw new DiagnosisInputError(`'now' is not a date-time: ${JSON.stringify(input.now)}`);
  if (!Number.isFinite(input.days) || input.days <= 0) throw new DiagnosisInputError(`'days' must be a positive number, got ${JSON.stringify(input.days)}`);
  const userId = str(input.user, 'id');
  if (!userId) throw new DiagnosisInputError('the user object has no id');
  const fromMs = toMs - input.days * DAY_MS;
  const attempts = attemptsForInput(input, catalogue);
  let verdict: Verdict = buildVerdict(attempts, input.policies);
  const prediction = predict(input, attempts, verdict, catalogue);
  // Without the log's applied policies, the evaluator's deciding policies are the best evidence — marked as such.
  if (verdict.lockedOut && verdict.blockingPolicyIds.length === 0 && isCaCause(verdict.cause) && prediction.decidingPolicyIds.length > 0) {
    verdict = { ...verdict, blockingPolicyIds: [...prediction.decidingPolicyIds], blockingPolicySource: 'prediction' };
  }
  const noise = collectNoise(attempts, verdict);
  return {
    user: { id: userId, userPrincipalName: str(input.user, 'userPrincipalName'), displayName: str(input.user, 'displayName') },
    window: { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), days: input.days },
    source: input.source,
    verdict,
    attempts,
    noise,
    policies: collectPolicyFindings(input.policies, attempts, verdict, prediction),
    prediction,
    recommendations: recommend(input, verdict, attempts, prediction, catalogue, noise.policyIds),
    warnings: collectWarnings(input, input.signIns, attempts, prediction, catalogue),
  };
}
