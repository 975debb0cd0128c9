/**
 * The bridge from emulator state to the project's one CA evaluator (electron/core/policy). The
 * emulator never decides CA itself: it builds the SignInContext and EvaluationDirectory from the
 * tenant and lets `evaluate` / `whatIf` answer.
 */
import { evaluate, toAppliedPolicies, whatIf as evaluatorWhatIf } from '../policy/index.js';
import type { EvaluationDirectory, EvaluationResult, ServicePrincipalInfo, SignInContext, SignInUser } from '../policy/types.js';
import type { GraphObject } from '../snapshot/types.js';
import type { EmulatorState } from './state.js';
import { tenantExtras } from './extras.js';

export function evaluationDirectory(state: EmulatorState): EvaluationDirectory {
  const sps = new Map<string, ServicePrincipalInfo>();
  for (const sp of state.snapshot.servicePrincipals) {
    if (typeof sp.appId !== 'string') continue;
    sps.set(sp.appId.toLowerCase(), {
      appId: sp.appId,
      ...(typeof sp.id === 'string' ? { id: sp.id } : {}),
      ...(typeof sp.displayName === 'string' ? { displayName: sp.displayName } : {}),
      customSecurityAttributes: (sp.customSecurityAttributes ?? null) as ServicePrincipalInfo['customSecurityAttributes'],
    });
  }
  const locations = new Map<string, Readonly<Record<string, unknown>>>();
  for (const l of state.snapshot.namedLocations) if (typeof l.id === 'string') locations.set(l.id, l);
  return {
    servicePrincipalsByAppId: sps,
    namedLocations: locations,
    baselineScopeEnforcement: tenantExtras(state.snapshot).baselineScopeEnforcement ?? 'enabled',
  };
}

export function signInUser(user: GraphObject): SignInUser {
  const guest = typeof user.userType === 'string' && user.userType.toLowerCase() === 'guest';
  return {
    id: String(user.id),
    ...(typeof user.userPrincipalName === 'string' ? { userPrincipalName: user.userPrincipalName } : {}),
    userType: guest ? 'guest' : 'member',
    ...(guest ? { guestOrExternalUserType: 'b2bCollaborationGuest' as const } : {}),
  };
}

export interface RopgContextInput {
  readonly user: GraphObject;
  readonly clientAppId: string;
  readonly resourceAppId: string;
  readonly scopes: readonly string[];
  readonly ipAddress: string | null;
  readonly country: string | null;
}

/** A Jamf Connect password check as CA sees it: desktop client, unregistered Mac, no interaction. */
export function ropgContext(state: EmulatorState, input: RopgContextInput): SignInContext {
  const userId = String(input.user.id);
  return {
    user: signInUser(input.user),
    groupIds: state.groupIds(userId),
    roleTemplateIds: state.roleTemplateIds(userId),
    clientAppId: input.clientAppId,
    resourceAppId: input.resourceAppId,
    scopes: input.scopes,
    clientAppType: 'mobileAppsAndDesktopClients',
    platform: 'macOS',
    ipAddress: input.ipAddress,
    country: input.country,
    device: null,
    signInRisk: 'none',
    userRisk: 'none',
    authenticationFlow: null,
    capabilities: { interactive: false, mfaSatisfied: false, approvedClientApp: false, compliantClientApp: false },
  };
}

export function evaluateSignIn(state: EmulatorState, ctx: SignInContext): EvaluationResult {
  return evaluate(state.snapshot.conditionalAccessPolicies, ctx, evaluationDirectory(state));
}

/** Graph beta appliedConditionalAccessPolicies entries for a result (the evaluator's own mapping). */
export function appliedPolicies(result: EvaluationResult): Record<string, unknown>[] {
  return toAppliedPolicies(result).map((e) => ({ ...e }));
}

/** What If (POST /identity/conditionalAccess/evaluate) through the evaluator. */
export function whatIf(state: EmulatorState, ctx: SignInContext, appliedPoliciesOnly: boolean): Record<string, unknown>[] {
  return evaluatorWhatIf(state.snapshot.conditionalAccessPolicies, ctx, evaluationDirectory(state), { appliedPoliciesOnly }).map((e) => ({ ...e }));
}
