/**
 * The auth layer's SecretStore (electron/core/auth/secret-store.ts) backed by Electron's
 * safeStorage (Keychain, DPAPI, libsecret/kwallet): the MSAL cache blob, encrypted, in one file
 * under userData.
 *
 * On Linux without a secret service, safeStorage falls back to a hard-coded key (`basic_text`) —
 * effectively plaintext — so then nothing is written to disk: the blob lives in memory for this run
 * only, `persistent` is false and `description` says so for the Settings view. Takes a
 * SafeStorageLike port so it is testable without the Electron binary.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStore } from '../core/auth/secret-store.js';

/** The slice of Electron's `safeStorage` this store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface SafeSecretStore extends SecretStore {
  /** False when the secret is kept in memory only (no OS-backed encryption available). */
  readonly persistent: boolean;
}

function persistenceProblem(safe: SafeStorageLike): string | null {
  if (!safe.isEncryptionAvailable()) return 'the operating system offers no encryption for app secrets';
  if (safe.getSelectedStorageBackend?.() === 'basic_text') return 'no secret service (keyring) is running, so secrets would be stored as plain text';
  return null;
}

export function createSafeStorageSecretStore(safe: SafeStorageLike, filePath: string): SafeSecretStore {
  const problem = persistenceProblem(safe);
  let memory: string | null = null;
  if (problem) {
    return {
      persistent: false,
      description: `memory only — ${problem}; you will sign in again next time`,
      read: async () => memory,
      write: async (data) => {
        memory = data;
      },
      clear: async () => {
        memory = null;
      },
    };
  }
  return {
    persistent: true,
    description: `encrypted with the operating system's key store (${safe.getSelectedStorageBackend?.() ?? 'default'}) in ${filePath}`,
    async read() {
      let encoded: string;
      try {
        encoded = readFileSync(filePath, 'utf8');
      } catch {
        return null;
      }
      try {
        return safe.decryptString(Buffer.from(encoded, 'base64'));
      } catch {
        // Encrypted under another user or a rotated key: treat as absent, the operator signs in again.
        return null;
      }
    },
    async write(data) {
      mkdirSync(dirname(filePath), { recursive: true });
      const tmp = `${filePath}.${process.pid}.tmp`;
      writeFileSync(tmp, safe.encryptString(data).toString('base64'), { encoding: 'utf8', mode: 0o600 });
      renameSync(tmp, filePath);
    },
    async clear() {
      rmSync(filePath, { force: true });
    },
  };
}
