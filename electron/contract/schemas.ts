/**
 * The data shapes that cross the IPC boundary, as zod schemas (the types are inferred from them).
 *
 * These are view models, not Graph JSON: the renderer gets exactly the fields it shows, already
 * explained. Raw Graph JSON only crosses as text (`rawJson`) so it can never be mistaken for markup.
 * Ids are validated as opaque tokens: the renderer never sends URLs, SQL or Graph paths.
 */
import { z } from 'zod';

/**
 * An object id or UPN the renderer may name: the characters Entra allows in a UPN (A–Z a–z 0–9 ' . - _ ! # ^ ~,
 * plus @, + and the leading $ some accounts have) — so O'Brien and #EXT# guests can be diagnosed — and nothing
 * with spaces, slashes, '?', '=', '%' or other URL / path / query syntax. Quotes are safe past this point: the
 * data path escapes OData literals and percent-encodes path segments.
 */
export const objectRef = z
  .string()
  .min(1)
  .max(320)
  .regex(/^[A-Za-z0-9._@+\-'!#^~$]+$/, 'must be an object id or user principal name');

/** Opaque ids minted by main (plan ids, job ids, exemption ids). */
export const opaqueId = z.string().min(1).max(128).regex(/^[A-Za-z0-9_\-:.]+$/, 'must be an opaque id');

const isoDate = z.string().max(40);
const text = z.string();

/** GUIDs as Entra prints them (client ids, tenant ids). */
export const guidSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');

export const featureSchema = z.enum(['snapshot', 'diagnosis', 'evaluator', 'store', 'sync', 'emulator', 'exemption', 'auth']);
export type Feature = z.infer<typeof featureSchema>;

export const appStateSchema = z.strictObject({
  version: text,
  /** demo = the built-in tenant; tenant = a tenant profile's cache (live when signed in); caseFile = an imported snapshot, read-only. */
  mode: z.enum(['none', 'demo', 'tenant', 'caseFile']),
  tenant: z.strictObject({ id: text, displayName: text }).nullable(),
  /** The open tenant profile's name (mode 'tenant' only). */
  profile: text.nullable(),
  operator: text.nullable(),
  online: z.boolean(),
  /** When the data shown was last true: snapshot time for the demo, last sync for a tenant. */
  asOf: isoDate.nullable(),
  lastSync: isoDate.nullable(),
  /** Core pieces present in this build; the UI says plainly when one is missing. */
  features: z.record(featureSchema, z.boolean()),
});
export type AppState = z.infer<typeof appStateSchema>;

export const userSummarySchema = z.strictObject({
  id: text,
  userPrincipalName: text,
  displayName: text,
  accountEnabled: z.boolean().nullable(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const conditionTraceSchema = z.strictObject({
  condition: text,
  matched: z.boolean(),
  reason: text,
});
export type ConditionTraceView = z.infer<typeof conditionTraceSchema>;

export const timelineOutcome = z.enum(['success', 'failure', 'noise']);

export const timelinePointSchema = z.strictObject({
  signInId: text,
  at: isoDate,
  errorCode: z.number().int(),
  outcome: timelineOutcome,
  /** Catalogue category of the error code (block, deviceCompliance, mfa, password…). */
  category: text,
  /** One line for the tooltip and the accessible table. */
  label: text,
});
export type TimelinePoint = z.infer<typeof timelinePointSchema>;

export const diagnosisPolicySchema = z.strictObject({
  policyId: text,
  displayName: text,
  state: text,
  /** Where this policy was seen hitting Jamf Connect: in the sign-in log, in the evaluator's prediction, or both. */
  sources: z.array(z.enum(['log', 'prediction'])),
  result: text,
  blocking: z.boolean(),
  grantControls: z.array(text),
  conditions: z.array(conditionTraceSchema),
});
export type DiagnosisPolicy = z.infer<typeof diagnosisPolicySchema>;

export const recommendationSchema = z.strictObject({
  action: text,
  policyId: text.nullable(),
  targetAppId: text.nullable(),
  why: text,
});
export type Recommendation = z.infer<typeof recommendationSchema>;

export const diagnosisViewSchema = z.strictObject({
  user: userSummarySchema,
  verdict: z.strictObject({
    lockedOut: z.boolean(),
    cause: text,
    primaryErrorCode: z.number().int().nullable(),
    since: isoDate.nullable(),
    attempts: z.number().int().nonnegative(),
    blockingPolicyIds: z.array(text),
    /** The banner sentence, in plain words. */
    headline: text,
  }),
  timeline: z.array(timelinePointSchema),
  policies: z.array(diagnosisPolicySchema),
  recommendations: z.array(recommendationSchema),
  warnings: z.array(text),
  windowDays: z.number().int().positive(),
  generatedAt: isoDate,
});
export type DiagnosisView = z.infer<typeof diagnosisViewSchema>;

export const caStatusSchema = z.enum(['success', 'failure', 'notApplied']);

export const signInQuerySchema = z.strictObject({
  user: z.string().max(320).optional(),
  app: z.string().max(200).optional(),
  errorCode: z.number().int().nonnegative().optional(),
  caStatus: caStatusSchema.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(500),
});
export type SignInQuery = z.infer<typeof signInQuerySchema>;

export const signInRowSchema = z.strictObject({
  id: text,
  createdDateTime: isoDate,
  userPrincipalName: text,
  userDisplayName: text,
  appDisplayName: text,
  appId: text,
  errorCode: z.number().int(),
  failureReason: text,
  conditionalAccessStatus: text,
  isInteractive: z.boolean().nullable(),
  ipAddress: text,
});
export type SignInRow = z.infer<typeof signInRowSchema>;

export const signInPageSchema = z.strictObject({
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  rows: z.array(signInRowSchema),
});
export type SignInPage = z.infer<typeof signInPageSchema>;

export const signInDetailSchema = z.strictObject({
  row: signInRowSchema,
  appliedPolicies: z.array(
    z.strictObject({ id: text, displayName: text, result: text, enforcedGrantControls: z.array(text) }),
  ),
  /** The raw Graph JSON, pretty-printed, shown as text only. */
  rawJson: text,
});
export type SignInDetail = z.infer<typeof signInDetailSchema>;

export const policySummarySchema = z.strictObject({
  id: text,
  displayName: text,
  state: text,
  /** null = could not be decided (no target app configured, or the policy cannot be evaluated). */
  hitsJamfConnect: z.boolean().nullable(),
  hitReason: text,
  users: text,
  resources: text,
  conditions: z.array(text),
  grant: text,
  session: text.nullable(),
  modifiedDateTime: isoDate.nullable(),
  trace: z.array(conditionTraceSchema),
});
export type PolicySummary = z.infer<typeof policySummarySchema>;

export const exemptionPlanSchema = z.strictObject({
  planId: opaqueId,
  tenantId: text,
  tenantName: text,
  policyId: text,
  policyName: text,
  targetAppId: text,
  targetAppName: text,
  expiresAt: isoDate.nullable(),
  steps: z.array(z.strictObject({ kind: text, description: text })),
  /** The policy JSON before and after, as text, for the diff view. */
  diff: z.strictObject({ before: text, after: text }),
  warnings: z.array(text),
});
export type ExemptionPlan = z.infer<typeof exemptionPlanSchema>;

export const preflightSchema = z.strictObject({
  passed: z.boolean(),
  checks: z.array(z.strictObject({ name: text, passed: z.boolean(), detail: text })),
});
export type Preflight = z.infer<typeof preflightSchema>;

export const stepStatusSchema = z.strictObject({
  name: text,
  status: z.enum(['pending', 'running', 'done', 'failed', 'skipped']),
  detail: text,
});

export const applyResultSchema = z.strictObject({
  exemptionId: opaqueId,
  steps: z.array(stepStatusSchema),
});
export type ApplyResult = z.infer<typeof applyResultSchema>;

export const verifyStatusSchema = z.strictObject({
  exemptionId: opaqueId,
  status: z.enum(['waiting', 'verified', 'failed']),
  detail: text,
  signInId: text.nullable(),
});
export type VerifyStatus = z.infer<typeof verifyStatusSchema>;

export const exemptionSummarySchema = z.strictObject({
  exemptionId: opaqueId,
  policyId: text,
  policyName: text,
  targetAppId: text,
  createdAt: isoDate,
  expiresAt: isoDate.nullable(),
  status: text,
});
export type ExemptionSummary = z.infer<typeof exemptionSummarySchema>;

export const auditEntrySchema = z.strictObject({
  id: text,
  at: isoDate,
  operator: text,
  action: text,
  target: text,
  outcome: text,
  detail: text,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const settingsSchema = z.strictObject({
  theme: z.enum(['system', 'light', 'dark']),
  /** Client app ids treated as Jamf Connect (its OIDCROPGID values). */
  jamfConnectAppIds: z.array(z.string().min(1).max(64).regex(/^[A-Za-z0-9\-]+$/)).max(20),
  attributeSetName: z.string().min(1).max(32).regex(/^[A-Za-z0-9_]+$/),
  attributeName: z.string().min(1).max(32).regex(/^[A-Za-z0-9_]+$/),
  retentionDays: z.number().int().min(1).max(365),
  diagnosisDays: z.number().int().min(1).max(30),
});
export type Settings = z.infer<typeof settingsSchema>;

/** Documentation the renderer may ask main to open; main owns the URLs (the renderer never sends one). */
export const DOC_TOPICS = [
  'jamfConnectConditionalAccess',
  'customSecurityAttributes',
  'appFilterConditionalAccess',
  'signInLogs',
  'aadstsErrorLookup',
  'entraAdminCenter',
] as const;
export const docTopicSchema = z.enum(DOC_TOPICS);
export type DocTopic = z.infer<typeof docTopicSchema>;

export const jobProgressSchema = z.strictObject({
  jobId: opaqueId,
  kind: z.enum(['sync', 'exemption', 'import']),
  phase: text,
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  message: text,
  finished: z.boolean(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

/** A tenant profile as the first-run and Settings views list it (no secrets: tokens never cross IPC). */
export const tenantProfileSummarySchema = z.strictObject({
  name: text,
  displayName: text,
  tenant: text,
  cloud: z.enum(['public', 'usgov', 'china', 'emulator']),
  clientId: text,
  jamfConnectClientIds: z.array(text),
  /** The account whose tokens are cached for this profile, or null when nobody is signed in. */
  signedInAs: text.nullable(),
  lastSync: isoDate.nullable(),
});
export type TenantProfileSummary = z.infer<typeof tenantProfileSummarySchema>;

/** What the "Add a tenant" form sends. The core profile schema (electron/core/profiles/schema.ts) validates it again. */
export const tenantProfileInputSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, 'use letters, digits, ".", "_" or "-" (max 63), starting with a letter or digit'),
  displayName: z.string().max(200).optional(),
  /** Tenant id (GUID) or a verified domain such as contoso.onmicrosoft.com. */
  tenant: z.string().min(1).max(253),
  /** The admin's own public-client app registration (README: "Register the app in Entra"). */
  clientId: guidSchema,
  /** 'emulator' is accepted only when the host runs against the Entra emulator (development and tests). */
  cloud: z.enum(['public', 'usgov', 'china', 'emulator']),
  jamfConnectClientIds: z.array(guidSchema).max(20),
});
export type TenantProfileInputView = z.infer<typeof tenantProfileInputSchema>;

export const syncKindSchema = z.enum(['user', 'directory', 'full']);

export const importKindSchema = z.enum(['caseFile', 'signInExport', 'jamfProfile']);
export type ImportKindView = z.infer<typeof importKindSchema>;

export const importResultSchema = z.strictObject({
  kind: importKindSchema,
  /** One sentence: what was imported (or why nothing was). */
  summary: text,
  warnings: z.array(text),
});

/** A file main wrote where the operator chose (the full path, for the "Saved to …" note). */
export const savedFileSchema = z.strictObject({ path: text });
