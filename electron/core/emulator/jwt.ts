/**
 * RS256 JWTs with a key made per run, published at the JWKS endpoint. Access tokens are checked by
 * the emulator's Graph (signature, expiry by the emulator clock, audience); MSAL does not verify
 * id_token signatures (toolchain-spike §5) but a real signature keeps other consumers honest.
 */
import { createHash, createPublicKey, generateKeyPair, sign, verify, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** Async so several emulators starting in one process do not block each other. */
export async function makeSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const kid = createHash('sha256').update(der).digest('base64url').slice(0, 27);
  return { kid, privateKey, publicKey };
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');

export function signJwt(key: SigningKey, claims: Record<string, unknown>): string {
  const head = b64({ typ: 'JWT', alg: 'RS256', kid: key.kid });
  const body = b64(claims);
  const signature = sign('sha256', Buffer.from(`${head}.${body}`), key.privateKey).toString('base64url');
  return `${head}.${body}.${signature}`;
}

export type JwtCheck =
  | { ok: true; claims: Record<string, unknown> }
  | { ok: false; reason: 'malformed' | 'signature' };

export function verifyJwt(key: SigningKey, token: string): JwtCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return { ok: false, reason: 'malformed' };
  let header: unknown;
  let claims: unknown;
  try {
    header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!header || typeof header !== 'object' || (header as { alg?: unknown }).alg !== 'RS256') return { ok: false, reason: 'signature' };
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) return { ok: false, reason: 'malformed' };
  const good = verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), key.publicKey, Buffer.from(parts[2]!, 'base64url'));
  return good ? { ok: true, claims: claims as Record<string, unknown> } : { ok: false, reason: 'signature' };
}

/** The JWKS document (`/{tenant}/discovery/v2.0/keys`). */
export function jwks(key: SigningKey): { keys: Record<string, unknown>[] } {
  const jwk = createPublicKey(key.publicKey).export({ format: 'jwk' }) as { n: string; e: string };
  return { keys: [{ kty: 'RSA', use: 'sig', kid: key.kid, x5t: key.kid, n: jwk.n, e: jwk.e, alg: 'RS256' }] };
}
