/**
 * Who is calling Graph: the bearer token is verified (signature with the run's key, expiry on the
 * emulator clock, audience Graph, this tenant), then scopes (`scp`) and roles (`wids`) answer the
 * permission table. Failures use Graph's own codes: 401 InvalidAuthenticationToken, 403
 * Authorization_RequestDenied naming nothing secret.
 */
import { WELL_KNOWN_APP_IDS } from '../../policy/types.js';
import type { EmulatorContext } from '../context.js';
import { header, type EmulatorRequest, type Reply } from '../http.js';
import { verifyJwt } from '../jwt.js';
import { denied, graphError } from './errors.js';
import { PERMISSIONS, type PermissionName } from './permissions.js';

export interface Caller {
  readonly userId: string;
  readonly userPrincipalName: string;
  readonly appId: string;
  readonly scopes: ReadonlySet<string>;
  readonly roles: ReadonlySet<string>;
}

const unauthorized = (ctx: EmulatorContext, req: EmulatorRequest, message: string): Reply =>
  graphError(ctx, req, 401, 'InvalidAuthenticationToken', message, { 'www-authenticate': `Bearer realm="", authorization_uri="${ctx.origin}/common/oauth2/authorize", client_id="${WELL_KNOWN_APP_IDS.microsoftGraph}"` });

export function authenticate(ctx: EmulatorContext, req: EmulatorRequest): Caller | Reply {
  const auth = header(req, 'authorization');
  if (!auth) return unauthorized(ctx, req, 'Access token is empty.');
  const m = /^Bearer\s+(\S+)$/i.exec(auth.trim());
  if (!m) return unauthorized(ctx, req, 'Access token validation failure. Invalid authorization header.');
  const checked = verifyJwt(ctx.key, m[1]!);
  if (!checked.ok) return unauthorized(ctx, req, checked.reason === 'malformed' ? 'IDX14100: JWT is not well formed.' : 'Access token validation failure. Invalid signature.');
  const c = checked.claims;
  if (typeof c.exp !== 'number' || c.exp * 1000 <= ctx.clock.nowMs()) return unauthorized(ctx, req, 'Lifetime validation failed, the token is expired.');
  if (c.aud !== WELL_KNOWN_APP_IDS.microsoftGraph && c.aud !== 'https://graph.microsoft.com') return unauthorized(ctx, req, 'Access token validation failure. Invalid audience.');
  if (c.tid !== ctx.state.tenantId) return unauthorized(ctx, req, 'Access token validation failure. Invalid issuer.');
  const userId = typeof c.oid === 'string' ? c.oid : '';
  return {
    userId,
    userPrincipalName: typeof c.upn === 'string' ? c.upn : '',
    appId: typeof c.appid === 'string' ? c.appid : '',
    scopes: new Set((typeof c.scp === 'string' ? c.scp : '').split(' ').filter(Boolean).map((s) => s.toLowerCase())),
    roles: new Set((Array.isArray(c.wids) ? c.wids : []).filter((w): w is string => typeof w === 'string').map((w) => w.toLowerCase())),
  };
}

export function isCaller(v: Caller | Reply): v is Caller {
  return 'scopes' in v;
}

export function has(caller: Caller, name: PermissionName): boolean {
  const p = PERMISSIONS[name];
  const scopeOk = p.scopes.some((s) => caller.scopes.has(s.toLowerCase()));
  const roleOk = p.roles === null || p.roles.some((r) => caller.roles.has(r));
  return scopeOk && roleOk;
}

/** null when allowed; a 403 reply when not. */
export function requirePermission(ctx: EmulatorContext, req: EmulatorRequest, caller: Caller, name: PermissionName): Reply | null {
  return has(caller, name) ? null : denied(ctx, req);
}
