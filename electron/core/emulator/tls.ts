/**
 * The per-run TLS identity of the emulator: a fresh self-signed certificate for 127.0.0.1 and
 * localhost. The app trusts it only for the emulator's origin (net/transport.ts), so nothing
 * else gets weaker. Validity uses the real clock: the TLS peer checks it against its own time.
 */
import { generate } from 'selfsigned';

export interface TlsIdentity {
  readonly certPem: string;
  readonly keyPem: string;
}

export async function makeTlsIdentity(): Promise<TlsIdentity> {
  const notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  const notAfter = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'Lockout Lens emulator (127.0.0.1)' }], {
    // P-256: generated in milliseconds (RSA-2048 takes most of a second on a small CI machine).
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      // A self-signed leaf that is also its own trust anchor: OpenSSL accepts it as `ca`.
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  return { certPem: pems.cert, keyPem: pems.private };
}
