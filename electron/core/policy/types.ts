/**
 * The contract of the Conditional Access evaluator: what a sign-in looks like to CA, what the
 * directory must tell it, and what it answers. Pure data — no I/O, no Graph, no SQLite — so the
 * emulator (simulated Jamf Connect logins, What If), the diagnosis engine and the exemption
 * "what if" all run the one evaluator on the same shapes.
 *
 * Policies themselves are passed as raw Graph JSON (`conditionalAccessPolicy`), never a parsed
 * copy: odd shapes (no users block, nulls, unknown enum values) must reach the evaluator so it can
 * report "cannot evaluate: reason" instead of a parser upstream dropping them.
 */

/** `conditions.clientAppTypes` vocabulary (Graph enum conditionalAccessClientApp). */
export type ClientAppType = 'browser' | 'mobileAppsAndDesktopClients' | 'exchangeActiveSync' | 'other';

/** `conditions.platforms` vocabulary; 'unknown' is a platform CA could not detect. */
export type DevicePlatform = 'android' | 'iOS' | 'windows' | 'windowsPhone' | 'macOS' | 'linux' | 'unknown';

/** Graph riskLevel values a sign-in or user can carry. */
export type RiskLevel = 'none' | 'low' | 'medium' | 'high';

/** Graph guestOrExternalUserType flag members (one per user). */
export type GuestOrExternalUserType =
  | 'internalGuest'
  | 'b2bCollaborationGuest'
  | 'b2bCollaborationMember'
  | 'b2bDirectConnectUser'
  | 'otherExternalUser'
  | 'serviceProvider';

/**
 * Device properties as device filters see them (`device.<name>`), keyed by the filter's property
 * names: deviceId, displayName, manufacturer, model, operatingSystem, operatingSystemVersion,
 * enrollmentProfileName, extensionAttribute1..15, deviceOwnership, isCompliant ("True"/"False"
 * or boolean), mdmAppId, physicalIds, systemLabels, profileType, trustType.
 * `null` for the whole object = an unregistered device: every property is null.
 */
export type DeviceProperties = Readonly<Record<string, string | boolean | readonly string[] | null | undefined>>;

/** Who is signing in, as the users condition needs it. */
export interface SignInUser {
  /** Object id of the user. */
  readonly id: string;
  readonly userPrincipalName?: string;
  /** 'guest' users and members of other tenants match GuestsOrExternalUsers rules. */
  readonly userType: 'member' | 'guest';
  /** Set for guests / external users; drives include/excludeGuestsOrExternalUsers. */
  readonly guestOrExternalUserType?: GuestOrExternalUserType;
  /** Home tenant of an external user, for enumerated externalTenants. */
  readonly externalTenantId?: string;
}

/**
 * One sign-in as Conditional Access sees it. Build it from a sign-in log row (diagnosis), from a
 * token request (emulator) or from CLI flags (evaluate).
 */
export interface SignInContext {
  readonly user: SignInUser;
  /** Transitive group object ids of the user (nested groups resolved). */
  readonly groupIds: readonly string[];
  /** Role *template* ids of the user's active directory roles (CA includeRoles compares these). */
  readonly roleTemplateIds: readonly string[];
  /** appId of the client asking for the token (Jamf Connect's OIDCROPGID for its password check). */
  readonly clientAppId: string;
  /**
   * appId of the resource (audience) the token is for, e.g. Graph 00000003-0000-0000-c000-000000000000
   * or the tenant's "Jamf Connect – Conditional Access Policy API" app. null for user actions.
   */
  readonly resourceAppId: string | null;
  /**
   * Scopes the client requested, as sent (`openid`, `profile`, `email`, `api://<id>/jamfconnect`…).
   * Drives the 2026 baseline-scope rule: only-baseline requests are evaluated against Windows
   * Azure Active Directory by All-resources policies that have a resource exclusion.
   */
  readonly scopes: readonly string[];
  /** `urn:user:registersecurityinfo` / `urn:user:registerdevice` when the sign-in is a user action. */
  readonly userAction?: string;
  /** Authentication context class references requested (c1…c99). */
  readonly authenticationContexts?: readonly string[];
  readonly clientAppType: ClientAppType;
  readonly platform: DevicePlatform;
  /** IPv4 or IPv6 address the sign-in came from; null if unknown. */
  readonly ipAddress: string | null;
  /** ISO 3166 alpha-2 country of the IP; null when it cannot be resolved ("unknown country"). */
  readonly country: string | null;
  /** null = unregistered device (all filter properties null). */
  readonly device: DeviceProperties | null;
  readonly signInRisk: RiskLevel;
  readonly userRisk: RiskLevel;
  /** Authentication flow transfer method, for `conditions.authenticationFlows`. */
  readonly authenticationFlow?: 'deviceCodeFlow' | 'authenticationTransfer' | null;
  /**
   * What the client can prove or do during this sign-in. A Jamf Connect ROPG password check:
   * `{ interactive: false, mfaSatisfied: false, approvedClientApp: false, compliantClientApp: false }`
   * — it cannot answer an MFA prompt, a terms-of-use page or present a broker.
   */
  readonly capabilities: {
    /** The client can show UI (MFA prompt, terms of use, password change). ROPG cannot. */
    readonly interactive: boolean;
    /** MFA already satisfied for this session (claim present). */
    readonly mfaSatisfied: boolean;
    readonly approvedClientApp: boolean;
    readonly compliantClientApp: boolean;
  };
  /**
   * Optional. true when the client is a confidential client (has a secret/certificate). Entra applies
   * CA to the *client itself* as well when a confidential client requests an ID token (openid), and
   * keeps the legacy baseline-scope exemption for confidential clients asking only OIDC scopes.
   * Absent = public client (Jamf Connect's ROPG check is a public client).
   */
  readonly clientIsConfidential?: boolean;
  /** Optional insider risk level (Purview); absent = none. */
  readonly insiderRisk?: 'none' | 'minor' | 'moderate' | 'elevated';
}

/** A service principal as the resource filters and app groups need it. */
export interface ServicePrincipalInfo {
  readonly appId: string;
  readonly id?: string;
  readonly displayName?: string;
  /**
   * Graph `customSecurityAttributes` of the SP (`{ SetName: { '@odata.type': …, AttrName: 'Value' } }`).
   * `undefined` = not known (not read); `null` = read and empty — or unreadable without the role.
   */
  readonly customSecurityAttributes?: Readonly<Record<string, Readonly<Record<string, unknown>>>> | null;
}

/** Everything the evaluator needs from the directory besides the policies and the sign-in. */
export interface EvaluationDirectory {
  /** Service principals by appId (resource filters read the resource's custom security attributes). */
  readonly servicePrincipalsByAppId: ReadonlyMap<string, ServicePrincipalInfo>;
  /** Named locations (raw Graph JSON: ipNamedLocation / countryNamedLocation) by id. */
  readonly namedLocations: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  /**
   * The tenant's baseline-scope enforcement setting (since mid-2026 the default is 'enabled').
   * 'disabled' restores the old behaviour where baseline-scope sign-ins escape resource-excluding policies.
   */
  readonly baselineScopeEnforcement?: 'enabled' | 'disabled';
  /**
   * Optional "Customize behavior" placeholder app of the Baseline scopes settings: when set (and
   * enforcement is not disabled), baseline-scope sign-ins are evaluated against this app id instead
   * of Windows Azure Active Directory, so policies that exclude it keep the legacy behaviour.
   */
  readonly baselineScopePlaceholderAppId?: string;
}

/** Graph's own vocabulary for a policy's result on a sign-in (appliedConditionalAccessPolicyResult). */
export type PolicyResult =
  | 'success'
  | 'failure'
  | 'notApplied'
  | 'notEnabled'
  | 'unknown'
  | 'reportOnlySuccess'
  | 'reportOnlyFailure'
  | 'reportOnlyNotApplied'
  | 'reportOnlyInterrupted';

/** The condition families of a policy, named as Graph's conditionalAccessConditions flags are. */
export type ConditionName =
  | 'users'
  | 'application'
  | 'clientType'
  | 'devicePlatform'
  | 'location'
  | 'deviceState'
  | 'signInRisk'
  | 'userRisk'
  | 'authenticationFlows'
  | 'servicePrincipalRisk'
  | 'insiderRisk';

/** Why one condition matched or not — the "explain, don't just report" of every verdict. */
export interface ConditionTrace {
  readonly condition: ConditionName;
  /** true = this condition puts the sign-in in scope of the policy (or is not configured). */
  readonly matched: boolean;
  /** Plain-language reason naming the include/exclude that decided it ("excluded via group Break-glass (id …)"). */
  readonly reason: string;
  /** Graph conditionalAccessRule names that were satisfied (allUsers, groupId, appFilter, locationId…). */
  readonly rulesSatisfied?: readonly { readonly kind: 'include' | 'exclude'; readonly rule: string }[];
  /** false when the policy does not configure this condition (it then counts as matched). */
  readonly configured?: boolean;
}

/** The grant controls of a policy and whether this sign-in could satisfy them. */
export interface GrantEvaluation {
  readonly operator: 'AND' | 'OR';
  readonly builtInControls: readonly string[];
  readonly authenticationStrength?: string | null;
  readonly termsOfUse?: readonly string[];
  /** Controls this sign-in cannot satisfy (e.g. `mfa` for ROPG, `compliantDevice` without a device). */
  readonly unsatisfied: readonly string[];
  /** True when the grant as a whole is satisfied (OR: any; AND: all). `block` is never satisfied. */
  readonly satisfied: boolean;
  /**
   * True when the grant is satisfied only because the client can show UI and the user would be
   * prompted (MFA, terms of use…). Report-only policies then read `reportOnlyInterrupted`.
   */
  readonly needsInteraction?: boolean;
  /** Why an unsatisfied grant fails: a block, a device or client-app requirement, or interaction only. */
  readonly failureKind?: 'block' | 'device' | 'app' | 'interactive';
  /** The AADSTS code this grant's failure would produce on its own (0 when satisfied). */
  readonly errorCode?: number;
}

export interface PolicyEvaluation {
  readonly policyId: string;
  readonly displayName: string;
  /** Raw `state` (enabled, disabled, enabledForReportingButNotEnforced, or an unknown value). */
  readonly state: string;
  /** All conditions matched: the policy is in scope for this sign-in (regardless of state). */
  readonly applies: boolean;
  readonly result: PolicyResult;
  readonly grant: GrantEvaluation | null;
  /** Graph-style enforcedGrantControls strings for an appliedConditionalAccessPolicies entry. */
  readonly enforcedGrantControls: readonly string[];
  /** Graph-style enforcedSessionControls strings (SignInFrequency, CloudAppSecurity…). */
  readonly enforcedSessionControls?: readonly string[];
  readonly conditions: readonly ConditionTrace[];
  /** The app id this policy evaluated as the audience (the resource, or WAAD under the baseline-scope rule). */
  readonly audience: string | null;
  /** Set when the policy could not be evaluated (malformed rule, unknown enum, odd shape): the reason. */
  readonly cannotEvaluate?: string;
  /**
   * Things that did not stop the evaluation but make it less certain: stale references ("unknown
   * named location <id>"), custom security attributes that were not read, and so on.
   */
  readonly warnings?: readonly string[];
}

/** The overall answer for a sign-in, as the token endpoint would give it. */
export interface SignInOutcome {
  /**
   * granted: token issued; interactionRequired: only interactive controls (MFA, terms of use) are
   * missing — Jamf Connect's ROPG counts that as "password correct"; blocked: a block or a device /
   * client-app requirement that the client cannot satisfy.
   */
  readonly access: 'granted' | 'interactionRequired' | 'blocked';
  /** The AADSTS code Entra would answer (0 when granted): 53003, 53000, 53001, 50076, 50079… */
  readonly errorCode: number;
  /** Enforced (state enabled) policies that caused the non-granted outcome. */
  readonly decidingPolicyIds: readonly string[];
  /** Graph `conditionalAccessStatus`: success / failure / notApplied (enforced policies only). */
  readonly conditionalAccessStatus: 'success' | 'failure' | 'notApplied';
  /** Enforced policies that could not be evaluated (cannotEvaluate): the outcome ignores them, so it is uncertain. */
  readonly unevaluatedPolicyIds?: readonly string[];
}

export interface EvaluationResult {
  readonly policies: readonly PolicyEvaluation[];
  readonly outcome: SignInOutcome;
  /** The CA audiences of the sign-in (Graph beta `conditionalAccessAudiences`). */
  readonly audiences: readonly string[];
}

/** Well-known first-party app ids the evaluator and emulator both need. */
export const WELL_KNOWN_APP_IDS = {
  microsoftGraph: '00000003-0000-0000-c000-000000000000',
  windowsAzureActiveDirectory: '00000002-0000-0000-c000-000000000000',
} as const;
