/** Routes of the identity platform half: `/{tenant}/…` endpoints, the device page, instance discovery. */
import type { EmulatorContext } from '../context.js';
import type { EmulatorRequest, Reply } from '../http.js';
import { aadErrorReply } from './aadsts.js';
import { tenantMatches } from './accounts.js';
import { authorize } from './authorize.js';
import { deviceCodeRequest, devicePageHandler } from './devicecode.js';
import { instanceDiscovery, keys, openIdConfiguration } from './openid.js';
import { token } from './token.js';

/** Returns null when the path is not an identity endpoint. */
export function routeIdentity(ctx: EmulatorContext, req: EmulatorRequest): Reply | null {
  const path = req.url.pathname.replace(/\/+$/, '');
  if (path === '/devicelogin') return devicePageHandler(ctx, req);
  if (path === '/common/discovery/instance' && req.method === 'GET') return instanceDiscovery(ctx);
  const m = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys|oauth2\/v2\.0\/(authorize|token|devicecode))$/.exec(path);
  if (!m) return null;
  const tenant = decodeURIComponent(m[1]!);
  const ids = { traceId: req.requestId, correlationId: req.clientRequestId, timestamp: ctx.clock.now() };
  if (!tenantMatches(ctx.state, tenant)) return aadErrorReply(90002, { tenant }, ids);
  const endpoint = m[3] ?? m[2]!;
  switch (endpoint) {
    case 'v2.0/.well-known/openid-configuration': return req.method === 'GET' ? openIdConfiguration(ctx, tenant) : methodNotAllowed(ctx, req);
    case 'discovery/v2.0/keys': return req.method === 'GET' ? keys(ctx) : methodNotAllowed(ctx, req);
    case 'authorize': return req.method === 'GET' || req.method === 'POST' ? authorize(ctx, req) : methodNotAllowed(ctx, req);
    case 'token': return req.method === 'POST' ? token(ctx, req) : methodNotAllowed(ctx, req);
    case 'devicecode': return req.method === 'POST' ? deviceCodeRequest(ctx, req) : methodNotAllowed(ctx, req);
    default: return null;
  }
}

function methodNotAllowed(ctx: EmulatorContext, req: EmulatorRequest): Reply {
  return aadErrorReply(900144, { param: `a ${req.method} body for this endpoint` }, { traceId: req.requestId, correlationId: req.clientRequestId, timestamp: ctx.clock.now() }, { status: 405, error: 'invalid_request' });
}
