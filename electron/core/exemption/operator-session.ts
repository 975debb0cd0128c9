/**
 * A signed-in operator, as the exemption needs one: a paced Graph caller, who they are (scopes and
 * roles, for preflight), and incremental consent for the write scopes. Built over helper modules:
 * auth/ (MSAL AuthSession — the real sign-in path, scripted against the emulator), net/ (the one
 * transport) and this folder's caller + pacer.
 */
import { createAuthSession, emulatorOpenBrowser, MemorySecretStore, READ_SCOPES, type AuthSession, type OpenBrowser } from '../auth/index.js';
import { connect, type TenantConnection } from '../auth/connection.js';
import { demoProfile } from '../profiles/demo-profile.js';
import type { TenantProfile } from '../profiles/schema.js';
import { pacedGraphCaller, type PacerOptions } from './ca-pacer.js';
import { createHttpGraphCaller, type GraphCaller } from './graph-caller.js';
import { decodeTokenClaims, operatorIdentity, type OperatorIdentity } from './operator-identity.js';
import type { ScopeRequester } from './preflight.js';

export interface OperatorSession extends ScopeRequester {
  readonly tenantId: string;
  readonly graph: GraphCaller;
  /** Reads the operator's scopes (token) and active roles (/me/transitiveMemberOf, else token wids). */
  identity(): Promise<OperatorIdentity>;
}

export interface SessionOptions {
  readonly pacer?: PacerOptions;
}

export function operatorSessionFromAuth(auth: AuthSession, connection: TenantConnection, openBrowser: OpenBrowser, opts: SessionOptions = {}): OperatorSession {
  // After incremental consent, ask for the read scopes plus exactly the scopes consented to —
  // asking for a write scope nobody consented to would fail silent token acquisition (65001).
  const extra = new Set<string>();
  const token = () => auth.getAccessToken(extra.size ? [...READ_SCOPES, ...extra] : undefined);
  const raw = createHttpGraphCaller({ graphBase: `${connection.cloud.graphBaseUrl}/v1.0`, transport: connection.transport, getAccessToken: token });
  const graph = pacedGraphCaller(raw, opts.pacer);
  return {
    tenantId: connection.tenant,
    graph,
    async identity() {
      const claims = decodeTokenClaims(await token());
      let transitiveMemberOf: unknown[] | undefined;
      const r = await graph.call('GET', '/me/transitiveMemberOf?$top=999');
      if (r.status === 200) transitiveMemberOf = ((r.body as { value?: unknown[] }).value ?? []);
      return operatorIdentity({ claims, ...(transitiveMemberOf ? { transitiveMemberOf } : {}), ...(auth.current()?.username ? { userPrincipalName: auth.current()!.username } : {}) });
    },
    async requestAdditionalScopes(scopes) {
      await auth.requestAdditionalScopes(scopes, openBrowser);
      for (const sc of scopes) extra.add(sc);
    },
  };
}

/** Sign in to a running emulator as a named demo operator, non-interactively (scripted sign-in page). */
export async function signInToEmulator(
  endpoint: { readonly origin: string; readonly tenantId: string; readonly caCertPem: string },
  operatorUpn: string,
  opts: SessionOptions & { readonly profile?: TenantProfile } = {},
): Promise<OperatorSession> {
  const profile = { ...(opts.profile ?? demoProfile), emulatorOperator: operatorUpn } as TenantProfile;
  const connection = connect(profile, endpoint);
  const auth = createAuthSession({ connection, secretStore: new MemorySecretStore() });
  const browser = emulatorOpenBrowser(connection.transport, operatorUpn);
  await auth.signInInteractive(browser, { loginHint: operatorUpn });
  return operatorSessionFromAuth(auth, connection, browser, opts);
}
