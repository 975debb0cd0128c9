/**
 * `/{tenant}/oauth2/v2.0/token`: authorization_code (PKCE verified), refresh_token, device_code
 * and password (ROPG). Errors in AAD's JSON shape with AADSTS numbers.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { EmulatorContext } from '../context.js';
import { plainJsonReply, readForm, type EmulatorRequest, type Reply } from '../http.js';
import { aadErrorReply, oauthPendingReply } from './aadsts.js';
import { allowsPublicClientFlows, findClient } from './clients.js';
import { passwordGrant } from './ropg.js';
import { isScopeProblem, resolveScopes, splitScopes } from './scopes.js';
import { issueTokens, missingConsent } from './tokens.js';

const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function pkceOk(challenge: string | null, method: string | null, verifier: string | null): boolean {
  if (!challenge) return true; // the client did not use PKCE
  if (!verifier) return false;
  const computed = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return safeEqual(computed, challenge);
}

const tokenReply = (body: Record<string, unknown>): Reply => plainJsonReply(200, body, { 'cache-control': 'no-store', pragma: 'no-cache' });

export function token(ctx: EmulatorContext, req: EmulatorRequest): Reply {
  const form = readForm(req);
  const ids = { traceId: req.requestId, correlationId: req.clientRequestId, timestamp: ctx.clock.now() };
  const grant = form.get('grant_type');
  const clientId = form.get('client_id');
  if (!grant) return aadErrorReply(900144, { param: 'grant_type' }, ids);
  if (!clientId) return aadErrorReply(900144, { param: 'client_id' }, ids);
  const clientInfo = form.get('client_info') === '1';
  const note = { 'x-emulator-note': `grant:${grant}` };
  const withNote = (r: Reply): Reply => ({ ...r, headers: { ...r.headers, ...note } });

  if (grant === 'password') {
    const result = passwordGrant(ctx, {
      clientId, username: form.get('username') ?? '', password: form.get('password') ?? '', scope: form.get('scope') ?? '',
      clientInfo, correlationId: req.clientRequestId, traceId: req.requestId,
    });
    return withNote(result.reply);
  }

  const client = findClient(ctx.state, clientId);
  if (!client) return withNote(aadErrorReply(700016, { clientId, tenant: ctx.state.tenantId }, ids));

  if (grant === 'authorization_code') {
    const code = form.get('code') ?? '';
    const record = ctx.state.authCodes.get(code);
    if (!record) return withNote(aadErrorReply(70000, { detail: 'The code was already redeemed or does not exist.' }, ids));
    ctx.state.authCodes.delete(code); // one use only
    if (record.expiresAtMs <= ctx.clock.nowMs()) return withNote(aadErrorReply(70008, {}, ids));
    if (record.clientId.toLowerCase() !== clientId.toLowerCase()) return withNote(aadErrorReply(70000, { detail: 'The code was issued to another client.' }, ids));
    if ((form.get('redirect_uri') ?? '') !== record.redirectUri) return withNote(aadErrorReply(50011, { redirectUri: form.get('redirect_uri') ?? '', clientId }, ids));
    if (!pkceOk(record.codeChallenge, record.codeChallengeMethod, form.get('code_verifier'))) return withNote(aadErrorReply(501481, {}, ids));
    const user = ctx.state.findUser(record.userId);
    if (!user) return withNote(aadErrorReply(50034, { tenant: ctx.state.tenantId }, ids));
    const scopes = resolveScopes(ctx.state, record.scopes, client.displayName);
    if (isScopeProblem(scopes)) return withNote(aadErrorReply(scopes.code, scopes.params, ids));
    return withNote(tokenReply(issueTokens(ctx, { user, client, scopes, nonce: record.nonce, clientInfo })));
  }

  if (grant === 'refresh_token') {
    const rt = form.get('refresh_token') ?? '';
    const record = ctx.state.refreshTokens.get(rt);
    if (!record || record.clientId.toLowerCase() !== clientId.toLowerCase()) return withNote(aadErrorReply(70000, { detail: 'The refresh token is invalid.' }, ids));
    if (record.expiresAtMs <= ctx.clock.nowMs()) { ctx.state.refreshTokens.delete(rt); return withNote(aadErrorReply(70008, {}, ids)); }
    const user = ctx.state.findUser(record.userId);
    if (!user) return withNote(aadErrorReply(50034, { tenant: ctx.state.tenantId }, ids));
    if (user.accountEnabled === false) return withNote(aadErrorReply(50057, {}, ids));
    const scopes = resolveScopes(ctx.state, splitScopes(form.get('scope')), client.displayName);
    if (isScopeProblem(scopes)) return withNote(aadErrorReply(scopes.code, scopes.params, ids));
    // A scope nobody consented to needs an interactive request first (incremental consent).
    if (missingConsent(ctx, client, String(user.id), scopes).length > 0) {
      return withNote(aadErrorReply(65001, { clientId, appName: client.displayName }, ids, { error: 'invalid_grant', suberror: 'consent_required' }));
    }
    return withNote(tokenReply(issueTokens(ctx, { user, client, scopes, clientInfo })));
  }

  // MSAL sends the short form 'device_code'; RFC 8628 clients send the URN. Entra takes both.
  if (grant === DEVICE_CODE_GRANT || grant === 'device_code') {
    const record = ctx.state.deviceCodes.get(form.get('device_code') ?? '');
    if (!record || record.clientId.toLowerCase() !== clientId.toLowerCase()) return withNote(oauthPendingReply('bad_verification_code', ids));
    if (record.expiresAtMs <= ctx.clock.nowMs() && record.status === 'pending') return withNote(oauthPendingReply('expired_token', ids));
    if (record.status === 'pending') return withNote(oauthPendingReply('authorization_pending', ids));
    if (record.status === 'declined') return withNote(oauthPendingReply('authorization_declined', ids));
    if (record.status === 'redeemed') return withNote(aadErrorReply(70000, { detail: 'The device code was already redeemed.' }, ids));
    if (!allowsPublicClientFlows(client)) return withNote(aadErrorReply(7000218, {}, ids));
    record.status = 'redeemed';
    const user = ctx.state.findUser(record.userId ?? '');
    if (!user) return withNote(aadErrorReply(50034, { tenant: ctx.state.tenantId }, ids));
    const scopes = resolveScopes(ctx.state, record.scopes, client.displayName);
    if (isScopeProblem(scopes)) return withNote(aadErrorReply(scopes.code, scopes.params, ids));
    return withNote(tokenReply(issueTokens(ctx, { user, client, scopes, clientInfo })));
  }

  return withNote(aadErrorReply(70003, { grant }, ids));
}
