import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Where the serialized MSAL token cache lives between runs. The app implements this with Electron's
 * safeStorage (electron/main); the CLI uses the AES-256-GCM file store with an OS-provided key, or the
 * in-memory store. No implementation may write the cache in plaintext.
 */
export interface SecretStore {
  /** A human-readable description ("encrypted file …", "memory only — sign-in lasts for this process"). */
  readonly description: string;
  read(): Promise<string | null>;
  write(data: string): Promise<void>;
  clear(): Promise<void>;
}

/** Explicit in-memory store: nothing is persisted; tokens are gone when the process exits. */
export class MemorySecretStore implements SecretStore {
  readonly description = 'memory only — the sign-in lasts for this process and is never written to disk';
  private data: string | null = null;
  async read() { return this.data; }
  async write(data: string) { this.data = data; }
  async clear() { this.data = null; }
}

/** Supplies the 32-byte key of the encrypted file store (keychain, safeStorage-wrapped key, env in CI …). */
export type KeyProvider = () => Promise<Buffer>;

const MAGIC = Buffer.from('LLTC1'); // format tag + version
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM encrypted file: MAGIC | iv(12) | tag(16) | ciphertext. The file name is bound as
 * additional authenticated data, so a cache file copied over another profile's fails to decrypt.
 * A file that fails authentication is treated as absent (the user signs in again), never trusted.
 */
export class EncryptedFileSecretStore implements SecretStore {
  readonly description: string;
  constructor(private readonly path: string, private readonly key: KeyProvider) {
    this.description = `AES-256-GCM encrypted file ${path}`;
  }

  async read(): Promise<string | null> {
    let blob: Buffer;
    try { blob = readFileSync(this.path); } catch { return null; }
    if (blob.length < MAGIC.length + IV_BYTES + TAG_BYTES || !blob.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    const iv = blob.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
    const tag = blob.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES);
    const body = blob.subarray(MAGIC.length + IV_BYTES + TAG_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', await this.keyBytes(), iv);
      decipher.setAAD(Buffer.from(this.path));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }

  async write(data: string): Promise<void> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', await this.keyBytes(), iv);
    cipher.setAAD(Buffer.from(this.path));
    const body = Buffer.concat([cipher.update(data, 'utf8'), cipher.final()]);
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]), { mode: 0o600 });
    renameSync(temp, this.path);
  }

  async clear(): Promise<void> {
    rmSync(this.path, { force: true });
  }

  private async keyBytes(): Promise<Buffer> {
    const key = await this.key();
    if (key.length !== 32) throw new Error('EncryptedFileSecretStore: the key provider must return 32 bytes');
    return key;
  }
}

/** A key from an environment variable holding 64 hex characters (CI / headless machines with a secret manager). */
export function hexKeyFromEnv(env: Readonly<Record<string, string | undefined>>, name = 'LOCKOUT_LENS_CACHE_KEY'): KeyProvider | null {
  const hex = env[name];
  if (!hex || !/^[0-9a-f]{64}$/i.test(hex)) return null;
  return async () => Buffer.from(hex, 'hex');
}
