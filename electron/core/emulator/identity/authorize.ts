/**
 * `/{tenant}/oauth2/v2.0/authorize` — authorization code + PKCE. GET shows the demo account picker
 * (login_hint preselects); POST (the picker's form) signs the chosen operator in, records consent
 * for the requested scopes (incremental consent) and answers with the response_mode the client
 * asked for: form_post (what msal-node 7 uses) as an auto-submitting form, or query as a 302.
 * Operator sign-ins are not CA-evaluated (the emulator assumes the admin passed MFA).
 */
import type { EmulatorContext } from '../context.js';
import { htmlReply, readForm, type EmulatorRequest, type Reply } from '../http.js';
import { secretToken } from '../random.js';
import { AADSTS } from './aadsts.js';
import { operatorAccounts } from './accounts.js';
import { findClient, redirectUriAllowed } from './clients.js';
import { accountPickerPage, errorPage, formPostPage } from './pages.js';
import { isScopeProblem, resolveScopes, splitScopes } from './scopes.js';
import { grantConsent } from './tokens.js';

const PASSTHROUGH = ['client_id', 'redirect_uri', 'response_type', 'response_mode', 'scope', 'state', 'code_challenge',
  'code_challenge_method', 'nonce', 'prompt', 'login_hint', 'client_info', 'claims'] as const;
const CODE_LIFETIME_MS = 10 * 60 * 1000;

function respond(redirectUri: string, mode: string, fields: Record<string, string>): Reply {
  if (mode === 'query') {
    const target = new URL(redirectUri);
    for (const [k, v] of Object.entries(fields)) target.searchParams.set(k, v);
    return { status: 302, headers: { location: target.href, 'cache-control': 'no-store' }, body: null };
  }
  return htmlReply(200, formPostPage(redirectUri, fields));
}

function errorFields(ctx: EmulatorContext, req: EmulatorRequest, code: number, params: Record<string, string>, state: string | null): Record<string, string> {
  const spec = AADSTS[code];
  const fields: Record<string, string> = {
    error: spec?.error ?? 'invalid_request',
    error_description: `AADSTS${code}: ${spec ? spec.message(params) : 'Error.'} Trace ID: ${req.requestId} Correlation ID: ${req.clientRequestId} Timestamp: ${ctx.clock.now().toISOString()}`,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  };
  if (state !== null) fields.state = state;
  return fields;
}

export function authorize(ctx: EmulatorContext, req: EmulatorRequest): Reply {
  const form = req.method === 'POST' ? readForm(req) : null;
  const params = new URLSearchParams(req.url.search);
  if (form) for (const [k, v] of form) params.set(k, v);
  const get = (k: string) => params.get(k);

  const clientId = get('client_id') ?? '';
  const client = findClient(ctx.state, clientId);
  // Entra shows an error page (never redirects) when the client or redirect URI cannot be trusted.
  if (!client) return htmlReply(400, errorPage('Sign-in error', `AADSTS700016: ${AADSTS[700016]!.message({ clientId, tenant: ctx.state.tenantId })}`));
  const redirectUri = get('redirect_uri') ?? '';
  if (!redirectUriAllowed(client, redirectUri)) {
    return htmlReply(400, errorPage('Sign-in error', `AADSTS50011: ${AADSTS[50011]!.message({ redirectUri, clientId })}`));
  }
  const mode = get('response_mode') ?? 'query';
  const state = get('state');
  if (get('response_type') !== 'code') {
    return respond(redirectUri, mode, { ...errorFields(ctx, req, 900144, { param: 'response_type=code' }, state), error: 'unsupported_response_type' });
  }
  const requested = splitScopes(get('scope'));
  const scopes = resolveScopes(ctx.state, requested, client.displayName);
  if (isScopeProblem(scopes)) return respond(redirectUri, mode, errorFields(ctx, req, scopes.code, scopes.params, state));
  const method = get('code_challenge_method');
  if (get('code_challenge') && method && method !== 'S256' && method !== 'plain') {
    return respond(redirectUri, mode, errorFields(ctx, req, 900144, { param: 'code_challenge_method' }, state));
  }

  const accounts = operatorAccounts(ctx.state);
  const hidden: Record<string, string> = {};
  for (const k of PASSTHROUGH) { const v = get(k); if (v !== null) hidden[k] = v; }
  const showPicker = (error?: string) => htmlReply(error ? 400 : 200, accountPickerPage({
    action: req.url.pathname, hidden, accounts, ...(get('login_hint') ? { preselect: get('login_hint')! } : {}),
    ...(error ? { error } : {}),
    tenantName: String(ctx.state.snapshot.organization[0]?.displayName ?? ctx.state.tenantId),
    clientName: client.displayName, scopes: requested,
  }));

  if (!form || !form.get('login')) return showPicker(form ? 'Choose an account.' : undefined);
  const user = ctx.state.findUser(form.get('login')!);
  if (!user || typeof user.id !== 'string') return showPicker(`AADSTS50034: We couldn't find an account with that username.`);
  if (user.accountEnabled === false) return respond(redirectUri, mode, errorFields(ctx, req, 50057, {}, state));
  if (form.get('consent') === 'decline') {
    return respond(redirectUri, mode, { ...errorFields(ctx, req, 65001, { clientId, appName: client.displayName }, state), error: 'access_denied' });
  }

  grantConsent(ctx, client, user.id, scopes);
  const code = secretToken(48);
  ctx.state.authCodes.set(code, {
    userId: user.id, clientId: client.appId, redirectUri, scopes: requested,
    codeChallenge: get('code_challenge'), codeChallengeMethod: method ?? (get('code_challenge') ? 'plain' : null),
    nonce: get('nonce'), expiresAtMs: ctx.clock.nowMs() + CODE_LIFETIME_MS,
  });
  const fields: Record<string, string> = { code };
  fields.client_info = Buffer.from(JSON.stringify({ uid: user.id, utid: ctx.state.tenantId })).toString('base64url');
  if (state !== null) fields.state = state;
  fields.session_state = ctx.random.guid();
  return respond(redirectUri, mode, fields);
}
