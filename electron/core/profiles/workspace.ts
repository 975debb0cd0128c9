import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { connect, type EmulatorEndpoint, type TenantConnection } from '../auth/connection.js';
import { silentLogger, type Logger } from '../auth/logger.js';
import { EncryptedFileSecretStore, hexKeyFromEnv, MemorySecretStore, type SecretStore } from '../auth/secret-store.js';
import { createAuthSession, type AuthSession } from '../auth/session.js';
import { AppError } from '../graph/app-error.js';
import { createGraphClient, type GraphClientOptions } from '../graph/client.js';
import { GraphResources } from '../graph/resources.js';
import { openStore, type Store } from '../store/store.js';
import { cacheDatabasePath, tokenCachePath } from './config-dir.js';
import { ProfileStore } from './profile-store.js';
import type { TenantProfile } from './schema.js';

/**
 * Wires one tenant profile to everything the data path needs — connection, MSAL session, Graph
 * client, cache — so the CLI, the app's main process and tests build it the same way.
 */
export interface Workspace {
  readonly profile: TenantProfile;
  readonly connection: TenantConnection;
  readonly session: AuthSession;
  readonly graph: GraphResources;
  readonly store: Store;
  readonly secretStore: SecretStore;
  /** The tenant id (GUID) rows are keyed by: the profile's, the emulator's, or the signed-in account's. */
  tenantId(): Promise<string>;
  close(): void;
}

export interface WorkspaceOptions {
  readonly configDir: string;
  readonly profileName: string;
  readonly emulator?: EmulatorEndpoint;
  readonly secretStore?: SecretStore;
  /** Reuse an open cache (the app keeps one); otherwise <configDir>/cache.sqlite is opened and closed with the workspace. */
  readonly store?: Store;
  readonly logger?: Logger;
  readonly graph?: Partial<Omit<GraphClientOptions, 'cloud' | 'tokenProvider' | 'transport'>>;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function openWorkspace(options: WorkspaceOptions): Workspace {
  const profile = new ProfileStore(options.configDir).get(options.profileName);
  const connection = connect(profile, options.emulator);
  const secretStore = options.secretStore ?? cliSecretStore(options.configDir, profile.name, options.env ?? process.env);
  const session = createAuthSession({ connection, secretStore, logger: options.logger ?? silentLogger });
  const logger = options.logger ?? silentLogger;
  const graphClient = createGraphClient({
    pacingEvents: {
      onThrottled: (bucket, ms, hadRetryAfter) => logger.log('info', `graph: ${bucket} throttled (429${hadRetryAfter ? '' : ', no Retry-After'}); pausing ${ms} ms`),
      onWait: (bucket, ms) => logger.log('debug', `graph: ${bucket} request paced, waited ${ms} ms`),
    },
    ...options.graph, cloud: connection.cloud, tokenProvider: session, transport: connection.transport,
  });
  const ownsStore = !options.store;
  const store = options.store ?? openStore(cacheDatabasePath(options.configDir));
  return {
    profile, connection, session, graph: new GraphResources(graphClient), store, secretStore,
    async tenantId() {
      if (GUID.test(connection.tenant)) return connection.tenant.toLowerCase();
      const account = session.current() ?? (await session.accounts())[0];
      if (account?.tenantId) return account.tenantId;
      throw new AppError('auth_required', `Profile '${profile.name}' names its tenant by domain (${connection.tenant}) and is not signed in, so its tenant id is not known yet. Run 'lockout-lens login --profile ${profile.name}'.`);
    },
    close() { if (ownsStore) store.close(); },
  };
}

/** Where a profile's workspace is, as offline readers of its cache name it (CLI flags, the app's data dir). */
export interface ProfileLocation {
  readonly configDir: string;
  readonly profileName: string;
  readonly emulator?: EmulatorEndpoint;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Opens the profile's workspace for one piece of work and always closes it (the cache file stays consistent). */
export async function withWorkspace<T>(where: ProfileLocation, use: (ws: Workspace) => Promise<T> | T): Promise<T> {
  const ws = openWorkspace({
    configDir: where.configDir,
    profileName: where.profileName,
    ...(where.emulator ? { emulator: where.emulator } : {}),
    ...(where.env ? { env: where.env } : {}),
  });
  try {
    return await use(ws);
  } finally {
    ws.close();
  }
}

/**
 * The CLI's token cache: AES-256-GCM file when a key is provided in LOCKOUT_LENS_CACHE_KEY (64 hex
 * characters, e.g. from the OS keychain or a secret manager), otherwise memory only — the sign-in
 * then lasts for one command, and the CLI says so. Never a plaintext file.
 */
export function cliSecretStore(configDir: string, profileName: string, env: Readonly<Record<string, string | undefined>>): SecretStore {
  const key = hexKeyFromEnv(env);
  return key ? new EncryptedFileSecretStore(tokenCachePath(configDir, profileName), key) : new MemorySecretStore();
}

const endpointSchema = z.object({
  origin: z.string().url().startsWith('https://'),
  tenantId: z.string().min(1),
  caCertPem: z.string().includes('BEGIN CERTIFICATE'),
});

/** Reads a running emulator's endpoint file ({ origin, tenantId, caCertPem } as JSON). */
export function readEmulatorEndpoint(path: string): EmulatorEndpoint {
  let json: unknown;
  try { json = JSON.parse(readFileSync(path, 'utf8')); } catch (error) {
    throw new AppError('invalid_input', `Cannot read the emulator endpoint file ${path}: ${(error as Error).message}`);
  }
  const parsed = endpointSchema.safeParse(json);
  if (!parsed.success) throw new AppError('invalid_input', `${path} is not an emulator endpoint file (needs origin, tenantId, caCertPem).`);
  return parsed.data;
}
