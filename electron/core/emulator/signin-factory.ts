/**
 * Builds the sign-in log record a ROPG attempt leaves behind, in Graph beta's shape (graph-facts
 * §1.2/§1.4 example): clientAppUsed "Mobile Apps and Desktop clients", isInteractive true,
 * signInEventTypes ["interactiveUser"], authenticationProtocol "ropc", an unregistered Mac, the CA
 * audiences and applied policies the evaluator produced.
 */
import type { GraphObject } from '../snapshot/types.js';
import type { EmulatorContext } from './context.js';
import { AADSTS } from './identity/aadsts.js';

export interface SignInFacts {
  readonly user: GraphObject | undefined;
  /** As typed, for unknown users (50034). */
  readonly typedUserName: string;
  readonly clientAppId: string;
  readonly clientDisplayName: string;
  readonly resourceAppId: string;
  readonly resourceDisplayName: string;
  readonly errorCode: number;
  readonly additionalDetails?: string;
  readonly conditionalAccessStatus: 'success' | 'failure' | 'notApplied';
  readonly conditionalAccessAudiences: readonly string[];
  readonly appliedConditionalAccessPolicies: readonly Record<string, unknown>[];
  readonly mfaRequired: boolean;
  readonly passwordChecked: boolean;
  readonly passwordOk: boolean;
  readonly ipAddress: string;
  readonly country: string | null;
  readonly city: string | null;
  readonly correlationId: string;
}

const ADDITIONAL_DETAILS: Readonly<Record<number, string>> = {
  50076: 'MFA required in Azure AD',
  50079: 'User needs to register for MFA',
  53003: 'Access has been blocked by Conditional Access policies.',
  53000: 'Device is not in required device state. Conditional Access policy requires a compliant device.',
  50126: 'The user did not enter the right credentials. It is expected to see some number of these errors in your logs due to users making mistakes.',
  50053: 'Account is locked because user tried to sign in too many times with an incorrect user ID or password.',
  50055: "The user's password is expired, and therefore their login or session was ended.",
  50057: 'The user account is disabled.',
  7000218: 'The application is not configured as a public client. Enable "Allow public client flows" or send a client secret.',
  65001: 'The user or administrator has not consented to use the application.',
  700016: 'Application with identifier was not found in the directory.',
};

export function buildSignIn(ctx: EmulatorContext, f: SignInFacts): GraphObject {
  const created = ctx.clock.now();
  const spec = AADSTS[f.errorCode];
  const failureReason = f.errorCode === 0 ? 'Other.' : (spec?.failureReason ?? `Error ${f.errorCode}`).replace('{resource}', f.resourceAppId).replace('{state}', 'compliant');
  const userId = typeof f.user?.id === 'string' ? f.user.id : '00000000-0000-0000-0000-000000000000';
  const upn = (typeof f.user?.userPrincipalName === 'string' ? f.user.userPrincipalName : f.typedUserName).toLowerCase();
  const authDetails = f.passwordChecked ? [{
    authenticationStepDateTime: created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    authenticationMethod: 'Password',
    authenticationMethodDetail: 'Password in the cloud',
    succeeded: f.passwordOk,
    authenticationStepResultDetail: f.passwordOk ? 'Correct password' : 'Invalid username or password or Invalid on-premise username or password.',
    authenticationStepRequirement: 'Primary authentication',
  }] : [];
  return {
    id: ctx.random.guid(),
    createdDateTime: created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    userDisplayName: typeof f.user?.displayName === 'string' ? f.user.displayName : '',
    userPrincipalName: upn,
    userId,
    userType: typeof f.user?.userType === 'string' && f.user.userType.toLowerCase() === 'guest' ? 'guest' : 'member',
    appId: f.clientAppId,
    appDisplayName: f.clientDisplayName,
    ipAddress: f.ipAddress,
    clientAppUsed: 'Mobile Apps and Desktop clients',
    correlationId: f.correlationId,
    conditionalAccessStatus: f.conditionalAccessStatus,
    originalRequestId: ctx.random.guid(),
    isInteractive: true,
    tokenIssuerName: '',
    tokenIssuerType: 'AzureAD',
    processingTimeInMilliseconds: 80 + ctx.random.int(0, 120),
    riskDetail: 'none',
    riskLevelAggregated: 'none',
    riskLevelDuringSignIn: 'none',
    riskState: 'none',
    riskEventTypes_v2: [],
    resourceDisplayName: f.resourceDisplayName,
    resourceId: f.resourceAppId,
    resourceTenantId: ctx.state.tenantId,
    homeTenantId: ctx.state.tenantId,
    authenticationProtocol: 'ropc',
    authenticationRequirement: f.mfaRequired ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
    authenticationRequirementPolicies: f.mfaRequired ? [{ requirementProvider: 'multiConditionalAccess', detail: 'Conditional Access' }] : [],
    signInEventTypes: ['interactiveUser'],
    conditionalAccessAudiences: [...f.conditionalAccessAudiences],
    status: { errorCode: f.errorCode, failureReason, additionalDetails: ADDITIONAL_DETAILS[f.errorCode] ?? null },
    deviceDetail: { deviceId: '', displayName: '', operatingSystem: 'MacOs', browser: '', isCompliant: false, isManaged: false, trustType: '' },
    location: { city: f.city ?? '', state: '', countryOrRegion: f.country ?? '', geoCoordinates: {} },
    authenticationDetails: authDetails,
    appliedConditionalAccessPolicies: f.appliedConditionalAccessPolicies.map((p) => ({ ...p })),
    networkLocationDetails: [],
  };
}
