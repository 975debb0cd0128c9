/**
 * /servicePrincipals, /servicePrincipals/{id}, /servicePrincipals(appId='…'), PATCH (204).
 * customSecurityAttributes is not returned by default; with $select it is returned to callers with
 * an attribute-assignment scope and role, and null to everyone else (graph-facts §4.2).
 */
import type { GraphObject } from '../../snapshot/types.js';
import type { EmulatorContext } from '../context.js';
import { withoutExtras } from '../extras.js';
import { jsonReply, noContent, readJson, type Reply } from '../http.js';
import { SERVICE_PRINCIPAL_SCHEMA } from '../odata/entities.js';
import { has, requirePermission } from './auth.js';
import { contextUrl, listReply, selectProps } from './collection.js';
import { applyCsaPatch } from './csa-values.js';
import { badRequest, denied, methodNotAllowed, noRoute, notFound } from './errors.js';
import type { GraphRequest } from './request.js';

const WRITABLE = new Set(['accountEnabled', 'appRoleAssignmentRequired', 'displayName', 'description', 'notes', 'tags', 'homepage', 'loginUrl', 'logoutUrl', 'notificationEmailAddresses', 'preferredSingleSignOnMode', 'servicePrincipalNames', 'appDescription']);
const READ_ONLY = new Set(['id', 'appId', 'appOwnerOrganizationId', 'deletedDateTime', 'servicePrincipalType', 'createdDateTime']);

function project(ctx: EmulatorContext, req: GraphRequest, sp: GraphObject): Record<string, unknown> {
  const { customSecurityAttributes, ...rest } = withoutExtras(sp);
  const wantsCsa = (req.query.select ?? []).some((s) => s.toLowerCase() === 'customsecurityattributes');
  if (!wantsCsa) return rest;
  // Unauthorised callers cannot tell "none assigned" from "not allowed": both read null.
  return { ...rest, customSecurityAttributes: has(req.caller, 'csaAssignmentRead') ? customSecurityAttributes ?? null : null };
}

/** `servicePrincipals(appId='…')` arrives as segments ['servicePrincipals', "$appId='…'"] from the router. */
function find(ctx: EmulatorContext, key: string): GraphObject | undefined {
  const alt = /^\$appId=(.*)$/i.exec(key);
  if (alt) return ctx.state.findServicePrincipalByAppId(alt[1]!);
  return ctx.state.snapshot.servicePrincipals.find((s) => typeof s.id === 'string' && s.id.toLowerCase() === key.toLowerCase());
}

export function servicePrincipalsRoutes(ctx: EmulatorContext, req: GraphRequest): Reply {
  const rest = req.segments.slice(1);
  const method = req.raw.method;
  if (rest.length === 0) {
    if (method !== 'GET') return methodNotAllowed(ctx, req.raw);
    return requirePermission(ctx, req.raw, req.caller, 'servicePrincipalsRead') ?? listReply(ctx, req, ctx.state.snapshot.servicePrincipals, {
      schema: SERVICE_PRINCIPAL_SCHEMA, defaultTop: 100, maxTop: 999, contextPath: 'servicePrincipals', project: (sp) => project(ctx, req, sp),
    });
  }
  if (rest.length > 1) return noRoute(ctx, req.raw);
  const key = rest[0]!;
  const sp = find(ctx, key);
  const shownKey = key.replace(/^\$appId=/i, '');
  if (method === 'GET') {
    const d = requirePermission(ctx, req.raw, req.caller, 'servicePrincipalsRead');
    if (d) return d;
    if (!sp) return notFound(ctx, req.raw, shownKey);
    return jsonReply(200, { '@odata.context': `${contextUrl(ctx, req, 'servicePrincipals', req.query.select)}/$entity`, ...selectProps(project(ctx, req, sp), req.query.select) });
  }
  if (method !== 'PATCH') return methodNotAllowed(ctx, req.raw);
  let body: unknown;
  try { body = readJson(req.raw); } catch { return badRequest(ctx, req.raw, 'The request body is not valid JSON.', 'Request_BadRequest'); }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return badRequest(ctx, req.raw, 'A servicePrincipal object is required.', 'Request_BadRequest');
  const patch = body as Record<string, unknown>;
  const keys = Object.keys(patch).filter((k) => !k.startsWith('@odata.'));
  const other = keys.filter((k) => k !== 'customSecurityAttributes');
  // Permission first, like Graph: a caller without rights learns nothing about the body or the object.
  if (keys.includes('customSecurityAttributes')) {
    if (!has(req.caller, 'csaAssignmentWrite') || !has(req.caller, 'servicePrincipalsRead')) return denied(ctx, req.raw);
  }
  if (other.length) { const d = requirePermission(ctx, req.raw, req.caller, 'servicePrincipalsWrite'); if (d) return d; }
  if (!sp) return notFound(ctx, req.raw, shownKey);
  for (const k of other) {
    if (READ_ONLY.has(k)) return badRequest(ctx, req.raw, `Property '${k}' is read-only and cannot be set.`, 'Request_BadRequest');
    if (!WRITABLE.has(k)) return badRequest(ctx, req.raw, `Property '${k}' does not exist on type 'microsoft.graph.servicePrincipal' or cannot be updated by the emulator.`, 'Request_BadRequest');
  }
  let csa: unknown = sp.customSecurityAttributes;
  if (keys.includes('customSecurityAttributes')) {
    const result = applyCsaPatch(sp.customSecurityAttributes, patch.customSecurityAttributes, ctx.state.snapshot.attributeSets, ctx.state.snapshot.customSecurityAttributeDefinitions);
    if (!result.ok) return badRequest(ctx, req.raw, result.message, 'Request_BadRequest');
    csa = result.value;
  }
  for (const k of other) sp[k] = structuredClone(patch[k]);
  if (keys.includes('customSecurityAttributes')) {
    if (csa === null && !('customSecurityAttributes' in sp)) delete sp.customSecurityAttributes; else sp.customSecurityAttributes = csa;
  }
  return noContent();
}
