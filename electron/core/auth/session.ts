import {
  LogLevel as MsalLogLevel, PublicClientApplication, type AccountInfo, type AuthenticationResult, type Configuration,
} from '@azure/msal-node';
import { AppError } from '../graph/app-error.js';
import type { TokenProvider } from '../graph/client.js';
import { createMsalNetworkModule } from '../net/msal-network.js';
import { secretStoreCachePlugin } from './cache-plugin.js';
import { isEmulatorCloud, type TenantConnection } from './connection.js';
import { mapAuthError } from './errors.js';
import { tenantProblem } from './tenant-check.js';
import { withInteractiveDeadline, type InteractiveDeadline } from './interactive-deadline.js';
import { silentLogger, type Logger } from './logger.js';
import { qualifyScopes, READ_SCOPES } from './scopes.js';
import type { SecretStore } from './secret-store.js';

export type OpenBrowser = (url: string) => Promise<void>;

export interface DeviceCodeInfo {
  readonly userCode: string;
  readonly verificationUri: string;
  readonly message: string;
  readonly expiresIn: number;
}

export interface AccountSummary {
  readonly homeAccountId: string;
  readonly username: string;
  readonly name?: string;
  readonly tenantId: string;
}

/**
 * The operator's sign-in for one tenant profile. MSAL stays behind this interface (graph-facts §8.1:
 * its public-client API may change in a future major).
 */
export interface AuthSession extends TokenProvider {
  /** Gives up (AppError 'cancelled') after `timeoutMs` (default 5 min) or when `signal` aborts. */
  signInInteractive(openBrowser: OpenBrowser, options?: { loginHint?: string } & InteractiveDeadline): Promise<AccountSummary>;
  signInDeviceCode(callback: (info: DeviceCodeInfo) => void | Promise<void>, options?: { signal?: AbortSignal }): Promise<AccountSummary>;
  /** Silent: from the cache, refreshed with the refresh token on expiry. Default scopes: READ_SCOPES. */
  getAccessToken(scopes?: readonly string[]): Promise<string>;
  /** Incremental consent (interactive) for write scopes, when an operator applies a change. */
  requestAdditionalScopes(scopes: readonly string[], openBrowser: OpenBrowser, deadline?: InteractiveDeadline): Promise<void>;
  accounts(): Promise<AccountSummary[]>;
  current(): AccountSummary | null;
  useAccount(homeAccountId: string): Promise<AccountSummary>;
  /** Removes the account (default: the current one) from the token cache. */
  signOut(homeAccountId?: string): Promise<void>;
  grantedScopes(): readonly string[] | undefined;
}

export interface AuthSessionOptions {
  readonly connection: TenantConnection;
  readonly secretStore: SecretStore;
  readonly logger?: Logger;
}

export function createAuthSession(options: AuthSessionOptions): AuthSession {
  return new MsalAuthSession(options);
}

class MsalAuthSession implements AuthSession {
  private readonly pca: PublicClientApplication;
  private readonly readScopes: string[];
  private account: AccountInfo | null = null;
  private lastScopes: readonly string[] | undefined;

  constructor(private readonly options: AuthSessionOptions) {
    const { connection } = options;
    const logger = options.logger ?? silentLogger;
    const cloud = connection.cloud;
    const auth: Configuration['auth'] = { clientId: connection.profile.clientId, authority: connection.authority };
    if (isEmulatorCloud(cloud)) {
      auth.knownAuthorities = cloud.knownAuthorities;
      auth.authorityMetadata = cloud.authorityMetadata;
      auth.cloudDiscoveryMetadata = cloud.cloudDiscoveryMetadata;
    }
    this.pca = new PublicClientApplication({
      auth,
      cache: { cachePlugin: secretStoreCachePlugin(options.secretStore) },
      system: {
        networkClient: createMsalNetworkModule(connection.transport),
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: MsalLogLevel.Info,
          // logger.log redacts; MSAL is told not to log PII in the first place.
          loggerCallback: (_level, message) => logger.log('debug', `msal: ${message}`),
        },
      },
    });
    this.readScopes = qualifyScopes(READ_SCOPES, connection.profile.cloud, cloud.graphBaseUrl);
  }

  async signInInteractive(openBrowser: OpenBrowser, options: { loginHint?: string } & InteractiveDeadline = {}): Promise<AccountSummary> {
    const result = await this.run(() => withInteractiveDeadline((browser) => this.pca.acquireTokenInteractive({
      scopes: this.readScopes, openBrowser: browser, loginHint: options.loginHint,
      successTemplate: 'Signed in to Lockout Lens. You can close this window.',
      errorTemplate: 'Lockout Lens sign-in failed: {error}. You can close this window.',
    }), openBrowser, options));
    return this.adopt(result);
  }

  async signInDeviceCode(callback: (info: DeviceCodeInfo) => void | Promise<void>, options: { signal?: AbortSignal } = {}): Promise<AccountSummary> {
    const request = {
      scopes: this.readScopes,
      deviceCodeCallback: (r: { userCode: string; verificationUri: string; message: string; expiresIn: number }) => {
        void Promise.resolve(callback({ userCode: r.userCode, verificationUri: r.verificationUri, message: r.message, expiresIn: r.expiresIn }))
          .catch((e) => this.options.logger?.log('warn', `device code callback failed: ${(e as Error).message}`));
      },
      cancel: false,
    };
    options.signal?.addEventListener('abort', () => { request.cancel = true; }, { once: true });
    const result = await this.run(() => this.pca.acquireTokenByDeviceCode(request));
    if (!result) throw new AppError('cancelled', 'The device code sign-in was cancelled.');
    return this.adopt(result);
  }

  async getAccessToken(scopes?: readonly string[]): Promise<string> {
    const account = await this.currentOrCached();
    const wanted = scopes ? qualifyScopes(scopes, this.options.connection.profile.cloud, this.options.connection.cloud.graphBaseUrl) : this.readScopes;
    const result = await this.run(() => this.pca.acquireTokenSilent({ account, scopes: wanted }));
    this.lastScopes = result.scopes;
    return result.accessToken;
  }

  async requestAdditionalScopes(scopes: readonly string[], openBrowser: OpenBrowser, deadline: InteractiveDeadline = {}): Promise<void> {
    const account = await this.currentOrCached();
    const wanted = qualifyScopes(scopes, this.options.connection.profile.cloud, this.options.connection.cloud.graphBaseUrl);
    const result = await this.run(() => withInteractiveDeadline((browser) => this.pca.acquireTokenInteractive({
      scopes: wanted, openBrowser: browser, loginHint: account.username, prompt: 'consent',
      successTemplate: 'Permission granted. You can close this window.',
    }), openBrowser, deadline));
    this.adopt(result);
  }

  async accounts(): Promise<AccountSummary[]> {
    return (await this.pca.getTokenCache().getAllAccounts()).map(summary);
  }

  current(): AccountSummary | null {
    return this.account ? summary(this.account) : null;
  }

  async useAccount(homeAccountId: string): Promise<AccountSummary> {
    const account = await this.pca.getTokenCache().getAccountByHomeId(homeAccountId);
    if (!account) throw new AppError('auth_required', 'That account is not signed in on this profile.');
    this.account = account;
    return summary(account);
  }

  async signOut(homeAccountId?: string): Promise<void> {
    const cache = this.pca.getTokenCache();
    const targets = homeAccountId
      ? [await cache.getAccountByHomeId(homeAccountId)].filter((a): a is AccountInfo => a !== null)
      : this.account ? [this.account] : await cache.getAllAccounts();
    for (const account of targets) await cache.removeAccount(account);
    if (!homeAccountId || this.account?.homeAccountId === homeAccountId) this.account = null;
    if ((await cache.getAllAccounts()).length === 0) await this.options.secretStore.clear();
  }

  grantedScopes(): readonly string[] | undefined {
    return this.lastScopes;
  }

  private async currentOrCached(): Promise<AccountInfo> {
    if (this.account) return this.account;
    const [first] = await this.pca.getTokenCache().getAllAccounts();
    if (!first) throw new AppError('auth_required', `Not signed in to profile '${this.options.connection.profile.name}'. Run 'lockout-lens login'.`);
    this.account = first;
    return first;
  }

  private adopt(result: AuthenticationResult): AccountSummary {
    if (!result.account) throw new AppError('auth_failed', 'The sign-in returned no account.');
    this.account = result.account;
    this.lastScopes = result.scopes;
    return summary(result.account);
  }

  private async run<T>(fn: () => Promise<T>): Promise<T> {
    try { return await fn(); } catch (error) {
      const mapped = mapAuthError(error);
      if (mapped.code !== 'auth_failed') throw mapped;
      // A generic failure may hide an unknown tenant (device code reports only "invalid_request"): ask the authority.
      const problem = await tenantProblem(this.options.connection);
      throw problem ? mapAuthError({ errorNo: String(problem.aadsts), errorMessage: problem.message }) : mapped;
    }
  }
}

function summary(a: AccountInfo): AccountSummary {
  return { homeAccountId: a.homeAccountId, username: a.username, name: a.name, tenantId: a.tenantId };
}
