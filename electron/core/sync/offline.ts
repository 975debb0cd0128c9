import { AppError } from '../graph/app-error.js';
import { mapGraphError } from '../graph/errors.js';

/** How a read may use the network. */
export interface ReadMode {
  /** Answer from the cache when it holds data fresher than `maxAgeMs`, without touching the network. */
  readonly preferCache?: boolean;
  readonly maxAgeMs?: number;
  /** False = never touch the network (airplane mode, "work offline"). */
  readonly online: boolean;
}

export type DataStatus =
  | { readonly source: 'graph'; readonly asOf: string }
  | { readonly source: 'cache'; readonly asOf: string | null; readonly reason: CacheReason; readonly error?: AppError };

/**
 * preferred: fresh enough, network not asked · offline-mode: the caller is offline · network-failed:
 * Graph could not be reached · refresh-failed: Graph answered with an error (role, licence, throttling …).
 */
export type CacheReason = 'preferred' | 'offline-mode' | 'network-failed' | 'refresh-failed';

export interface Read<T> { readonly value: T; readonly status: DataStatus }

/**
 * Online-first with cache fallback: refresh from Graph (which writes the cache), then answer from
 * the cache; when the refresh fails the cached answer comes back with status `{ source: 'cache',
 * asOf, reason: 'network-failed' | 'refresh-failed', error }` so the UI can say "offline — showing
 * cache from 09:12".
 * An error is thrown only when there is nothing cached to show and the refresh failed.
 */
export async function readWithFallback<T>(options: {
  readonly mode: ReadMode;
  /** When the cached data was last refreshed (null = never). */
  readonly cachedAsOf: () => string | null;
  readonly readCache: () => T;
  /** Refreshes the cache from Graph; returns the asOf of the refresh. */
  readonly refresh: () => Promise<string>;
  readonly now?: () => Date;
}): Promise<Read<T>> {
  const { mode } = options;
  const now = options.now ?? (() => new Date());
  const asOf = options.cachedAsOf();
  if (!mode.online) return { value: options.readCache(), status: { source: 'cache', asOf, reason: 'offline-mode' } };
  if (mode.preferCache && asOf && now().getTime() - Date.parse(asOf) <= (mode.maxAgeMs ?? 15 * 60_000)) {
    return { value: options.readCache(), status: { source: 'cache', asOf, reason: 'preferred' } };
  }
  try {
    const refreshedAt = await options.refresh();
    return { value: options.readCache(), status: { source: 'graph', asOf: refreshedAt } };
  } catch (error) {
    const appError = mapGraphError(error);
    if (appError.code === 'cancelled') throw appError;
    if (asOf === null) {
      throw new AppError(appError.code, `${appError.message} Nothing is cached for this yet.`, appError.details, { cause: appError });
    }
    const reason: CacheReason = appError.code === 'offline' ? 'network-failed' : 'refresh-failed';
    return { value: options.readCache(), status: { source: 'cache', asOf, reason, error: appError } };
  }
}
