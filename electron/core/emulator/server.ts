/**
 * The HTTPS listener. Reads the request, applies injected faults, calls the router, and writes the
 * Reply. A top-level catch turns any exception into a 500 Graph error and a log line: the emulator
 * must never crash on a request, however odd.
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { EmulatorContext } from './context.js';
import { graphDate } from './context.js';
import { jsonReply, type EmulatorRequest, type Reply } from './http.js';
import type { TlsIdentity } from './tls.js';
import type { ActiveFault } from './faults.js';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export type RequestHandler = (req: EmulatorRequest) => Promise<Reply>;

export interface ListeningServer {
  readonly port: number;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function graphErrorBody(ctx: EmulatorContext, req: { requestId: string; clientRequestId: string }, code: string, message: string) {
  return { error: { code, message, innerError: { date: graphDate(ctx.clock.now()), 'request-id': req.requestId, 'client-request-id': req.clientRequestId } } };
}

function readBody(raw: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    raw.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) { tooLarge = true; chunks.length = 0; return; }
      if (!tooLarge) chunks.push(c);
    });
    raw.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    raw.on('error', reject);
  });
}

function faultReply(ctx: EmulatorContext, req: EmulatorRequest, fault: ActiveFault): Reply {
  if (fault.kind === 'throttle') {
    const headers: Record<string, string> = {};
    if (fault.retryAfterSeconds !== null && fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
    return jsonReply(429, graphErrorBody(ctx, req, 'TooManyRequests', 'Too many requests.'), headers);
  }
  const status = fault.status ?? 503;
  const code = status === 503 ? 'serviceNotAvailable' : status === 504 ? 'gatewayTimeout' : status >= 500 ? 'generalException' : 'BadRequest';
  return jsonReply(status, graphErrorBody(ctx, req, code, `Injected fault: HTTP ${status}.`));
}

async function writeReply(res: ServerResponse, reply: Reply, deliver: ActiveFault | undefined): Promise<void> {
  const body = reply.body === null ? null : Buffer.isBuffer(reply.body) ? reply.body : Buffer.from(reply.body, 'utf8');
  const headers: Record<string, string> = { ...reply.headers };
  if (body) headers['content-length'] = String(body.length);
  res.writeHead(reply.status, headers);
  if (!body) { res.end(); return; }
  if (deliver?.kind === 'truncate') {
    const cut = Math.min(body.length - 1, deliver.truncateAtBytes ?? Math.floor(body.length / 2));
    res.write(body.subarray(0, Math.max(0, cut)));
    // Flush what we have, then drop the connection: the client sees a body shorter than Content-Length.
    await sleep(20);
    res.socket?.destroy();
    return;
  }
  if (deliver?.kind === 'slow') {
    const size = deliver.chunkBytes ?? 256;
    const delay = deliver.chunkDelayMs ?? 50;
    for (let i = 0; i < body.length; i += size) {
      if (res.destroyed) return;
      res.write(body.subarray(i, i + size));
      if (i + size < body.length) await sleep(delay);
    }
    res.end();
    return;
  }
  res.end(body);
}

export async function listen(ctx: EmulatorContext, tls: TlsIdentity, handler: RequestHandler, port = 0): Promise<ListeningServer> {
  const sockets = new Set<Socket>();
  const server = https.createServer({ cert: tls.certPem, key: tls.keyPem }, (raw, res) => {
    void serve(raw, res).catch((error: unknown) => {
      // Last line of defence (errors while writing): log and make sure the socket does not hang.
      ctx.log(`emulator: failed to answer ${raw.method} ${raw.url}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      if (!res.headersSent) { try { res.writeHead(500).end(); } catch { /* socket gone */ } } else res.destroy();
    });
  });
  server.on('secureConnection', (s: Socket) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  server.on('clientError', (_err, socket) => { try { socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n'); } catch { /* ignore */ } });
  server.on('tlsClientError', () => { /* a client that does not trust us: its problem, not a crash */ });

  async function serve(raw: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = ctx.random.guid();
    const clientRequestIdHeader = raw.headers['client-request-id'];
    const clientRequestId = (Array.isArray(clientRequestIdHeader) ? clientRequestIdHeader[0] : clientRequestIdHeader) || requestId;
    let url: URL;
    try {
      url = new URL(raw.url ?? '/', ctx.origin || 'https://127.0.0.1');
    } catch {
      url = new URL('https://127.0.0.1/');
    }
    const body = await readBody(raw);
    const req: EmulatorRequest = {
      method: (raw.method ?? 'GET').toUpperCase(),
      url,
      rawPath: (raw.url ?? '/').split('?')[0] ?? '/',
      headers: raw.headers,
      body: body === 'too-large' ? Buffer.alloc(0) : body,
      requestId,
      clientRequestId,
      remoteAddress: raw.socket.remoteAddress ?? '127.0.0.1',
    };
    const common = { 'request-id': requestId, 'client-request-id': clientRequestId, 'x-ms-ags-diagnostic': JSON.stringify({ ServerInfo: { DataCenter: 'Loopback', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'emulator' } }) };

    // The control API is never subject to injected faults: tests must always be able to clear them.
    const plan = url.pathname.startsWith('/_control/') ? { delayMs: 0 } : ctx.faults.plan(req.method, url.pathname);
    if (plan.delayMs > 0) await sleep(plan.delayMs);
    if (plan.replace?.kind === 'reset') {
      ctx.state.logRequest({ atMs: ctx.clock.nowMs(), method: req.method, path: url.pathname, status: 0, note: 'fault:reset' });
      raw.socket.destroy();
      return;
    }
    let reply: Reply;
    if (body === 'too-large') {
      reply = jsonReply(413, graphErrorBody(ctx, req, 'RequestEntityTooLarge', 'The request body is too large.'));
    } else if (plan.replace) {
      reply = faultReply(ctx, req, plan.replace);
    } else {
      try {
        reply = await handler(req);
      } catch (error) {
        ctx.log(`emulator: unhandled error for ${req.method} ${url.pathname}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        reply = jsonReply(500, graphErrorBody(ctx, req, 'generalException', 'An unexpected error occurred in the emulator. It has been logged.'));
      }
    }
    reply.headers = { ...common, ...reply.headers };
    const note = plan.replace ? `fault:${plan.replace.kind}` : plan.deliver ? `fault:${plan.deliver.kind}` : reply.headers['x-emulator-note'];
    delete reply.headers['x-emulator-note'];
    ctx.state.logRequest({ atMs: ctx.clock.nowMs(), method: req.method, path: url.pathname, status: reply.status, ...(note ? { note } : {}) });
    await writeReply(res, reply, plan.deliver);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const address = server.address() as AddressInfo;
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    }),
  };
}
