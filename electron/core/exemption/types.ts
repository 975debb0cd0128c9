/**
 * The exemption workflow's data: what a plan is made of, what a run records. Pure types — the
 * planner, preflight, apply, rollback and the CLI/UI all speak these shapes, and a plan survives a
 * JSON round trip (it is stored in the audit log so a killed process can resume or roll back).
 */

/** Which way a policy stops evaluating the target app. */
export type ExemptionStrategy = 'attribute-filter' | 'exclude-app';

/** The custom security attribute that marks exempt service principals (Jamf's recipe, §3.1/§4). */
export interface AttributeSettings {
  /** Attribute set id (≤32 chars, letters/digits/underscore). */
  readonly attributeSet: string;
  /** Attribute name inside the set (≤32 chars). */
  readonly attributeName: string;
  /** The predefined value that means "exempt". */
  readonly value: string;
  readonly setDescription: string;
  readonly attributeDescription: string;
}

/** A JSON object as Graph returns it. */
export type JsonObject = Record<string, unknown>;

/** The target service principal as the planner needs it (from the diagnosis). */
export interface TargetServicePrincipal {
  /** Object id (PATCH /servicePrincipals/{id}). */
  readonly id: string;
  readonly appId: string;
  readonly displayName?: string;
  /** `customSecurityAttributes` as read with $select; null = none assigned (or unreadable). */
  readonly customSecurityAttributes?: JsonObject | null;
}

/** What exists already in the tenant for our attribute (null = not found). */
export interface ExistingAttributeState {
  readonly attributeSet: JsonObject | null;
  /** The definition, read with `$expand=allowedValues` so allowedValues is present. */
  readonly definition: JsonObject | null;
  /** Set when the operator could not read attribute sets/definitions (403): "not found" is then unknown. */
  readonly unreadable?: string;
}

export type StepKind =
  | 'create-attribute-set'
  | 'create-attribute-definition'
  | 'add-allowed-value'
  | 'assign-attribute'
  | 'update-policy';

/** One write the plan will make, with the exact before/after of the object it touches. */
export interface PlanStep {
  /** Stable id within the plan (`policy:<id>`, `assign:<spId>`, …) — the run state keys on it. */
  readonly id: string;
  readonly kind: StepKind;
  readonly objectType: 'attributeSet' | 'customSecurityAttributeDefinition' | 'allowedValue' | 'servicePrincipal' | 'conditionalAccessPolicy';
  readonly objectId: string;
  readonly objectName: string;
  /** Human sentence: what this step does and why. */
  readonly description: string;
  /** Graph request the step sends (path relative to the version root, e.g. `/identity/...`). */
  readonly request: { readonly method: 'POST' | 'PATCH'; readonly path: string; readonly body: JsonObject };
  /** The part of the object the step changes, before and after (null = object does not exist yet). */
  readonly before: unknown;
  readonly after: unknown;
  /** Readable line diff of before → after. */
  readonly diff: string;
  /** For update-policy: the strategy used for this policy and why. */
  readonly strategy?: ExemptionStrategy;
  readonly strategyReason?: string;
}

/** A chosen policy the plan leaves alone, and why (already exempt, not found, …). */
export interface PolicyDecision {
  readonly policyId: string;
  readonly displayName: string;
  readonly action: 'update' | 'unchanged' | 'not-found';
  readonly strategy: ExemptionStrategy | null;
  readonly reason: string;
  /** Full policy JSON as read when planning — the drift check compares against it. */
  readonly beforePolicy: JsonObject | null;
  /** `conditions.applications` before / after (after === before when unchanged). */
  readonly beforeApplications: JsonObject | null;
  readonly afterApplications: JsonObject | null;
  readonly summary: string;
}

/** The evaluator's answer on the planned state for the user's failing sign-in. */
export interface WhatIfOutcome {
  readonly before: { readonly access: string; readonly errorCode: number; readonly decidingPolicyIds: readonly string[] };
  readonly after: { readonly access: string; readonly errorCode: number; readonly decidingPolicyIds: readonly string[] };
  /** true: after the plan the sign-in is granted or only interaction is missing (Jamf counts that as password OK). */
  readonly lockoutEnds: boolean;
  readonly explanation: string;
  /** Per chosen policy, the result it would report for that sign-in after the plan. */
  readonly policyResults: Readonly<Record<string, string>>;
}

export interface ExemptionPlan {
  readonly formatVersion: 1;
  readonly tenantId: string;
  readonly createdAt: string;
  readonly target: TargetServicePrincipal;
  readonly attribute: AttributeSettings;
  readonly strategyPreference: ExemptionStrategy;
  readonly steps: readonly PlanStep[];
  readonly policies: readonly PolicyDecision[];
  /** Problems that make the plan unusable (e.g. our attribute exists with the wrong type). */
  readonly blockers: readonly string[];
  /** Plain-language sentences, one per changed object. */
  readonly summary: readonly string[];
  /** Exemption expiry (ISO time), if time-boxed. */
  readonly expiresAt: string | null;
  readonly whatIf: WhatIfOutcome | null;
  /** sha256 over the steps and decisions — identifies the plan for drift checks and audit. */
  readonly hash: string;
}
