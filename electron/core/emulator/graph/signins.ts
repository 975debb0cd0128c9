/**
 * GET /auditLogs/signIns and /auditLogs/signIns/{id}. Order of checks as Graph: token → scope and
 * role → licence → throttle (5 / 10 s per app, 429 + Retry-After) → query. Only ingested sign-ins
 * are visible (ingestion delay); paging is stable while new ones arrive.
 */
import type { EmulatorContext } from '../context.js';
import { effectiveLicence } from '../context.js';
import { jsonReply, type Reply } from '../http.js';
import { ODataError } from '../odata/ast.js';
import { SIGN_IN_SCHEMA_BETA, SIGN_IN_SCHEMA_V1 } from '../odata/entities.js';
import { parseFilter } from '../odata/parser.js';
import type { FilterNode } from '../odata/ast.js';
import type { GraphObject } from '../../snapshot/types.js';
import { matches } from '../odata/evaluate.js';
import { checkFilter } from '../odata/schema.js';
import { decodeSkipToken } from '../odata/query.js';
import { has, requirePermission } from './auth.js';
import { contextUrl, pageReply, selectProps } from './collection.js';
import { graphError, methodNotAllowed, noRoute } from './errors.js';
import { prefersUnknownEnumMembers, type GraphRequest } from './request.js';
import { BETA_SIGN_IN_PROPERTIES, V1_SIGN_IN_PROPERTIES, shapeSignIn } from './signin-shape.js';

/**
 * The matching sign-ins of one listing, cached per (list version, query, start time): following
 * nextLinks through a million sign-ins filters once, not once per page.
 */
const listingCache = new WeakMap<EmulatorContext, Map<string, GraphObject[]>>();
function filteredSignIns(ctx: EmulatorContext, req: GraphRequest, o: { interactiveOnly: boolean; descending: boolean; asOfMs: number; ast: FilterNode | undefined }): GraphObject[] {
  const key = `${ctx.state.signInsVersion}|${req.version}|${o.asOfMs}|${o.descending}|${o.interactiveOnly}|${req.query.filter ?? ''}`;
  let cache = listingCache.get(ctx);
  if (!cache) { cache = new Map(); listingCache.set(ctx, cache); }
  const hit = cache.get(key);
  if (hit) return hit;
  const { desc, visibleAt } = ctx.state.signInsNewestFirst();
  const rows = desc.filter((r) => (visibleAt.get(r) ?? 0) <= o.asOfMs && (!o.interactiveOnly || isInteractiveUser(r)) && (!o.ast || matches(o.ast, r)));
  if (!o.descending) rows.reverse();
  cache.set(key, rows);
  if (cache.size > 8) cache.delete(cache.keys().next().value!);
  return rows;
}

function isInteractiveUser(r: Record<string, unknown>): boolean {
  if (Array.isArray(r.signInEventTypes)) return r.signInEventTypes.includes('interactiveUser');
  return r.isInteractive !== false;
}

function checkSelect(req: GraphRequest): void {
  const known = req.version === 'v1.0' ? V1_SIGN_IN_PROPERTIES : BETA_SIGN_IN_PROPERTIES;
  for (const s of req.query.select ?? []) {
    if (![...known].some((k) => k.toLowerCase() === s.toLowerCase())) throw new ODataError(`Could not find a property named '${s}' on type 'microsoft.graph.signIn'.`);
  }
}

function orderDescending(orderby: string | undefined): boolean {
  if (orderby === undefined) return true;
  const m = /^\s*createdDateTime(?:\s+(asc|desc))?\s*$/i.exec(orderby);
  if (!m) throw new ODataError(`Invalid $orderby '${orderby}': sign-ins can only be ordered by createdDateTime.`, 'Request_UnsupportedQuery');
  return (m[1] ?? 'asc').toLowerCase() === 'desc';
}

export function signInsRoutes(ctx: EmulatorContext, req: GraphRequest): Reply {
  const rest = req.segments.slice(1);
  if (rest.length < 1 || rest[0]!.toLowerCase() !== 'signins' || rest.length > 2) return noRoute(ctx, req.raw);
  if (req.raw.method !== 'GET') return methodNotAllowed(ctx, req.raw);
  const denied = requirePermission(ctx, req.raw, req.caller, 'signInsRead');
  if (denied) return denied;
  if (effectiveLicence(ctx) === 'free') {
    return graphError(ctx, req.raw, 403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', "Neither tenant is B2C or tenant doesn't have premium license");
  }
  const throttled = ctx.throttle.signIns(req.caller.appId);
  if (!throttled.ok) {
    return graphError(ctx, req.raw, 429, 'TooManyRequests', 'Too many requests. Please retry after the time given in the Retry-After header.',
      throttled.retryAfterSeconds !== null ? { 'retry-after': String(throttled.retryAfterSeconds) } : {});
  }

  const shape = {
    version: req.version,
    canSeeConditionalAccess: has(req.caller, 'signInsCaDetails'),
    includeUnknownEnumMembers: prefersUnknownEnumMembers(req),
  };
  const now = ctx.clock.nowMs();

  if (rest.length === 2) {
    const id = rest[1]!.toLowerCase();
    const entry = ctx.state.signIns.find((e) => e.visibleAtMs <= now && String(e.record.id).toLowerCase() === id);
    if (!entry) return graphError(ctx, req.raw, 404, 'ResourceNotFound', `Sign-in '${rest[1]}' was not found.`);
    checkSelect(req);
    return jsonReply(200, { '@odata.context': `${contextUrl(ctx, req, 'auditLogs/signIns', req.query.select)}/$entity`, ...selectProps(shapeSignIn(entry.record, shape), req.query.select) });
  }

  checkSelect(req);
  const schema = req.version === 'beta' ? SIGN_IN_SCHEMA_BETA : SIGN_IN_SCHEMA_V1;
  const ast = req.query.filter === undefined ? undefined : parseFilter(req.query.filter);
  const mentions = ast ? checkFilter(schema, ast) : new Set<string>();
  const descending = orderDescending(req.query.orderby);
  const asOfMs = decodeSkipToken(req.query, req.versionedPath)?.asOfMs ?? now;
  // beta without a signInEventTypes filter, and v1.0 always, return interactive sign-ins only (§1.4).
  const interactiveOnly = req.version === 'v1.0' || !mentions.has('signInEventTypes');
  const rows = filteredSignIns(ctx, req, { interactiveOnly, descending, asOfMs, ast });
  return pageReply(ctx, req, rows, { defaultTop: 1000, maxTop: 1000, contextPath: 'auditLogs/signIns' }, asOfMs, {},
    (r) => selectProps(shapeSignIn(r as GraphObject, shape), req.query.select));
}
