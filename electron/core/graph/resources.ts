import type { GraphClient, Page } from './client.js';
import { encodeQueryValue, odata, quote, userPath, type Filter } from './odata.js';

/**
 * Typed calls per Graph resource. Objects come back as Graph's JSON (kept raw by the store); only
 * the fields the data path itself needs are typed.
 */
export type GraphObject = Record<string, unknown> & { id: string };
export type SignIn = GraphObject & { createdDateTime: string };

/** Report-only results are only returned with this header (graph-facts §1.3); also unlocks newer enum members. */
export const PREFER_UNKNOWN_ENUMS = { Prefer: 'include-unknown-enum-members' } as const;

const SP_SELECT = ['id', 'appId', 'displayName', 'servicePrincipalType', 'accountEnabled', 'appOwnerOrganizationId',
  'tags', 'customSecurityAttributes'];

export interface SignInListOptions {
  readonly filter?: Filter;
  /** Page size, max 1000 (Graph's maximum and default). */
  readonly top?: number;
  readonly signal?: AbortSignal;
}

export class GraphResources {
  constructor(readonly graph: GraphClient) {}

  /** Beta sign-ins (non-interactive rows, authenticationProtocol, conditionalAccessAudiences need beta). */
  signInPages(options: SignInListOptions = {}): AsyncGenerator<Page<SignIn>> {
    const query = [`$top=${Math.min(1000, Math.max(1, options.top ?? 1000))}`];
    if (options.filter) query.push(`$filter=${encodeQueryValue(options.filter.text)}`);
    return this.graph.pages<SignIn>('/auditLogs/signIns', {
      version: 'beta', resource: 'signIns', headers: PREFER_UNKNOWN_ENUMS, query, signal: options.signal,
    });
  }

  signIn(id: string, signal?: AbortSignal): Promise<SignIn> {
    return this.graph.get(`/auditLogs/signIns/${encodeQueryValue(id)}`, {
      version: 'beta', resource: 'signIns', headers: PREFER_UNKNOWN_ENUMS, signal,
    });
  }

  /** Beta: v1.0 leaves out policies and fields that use beta features. */
  policies(signal?: AbortSignal): Promise<GraphObject[]> {
    return this.graph.listAll('/identity/conditionalAccess/policies', {
      version: 'beta', resource: 'policies', headers: PREFER_UNKNOWN_ENUMS, signal,
    });
  }

  namedLocations(signal?: AbortSignal): Promise<GraphObject[]> {
    return this.graph.listAll('/identity/conditionalAccess/namedLocations', {
      version: 'v1.0', resource: 'namedLocations', headers: PREFER_UNKNOWN_ENUMS, signal,
    });
  }

  /**
   * The service principal of an app id, with customSecurityAttributes (only returned when selected,
   * and null when the caller may not read them — graph-facts §4.2). Null when the app has no SP here.
   */
  async servicePrincipalByAppId(appId: string, signal?: AbortSignal): Promise<GraphObject | null> {
    const list = await this.graph.get<{ value?: GraphObject[] }>('/servicePrincipals', {
      resource: 'servicePrincipals', signal,
      query: [`$filter=${encodeQueryValue(odata.eq('appId', appId).text)}`, `$select=${SP_SELECT.join(',')}`],
    });
    return list.value?.[0] ?? null;
  }

  /**
   * The service principals of several app ids in ONE request (`appId in (…)`), with
   * customSecurityAttributes. Apps without a service principal here are simply absent. If the
   * service refuses the `in` query (400), falls back to one request per app id.
   */
  async servicePrincipalsByAppIds(appIds: readonly string[], signal?: AbortSignal): Promise<GraphObject[]> {
    const unique = [...new Set(appIds.map((a) => a.toLowerCase()))];
    if (unique.length === 0) return [];
    if (unique.length === 1) { const sp = await this.servicePrincipalByAppId(unique[0]!, signal); return sp ? [sp] : []; }
    try {
      return await this.graph.listAll<GraphObject>('/servicePrincipals', {
        resource: 'servicePrincipals', signal,
        query: [`$filter=${encodeQueryValue(odata.in('appId', unique).text)}`, `$select=${SP_SELECT.join(',')}`],
      });
    } catch (error) {
      if ((error as { code?: string }).code !== 'bad_request') throw error;
      const found: GraphObject[] = [];
      for (const appId of unique) { const sp = await this.servicePrincipalByAppId(appId, signal); if (sp) found.push(sp); }
      return found;
    }
  }

  /** Service principals whose display name starts with `prefix` — to detect Jamf Connect apps. */
  servicePrincipalsNamed(prefix: string, signal?: AbortSignal): Promise<GraphObject[]> {
    return this.graph.listAll('/servicePrincipals', {
      resource: 'servicePrincipals', signal,
      query: [`$filter=${encodeQueryValue(odata.startsWith('displayName', prefix).text)}`, `$select=${SP_SELECT.join(',')}`],
    });
  }

  attributeDefinitions(signal?: AbortSignal): Promise<GraphObject[]> {
    return this.graph.listAll('/directory/customSecurityAttributeDefinitions', {
      resource: 'attributeDefinitions', signal, query: ['$expand=allowedValues'],
    });
  }

  /** A user by object id or UPN (guest `#EXT#` and `o'brien` forms handled, see odata.userPath). */
  user(idOrUpn: string, signal?: AbortSignal): Promise<GraphObject> {
    return this.graph.get(userPath(idOrUpn), {
      resource: 'users', signal,
      query: ['$select=id,userPrincipalName,displayName,mail,accountEnabled,userType,onPremisesSyncEnabled,createdDateTime'],
    });
  }

  /** Users whose UPN equals `upn` via $filter (the quoted literal has its quotes doubled). */
  async usersByUpnFilter(upn: string, signal?: AbortSignal): Promise<GraphObject[]> {
    const body = await this.graph.get<{ value?: GraphObject[] }>('/users', {
      resource: 'users', signal, query: [`$filter=${encodeQueryValue(odata.eq('userPrincipalName', upn).text)}`],
    });
    return body.value ?? [];
  }

  /**
   * Users whose UPN or display name starts with `prefix` (the people picker's query). startswith is
   * in Graph's default query support for both properties, so no ConsistencyLevel header is needed;
   * the literal's quotes are doubled by odata.startsWith (`o'brien` → `'o''brien'`).
   */
  async searchUsers(prefix: string, top = 20, signal?: AbortSignal): Promise<GraphObject[]> {
    const filter = odata.or(odata.startsWith('userPrincipalName', prefix), odata.startsWith('displayName', prefix));
    const body = await this.graph.get<{ value?: GraphObject[] }>('/users', {
      resource: 'users', signal,
      query: [`$filter=${encodeQueryValue(filter.text)}`, `$top=${Math.min(999, Math.max(1, top))}`,
        '$select=id,userPrincipalName,displayName,mail,accountEnabled'],
    });
    return body.value ?? [];
  }

  /**
   * Groups, directory roles (roleTemplateId) and administrative units the user is in, transitively.
   * Takes an object id or a UPN (Graph addresses /users/{id | userPrincipalName}), so it can run
   * beside the user's own GET instead of after it.
   */
  transitiveMemberOf(userIdOrUpn: string, signal?: AbortSignal): Promise<GraphObject[]> {
    return this.graph.listAll(`${userPath(userIdOrUpn)}/transitiveMemberOf`, {
      resource: 'memberships', signal, query: ['$top=999'],
    });
  }

  async organization(signal?: AbortSignal): Promise<GraphObject | null> {
    const body = await this.graph.get<{ value?: GraphObject[] }>('/organization', { resource: 'organization', signal });
    return body.value?.[0] ?? null;
  }
}

export { quote };
