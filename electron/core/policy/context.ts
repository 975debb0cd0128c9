/**
 * Per-sign-in facts derived once (not per policy): id sets, the effective guest type, the scope
 * profile, the parsed IP and the audiences. evaluate() prepares a context once and reuses it for
 * every policy; evaluatePolicy() alone caches it by the ctx object.
 */
import { parseIp, type IpAddress } from './cidr.js';
import { decideAudiences, type BaselineMode } from './audience.js';
import { profileScopes, type ScopeProfile } from './scopes.js';
import type { DeviceProperties, EvaluationDirectory, GuestOrExternalUserType, SignInContext } from './types.js';

export interface PreparedContext {
  readonly ctx: SignInContext;
  readonly userId: string;
  readonly groupIds: ReadonlySet<string>;
  readonly roleIds: ReadonlySet<string>;
  /** The user's guest / external type, inferred when the context does not say (see below). */
  readonly guestType: GuestOrExternalUserType | null;
  readonly externalTenantId: string | null;
  readonly scopes: ScopeProfile;
  /**
   * How the 2026 baseline-scope rule treats this sign-in:
   * - 'none': not a baseline-only request; audiences are the resource (and the confidential client).
   * - 'directory': baseline-only under enforcement — evaluated with WAAD (or the tenant's placeholder
   *   app) as the audience, for every policy.
   * - 'legacy': baseline-only with enforcement disabled (or a confidential client asking only OIDC
   *   scopes, which the change leaves alone) — All-resources policies with a resource exclusion skip it.
   */
  readonly baselineMode: BaselineMode;
  /** True when, under 'legacy', the scopes are within the legacy exemption for this client type. */
  readonly legacyExemptScopes: boolean;
  /** Audiences CA evaluates (app ids, lower-cased for comparison) and as given (for output). */
  readonly audiencesLower: readonly string[];
  readonly audiences: readonly string[];
  readonly ip: IpAddress | null;
  readonly country: string | null;
  readonly platform: string;
  readonly userAction: string | null;
  readonly authContexts: ReadonlySet<string>;
  readonly device: DeviceProperties | null;
  /** Everything the target-resources answer depends on besides the policy (memo key). */
  readonly appKey: string;
  /** Everything the grant answer depends on besides the policy: six capability/device bits (memo key). */
  readonly grantKey: string;
}

function lowerSetOf(values: readonly string[] | undefined): Set<string> {
  const s = new Set<string>();
  if (values) for (const v of values) if (typeof v === 'string') s.add(v.toLowerCase());
  return s;
}

/**
 * The context may leave guestOrExternalUserType out. Then a userType 'guest' with a home tenant is a
 * B2B collaboration guest, a guest without one is an internal guest, and a member with a home
 * tenant is a B2B collaboration member (the Entra definitions of those types,
 * entra `concept-conditional-access-users-groups.md`).
 */
function effectiveGuestType(ctx: SignInContext): GuestOrExternalUserType | null {
  const u = ctx.user;
  if (u.guestOrExternalUserType) return u.guestOrExternalUserType;
  if (u.userType === 'guest') return u.externalTenantId ? 'b2bCollaborationGuest' : 'internalGuest';
  if (u.externalTenantId) return 'b2bCollaborationMember';
  return null;
}

export function prepareContext(ctx: SignInContext, dir: EvaluationDirectory): PreparedContext {
  const scopes = profileScopes(Array.isArray(ctx.scopes) ? ctx.scopes : []);
  const { baselineMode, legacyExemptScopes, audiences } = decideAudiences(ctx, dir, scopes);

  const userAction = typeof ctx.userAction === 'string' && ctx.userAction ? ctx.userAction.toLowerCase() : null;
  const authContexts = lowerSetOf(ctx.authenticationContexts);
  const audiencesLower = audiences.map((a) => a.toLowerCase());
  const device = ctx.device ?? null;
  const caps = ctx.capabilities;
  const compliant = deviceProperty(device, 'isCompliant');
  const trust = deviceProperty(device, 'trustType');
  const bit = (b: boolean) => (b ? '1' : '0');
  const grantKey =
    bit(caps?.interactive === true) +
    bit(caps?.mfaSatisfied === true) +
    bit(caps?.approvedClientApp === true) +
    bit(caps?.compliantClientApp === true) +
    bit(compliant === true || (typeof compliant === 'string' && compliant.toLowerCase() === 'true')) +
    bit(typeof trust === 'string' && trust.toLowerCase() === 'serverad');
  const appKey = [
    baselineMode,
    bit(legacyExemptScopes),
    bit(ctx.clientIsConfidential === true),
    (ctx.clientAppId ?? '').toLowerCase(),
    audiencesLower.join(','),
    userAction ?? '',
    [...authContexts].join(','),
    scopes.scopes.join(' '),
  ].join('|');
  return {
    ctx,
    appKey,
    grantKey,
    userId: typeof ctx.user?.id === 'string' ? ctx.user.id.toLowerCase() : '',
    groupIds: lowerSetOf(ctx.groupIds),
    roleIds: lowerSetOf(ctx.roleTemplateIds),
    guestType: ctx.user ? effectiveGuestType(ctx) : null,
    externalTenantId: ctx.user?.externalTenantId ? ctx.user.externalTenantId.toLowerCase() : null,
    scopes,
    baselineMode,
    legacyExemptScopes,
    audiences,
    audiencesLower,
    ip: typeof ctx.ipAddress === 'string' ? parseIp(ctx.ipAddress) : null,
    country: typeof ctx.country === 'string' && ctx.country ? ctx.country.toUpperCase() : null,
    platform: typeof ctx.platform === 'string' ? ctx.platform.toLowerCase() : 'unknown',
    userAction,
    authContexts,
    device,
  };
}

const prepared = new WeakMap<SignInContext, { dir: EvaluationDirectory; value: PreparedContext }>();

export function preparedFor(ctx: SignInContext, dir: EvaluationDirectory): PreparedContext {
  const hit = prepared.get(ctx);
  if (hit && hit.dir === dir) return hit.value;
  const value = prepareContext(ctx, dir);
  prepared.set(ctx, { dir, value });
  return value;
}

/** Read a device property by its filter name, case-insensitively (`device.deviceid`). */
export function deviceProperty(device: DeviceProperties | null, canonical: string): unknown {
  if (!device) return null;
  const direct = device[canonical];
  if (direct !== undefined) return direct;
  const lower = canonical.toLowerCase();
  for (const key of Object.keys(device)) if (key.toLowerCase() === lower) return device[key];
  return null;
}
