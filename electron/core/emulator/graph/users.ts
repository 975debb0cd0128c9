/**
 * /me, /users, /users/{id|upn}, …/transitiveMemberOf and /organization. v1.0 returns Graph's
 * default user property set unless $select asks for more (accountEnabled, userType… are NOT in it);
 * beta returns everything the snapshot holds. Emulator-only keys never leave.
 */
import type { GraphObject } from '../../snapshot/types.js';
import type { EmulatorContext } from '../context.js';
import { withoutExtras } from '../extras.js';
import { jsonReply, type Reply } from '../http.js';
import { USER_SCHEMA } from '../odata/entities.js';
import { requirePermission } from './auth.js';
import { contextUrl, listReply, selectProps } from './collection.js';
import { notFound, methodNotAllowed, noRoute } from './errors.js';
import type { GraphRequest } from './request.js';

const V1_DEFAULT_USER = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];

export function projectUser(req: GraphRequest, u: GraphObject): Record<string, unknown> {
  const clean = withoutExtras(u);
  if (req.version === 'beta' || req.query.select?.length) return clean;
  const out: Record<string, unknown> = {};
  for (const k of V1_DEFAULT_USER) out[k] = k in clean ? clean[k] : (k === 'businessPhones' ? [] : null);
  return out;
}

function memberOfReply(ctx: EmulatorContext, req: GraphRequest, userId: string): Reply {
  return listReply(ctx, req, ctx.state.memberOf(userId), {
    defaultTop: 100, maxTop: 999, contextPath: 'directoryObjects', project: (o) => withoutExtras(o),
  });
}

function userReply(ctx: EmulatorContext, req: GraphRequest, user: GraphObject): Reply {
  const body = selectProps(projectUser(req, user), req.query.select);
  return jsonReply(200, { '@odata.context': `${contextUrl(ctx, req, 'users', req.query.select)}/$entity`, ...body });
}

export function meRoutes(ctx: EmulatorContext, req: GraphRequest): Reply {
  const rest = req.segments.slice(1);
  const me = ctx.state.findUser(req.caller.userId);
  if (!me) return notFound(ctx, req.raw, req.caller.userId);
  if (rest.length === 0) {
    if (req.raw.method !== 'GET') return methodNotAllowed(ctx, req.raw);
    return requirePermission(ctx, req.raw, req.caller, 'meRead') ?? userReply(ctx, req, me);
  }
  if (rest.length === 1 && rest[0]!.toLowerCase() === 'transitivememberof' && req.raw.method === 'GET') {
    return requirePermission(ctx, req.raw, req.caller, 'meMemberOf') ?? memberOfReply(ctx, req, String(me.id));
  }
  return noRoute(ctx, req.raw);
}

export function usersRoutes(ctx: EmulatorContext, req: GraphRequest): Reply {
  const rest = req.segments.slice(1);
  if (req.raw.method !== 'GET') return methodNotAllowed(ctx, req.raw);
  if (rest.length === 0) {
    return requirePermission(ctx, req.raw, req.caller, 'usersRead') ?? listReply(ctx, req, ctx.state.snapshot.users, {
      schema: USER_SCHEMA, defaultTop: 100, maxTop: 999, contextPath: 'users', project: (u) => projectUser(req, u),
    });
  }
  const user = ctx.state.findUser(rest[0]!);
  if (rest.length === 1) {
    const denied = requirePermission(ctx, req.raw, req.caller, 'usersRead');
    if (denied) return denied;
    return user ? userReply(ctx, req, user) : notFound(ctx, req.raw, rest[0]!);
  }
  if (rest.length === 2 && rest[1]!.toLowerCase() === 'transitivememberof') {
    const self = user && String(user.id) === req.caller.userId;
    const denied = requirePermission(ctx, req.raw, req.caller, self ? 'meMemberOf' : 'usersMemberOf');
    if (denied) return denied;
    return user ? memberOfReply(ctx, req, String(user.id)) : notFound(ctx, req.raw, rest[0]!);
  }
  return noRoute(ctx, req.raw);
}

export function organizationRoutes(ctx: EmulatorContext, req: GraphRequest): Reply {
  if (req.raw.method !== 'GET') return methodNotAllowed(ctx, req.raw);
  const denied = requirePermission(ctx, req.raw, req.caller, 'organizationRead');
  if (denied) return denied;
  const rest = req.segments.slice(1);
  const orgs = ctx.state.snapshot.organization;
  if (rest.length === 0) return listReply(ctx, req, orgs, { defaultTop: 100, maxTop: 999, contextPath: 'organization', project: (o) => withoutExtras(o) });
  const org = orgs.find((o) => typeof o.id === 'string' && o.id.toLowerCase() === rest[0]!.toLowerCase());
  if (!org || rest.length > 1) return org ? noRoute(ctx, req.raw) : notFound(ctx, req.raw, rest[0]!);
  return jsonReply(200, { '@odata.context': `${contextUrl(ctx, req, 'organization')}/$entity`, ...selectProps(withoutExtras(org), req.query.select) });
}
