/**
 * The emulator's request/response model. Handlers get a parsed EmulatorRequest and return a Reply
 * value; only server.ts touches sockets. That keeps handlers testable and lets fault injection act
 * on a finished reply (truncate it, slow it down) the way a flaky network would.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface EmulatorRequest {
  readonly method: string;
  readonly url: URL;
  /** Raw path, percent-encoded as sent. */
  readonly rawPath: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly requestId: string;
  readonly clientRequestId: string;
  readonly remoteAddress: string;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string | null;
}

export function header(req: EmulatorRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

export function plainJsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

export function htmlReply(status: number, html: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers }, body: html };
}

export function noContent(headers: Record<string, string> = {}): Reply {
  return { status: 204, headers, body: null };
}

/** Body as JSON; `undefined` when empty, a SyntaxError when malformed (handlers map it to 400). */
export function readJson(req: EmulatorRequest): unknown {
  if (req.body.length === 0) return undefined;
  return JSON.parse(req.body.toString('utf8'));
}

/** application/x-www-form-urlencoded body (token, devicecode, the demo pages). */
export function readForm(req: EmulatorRequest): URLSearchParams {
  return new URLSearchParams(req.body.toString('utf8'));
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
