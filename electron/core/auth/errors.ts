import { InteractionRequiredAuthError } from '@azure/msal-node';
import { AppError } from '../graph/app-error.js';
import { networkCode } from '../graph/errors.js';

/** AADSTS codes from the token endpoint that mean something specific for the operator's own sign-in. */
const AADSTS_MESSAGES: Record<string, { code: ConstructorParameters<typeof AppError>[0]; message: string }> = {
  '90002': { code: 'tenant_not_found', message: 'Tenant not found. Check the tenant id or domain in the profile, and that it belongs to this cloud (public, US Gov or China).' },
  '900023': { code: 'tenant_not_found', message: 'The tenant id or domain in the profile is not valid.' },
  '700016': { code: 'auth_failed', message: 'The client id in the profile is not an app registration in this tenant. Create one as described in docs/app-registration.md.' },
  '7000218': { code: 'auth_failed', message: 'The app registration does not allow public client flows. Set "Allow public client flows" to Yes on it (needed for device code sign-in).' },
  '65001': { code: 'missing_scope', message: 'Consent is missing for the permissions Lockout Lens asks for. An administrator must grant consent on the app registration.' },
  '650053': { code: 'missing_scope', message: 'A requested permission does not exist for this resource.' },
  '50011': { code: 'auth_failed', message: 'The redirect URI is not registered. Add the "Mobile and desktop" redirect URI http://localhost to the app registration.' },
  '50057': { code: 'auth_failed', message: 'Your account is disabled.' },
  '50126': { code: 'auth_failed', message: 'Wrong user name or password.' },
  '70000': { code: 'auth_required', message: 'The sign-in was revoked or has expired. Sign in again.' },
  '700082': { code: 'auth_required', message: 'The sign-in has expired because it was inactive too long. Sign in again.' },
};

/** Maps an MSAL error (or transport failure during auth) to an AppError; never includes tokens. */
export function mapAuthError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = (error ?? {}) as { errorCode?: string; errorNo?: string | number; errorMessage?: string; name?: string; message?: string; subError?: string };
  const number = (e.errorNo !== undefined && e.errorNo !== null ? String(e.errorNo) : undefined) ?? /AADSTS(\d+)/.exec(e.errorMessage ?? e.message ?? '')?.[1];
  const interactionRequired = error instanceof InteractionRequiredAuthError || e.name === 'InteractionRequiredAuthError';
  if (number === '65001' && interactionRequired) {
    // Silent call for scopes not consented yet (e.g. write scopes before the first apply).
    return new AppError('missing_scope',
      'These permissions have not been consented to yet. Lockout Lens asks for them interactively when you apply a change; an administrator can also grant admin consent on the app registration. (AADSTS65001)',
      { aadsts: 65001, consentRequired: true }, { cause: error });
  }
  if (number && AADSTS_MESSAGES[number]) {
    const m = AADSTS_MESSAGES[number]!;
    return new AppError(m.code, `${m.message} (AADSTS${number})`, { aadsts: Number(number) }, { cause: error });
  }
  if (interactionRequired || e.errorCode === 'no_tokens_found' || e.errorCode === 'no_account_in_silent_request') {
    return new AppError('auth_required', 'Sign in first: there is no valid sign-in for this profile (or it needs you to sign in again).', { msal: e.errorCode }, { cause: error });
  }
  if (e.errorCode === 'user_cancelled' || e.name === 'AbortError') return new AppError('cancelled', 'The sign-in was cancelled.');
  const net = networkCode(error);
  if (net || /Network request failed|Request timeout|endpoints_resolution_error/i.test(e.message ?? '')) {
    return new AppError('offline', `Cannot reach the sign-in service (${net ?? e.errorCode ?? 'network error'}).`, { network: net }, { cause: error });
  }
  return new AppError('auth_failed', `Sign-in failed: ${e.errorCode ? `${e.errorCode}: ` : ''}${(e.errorMessage ?? e.message ?? String(error)).split(/\r?\n/)[0]}`,
    { msal: e.errorCode, aadsts: number ? Number(number) : undefined }, { cause: error });
}
