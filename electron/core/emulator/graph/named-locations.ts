/**
 * /identity/conditionalAccess/namedLocations (graph-facts §2.6): polymorphic by @odata.type
 * (ipNamedLocation with ipRanges + isTrusted; countryNamedLocation with countriesAndRegions).
 * Same permissions and throttle bucket as CA policies. PATCH must name the @odata.type, as Graph requires.
 */
import { z } from 'zod';
import type { GraphObject } from '../../snapshot/types.js';
import type { EmulatorContext } from '../context.js';
import { jsonReply, noContent, readJson, type Reply } from '../http.js';
import { requirePermission } from './auth.js';
import { contextUrl, listReply, selectProps } from './collection.js';
import { badRequest, graphError, methodNotAllowed } from './errors.js';
import type { GraphRequest } from './request.js';
import { stripAnnotations } from './policy-schema.js';

const CIDR = /^(?:(?:\d{1,3}\.){3}\d{1,3}\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/;
const range = z.strictObject({ '@odata.type': z.enum(['#microsoft.graph.iPv4CidrRange', '#microsoft.graph.iPv6CidrRange']).optional(), cidrAddress: z.string().regex(CIDR) });
const common = { id: z.string().optional(), displayName: z.string().min(1), createdDateTime: z.string().nullable().optional(), modifiedDateTime: z.string().nullable().optional() };
const ipLocation = z.strictObject({ ...common, '@odata.type': z.literal('#microsoft.graph.ipNamedLocation'), ipRanges: z.array(range).min(1), isTrusted: z.boolean().optional() });
const countryLocation = z.strictObject({
  ...common, '@odata.type': z.literal('#microsoft.graph.countryNamedLocation'),
  countriesAndRegions: z.array(z.string().regex(/^[A-Za-z]{2}$/)),
  includeUnknownCountriesAndRegions: z.boolean().optional(),
  countryLookupMethod: z.enum(['clientIpAddress', 'authenticatorAppGps', 'unknownFutureValue']).optional(),
});
const locationSchema = z.discriminatedUnion('@odata.type', [ipLocation, countryLocation]);
const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function namedLocationsRoutes(ctx: EmulatorContext, req: GraphRequest, id: string | undefined): Reply {
  const list = ctx.state.snapshot.namedLocations;
  const method = req.raw.method;
  const read = () => requirePermission(ctx, req.raw, req.caller, 'conditionalAccessRead');
  const write = () => requirePermission(ctx, req.raw, req.caller, 'conditionalAccessWrite');
  const index = id === undefined ? -1 : list.findIndex((l) => typeof l.id === 'string' && l.id.toLowerCase() === id.toLowerCase());
  const missing = () => graphError(ctx, req.raw, 404, 'ResourceNotFound', `Named location '${id}' was not found.`);
  const entity = (l: GraphObject, status = 200) => jsonReply(status, { '@odata.context': `${contextUrl(ctx, req, 'identity/conditionalAccess/namedLocations')}/$entity`, ...selectProps(l, req.query.select) });
  const body = (): { ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply } => {
    let raw: unknown;
    try { raw = readJson(req.raw); } catch { return { ok: false, reply: badRequest(ctx, req.raw, 'The request body is not valid JSON.') }; }
    const v = stripAnnotations(raw);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return { ok: false, reply: badRequest(ctx, req.raw, 'A namedLocation object is required.') };
    return { ok: true, value: v as Record<string, unknown> };
  };
  const invalid = (issue: string) => badRequest(ctx, req.raw, `Invalid namedLocation: ${issue}`);

  if (id === undefined) {
    if (method === 'GET') return read() ?? listReply(ctx, req, list, { defaultTop: 100, maxTop: 1000, contextPath: 'identity/conditionalAccess/namedLocations', project: (l) => l });
    if (method !== 'POST') return methodNotAllowed(ctx, req.raw);
    const denied = write();
    if (denied) return denied;
    const b = body();
    if (!b.ok) return b.reply;
    const parsed = locationSchema.safeParse(b.value);
    if (!parsed.success) return invalid(parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
    const now = isoSeconds(ctx.clock.now());
    const created: GraphObject = { ...b.value, id: ctx.random.guid(), createdDateTime: now, modifiedDateTime: now };
    if (created['@odata.type'] === '#microsoft.graph.ipNamedLocation' && created.isTrusted === undefined) created.isTrusted = false;
    list.push(created);
    return entity(created, 201);
  }
  if (method === 'GET') return read() ?? (index < 0 ? missing() : entity(list[index]!));
  if (method === 'PATCH' || method === 'DELETE') {
    const denied = write();
    if (denied) return denied;
    if (index < 0) return missing();
    if (method === 'DELETE') { list.splice(index, 1); return noContent(); }
    const b = body();
    if (!b.ok) return b.reply;
    const current = list[index]!;
    if (b.value['@odata.type'] !== current['@odata.type']) return invalid("the '@odata.type' of the location must be given and must match the existing location.");
    const merged: GraphObject = { ...current, ...b.value, id: current.id, createdDateTime: current.createdDateTime };
    const parsed = locationSchema.safeParse(merged);
    if (!parsed.success) return invalid(parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
    merged.modifiedDateTime = isoSeconds(ctx.clock.now());
    list[index] = merged;
    return noContent();
  }
  return methodNotAllowed(ctx, req.raw);
}
