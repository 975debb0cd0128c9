import { AppError } from '../graph/app-error.js';
import type { GraphResources, SignIn } from '../graph/resources.js';
import type { Store } from '../store/store.js';
import { signInFilter } from './sign-in-filter.js';

export interface TargetedSyncInput {
  readonly store: Store;
  readonly graph: GraphResources;
  readonly tenantId: string;
  readonly appIds: readonly string[];
  readonly user: { readonly id?: string; readonly upn?: string };
  readonly days: number;
  readonly now?: () => Date;
  readonly signal?: AbortSignal;
}

export interface TargetedSyncResult {
  readonly fetched: number;
  readonly requests: number;
  readonly since: string;
  readonly asOf: string;
}

/** Freshness key of one user's sign-ins. */
export function userSignInsResource(user: { id?: string; upn?: string }): string {
  return user.id ? `signIns:user:${user.id}` : `signIns:upn:${(user.upn ?? '').toLowerCase()}`;
}

/**
 * One user's sign-ins of the configured apps for the last N days, interactive and non-interactive,
 * as ONE filtered, paged request (see signInFilter). Rows are upserted by id per page, so a retry
 * or a repeated sync never duplicates; freshness is stamped only when every page arrived.
 */
export async function syncUserSignIns(input: TargetedSyncInput): Promise<TargetedSyncResult> {
  const { store, graph, tenantId, user } = input;
  if (!user.id && !user.upn) throw new AppError('invalid_input', 'A user id or UPN is needed to sync sign-ins.');
  if (!(input.days > 0 && input.days <= 3650)) throw new AppError('invalid_input', 'days must be between 1 and 3650.');
  const now = input.now ?? (() => new Date());
  const startedAt = now();
  const since = new Date(Math.floor((startedAt.getTime() - input.days * 86_400_000) / 1000) * 1000);
  const filter = signInFilter({ appIds: input.appIds, userId: user.id, upn: user.upn, since });
  let fetched = 0;
  let requests = 0;
  for await (const page of graph.signInPages({ filter, signal: input.signal })) {
    requests++;
    store.signIns.upsertMany(tenantId, page.value as SignIn[], 'graph', now().toISOString());
    fetched += page.value.length;
  }
  const asOf = startedAt.toISOString();
  store.syncState.markFresh(tenantId, userSignInsResource(user), asOf);
  return { fetched, requests, since: since.toISOString(), asOf };
}
