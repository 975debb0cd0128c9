import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { SecretStore } from './secret-store.js';

/** MSAL cache plugin over a SecretStore: load before each cache access, save when MSAL changed it. */
export function secretStoreCachePlugin(store: SecretStore): ICachePlugin {
  return {
    async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
      const data = await store.read();
      if (data) context.tokenCache.deserialize(data);
    },
    async afterCacheAccess(context: TokenCacheContext): Promise<void> {
      if (context.cacheHasChanged) await store.write(context.tokenCache.serialize());
    },
  };
}
