/**
 * /identity/conditionalAccess/policies: list, get, POST (201), PATCH (204, deep merge of
 * `conditions`), DELETE (204). Every request on the conditionalAccess root shares the tenant's
 * ~1 request/s budget; its 429s carry no Retry-After (graph-facts §2.4).
 */
import type { GraphObject } from '../../snapshot/types.js';
import type { EmulatorContext } from '../context.js';
import { jsonReply, noContent, readJson, type Reply } from '../http.js';
import { requirePermission } from './auth.js';
import { contextUrl, listReply, selectProps } from './collection.js';
import { badRequest, graphError, methodNotAllowed, noRoute } from './errors.js';
import { prefersUnknownEnumMembers, type GraphRequest } from './request.js';
import { BETA_ONLY_CONDITION_PATHS, CONDITION_CHILDREN, SCHEMA_1007, policyCreateSchema, policyPatchSchema, stripAnnotations } from './policy-schema.js';
import { namedLocationsRoutes } from './named-locations.js';
import { whatIfRoute } from './what-if.js';

const READ_ONLY = ['id', 'createdDateTime', 'modifiedDateTime', 'deletedDateTime'];
const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function conditionalAccessRoutes(ctx: EmulatorContext, req: GraphRequest): Reply {
  // segments: identity, conditionalAccess, <collection>, [id]
  const [, root, collection, id, ...more] = req.segments;
  if (root?.toLowerCase() !== 'conditionalaccess' || !collection || more.length) return noRoute(ctx, req.raw);
  const throttled = ctx.throttle.conditionalAccess();
  if (!throttled.ok) return graphError(ctx, req.raw, 429, 'TooManyRequests', 'Too many requests.');
  switch (collection.toLowerCase()) {
    case 'policies': return policies(ctx, req, id);
    case 'namedlocations': return namedLocationsRoutes(ctx, req, id);
    case 'evaluate': return id === undefined ? whatIfRoute(ctx, req) : noRoute(ctx, req.raw);
    default: return noRoute(ctx, req.raw);
  }
}

const EVOLVABLE_PLATFORMS = new Set(['linux']);
const EVOLVABLE_CONTROLS = new Set(['riskRemediation']);

/** v1.0 drops beta-only members; evolvable enum members read as unknownFutureValue without Prefer. */
export function shapePolicy(req: GraphRequest, policy: GraphObject): Record<string, unknown> {
  const p = structuredClone(policy) as Record<string, any>;
  if (req.version === 'v1.0' && p.conditions && typeof p.conditions === 'object') {
    for (const path of BETA_ONLY_CONDITION_PATHS) {
      if (path.length === 1) delete p.conditions[path[0]!];
      else if (p.conditions[path[0]!] && typeof p.conditions[path[0]!] === 'object') delete p.conditions[path[0]!][path[1]!];
    }
  }
  if (!prefersUnknownEnumMembers(req)) {
    const map = (list: unknown, evolvable: Set<string>) => (Array.isArray(list) ? [...new Set(list.map((v) => (typeof v === 'string' && evolvable.has(v) ? 'unknownFutureValue' : v)))] : list);
    const platforms = p.conditions?.platforms;
    if (platforms && typeof platforms === 'object') {
      platforms.includePlatforms = map(platforms.includePlatforms, EVOLVABLE_PLATFORMS);
      platforms.excludePlatforms = map(platforms.excludePlatforms, EVOLVABLE_PLATFORMS);
    }
    if (p.grantControls && typeof p.grantControls === 'object') p.grantControls.builtInControls = map(p.grantControls.builtInControls, EVOLVABLE_CONTROLS);
  }
  return p;
}

type Checked = { ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply };

function parseBody(ctx: EmulatorContext, req: GraphRequest, mode: 'create' | 'patch'): Checked {
  let raw: unknown;
  try { raw = readJson(req.raw); } catch { return { ok: false, reply: badRequest(ctx, req.raw, SCHEMA_1007) }; }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reply: badRequest(ctx, req.raw, SCHEMA_1007) };
  const body = stripAnnotations(raw) as Record<string, any>;
  if (req.version === 'v1.0' && body.conditions && typeof body.conditions === 'object') {
    for (const path of BETA_ONLY_CONDITION_PATHS) {
      const present = path.length === 1 ? path[0]! in body.conditions : body.conditions[path[0]!] && typeof body.conditions[path[0]!] === 'object' && path[1]! in body.conditions[path[0]!];
      if (present) return { ok: false, reply: badRequest(ctx, req.raw, SCHEMA_1007) };
    }
  }
  const parsed = (mode === 'create' ? policyCreateSchema : policyPatchSchema).safeParse(body);
  if (!parsed.success) return { ok: false, reply: badRequest(ctx, req.raw, SCHEMA_1007) };
  return { ok: true, value: body };
}

/** Rules Graph checks on the whole policy after a create or a merge (§2.2). */
function semanticProblem(policy: Record<string, any>): string | null {
  const c = policy.conditions ?? {};
  const devices = c.devices;
  if (c.deviceStates && devices) return "1060: 'deviceStates' and 'devices' conditions cannot be set together.";
  if (devices && ((devices.includeDeviceStates?.length ?? 0) > 0 || (devices.excludeDeviceStates?.length ?? 0) > 0)) {
    return "1088: 'includeDeviceStates' and 'excludeDeviceStates' are no longer supported. Use 'deviceFilter' instead.";
  }
  if (c.deviceStates && ((c.deviceStates.includeStates?.length ?? 0) > 0 || (c.deviceStates.excludeStates?.length ?? 0) > 0)) {
    return "1088: The 'deviceStates' condition is no longer supported. Use 'devices.deviceFilter' instead.";
  }
  return null;
}

/**
 * PATCH merge (graph-facts §2.4): top-level properties replace; `conditions` merges per child and
 * within a child per property — each property value (a list, applicationFilter, a guests block)
 * is replaced whole, null clears; `sessionControls` merges per control; `grantControls` replaces.
 */
export function mergePolicy(existing: Record<string, any>, patch: Record<string, any>): Record<string, any> {
  const out = structuredClone(existing);
  for (const [k, v] of Object.entries(patch)) {
    if (READ_ONLY.includes(k)) continue;
    if (k === 'conditions' && v && typeof v === 'object') {
      out.conditions = out.conditions && typeof out.conditions === 'object' ? out.conditions : {};
      for (const child of CONDITION_CHILDREN) {
        if (!(child in v)) continue;
        const val = v[child];
        const cur = out.conditions[child];
        out.conditions[child] = val && typeof val === 'object' && !Array.isArray(val) && cur && typeof cur === 'object' && !Array.isArray(cur)
          ? { ...cur, ...structuredClone(val) } : structuredClone(val);
      }
    } else if (k === 'sessionControls' && v && typeof v === 'object' && out.sessionControls && typeof out.sessionControls === 'object') {
      out.sessionControls = { ...out.sessionControls, ...structuredClone(v) };
    } else {
      out[k] = structuredClone(v);
    }
  }
  return out;
}

function policies(ctx: EmulatorContext, req: GraphRequest, id: string | undefined): Reply {
  const list = ctx.state.snapshot.conditionalAccessPolicies;
  const method = req.raw.method;
  const readDenied = () => requirePermission(ctx, req.raw, req.caller, 'conditionalAccessRead');
  const writeDenied = () => requirePermission(ctx, req.raw, req.caller, 'conditionalAccessWrite');
  const find = (pid: string) => list.findIndex((p) => typeof p.id === 'string' && p.id.toLowerCase() === pid.toLowerCase());
  const missing = (pid: string) => graphError(ctx, req.raw, 404, 'ResourceNotFound', `Policy '${pid}' was not found.`);
  const entity = (p: GraphObject, status = 200) => jsonReply(status, { '@odata.context': `${contextUrl(ctx, req, 'identity/conditionalAccess/policies', req.query.select)}/$entity`, ...selectProps(shapePolicy(req, p), req.query.select) });

  if (id === undefined) {
    if (method === 'GET') return readDenied() ?? listReply(ctx, req, list, { defaultTop: 1000, maxTop: 1000, contextPath: 'identity/conditionalAccess/policies', project: (p) => shapePolicy(req, p) });
    if (method !== 'POST') return methodNotAllowed(ctx, req.raw);
    const denied = writeDenied();
    if (denied) return denied;
    const body = parseBody(ctx, req, 'create');
    if (!body.ok) return body.reply;
    const problem = semanticProblem(body.value);
    if (problem) return badRequest(ctx, req.raw, problem);
    const now = isoSeconds(ctx.clock.now());
    const created: GraphObject = { ...mergePolicy({}, body.value), id: ctx.random.guid(), createdDateTime: now, modifiedDateTime: null };
    if (!('templateId' in created)) created.templateId = null;
    if (!('description' in created)) created.description = null;
    list.push(created);
    return entity(created, 201);
  }

  const index = find(id);
  if (method === 'GET') return readDenied() ?? (index < 0 ? missing(id) : entity(list[index]!));
  if (method === 'PATCH') {
    const denied = writeDenied();
    if (denied) return denied;
    if (index < 0) return missing(id);
    const body = parseBody(ctx, req, 'patch');
    if (!body.ok) return body.reply;
    const merged = mergePolicy(list[index]!, body.value);
    const problem = semanticProblem(merged);
    if (problem) return badRequest(ctx, req.raw, problem);
    merged.modifiedDateTime = isoSeconds(ctx.clock.now());
    list[index] = merged as GraphObject;
    return noContent();
  }
  if (method === 'DELETE') {
    const denied = writeDenied();
    if (denied) return denied;
    if (index < 0) return missing(id);
    list.splice(index, 1);
    return noContent();
  }
  return methodNotAllowed(ctx, req.raw);
}
