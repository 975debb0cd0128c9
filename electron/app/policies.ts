/**
 * The Policies view: every CA policy rendered readably, with whether (and for whom) it hits
 * Jamf Connect's next password check, decided by the real evaluator.
 */
import type { PolicySummary } from '../contract/schemas.js';
import { buildDirectory, jamfCheckContext, resourceForScopes } from '../core/diagnosis/context.js';
import { inferJamfConfig } from '../core/diagnosis/from-snapshot.js';
import type { RawJson } from '../core/diagnosis/types.js';
import { evaluate } from '../core/policy/evaluate.js';
import type { PolicyEvaluation } from '../core/policy/types.js';
import type { TenantSession } from './context.js';
import { describeConditions, describeGrant, describeResources, describeSession, describeState, describeUsers } from './policy-summary.js';

/** At most this many users are evaluated per listing; the rest are named as "not evaluated". */
const MAX_USERS = 200;

const str = (o: unknown, key: string): string | null => {
  const v = o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : null;
};

/**
 * Users worth evaluating, each with their latest Jamf Connect sign-in (newest first in the index):
 * its IP, country and resource make the prediction match what CA saw, instead of an "unknown
 * location" that every location rule would catch. Users without Jamf Connect sign-ins are only
 * evaluated when nobody has any.
 */
function candidateUsers(session: TenantSession): Array<{ user: RawJson; latest: RawJson | null }> {
  const appIds = new Set(session.jamfConnectAppIds.map((a) => a.toLowerCase()));
  const latestByUser = new Map<string, RawJson>();
  for (const raw of session.signIns.raw()) {
    const userId = (str(raw, 'userId') ?? '').toLowerCase();
    if (appIds.has((str(raw, 'appId') ?? '').toLowerCase()) && !latestByUser.has(userId)) latestByUser.set(userId, raw);
  }
  const users = session.snapshot.users as RawJson[];
  const picked = latestByUser.size ? users.filter((u) => latestByUser.has((str(u, 'id') ?? '').toLowerCase())) : users;
  return picked.slice(0, MAX_USERS).map((user) => ({ user, latest: latestByUser.get((str(user, 'id') ?? '').toLowerCase()) ?? null }));
}

export function summarisePolicies(session: TenantSession): PolicySummary[] {
  const snapshot = session.snapshot;
  const policies = snapshot.conditionalAccessPolicies;
  const clientAppId = session.jamfConnectAppIds[0] ?? null;
  const hits = new Map<string, string[]>();
  const traces = new Map<string, PolicyEvaluation>();
  const problems = new Map<string, string>();

  if (clientAppId) {
    const directory = buildDirectory(snapshot.servicePrincipals, snapshot.namedLocations);
    for (const { user, latest } of candidateUsers(session)) {
      const scopes = inferJamfConfig(snapshot, str(user, 'id') ?? undefined).ropgScopes;
      const base = jamfCheckContext({
        user,
        memberships: snapshot.transitiveMemberOf[str(user, 'id') ?? ''] ?? [],
        clientAppId: str(latest, 'appId') ?? clientAppId,
        resourceAppId: str(latest, 'resourceId') ?? resourceForScopes(scopes, snapshot.servicePrincipals),
        scopes,
        latest: null,
      });
      const location = latest?.location && typeof latest.location === 'object' ? (latest.location as RawJson) : null;
      const ctx = { ...base, ipAddress: str(latest, 'ipAddress'), country: str(location, 'countryOrRegion') };
      for (const evaluation of evaluate(policies, ctx, directory).policies) {
        if (evaluation.cannotEvaluate) problems.set(evaluation.policyId, evaluation.cannotEvaluate);
        if (evaluation.applies) {
          const list = hits.get(evaluation.policyId) ?? [];
          list.push(str(user, 'displayName') ?? str(user, 'userPrincipalName') ?? 'unnamed user');
          hits.set(evaluation.policyId, list);
          if (!traces.has(evaluation.policyId)) traces.set(evaluation.policyId, evaluation);
        } else if (!traces.has(evaluation.policyId)) {
          traces.set(evaluation.policyId, evaluation);
        }
      }
    }
  }

  return policies.map((raw) => {
    const policy = raw as RawJson;
    const id = str(policy, 'id') ?? '';
    const who = hits.get(id) ?? [];
    let hitsJamfConnect: boolean | null;
    let hitReason: string;
    if (!clientAppId) {
      hitsJamfConnect = null;
      hitReason = 'No Jamf Connect app id is known for this tenant (set it in Settings).';
    } else if (problems.has(id)) {
      hitsJamfConnect = null;
      hitReason = `Cannot evaluate: ${problems.get(id)}`;
    } else if (who.length) {
      hitsJamfConnect = true;
      hitReason = `Applies to Jamf Connect's password check for ${who.slice(0, 3).join(', ')}${who.length > 3 ? ` and ${who.length - 3} more` : ''}.`;
    } else {
      hitsJamfConnect = false;
      hitReason = "Does not apply to Jamf Connect's password check for any evaluated user.";
    }
    return {
      id,
      displayName: str(policy, 'displayName') ?? `unnamed policy ${id}`,
      state: describeState(policy.state),
      hitsJamfConnect,
      hitReason,
      users: describeUsers(policy, session.names),
      resources: describeResources(policy, session.names),
      conditions: describeConditions(policy, session.names),
      grant: describeGrant(policy),
      session: describeSession(policy),
      modifiedDateTime: str(policy, 'modifiedDateTime') ?? str(policy, 'createdDateTime'),
      trace: (traces.get(id)?.conditions ?? []).map((c) => ({ condition: c.condition, matched: c.matched, reason: c.reason })),
    };
  });
}
