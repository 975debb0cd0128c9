/**
 * Redaction for anything that might be logged or shown: JWTs (access/id tokens), and the values of
 * token-ish fields in form bodies, JSON and headers (refresh tokens and auth codes are opaque, not JWTs).
 */
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer|Pop)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const FIELDS = /("?(?:access_token|refresh_token|id_token|code|code_verifier|device_code|client_secret|password|secret|assertion|client_assertion)"?\s*[=:]\s*"?)([^"&\s,}]{4,})/gi;

export function redact(text: string): string {
  return text.replace(JWT, '[redacted-jwt]').replace(BEARER, '$1 [redacted]').replace(FIELDS, '$1[redacted]');
}

/** Redacts every string inside a value (for structured logs). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map(redactDeep) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = /^(access_?token|refresh_?token|id_?token|secret|password|authorization)$/i.test(k) ? '[redacted]' : redactDeep(v);
    }
    return out as T;
  }
  return value;
}
