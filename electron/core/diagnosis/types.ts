/**
 * The diagnosis contract: what the engine needs (plain Graph JSON, so it runs on a snapshot offline
 * and on the SQLite cache later) and what it answers. The CLI's `diagnose --json` output is built
 * from `Diagnosis` (docs/cli.md); the renderer shows the same object.
 */
import type { AadstsCategory, NonCaFix } from './aadsts.js';
import type { PolicyEvaluation, PolicyResult, SignInOutcome } from '../policy/types.js';

/** A JSON object as Graph returns it. */
export type RawJson = Readonly<Record<string, unknown>>;

export interface DiagnosisConfig {
  /** Client ids Jamf Connect signs in with (OIDCROPGID / ROPGID, OIDCClientID). */
  readonly jamfConnectAppIds: readonly string[];
  /** appId of Jamf's "Conditional Access Policy API" app, when the tenant has one. */
  readonly customApiAppId?: string;
  /** ROPG scopes as Jamf Connect sends them (`openid`, `profile`, `email`, `api://<id>/jamfconnect`). */
  readonly ropgScopes: readonly string[];
  /** Extra codes Jamf Connect counts as "password correct" (its ROPGSuccessCodes key). */
  readonly ropgSuccessCodes?: readonly number[];
}

export interface DiagnosisVisibility {
  /** Can the operator see `appliedConditionalAccessPolicies` (CA read rights)? */
  readonly appliedPoliciesVisible: boolean | 'unknown';
  /** Can the operator read service principals' custom security attributes? */
  readonly customSecurityAttributesReadable: boolean | 'unknown';
}

export interface DiagnosisSource {
  readonly kind: 'snapshot' | 'cache' | 'live';
  /** File name, profile name… */
  readonly name?: string;
  /** When the data was captured / last synced (ISO). */
  readonly asOf?: string;
}

export interface DiagnosisInput {
  /** Graph user JSON. */
  readonly user: RawJson;
  /** `/users/{id}/transitiveMemberOf` objects: groups and directoryRoles. */
  readonly memberships: readonly RawJson[];
  /** Raw Graph signIn JSON of the window (v1.0 or beta); other users' and apps' rows are ignored. */
  readonly signIns: readonly unknown[];
  /** Current conditionalAccessPolicy JSON. */
  readonly policies: readonly unknown[];
  readonly namedLocations: readonly RawJson[];
  readonly servicePrincipals: readonly RawJson[];
  readonly config: DiagnosisConfig;
  /** ISO time the window ends. */
  readonly now: string;
  /** Window length in days, ending at `now`. */
  readonly days: number;
  readonly visibility: DiagnosisVisibility;
  readonly source: DiagnosisSource;
  /** Tenant baseline-scope setting, when known. */
  readonly baselineScopeEnforcement?: 'enabled' | 'disabled';
  readonly baselineScopePlaceholderAppId?: string;
}

/**
 * Why the user is (not) locked out. The CA causes name the control that failed; 'ca-location' is a
 * 53003 block whose policy has a locations condition. Not-locked-out causes: 'healthy' (the last check
 * succeeded), 'exempted' (succeeded while a policy reported Not applied through an app exclusion),
 * 'mfa-noise' (only MFA answers, which Jamf Connect counts as password-correct), 'no-sign-ins'.
 */
export type DiagnosisCause =
  | Exclude<AadstsCategory, 'success'>
  | 'ca-location'
  | 'healthy'
  | 'exempted'
  | 'mfa-noise'
  | 'no-sign-ins';

/** One applied-policy entry of a sign-in, as the log showed it. */
export interface AppliedPolicyEvidence {
  readonly id: string;
  readonly displayName: string;
  /** Graph result string as stored (may be `unknownFutureValue` when synced without the Prefer header). */
  readonly result: string;
  readonly enforcedGrantControls: readonly string[];
  readonly conditionsSatisfied?: string;
  readonly conditionsNotSatisfied?: string;
  readonly excludeRulesSatisfied?: readonly { readonly condition: string; readonly rule: string }[];
  readonly includeRulesSatisfied?: readonly { readonly condition: string; readonly rule: string }[];
}

/** One Jamf Connect attempt: the log rows of one correlation id, read as one answer. */
export interface Attempt {
  readonly correlationId: string;
  /** Sign-in ids of all rows of the attempt. */
  readonly signInIds: readonly string[];
  /** The row the attempt is read from (see docs/diagnosis.md, "Attempts"). */
  readonly signInId: string;
  readonly createdDateTime: string;
  readonly appId: string;
  readonly resourceId: string | null;
  readonly resourceDisplayName: string | null;
  readonly conditionalAccessAudiences: readonly string[] | null;
  readonly isInteractive: boolean | null;
  readonly errorCode: number;
  readonly errorName: string;
  readonly category: AadstsCategory;
  readonly failureReason: string | null;
  /** Jamf Connect reads this answer as "password correct" (0, 50076, ROPGSuccessCodes). */
  readonly passwordCorrect: boolean;
  readonly lockoutCause: boolean;
  readonly ipAddress: string | null;
  readonly country: string | null;
  /** The registered device the row names; null = unregistered (empty deviceId), as a Mac at the login window usually is. */
  readonly device: {
    readonly deviceId: string;
    readonly displayName: string | null;
    readonly operatingSystem: string | null;
    readonly isCompliant: boolean | null;
    readonly isManaged: boolean | null;
    readonly trustType: string | null;
  } | null;
  /** null = the row carries no appliedConditionalAccessPolicies property (hidden or v1.0 export). */
  readonly appliedPolicies: readonly AppliedPolicyEvidence[] | null;
}

export interface Evidence {
  readonly signInId: string;
  readonly correlationId: string;
  readonly createdDateTime: string;
  readonly errorCode: number;
  readonly resourceId: string | null;
  readonly conditionalAccessAudiences: readonly string[] | null;
  /** The failing / report-only-failing entries of this sign-in. */
  readonly policies: readonly AppliedPolicyEvidence[];
  /** false = the row has no appliedConditionalAccessPolicies (hidden without CA read rights): not "no policies". */
  readonly appliedPoliciesVisible: boolean;
}

export interface Verdict {
  readonly lockedOut: boolean;
  readonly cause: DiagnosisCause;
  /** AADSTS code of the primary cause (the latest lockout answer; else the latest answer). null without sign-ins. */
  readonly primaryErrorCode: number | null;
  readonly primaryErrorName: string | null;
  /** First failure of the current unbroken failing streak after the last password-proving answer. */
  readonly since: string | null;
  /** Attempts (correlation groups) in that streak. */
  readonly attempts: number;
  readonly blockingPolicyIds: readonly string[];
  /** Where blockingPolicyIds came from: the log's applied policies, or the evaluator when the log hides them. */
  readonly blockingPolicySource: 'log' | 'prediction' | 'none';
  readonly evidence: readonly Evidence[];
  /** The failing sign-ins ran against Windows Azure AD because of the baseline-scope rule. */
  readonly baselineScopeAudience: boolean;
  /** One plain sentence for the helpdesk. */
  readonly summary: string;
}

/** A policy that mattered to this user's Jamf Connect checks (log or prediction). */
export interface PolicyFinding {
  readonly id: string;
  readonly displayName: string;
  /** Current state, or 'missing' when the log names a policy the current policy list does not have. */
  readonly state: string;
  /** Results the log showed for it in the window: result → count of attempts. */
  readonly logResults: Readonly<Record<string, number>>;
  readonly enforcedGrantControls: readonly string[];
  readonly blocking: boolean;
  /** Report-only today, but its block / device / app control would fail the check if it were enforced. */
  readonly wouldBlockIfEnforced: boolean;
  /** Evaluator result for the next Jamf Connect check (null when the policy is missing). */
  readonly predicted: {
    readonly applies: boolean;
    readonly result: PolicyResult;
    readonly conditions: PolicyEvaluation['conditions'];
    readonly cannotEvaluate?: string;
  } | null;
}

export interface Noise {
  /** MFA answers Jamf Connect counts as password-correct (50076 …): log noise and risk, not a lockout. */
  readonly mfaOnlyAttempts: number;
  /** Policies behind that noise, and MFA-only policies failing next to the real block of a lockout. */
  readonly codes: readonly { readonly code: number; readonly count: number }[];
  readonly policyIds: readonly string[];
}

export type DisagreementKind = 'stale-policy' | 'propagation-pending' | 'missing-data';

export interface Prediction {
  readonly access: SignInOutcome['access'];
  readonly errorCode: number;
  readonly decidingPolicyIds: readonly string[];
  /** The evaluator's verdict: the next check fails (access 'blocked'). */
  readonly lockedOut: boolean;
  /** What the context assumed (resource, scopes, device, ip…), for the report. */
  readonly context: {
    readonly clientAppId: string;
    readonly resourceAppId: string | null;
    readonly scopes: readonly string[];
    readonly ipAddress: string | null;
    readonly country: string | null;
    readonly device: 'unregistered' | string;
  };
  readonly audiences: readonly string[];
  readonly policies: readonly PolicyEvaluation[];
  /** null = log and prediction agree, or the log has nothing to compare. */
  readonly disagreement: { readonly kind: DisagreementKind; readonly detail: string } | null;
}

export type RecommendationAction =
  | 'exemptFromPolicy'
  | 'switchToCustomApiScope'
  | 'configureBaselineScopeSetting'
  | 'reduceMfaNoise'
  | 'verifyWithTestSignIn'
  | 'investigate'
  | NonCaFix;

export interface Recommendation {
  readonly action: RecommendationAction;
  readonly policyId?: string;
  readonly targetAppId?: string;
  readonly why: string;
}

export interface DiagnosisWarning {
  readonly code:
    | 'applied-policies-hidden'
    | 'applied-policies-unknown'
    | 'report-only-hidden'
    | 'csa-unreadable'
    | 'v1-sign-ins'
    | 'no-sign-ins'
    | 'no-policies'
    | 'policy-missing'
    | 'cannot-evaluate'
    | 'unknown-code'
    | 'no-config'
    | 'memberships-unknown'
    | 'account-disabled';
  readonly message: string;
}

export interface Diagnosis {
  readonly user: { readonly id: string; readonly userPrincipalName: string | null; readonly displayName: string | null };
  readonly window: { readonly from: string; readonly to: string; readonly days: number };
  readonly source: DiagnosisSource;
  readonly verdict: Verdict;
  /** The user's Jamf Connect attempts in the window, newest first. */
  readonly attempts: readonly Attempt[];
  readonly noise: Noise;
  readonly policies: readonly PolicyFinding[];
  readonly prediction: Prediction;
  readonly recommendations: readonly Recommendation[];
  readonly warnings: readonly DiagnosisWarning[];
}
