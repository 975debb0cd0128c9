/**
 * The last link of a graph-client middleware chain: sends the request through a Transport.
 * graph-client's own HTTPMessageHandler calls the global fetch, which cannot trust the emulator's
 * per-run certificate (and must not: trust is per origin, see transport.ts).
 *
 * Use: Client.initWithMiddleware({ middleware: [new AuthenticationHandler(p), new RetryHandler(),
 * new RedirectHandler(), new TelemetryHandler(), new GraphTransportMiddleware(transport)],
 * customHosts: new Set(['127.0.0.1']) }) — AuthenticationHandler only attaches the token for
 * https hosts in Graph's set or customHosts (hostname, no port; graph-facts §8.6).
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { Transport } from './transport.js';

export class GraphTransportMiddleware implements Middleware {
  constructor(private readonly transport: Transport) {}

  async execute(context: Context): Promise<void> {
    const request = context.request;
    if (typeof request === 'string') {
      context.response = await this.transport(request, context.options as RequestInit | undefined);
      return;
    }
    // A Request object: carry its method/headers/body over, then let explicit options win.
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      body: request.body ? await request.arrayBuffer() : undefined,
      signal: request.signal,
      ...(context.options as RequestInit | undefined),
    };
    context.response = await this.transport(request.url, init);
  }

  /** Last in the chain by construction; graph-client calls setNext on every middleware but this one. */
  setNext(_next: Middleware): void {
    throw new Error('GraphTransportMiddleware must be the last middleware of the chain');
  }
}
