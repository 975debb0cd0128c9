/**
 * /directory/attributeSets and /directory/customSecurityAttributeDefinitions (+ allowedValues),
 * graph-facts §4.1: ids are case-insensitive and immutable, a definition's id is `<set>_<name>`,
 * definitions are never deleted (only Deprecated), usePreDefinedValuesOnly may go true→false only,
 * Boolean attributes cannot be collections or predefined-only, ≤500 sets, ≤500 active definitions.
 * Creation answers 201 with the entity. Permissions: attribute roles only — not Global Administrator.
 */
import { z } from 'zod';
import type { GraphObject } from '../../snapshot/types.js';
import type { EmulatorContext } from '../context.js';
import { jsonReply, noContent, readJson, type Reply } from '../http.js';
import { CSA_DEFINITION_SCHEMA } from '../odata/entities.js';
import { requirePermission } from './auth.js';
import { contextUrl, listReply, selectProps } from './collection.js';
import { badRequest, methodNotAllowed, noRoute, notFound } from './errors.js';
import type { GraphRequest } from './request.js';
import { stripAnnotations } from './policy-schema.js';

const NAME = z.string().min(1).max(32).regex(/^[A-Za-z0-9]+$/, 'only letters and digits, no spaces or special characters');
const setCreate = z.strictObject({ id: NAME, description: z.string().max(128).nullable().optional(), maxAttributesPerSet: z.number().int().min(1).max(500).nullable().optional() });
const setPatch = z.strictObject({ description: z.string().max(128).nullable().optional(), maxAttributesPerSet: z.number().int().min(1).max(500).nullable().optional() });
const allowedValue = z.strictObject({ id: z.string().min(1).max(64), isActive: z.boolean() });
const defCreate = z.strictObject({
  attributeSet: z.string().min(1), name: NAME, description: z.string().max(128).nullable().optional(),
  type: z.enum(['String', 'Integer', 'Boolean']), status: z.enum(['Available', 'Deprecated']),
  isCollection: z.boolean(), isSearchable: z.boolean(), usePreDefinedValuesOnly: z.boolean().optional(),
  allowedValues: z.array(allowedValue).optional(),
});
const defPatch = z.strictObject({ description: z.string().max(128).nullable().optional(), status: z.enum(['Available', 'Deprecated']).optional(), usePreDefinedValuesOnly: z.boolean().optional() });

const eqId = (a: unknown, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
const issues = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');

function body(ctx: EmulatorContext, req: GraphRequest): { ok: true; value: unknown } | { ok: false; reply: Reply } {
  try { return { ok: true, value: stripAnnotations(readJson(req.raw)) }; } catch { return { ok: false, reply: badRequest(ctx, req.raw, 'The request body is not valid JSON.', 'Request_BadRequest') }; }
}

export function directoryRoutes(ctx: EmulatorContext, req: GraphRequest): Reply {
  const [, collection, id, sub, subId, ...more] = req.segments;
  if (!collection || more.length) return noRoute(ctx, req.raw);
  if (collection.toLowerCase() === 'attributesets' && sub === undefined) return attributeSets(ctx, req, id);
  if (collection.toLowerCase() === 'customsecurityattributedefinitions') {
    if (sub === undefined) return definitionsRoute(ctx, req, id);
    if (id !== undefined && sub.toLowerCase() === 'allowedvalues') return allowedValues(ctx, req, id, subId);
  }
  return noRoute(ctx, req.raw);
}

function attributeSets(ctx: EmulatorContext, req: GraphRequest, id: string | undefined): Reply {
  const list = ctx.state.snapshot.attributeSets;
  const method = req.raw.method;
  const read = () => requirePermission(ctx, req.raw, req.caller, 'csaDefinitionRead');
  const write = () => requirePermission(ctx, req.raw, req.caller, 'csaDefinitionWrite');
  const entity = (s: GraphObject, status = 200) => jsonReply(status, { '@odata.context': `${contextUrl(ctx, req, 'directory/attributeSets')}/$entity`, ...selectProps(s, req.query.select) });
  if (id === undefined) {
    if (method === 'GET') return read() ?? listReply(ctx, req, list, { defaultTop: 100, maxTop: 999, contextPath: 'directory/attributeSets', project: (s) => s });
    if (method !== 'POST') return methodNotAllowed(ctx, req.raw);
    const d = write(); if (d) return d;
    const b = body(ctx, req); if (!b.ok) return b.reply;
    const parsed = setCreate.safeParse(b.value);
    if (!parsed.success) return badRequest(ctx, req.raw, `Invalid attributeSet: ${issues(parsed.error)}`, 'Request_BadRequest');
    if (list.some((s) => eqId(s.id, parsed.data.id))) return badRequest(ctx, req.raw, `Another object with the same value for property id already exists: '${parsed.data.id}'.`, 'Request_BadRequest');
    if (list.length >= 500) return badRequest(ctx, req.raw, 'The tenant already has the maximum of 500 attribute sets.', 'Request_BadRequest');
    const created: GraphObject = { id: parsed.data.id, description: parsed.data.description ?? null, maxAttributesPerSet: parsed.data.maxAttributesPerSet ?? null };
    list.push(created);
    return entity(created, 201);
  }
  const set = list.find((s) => eqId(s.id, id));
  if (method === 'GET') return read() ?? (set ? entity(set) : notFound(ctx, req.raw, id));
  if (method !== 'PATCH') return methodNotAllowed(ctx, req.raw);
  const d = write(); if (d) return d;
  if (!set) return notFound(ctx, req.raw, id);
  const b = body(ctx, req); if (!b.ok) return b.reply;
  const parsed = setPatch.safeParse(b.value);
  if (!parsed.success) return badRequest(ctx, req.raw, `Invalid attributeSet update: ${issues(parsed.error)}`, 'Request_BadRequest');
  Object.assign(set, parsed.data);
  return noContent();
}

function projectDefinition(req: GraphRequest, def: GraphObject): Record<string, unknown> {
  const { allowedValues, ...rest } = def;
  const expand = (req.query.expand ?? []).some((e) => e.toLowerCase() === 'allowedvalues');
  return expand ? { ...rest, allowedValues: Array.isArray(allowedValues) ? allowedValues : [] } : rest;
}

function definitionsRoute(ctx: EmulatorContext, req: GraphRequest, id: string | undefined): Reply {
  const list = ctx.state.snapshot.customSecurityAttributeDefinitions;
  const method = req.raw.method;
  const read = () => requirePermission(ctx, req.raw, req.caller, 'csaDefinitionRead');
  const write = () => requirePermission(ctx, req.raw, req.caller, 'csaDefinitionWrite');
  const entity = (def: GraphObject, status = 200) => jsonReply(status, { '@odata.context': `${contextUrl(ctx, req, 'directory/customSecurityAttributeDefinitions')}/$entity`, ...selectProps(projectDefinition(req, def), req.query.select) });
  const expandProblem = (req.query.expand ?? []).find((e) => e.toLowerCase() !== 'allowedvalues');
  if (expandProblem) return badRequest(ctx, req.raw, `Could not find a navigation property named '${expandProblem}' on type 'microsoft.graph.customSecurityAttributeDefinition'.`);
  if (id === undefined) {
    if (method === 'GET') return read() ?? listReply(ctx, req, list, { schema: CSA_DEFINITION_SCHEMA, defaultTop: 100, maxTop: 999, contextPath: 'directory/customSecurityAttributeDefinitions', project: (def) => projectDefinition(req, def) });
    if (method !== 'POST') return methodNotAllowed(ctx, req.raw);
    const d = write(); if (d) return d;
    const b = body(ctx, req); if (!b.ok) return b.reply;
    const parsed = defCreate.safeParse(b.value);
    if (!parsed.success) return badRequest(ctx, req.raw, `Invalid customSecurityAttributeDefinition: ${issues(parsed.error)}`, 'Request_BadRequest');
    const v = parsed.data;
    const set = ctx.state.snapshot.attributeSets.find((s) => eqId(s.id, v.attributeSet));
    if (!set) return badRequest(ctx, req.raw, `The attribute set '${v.attributeSet}' does not exist.`, 'Request_BadRequest');
    if (v.type === 'Boolean' && (v.isCollection || v.usePreDefinedValuesOnly)) return badRequest(ctx, req.raw, 'A Boolean attribute cannot be a collection or use predefined values only.', 'Request_BadRequest');
    const newId = `${String(set.id)}_${v.name}`;
    if (list.some((x) => eqId(x.id, newId))) return badRequest(ctx, req.raw, `Another object with the same value for property id already exists: '${newId}'.`, 'Request_BadRequest');
    if (v.status === 'Available' && list.filter((x) => x.status !== 'Deprecated').length >= 500) return badRequest(ctx, req.raw, 'The tenant already has the maximum of 500 active custom security attributes.', 'Request_BadRequest');
    const inSet = list.filter((x) => eqId(x.attributeSet, String(set.id))).length;
    if (typeof set.maxAttributesPerSet === 'number' && inSet >= set.maxAttributesPerSet) return badRequest(ctx, req.raw, `The attribute set '${String(set.id)}' already holds its maximum of ${set.maxAttributesPerSet} attributes.`, 'Request_BadRequest');
    const created: GraphObject = {
      id: newId, attributeSet: String(set.id), name: v.name, description: v.description ?? null, type: v.type, status: v.status,
      isCollection: v.isCollection, isSearchable: v.isSearchable, usePreDefinedValuesOnly: v.usePreDefinedValuesOnly ?? false,
      allowedValues: v.allowedValues ?? [],
    };
    list.push(created);
    return entity(created, 201);
  }
  const def = list.find((x) => eqId(x.id, id));
  if (method === 'GET') return read() ?? (def ? entity(def) : notFound(ctx, req.raw, id));
  if (method !== 'PATCH') return methodNotAllowed(ctx, req.raw);
  const d = write(); if (d) return d;
  if (!def) return notFound(ctx, req.raw, id);
  const b = body(ctx, req); if (!b.ok) return b.reply;
  const parsed = defPatch.safeParse(b.value);
  if (!parsed.success) return badRequest(ctx, req.raw, `Only description, status and usePreDefinedValuesOnly can be changed: ${issues(parsed.error)}`, 'Request_BadRequest');
  if (parsed.data.usePreDefinedValuesOnly === true && def.usePreDefinedValuesOnly !== true) return badRequest(ctx, req.raw, 'usePreDefinedValuesOnly can be changed from true to false only.', 'Request_BadRequest');
  if (parsed.data.status === 'Available' && def.status === 'Deprecated' && list.filter((x) => x.status !== 'Deprecated').length >= 500) return badRequest(ctx, req.raw, 'The tenant already has the maximum of 500 active custom security attributes.', 'Request_BadRequest');
  Object.assign(def, parsed.data);
  return noContent();
}

function allowedValues(ctx: EmulatorContext, req: GraphRequest, defId: string, valueId: string | undefined): Reply {
  const method = req.raw.method;
  const def = ctx.state.snapshot.customSecurityAttributeDefinitions.find((x) => eqId(x.id, defId));
  const read = () => requirePermission(ctx, req.raw, req.caller, 'csaDefinitionRead');
  const write = () => requirePermission(ctx, req.raw, req.caller, 'csaDefinitionWrite');
  const denied = method === 'GET' ? read() : write();
  if (denied) return denied;
  if (!def) return notFound(ctx, req.raw, defId);
  if (!Array.isArray(def.allowedValues)) def.allowedValues = [];
  const values = def.allowedValues as GraphObject[];
  const ctxPath = `directory/customSecurityAttributeDefinitions('${String(def.id)}')/allowedValues`;
  if (valueId === undefined) {
    if (method === 'GET') return listReply(ctx, req, values, { defaultTop: 100, maxTop: 999, contextPath: ctxPath, project: (v) => v });
    if (method !== 'POST') return methodNotAllowed(ctx, req.raw);
    const b = body(ctx, req); if (!b.ok) return b.reply;
    const parsed = allowedValue.safeParse(b.value);
    if (!parsed.success) return badRequest(ctx, req.raw, `Invalid allowedValue: ${issues(parsed.error)}`, 'Request_BadRequest');
    if (def.type === 'Boolean') return badRequest(ctx, req.raw, 'A Boolean attribute cannot have predefined values.', 'Request_BadRequest');
    if (values.some((v) => v.id === parsed.data.id)) return badRequest(ctx, req.raw, `Another object with the same value for property id already exists: '${parsed.data.id}'.`, 'Request_BadRequest');
    const created = { ...parsed.data };
    values.push(created);
    return jsonReply(201, { '@odata.context': `${ctx.origin}/${req.version}/$metadata#${ctxPath}/$entity`, ...created });
  }
  const value = values.find((v) => v.id === valueId);
  if (method === 'GET') return value ? jsonReply(200, { '@odata.context': `${ctx.origin}/${req.version}/$metadata#${ctxPath}/$entity`, ...value }) : notFound(ctx, req.raw, valueId);
  if (method !== 'PATCH') return methodNotAllowed(ctx, req.raw);
  if (!value) return notFound(ctx, req.raw, valueId);
  const b = body(ctx, req); if (!b.ok) return b.reply;
  const parsed = z.strictObject({ isActive: z.boolean() }).safeParse(b.value);
  if (!parsed.success) return badRequest(ctx, req.raw, `Only isActive can be changed: ${issues(parsed.error)}`, 'Request_BadRequest');
  value.isActive = parsed.data.isActive;
  return noContent();
}
