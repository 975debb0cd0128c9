/**
 * The sign-in's overall answer from the per-policy results (enforced policies only; report-only
 * results are on their own track and never change it).
 *
 * Precedence, and why: Entra must satisfy EVERY applicable enforced policy, so the answer is
 * decided by the failure no client action can fix first —
 *   1. a Block (53003): nothing satisfies it;
 *   2. a device requirement (53000 compliant, then 53001 hybrid joined): the client cannot present a
 *      device it does not have, with or without UI;
 *   3. a client-app requirement (53002 approved app, 53005 app protection);
 *   4. only interactive controls missing (MFA 50076, password change 50135, terms of use / custom
 *      control 50158): an interactive retry could succeed → interactionRequired. Jamf Connect's ROPG
 *      check counts 50076 as "password correct".
 * decidingPolicyIds = the failed enforced policies of the deciding category (fixing any other
 * failure alone would not change the answer).
 */
import type { PolicyEvaluation, SignInOutcome } from './types.js';

const CATEGORY_RANK = { block: 0, device: 1, app: 2, interactive: 3 } as const;
const CODE_RANK = [53003, 53000, 53001, 53002, 53005, 50076, 50135, 50158];

export function decideOutcome(policies: readonly PolicyEvaluation[]): SignInOutcome {
  let anySuccess = false;
  let best: number = Number.POSITIVE_INFINITY;
  const failed: PolicyEvaluation[] = [];
  const unevaluated: string[] = [];
  for (const p of policies) {
    if (p.state !== 'enabled') continue;
    if (p.cannotEvaluate !== undefined) {
      unevaluated.push(p.policyId);
      continue;
    }
    if (p.result === 'success') anySuccess = true;
    else if (p.result === 'failure' && p.grant?.failureKind) {
      failed.push(p);
      best = Math.min(best, CATEGORY_RANK[p.grant.failureKind]);
    }
  }
  const extra = unevaluated.length > 0 ? { unevaluatedPolicyIds: unevaluated } : {};
  if (failed.length === 0) {
    return { access: 'granted', errorCode: 0, decidingPolicyIds: [], conditionalAccessStatus: anySuccess ? 'success' : 'notApplied', ...extra };
  }
  const deciding = failed.filter((p) => CATEGORY_RANK[p.grant!.failureKind!] === best);
  let code = 0;
  let codeRank = Number.POSITIVE_INFINITY;
  for (const p of deciding) {
    const r = CODE_RANK.indexOf(p.grant!.errorCode ?? 0);
    if (r >= 0 && r < codeRank) {
      codeRank = r;
      code = p.grant!.errorCode!;
    }
  }
  return {
    access: best === CATEGORY_RANK.interactive ? 'interactionRequired' : 'blocked',
    errorCode: code,
    decidingPolicyIds: deciding.map((p) => p.policyId),
    conditionalAccessStatus: 'failure',
    ...extra,
  };
}
