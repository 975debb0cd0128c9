import type { TenantConnection } from './connection.js';

/**
 * Asks the identity platform whether the profile's tenant exists in this cloud, via its OpenID
 * configuration document (Entra answers HTTP 400 with AADSTS90002 for an unknown tenant). Used to
 * explain a failed sign-in: MSAL's device code flow reports such a failure only as
 * "post_request_failed: invalid_request".
 * Returns null when the tenant exists or the check itself could not be made.
 */
export async function tenantProblem(connection: TenantConnection): Promise<{ aadsts: number; message: string } | null> {
  try {
    const response = await connection.transport(`${connection.authority}/v2.0/.well-known/openid-configuration`, { method: 'GET' });
    if (response.ok) { await response.arrayBuffer(); return null; }
    const body = await response.json().catch(() => ({})) as { error_codes?: unknown; error_description?: unknown };
    const code = Array.isArray(body.error_codes) && typeof body.error_codes[0] === 'number' ? body.error_codes[0] : null;
    if (code === null) return null;
    return { aadsts: code, message: typeof body.error_description === 'string' ? body.error_description.split(/\r?\n/)[0]! : `AADSTS${code}` };
  } catch {
    return null;
  }
}
