/**
 * The password grant (ROPG) — how Jamf Connect checks a Mac user's password, and therefore the
 * simulated Jamf Connect login. The checks run in Entra's order: client app, public-client flows,
 * user, account state, password, scopes, consent, then Conditional Access through the project's
 * evaluator. Every attempt past the client check leaves a sign-in record (after the ingestion delay).
 */
import type { GraphObject } from '../../snapshot/types.js';
import { WELL_KNOWN_APP_IDS } from '../../policy/types.js';
import type { EmulatorContext } from '../context.js';
import { tenantExtras, userExtras } from '../extras.js';
import type { Reply } from '../http.js';
import { plainJsonReply } from '../http.js';
import { appliedPolicies, evaluateSignIn, ropgContext } from '../ca.js';
import { buildSignIn, type SignInFacts } from '../signin-factory.js';
import { aadErrorReply } from './aadsts.js';
import { allowsPublicClientFlows, findClient } from './clients.js';
import { isScopeProblem, resolveScopes, splitScopes } from './scopes.js';
import { issueTokens, missingConsent } from './tokens.js';

export interface PasswordGrantInput {
  readonly clientId: string;
  readonly username: string;
  readonly password: string;
  readonly scope: string;
  readonly clientInfo: boolean;
  /** Where the Mac is: overrides the user's x-emulator defaults. */
  readonly ipAddress?: string | undefined;
  readonly country?: string | undefined;
  readonly correlationId: string;
  readonly traceId: string;
}

export interface PasswordGrantResult {
  readonly reply: Reply;
  readonly status: number;
  /** Token response or AAD error body. */
  readonly body: Record<string, unknown>;
  /** The sign-in record appended to the log (null when the attempt leaves none). */
  readonly signIn: GraphObject | null;
}

const DEFAULT_IP = '203.0.113.10';
const DEFAULT_COUNTRY = 'US';

export function passwordGrant(ctx: EmulatorContext, input: PasswordGrantInput): PasswordGrantResult {
  const ids = { traceId: input.traceId, correlationId: input.correlationId, timestamp: ctx.clock.now() };
  const tenant = ctx.state.tenantId;
  const client = findClient(ctx.state, input.clientId);
  const user = ctx.state.findUser(input.username);
  const extras = user ? userExtras(user) : {};
  const ipAddress = input.ipAddress ?? extras.ipAddress ?? DEFAULT_IP;
  const country = input.country ?? extras.country ?? DEFAULT_COUNTRY;
  const requested = splitScopes(input.scope);
  const resolved = resolveScopes(ctx.state, requested, client?.displayName ?? input.clientId);
  const resource = isScopeProblem(resolved)
    ? { appId: WELL_KNOWN_APP_IDS.microsoftGraph, name: 'Microsoft Graph' }
    : { appId: resolved.resourceAppId, name: resolved.resourceDisplayName };

  const facts = (over: Partial<SignInFacts>): SignInFacts => ({
    user, typedUserName: input.username, clientAppId: input.clientId, clientDisplayName: client?.displayName ?? '',
    resourceAppId: resource.appId, resourceDisplayName: resource.name, errorCode: 0,
    conditionalAccessStatus: 'notApplied', conditionalAccessAudiences: [], appliedConditionalAccessPolicies: [],
    mfaRequired: false, passwordChecked: false, passwordOk: false, ipAddress, country, city: extras.city ?? null,
    correlationId: input.correlationId, ...over,
  });
  const fail = (code: number, params: Record<string, string>, record: Partial<SignInFacts> | null): PasswordGrantResult => {
    const reply = aadErrorReply(code, params, ids);
    const signIn = record ? appendSignIn(ctx, buildSignIn(ctx, facts({ errorCode: code, ...record }))) : null;
    return { reply, status: reply.status, body: JSON.parse(String(reply.body)) as Record<string, unknown>, signIn };
  };

  if (!client) return fail(700016, { clientId: input.clientId, tenant }, user ? {} : null);
  if (!allowsPublicClientFlows(client)) return fail(7000218, {}, user ? {} : null);
  if (!user || typeof user.id !== 'string') return fail(50034, { tenant }, {});
  if (user.accountEnabled === false) return fail(50057, {}, {});
  if (extras.lockedOut) return fail(50053, {}, {});
  const expected = extras.password ?? tenantExtras(ctx.state.snapshot).defaultPassword;
  const passwordOk = expected === undefined ? input.password.length > 0 : input.password === expected;
  if (!passwordOk) return fail(50126, {}, { passwordChecked: true, passwordOk: false });
  if (extras.passwordExpired) return fail(50055, {}, { passwordChecked: true, passwordOk: true });
  if (isScopeProblem(resolved)) return fail(resolved.code, resolved.params, { passwordChecked: true, passwordOk: true });
  const notConsented = missingConsent(ctx, client, user.id, resolved);
  if (notConsented.length > 0) return fail(65001, { clientId: client.appId, appName: client.displayName }, { passwordChecked: true, passwordOk: true });

  const caContext = ropgContext(ctx.state, { user, clientAppId: client.appId, resourceAppId: resolved.resourceAppId, scopes: requested, ipAddress, country });
  const result = evaluateSignIn(ctx.state, caContext);
  const applied = appliedPolicies(result);
  const caFacts: Partial<SignInFacts> = {
    passwordChecked: true, passwordOk: true,
    conditionalAccessStatus: result.outcome.conditionalAccessStatus,
    conditionalAccessAudiences: result.audiences,
    appliedConditionalAccessPolicies: applied,
    mfaRequired: result.outcome.access === 'interactionRequired',
  };
  if (result.outcome.access !== 'granted') {
    const code = result.outcome.errorCode || (result.outcome.access === 'blocked' ? 53003 : 50076);
    return fail(code, { resource: result.audiences[0] ?? resolved.resourceAppId }, caFacts);
  }
  const body = issueTokens(ctx, { user, client, scopes: resolved, clientInfo: input.clientInfo });
  const signIn = appendSignIn(ctx, buildSignIn(ctx, facts(caFacts)));
  const reply = plainJsonReply(200, body, { 'cache-control': 'no-store', pragma: 'no-cache' });
  return { reply, status: 200, body, signIn };
}

/** Append to the log; visible to Graph only after the ingestion delay. */
export function appendSignIn(ctx: EmulatorContext, record: GraphObject): GraphObject {
  ctx.state.appendSignIn({ record, visibleAtMs: ctx.clock.nowMs() + ctx.options.ingestionDelaySeconds * 1000 });
  return record;
}
