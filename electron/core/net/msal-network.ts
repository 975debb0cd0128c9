/**
 * MSAL's INetworkModule over a Transport, so every discovery and token call MSAL makes goes
 * through the app's one network seam (and therefore can reach the emulator's pinned origin).
 * Mirrors msal-node's own HttpClient: lower-case header keys, body parsed as JSON, status as is;
 * a timeout aborts the request.
 */
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { Transport } from './transport.js';

export class MsalNetworkError extends Error {
  override readonly name = 'MsalNetworkError';
}

export function createMsalNetworkModule(transport: Transport): INetworkModule {
  async function send<T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    const controller = new AbortController();
    const timer = timeout ? setTimeout(() => controller.abort(), timeout) : undefined;
    let response: Response;
    try {
      const init: RequestInit = { method, headers: options?.headers ?? {}, signal: controller.signal };
      if (method === 'POST') init.body = options?.body ?? '';
      response = await transport(url, init);
    } catch (error) {
      const what = controller.signal.aborted ? 'Request timeout' : `Network request failed: ${error instanceof Error ? error.message : String(error)}`;
      throw new MsalNetworkError(what, { cause: error });
    } finally {
      if (timer) clearTimeout(timer);
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => { headers[key.toLowerCase()] = value; });
    let body: T;
    try {
      body = (await response.json()) as T;
    } catch (error) {
      throw new MsalNetworkError(`Failed to parse response from ${url} (HTTP ${response.status}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return { headers, body, status: response.status };
  }
  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions, timeout?: number) => send<T>('GET', url, options, timeout),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('POST', url, options),
  };
}
