/**
 * The reads and writes the exemption makes, one function per Graph call, over a GraphCaller. Reads
 * answer null for 404 (the object does not exist yet); every other non-2xx is a GraphWriteError.
 * Writes return the reply so its request id reaches the audit log.
 */
import { GraphWriteError, type GraphCaller, type GraphReply } from './graph-caller.js';
import type { JsonObject } from './types.js';

export interface ReadResult<T> { readonly value: T; readonly requestId: string | null }

function ok(reply: GraphReply): boolean {
  return reply.status >= 200 && reply.status < 300;
}

async function read(graph: GraphCaller, path: string, what: string, headers?: Record<string, string>): Promise<ReadResult<JsonObject | null>> {
  const reply = await graph.call('GET', path, undefined, headers);
  if (reply.status === 404) return { value: null, requestId: reply.requestId };
  if (!ok(reply)) throw GraphWriteError.from(reply, what);
  return { value: reply.body as JsonObject, requestId: reply.requestId };
}

export async function write(graph: GraphCaller, method: 'POST' | 'PATCH' | 'DELETE', path: string, body: unknown, what: string): Promise<GraphReply> {
  const reply = await graph.call(method, path, body);
  if (!ok(reply)) throw GraphWriteError.from(reply, what);
  return reply;
}

const enc = encodeURIComponent;

export const tenantOps = {
  readPolicy: (g: GraphCaller, id: string) => read(g, `/identity/conditionalAccess/policies/${enc(id)}`, `reading policy ${id}`),
  readPolicies: async (g: GraphCaller): Promise<ReadResult<JsonObject[]>> => {
    const r = await read(g, '/identity/conditionalAccess/policies', 'listing Conditional Access policies');
    return { value: ((r.value?.value as JsonObject[] | undefined) ?? []), requestId: r.requestId };
  },
  readAttributeSet: (g: GraphCaller, id: string) => read(g, `/directory/attributeSets/${enc(id)}`, `reading attribute set ${id}`),
  readDefinition: (g: GraphCaller, id: string) =>
    read(g, `/directory/customSecurityAttributeDefinitions/${enc(id)}?$expand=allowedValues`, `reading attribute ${id}`),
  readServicePrincipal: (g: GraphCaller, id: string) =>
    read(g, `/servicePrincipals/${enc(id)}?$select=id,appId,displayName,customSecurityAttributes`, `reading service principal ${id}`),
  readServicePrincipalByAppId: (g: GraphCaller, appId: string) =>
    read(g, `/servicePrincipals(appId='${enc(appId.replace(/'/gu, "''"))}')?$select=id,appId,displayName,customSecurityAttributes`, `reading service principal of app ${appId}`),
  createPolicy: (g: GraphCaller, body: JsonObject) => write(g, 'POST', '/identity/conditionalAccess/policies', body, 'creating the report-only copy'),
  deletePolicy: (g: GraphCaller, id: string) => write(g, 'DELETE', `/identity/conditionalAccess/policies/${enc(id)}`, undefined, `deleting policy ${id}`),
};
