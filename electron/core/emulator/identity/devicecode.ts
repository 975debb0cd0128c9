/**
 * Device code flow: `/{tenant}/oauth2/v2.0/devicecode` hands out a device code + user code; the
 * token endpoint answers authorization_pending until someone approves the user code on the device
 * page (`/devicelogin`) or through the control API. Approval records consent like the authorize page.
 */
import { randomInt } from 'node:crypto';
import type { EmulatorContext } from '../context.js';
import { htmlReply, plainJsonReply, readForm, type EmulatorRequest, type Reply } from '../http.js';
import { secretToken } from '../random.js';
import { aadErrorReply } from './aadsts.js';
import { operatorAccounts } from './accounts.js';
import { findClient } from './clients.js';
import { devicePage } from './pages.js';
import { isScopeProblem, resolveScopes, splitScopes } from './scopes.js';
import { grantConsent } from './tokens.js';

const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ23456789';

export function deviceCodeRequest(ctx: EmulatorContext, req: EmulatorRequest): Reply {
  const form = readForm(req);
  const ids = { traceId: req.requestId, correlationId: req.clientRequestId, timestamp: ctx.clock.now() };
  const clientId = form.get('client_id');
  if (!clientId) return aadErrorReply(900144, { param: 'client_id' }, ids);
  const client = findClient(ctx.state, clientId);
  if (!client) return aadErrorReply(700016, { clientId, tenant: ctx.state.tenantId }, ids);
  const requested = splitScopes(form.get('scope'));
  const scopes = resolveScopes(ctx.state, requested, client.displayName);
  if (isScopeProblem(scopes)) return aadErrorReply(scopes.code, scopes.params, ids);
  let userCode = '';
  for (let i = 0; i < 9; i++) userCode += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  const deviceCode = secretToken(48);
  const lifetime = ctx.options.deviceCodeLifetimeSeconds;
  ctx.state.deviceCodes.set(deviceCode, {
    deviceCode, userCode, clientId: client.appId, scopes: requested, status: 'pending',
    expiresAtMs: ctx.clock.nowMs() + lifetime * 1000,
  });
  const verificationUri = `${ctx.origin}/devicelogin`;
  return plainJsonReply(200, {
    user_code: userCode,
    device_code: deviceCode,
    verification_uri: verificationUri,
    expires_in: lifetime,
    interval: ctx.options.deviceCodeIntervalSeconds,
    message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
  });
}

export type ApproveResult = { ok: true } | { ok: false; reason: string };

/** Approve (or decline) a pending user code as a given user. Used by the device page and /_control. */
export function decideDeviceCode(ctx: EmulatorContext, userCode: string, userPrincipalName: string | undefined, decision: 'approve' | 'decline'): ApproveResult {
  const wanted = userCode.replace(/[\s-]/g, '').toUpperCase();
  const record = [...ctx.state.deviceCodes.values()].find((r) => r.userCode === wanted);
  if (!record) return { ok: false, reason: 'unknown user code' };
  if (record.status !== 'pending') return { ok: false, reason: `code already ${record.status}` };
  if (record.expiresAtMs <= ctx.clock.nowMs()) return { ok: false, reason: 'code expired' };
  if (decision === 'decline') { record.status = 'declined'; return { ok: true }; }
  const upn = userPrincipalName ?? operatorAccounts(ctx.state)[0]?.userPrincipalName;
  const user = upn ? ctx.state.findUser(upn) : undefined;
  if (!user || typeof user.id !== 'string') return { ok: false, reason: `unknown user ${upn ?? '(none)'}` };
  if (user.accountEnabled === false) return { ok: false, reason: 'account disabled' };
  const client = findClient(ctx.state, record.clientId);
  const scopes = resolveScopes(ctx.state, record.scopes, client?.displayName ?? record.clientId);
  if (client && !isScopeProblem(scopes)) grantConsent(ctx, client, user.id, scopes);
  record.status = 'approved';
  record.userId = user.id;
  return { ok: true };
}

export function devicePageHandler(ctx: EmulatorContext, req: EmulatorRequest): Reply {
  const accounts = operatorAccounts(ctx.state);
  if (req.method !== 'POST') return htmlReply(200, devicePage({ action: '/devicelogin', accounts }));
  const form = readForm(req);
  const decision = form.get('decision') === 'decline' ? 'decline' : 'approve';
  const result = decideDeviceCode(ctx, form.get('user_code') ?? '', form.get('login') ?? undefined, decision);
  if (!result.ok) return htmlReply(400, devicePage({ action: '/devicelogin', accounts, error: `That code did not work: ${result.reason}.` }));
  return htmlReply(200, devicePage({ action: '/devicelogin', accounts, message: decision === 'approve' ? 'You have signed in. You can close this window.' : 'Sign-in declined.' }));
}
