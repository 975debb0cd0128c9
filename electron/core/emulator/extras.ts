/**
 * Emulator-only data in a snapshot. Real Graph has no passwords, no "locked out" flag and no
 * consent records in the objects it returns, but the emulator needs them to answer a ROPG request
 * the way Entra would. They live under one clearly named key, `"x-emulator"`, on the snapshot root,
 * on users and on applications / service principals, are never returned by Graph endpoints, and
 * survive a state export. Documented in docs/emulator.md.
 */
import { z } from 'zod';
import type { GraphObject, TenantSnapshot } from '../snapshot/types.js';
import { emulatorUserExtrasSchema } from '../snapshot/schema.js';

export const EXTRAS_KEY = 'x-emulator';

export const tenantExtrasSchema = z.looseObject({
  /** Entra ID licence of the tenant: 'free' answers 403 on sign-in logs. */
  licence: z.enum(['P1', 'P2', 'free']).optional(),
  /** The 2026 baseline-scope enforcement setting (graph-facts §2.9). Default 'enabled'. */
  baselineScopeEnforcement: z.enum(['enabled', 'disabled']).optional(),
  /** Password for users that have none of their own. */
  defaultPassword: z.string().optional(),
  /** Default client id of simulated Jamf Connect logins (else the app named "Jamf Connect…"). */
  jamfConnectClientId: z.string().optional(),
});

/**
 * Per-user extras (password, expiry, lockout, operator, where and how the user's Mac signs in): the snapshot
 * format owns this schema, since the loader validates it; the emulator reads it under the same name.
 */
export const userExtrasSchema = emulatorUserExtrasSchema;

export const appExtrasSchema = z.looseObject({
  /**
   * Delegated scopes an admin consented to for this client, as `resource/scope` or bare Graph
   * scope names. '*' = everything the client asks for. Absent = everything (most demo apps).
   */
  consentedScopes: z.union([z.literal('*'), z.array(z.string())]).optional(),
});

export type TenantExtras = z.infer<typeof tenantExtrasSchema>;
export type UserExtras = z.infer<typeof userExtrasSchema>;
export type AppExtras = z.infer<typeof appExtrasSchema>;

function parseOr<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value ?? {});
  return r.success ? r.data : ({} as T);
}

export const tenantExtras = (s: TenantSnapshot): TenantExtras => parseOr(tenantExtrasSchema, s[EXTRAS_KEY]);
export const userExtras = (u: GraphObject): UserExtras => parseOr(userExtrasSchema, u[EXTRAS_KEY]);
export const appExtras = (a: GraphObject | undefined): AppExtras => parseOr(appExtrasSchema, a?.[EXTRAS_KEY]);

/** A copy of a Graph object without emulator-only keys, for responses. */
export function withoutExtras<T extends Record<string, unknown>>(o: T): T {
  if (!(EXTRAS_KEY in o)) return o;
  const { [EXTRAS_KEY]: _dropped, ...rest } = o;
  return rest as T;
}
