/**
 * Which app ids Conditional Access evaluates as the audience of a sign-in, including the 2026
 * baseline-scope change (entra `concept-enforcement-resource-exclusions.md`, ms.date 2026-05-27;
 * `concept-conditional-access-cloud-apps.md`, "Legacy/New Conditional Access behavior when an ALL
 * resources policy has a resource exclusion").
 *
 * - Normally the audience is the resource the token is for ([resourceAppId]). CA "applies to
 *   resources not clients, except when the client is a confidential client requesting an ID token",
 *   so a confidential client asking for `openid` is an audience too. A public client (Jamf Connect's
 *   ROPG check) never is: excluding or tagging the client app does not exempt it.
 * - A request for ONLY baseline scopes (openid, profile, email, offline_access, User.Read,
 *   User.Read.All, User.ReadBasic.All, People.Read(.All), GroupMember.Read.All, Member.Read.Hidden;
 *   compared case-insensitively, directory-resource prefixes stripped) is, under enforcement (the
 *   default since the mid-2026 rollout), "evaluated as directory access and mapped to Azure AD Graph"
 *   → audience Windows Azure Active Directory (00000002-0000-0000-c000-000000000000) for every
 *   policy. Effect: All-resources policies — with or without exclusions — and policies that target
 *   WAAD explicitly apply; an exclusion of the client app or a filter on the client's service
 *   principal no longer exempts it. With the tenant's "Customize behavior" placeholder app, that app
 *   is the audience instead, so policies excluding the placeholder keep the old behaviour.
 * - Enforcement disabled (or a confidential client asking only OIDC scopes: "no change is
 *   expected"): the legacy behaviour — an All-resources policy with any resource exclusion does not
 *   enforce baseline-only sign-ins (public clients: OIDC + User.Read + People.Read; confidential
 *   clients: the full list, and only when the client itself is excluded from the policy).
 */
import type { ScopeProfile } from './scopes.js';
import type { EvaluationDirectory, SignInContext } from './types.js';
import { WINDOWS_AZURE_ACTIVE_DIRECTORY } from './well-known-apps.js';

export type BaselineMode = 'none' | 'directory' | 'legacy';

export interface AudienceDecision {
  readonly baselineMode: BaselineMode;
  /** Under 'legacy': the scopes fall within the legacy exemption for this client type. */
  readonly legacyExemptScopes: boolean;
  readonly audiences: readonly string[];
}

export function decideAudiences(ctx: SignInContext, dir: EvaluationDirectory, scopes: ScopeProfile): AudienceDecision {
  const confidential = ctx.clientIsConfidential === true;
  let baselineMode: BaselineMode = 'none';
  if (scopes.onlyBaseline) {
    const unchanged = confidential && scopes.onlyOidc;
    baselineMode = dir.baselineScopeEnforcement === 'disabled' || unchanged ? 'legacy' : 'directory';
  }
  const legacyExemptScopes = confidential ? scopes.onlyBaseline : scopes.onlyLegacyPublic;
  if (baselineMode === 'directory') {
    return { baselineMode, legacyExemptScopes, audiences: [dir.baselineScopePlaceholderAppId || WINDOWS_AZURE_ACTIVE_DIRECTORY] };
  }
  const audiences: string[] = [];
  if (typeof ctx.resourceAppId === 'string' && ctx.resourceAppId) audiences.push(ctx.resourceAppId);
  const client = typeof ctx.clientAppId === 'string' ? ctx.clientAppId : '';
  if (confidential && scopes.scopes.includes('openid') && client && !audiences.some((a) => a.toLowerCase() === client.toLowerCase())) {
    audiences.push(client);
  }
  return { baselineMode, legacyExemptScopes, audiences };
}

/**
 * Legacy exemption for one All-resources policy with exclusions: public clients are exempt on
 * scopes alone; confidential clients only "if they're excluded from an All resources policy".
 */
export function legacyExemptionApplies(ctx: SignInContext, clientExcluded: () => boolean): boolean {
  return ctx.clientIsConfidential === true ? clientExcluded() : true;
}
