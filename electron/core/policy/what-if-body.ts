/**
 * What If request body (`POST /identity/conditionalAccess/evaluate`, graph-facts §2.7) →
 * SignInContext, validated with zod at this boundary. The caller resolves the user
 * (groups transitively, role template ids) through `lookupUser`, since the evaluator does no I/O.
 *
 * What If reports which policies apply; it does not run grant controls, so the context gets no
 * capabilities, no scopes (the baseline-scope rule needs real scopes and is not applied) and no
 * client app id.
 */
import { z } from 'zod';
import type { DevicePlatform, SignInContext, SignInUser } from './types.js';

const userSignIn = z.object({
  '@odata.type': z.literal('#microsoft.graph.userSignIn'),
  userId: z.string().min(1),
  externalTenantId: z.string().optional(),
  externalUserType: z.string().optional(),
});

const signInContext = z.discriminatedUnion('@odata.type', [
  z.object({ '@odata.type': z.literal('#microsoft.graph.applicationContext'), includeApplications: z.array(z.string()).min(1) }),
  z.object({ '@odata.type': z.literal('#microsoft.graph.userActionContext'), userAction: z.enum(['registerSecurityInformation', 'registerOrJoinDevices']) }),
  z.object({ '@odata.type': z.literal('#microsoft.graph.authContext'), authenticationContextValue: z.string().min(1) }),
]);

const risk = z.enum(['none', 'low', 'medium', 'high']);
const deviceInfo = z.record(z.string(), z.union([z.string(), z.boolean(), z.array(z.string()), z.null()]));

const signInConditions = z.object({
  devicePlatform: z.enum(['android', 'iOS', 'windows', 'windowsPhone', 'macOS', 'linux']).optional(),
  clientAppType: z.enum(['all', 'browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'other']).optional(),
  signInRiskLevel: risk.optional(),
  userRiskLevel: risk.optional(),
  insiderRiskLevel: z.enum(['none', 'minor', 'moderate', 'elevated']).optional(),
  country: z.string().optional(),
  ipAddress: z.string().optional(),
  authenticationFlow: z.object({ transferMethod: z.enum(['none', 'deviceCodeFlow', 'authenticationTransfer']) }).optional(),
  deviceInfo: deviceInfo.optional(),
});

export const whatIfBodySchema = z.object({
  signInIdentity: userSignIn,
  signInContext,
  signInConditions,
  appliedPoliciesOnly: z.boolean().optional(),
});

export type WhatIfBody = z.infer<typeof whatIfBodySchema>;

/** The directory facts What If needs about the signing-in user. */
export interface WhatIfUser {
  readonly user: SignInUser;
  readonly groupIds: readonly string[];
  readonly roleTemplateIds: readonly string[];
}

const USER_ACTIONS = { registerSecurityInformation: 'urn:user:registersecurityinfo', registerOrJoinDevices: 'urn:user:registerdevice' } as const;
const GUEST_TYPES = new Set(['internalGuest', 'b2bCollaborationGuest', 'b2bCollaborationMember', 'b2bDirectConnectUser', 'otherExternalUser', 'serviceProvider']);

export type WhatIfContextResult =
  | { readonly ok: true; readonly ctx: SignInContext; readonly appliedPoliciesOnly: boolean }
  | { readonly ok: false; readonly error: { readonly code: 'invalidRequest' | 'userNotFound'; readonly message: string } };

export function signInContextFromWhatIfBody(body: unknown, lookupUser: (userId: string) => WhatIfUser | null): WhatIfContextResult {
  const parsed = whatIfBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: { code: 'invalidRequest', message: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` } };
  }
  const b = parsed.data;
  const found = lookupUser(b.signInIdentity.userId);
  if (!found) return { ok: false, error: { code: 'userNotFound', message: `user ${b.signInIdentity.userId} not found` } };
  const ext = b.signInIdentity.externalUserType;
  const user: SignInUser = {
    ...found.user,
    ...(ext && GUEST_TYPES.has(ext) ? { guestOrExternalUserType: ext as SignInUser['guestOrExternalUserType'] } : {}),
    ...(b.signInIdentity.externalTenantId ? { externalTenantId: b.signInIdentity.externalTenantId } : {}),
  };
  const c = b.signInConditions;
  const sc = b.signInContext;
  const transfer = c.authenticationFlow?.transferMethod;
  const ctx: SignInContext = {
    user,
    groupIds: found.groupIds,
    roleTemplateIds: found.roleTemplateIds,
    clientAppId: '',
    resourceAppId: sc['@odata.type'] === '#microsoft.graph.applicationContext' ? sc.includeApplications[0]! : null,
    scopes: [],
    ...(sc['@odata.type'] === '#microsoft.graph.userActionContext' ? { userAction: USER_ACTIONS[sc.userAction] } : {}),
    ...(sc['@odata.type'] === '#microsoft.graph.authContext' ? { authenticationContexts: [sc.authenticationContextValue] } : {}),
    // Assumption: a request naming no client app type (or 'all') is evaluated as a browser sign-in.
    clientAppType: !c.clientAppType || c.clientAppType === 'all' ? 'browser' : c.clientAppType,
    platform: (c.devicePlatform ?? 'unknown') as DevicePlatform,
    ipAddress: c.ipAddress ?? null,
    country: c.country ?? null,
    device: c.deviceInfo ? normaliseDeviceInfo(c.deviceInfo) : null,
    signInRisk: c.signInRiskLevel ?? 'none',
    userRisk: c.userRiskLevel ?? 'none',
    ...(c.insiderRiskLevel ? { insiderRisk: c.insiderRiskLevel } : {}),
    authenticationFlow: transfer && transfer !== 'none' ? transfer : null,
    capabilities: { interactive: false, mfaSatisfied: false, approvedClientApp: false, compliantClientApp: false },
  };
  return { ok: true, ctx, appliedPoliciesOnly: b.appliedPoliciesOnly === true };
}

/** What If's deviceInfo says `ownership`; device filters say `deviceOwnership`. */
function normaliseDeviceInfo(info: Record<string, string | boolean | string[] | null>): Record<string, string | boolean | string[] | null> {
  const out: Record<string, string | boolean | string[] | null> = { ...info };
  if (out['ownership'] !== undefined && out['deviceOwnership'] === undefined) out['deviceOwnership'] = out['ownership']!;
  return out;
}
