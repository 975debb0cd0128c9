/**
 * Emulator-only data in a snapshot. Real Graph has no passwords, no "locked out" flag and no
 * consent records in the objects it returns, but the emulator needs them to answer a ROPG request
 * the way Entra would. They live under one clearly named key, `"x-emulator"`, on the snapshot root,
 * on users and on applications / service principals, are never returned by Graph endpoints, and
 * survive a state export. Documented in docs/emulator.md.
 */
import { z } from 'zod';
import type { GraphObject, TenantSnapshot } from '../snapshot/types.js';

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

export const userExtrasSchema = z.looseObject({
  /** The user's cloud password (demo only). No password anywhere = any non-empty password works. */
  password: z.string().optional(),
  passwordExpired: z.boolean().optional(),
  /** Smart lockout is active for this user (AADSTS50053). */
  lockedOut: z.boolean().optional(),
  /** Listed on the interactive demo sign-in page as an operator account. */
  operator: z.boolean().optional(),
  /** Where this user's simulated sign-ins come from unless the request says otherwise. */
  ipAddress: z.string().optional(),
  country: z.string().optional(),
  city: z.string().optional(),
  /**
   * The user's Mac as Jamf Connect is configured on it: what a simulated Jamf Connect login sends
   * by default (client id = OIDCROPGID, ROPG scopes, and the password the Mac still has locally).
   */
  mac: z.looseObject({
    deviceName: z.string().optional(),
    clientAppId: z.string().optional(),
    ropgScopes: z.array(z.string()).optional(),
    localPassword: z.string().optional(),
  }).optional(),
});

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
