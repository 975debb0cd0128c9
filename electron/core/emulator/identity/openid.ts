/** Discovery documents: OpenID configuration (v2) and the JWKS, plus instance discovery. */
import type { EmulatorContext } from '../context.js';
import { plainJsonReply, type Reply } from '../http.js';
import { jwks } from '../jwt.js';

export function openIdConfiguration(ctx: EmulatorContext, _tenantSegment: string): Reply {
  const tid = ctx.state.tenantId;
  const base = `${ctx.origin}/${tid}`;
  return plainJsonReply(200, {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${base}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${ctx.origin}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: 'NA',
    cloud_instance_name: 'emulator.local',
    cloud_graph_host_name: new URL(ctx.origin).host,
    msgraph_host: new URL(ctx.origin).host,
  });
}

export function keys(ctx: EmulatorContext): Reply {
  return plainJsonReply(200, jwks(ctx.key));
}

/** `/common/discovery/instance`: only ever used when an app forgets knownAuthorities. */
export function instanceDiscovery(ctx: EmulatorContext): Reply {
  const host = new URL(ctx.origin).host;
  return plainJsonReply(200, {
    tenant_discovery_endpoint: `${ctx.origin}/${ctx.state.tenantId}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  });
}
