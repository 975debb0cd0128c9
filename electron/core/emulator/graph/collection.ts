/**
 * Listing a collection the way Graph pages it: $filter checked against the entity schema, $top
 * within the API's bounds (default page size when absent), @odata.nextLink absolute with the same
 * query plus an opaque $skiptoken, @odata.context naming the entity set.
 */
import type { GraphObject } from '../../snapshot/types.js';
import type { EmulatorContext } from '../context.js';
import { jsonReply, type Reply } from '../http.js';
import { ODataError } from '../odata/ast.js';
import { matches } from '../odata/evaluate.js';
import { parseFilter } from '../odata/parser.js';
import { checkFilter, type EntitySchema } from '../odata/schema.js';
import { decodeSkipToken, encodeSkipToken, nextLink } from '../odata/query.js';
import type { GraphRequest } from './request.js';

export interface ListSpec {
  /** undefined: this collection does not support $filter. */
  readonly schema?: EntitySchema;
  readonly defaultTop: number;
  readonly maxTop: number;
  /** `users`, `servicePrincipals`, `auditLogs/signIns`… for @odata.context. */
  readonly contextPath: string;
  readonly project: (o: GraphObject) => Record<string, unknown>;
}

export function checkTop(top: number | undefined, max: number): void {
  if (top !== undefined && (top < 1 || top > max)) throw new ODataError(`Invalid page size specified: '${top}'. Must be between 1 and ${max} inclusive.`);
}

export function applyFilter(items: readonly GraphObject[], filter: string | undefined, schema: EntitySchema | undefined): GraphObject[] {
  if (filter === undefined) return [...items];
  if (!schema) throw new ODataError("Query option '$filter' is not supported for this resource.", 'Request_UnsupportedQuery');
  const ast = parseFilter(filter);
  checkFilter(schema, ast);
  return items.filter((o) => matches(ast, o));
}

/** Keep `id` and the selected properties (case-insensitive names), in the order of $select. */
export function selectProps(o: Record<string, unknown>, select: readonly string[] | undefined): Record<string, unknown> {
  if (!select || select.length === 0 || select.includes('*')) return o;
  const out: Record<string, unknown> = {};
  if ('id' in o) out.id = o.id;
  for (const s of select) {
    const key = s in o ? s : Object.keys(o).find((k) => k.toLowerCase() === s.toLowerCase());
    if (key !== undefined) out[key] = o[key];
  }
  return out;
}

export function contextUrl(ctx: EmulatorContext, req: GraphRequest, path: string, select?: readonly string[]): string {
  return `${ctx.origin}/${req.version}/$metadata#${path}${select && select.length ? `(${select.join(',')})` : ''}`;
}

export function pageReply(ctx: EmulatorContext, req: GraphRequest, all: readonly Record<string, unknown>[], spec: Omit<ListSpec, 'schema' | 'project'>, asOfMs: number, extra: Record<string, unknown> = {}, projectPage?: (o: Record<string, unknown>) => Record<string, unknown>): Reply {
  checkTop(req.query.top, spec.maxTop);
  const skip = decodeSkipToken(req.query, req.versionedPath);
  const offset = skip?.offset ?? 0;
  const size = req.query.top ?? spec.defaultTop;
  // Shape only the page: listing 1,000 of a million sign-ins must not project the million.
  const slice = projectPage ? all.slice(offset, offset + size).map(projectPage) : all.slice(offset, offset + size);
  const body: Record<string, unknown> = { '@odata.context': contextUrl(ctx, req, spec.contextPath, req.query.select), ...extra };
  if (req.query.count) body['@odata.count'] = all.length;
  if (offset + size < all.length) {
    body['@odata.nextLink'] = nextLink(ctx.origin, req.versionedPath, req.query, encodeSkipToken(req.query, req.versionedPath, { offset: offset + size, asOfMs }));
  }
  body.value = slice;
  return jsonReply(200, body);
}

/** Filter + project + page: the whole list for a plain directory collection. */
export function listReply(ctx: EmulatorContext, req: GraphRequest, items: readonly GraphObject[], spec: ListSpec): Reply {
  const filtered = applyFilter(items, req.query.filter, spec.schema);
  const projected = filtered.map((o) => selectProps(spec.project(o), req.query.select));
  return pageReply(ctx, req, projected, spec, ctx.clock.nowMs());
}
