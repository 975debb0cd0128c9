import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapGraphError, OFFLINE_ERROR_NAME } from '../../../electron/core/graph/errors.js';
import { mapAuthError } from '../../../electron/core/auth/errors.js';

const graphError = (statusCode: number, code: string, message = 'x') => ({ statusCode, code, message, requestId: 'req-1' });

test('no P1 licence is told apart from missing permission', () => {
  const e = mapGraphError(graphError(403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', "Neither tenant is B2C or tenant doesn't have premium license"), { resource: 'signIns' });
  assert.equal(e.code, 'no_premium_licence');
  assert.match(e.message, /P1 or P2/);
  assert.equal(e.details.requestId, 'req-1');
});

test('403 with the scope missing from the token names the scope', () => {
  const e = mapGraphError(graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges'), { resource: 'policies', grantedScopes: ['AuditLog.Read.All'] });
  assert.equal(e.code, 'missing_scope');
  assert.deepEqual(e.details.missing, ['Policy.Read.All']);
});

test('403 with the scope granted names the roles that would allow it', () => {
  const e = mapGraphError(graphError(403, 'Authorization_RequestDenied'), {
    resource: 'customSecurityAttributes', grantedScopes: ['https://graph.microsoft.com/CustomSecAttributeAssignment.Read.All'],
  });
  assert.equal(e.code, 'missing_role');
  assert.match(e.message, /Attribute Assignment Reader/);
});

test('throttled, server errors, auth expiry, not found', () => {
  assert.equal(mapGraphError(graphError(429, 'TooManyRequests'), { resource: 'signIns' }).code, 'throttled');
  assert.equal(mapGraphError(graphError(503, 'ServiceUnavailable')).code, 'server_error');
  assert.equal(mapGraphError(graphError(401, 'InvalidAuthenticationToken')).code, 'auth_required');
  assert.equal(mapGraphError(graphError(404, 'Request_ResourceNotFound')).code, 'not_found');
});

test('transport failures become "offline", whatever wrapped them', () => {
  const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) });
  assert.equal(mapGraphError(refused).code, 'offline');
  // graph-client flattens middleware errors into GraphError { statusCode: -1, code: error.name, body: String(error) }.
  const flattened = { statusCode: -1, code: OFFLINE_ERROR_NAME, message: 'ENOTFOUND: getaddrinfo ENOTFOUND graph.microsoft.com', body: 'x' };
  const e = mapGraphError(flattened);
  assert.equal(e.code, 'offline');
  assert.match(e.message, /ENOTFOUND/);
  const aborted = Object.assign(new Error('aborted'), { name: 'AbortError' });
  assert.equal(mapGraphError(aborted).code, 'cancelled');
});

test('MSAL server errors map by AADSTS number', () => {
  assert.equal(mapAuthError({ errorCode: 'invalid_request', errorNo: '90002', errorMessage: "AADSTS90002: Tenant 'x' not found." }).code, 'tenant_not_found');
  assert.match(mapAuthError({ errorCode: 'invalid_client', errorMessage: 'AADSTS7000218: The request body must contain client_assertion' }).message, /Allow public client flows/);
  assert.equal(mapAuthError({ name: 'InteractionRequiredAuthError', errorCode: 'invalid_grant' }).code, 'auth_required');
});
