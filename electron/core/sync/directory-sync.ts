import type { AppError } from '../graph/app-error.js';
import { mapGraphError } from '../graph/errors.js';
import type { GraphObject, GraphResources } from '../graph/resources.js';
import type { Store } from '../store/store.js';

export type PartResult = { readonly ok: true; readonly count: number } | { readonly ok: false; readonly error: AppError };

export interface DirectorySyncResult {
  readonly asOf: string;
  readonly organization: PartResult;
  readonly policies: PartResult & { readonly added?: number; readonly deleted?: number };
  readonly namedLocations: PartResult;
  readonly servicePrincipals: PartResult;
  readonly attributeDefinitions: PartResult;
}

export interface DirectorySyncInput {
  readonly store: Store;
  readonly graph: GraphResources;
  readonly tenantId: string;
  /** Jamf Connect client ids and API app id: their service principals (with customSecurityAttributes) are fetched. */
  readonly appIds: readonly string[];
  readonly now?: () => Date;
  readonly signal?: AbortSignal;
}

/**
 * Policies (versioned), named locations, the configured apps' service principals and the attribute
 * definitions, plus the organization. Each part is its own transaction and may fail on its own — a
 * missing scope for attribute definitions must not hide the policies — and each successful part
 * stamps its freshness. The parts run concurrently: the pacing middleware keeps the two CA reads
 * (policies, named locations) inside their 1 request/s budget.
 */
export async function syncDirectory(input: DirectorySyncInput): Promise<DirectorySyncResult> {
  const { store, graph, tenantId, signal } = input;
  const asOf = (input.now ?? (() => new Date()))().toISOString();
  const part = partRunner(store, tenantId, asOf);
  const [organization, policies, namedLocations, servicePrincipals, attributeDefinitions] = await Promise.all([
    part('organization', () => graph.organization(signal), (org) => {
      if (org) store.directory.upsertOrganization(tenantId, org, asOf);
      return org ? 1 : 0;
    }),
    policiesPart(part, input, asOf),
    namedLocationsPart(part, input, asOf),
    servicePrincipalsPart(part, input, asOf),
    part('attributeDefinitions', () => graph.attributeDefinitions(signal), (list) => {
      store.directory.replaceAttributeDefinitions(tenantId, list, asOf);
      return list.length;
    }),
  ]);
  return { asOf, organization, policies, namedLocations, servicePrincipals, attributeDefinitions };
}

export type PartRunner = <T>(resource: string, fetch: () => Promise<T>, save: (value: T) => number | PartResult) => Promise<PartResult>;

/** Fetch, save in the store, stamp freshness `asOf`; a failure becomes the part's result, not a throw. */
export function partRunner(store: Store, tenantId: string, asOf: string): PartRunner {
  return async (resource, fetch, save) => {
    try {
      const value = await fetch();
      const saved = save(value);
      store.syncState.markFresh(tenantId, resource, asOf);
      return typeof saved === 'number' ? { ok: true, count: saved } : saved;
    } catch (error) {
      return { ok: false, error: mapGraphError(error) };
    }
  };
}

type PartInput = Pick<DirectorySyncInput, 'store' | 'graph' | 'tenantId' | 'appIds' | 'signal'>;

/** CA policies (beta), recorded as a new version when they changed. */
export function policiesPart(part: PartRunner, input: PartInput, asOf: string): Promise<PartResult & { readonly added?: number; readonly deleted?: number }> {
  const { store, graph, tenantId, signal } = input;
  return part('policies', () => graph.policies(signal), (list) => {
    const r = store.policies.recordPolicies(tenantId, list, asOf, 'graph', true);
    return { ok: true, count: list.length, added: r.added, deleted: r.deleted } as PartResult;
  });
}

export function namedLocationsPart(part: PartRunner, input: PartInput, asOf: string): Promise<PartResult> {
  const { store, graph, tenantId, signal } = input;
  return part('namedLocations', () => graph.namedLocations(signal), (list) => {
    store.policies.replaceNamedLocations(tenantId, list, asOf);
    return list.length;
  });
}

/** The configured apps' service principals (with customSecurityAttributes), in one request. */
export function servicePrincipalsPart(part: PartRunner, input: PartInput, asOf: string): Promise<PartResult> {
  const { store, graph, tenantId, signal } = input;
  return part('servicePrincipals', () => graph.servicePrincipalsByAppIds(input.appIds, signal), (list) => {
    store.transaction(() => { for (const sp of list) store.directory.upsertServicePrincipal(tenantId, sp, asOf); });
    return list.length;
  });
}

export interface UserSyncResult { readonly user: GraphObject; readonly memberships: number; readonly asOf: string }

/** The user (by id or UPN) and their transitive groups, directory roles and administrative units. */
export async function syncUser(input: { store: Store; graph: GraphResources; tenantId: string; idOrUpn: string;
  now?: () => Date; signal?: AbortSignal }): Promise<UserSyncResult> {
  const { store, graph, tenantId } = input;
  const asOf = (input.now ?? (() => new Date()))().toISOString();
  // Both by the id or UPN asked for, at once: the memberships need not wait for the user's object id.
  const userRequest = graph.user(input.idOrUpn, input.signal);
  const membershipsRequest = graph.transitiveMemberOf(input.idOrUpn, input.signal);
  membershipsRequest.catch(() => undefined); // awaited below; the user's own error (e.g. not found) is the one to report
  const user = await userRequest;
  const memberOf = await membershipsRequest;
  store.transaction(() => {
    store.directory.upsertUser(tenantId, user, asOf);
    store.directory.replaceMemberships(tenantId, user.id, memberOf, asOf);
    store.syncState.markFresh(tenantId, `user:${user.id}`, asOf);
  });
  return { user, memberships: memberOf.length, asOf };
}

/** Service principals whose name starts with "Jamf Connect" — to suggest the client ids for a new profile. */
export async function detectJamfConnectApps(graph: GraphResources, signal?: AbortSignal): Promise<{ appId: string; displayName: string }[]> {
  const sps = await graph.servicePrincipalsNamed('Jamf Connect', signal);
  return sps.filter((sp) => typeof sp.appId === 'string')
    .map((sp) => ({ appId: sp.appId as string, displayName: String(sp.displayName ?? sp.appId) }));
}
