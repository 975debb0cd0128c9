/**
 * Consent and token issuance. A token carries every scope the user + client have been granted for
 * the resource (admin consent from the snapshot, plus what the user consented to interactively),
 * like Entra's v2 endpoint — so an incremental-consent request returns a token with the old and new
 * scopes. `wids` lists the user's role template ids; Graph checks roles from it.
 */
import { createHash } from 'node:crypto';
import type { GraphObject } from '../../snapshot/types.js';
import { WELL_KNOWN_APP_IDS } from '../../policy/types.js';
import type { EmulatorContext } from '../context.js';
import { appExtras } from '../extras.js';
import { secretToken } from '../random.js';
import { signJwt } from '../jwt.js';
import type { ClientApp } from './clients.js';
import { GRAPH_DELEGATED_SCOPES, type ResolvedScopes } from './scopes.js';

const consentKey = (userId: string, clientId: string, resourceAppId: string) => `${userId}|${clientId.toLowerCase()}|${resourceAppId.toLowerCase()}`;

/** Scopes admin-consented for the client, or '*' (snapshot `x-emulator.consentedScopes`, absent = '*'). */
function adminConsent(client: ClientApp): '*' | Set<string> {
  // The operator app has no admin consent: its user consents interactively, scope by scope, so
  // asking for a write scope later is a real step-up (least privilege, product.md).
  if (client.builtIn) return new Set();
  const extras = appExtras(client.application ?? client.servicePrincipal);
  const list = extras.consentedScopes ?? appExtras(client.servicePrincipal).consentedScopes;
  if (list === undefined || list === '*') return '*';
  return new Set(list.map((s) => s.toLowerCase().replace(/^https:\/\/graph\.microsoft\.com\//, '')));
}

/** Which of the requested resource scopes are not consented yet (for ROPG/refresh: AADSTS65001). */
export function missingConsent(ctx: EmulatorContext, client: ClientApp, userId: string, scopes: ResolvedScopes): string[] {
  const admin = adminConsent(client);
  if (admin === '*') return [];
  const user = ctx.state.consents.get(consentKey(userId, client.appId, scopes.resourceAppId)) ?? new Set<string>();
  return scopes.resourceScopes.filter((s) => !user.has(s.toLowerCase()) && !admin.has(s.toLowerCase()) && !admin.has(`${scopes.resourcePrefix}${s}`.toLowerCase()));
}

/** Record interactive consent (authorize page, device code approval). */
export function grantConsent(ctx: EmulatorContext, client: ClientApp, userId: string, scopes: ResolvedScopes): void {
  const key = consentKey(userId, client.appId, scopes.resourceAppId);
  const set = ctx.state.consents.get(key) ?? new Set<string>();
  for (const s of scopes.resourceScopes) set.add(s.toLowerCase());
  ctx.state.consents.set(key, set);
}

/** Everything granted for this user + client + resource: requested ∪ earlier consents (∪ admin list). */
function grantedScopes(ctx: EmulatorContext, client: ClientApp, userId: string, scopes: ResolvedScopes): string[] {
  const out = new Map<string, string>();
  for (const s of scopes.resourceScopes) out.set(s.toLowerCase(), s);
  for (const s of ctx.state.consents.get(consentKey(userId, client.appId, scopes.resourceAppId)) ?? []) if (!out.has(s)) out.set(s, canonical(s));
  const admin = adminConsent(client);
  if (admin !== '*' && scopes.resourceAppId === WELL_KNOWN_APP_IDS.microsoftGraph) for (const s of admin) if (!s.includes('/') && !out.has(s)) out.set(s, canonical(s));
  return [...out.values()];
}

/** Consent records are lower-case; Graph scope names are case-insensitive but echoed canonically. */
function canonical(lower: string): string {
  return GRAPH_DELEGATED_SCOPES.find((k) => k.toLowerCase() === lower) ?? lower;
}

export interface IssueRequest {
  readonly user: GraphObject;
  readonly client: ClientApp;
  readonly scopes: ResolvedScopes;
  readonly nonce?: string | null;
  /** MSAL sends client_info=1 and builds homeAccountId from it. */
  readonly clientInfo: boolean;
}

export function issueTokens(ctx: EmulatorContext, req: IssueRequest): Record<string, unknown> {
  const now = Math.floor(ctx.clock.nowMs() / 1000);
  const life = ctx.options.accessTokenLifetimeSeconds;
  const userId = String(req.user.id);
  const tid = ctx.state.tenantId;
  const upn = String(req.user.userPrincipalName ?? '');
  const name = String(req.user.displayName ?? upn);
  const granted = req.scopes.defaultScope && req.scopes.resourceScopes.length === 0
    ? grantedScopes(ctx, req.client, userId, { ...req.scopes, resourceScopes: [] })
    : grantedScopes(ctx, req.client, userId, req.scopes);
  const oidcInScp = req.scopes.oidcScopes.filter((s) => s !== 'offline_access');
  const scp = granted.length > 0 ? granted : oidcInScp;
  const isGraph = req.scopes.resourceAppId === WELL_KNOWN_APP_IDS.microsoftGraph;
  const accessClaims = {
    aud: isGraph ? WELL_KNOWN_APP_IDS.microsoftGraph : req.scopes.resourceAppId,
    iss: `https://sts.windows.net/${tid}/`,
    iat: now, nbf: now, exp: now + life,
    appid: req.client.appId, appidacr: '0', idtyp: 'user',
    name, oid: userId, sub: createHash('sha256').update(`${userId}|${req.client.appId}`).digest('base64url').slice(0, 43),
    scp: scp.join(' '), tid, upn, unique_name: upn,
    uti: ctx.random.guid().replace(/-/g, '').slice(0, 22),
    ver: '1.0',
    wids: ctx.state.roleTemplateIds(userId),
  };
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    // Echo the resource scopes in the form the client used, so MSAL's cache matches its next request.
    scope: [...granted.map((s) => `${req.scopes.resourcePrefix}${s}`), ...req.scopes.oidcScopes.filter((s) => s !== 'offline_access')].join(' '),
    expires_in: life,
    ext_expires_in: life,
    access_token: signJwt(ctx.key, accessClaims),
  };
  if (req.scopes.oidcScopes.includes('openid')) {
    const idClaims: Record<string, unknown> = {
      aud: req.client.appId, iss: `${ctx.origin}/${tid}/v2.0`, iat: now, nbf: now, exp: now + 3600,
      name, oid: userId, preferred_username: upn, sub: accessClaims.sub, tid, ver: '2.0',
    };
    if (req.scopes.oidcScopes.includes('email') && typeof req.user.mail === 'string') idClaims.email = req.user.mail;
    if (req.nonce) idClaims.nonce = req.nonce;
    body.id_token = signJwt(ctx.key, idClaims);
  }
  if (req.scopes.oidcScopes.includes('offline_access')) {
    const rt = secretToken(48);
    ctx.state.refreshTokens.set(rt, { userId, clientId: req.client.appId, expiresAtMs: ctx.clock.nowMs() + ctx.options.refreshTokenLifetimeSeconds * 1000 });
    body.refresh_token = rt;
  }
  if (req.clientInfo) body.client_info = Buffer.from(JSON.stringify({ uid: userId, utid: tid }), 'utf8').toString('base64url');
  return body;
}
