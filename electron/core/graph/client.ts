import { AuthenticationHandler, Client, type Middleware } from '@microsoft/microsoft-graph-client';
import type { CloudProfile } from '../net/clouds.js';
import { GraphTransportMiddleware } from '../net/graph-transport-middleware.js';
import type { Transport } from '../net/transport.js';
import { AppError } from './app-error.js';
import { mapGraphError, type ErrorContext } from './errors.js';
import { NetworkRetryMiddleware, type NetworkRetryOptions } from './network-retry.js';
import { GRAPH_BUDGETS, PacingMiddleware, type Budgets, type PacingEvents } from './pacing.js';
import type { GraphResource } from './permissions.js';
import { StatusRetryMiddleware } from './status-retry.js';

/** Where the Graph client gets bearer tokens (an AuthSession's silent call in the app). */
export interface TokenProvider {
  getAccessToken(scopes?: readonly string[]): Promise<string>;
  /** Scopes granted to the current token, when known — sharpens "missing scope" vs "missing role" errors. */
  grantedScopes?(): readonly string[] | undefined;
}

export interface GraphClientOptions {
  readonly cloud: CloudProfile;
  readonly tokenProvider: TokenProvider;
  readonly transport: Transport;
  readonly budgets?: Budgets;
  readonly pacingEvents?: PacingEvents;
  /**
   * Status retries (status-retry.ts): first back-off in seconds when Graph names no Retry-After,
   * retries of a 429 (any method), retries of a 500/502/503/504 on a read.
   */
  readonly retry?: { readonly delaySeconds?: number; readonly maxRetries?: number; readonly serverErrorRetries?: number };
  readonly networkRetry?: NetworkRetryOptions;
}

export type ApiVersion = 'v1.0' | 'beta';

export interface RequestOptions {
  readonly version?: ApiVersion;
  readonly headers?: Readonly<Record<string, string>>;
  /** Pre-encoded query string parts, e.g. `$filter=<encodeQueryValue(f.text)>`. */
  readonly query?: readonly string[];
  readonly signal?: AbortSignal;
  readonly resource: GraphResource;
}

export interface Page<T> { readonly value: T[]; readonly nextLink?: string }

/**
 * A graph-client Client for one cloud, with the chain
 *   AuthenticationHandler → StatusRetryMiddleware (429 any method; 5xx on reads; Retry-After) →
 *   NetworkRetryMiddleware (resets, refused, cut bodies; reads) → PacingMiddleware (per-resource
 *   budgets counted from the response side, shared 429 cool-down) → GraphTransportMiddleware (the
 *   app's network seam). Both retry layers sit above pacing, so every resend spends budget.
 * Every failure leaves as an AppError (errors.ts).
 */
export class GraphClient {
  readonly client: Client;
  constructor(private readonly options: GraphClientOptions) {
    const { cloud, tokenProvider, transport } = options;
    const chain: Middleware[] = [
      new AuthenticationHandler({ getAccessToken: async () => tokenProvider.getAccessToken() }),
      new StatusRetryMiddleware({
        ...(options.retry?.delaySeconds !== undefined ? { baseDelayMs: options.retry.delaySeconds * 1000 } : {}),
        ...(options.retry?.maxRetries !== undefined ? { maxRetries: options.retry.maxRetries } : {}),
        ...(options.retry?.serverErrorRetries !== undefined ? { serverErrorRetries: options.retry.serverErrorRetries } : {}),
      }),
      new NetworkRetryMiddleware(options.networkRetry),
      new PacingMiddleware(options.budgets ?? GRAPH_BUDGETS, options.pacingEvents),
      new GraphTransportMiddleware(transport),
    ];
    this.client = Client.initWithMiddleware({
      baseUrl: cloud.graphBaseUrl,
      defaultVersion: 'v1.0',
      middleware: chain,
      // AuthenticationHandler only attaches tokens for https hosts it knows (graph-facts §8.6).
      customHosts: new Set(cloud.graphHosts),
    });
  }

  /** One GET of a path (relative, e.g. `/organization`) or an absolute nextLink. */
  async get<T>(pathOrUrl: string, options: RequestOptions): Promise<T> {
    const url = pathOrUrl.startsWith('https://') ? pathOrUrl : `${pathOrUrl}${options.query?.length ? `?${options.query.join('&')}` : ''}`;
    try {
      let request = this.client.api(url);
      if (!pathOrUrl.startsWith('https://')) request = request.version(options.version ?? 'v1.0');
      if (options.headers) request = request.headers({ ...options.headers });
      if (options.signal) request = request.options({ signal: options.signal });
      return (await request.get()) as T;
    } catch (error) {
      throw mapGraphError(error, this.errorContext(options.resource));
    }
  }

  /** Pages of a collection, following @odata.nextLink verbatim with the same headers (Prefer, ConsistencyLevel). */
  async *pages<T>(path: string, options: RequestOptions): AsyncGenerator<Page<T>> {
    let next: string | undefined = path;
    const seen = new Set<string>();
    while (next) {
      const body: { value?: T[]; '@odata.nextLink'?: string } = await this.get(next, next === path ? options : { ...options, query: [] });
      const nextLink = body['@odata.nextLink'];
      // A service bug that hands back a link already followed would loop forever; stop with an error instead.
      if (nextLink && seen.has(nextLink)) throw new AppError('server_error', 'Microsoft Graph returned the same page link twice; paging stopped.');
      if (nextLink) seen.add(nextLink);
      yield { value: Array.isArray(body.value) ? body.value : [], nextLink };
      next = nextLink;
    }
  }

  async listAll<T>(path: string, options: RequestOptions): Promise<T[]> {
    const out: T[] = [];
    for await (const page of this.pages<T>(path, options)) out.push(...page.value);
    return out;
  }

  private errorContext(resource: GraphResource): ErrorContext {
    return { resource, grantedScopes: this.options.tokenProvider.grantedScopes?.() };
  }
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  return new GraphClient(options);
}
