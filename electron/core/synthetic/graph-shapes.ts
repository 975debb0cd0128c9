/**
 * Builders for Graph JSON shapes shared by the demo tenant and the synthetic generator, so both
 * produce the same objects (beta signIn, appliedConditionalAccessPolicy, directory objects).
 */
import type { GraphObject } from '../snapshot/types.js';
import type { PolicyResult } from '../policy/types.js';
import { SIGN_IN_ERRORS } from './well-known.js';

/** Graph `enforcedGrantControls` strings for builtInControls (what real exports show). */
const GRANT_STRINGS: Record<string, string> = {
  block: 'Block',
  mfa: 'Mfa',
  compliantDevice: 'RequireCompliantDevice',
  domainJoinedDevice: 'RequireDomainJoinedDevice',
  approvedApplication: 'RequireApprovedApp',
  compliantApplication: 'RequireCompliantApp',
  passwordChange: 'RequirePasswordChange',
};

const grantCache = new WeakMap<GraphObject, readonly string[]>();

/** enforcedGrantControls strings of a policy (memoized per policy object: generators call this per row). */
export function grantStrings(policy: GraphObject): string[] {
  let cached = grantCache.get(policy);
  if (!cached) {
    const controls = (policy.grantControls as { builtInControls?: unknown } | null | undefined)?.builtInControls;
    cached = Array.isArray(controls) ? controls.map((c) => GRANT_STRINGS[String(c)] ?? String(c)) : [];
    grantCache.set(policy, cached);
  }
  return [...cached];
}

export interface AppliedPolicyOptions {
  /** conditionalAccessConditions flags that matched, comma-separated as Graph serializes them. */
  readonly satisfied?: string;
  readonly notSatisfied?: string;
}

/** One `appliedConditionalAccessPolicies[]` entry (beta shape). */
export function appliedPolicy(policy: GraphObject, result: PolicyResult, opts: AppliedPolicyOptions = {}): GraphObject {
  return {
    id: policy.id,
    displayName: policy.displayName,
    enforcedGrantControls: grantStrings(policy),
    enforcedSessionControls: [],
    result,
    conditionsSatisfied: opts.satisfied ?? 'none',
    conditionsNotSatisfied: opts.notSatisfied ?? 'none',
  };
}

export interface SignInLocation {
  readonly city: string;
  readonly state: string;
  readonly countryOrRegion: string;
  readonly latitude: number;
  readonly longitude: number;
}

export interface SignInDevice {
  readonly deviceId: string;
  readonly displayName: string;
  readonly operatingSystem: string;
  readonly browser: string;
  readonly isCompliant: boolean;
  readonly isManaged: boolean;
  readonly trustType: string;
}

/** An unregistered Mac as the sign-in log shows it: no device id, nothing compliant. */
export const UNREGISTERED_MAC: SignInDevice = {
  deviceId: '',
  displayName: '',
  operatingSystem: 'MacOs',
  browser: '',
  isCompliant: false,
  isManaged: false,
  trustType: '',
};

export interface SignInSpec {
  readonly id: string;
  readonly createdDateTime: string;
  readonly tenantId: string;
  readonly user: { readonly id: string; readonly userPrincipalName: string; readonly displayName: string; readonly userType: 'member' | 'guest'; readonly homeTenantId?: string };
  readonly app: { readonly appId: string; readonly displayName: string };
  readonly resource: { readonly appId: string; readonly displayName: string };
  /** conditionalAccessAudiences: what CA evaluated as the audience (WAAD under the baseline-scope rule). */
  readonly audiences: readonly string[];
  readonly clientAppUsed: string;
  readonly isInteractive: boolean;
  readonly protocol: string;
  readonly ipAddress: string;
  readonly location: SignInLocation;
  readonly networkNames: readonly string[];
  readonly device: SignInDevice;
  readonly userAgent: string;
  readonly errorCode: number;
  /** false = primary authentication (password) failed; null = not reached (client error). */
  readonly passwordVerified: boolean | null;
  /** MFA was required (by CA) — authenticationRequirement multiFactorAuthentication. */
  readonly mfaRequired: boolean;
  /** MFA was performed and succeeded (interactive browser sign-ins). */
  readonly mfaCompleted: boolean;
  readonly policies: readonly GraphObject[];
  readonly correlationId: string;
  readonly processingTimeInMilliseconds: number;
}

function caStatus(policies: readonly GraphObject[]): 'success' | 'failure' | 'notApplied' {
  // conditionalAccessStatus reflects enforced policies only (report-only results don't count).
  if (policies.some((p) => p.result === 'failure')) return 'failure';
  if (policies.some((p) => p.result === 'success')) return 'success';
  return 'notApplied';
}

/** A beta `signIn` object (graph-facts §1.2) built from a spec. */
export function signIn(spec: SignInSpec): GraphObject {
  const err = SIGN_IN_ERRORS[spec.errorCode] ?? { failureReason: `Error ${spec.errorCode}.`, additionalDetails: '' };
  const details: GraphObject[] = [];
  if (spec.passwordVerified !== null) {
    details.push({
      authenticationStepDateTime: spec.createdDateTime,
      authenticationMethod: 'Password',
      authenticationMethodDetail: 'Password in the cloud',
      succeeded: spec.passwordVerified,
      authenticationStepResultDetail: spec.passwordVerified ? 'Correct password' : 'Invalid username or password or Invalid on-premise username or password.',
      authenticationStepRequirement: 'Primary authentication',
    });
  }
  if (spec.mfaRequired && spec.passwordVerified) {
    details.push({
      authenticationStepDateTime: spec.createdDateTime,
      authenticationMethod: spec.mfaCompleted ? 'Mobile app notification' : '',
      authenticationMethodDetail: '',
      succeeded: spec.mfaCompleted,
      authenticationStepResultDetail: spec.mfaCompleted ? 'MFA successfully completed' : 'MFA required in Azure AD',
      authenticationStepRequirement: 'Multifactor authentication',
    });
  }
  return {
    id: spec.id,
    createdDateTime: spec.createdDateTime,
    userDisplayName: spec.user.displayName,
    userPrincipalName: spec.user.userPrincipalName.toLowerCase(),
    userId: spec.user.id,
    userType: spec.user.userType,
    appId: spec.app.appId,
    appDisplayName: spec.app.displayName,
    ipAddress: spec.ipAddress,
    clientAppUsed: spec.clientAppUsed,
    correlationId: spec.correlationId,
    originalRequestId: spec.id,
    conditionalAccessStatus: spec.passwordVerified ? caStatus(spec.policies) : 'notApplied',
    isInteractive: spec.isInteractive,
    signInEventTypes: [spec.isInteractive ? 'interactiveUser' : 'nonInteractiveUser'],
    authenticationProtocol: spec.protocol,
    authenticationRequirement: spec.mfaRequired ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
    authenticationRequirementPolicies: spec.mfaRequired ? [{ requirementProvider: 'multiConditionalAccess', detail: 'Conditional Access' }] : [],
    authenticationMethodsUsed: spec.passwordVerified ? (spec.mfaCompleted ? ['Password', 'Mobile app notification'] : ['Password']) : [],
    authenticationDetails: details,
    resourceDisplayName: spec.resource.displayName,
    resourceId: spec.resource.appId,
    resourceTenantId: spec.tenantId,
    homeTenantId: spec.user.homeTenantId ?? spec.tenantId,
    appOwnerTenantId: spec.tenantId,
    conditionalAccessAudiences: [...spec.audiences],
    crossTenantAccessType: spec.user.userType === 'guest' ? 'b2bCollaboration' : 'none',
    tokenIssuerType: 'AzureAD',
    tokenIssuerName: '',
    incomingTokenType: 'none',
    riskDetail: 'none',
    riskLevelAggregated: 'none',
    riskLevelDuringSignIn: 'none',
    riskState: 'none',
    riskEventTypes_v2: [],
    flaggedForReview: false,
    processingTimeInMilliseconds: spec.processingTimeInMilliseconds,
    userAgent: spec.userAgent,
    status: { errorCode: spec.errorCode, failureReason: err.failureReason, additionalDetails: spec.errorCode === 0 ? '' : err.additionalDetails },
    deviceDetail: { ...spec.device },
    location: {
      city: spec.location.city,
      state: spec.location.state,
      countryOrRegion: spec.location.countryOrRegion,
      geoCoordinates: { altitude: null, latitude: spec.location.latitude, longitude: spec.location.longitude },
    },
    networkLocationDetails: spec.networkNames.length > 0 ? [{ networkType: 'namedNetwork', networkNames: [...spec.networkNames] }] : [],
    appliedConditionalAccessPolicies: spec.passwordVerified ? [...spec.policies] : [],
  };
}

/** A `#microsoft.graph.group` entry as transitiveMemberOf returns it. */
export function memberOfGroup(group: GraphObject): GraphObject {
  return {
    '@odata.type': '#microsoft.graph.group',
    id: group.id,
    displayName: group.displayName,
    securityEnabled: group.securityEnabled ?? true,
    mailEnabled: group.mailEnabled ?? false,
    groupTypes: group.groupTypes ?? [],
  };
}

/** A `#microsoft.graph.directoryRole` entry as transitiveMemberOf returns it. */
export function memberOfRole(role: GraphObject): GraphObject {
  return { '@odata.type': '#microsoft.graph.directoryRole', id: role.id, displayName: role.displayName, roleTemplateId: role.roleTemplateId };
}
