/**
 * Cloud profiles: where a tenant's identity platform and Graph live. The app signs in and calls
 * Graph through one of these; the emulator is just another cloud with a loopback origin.
 */
export type CloudName = 'public' | 'usgov' | 'china' | 'emulator';

export interface CloudProfile {
  readonly name: CloudName;
  /** Scheme + host (+ port) of the identity platform, e.g. https://login.microsoftonline.com */
  readonly authorityHost: string;
  /** Graph root without a version, e.g. https://graph.microsoft.com */
  readonly graphBaseUrl: string;
  /** Hostnames (no port) graph-client must attach tokens for. */
  readonly graphHosts: readonly string[];
}

/** National clouds per Microsoft's "national cloud deployments" pages (login + Graph hosts). */
export const CLOUDS: Readonly<Record<Exclude<CloudName, 'emulator'>, CloudProfile>> = {
  public: {
    name: 'public',
    authorityHost: 'https://login.microsoftonline.com',
    graphBaseUrl: 'https://graph.microsoft.com',
    graphHosts: ['graph.microsoft.com'],
  },
  usgov: {
    name: 'usgov',
    authorityHost: 'https://login.microsoftonline.us',
    graphBaseUrl: 'https://graph.microsoft.us',
    graphHosts: ['graph.microsoft.us', 'dod-graph.microsoft.us'],
  },
  china: {
    name: 'china',
    authorityHost: 'https://login.chinacloudapi.cn',
    graphBaseUrl: 'https://microsoftgraph.chinacloudapi.cn',
    graphHosts: ['microsoftgraph.chinacloudapi.cn'],
  },
};

export interface EmulatorCloud extends CloudProfile {
  readonly name: 'emulator';
  /** MSAL `auth.authority`: https://127.0.0.1:PORT/<tenantId> */
  readonly authority: string;
  /** MSAL `auth.knownAuthorities`: host:port, so MSAL skips instance discovery. */
  readonly knownAuthorities: string[];
  /** MSAL `auth.authorityMetadata` (JSON string): no openid-configuration call, no issuer check. */
  readonly authorityMetadata: string;
  /** MSAL `auth.cloudDiscoveryMetadata` (JSON string). */
  readonly cloudDiscoveryMetadata: string;
}

/**
 * The emulator as a cloud. `origin` is what startEmulator returned (https://127.0.0.1:PORT).
 * Metadata is handed to MSAL inline (graph-facts §8.5): the emulator also serves it, but
 * passing it removes a network round trip and any dependence on MSAL's discovery rules.
 */
export function emulatorCloud(origin: string, tenantId: string): EmulatorCloud {
  const url = new URL(origin);
  if (url.protocol !== 'https:') throw new Error(`emulatorCloud: origin must be https, got ${origin}`);
  const base = url.origin;
  const host = url.host; // host:port
  const authorityMetadata = {
    token_endpoint: `${base}/${tenantId}/oauth2/v2.0/token`,
    authorization_endpoint: `${base}/${tenantId}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/${tenantId}/oauth2/v2.0/devicecode`,
    end_session_endpoint: `${base}/${tenantId}/oauth2/v2.0/logout`,
    issuer: `${base}/${tenantId}/v2.0`,
    jwks_uri: `${base}/${tenantId}/discovery/v2.0/keys`,
  };
  const cloudDiscoveryMetadata = {
    tenant_discovery_endpoint: `${base}/${tenantId}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
  return {
    name: 'emulator',
    authorityHost: base,
    graphBaseUrl: base,
    graphHosts: [url.hostname],
    authority: `${base}/${tenantId}`,
    knownAuthorities: [host],
    authorityMetadata: JSON.stringify(authorityMetadata),
    cloudDiscoveryMetadata: JSON.stringify(cloudDiscoveryMetadata),
  };
}
