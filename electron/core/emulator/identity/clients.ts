/**
 * Client applications the identity platform knows: the tenant's app registrations and service
 * principals from the snapshot, plus the emulator's own operator app (the Lockout Lens client id
 * used against the demo tenant), which is a public client with loopback redirect URIs.
 */
import type { GraphObject } from '../../snapshot/types.js';
import type { EmulatorState } from '../state.js';

/** Client id of "Lockout Lens (emulator)", registered in every emulated tenant. */
export const EMULATOR_OPERATOR_CLIENT_ID = '0c7e1ab5-6c3e-4c39-9d1e-5a0f1e2d3c4b';

export interface ClientApp {
  readonly appId: string;
  readonly displayName: string;
  /** The app registration, when the snapshot has it (isFallbackPublicClient, redirect URIs). */
  readonly application: GraphObject | undefined;
  readonly servicePrincipal: GraphObject | undefined;
  readonly builtIn: boolean;
}

export function findClient(state: EmulatorState, clientId: string): ClientApp | undefined {
  if (clientId.toLowerCase() === EMULATOR_OPERATOR_CLIENT_ID) {
    return { appId: EMULATOR_OPERATOR_CLIENT_ID, displayName: 'Lockout Lens (emulator)', application: undefined, servicePrincipal: undefined, builtIn: true };
  }
  const application = state.findApplication(clientId);
  const servicePrincipal = state.findServicePrincipalByAppId(clientId);
  if (!application && !servicePrincipal) return undefined;
  const name = (application?.displayName ?? servicePrincipal?.displayName) as unknown;
  return { appId: clientId, displayName: typeof name === 'string' ? name : clientId, application, servicePrincipal, builtIn: false };
}

/**
 * "Allow public client flows" (isFallbackPublicClient). Only the app registration carries it; an
 * app known only by its service principal (multi-tenant) is assumed a public client.
 */
export function allowsPublicClientFlows(client: ClientApp): boolean {
  if (client.builtIn || !client.application) return true;
  return client.application.isFallbackPublicClient === true;
}

/**
 * Redirect URIs: loopback http URIs are accepted for any port (Entra ignores the port for
 * http://localhost and 127.0.0.1); anything else must be registered on the app.
 */
export function redirectUriAllowed(client: ClientApp, redirectUri: string): boolean {
  let url: URL;
  try { url = new URL(redirectUri); } catch { return false; }
  if (url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1')) return true;
  if (client.builtIn) return false;
  const app = client.application as { publicClient?: { redirectUris?: unknown }; web?: { redirectUris?: unknown }; spa?: { redirectUris?: unknown } } | undefined;
  const all = [app?.publicClient?.redirectUris, app?.web?.redirectUris, app?.spa?.redirectUris].flatMap((l) => (Array.isArray(l) ? l : []));
  return all.some((u) => typeof u === 'string' && u === redirectUri);
}
