/**
 * What a sign-in looks like to a given caller (graph-facts §1.1, §1.3): v1.0 keeps only its thin
 * property set; appliedConditionalAccessPolicies vanish without CA read rights; evolvable enum
 * members after unknownFutureValue (the reportOnly* results) read as unknownFutureValue unless the
 * request sends `Prefer: include-unknown-enum-members`.
 */
import type { GraphObject } from '../../snapshot/types.js';
import { withoutExtras } from '../extras.js';

/** [CSDL v1.0] EntityType signIn — every property it has. */
export const V1_SIGN_IN_PROPERTIES = new Set(['id', 'appDisplayName', 'appId', 'appliedConditionalAccessPolicies', 'authenticationAppDeviceDetails',
  'clientAppUsed', 'conditionalAccessStatus', 'correlationId', 'createdDateTime', 'deviceDetail', 'homeTenantId', 'ipAddress', 'isInteractive',
  'location', 'resourceDisplayName', 'resourceId', 'resourceTenantId', 'riskDetail', 'riskEventTypes', 'riskEventTypes_v2', 'riskLevelAggregated',
  'riskLevelDuringSignIn', 'riskState', 'servicePrincipalId', 'servicePrincipalName', 'status', 'userAgent', 'userDisplayName', 'userId', 'userPrincipalName']);

/** Beta adds these (graph-facts §1.1), and drops riskEventTypes. */
const BETA_EXTRA = ['agent', 'alternateSignInName', 'appliedEventListeners', 'appOwnerTenantId', 'appTokenProtectionStatus', 'authenticationAppPolicyEvaluationDetails',
  'authenticationContextClassReferences', 'authenticationDetails', 'authenticationMethodsUsed', 'authenticationProcessingDetails', 'authenticationProtocol',
  'authenticationRequirement', 'authenticationRequirementPolicies', 'autonomousSystemNumber', 'azureResourceId', 'clientCredentialType', 'clientSessionId',
  'conditionalAccessAudiences', 'crossTenantAccessType', 'federatedCredentialId', 'flaggedForReview', 'globalSecureAccessIpAddress', 'homeTenantName',
  'incomingTokenType', 'ipAddressFromResourceProvider', 'isTenantRestricted', 'isThroughGlobalSecureAccess', 'managedServiceIdentity', 'mfaDetail',
  'networkLocationDetails', 'originalRequestId', 'originalTransferMethod', 'privateLinkDetails', 'processingTimeInMilliseconds', 'resourceOwnerTenantId',
  'resourceServicePrincipalId', 'servicePrincipalCredentialKeyId', 'servicePrincipalCredentialThumbprint', 'sessionId', 'sessionLifetimePolicies',
  'signInEventTypes', 'signInIdentifier', 'signInIdentifierType', 'signInTokenProtectionStatus', 'tokenIssuerName', 'tokenIssuerType',
  'tokenProtectionStatusDetails', 'uniqueTokenIdentifier', 'userType', 'sessionId'];
export const BETA_SIGN_IN_PROPERTIES = new Set([...[...V1_SIGN_IN_PROPERTIES].filter((p) => p !== 'riskEventTypes'), ...BETA_EXTRA]);

const V1_APPLIED_POLICY = ['id', 'displayName', 'enforcedGrantControls', 'enforcedSessionControls', 'result'];

/** appliedConditionalAccessPolicyResult members after unknownFutureValue (§1.3). */
const EVOLVABLE_RESULTS = new Set(['reportOnlySuccess', 'reportOnlyFailure', 'reportOnlyNotApplied', 'reportOnlyInterrupted']);
/** conditionalAccessConditions flags after unknownFutureValue (§1.3). */
const EVOLVABLE_CONDITIONS = new Set(['servicePrincipals', 'servicePrincipalRisk', 'authenticationFlows', 'insiderRisk']);

function mapFlags(value: unknown, includeUnknown: boolean): unknown {
  if (includeUnknown || typeof value !== 'string') return value;
  const parts = value.split(',').map((p) => p.trim()).filter(Boolean);
  const mapped = [...new Set(parts.map((p) => (EVOLVABLE_CONDITIONS.has(p) ? 'unknownFutureValue' : p)))];
  return mapped.join(',');
}

export interface ShapeOptions {
  readonly version: 'v1.0' | 'beta';
  readonly canSeeConditionalAccess: boolean;
  readonly includeUnknownEnumMembers: boolean;
}

export function shapeSignIn(record: GraphObject, o: ShapeOptions): Record<string, unknown> {
  const clean: Record<string, unknown> = { ...withoutExtras(record) };
  if (o.version === 'v1.0') for (const k of Object.keys(clean)) if (!V1_SIGN_IN_PROPERTIES.has(k)) delete clean[k];
  if (o.version === 'beta') delete clean.riskEventTypes;
  if (!o.canSeeConditionalAccess) {
    delete clean.appliedConditionalAccessPolicies;
  } else if (Array.isArray(clean.appliedConditionalAccessPolicies)) {
    clean.appliedConditionalAccessPolicies = clean.appliedConditionalAccessPolicies.map((raw: unknown) => {
      if (!raw || typeof raw !== 'object') return raw;
      let p: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
      if (o.version === 'v1.0') p = Object.fromEntries(Object.entries(p).filter(([k]) => V1_APPLIED_POLICY.includes(k)));
      if (!o.includeUnknownEnumMembers && typeof p.result === 'string' && EVOLVABLE_RESULTS.has(p.result)) p.result = 'unknownFutureValue';
      if ('conditionsSatisfied' in p) p.conditionsSatisfied = mapFlags(p.conditionsSatisfied, o.includeUnknownEnumMembers);
      if ('conditionsNotSatisfied' in p) p.conditionsNotSatisfied = mapFlags(p.conditionsNotSatisfied, o.includeUnknownEnumMembers);
      return p;
    });
  }
  return clean;
}
