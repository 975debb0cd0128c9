/**
 * Data-quality warnings. Missing rights and missing fields are stated as such — "applied policies
 * hidden", never "no policies" — because the helpdesk acts differently on "nothing there" and
 * "we cannot see".
 */
import type { AadstsCatalogue } from './aadsts.js';
import { clip } from './escape.js';
import { isObj, str } from './read.js';
import type { Attempt, DiagnosisInput, DiagnosisWarning, Prediction } from './types.js';

const CA_READ_ROLES = 'Global Reader, Security Reader, Security Administrator, Conditional Access Administrator or Global Administrator (or Policy.Read.All)';

function usesAppFilter(policies: readonly unknown[]): boolean {
  return policies.some((p) => {
    const apps = isObj(p) && isObj(p['conditions']) && isObj(p['conditions']['applications']) ? p['conditions']['applications'] : null;
    return apps !== null && isObj(apps['applicationFilter']);
  });
}

export function collectWarnings(
  input: DiagnosisInput,
  rawRows: readonly unknown[],
  attempts: readonly Attempt[],
  prediction: Prediction,
  catalogue: AadstsCatalogue,
): DiagnosisWarning[] {
  const w: DiagnosisWarning[] = [];
  if (input.config.jamfConnectAppIds.length === 0) {
    w.push({ code: 'no-config', message: 'No Jamf Connect client id is configured, so no sign-in can be recognised as a Jamf Connect password check. Set the client id (OIDCROPGID / ROPGID).' });
  }
  if (attempts.length === 0) {
    w.push({ code: 'no-sign-ins', message: `No Jamf Connect sign-ins for this user in the last ${input.days} day(s) up to ${input.now}. This does not prove the password check works: the Mac may not have tried, logs lag 2–5 minutes, and Entra keeps sign-ins 7 days (Free) or 30 days (P1/P2).` });
  }
  if (input.visibility.appliedPoliciesVisible === false) {
    w.push({ code: 'applied-policies-hidden', message: `Applied policies hidden: the operator lacks Conditional Access read rights (${CA_READ_ROLES}). The sign-ins' policy results are not "no policies"; the blocking policies below come from the evaluator's prediction.` });
  } else if (attempts.length > 0 && attempts.every((a) => a.appliedPolicies === null)) {
    w.push({ code: 'applied-policies-unknown', message: `The sign-ins carry no appliedConditionalAccessPolicies at all. Graph omits them silently when the operator lacks CA read rights (${CA_READ_ROLES}) — this is missing data, not "no policies".` });
  }
  if (attempts.some((a) => (a.appliedPolicies ?? []).some((p) => p.result === 'unknownFutureValue'))) {
    w.push({ code: 'report-only-hidden', message: "Some policy results read 'unknownFutureValue': the sign-ins were fetched without the header Prefer: include-unknown-enum-members, which hides report-only results. Sync again with it." });
  }
  const rows = rawRows.filter(isObj);
  if (rows.length > 0 && !rows.some((r) => 'signInEventTypes' in r || 'conditionalAccessAudiences' in r)) {
    w.push({ code: 'v1-sign-ins', message: 'The sign-ins look like Graph v1.0 data: non-interactive sign-ins and conditionalAccessAudiences are missing, so baseline-scope audiences cannot be confirmed from the log.' });
  }
  if (input.visibility.customSecurityAttributesReadable === false && usesAppFilter(input.policies)) {
    w.push({ code: 'csa-unreadable', message: "Custom security attributes are unreadable (the operator needs Attribute Assignment Reader or Administrator; Global Administrator has no CSA rights by default): application filters are evaluated as if no app carried an attribute." });
  }
  if (input.policies.length === 0) {
    w.push({ code: 'no-policies', message: 'The data holds no Conditional Access policies. If they were not synced or the operator cannot read them (Policy.Read.All), this is missing data, not "no policies".' });
  }
  for (const p of prediction.policies) {
    if (p.cannotEvaluate) w.push({ code: 'cannot-evaluate', message: `Policy "${clip(p.displayName || p.policyId, 200)}" cannot be evaluated: ${clip(p.cannotEvaluate, 500)}` });
  }
  const known = new Set(input.policies.filter(isObj).map((p) => str(p, 'id')?.toLowerCase()));
  const missing = new Set<string>();
  for (const a of attempts) for (const p of a.appliedPolicies ?? []) if (p.id && !known.has(p.id.toLowerCase()) && input.policies.length > 0) missing.add(`${clip(p.displayName || 'unknown policy', 200)} (${clip(p.id, 200)})`);
  if (missing.size) w.push({ code: 'policy-missing', message: `The log names policies the current policy list does not have (deleted since, or not synced): ${[...missing].join(', ')}.` });
  const unknownCodes = [...new Set(attempts.map((a) => a.errorCode))].filter((c) => !catalogue.lookup(c).known);
  for (const c of unknownCodes) w.push({ code: 'unknown-code', message: `AADSTS${c} is not in the catalogue; see ${catalogue.lookup(c).lookupUrl}.` });
  if (input.user['accountEnabled'] === false) w.push({ code: 'account-disabled', message: 'The user account is disabled (accountEnabled = false).' });
  return w;
}
