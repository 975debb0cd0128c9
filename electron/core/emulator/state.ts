/**
 * Everything the emulator remembers: the tenant (a working copy of the loaded snapshot, mutated by
 * Graph writes), sign-ins with the moment each becomes visible (ingestion delay), and the identity
 * platform's short-lived records (auth codes, refresh tokens, device codes, user consent).
 */
import type { GraphObject, TenantSnapshot } from '../snapshot/types.js';

export interface SignInEntry {
  readonly record: GraphObject;
  /** Emulator-clock ms from which Graph lists it (ingestion delay). */
  readonly visibleAtMs: number;
}

export interface AuthCodeRecord {
  readonly userId: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly codeChallenge: string | null;
  readonly codeChallengeMethod: string | null;
  readonly nonce: string | null;
  readonly expiresAtMs: number;
}

export interface RefreshTokenRecord {
  readonly userId: string;
  readonly clientId: string;
  readonly expiresAtMs: number;
}

export interface DeviceCodeRecord {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly expiresAtMs: number;
  status: 'pending' | 'approved' | 'declined' | 'redeemed';
  userId?: string;
}

export interface RequestLogEntry {
  readonly atMs: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** grant_type of token requests, fault kind when one was injected. */
  readonly note?: string;
}

const REQUEST_LOG_LIMIT = 2000;

/**
 * Snapshots are JSON data, and a JSON round trip copies big object graphs many times faster than
 * structuredClone (300k sign-ins: ~2 s against ~35 s on this machine).
 */
export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

export class EmulatorState {
  snapshot!: TenantSnapshot;
  signIns: SignInEntry[] = [];
  readonly authCodes = new Map<string, AuthCodeRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly deviceCodes = new Map<string, DeviceCodeRecord>();
  /** `${userId}|${clientId}` → scopes the user consented to interactively (incremental consent). */
  readonly consents = new Map<string, Set<string>>();
  readonly requestLog: RequestLogEntry[] = [];
  /** Bumped whenever the sign-in list changes; keys the listing caches. */
  signInsVersion = 0;
  private sortedCache: { version: number; desc: GraphObject[]; visibleAt: Map<GraphObject, number> } | undefined;

  constructor(snapshot: TenantSnapshot) {
    this.load(snapshot);
  }

  /** Replace the tenant. Sign-ins in the snapshot are visible at once; tokens issued so far stay valid. */
  load(snapshot: TenantSnapshot): void {
    // Sign-in records are never modified by the emulator (responses are shaped copies), so they are
    // shared rather than copied: a million of them would not fit in one JSON string anyway.
    const { signIns, ...rest } = snapshot;
    const copy = clone(rest) as TenantSnapshot;
    copy.signIns = Array.isArray(signIns) ? [...signIns] : [];
    for (const key of ['organization', 'users', 'groups', 'directoryRoles', 'servicePrincipals', 'attributeSets',
      'customSecurityAttributeDefinitions', 'conditionalAccessPolicies', 'namedLocations', 'signIns'] as const) {
      if (!Array.isArray(copy[key])) (copy as Record<string, unknown>)[key] = [];
    }
    if (!copy.transitiveMemberOf || typeof copy.transitiveMemberOf !== 'object') copy.transitiveMemberOf = {};
    this.signIns = copy.signIns.map((record) => ({ record, visibleAtMs: Number.NEGATIVE_INFINITY }));
    this.signInsVersion++;
    copy.signIns = [];
    this.snapshot = copy;
  }

  /** The tenant as a snapshot again (all sign-ins, including those not yet ingested). */
  export(): TenantSnapshot {
    const out: TenantSnapshot = clone({ ...this.snapshot, signIns: [] as GraphObject[] });
    out.signIns = this.signIns.map((e) => clone(e.record));
    return out;
  }

  appendSignIn(entry: SignInEntry): void {
    this.signIns.push(entry);
    this.signInsVersion++;
  }

  /**
   * Sign-ins newest first (stable for equal times: later entries first), with their visibility
   * times. Sorted once per change of the list, not once per page.
   */
  signInsNewestFirst(): { desc: GraphObject[]; visibleAt: Map<GraphObject, number> } {
    if (this.sortedCache?.version !== this.signInsVersion) {
      const entries = this.signIns.map((e, i) => ({ e, i, t: Date.parse(String(e.record.createdDateTime)) || 0 }));
      entries.sort((a, b) => b.t - a.t || b.i - a.i);
      this.sortedCache = { version: this.signInsVersion, desc: entries.map((x) => x.e.record), visibleAt: new Map(entries.map((x) => [x.e.record, x.e.visibleAtMs])) };
    }
    return this.sortedCache;
  }

  logRequest(entry: RequestLogEntry): void {
    this.requestLog.push(entry);
    if (this.requestLog.length > REQUEST_LOG_LIMIT) this.requestLog.splice(0, this.requestLog.length - REQUEST_LOG_LIMIT);
  }

  // ---- directory look-ups -------------------------------------------------------------------

  get tenantId(): string {
    const id = this.snapshot.organization[0]?.id;
    return typeof id === 'string' && id ? id : '00000000-0000-0000-0000-000000000000';
  }

  /** Domain names the tenant answers to in authority URLs (verifiedDomains[].name). */
  get domains(): string[] {
    const org = this.snapshot.organization[0] as { verifiedDomains?: { name?: unknown }[] } | undefined;
    return (org?.verifiedDomains ?? []).map((d) => d.name).filter((n): n is string => typeof n === 'string').map((n) => n.toLowerCase());
  }

  findUser(idOrUpn: string): GraphObject | undefined {
    const needle = idOrUpn.toLowerCase();
    return this.snapshot.users.find((u) => (typeof u.id === 'string' && u.id.toLowerCase() === needle)
      || (typeof u.userPrincipalName === 'string' && u.userPrincipalName.toLowerCase() === needle));
  }

  memberOf(userId: string): GraphObject[] {
    return this.snapshot.transitiveMemberOf[userId] ?? [];
  }

  /** Role template ids of the user's (active) directory roles — what `wids` and CA includeRoles use. */
  roleTemplateIds(userId: string): string[] {
    const ids = new Set<string>();
    for (const o of this.memberOf(userId)) {
      const type = typeof o['@odata.type'] === 'string' ? (o['@odata.type'] as string).toLowerCase() : '';
      if (type === '#microsoft.graph.directoryrole' && typeof o.roleTemplateId === 'string') ids.add(o.roleTemplateId.toLowerCase());
    }
    return [...ids];
  }

  groupIds(userId: string): string[] {
    return this.memberOf(userId)
      .filter((o) => typeof o['@odata.type'] === 'string' && (o['@odata.type'] as string).toLowerCase() === '#microsoft.graph.group')
      .map((o) => o.id).filter((id): id is string => typeof id === 'string');
  }

  findApplication(appId: string): GraphObject | undefined {
    const needle = appId.toLowerCase();
    return (this.snapshot.applications ?? []).find((a) => typeof a.appId === 'string' && a.appId.toLowerCase() === needle);
  }

  findServicePrincipalByAppId(appId: string): GraphObject | undefined {
    const needle = appId.toLowerCase();
    return this.snapshot.servicePrincipals.find((s) => typeof s.appId === 'string' && s.appId.toLowerCase() === needle);
  }

  /** SP whose appId or one of whose servicePrincipalNames (api://…) is `resource`. */
  findServicePrincipalByResource(resource: string): GraphObject | undefined {
    const needle = resource.toLowerCase().replace(/\/+$/, '');
    return this.snapshot.servicePrincipals.find((s) => {
      if (typeof s.appId === 'string' && (s.appId.toLowerCase() === needle || `api://${s.appId.toLowerCase()}` === needle)) return true;
      const names = Array.isArray(s.servicePrincipalNames) ? s.servicePrincipalNames : [];
      return names.some((n) => typeof n === 'string' && n.toLowerCase().replace(/\/+$/, '') === needle);
    });
  }
}
