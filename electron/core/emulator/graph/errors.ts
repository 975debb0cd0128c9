/** Graph's error envelope (graph-facts §5): error.code, error.message, innerError date / request-id / client-request-id. */
import type { EmulatorContext } from '../context.js';
import { jsonReply, type EmulatorRequest, type Reply } from '../http.js';
import { graphErrorBody } from '../server.js';

export function graphError(ctx: EmulatorContext, req: EmulatorRequest, status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, graphErrorBody(ctx, req, code, message), headers);
}

export const notFound = (ctx: EmulatorContext, req: EmulatorRequest, id: string) =>
  graphError(ctx, req, 404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

export const badRequest = (ctx: EmulatorContext, req: EmulatorRequest, message: string, code = 'BadRequest') => graphError(ctx, req, 400, code, message);

export const denied = (ctx: EmulatorContext, req: EmulatorRequest) =>
  graphError(ctx, req, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');

export const noRoute = (ctx: EmulatorContext, req: EmulatorRequest) =>
  graphError(ctx, req, 404, 'UnknownError', `Resource not found for the segment '${req.url.pathname.split('/').filter(Boolean).slice(1).join('/') || '/'}'.`);

export const methodNotAllowed = (ctx: EmulatorContext, req: EmulatorRequest) =>
  graphError(ctx, req, 405, 'Request_BadRequest', `The HTTP method '${req.method}' is not allowed for this resource.`);
