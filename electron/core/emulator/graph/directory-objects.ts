/**
 * Read-only directory collections the snapshot carries beyond the core ones: /groups,
 * /directoryRoles, /applications (list + get by id; applications also by appId alternate key).
 * Enough for a client to read the whole tenant back.
 */
import type { GraphObject } from '../../snapshot/types.js';
import type { EmulatorContext } from '../context.js';
import { withoutExtras } from '../extras.js';
import { jsonReply, type Reply } from '../http.js';
import { requirePermission } from './auth.js';
import { contextUrl, listReply, selectProps } from './collection.js';
import { methodNotAllowed, noRoute, notFound } from './errors.js';
import type { PermissionName } from './permissions.js';
import type { GraphRequest } from './request.js';

function readOnlyCollection(entitySet: string, items: () => readonly GraphObject[], permission: PermissionName) {
  return (ctx: EmulatorContext, req: GraphRequest): Reply => {
    if (req.raw.method !== 'GET') return methodNotAllowed(ctx, req.raw);
    const denied = requirePermission(ctx, req.raw, req.caller, permission);
    if (denied) return denied;
    const rest = req.segments.slice(1);
    if (rest.length === 0) return listReply(ctx, req, items(), { defaultTop: 100, maxTop: 999, contextPath: entitySet, project: (o) => withoutExtras(o) });
    if (rest.length > 1) return noRoute(ctx, req.raw);
    const key = rest[0]!;
    const alt = /^\$appId=(.*)$/i.exec(key);
    const found = items().find((o) => (alt ? typeof o.appId === 'string' && o.appId.toLowerCase() === alt[1]!.toLowerCase() : typeof o.id === 'string' && o.id.toLowerCase() === key.toLowerCase()));
    if (!found) return notFound(ctx, req.raw, alt ? alt[1]! : key);
    return jsonReply(200, { '@odata.context': `${contextUrl(ctx, req, entitySet, req.query.select)}/$entity`, ...selectProps(withoutExtras(found), req.query.select) });
  };
}

export const groupsRoutes = (ctx: EmulatorContext, req: GraphRequest) => readOnlyCollection('groups', () => ctx.state.snapshot.groups, 'groupsRead')(ctx, req);
export const directoryRolesRoutes = (ctx: EmulatorContext, req: GraphRequest) => readOnlyCollection('directoryRoles', () => ctx.state.snapshot.directoryRoles, 'directoryRolesRead')(ctx, req);
export const applicationsRoutes = (ctx: EmulatorContext, req: GraphRequest) => readOnlyCollection('applications', () => ctx.state.snapshot.applications ?? [], 'servicePrincipalsRead')(ctx, req);
