import { AppError } from './app-error.js';
import { REQUIREMENTS, type GraphResource } from './permissions.js';

/** The fields of graph-client's GraphError we rely on (duck-typed: it is CommonJS and not always instanceof-able). */
interface GraphErrorLike {
  statusCode?: number;
  code?: string | null;
  message?: string;
  requestId?: string | null;
  body?: unknown;
}

export interface ErrorContext {
  readonly resource?: GraphResource;
  /** Scopes in the access token (scp), when known — decides "missing scope" vs "missing role". */
  readonly grantedScopes?: readonly string[];
}

const OFFLINE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'ENETUNREACH',
  'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'EPIPE', 'CERT_HAS_EXPIRED']);

/** Name given by our network middleware to transport failures, so they survive graph-client's error wrapping. */
export const OFFLINE_ERROR_NAME = 'LockoutLensOfflineError';

/**
 * Maps anything a Graph call can throw to an AppError a person can act on. Already-mapped AppErrors
 * pass through unchanged.
 */
export function mapGraphError(error: unknown, context: ErrorContext = {}): AppError {
  if (error instanceof AppError) return error;
  if (isAbort(error)) return new AppError('cancelled', 'The operation was cancelled.');
  const e = (error ?? {}) as GraphErrorLike;
  const status = typeof e.statusCode === 'number' ? e.statusCode : -1;
  const code = e.code ?? undefined;
  const details = { status, graphCode: code ?? undefined, requestId: e.requestId ?? undefined };
  const requirement = context.resource ? REQUIREMENTS[context.resource] : undefined;
  const what = requirement?.what ?? 'this data';

  if (status === -1 || status === 0) {
    const netCode = networkCode(error);
    if (code === OFFLINE_ERROR_NAME || netCode || /fetch failed|network|socket|terminated/i.test(e.message ?? '')) {
      return new AppError('offline', `Cannot reach Microsoft Graph (${netCode ?? firstLine(e.message) ?? 'network error'}). Check the network connection; cached data is shown where available.`,
        { ...details, network: netCode }, { cause: error });
    }
    return new AppError('unknown', `Graph request failed: ${firstLine(e.message) ?? String(error)}`, details, { cause: error });
  }
  if (code === 'Authentication_RequestFromNonPremiumTenantOrB2CTenant') {
    return new AppError('no_premium_licence',
      'This tenant has no Microsoft Entra ID P1 or P2 licence, which Microsoft requires for reading sign-in logs through Graph. Sign-ins can still be imported from a portal download.',
      details);
  }
  if (status === 401) {
    return new AppError('auth_required', 'The sign-in has expired or was revoked. Sign in again.', details);
  }
  if (status === 403) {
    if (requirement) {
      const granted = new Set((context.grantedScopes ?? []).map((s) => s.toLowerCase().replace(/^https?:\/\/[^/]+\//, '')));
      const hasScope = context.grantedScopes === undefined || requirement.scopes.some((s) => granted.has(s.toLowerCase()));
      if (!hasScope) {
        return new AppError('missing_scope',
          `Reading ${what} needs the delegated permission ${requirement.scopes[0]}, which this sign-in was not granted. An administrator must consent to it on the app registration (docs/app-registration.md).`,
          { ...details, missing: [requirement.scopes[0]!] });
      }
      if (requirement.roles.length) {
        return new AppError('missing_role',
          `Your account is not allowed to read ${what}. It needs one of these Entra roles: ${requirement.roles.join(', ')}.`,
          { ...details, missing: requirement.roles });
      }
    }
    return new AppError('missing_role', `Access to ${what} was denied (${code ?? 'Forbidden'}): ${firstLine(e.message) ?? ''}`.trim(), details);
  }
  if (status === 404) {
    if (code === 'Request_ResourceNotFound' || code === 'ResourceNotFound' || code === 'NotFound' || !code) {
      return new AppError('not_found', `Not found in the tenant: ${firstLine(e.message) ?? what}`, details);
    }
  }
  if (status === 429) {
    return new AppError('throttled', `Microsoft Graph is throttling requests for ${what}; the app kept retrying and gave up for now. Try again in a minute.`, details);
  }
  if (status === 400) {
    if (/tenant.*(not found|does not exist)/i.test(e.message ?? '')) {
      return new AppError('tenant_not_found', `Tenant not found: ${firstLine(e.message)}`, details);
    }
    return new AppError('bad_request', `Graph rejected the request for ${what}: ${firstLine(e.message) ?? code ?? 'bad request'}`, details);
  }
  if (status >= 500) {
    return new AppError('server_error', `Microsoft Graph had a server error (${status}) reading ${what}; try again shortly.`, details);
  }
  return new AppError('unknown', `Graph request failed (${status} ${code ?? ''}): ${firstLine(e.message) ?? ''}`.trim(), details);
}

function isAbort(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | undefined;
  return e?.name === 'AbortError' || e?.code === 'AbortError' || e?.code === 'ABORT_ERR';
}

/** The errno-style code anywhere in the error's cause chain (or its text, after graph-client flattened it). */
export function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && OFFLINE_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  const text = [(error as { message?: string })?.message, String((error as { body?: unknown })?.body ?? '')].join(' ');
  const match = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|ENETUNREACH|EHOSTUNREACH)\b/.exec(text);
  return match?.[1];
}

function firstLine(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  const line = text.split(/\r?\n/)[0]!;
  // Added by the reliability suite (test/integration/reliability/bad-upn.test.ts): Graph echoes the
  // requested id in its message, so a 10k-character UPN made a 10k-character error for the UI. Cap it.
  return line.length > 300 ? `${line.slice(0, 300)}… (${line.length} characters)` : line;
}
