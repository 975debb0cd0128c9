/**
 * The one IPC contract between the renderer and main: for every method, the schema of its
 * arguments and of its result; for every event, the schema of its payload.
 *
 * Every method takes exactly one argument object (possibly empty) so arity can never drift, and
 * `satisfies Record<InvokeMethod, …>` makes a method listed in names.ts without a schema (or a schema
 * without a name) a compile error. Main validates both directions; the renderer imports types only.
 */
import { z } from 'zod';
import type { Envelope } from './envelope.js';
import type { EventName, InvokeMethod } from './names.js';
import {
  appStateSchema,
  applyResultSchema,
  auditEntrySchema,
  diagnosisViewSchema,
  docTopicSchema,
  exemptionPlanSchema,
  exemptionSummarySchema,
  importKindSchema,
  importResultSchema,
  savedFileSchema,
  syncKindSchema,
  tenantProfileInputSchema,
  tenantProfileSummarySchema,
  jobProgressSchema,
  objectRef,
  opaqueId,
  policySummarySchema,
  preflightSchema,
  settingsSchema,
  signInDetailSchema,
  signInPageSchema,
  signInQuerySchema,
  userSummarySchema,
  verifyStatusSchema,
} from './schemas.js';

interface MethodSpec {
  readonly args: z.ZodType;
  readonly result: z.ZodType;
}

const none = z.strictObject({});
const days = z.number().int().min(1).max(30);

export const methods = {
  getAppState: { args: none, result: appStateSchema },
  openDemoTenant: { args: none, result: appStateSchema },
  closeTenant: { args: none, result: appStateSchema },
  listTenantProfiles: { args: none, result: z.array(tenantProfileSummarySchema) },
  addTenantProfile: { args: tenantProfileInputSchema, result: tenantProfileSummarySchema },
  /** Deletes the profile, its cached tokens and its cached rows. The audit log is kept (append-only). */
  removeTenantProfile: { args: z.strictObject({ name: z.string().min(1).max(63) }), result: z.array(tenantProfileSummarySchema) },
  /** Opens a profile's cache (works offline); online features need signInToTenant. */
  openTenant: { args: z.strictObject({ name: z.string().min(1).max(63) }), result: appStateSchema },
  /** Interactive sign-in (system browser) to the open tenant with the read scopes; write scopes are asked for at apply. */
  signInToTenant: { args: none, result: appStateSchema },
  signOutOfTenant: { args: none, result: appStateSchema },
  /** Main shows the open-file dialog for `kind`; a cancelled dialog answers error code 'cancelled'. */
  importFile: { args: z.strictObject({ kind: importKindSchema }), result: importResultSchema },
  searchUsers: {
    args: z.strictObject({ query: z.string().max(200), limit: z.number().int().min(1).max(50) }),
    result: z.array(userSummarySchema),
  },
  runDiagnosis: {
    args: z.strictObject({
      user: objectRef,
      days: days.optional(),
      /** Live tenant, signed in: fetch this user's recent sign-ins and memberships from Graph before diagnosing. */
      refresh: z.boolean().optional(),
    }),
    result: diagnosisViewSchema,
  },
  exportDiagnosisReport: {
    args: z.strictObject({ user: objectRef, days: days.optional(), format: z.enum(['markdown', 'html']) }),
    result: z.strictObject({ fileName: z.string(), mimeType: z.string(), text: z.string() }),
  },
  /** Main shows the save dialog and writes the report; cancelled → error code 'cancelled'. */
  saveDiagnosisReport: {
    args: z.strictObject({ user: objectRef, days: days.optional(), format: z.enum(['markdown', 'html']) }),
    result: savedFileSchema,
  },
  listSignIns: { args: signInQuerySchema, result: signInPageSchema },
  getSignIn: { args: z.strictObject({ id: objectRef }), result: signInDetailSchema },
  listPolicies: { args: none, result: z.array(policySummarySchema) },
  planExemption: {
    args: z.strictObject({
      policyId: objectRef,
      targetAppId: objectRef.optional(),
      /** Time-boxed exemption: revert after this many hours; omitted = permanent until rolled back. */
      expiresInHours: z.number().int().min(1).max(168).optional(),
    }),
    result: exemptionPlanSchema,
  },
  preflightExemption: { args: z.strictObject({ planId: opaqueId }), result: preflightSchema },
  applyExemption: {
    args: z.strictObject({
      planId: opaqueId,
      /** The operator retypes/confirms which tenant and policy; main refuses on any mismatch. */
      confirmTenantId: z.string().min(1).max(64),
      confirmPolicyId: objectRef,
    }),
    result: applyResultSchema,
  },
  verifyExemption: { args: z.strictObject({ exemptionId: opaqueId }), result: verifyStatusSchema },
  rollbackExemption: { args: z.strictObject({ exemptionId: opaqueId }), result: applyResultSchema },
  listExemptions: { args: none, result: z.array(exemptionSummarySchema) },
  listAuditLog: {
    args: z.strictObject({ offset: z.number().int().nonnegative(), limit: z.number().int().min(1).max(500) }),
    result: z.array(auditEntrySchema),
  },
  /** The whole audit log to a file the operator picks (CSV for spreadsheets, JSON for tickets/SIEM). */
  exportAuditLog: { args: z.strictObject({ format: z.enum(['csv', 'json']) }), result: savedFileSchema },
  simulateJamfConnectLogin: {
    args: z.strictObject({ user: objectRef }),
    result: z.strictObject({ signInId: z.string(), errorCode: z.number().int(), summary: z.string() }),
  },
  /** Starts a sync job of the open tenant; progress arrives as jobProgress events with this jobId. */
  startSync: {
    args: z.strictObject({ kind: syncKindSchema, user: objectRef.optional() }),
    result: z.strictObject({ jobId: opaqueId }),
  },
  getSettings: { args: none, result: settingsSchema },
  saveSettings: { args: settingsSchema, result: settingsSchema },
  openDocumentation: { args: z.strictObject({ topic: docTopicSchema }), result: z.strictObject({ opened: z.boolean() }) },
} as const satisfies Record<InvokeMethod, MethodSpec>;

export const events = {
  jobProgress: jobProgressSchema,
  verifyProgress: verifyStatusSchema,
  connectivityChanged: z.strictObject({ online: z.boolean() }),
  /** The native menu asks the renderer to switch view. */
  showView: z.strictObject({ view: z.enum(['diagnosis', 'signIns', 'policies', 'exemptions', 'settings']) }),
  /** An exemption changed without the renderer asking (a time-boxed one expired and was rolled back). */
  exemptionsChanged: z.strictObject({ reason: z.enum(['expired', 'rolledBack', 'applied']), exemptionId: opaqueId.nullable() }),
} as const satisfies Record<EventName, z.ZodType>;

export type ArgsOf<M extends InvokeMethod> = z.input<(typeof methods)[M]['args']>;
export type ParsedArgsOf<M extends InvokeMethod> = z.output<(typeof methods)[M]['args']>;
export type ResultOf<M extends InvokeMethod> = z.output<(typeof methods)[M]['result']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** What `window.lockoutLens` looks like in the renderer: one function per method, one subscription per event. */
export type LockoutLensBridge = {
  readonly [M in InvokeMethod]: (args: ArgsOf<M>) => Promise<Envelope<ResultOf<M>>>;
} & {
  /** Subscribe to an event; returns the unsubscribe function. The listener gets only the payload. */
  readonly on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
};
