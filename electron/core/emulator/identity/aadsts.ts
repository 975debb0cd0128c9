/**
 * What the token endpoint says when it refuses: AAD's error JSON (graph-facts §6) with the
 * AADSTS number in `error_codes` (MSAL's ServerError.errorNo reads it) and in the description.
 * Messages follow the wording of entra `reference-error-codes.md`; they are what the *server*
 * answers, not the app's diagnosis catalogue.
 */
import { plainJsonReply, type Reply } from '../http.js';

export interface AadErrorSpec {
  readonly error: string;
  readonly status: number;
  readonly message: (p: Record<string, string>) => string;
  readonly suberror?: string;
  /** The sign-in log's status.failureReason for this code. */
  readonly failureReason: string;
}

export const AADSTS: Readonly<Record<number, AadErrorSpec>> = {
  50034: { error: 'invalid_grant', status: 400, failureReason: "The user account doesn't exist in the directory.",
    message: (p) => `The user account {EUII Hidden} does not exist in the ${p.tenant ?? ''} directory. To sign into this application, the account must be added to the directory.` },
  50053: { error: 'invalid_grant', status: 400, failureReason: 'Account is locked because user tried to sign in too many times with an incorrect user ID or password.',
    message: () => "Your account is locked because you've tried to sign in too many times with an incorrect user ID or password." },
  50055: { error: 'invalid_grant', status: 400, failureReason: 'The password is expired.', suberror: 'user_password_expired',
    message: () => 'The password is expired.' },
  50057: { error: 'invalid_grant', status: 400, failureReason: 'User account is disabled. The account has been disabled by an administrator.',
    message: () => 'The user account is disabled.' },
  50076: { error: 'invalid_grant', status: 400, suberror: 'basic_action',
    failureReason: "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '{resource}'.",
    message: (p) => `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${p.resource ?? ''}'.` },
  50079: { error: 'invalid_grant', status: 400, suberror: 'basic_action',
    failureReason: 'Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication.',
    message: (p) => `Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '${p.resource ?? ''}'.` },
  50126: { error: 'invalid_grant', status: 400, failureReason: 'Error validating credentials due to invalid username or password.',
    message: () => 'Error validating credentials due to invalid username or password.' },
  53000: { error: 'invalid_grant', status: 400, failureReason: 'Device is not in required device state: {state}. Conditional Access policy requires a compliant device, and the device is not compliant.',
    message: () => 'Device is not in required device state: compliant. Conditional Access policy requires a compliant device, and the device is not compliant. The user must enroll their device with an approved MDM provider like Intune.' },
  53001: { error: 'invalid_grant', status: 400, failureReason: 'Device is not in required device state: domain joined.',
    message: () => 'Device is not in required device state: domain joined. Conditional Access policy requires a domain joined device, and the device is not domain joined.' },
  53003: { error: 'invalid_grant', status: 400, failureReason: 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
    message: () => 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.' },
  65001: { error: 'invalid_grant', status: 400, suberror: 'consent_required', failureReason: 'The user or administrator has not consented to use the application.',
    message: (p) => `The user or administrator has not consented to use the application with ID '${p.clientId ?? ''}' named '${p.appName ?? ''}'. Send an interactive authorization request for this user and resource.` },
  70000: { error: 'invalid_grant', status: 400, failureReason: 'The provided grant is invalid or malformed.',
    message: (p) => `The provided authorization code or refresh token has expired due to inactivity or is invalid. ${p.detail ?? ''}`.trim() },
  70011: { error: 'invalid_scope', status: 400, failureReason: 'Invalid scope.',
    message: (p) => `The provided value for the input parameter 'scope' is not valid. ${p.detail ?? ''}`.trim() },
  700016: { error: 'unauthorized_client', status: 400, failureReason: 'Application with identifier was not found in the directory.',
    message: (p) => `Application with identifier '${p.clientId ?? ''}' was not found in the directory '${p.tenant ?? ''}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.` },
  650053: { error: 'invalid_client', status: 400, failureReason: "The application asked for a scope that doesn't exist on the resource.",
    message: (p) => `The application '${p.appName ?? ''}' asked for scope '${p.scope ?? ''}' that doesn't exist on the resource '${p.resource ?? ''}'. Contact the app vendor.` },
  500011: { error: 'invalid_resource', status: 400, failureReason: 'The resource principal was not found in the tenant.',
    message: (p) => `The resource principal named ${p.resource ?? ''} was not found in the tenant named ${p.tenant ?? ''}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.` },
  28000: { error: 'invalid_scope', status: 400, failureReason: 'The scope parameter names more than one resource.',
    message: () => 'Provided value for the input parameter scope is not valid because it contains more than one resource. Scope openid profile email offline_access can be combined with the scopes of one resource only.' },
  7000218: { error: 'invalid_client', status: 401, failureReason: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    message: () => "The request body must contain the following parameter: 'client_assertion' or 'client_secret'." },
  90002: { error: 'invalid_request', status: 400, failureReason: 'Tenant not found.',
    message: (p) => `Tenant '${p.tenant ?? ''}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.` },
  900144: { error: 'invalid_request', status: 400, failureReason: 'The request body must contain a required parameter.',
    message: (p) => `The request body must contain the following parameter: '${p.param ?? ''}'.` },
  70003: { error: 'unsupported_grant_type', status: 400, failureReason: 'Unsupported grant type.',
    message: (p) => `The app requested an unsupported grant type '${p.grant ?? ''}'.` },
  501481: { error: 'invalid_grant', status: 400, failureReason: 'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    message: () => 'The Code_Verifier does not match the code_challenge supplied in the authorization request.' },
  70008: { error: 'invalid_grant', status: 400, failureReason: 'The provided authorization code or refresh token has expired.',
    message: () => 'The provided authorization code or refresh token has expired due to inactivity.' },
  50011: { error: 'invalid_request', status: 400, failureReason: 'The redirect URI does not match.',
    message: (p) => `The redirect URI '${p.redirectUri ?? ''}' specified in the request does not match the redirect URIs configured for the application '${p.clientId ?? ''}'.` },
};

/** `error_description` layout AAD uses: "AADSTSnnnnn: message\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: …". */
export function aadErrorBody(code: number, params: Record<string, string>, ids: { traceId: string; correlationId: string; timestamp: Date }, override?: { error?: string; suberror?: string }) {
  const spec = AADSTS[code];
  const message = spec ? spec.message(params) : `Unexpected error ${code}.`;
  const ts = ids.timestamp.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
  const body: Record<string, unknown> = {
    error: override?.error ?? spec?.error ?? 'invalid_request',
    error_description: `AADSTS${code}: ${message} Trace ID: ${ids.traceId} Correlation ID: ${ids.correlationId} Timestamp: ${ts}`,
    error_codes: [code],
    timestamp: ts,
    trace_id: ids.traceId,
    correlation_id: ids.correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  };
  const suberror = override?.suberror ?? spec?.suberror;
  if (suberror) body.suberror = suberror;
  return body;
}

export function aadErrorReply(code: number, params: Record<string, string>, ids: { traceId: string; correlationId: string; timestamp: Date }, override?: { error?: string; suberror?: string; status?: number }): Reply {
  const status = override?.status ?? AADSTS[code]?.status ?? 400;
  return plainJsonReply(status, aadErrorBody(code, params, ids, override), { 'cache-control': 'no-store', pragma: 'no-cache' });
}

/** The OAuth "still waiting" answers of the device code grant (no AADSTS code attached in AAD's shape beyond these). */
export function oauthPendingReply(error: 'authorization_pending' | 'expired_token' | 'authorization_declined' | 'bad_verification_code', ids: { traceId: string; correlationId: string; timestamp: Date }): Reply {
  const codes: Record<typeof error, number> = { authorization_pending: 70016, expired_token: 70020, authorization_declined: 70019, bad_verification_code: 70019 };
  const text: Record<typeof error, string> = {
    authorization_pending: 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.',
    expired_token: 'The provided value for the input parameter \'device_code\' is not valid. Device codes expire after 15 minutes.',
    authorization_declined: 'The user declined the authorization request.',
    bad_verification_code: 'The provided device code is not valid.',
  };
  const ts = ids.timestamp.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
  return plainJsonReply(400, {
    error,
    error_description: `AADSTS${codes[error]}: ${text[error]} Trace ID: ${ids.traceId} Correlation ID: ${ids.correlationId} Timestamp: ${ts}`,
    error_codes: [codes[error]],
    timestamp: ts,
    trace_id: ids.traceId,
    correlation_id: ids.correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${codes[error]}`,
  });
}
