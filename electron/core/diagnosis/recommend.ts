/**
 * Recommendations: which policy to exempt and which app to target, or the non-CA fix. CA targets the
 * sign-in's resource, so the target comes from the failing sign-in's resourceId and
 * conditionalAccessAudiences (or the prediction's audience when the log has none), never blindly
 * from the client app (graph-facts §2.9).
 */
import { WELL_KNOWN_APP_IDS } from '../policy/types.js';
import type { AadstsCatalogue } from './aadsts.js';
import { sameId } from './read.js';
import { analyseStreak, isCaCause } from './verdict.js';
import type { Attempt, DiagnosisInput, Prediction, Recommendation, Verdict } from './types.js';

const BASELINE_DOCS =
  "Microsoft: 'Conditional Access enforcement of resource exclusions' (entra concept-enforcement-resource-exclusions / improved-enforcement-resource-exclusions, 2026); " +
  "Jamf: 'Creating a Jamf Connect Configuration with Conditional Access' and 'Excluding the Custom API from Conditional Access Policies' (learn.jamf.com)";

type Target =
  | { readonly kind: 'baseline' }
  | { readonly kind: 'app'; readonly appId: string }
  | { readonly kind: 'other-resource'; readonly appId: string }
  | { readonly kind: 'unknown' };

/** Decide what CA evaluated: the audience list when the log has it, else the resource. */
function targetOf(audiences: readonly string[] | null, resourceId: string | null, input: DiagnosisInput): Target {
  const waad = WELL_KNOWN_APP_IDS.windowsAzureActiveDirectory;
  const list = audiences && audiences.length ? audiences : resourceId ? [resourceId] : [];
  if (list.length === 0) return { kind: 'unknown' };
  if (list.some((a) => sameId(a, waad)) && !sameId(resourceId, waad)) return { kind: 'baseline' };
  const own = [...input.config.jamfConnectAppIds, ...(input.config.customApiAppId ? [input.config.customApiAppId] : [])];
  const ownHit = list.find((a) => own.some((o) => sameId(o, a)));
  if (ownHit) return { kind: 'app', appId: ownHit };
  return { kind: 'other-resource', appId: list[0]! };
}

function exemptionFor(policyId: string, target: Target, input: DiagnosisInput, clientAppId: string, prefix: string): Recommendation[] {
  const api = input.config.customApiAppId;
  const apiNote = api ? `the custom API app (${api})` : "Jamf's custom \"Jamf Connect – Conditional Access Policy API\" app (create it first: it exposes the scope 'jamfconnect')";
  const switchScope = (why: string): Recommendation => ({
    action: 'switchToCustomApiScope',
    ...(api ? { targetAppId: api } : {}),
    why: `${why} Set Jamf Connect's ROPG Scopes to api://${api ?? '<API-app-id>'}/jamfconnect+openid+email+profile so the password check's resource is ${apiNote}, which CA can exclude. (${BASELINE_DOCS})`,
  });
  const exemptApi: Recommendation = {
    action: 'exemptFromPolicy',
    policyId,
    ...(api ? { targetAppId: api } : {}),
    why: `${prefix}Exclude ${apiNote} from this policy with a custom security attribute filter (Cloud apps → Exclude → Edit filter), after switching the ROPG scopes.`,
  };
  switch (target.kind) {
    case 'baseline':
      return [
        switchScope(
          "The failing check asked only baseline scopes (openid, profile, email), so since Microsoft's 2026 baseline-scope enforcement an \"All resources\" policy with any resource exclusion evaluates it against Windows Azure Active Directory (00000002-0000-0000-c000-000000000000): tagging the Jamf Connect app no longer exempts it.",
        ),
        exemptApi,
        {
          action: 'configureBaselineScopeSetting',
          policyId,
          why: "Alternative for the whole tenant: Entra's Baseline scopes settings → Customize behavior (a placeholder app excluded per policy) restores the old exemption for baseline-scope sign-ins. Disabling enforcement is possible but Microsoft does not recommend it. (" + BASELINE_DOCS + ')',
        },
      ];
    case 'app':
      return [{
        action: 'exemptFromPolicy',
        policyId,
        targetAppId: target.appId,
        why: `${prefix}CA evaluated the password check against ${sameId(target.appId, api) ? 'the custom API app' : 'the Jamf Connect app itself'} (${target.appId}): tag that app's service principal with the exemption attribute and exclude it by filter (Cloud apps → Exclude → Edit filter), as Jamf documents.`,
      }];
    case 'other-resource':
      return [
        switchScope(`CA evaluated the password check against resource ${target.appId}${sameId(target.appId, WELL_KNOWN_APP_IDS.microsoftGraph) ? ' (Microsoft Graph)' : ''}; excluding that resource would exempt every app's access to it.`),
        exemptApi,
      ];
    case 'unknown':
      return [{
        action: 'exemptFromPolicy',
        policyId,
        targetAppId: api ?? clientAppId,
        why: `${prefix}The sign-in log does not say which resource CA evaluated (v1.0 data or hidden fields); ${api ? 'the custom API app' : 'the Jamf Connect app'} is the likely target. Confirm with the beta sign-in's resourceId / conditionalAccessAudiences.`,
      }];
  }
}

const VERIFY: Recommendation = {
  action: 'verifyWithTestSignIn',
  why: "Make the change in report-only first, wait 5–15 minutes, run Jamf Connect Configuration → Test → ROPG, and check the sign-in's Report-only tab: the policy must show \"Not applied\" (reportOnlyNotApplied). Then enforce.",
};

function uniqueRecs(recs: Recommendation[]): Recommendation[] {
  const seen = new Set<string>();
  return recs.filter((r) => {
    const key = `${r.action}|${r.policyId ?? ''}|${r.targetAppId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function recommend(
  input: DiagnosisInput,
  verdict: Verdict,
  attempts: readonly Attempt[],
  prediction: Prediction,
  catalogue: AadstsCatalogue,
  noisePolicyIds: readonly string[] = [],
): Recommendation[] {
  const recs: Recommendation[] = [];
  const clientAppId = prediction.context.clientAppId;
  const predictedTarget = targetOf(prediction.audiences, prediction.context.resourceAppId, input);
  const fromPrediction = (prefix: string) => prediction.decidingPolicyIds.flatMap((id) => exemptionFor(id, predictedTarget, input, clientAppId, prefix));

  if (verdict.cause === 'no-sign-ins') {
    recs.push({
      action: 'verifyWithTestSignIn',
      why: `No Jamf Connect sign-ins for this user in the last ${input.days} day(s). Check the client id(s) Jamf Connect uses (${input.config.jamfConnectAppIds.join(', ') || 'none configured'}), that the Mac reaches Entra, and that sign-ins were synced (logs can lag 2–5 minutes); then run Test → ROPG.`,
    });
    if (prediction.lockedOut) recs.push(...fromPrediction('The current policies predict the next check fails. '));
    return uniqueRecs(recs);
  }

  if (verdict.lockedOut) {
    const failing = analyseStreak(attempts).streak.at(-1) ?? null;
    const entry = catalogue.lookup(verdict.primaryErrorCode ?? 0);
    if (isCaCause(verdict.cause)) {
      const policyIds = verdict.blockingPolicyIds.length ? verdict.blockingPolicyIds : prediction.decidingPolicyIds;
      const target = failing ? targetOf(failing.conditionalAccessAudiences, failing.resourceId, input) : predictedTarget;
      for (const id of policyIds) recs.push(...exemptionFor(id, target, input, clientAppId, ''));
      // MFA-only policies failing next to the block: optional, they only add noise once the block is gone.
      for (const id of noisePolicyIds.filter((x) => !policyIds.includes(x))) {
        for (const r of exemptionFor(id, target, input, clientAppId, 'Optional, to stop log noise and risk once the block is fixed: ')) {
          if (r.action === 'exemptFromPolicy') recs.push({ ...r, action: 'reduceMfaNoise' });
        }
      }
      if (policyIds.length === 0) {
        recs.push({ action: 'investigate', why: `The failing sign-ins carry no applied-policy details and the current policies do not predict the block. ${entry.helpdesk}` });
      }
      if (entry.nonCaFix) recs.push({ action: entry.nonCaFix, why: entry.helpdesk });
      recs.push(VERIFY);
    } else {
      const targetsApp = entry.category === 'app-config' || entry.category === 'consent';
      recs.push(entry.nonCaFix
        ? { action: entry.nonCaFix, ...(targetsApp && failing ? { targetAppId: failing.appId } : {}), why: `AADSTS${entry.code} (${entry.name}): ${entry.helpdesk}` }
        : { action: 'investigate', why: `AADSTS${entry.code} (${entry.name}): ${entry.helpdesk} (${entry.lookupUrl})` });
      if (prediction.lockedOut) recs.push(...fromPrediction('After that fix the next check would still fail on this policy: '));
    }
    return uniqueRecs(recs);
  }

  // Not locked out: MFA answers are noise worth removing (failed sign-ins raise the user's risk).
  const noisy = attempts.filter((a) => a.passwordCorrect && a.errorCode !== 0);
  for (const a of noisy.slice(0, 1)) {
    const ids = [...new Set((a.appliedPolicies ?? []).filter((p) => p.result === 'failure').map((p) => p.id))];
    const target = targetOf(a.conditionalAccessAudiences, a.resourceId, input);
    for (const id of ids) {
      for (const r of exemptionFor(id, target, input, clientAppId, 'Optional, to stop log noise and risk: ')) {
        recs.push(r.action === 'exemptFromPolicy' ? { ...r, action: 'reduceMfaNoise' } : r);
      }
    }
  }
  if (prediction.lockedOut) recs.push(...fromPrediction('The current policies predict the next check fails: '));
  return uniqueRecs(recs);
}
